"""Authoring: builds the instructor notebooks in source/ from each assignment folder.

`assignments/<id>/` holds the teaching content of one assignment as MyST notebooks (text), its expected
values (`attendus.py`) and its catalogue entry (`devoir.yaml`); the header, rubric grid, writing prompts,
oral task cells and self-check are rendered from the catalogue so that nothing is typed twice.
"""
