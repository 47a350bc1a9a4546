"""Authoring: builds the instructor notebooks in source/ from the catalogue and content modules.

`notebooks/<assignment_id>.py` holds the teaching content of one assignment; the
header, rubric grid, writing prompts, oral task cells and self-check are rendered
from the catalogue so that nothing is typed twice.
"""
