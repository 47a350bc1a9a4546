"""The grading layer on top of nbgrader's gradebook: points → rubric levels → marks /20."""
