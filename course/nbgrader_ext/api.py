"""Open nbgrader's API on a course directory, with that directory's nbgrader_config.py."""
from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path

from nbgrader.apps import NbGraderAPI
from traitlets.config import Config
from traitlets.config.loader import PyFileConfigLoader


def load_config(course_dir: Path) -> Config:
    course_dir = Path(course_dir).resolve()
    loader = PyFileConfigLoader("nbgrader_config.py", path=str(course_dir))
    config = loader.load_config()
    config.CourseDirectory.root = str(course_dir)
    return config


@contextmanager
def working_directory(path: Path):
    previous = Path.cwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(previous)


def nbgrader_api(course_dir: Path) -> NbGraderAPI:
    return NbGraderAPI(config=load_config(course_dir))
