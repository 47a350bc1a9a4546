"""A learner in the French lab: opens M1.3, types the answers, runs everything, uses the widget,
runs the self-check, validates, fetches another assignment and submits through nbgrader's « Devoirs » panel,
whose labels casp-nbgrader-fr (course/lab/labextensions) puts in French."""
from __future__ import annotations

import urllib.error
import urllib.request

import nbformat
from playwright.sync_api import expect

from course.demo.cohort import fill_notebook
from course.lab import prepare_role, start_lab
from tests.browser.conftest import REPO, bloc1_course, menu_items

ASSIGNMENT = "m13_cas_accueil_orientation"
NOTEBOOK = "cas_accueil_orientation.ipynb"
LOGIN = "apprenant01"
KERNEL_IDLE = "Python 3 (ipykernel) | Inactif"  # JupyterLab's status bar, in French
REPORT_OK = "Tout est prêt : vous pouvez rendre votre travail."
# nbgrader's English that the learner must not meet in its panel any more (casp-nbgrader-fr's dictionary).
ENGLISH = ("Assignment", "assignment", "Released", "Downloaded", "Submitted", "Fetch", "Submit", "Validate",
           "Loading", "There are no")


def model_copy() -> nbformat.NotebookNode:
    """The learner's target: the released notebook completed with the model answers (seeded, so exact)."""
    released = nbformat.read(REPO / "release" / ASSIGNMENT / NOTEBOOK, as_version=4)
    source = nbformat.read(REPO / "source" / ASSIGNMENT / NOTEBOOK, as_version=4)
    return fill_notebook(released, source, "excellent", seed=1)


def answers(notebook: nbformat.NotebookNode) -> dict[str, str]:
    return {c.metadata.nbgrader["grade_id"]: c.source for c in notebook.cells
            if c.metadata.get("nbgrader", {}).get("solution")}


def answer_index(notebook: nbformat.NotebookNode, grade_id: str) -> int:
    return next(index for index, cell in enumerate(notebook.cells)
                if cell.metadata.get("nbgrader", {}).get("grade_id") == grade_id)


def http_status(url: str, token: str) -> int:
    request = urllib.request.Request(url, headers={"Authorization": f"token {token}"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code




def type_answer(page, cell, text: str, markdown: bool) -> None:
    """Put the answer in a cell as a learner would: click into it, select everything, type over it."""
    cell.scroll_into_view_if_needed()
    if markdown:
        cell.locator(".jp-MarkdownOutput").dblclick()  # shows the Markdown source
    editor = cell.locator(".cm-content")
    editor.click()
    expect(editor).to_be_focused()
    page.keyboard.press("Control+a")
    page.keyboard.insert_text(text)
    page.keyboard.press("Escape")  # back to command mode


def scroll_to(page, element, attempts: int = 10) -> None:
    """Centre an element in the notebook. Cells are laid out lazily: those that come into view take their real
    height and push the target, so scroll again until it stays where it is."""
    top = None
    for _ in range(attempts):
        element.evaluate("e => e.scrollIntoView({block: 'center'})")
        page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
        box = element.bounding_box()
        if box is not None and top is not None and abs(box["y"] - top) < 1:
            break
        top = box["y"] if box else None
    expect(element).to_be_in_viewport()


def save(page) -> None:
    with page.expect_response(lambda r: "/api/contents/" in r.url and r.request.method == "PUT"):
        page.keyboard.press("Control+s")


def test_learner_completes_checks_and_submits_in_the_french_lab(tmp_path, browser_page):
    page = browser_page.page
    course_dir = bloc1_course(tmp_path / "cours")
    messages = []
    setup = prepare_role("apprenant", course_dir, notify=messages.append)
    assert setup.url_path == f"/lab/tree/{ASSIGNMENT}/{NOTEBOOK}"
    assert setup.root_dir == course_dir / "espace-apprenant" / LOGIN
    assert messages[0].startswith("Aucun devoir n'est encore diffusé")
    target = model_copy()

    with start_lab(setup) as lab:
        # The role's server refuses the trainer's parts: formgrader and the course list do not exist here.
        assert http_status(f"{lab.base_url}/formgrader", lab.token) == 404
        assert http_status(f"{lab.base_url}/formgraders", lab.token) == 404

        page.goto(lab.url)
        expect(page.locator("#jp-main-statusbar")).to_contain_text(KERNEL_IDLE, timeout=60_000)
        menubar = page.locator(".lm-MenuBar-content .lm-MenuBar-itemLabel").all_inner_texts()
        assert menubar == ["Fichier", "Édition", "Affichage", "Exécution", "Noyau", "Nbgrader", "Onglets",
                           "Paramètres", "Aide"]
        assert page.locator(".jp-Dialog").count() == 0
        assert page.locator(".Toastify__toast").count() == 0
        current_tab = page.locator(".lm-DockPanel-tabBar .lm-TabBar-tab.jp-mod-current .lm-TabBar-tabLabel")
        assert current_tab.inner_text() == NOTEBOOK
        # Only the assignment list in nbgrader's menu, in French; no Create Assignment panel, no extension manager.
        assert menu_items(page, "Nbgrader") == ["Liste des devoirs"]
        # nbgrader's Validate button in the notebook's toolbar, in French (label, tooltip, accessible name).
        validate = page.locator(".jp-NotebookPanel-toolbar .validate-button")
        assert validate.evaluate("b => [b.innerText, b.title, b.getAttribute('aria-label')]") == [
            "Valider", "Valider le devoir", "Valider"]
        sidebars = page.locator(".jp-SideBar .lm-TabBar-tab").evaluate_all("tabs => tabs.map(t => t.title)")
        assert sidebars == ["Explorateur de fichiers (Ctrl+Shift+F)", "Terminaux et noyaux en cours d'exécution",
                            "Table des Matières", "Inspecteur de propriétés", "Débogueur"]
        browser_page.screenshot("apprenant-01-lab-francais.png")

        cells = page.locator(".jp-NotebookPanel .jp-Notebook .jp-Cell")
        assert cells.count() == len(target.cells)
        for index, cell in enumerate(target.cells):
            if cell.metadata.get("nbgrader", {}).get("solution"):
                type_answer(page, cells.nth(index), cell.source, markdown=cell.cell_type == "markdown")
        save(page)  # the self-check reads the saved file

        page.locator(".lm-MenuBar-item", has_text="Exécution").click()
        page.get_by_role("menuitem", name="Exécuter toutes les cellules", exact=True).click()
        report = cells.nth(len(target.cells) - 1).locator(".jp-OutputArea-output")
        report.get_by_text(REPORT_OK).wait_for(timeout=60_000)
        expect(page.locator("#jp-main-statusbar")).to_contain_text(KERNEL_IDLE)
        save(page)
        figure = cells.nth(answer_index(target, "q4_graphique")).locator(".jp-OutputArea-output img")
        scroll_to(page, figure)  # the bar chart the learner drew (question 4)
        browser_page.screenshot("apprenant-02-execution.png")

        saved = nbformat.read(setup.root_dir / ASSIGNMENT / NOTEBOOK, as_version=4)
        code = [cell for cell in saved.cells if cell.cell_type == "code"]
        assert [cell.execution_count for cell in code] == list(range(1, len(code) + 1))
        assert [out.get("ename") for cell in code for out in cell.outputs if out.output_type == "error"] == []
        assert answers(saved) == answers(target)

        # The diagnostic grid (Partie 2) works on a practice case (Josiane), never on a graded one: tick two
        # problems, add the proposed Addictions – Budget link, then compare.
        widget = page.locator(".jp-OutputArea-output .widget-vbox").first
        scroll_to(page, widget)
        assert widget.get_by_text("Aucun lien ajouté pour l'instant.").count() == 1
        assert widget.get_by_text("Cas d'entraînement — Josiane, 64 ans").count() >= 1
        # Exact labels: « Budget » is also part of the « Point conseil budget » orientation's label.
        for label in ("Addictions", "Budget"):
            box = widget.locator(".widget-checkbox").filter(has=page.get_by_text(label, exact=True))
            box.locator("input").check()
        widget.get_by_role("button", name="Ajouter ce lien").click()
        widget.get_by_text("Liens ajoutés : Addictions – Budget").wait_for()
        widget.get_by_role("button", name="Comparer avec la lecture attendue").click()
        widget.get_by_text("Liens clés entre problématiques : 1 sur 3.").wait_for()
        widget.get_by_text("Problématiques essentielles repérées : 2 sur 3.").wait_for()
        scroll_to(page, widget.get_by_role("button", name="Ajouter ce lien"))
        browser_page.screenshot("apprenant-03-widget.png")

        scroll_to(page, report)
        expect(report).to_contain_text(f"Vérification de “{NOTEBOOK}” (enregistré le ")
        for line in (REPORT_OK,
                     "✔ Écrit 1 (critère M1.3-B) : 332 mots (attendu : 200 à 380) — rien à corriger.",
                     "✔ Écrit 2 (critère M1.3-C) : 337 mots (attendu : 250 à 450) — rien à corriger.",
                     "✔ Écrit 3 (critère M1.3-D) : 367 mots (attendu : 220 à 400) — rien à corriger."):
            expect(report.get_by_text(line, exact=True)).to_be_visible()
        browser_page.screenshot("apprenant-04-auto-verification.png")

        # nbgrader's validation of the completed notebook, and its dialog, in French.
        validate.click()
        dialog = page.locator(".jp-Dialog.nbgrader-SuccessDialog")
        expect(dialog).to_be_visible(timeout=120_000)
        expect(dialog.locator(".jp-Dialog-header")).to_have_text("Résultat de la validation")
        expect(dialog.locator("#validation-message")).to_have_text(
            "Validation réussie : votre notebook passe tous les tests.")
        dialog.get_by_role("button", name="Ok").click()
        expect(dialog).to_have_count(0)
        expect(validate).to_have_text("Valider")  # back from « Validation en cours… »

        # nbgrader's assignment list, in French: fetch M1.2, then submit M1.3.
        page.locator(".lm-MenuBar-item", has_text="Nbgrader").click()
        page.get_by_role("menuitem", name="Liste des devoirs", exact=True).click()
        panel = page.locator("#nbgrader-assignment-list")
        released = page.locator("#released_assignments_list .list_item", has_text="m12_entretiens_accueil")
        expect(released).to_be_visible()
        assert page.locator(".lm-DockPanel-tabBar .lm-TabBar-tab.jp-mod-current .lm-TabBar-tabLabel").inner_text() \
            == "Devoirs"
        expect(panel.locator("#assignments_list_info")).to_have_text(
            "Devoirs diffusés, récupérés et rendus du cours :")
        assert panel.locator(".panel-heading").all_inner_texts() == ["Devoirs diffusés", "Devoirs récupérés",
                                                                     "Devoirs rendus"]
        expect(panel.locator("#submitted_assignments_list_placeholder")).to_have_text("Aucun devoir rendu.")
        expect(panel.locator("#refresh_assignments_list")).to_have_attribute("title", "Actualiser la liste des devoirs")
        buttons = panel.locator(".list_item:not(.nested_list_item) > div > .item_status > .btn")
        assert buttons.all_inner_texts() == ["Récupérer"] * 3 + ["Rendre"]
        assert [word for word in ENGLISH if word in panel.inner_text()] == []
        released.get_by_role("button", name="Récupérer", exact=True).click()
        fetched = page.locator("#fetched_assignments_list .list_item")
        fetched.filter(has_text="m12_entretiens_accueil").first.wait_for()
        assert page.locator("#released_assignments_list .list_item").evaluate_all(
            "rows => rows.map(r => r.querySelector('.item_name > :first-child').innerText.trim())") == [
            "m11_recit_de_vie", "m14_note_observation"]
        page.mouse.move(800, 700)  # off the buttons, for the picture
        browser_page.screenshot("apprenant-05-devoirs.png")
        assert (setup.root_dir / "m12_entretiens_accueil" / "entretiens_accueil.ipynb").is_file()

        # The assignment's name opens the list of its notebooks, each with its own « Valider » button.
        current = fetched.filter(has_text=ASSIGNMENT).first
        current.locator(".assignment-notebooks-link").click()
        notebook_row = current.locator(".nested_list_item", has_text=NOTEBOOK.removesuffix(".ipynb"))
        expect(notebook_row.get_by_role("button", name="Valider", exact=True)).to_be_visible()
        current.get_by_role("button", name="Rendre", exact=True).click()
        submitted = page.locator("#submitted_assignments_list .list_item", has_text=ASSIGNMENT).first
        expect(submitted.get_by_role("button", name="Récupérer le retour", exact=True)).to_be_visible()
        assert [word for word in ENGLISH if word in panel.inner_text()] == []
        page.mouse.move(800, 700)
        assert page.locator(".jp-Dialog, .Toastify__toast").count() == 0  # still no popup at the end
        browser_page.screenshot("apprenant-06-devoir-rendu.png")
        browser_page.close()  # before the server stops, or the page reports the lost connection

    inbound = course_dir / "exchange" / "casp-rncp7426" / "inbound"
    submissions = sorted(p.name for p in inbound.iterdir())
    assert len(submissions) == 1 and submissions[0].startswith(f"{LOGIN}+{ASSIGNMENT}+")
    assert (inbound / submissions[0] / NOTEBOOK).read_bytes() == (setup.root_dir / ASSIGNMENT / NOTEBOOK).read_bytes()
    browser_page.assert_no_js_errors()
