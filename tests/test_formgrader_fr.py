"""Formgrader in French (course/nbgrader_ext/formgrader_fr.py): the course's pages in front of nbgrader's, every
page translated, and the extension enabled wherever a trainer's formgrader runs, never for a learner."""
from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest
from jinja2 import ChoiceLoader, Environment, FileSystemLoader, TemplateNotFound
from nbgrader.server_extensions.formgrader import handlers

from course.hub import roles as hub_roles
from course.lab import settings
from course.nbgrader_ext import formgrader_fr
from course.nbgrader_ext.formgrader_fr import GRADING_PAGE, PAGES, STATIC, install_french_pages

NBGRADER_PAGES = Path(handlers.template_path)
RESOURCES = {"base_url": "/services/casp", "notebook_id": "cas", "assignment_id": "m13", "submission_id": "s1",
             "index": 0, "total": 3, "student": "apprenant01", "last_name": "Abadie", "first_name": "Amina",
             "notebook_path": "autograded/apprenant01/m13/cas.ipynb", "filename": "/cours/autograded/cas.ipynb"}
CONTEXT = {"base_url": "/services/casp", "url_prefix": ".", "default_timezone": "UTC", "assignment_id": "m13",
           "notebook_id": "cas", "student_id": "apprenant01", "course_dir": "/cours", "current_config": None,
           "windows": False, "exchange_missing": False, "course_id": "casp-rncp7426", "error_code": 500,
           "resources": RESOURCES}
# nbgrader's English words in its page templates (the scripts' own are tests/browser/test_correcteur.py's).
ENGLISH = re.compile(r"\b(Manage|Assignments?|Grading|Gradebook|Students?|Submissions?|Loading|Score|Name|Due|"
                     r"Status|Edit|Generate|Preview|Release|Collect|Feedback|Instructions|Sorry|Error|Prev|Next|"
                     r"Timestamp|Flagged|Overall|Written|Notebook|credit|remaining|Show|Hide|Open)\b")


def formgrader_environment() -> Environment:
    """Formgrader's own Jinja environment, as FormgradeExtension.init_tornado_settings builds it."""
    return Environment(loader=FileSystemLoader([handlers.template_path]))


def test_french_pages_come_first_and_nbgrader_fills_the_rest(caplog):
    environment = formgrader_environment()
    nbgrader_loader = environment.loader
    settings_ = {formgrader_fr.SETTINGS_KEY: environment}
    assert install_french_pages(settings_) is True
    assert isinstance(environment.loader, ChoiceLoader) and environment.loader.loaders[1] is nbgrader_loader
    assert environment.get_template("manage_assignments.tpl").filename == str(PAGES / "manage_assignments.tpl")
    assert environment.get_template("formgrade_macros.html.j2").filename == str(
        GRADING_PAGE / "formgrade_macros.html.j2")
    # A page the course does not hold comes from formgrader's own folder.
    assert environment.get_template("feedback/index.html.j2").filename == str(
        NBGRADER_PAGES / "feedback" / "index.html.j2")
    loader = environment.loader
    assert install_french_pages(settings_) is True and environment.loader is loader  # once only
    with caplog.at_level(logging.WARNING, logger="casp-test"):
        assert install_french_pages({}, logging.getLogger("casp-test")) is False
    assert "formgrader (nbgrader.server_extensions.formgrader) n'est pas chargé sur ce serveur" in caplog.text


def test_every_formgrader_page_has_a_french_version():
    assert sorted(p.name for p in PAGES.glob("*.tpl")) == sorted(p.name for p in NBGRADER_PAGES.glob("*.tpl"))


@pytest.mark.parametrize("name", sorted(p.name for p in NBGRADER_PAGES.glob("*.tpl")))
def test_french_page_renders_without_english(name):
    environment = formgrader_environment()
    install_french_pages({formgrader_fr.SETTINGS_KEY: environment})
    html = environment.get_template(name).render(**CONTEXT)
    assert '<html lang="fr">' in html
    text = re.sub(r"<script.*?</script>|<svg.*?</svg>|<[^>]+>", " ", html, flags=re.S)
    assert ENGLISH.findall(text) == []
    assert "/casp/formgrader/static/formgrader_fr.js" in html  # the French for what formgrader's scripts write


def test_copy_not_found_page_works_where_nbgrader_s_does_not():
    """nbgrader 0.9.6's formgrade_404.tpl imports a 'formgrade_macros.tpl' it does not ship."""
    with pytest.raises(TemplateNotFound, match="formgrade_macros.tpl"):
        formgrader_environment().get_template("formgrade_404.tpl").render(**CONTEXT)
    environment = formgrader_environment()
    install_french_pages({formgrader_fr.SETTINGS_KEY: environment})
    html = environment.get_template("formgrade_404.tpl").render(**CONTEXT)
    assert "Erreur : le carnet de cette copie est introuvable : /cours/autograded/cas.ipynb" in html
    assert "Copie 1 / 3" in html and "Copie n° 1" in html and "Suivante &rarr;" in html


def test_extension_serves_its_script_and_installs_the_pages_once_formgrader_is_loaded():
    """Loaded before nbgrader's formgrader (alphabetical order), it installs the pages in its start hook, which
    Jupyter Server runs once every extension is loaded."""
    import asyncio

    from tornado.httputil import HTTPHeaders, HTTPServerRequest, RequestStartLine
    from tornado.web import Application, StaticFileHandler

    class Server:
        web_app = Application(base_url="/services/casp/")
        log = logging.getLogger("casp-test")

    server = Server()
    formgrader_fr._load_jupyter_server_extension(server)
    assert formgrader_fr.SETTINGS_KEY not in server.web_app.settings  # formgrader has not built it yet
    server.web_app.settings[formgrader_fr.SETTINGS_KEY] = formgrader_environment()  # … now it has
    asyncio.run(formgrader_fr._start_jupyter_server_extension(server))
    assert formgrader_fr.is_french(server.web_app.settings[formgrader_fr.SETTINGS_KEY])
    request = HTTPServerRequest(start_line=RequestStartLine(
        "GET", "/services/casp/casp/formgrader/static/formgrader_fr.js", "HTTP/1.1"),
        headers=HTTPHeaders({"Host": "127.0.0.1"}))
    delegate = server.web_app.find_handler(request)
    assert delegate.handler_class is StaticFileHandler and delegate.handler_kwargs == {"path": str(STATIC)}
    assert delegate.path_args == [b"formgrader_fr.js"]
    assert formgrader_fr._jupyter_server_extension_points() == [{"module": "course.nbgrader_ext.formgrader_fr"}]


def test_enabled_for_trainers_never_for_learners(tmp_path):
    def extensions(config: dict) -> dict:
        return config["ServerApp"].get("jpserver_extensions", {})

    def hub(role: str) -> dict:
        return extensions(hub_roles.server_config(role, tmp_path, tmp_path))

    assert extensions(settings.server_config("formateur", tmp_path, tmp_path)) == {
        "course.nbgrader_ext.formgrader_fr": True, "course.nbgrader_ext.due_date_list": True}
    assert "course.nbgrader_ext.formgrader_fr" not in extensions(
        settings.server_config("apprenant", tmp_path, tmp_path))
    assert hub(hub_roles.GRADER_ROLE) == {
        "course.nbgrader_ext.formgrader_fr": True, "course.nbgrader_ext.due_date_list": True}
    # A trainer's own hub server has no formgrader (the course's grader service has it), a learner's neither.
    assert "course.nbgrader_ext.formgrader_fr" not in hub("formateur")
    assert "course.nbgrader_ext.formgrader_fr" not in hub("apprenant")
