"""The shared JupyterHub of a training centre (`casp hub`): one Unix account and one hub user per person,
learner or trainer, created from the roster CSV a trainer fills in (roster.py reads and writes it)."""
