"""Each hub role's Jupyter settings, from the same pieces as `casp lab` (course.lab.settings).

Written under <hub>/roles/<role>/ and handed to servers through JUPYTER_CONFIG_PATH:

- apprenant: the learner's lab of `casp lab --role apprenant` (French, no news; no formgrader, no course
  list, no Create Assignment), whose assignment list reads the exchange of every course the learner is in;
- formateur: a trainer's own server: the trainer's lab (MyST assignments open as notebooks) with the
  course list, which links to each course's formgrader service; formgrader itself runs in that service;
- correcteur: the grader service's lab, i.e. the trainer's lab with formgrader (in French), run by the grader
  account in the course folder, which alone lets its own pages frame it (formgrader lives in an iframe).

nbgrader's settings shared by all (nbgrader_config.py in each role's folder): the exchange, courses as
sub-folders of it, and JupyterHub groups as the list of who is in which course.
"""
from __future__ import annotations

from pathlib import Path

from .. import CourseError
from ..lab import settings
from ..lab.roles import LEARNER, TRAINER

GRADER_ROLE = "correcteur"
HUB_ROLES = (LEARNER, TRAINER, GRADER_ROLE)
# A trainer's own server has no course folder: formgrader is the course service's (linked from the course list).
TRAINER_HIDDEN_PLUGINS = ("@jupyter/nbgrader:formgrader",)
TRAINER_HIDDEN_SERVER_EXTENSIONS = ("nbgrader.server_extensions.formgrader",)
# JupyterHub >= 4.1 sends « frame-ancestors 'none' » by default (jupyterhub/singleuser/extension.py, setdefault):
# the grader service sends this instead, so formgrader shows in its own lab's iframe.
GRADER_CSP = "frame-ancestors 'self'"


def nbgrader_config(exchange: Path) -> str:
    return (
        '"""nbgrader on the hub, for every role: written by `casp hub`."""\n'
        "c = get_config()  # noqa: F821  (injected by traitlets)\n"
        f"c.Exchange.root = {str(exchange)!r}\n"
        "# One folder per course in the exchange, so several courses can share it.\n"
        "c.Exchange.path_includes_course = True\n"
        "# Who is in which course: the hub's groups nbgrader-<course> (learners) and formgrade-<course> (trainers).\n"
        'c.Authenticator.plugin_class = "nbgrader.auth.jupyterhub.JupyterHubAuthPlugin"\n'
    )


def server_config(role: str, app_settings_dir: Path, labextensions_dir: Path) -> dict:
    server: dict = {}
    if role == LEARNER:
        server["jpserver_extensions"] = settings.learner_server_extensions()
    elif role == TRAINER:
        server["jpserver_extensions"] = {**{name: False for name in TRAINER_HIDDEN_SERVER_EXTENSIONS},
                                         settings.DUE_DATE_LIST: True}
    else:
        server["tornado_settings"] = {"headers": {"Content-Security-Policy": GRADER_CSP}}
        server["jpserver_extensions"] = settings.formgrader_server_extensions()
    return {"ServerApp": server, "LabApp": settings.lab_app_config(app_settings_dir, labextensions_dir)}


def page_config(role: str) -> dict:
    if role == TRAINER:
        return settings.page_config(role, TRAINER_HIDDEN_PLUGINS)
    return settings.page_config(LEARNER if role == LEARNER else TRAINER)


def users_labextensions_dir(venv: Path) -> Path:
    """The course's prebuilt lab extensions as the users' environment has them (the course is a wheel there): the
    project's own copy may sit where other accounts cannot read."""
    relative = settings.LABEXTENSIONS_DIR.relative_to(Path(settings.__file__).resolve().parents[2])
    found = sorted(venv.glob(f"lib/python3*/site-packages/{relative.as_posix()}"))
    if len(found) != 1:
        raise CourseError(f"{venv} : le paquet du cours n'y est pas installé ({relative} introuvable).")
    return found[0]


def write_role_configs(roles_dir: Path, exchange: Path, venv: Path) -> dict[str, Path]:
    """(Re)write every role's folder; its config/ directory (for JUPYTER_CONFIG_PATH) by role. `venv`: the users'
    environment, where their labs find the course's lab extensions."""
    config_dirs = {}
    labextensions_dir = users_labextensions_dir(venv)
    for role in HUB_ROLES:
        config_dir, app_settings_dir = roles_dir / role / "config", roles_dir / role / "lab-settings"
        settings.write_json(config_dir / "jupyter_server_config.json",
                            server_config(role, app_settings_dir, labextensions_dir))
        settings.write_json(config_dir / "labconfig" / "page_config.json", page_config(role))
        settings.write_json(app_settings_dir / "overrides.json",
                            settings.lab_overrides(LEARNER if role == LEARNER else TRAINER))
        (config_dir / "nbgrader_config.py").write_text(nbgrader_config(exchange), encoding="utf-8")
        config_dirs[role] = config_dir
    return config_dirs
