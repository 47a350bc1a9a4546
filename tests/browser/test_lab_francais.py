"""nbgrader's lab parts in French for trainers, from the course's own lab extension casp-nbgrader-fr (labextension/,
prebuilt into course/lab/labextensions/): the course list, the Create Assignment panel and its dialogs. The
extension leaves an English lab in English, and a lab without nbgrader's extension unharmed.

The learner's side (menu, assignment list, Validate) is asserted along the learner's journey, in
test_apprenant.py and test_hub_lab.py.
"""
from __future__ import annotations

import json
from contextlib import contextmanager

from playwright.sync_api import expect

from course.lab import prepare_role, start_lab
from course.lab.settings import write_json
from tests.browser.conftest import bloc1_course, lab_in_english, menu_items

EXTENSION = "casp-nbgrader-fr"
COURSE_ID = "casp-rncp7426"
NOTEBOOK_PATH = "source/m13_cas_accueil_orientation/cas_accueil_orientation.ipynb"
KERNEL_IDLE = "Python 3 (ipykernel) | Inactif"


def federated_extensions(page) -> list[str]:
    """The prebuilt extensions the lab server found and handed to the page (its page config)."""
    config = json.loads(page.locator("#jupyter-config-data").text_content())
    return [extension["name"] for extension in config["federated_extensions"]]




def label_text(label) -> str:
    """A label's own text, before the field it holds (nbgrader writes « Type: » then appends the select)."""
    return label.evaluate("label => label.firstChild.data")


def open_from_nbgrader_menu(page, label: str) -> None:
    page.locator(".lm-MenuBar-item", has_text="Nbgrader").click()
    page.get_by_role("menuitem", name=label, exact=True).click()


@contextmanager
def trainer_lab_on_notebook(page, tmp_path):
    """The trainer's French lab on a scratch Bloc 1 course, the M1.3 source notebook open and its kernel idle."""
    with start_lab(prepare_role("formateur", bloc1_course(tmp_path / "cours"))) as lab:
        page.goto(f"{lab.base_url}/lab/tree/{NOTEBOOK_PATH}?token={lab.token}")
        expect(page.locator("#jp-main-statusbar")).to_contain_text(KERNEL_IDLE, timeout=60_000)
        yield lab


def test_trainer_course_list_and_create_assignment_panel_in_french(tmp_path, browser_page):
    page = browser_page.page
    with trainer_lab_on_notebook(page, tmp_path):
        assert EXTENSION in federated_extensions(page)
        assert menu_items(page, "Nbgrader") == ["Liste des devoirs", "Liste des cours", "Formgrader",
                                                "Créer un devoir"]
        expect(page.locator(".jp-NotebookPanel-toolbar .validate-button")).to_have_text("Valider")

        # The course list: the trainer's courses, each a link to its formgrader.
        open_from_nbgrader_menu(page, "Liste des cours")
        courses = page.locator("#nbgrader-course-list")
        row = courses.locator("#formgrader_list .list_item")
        expect(row).to_have_count(1)
        current_tab = page.locator(".lm-DockPanel-tabBar .lm-TabBar-tab.jp-mod-current .lm-TabBar-tabLabel")
        expect(current_tab).to_have_text("Cours")
        expect(courses.locator(".panel-heading")).to_have_text("Cours disponibles dans formgrader")
        expect(courses.locator("#refresh_formgrader_list")).to_have_attribute("title", "Actualiser la liste des cours")
        assert row.locator(".item_name, .item_course").all_inner_texts() == [COURSE_ID, "local"]
        expect(courses.locator("#formgrader_list_placeholder")).to_be_hidden()
        expect(courses.locator("#formgrader_list_placeholder")).to_have_text(
            "Aucun cours n'est disponible dans formgrader.")

        # The Create Assignment side panel, for the notebook in front.
        page.locator(".lm-DockPanel-tabBar .lm-TabBar-tab", has_text="cas_accueil_orientation.ipynb").click()
        open_from_nbgrader_menu(page, "Créer un devoir")
        panel = page.locator("#nbgrader-create_assignemnt")
        cell = panel.locator(".nbgrader-CellWidget")
        expect(cell.first).to_be_visible()
        side_tab = page.locator(".jp-SideBar.jp-mod-right .lm-TabBar-tab", has_text="Créer un devoir")
        expect(side_tab).to_have_attribute("title", "Nbgrader : créer un devoir")
        assert label_text(panel.locator(".nbgrader-NotebookPoints label")) == "Total des points :"
        expect(panel.locator(".nbgrader-TotalPointsInput")).to_have_value("20")
        header = cell.first
        assert label_text(header.locator(".nbgrader-CellType label")) == "Type : "
        assert label_text(header.locator(".nbgrader-CellId label")) == "Identifiant : "
        expect(header.locator(".nbgrader-LockButton li")).to_have_attribute(
            "title", "Les modifications de l'apprenant seront écrasées")
        # The cell types offered: text cells (the first list) and code cells (the second).
        assert cell.evaluate_all("cells => [...new Set(cells.map(cell => JSON.stringify("
                                 "[...cell.querySelectorAll('option')].map(option => option.textContent))))]") == [
            '["-","Réponse notée à la main","Tâche notée à la main","Lecture seule"]',
            '["-","Réponse notée à la main","Tâche notée à la main","Réponse notée automatiquement",'
            '"Tests de notation automatique","Lecture seule"]']
        assert label_text(panel.locator(".nbgrader-CellPoints label").first) == "Points : "
        browser_page.close()
    browser_page.assert_no_js_errors()


def test_create_assignment_dialog_in_french(tmp_path, browser_page):
    """A message nbgrader builds from a template (a duplicate cell id) reads in French, the id kept."""
    page = browser_page.page
    with trainer_lab_on_notebook(page, tmp_path):
        open_from_nbgrader_menu(page, "Créer un devoir")
        ids = page.locator("#nbgrader-create_assignemnt .nbgrader-CellId input")
        expect(ids.first).to_have_value("entete")
        ids.nth(1).fill("entete")
        ids.nth(1).press("Enter")
        page.locator(".jp-NotebookPanel .jp-Notebook").click()
        page.keyboard.press("Control+s")
        dialog = page.locator(".jp-Dialog.nbgrader-ErrorDialog")
        expect(dialog.locator(".jp-Dialog-header")).to_have_text("Identifiant de cellule nbgrader en double")
        expect(dialog.locator(".jp-Dialog-body")).to_have_text(
            "L'identifiant nbgrader « entete » est utilisé par plusieurs cellules. "
            "Donnez à chaque cellule notée un identifiant qui lui est propre.")
        dialog.get_by_role("button", name="Ok").click()
        expect(dialog).to_have_count(0)
        browser_page.close()
    browser_page.assert_no_js_errors()


def test_an_english_lab_keeps_nbgrader_in_english(tmp_path, browser_page):
    page = browser_page.page
    setup = prepare_role("apprenant", bloc1_course(tmp_path / "cours"), notify=lambda _message: None)
    lab_in_english(setup)
    with start_lab(setup) as lab:
        page.goto(lab.url)
        expect(page.locator("#jp-main-statusbar")).to_contain_text("Python 3 (ipykernel) | Idle", timeout=60_000)
        assert EXTENSION in federated_extensions(page)
        assert menu_items(page, "Nbgrader") == ["Assignment List"]
        expect(page.locator(".jp-NotebookPanel-toolbar .validate-button")).to_have_text("Validate")
        browser_page.close()
    browser_page.assert_no_js_errors()


def test_a_lab_without_nbgrader_extension_is_unharmed(tmp_path, browser_page):
    page = browser_page.page
    setup = prepare_role("apprenant", bloc1_course(tmp_path / "cours"), notify=lambda _message: None)
    write_json(setup.role_dir / "config" / "labconfig" / "page_config.json",
               {"disabledExtensions": {"@jupyter/nbgrader": True}})
    with start_lab(setup) as lab:
        page.goto(lab.url)
        expect(page.locator("#jp-main-statusbar")).to_contain_text(KERNEL_IDLE, timeout=60_000)
        assert EXTENSION in federated_extensions(page)
        assert page.locator(".lm-MenuBar-content .lm-MenuBar-itemLabel").all_inner_texts() == [
            "Fichier", "Édition", "Affichage", "Exécution", "Noyau", "Onglets", "Paramètres", "Aide"]
        assert page.locator(".validate-button").count() == 0
        browser_page.close()
    browser_page.assert_no_js_errors()
