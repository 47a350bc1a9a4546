"""`casp demo`: the whole nbgrader cycle on a synthetic cohort, in a scratch course directory."""
