"""A learner on the hub, in the browser: logs in on JupyterHub's page, fetches, opens and submits in the French lab."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.hub import ASSIGNMENT, COURSE_ID, hub  # noqa: F401  (hub: the module's fixture)

pytestmark = pytest.mark.hub
NOTEBOOK = f"{ASSIGNMENT}.ipynb"
KERNEL_IDLE = "Python 3 (ipykernel) | Inactif"


def test_learner_logs_in_fetches_and_submits_on_the_hub(hub, browser_page):
    page, login = browser_page.page, hub.learner
    page.goto(f"{hub.url}/hub/login")
    page.locator("#username_input").fill(login)
    page.locator("#password_input").fill(hub.hub.setup.password)
    page.locator("#login_submit").click()
    page.wait_for_url(f"{hub.url}/user/{login}/lab**", timeout=120_000)
    menubar = page.locator(".lm-MenuBar-content .lm-MenuBar-itemLabel")
    expect(menubar.first).to_have_text("Fichier", timeout=60_000)
    assert menubar.all_inner_texts() == ["Fichier", "Édition", "Affichage", "Exécution", "Noyau", "Nbgrader",
                                         "Onglets", "Paramètres", "Aide"]

    # nbgrader's lab parts in French (casp-nbgrader-fr, from the course's wheel in the users' environment).
    page.locator(".lm-MenuBar-item", has_text="Nbgrader").click()
    assert page.locator(".lm-Menu-content .lm-Menu-item:not(.lm-mod-hidden) .lm-Menu-itemLabel").all_inner_texts() \
        == ["Liste des devoirs"]  # no formgrader, course list nor Create Assignment for a learner
    page.get_by_role("menuitem", name="Liste des devoirs", exact=True).click()
    released = page.locator("#released_assignments_list .list_item", has_text=ASSIGNMENT)
    assert page.locator("#nbgrader-assignment-list .panel-heading").all_inner_texts() == [
        "Devoirs diffusés", "Devoirs récupérés", "Devoirs rendus"]
    released.get_by_role("button", name="Récupérer", exact=True).click()
    fetched = page.locator("#fetched_assignments_list .list_item", has_text=ASSIGNMENT).first
    fetched.wait_for()
    assert (hub.layout.home(login) / COURSE_ID / ASSIGNMENT / NOTEBOOK).is_file()

    page.goto(f"{hub.url}/user/{login}/lab/tree/{COURSE_ID}/{ASSIGNMENT}/{NOTEBOOK}")
    expect(page.locator("#jp-main-statusbar")).to_contain_text(KERNEL_IDLE, timeout=60_000)
    current = page.locator(".lm-DockPanel-tabBar .lm-TabBar-tab.jp-mod-current .lm-TabBar-tabLabel")
    expect(current).to_have_text(NOTEBOOK)

    expect(page.locator(".jp-NotebookPanel-toolbar .validate-button")).to_have_text("Valider")
    page.locator(".lm-MenuBar-item", has_text="Nbgrader").click()
    page.get_by_role("menuitem", name="Liste des devoirs", exact=True).click()
    page.locator("#fetched_assignments_list .list_item", has_text=ASSIGNMENT).first \
        .get_by_role("button", name="Rendre", exact=True).click()
    page.locator("#submitted_assignments_list .list_item", has_text=ASSIGNMENT).first \
        .get_by_role("button", name="Récupérer le retour", exact=True).wait_for()
    browser_page.close()

    inbound = hub.layout.exchange / COURSE_ID / "inbound"
    submissions = [path.name for path in inbound.iterdir()]
    assert len(submissions) == 1 and submissions[0].startswith(f"{login}+{ASSIGNMENT}+")
    browser_page.assert_no_js_errors()


def test_trainer_logs_in_and_opens_formgrader_in_the_grader_service(hub, browser_page):
    page = browser_page.page
    page.goto(f"{hub.url}/hub/login")
    page.locator("#username_input").fill(hub.trainer)
    page.locator("#password_input").fill(hub.hub.setup.password)
    page.locator("#login_submit").click()
    page.wait_for_url(f"{hub.url}/user/{hub.trainer}/lab**", timeout=120_000)
    expect(page.locator(".lm-MenuBar-content .lm-MenuBar-itemLabel").first).to_have_text("Fichier", timeout=60_000)

    # The course list's link (nbgrader's course_list handler builds it the same way), shown in the service's lab.
    page.goto(f"{hub.url}/services/{COURSE_ID}/lab?formgrader=true")
    formgrader = page.frame_locator("iframe[src*='formgrader']")
    expect(formgrader.get_by_text(ASSIGNMENT, exact=True)).to_be_visible(timeout=60_000)
    expect(formgrader.get_by_role("heading", name="Gérer les devoirs")).to_be_visible()  # formgrader_fr, from the wheel
    expect(formgrader.get_by_role("link", name="Notation manuelle")).to_be_visible()
    assert page.url.startswith(f"{hub.url}/services/{COURSE_ID}/lab")
    browser_page.close()
    browser_page.assert_no_js_errors()
