"""Formgrader in French: a Jupyter server extension that puts the course's French pages in front of nbgrader's.

nbgrader's formgrader renders its pages from a Jinja environment it keeps in the web application's settings
(`nbgrader_jinja2_env`, built in FormgradeExtension.init_tornado_settings over its templates folder). This
extension gives that environment a `ChoiceLoader`: the course's French pages first
(`templates/formgrader/`, and `templates/nbconvert/formgrade/` for the grading page's macros that the « copy not
found » page imports), then nbgrader's own loader, which serves any page the course does not translate.
The grading page itself is rendered by nbconvert with the template « formgrade »: its French version comes
from nbgrader_config.py (course.nbgrader_ext.html_pages). The words formgrader's scripts write are put in French
by `static/formgrader_fr.js`, which the French pages load and this extension serves. nbgrader's files are not
touched.

Jupyter Server loads extensions in alphabetical order of their names, so this one (course.…) is loaded before
nbgrader's formgrader (nbgrader.…) has built its environment: the loader is installed by the extension's start
hook, which Jupyter Server calls once every extension is loaded and its event loop runs. (A callback put on the
loop at load time is not enough: under jupyterhub-singleuser the loop already turns while extensions load, and
it ran before formgrader's.)

Enabled for trainers only: the trainer's `casp lab` and the hub's grader service (course.lab.settings,
course.hub.roles); a learner's server never loads it, as it never loads formgrader.
"""
from __future__ import annotations

import logging
from pathlib import Path

from jinja2 import BaseLoader, ChoiceLoader, Environment, FileSystemLoader

HERE = Path(__file__).resolve().parent
PAGES = HERE / "templates" / "formgrader"  # French versions of formgrader's pages (.tpl), same names
GRADING_PAGE = HERE / "templates" / "nbconvert" / "formgrade"  # formgrade_macros.html.j2, for formgrade_404.tpl
STATIC = HERE / "static"  # formgrader_fr.js
STATIC_URL = "/casp/formgrader/static/(.*)"  # under the server's base URL; the pages link to it
SETTINGS_KEY = "nbgrader_jinja2_env"

log = logging.getLogger(__name__)


def french_loader(nbgrader_loader: BaseLoader) -> ChoiceLoader:
    """The course's French pages first, then formgrader's own loader for anything they do not hold."""
    return ChoiceLoader([FileSystemLoader([str(PAGES), str(GRADING_PAGE)]), nbgrader_loader])


def is_french(environment: Environment) -> bool:
    loader = environment.loader
    return (isinstance(loader, ChoiceLoader) and isinstance(loader.loaders[0], FileSystemLoader)
            and str(PAGES) in loader.loaders[0].searchpath)


def install_french_pages(settings: dict, logger: logging.Logger = log) -> bool:
    """Put the French pages in front of formgrader's in its Jinja environment; False when formgrader is absent."""
    environment = settings.get(SETTINGS_KEY)
    if environment is None:
        logger.warning("Formgrader en français : formgrader (nbgrader.server_extensions.formgrader) n'est pas "
                       "chargé sur ce serveur, ses pages restent telles quelles.")
        return False
    if not is_french(environment):
        environment.loader = french_loader(environment.loader)
    return True


def _jupyter_server_extension_points() -> list[dict]:
    return [{"module": __name__}]


def _load_jupyter_server_extension(serverapp) -> None:
    """Serve formgrader_fr.js; the pages are installed by the start hook, after formgrader is loaded."""
    from jupyter_server.utils import url_path_join
    from tornado.web import StaticFileHandler

    web_app = serverapp.web_app
    pattern = url_path_join(web_app.settings["base_url"], STATIC_URL)
    web_app.add_handlers(".*$", [(pattern, StaticFileHandler, {"path": str(STATIC)})])


async def _start_jupyter_server_extension(serverapp) -> None:
    if install_french_pages(serverapp.web_app.settings, serverapp.log):
        serverapp.log.info("Formgrader en français : pages du cours devant celles de nbgrader")
