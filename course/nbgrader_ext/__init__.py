"""Glue with nbgrader: configuration of scratch course directories, release, cohort runs."""
