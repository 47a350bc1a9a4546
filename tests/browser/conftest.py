"""Browser tests: Python Playwright drives Debian's Chromium against `casp lab`, each test in its own scratch course.

Chromium comes from apt (`make test` installs the `chromium` package when it is missing); Playwright's own
browser download (`playwright install`) is never used. Every test fails on a JavaScript error: console
messages of type « error » and uncaught page errors are collected and must be none.
"""
from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import expect

from course.nbgrader_ext.scratch import make_scratch_course

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-gpu", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
VIEWPORT = {"width": 1440, "height": 900}
# Playwright's `expect` waits 5 s by default: the lab's first page (its extensions, a notebook's first render) can
# take longer while `make test`'s two workers share two cores, so assertions wait as long as the pages' actions do.
EXPECT_TIMEOUT_MS = 30_000
BLOC1 = ["m11_recit_de_vie", "m12_entretiens_accueil", "m13_cas_accueil_orientation", "m14_note_observation"]

# The guides in docs/ embed these pictures as docs/images/<name>: the names are a contract.
SCREENSHOTS = {
    "apprenant-01-lab-francais.png": "French lab, notebook open, kernel idle",
    "apprenant-02-execution.png": "after all cells ran",
    "apprenant-03-widget.png": "the widget after the click",
    "apprenant-04-auto-verification.png": "the self-check's French report",
    "apprenant-05-devoirs.png": "the Assignments panel listing the assignment (fetch)",
    "apprenant-06-devoir-rendu.png": "after submit (submitted entry visible)",
    "formateur-01-lab.png": "trainer lab showing nbgrader's menus/panels",
    "correcteur-01-formgrader.png": "formgrader's Manage assignments page",
    "correcteur-02-copie.png": "a submission open for manual grading",
    "correcteur-03-note-commentaire.png": "points and comment entered",
    "livret-vision-normale.png": "a livret's competence profile (radar and level chips)",
    "livret-deuteranopie.png": "the same, with simulated deuteranopia (tests/browser/colour_vision.py)",
    "tableau-de-bord-vision-normale.png": "the dashboard's bloc validation chart and its table",
    "tableau-de-bord-deuteranopie.png": "the same, with simulated deuteranopia (tests/browser/colour_vision.py)",
}


FAILURES_DIR = REPO / "test-artifacts" / "navigateur" / "echecs"  # what the page showed when a test failed


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


def screenshots_dir() -> Path:
    return Path(os.environ.get("CASP_SCREENSHOTS_DIR") or REPO / "test-artifacts" / "navigateur")


@dataclass
class BrowserPage:
    """A Chromium page and the JavaScript errors it reported."""

    page: object
    errors: list[str] = field(default_factory=list)

    def screenshot(self, name: str) -> Path:
        assert name in SCREENSHOTS, f"unknown screenshot name {name}"
        path = screenshots_dir() / name
        path.parent.mkdir(parents=True, exist_ok=True)
        # Two animation frames: what was just scrolled into view (cells are painted lazily) is on screen.
        self.page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
        self.page.screenshot(path=str(path))
        return path

    def close(self) -> None:
        self.page.close()

    def assert_no_js_errors(self) -> None:
        for error in self.errors:
            print(error)
        assert self.errors == []


@pytest.fixture(scope="module")
def chromium():
    if not CHROMIUM.exists():
        pytest.skip("Chromium absent (/usr/bin/chromium) : `make test` l'installe avec apt (paquet chromium).")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def browser_page(chromium, request):
    # The browser's own language stays English: French must come from the lab's settings, not from Chromium.
    context = chromium.new_context(viewport=VIEWPORT, locale="en-US")
    page = context.new_page()
    page.set_default_timeout(EXPECT_TIMEOUT_MS)
    expect.set_options(timeout=EXPECT_TIMEOUT_MS)
    session = BrowserPage(page)

    def on_console(message) -> None:
        if message.type == "error":
            session.errors.append(f"console.error: {message.text} ({message.location.get('url', '')})")

    page.on("console", on_console)
    page.on("pageerror", lambda error: session.errors.append(f"pageerror: {error}"))
    yield session
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed and not page.is_closed():
        FAILURES_DIR.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(FAILURES_DIR / f"{request.node.name}.png"))
        for error in session.errors:
            print(error)
    context.close()


def bloc1_course(dest: Path) -> Path:
    """A scratch course with the Bloc 1 assignments, their source/ and their release/ (nothing on the exchange)."""
    course_dir = make_scratch_course(dest, REPO, BLOC1)
    for assignment_id in BLOC1:
        shutil.copytree(REPO / "release" / assignment_id, course_dir / "release" / assignment_id)
    return course_dir


# axe-core's rules for WCAG 2.1 levels A and AA (what RGAA follows), run on the page Chromium shows.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING_IMPACTS = ("serious", "critical")


def axe_violations(page, context: str | None = None, impacts=BLOCKING_IMPACTS) -> list[str]:
    """axe-core's WCAG 2.1 A/AA violations of `impacts` on the page (or within the CSS selector `context`).

    One line per violation and element, readable in a failed assertion: rule, impact, target, what to fix.
    axe-core comes with axe-playwright-python (no download); it runs in the page, in the browser tests' Chromium.
    """
    from axe_playwright_python.sync_playwright import Axe

    options = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
    results = Axe().run(page, context=context, options=options)
    lines = []
    for violation in results.response["violations"]:
        if violation["impact"] not in impacts:
            continue
        for node in violation["nodes"]:
            lines.append(f"{violation['id']} ({violation['impact']}) {' '.join(map(str, node['target']))}: "
                         f"{node.get('failureSummary', '').splitlines()[-1].strip() if node.get('failureSummary') else violation['help']}")
    return lines


def menu_items(page, menu: str, close: bool = True) -> list[str]:
    """The visible items of a lab menu, as a reader sees them; the menu is closed again unless `close` is False."""
    page.locator(".lm-MenuBar-item", has_text=menu).click()
    page.locator(".lm-Menu").first.wait_for()
    labels = page.locator(".lm-Menu-content .lm-Menu-item:not(.lm-mod-hidden) .lm-Menu-itemLabel").all_inner_texts()
    if close:
        page.keyboard.press("Escape")
    return [label for label in labels if label]


def autograded_copy(course_dir: Path, home: Path, assignment: str, learner: tuple[str, str, str], quality: str,
                    seed: int) -> None:
    """One learner's copy of `assignment`, filled at `quality`, submitted, collected and autograded through the
    course's Python API (as formgrader's buttons do)."""
    import nbformat
    from nbgrader.api import Gradebook

    from course.demo.cohort import fill_notebook
    from course.nbgrader_ext.api import autograde, load_config, nbgrader_api
    from course.nbgrader_ext.exchange import fetch, submit

    api = nbgrader_api(course_dir)
    for step in (api.generate_assignment(assignment, force=True), api.release_assignment(assignment)):
        assert step["success"], step.get("log", "") + step.get("error", "")
    login, first_name, last_name = learner
    with Gradebook(load_config(course_dir).CourseDirectory.db_url) as gradebook:
        gradebook.update_or_create_student(login, first_name=first_name, last_name=last_name)
    folder = fetch(course_dir, assignment, login, home)
    for path in sorted(folder.glob("*.ipynb")):
        source = nbformat.read(course_dir / "source" / assignment / path.name, as_version=4)
        nbformat.write(fill_notebook(nbformat.read(path, as_version=4), source, quality, seed), path)
    submit(course_dir, assignment, login, home)
    assert api.collect(assignment)["success"]
    result = autograde(course_dir, assignment, login)
    assert result["success"], result.get("log", "") + result.get("error", "")


def lab_in_english(setup) -> None:
    """Switch a prepared role's lab (course.lab.prepare_role) to English, the rest of its settings kept."""
    import json

    from course.lab.settings import write_json

    overrides = setup.role_dir / "lab-settings" / "overrides.json"
    write_json(overrides, {**json.loads(overrides.read_text(encoding="utf-8")),
                           "@jupyterlab/translation-extension:plugin": {"locale": "en"}})
