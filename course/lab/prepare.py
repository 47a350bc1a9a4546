"""`prepare_role()`: write a role's Jupyter directories and say how to start its lab.

Layout under the course directory (git-ignored):

    .casp-lab/formateur/            the trainer's lab, rooted at the course directory
    .casp-lab/apprenant/<login>/    one learner's lab, rooted at the learner's workspace
        config/         JUPYTER_CONFIG_DIR: server config, labconfig/page_config.json, nbgrader_config.py,
                        lab/user-settings and lab/workspaces (the lab's own, kept across starts)
        lab-settings/   the lab's app settings dir: overrides.json (French, no news)
        data/ runtime/ ipython/   JUPYTER_DATA_DIR (nbgrader's submission cache), JUPYTER_RUNTIME_DIR, IPYTHONDIR
        jupyterlab.log  the server's log

The learner's workspace (`<course_dir>/espace-apprenant/<login>` unless chosen) holds fetched
assignments only, so source/, release/ and the gradebook are out of the lab's reach.
"""
from __future__ import annotations

import os
import secrets
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable
from urllib.parse import quote

from .. import CourseError
from ..catalogue import load_catalogue
from ..config import load_config
from . import settings, workspace as learner_workspace
from .roles import LEARNER, TRAINER, check_login, check_role
from .server import choose_port

LAB_DIR = ".casp-lab"
WORKSPACES_DIR = "espace-apprenant"
# The demo cohort's first learner (course/demo/cohort.py) and the README's example: a login the trainer's
# gradebook knows. The OS user name, nbgrader's own default, is often « root » or « jovyan » on a course machine.
DEFAULT_LOGIN = "apprenant01"
DEFAULT_ASSIGNMENT = "m13_cas_accueil_orientation"


@dataclass(frozen=True)
class LabSetup:
    """Everything needed to start one role's JupyterLab (see server.start_lab)."""

    role: str
    course_dir: Path
    role_dir: Path
    root_dir: Path  # what the lab's file browser shows
    url_path: str  # where the browser lands, e.g. /lab/tree/<assignment>/<notebook>.ipynb
    port: int
    token: str
    env: dict[str, str] = field(repr=False)
    argv: list[str] = field(repr=False)
    log_path: Path = field(repr=False)
    login: str | None = None
    assignment_id: str | None = None
    notebook: str | None = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def url(self) -> str:
        separator = "&" if "?" in self.url_path else "?"
        return f"{self.base_url}{self.url_path}{separator}token={self.token}"


def _quiet(_message: str) -> None:
    pass


def _role_environment(role_dir: Path, config_dir: Path, token: str) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("JUPYTER_CONFIG_PATH", None)  # no extra configuration directory beside the role's
    env.update({
        "JUPYTER_CONFIG_DIR": str(config_dir),
        "JUPYTER_DATA_DIR": str(role_dir / "data"),
        "JUPYTER_RUNTIME_DIR": str(role_dir / "runtime"),
        "JUPYTERLAB_SETTINGS_DIR": str(config_dir / "lab" / "user-settings"),
        "JUPYTERLAB_WORKSPACES_DIR": str(config_dir / "lab" / "workspaces"),
        "IPYTHONDIR": str(role_dir / "ipython"),
        "JUPYTER_TOKEN": token,
        "PATH": str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", ""),
    })
    if not env.get("LC_ALL") and not env.get("LANG"):
        env["LC_ALL"] = "C.UTF-8"
    return env


def _learner_workspace(course_dir: Path, login: str, folder: Path | None) -> Path:
    workspace = Path(folder).expanduser().resolve() if folder else course_dir / WORKSPACES_DIR / login
    if workspace == course_dir or workspace in course_dir.parents:
        raise CourseError(
            f"Le dossier de l'apprenant {workspace} contient le dossier du cours : l'apprenant y verrait source/ "
            "et le carnet de notes. Choisissez un dossier à part (--dossier)."
        )
    if workspace.exists() and not workspace.is_dir():
        raise CourseError(f"{workspace} existe déjà et n'est pas un dossier.")
    return workspace


def prepare_role(role: str, course_dir: Path | None = None, *, login: str | None = None,
                 workspace: Path | None = None, assignment_id: str | None = None, port: int | None = None,
                 notify: Callable[[str], None] = _quiet) -> LabSetup:
    """Write the role's directories and, for a learner, make sure an assignment is there to open.

    For a learner: when nothing is released on the exchange yet, the Bloc 1 assignments are released
    as the trainer would; the chosen assignment (M1.3 by default) is fetched into the workspace unless
    its notebook is already there, and the lab opens on that notebook. `notify` receives French
    messages about what was done.
    """
    role = check_role(role)
    catalogue = load_catalogue(Path(course_dir) if course_dir else None)
    course_dir = catalogue.course_dir.resolve()
    if role == TRAINER and (login or workspace or assignment_id):
        raise CourseError("Les options --apprenant, --dossier et --devoir ne concernent que le rôle apprenant.")
    port = choose_port(port)
    token = secrets.token_hex(24)
    root_dir = course_dir
    url_path = "/lab"
    assignment = notebook = nbgrader_config = None
    if role == LEARNER:
        login = check_login(login or DEFAULT_LOGIN)
        assignment = catalogue.assignment(assignment_id or DEFAULT_ASSIGNMENT)
        root_dir = _learner_workspace(course_dir, login, workspace)
        role_dir = course_dir / LAB_DIR / LEARNER / login
        course_config = load_config(course_dir)
        course_id = course_config.CourseDirectory.course_id
        exchange = Path(course_config.Exchange.root).resolve()
        nbgrader_config = settings.learner_nbgrader_config(course_id, login, exchange,
                                                           role_dir / "data" / "nbgrader_cache")
    else:
        role_dir = course_dir / LAB_DIR / TRAINER
    config_dir = settings.write_role_config(role, role_dir, root_dir, nbgrader_config)
    for name in ("data", "runtime", "ipython"):
        (role_dir / name).mkdir(parents=True, exist_ok=True)

    if role == LEARNER:
        notebook = assignment.notebooks[0]
        learner_workspace.ensure_assignment(catalogue, assignment.id, exchange, course_id,
                                            config_dir / "nbgrader_config.py", root_dir, login, notify)
        url_path = f"/lab/tree/{quote(assignment.id)}/{quote(notebook)}"

    env = _role_environment(role_dir, config_dir, token)
    argv = [sys.executable, "-m", "jupyterlab", f"--port={port}"]
    return LabSetup(
        role=role, course_dir=course_dir, role_dir=role_dir, root_dir=root_dir, url_path=url_path, port=port,
        token=token, env=env, argv=argv, log_path=role_dir / "jupyterlab.log", login=login,
        assignment_id=assignment.id if assignment else None, notebook=notebook,
    )
