"""Interactive widgets learners use in the notebooks (ipywidgets)."""
