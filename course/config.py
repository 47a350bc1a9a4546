"""A course directory's nbgrader configuration (`nbgrader_config.py`), read without importing nbgrader's apps.

Reports, the lab and the CLI need the gradebook's URL and the exchange's place; reading them must not
depend on the layer that drives nbgrader.
"""
from __future__ import annotations

from pathlib import Path

from traitlets.config import Config
from traitlets.config.loader import PyFileConfigLoader

CONFIG_FILE = "nbgrader_config.py"


def load_config(course_dir: Path) -> Config:
    course_dir = Path(course_dir).resolve()
    config = PyFileConfigLoader(CONFIG_FILE, path=str(course_dir)).load_config()
    config.CourseDirectory.root = str(course_dir)
    return config


def gradebook_url(course_dir: Path) -> str:
    return load_config(course_dir).CourseDirectory.db_url
