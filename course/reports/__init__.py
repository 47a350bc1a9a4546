"""Reports derived from the gradebook: cohort tables, CSV exports, charts."""
