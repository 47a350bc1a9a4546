"""Scratch course directories: a full nbgrader course beside, never inside, the repository.

The demo and the tests work in one so that the repository's own gradebook and exchange
are never touched.
"""
from __future__ import annotations

import shutil
from pathlib import Path

SCRATCH_CONFIG = '''
# --- scratch course (casp): simulated learners all run as the same OS user ---
c.ExchangeCollect.check_owner = False
c.Exchange.root = str(COURSE_DIR / "exchange")
c.CourseDirectory.db_url = f"sqlite:///{COURSE_DIR / 'gradebook.db'}"
'''


def make_scratch_course(dest: Path, course_dir: Path, assignment_ids: list[str], with_source: bool = True) -> Path:
    """Copy config, the given assignment folders and (with_source) their source/ notebooks into a fresh `dest`."""
    dest = Path(dest).resolve()
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    config = (course_dir / "nbgrader_config.py").read_text(encoding="utf-8")
    (dest / "nbgrader_config.py").write_text(config + SCRATCH_CONFIG, encoding="utf-8")
    (dest / "assignments").mkdir()
    for assignment_id in assignment_ids:
        shutil.copytree(course_dir / "assignments" / assignment_id, dest / "assignments" / assignment_id)
        if with_source:
            shutil.copytree(course_dir / "source" / assignment_id, dest / "source" / assignment_id)
    return dest
