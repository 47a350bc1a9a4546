"""Where a course's hub keeps everything, and the names it gives (grader account, database)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

DEFAULT_ROOT = Path("/srv/casp-hub")
DEFAULT_HOMES = Path("/home")
GRADER_PREFIX = "correcteur-"  # the grader account of course X is correcteur-X (roster.py reserves the prefix)
MAX_LOGIN = 32  # Unix user names


@dataclass(frozen=True)
class HubLayout:
    root: Path  # the hub's folder (see the header of the generated jupyterhub_config.py)
    homes: Path  # where Unix homes are created: homes/<login>
    course_id: str
    python_dir: Path | None = None  # the users' virtual environment; root/python unless given (tests share one)
    grader_name: str | None = None  # the grader account; correcteur-<course> unless given (tests: throwaway ones)

    @property
    def config_file(self) -> Path:
        return self.root / "jupyterhub_config.py"

    @property
    def accounts_file(self) -> Path:
        return self.root / "comptes.csv"

    @property
    def state(self) -> Path:
        return self.root / "etat"

    @property
    def venv(self) -> Path:
        return self.python_dir or self.root / "python"

    @property
    def roles(self) -> Path:
        return self.root / "roles"

    @property
    def exchange(self) -> Path:
        return self.root / "echange"

    @property
    def postgres(self) -> Path:
        return self.root / "postgres"

    @property
    def logs(self) -> Path:
        return self.root / "journaux"

    @property
    def grader(self) -> str:
        return self.grader_name or grader_login(self.course_id)

    @property
    def grader_home(self) -> Path:
        return self.homes / self.grader

    @property
    def course_dir(self) -> Path:
        return self.grader_home / self.course_id

    @property
    def database(self) -> str:
        """The gradebook's PostgreSQL database (and its owner role): the course id as an identifier."""
        return "gradebook_" + re.sub(r"[^a-z0-9_]", "_", self.course_id.lower())

    def home(self, login: str) -> Path:
        return self.homes / login

    def secret(self, name: str) -> Path:
        return self.state / name


def grader_login(course_id: str) -> str:
    login = GRADER_PREFIX + re.sub(r"[^a-z0-9_-]", "-", course_id.lower())
    return login[:MAX_LOGIN]
