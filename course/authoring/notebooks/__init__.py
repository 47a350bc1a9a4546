"""Content modules: one per assignment, named after its catalogue id."""
