"""A role's Jupyter configuration, as the files Jupyter Server and JupyterLab read.

- `jupyter_server_config.json` (in the role's JUPYTER_CONFIG_DIR): loopback only, no browser, the
  server root, which nbgrader server extensions run (for trainers, formgrader's pages in French:
  course.nbgrader_ext.formgrader_fr; for learners, the due dates in the assignment list:
  course.nbgrader_ext.due_date_list), no news feed nor update check, and where the course's
  own lab extension is (casp-nbgrader-fr: nbgrader's lab parts in French);
- `labconfig/page_config.json`: the lab plugins switched off for the role;
- `overrides.json` (in the lab's app settings dir for the role, which stands in for the environment's
  share/jupyter/lab/settings): the lab's defaults, i.e. the French interface (language pack
  jupyterlab-language-pack-fr-FR) and no news or update popup, and for trainers the MyST assignments
  opened as notebooks (jupytext); a user's own changes still win;
- `nbgrader_config.py` (learners only): the course id, the learner's login and the exchange, nothing
  else, so that the learner's lab knows nothing of the gradebook or source/.

Formgrader's grading page loads MathJax 2 from a CDN (nbgrader's formgrade template calls nbconvert's
`mathjax()` macro without a URL) and its script needs it: offline, the page throws « MathJax is not
defined ». nbconvert looks for a template's files in each Jupyter data directory's
`nbconvert/templates/<template>/` before the base templates, so the trainer's JUPYTER_DATA_DIR gets a
`formgrade/mathjax.html.j2` whose macro points at the MathJax the lab serves itself
(jupyter-server-mathjax). nbgrader's configuration cannot do it: the grading page's template (nbgrader's, and the
course's French one in front of it) calls the macro without a URL, so `HTMLExporter.mathjax_url` is not read.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

from .roles import LEARNER, LEARNER_HIDDEN_PLUGINS, LEARNER_HIDDEN_SERVER_EXTENSIONS

LOCALE = "fr_FR"
# The course's prebuilt lab extensions, shipped in the package (built from labextension/ by `make labextension`):
# casp-nbgrader-fr relabels nbgrader's lab parts in French, which nbgrader's own extension cannot be asked to do.
LABEXTENSIONS_DIR = Path(__file__).resolve().parent / "labextensions"

LAB_OVERRIDES = {
    "@jupyterlab/translation-extension:plugin": {"locale": LOCALE},
    # "false" is the setting's own value for « never » (a string: its third value « none » asks the user).
    "@jupyterlab/apputils-extension:notification": {"fetchNews": "false", "checkForUpdates": False},
}
# Trainers write assignments as MyST text (assignments/<id>/*.md): a double click opens one as a notebook,
# through jupytext's lab extension, and saving writes the text back.
TRAINER_OVERRIDES = {
    "@jupyterlab/docmanager-extension:plugin": {
        "defaultViewers": {"markdown": "Jupytext Notebook", "myst": "Jupytext Notebook"},
    },
}


def lab_overrides(role: str) -> dict:
    return LAB_OVERRIDES if role == LEARNER else {**LAB_OVERRIDES, **TRAINER_OVERRIDES}


def lab_app_config(app_settings_dir: Path, labextensions_dir: Path = LABEXTENSIONS_DIR) -> dict:
    """The lab's own settings for every role: its defaults from `app_settings_dir`, no news, no update check,
    and the course's prebuilt lab extensions from `labextensions_dir` (the hub passes its users' copy)."""
    return {
        "app_settings_dir": str(app_settings_dir),
        "news_url": None,
        "check_for_updates_class": "jupyterlab.NeverCheckForUpdate",
        "extra_labextensions_path": [str(labextensions_dir)],
    }


def hidden_server_extensions(role: str) -> dict:
    return {name: False for name in LEARNER_HIDDEN_SERVER_EXTENSIONS} if role == LEARNER else {}


# Due dates in nbgrader's assignment list (course/nbgrader_ext/due_date_list.py), in every role's server: the lab
# plugin that shows them runs in every lab, and would get a 404 where the handler is missing.
DUE_DATE_LIST = "course.nbgrader_ext.due_date_list"


def learner_server_extensions() -> dict:
    """A learner's server: without formgrader and the course list, with the due dates of the assignment list."""
    return {**hidden_server_extensions(LEARNER), DUE_DATE_LIST: True}


# Formgrader in French (course/nbgrader_ext/formgrader_fr.py): wherever a trainer's formgrader runs, never for a
# learner.
FORMGRADER_FR = "course.nbgrader_ext.formgrader_fr"


def formgrader_server_extensions() -> dict:
    """A trainer's server: formgrader in French, and the due dates of the assignment list the lab plugin asks for."""
    return {FORMGRADER_FR: True, DUE_DATE_LIST: True}


def server_config(role: str, root_dir: Path, app_settings_dir: Path) -> dict:
    config = {
        "ServerApp": {
            "ip": "127.0.0.1",
            "open_browser": False,
            "port_retries": 0,
            "root_dir": str(root_dir),
            # Containers and course VMs often run as root; the server is on loopback with a token anyway.
            "allow_root": hasattr(os, "geteuid") and os.geteuid() == 0,
        },
        "LabApp": lab_app_config(app_settings_dir),
    }
    if role == LEARNER:
        config["ServerApp"]["jpserver_extensions"] = learner_server_extensions()
    else:
        config["ServerApp"]["jpserver_extensions"] = formgrader_server_extensions()
    return config


def page_config(role: str, hidden: tuple[str, ...] | None = None) -> dict:
    """The lab plugins switched off: the role's (none for a trainer), or those given."""
    if hidden is None:
        hidden = LEARNER_HIDDEN_PLUGINS if role == LEARNER else ()
    return {"disabledExtensions": {plugin: True for plugin in hidden}}


def learner_nbgrader_config(course_id: str, login: str, exchange: Path, cache: Path) -> str:
    return (
        f'"""nbgrader for the learner {login} of the course {course_id}.\n\n'
        'Written by `casp lab`, rewritten at each start.\n"""\n'
        "c = get_config()  # noqa: F821  (injected by traitlets)\n"
        f"c.CourseDirectory.course_id = {course_id!r}\n"
        "# Submissions are named after this login (nbgrader would otherwise use the OS user name).\n"
        f"c.CourseDirectory.student_id = {login!r}\n"
        f"c.Exchange.root = {str(exchange)!r}\n"
        f"c.Exchange.cache = {str(cache)!r}\n"
    )


# jupyter-server-mathjax serves MathJax 2.7 at /static/jupyter_server_mathjax/ (the labs run at base URL « / »),
# with the configuration TeX-AMS-MML_HTMLorMML-full and the STIX-Web fonts only (MathJax's default, TeX, is
# not shipped): the fonts are set before MathJax loads, as the classic notebook did.
LOCAL_MATHJAX_URL = "/static/jupyter_server_mathjax/MathJax.js?config=TeX-AMS-MML_HTMLorMML-full,Safe"
LOCAL_MATHJAX_FONTS = '{"HTML-CSS": {availableFonts: [], webFont: "STIX-Web", imageFont: null, preferredFont: null}}'
FORMGRADE_MATHJAX_TEMPLATE = (
    "{#- casp lab: nbconvert's mathjax() macro, with the lab's own MathJax rather than a CDN. -#}\n"
    "{%- from 'base/mathjax.html.j2' import mathjax as cdn_mathjax -%}\n"
    f"{{%- macro mathjax(url={LOCAL_MATHJAX_URL!r}) -%}}\n"
    f"<script>window.MathJax = {LOCAL_MATHJAX_FONTS};</script>\n"
    "{{ cdn_mathjax(url) }}\n"
    "{%- endmacro %}\n"
)


def write_json(path: Path, data: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def write_role_config(role: str, role_dir: Path, root_dir: Path, learner_config: str | None = None) -> Path:
    """(Re)write every generated file of a role (config/, lab-settings/, data/nbconvert/); return config/.

    The lab's own user settings and workspaces (config/lab/) and nbgrader's submission cache are kept.
    """
    config_dir = role_dir / "config"
    app_settings_dir = role_dir / "lab-settings"
    write_json(config_dir / "jupyter_server_config.json", server_config(role, root_dir, app_settings_dir))
    write_json(config_dir / "labconfig" / "page_config.json", page_config(role))
    write_json(app_settings_dir / "overrides.json", lab_overrides(role))
    learner_nbgrader_config = config_dir / "nbgrader_config.py"
    if role == LEARNER:
        learner_nbgrader_config.write_text(learner_config, encoding="utf-8")
    else:
        learner_nbgrader_config.unlink(missing_ok=True)  # the trainer's lab reads the course's, in its root
        template = role_dir / "data" / "nbconvert" / "templates" / "formgrade" / "mathjax.html.j2"
        template.parent.mkdir(parents=True, exist_ok=True)
        template.write_text(FORMGRADE_MATHJAX_TEMPLATE, encoding="utf-8")
    return config_dir
