"""A trainer's lab shows all of nbgrader; a grader marks a written answer in formgrader, in French, and the gradebook
keeps it."""
from __future__ import annotations

import re

from nbgrader.api import Gradebook
from playwright.sync_api import expect

from course.lab import prepare_role, start_lab
from course.nbgrader_ext.api import load_config
from course.nbgrader_ext.formgrader_fr import STATIC
from tests.browser.conftest import autograded_copy, bloc1_course, menu_items

FORMGRADER_FR_JS = STATIC / "formgrader_fr.js"

ASSIGNMENT = "m13_cas_accueil_orientation"
NOTEBOOK = "cas_accueil_orientation"
LEARNER = ("apprenant01", "Amina", "Abadie")
GRADE_ID = "ecrit_redaction_cas"  # Écrit 1, criterion M1.3-B, 4 points
POINTS = 3.0  # « acquis » (from 2.8 points out of 4)
COMMENT = ("Situation claire et factuelle ; la reformulation est juste. "
           "Vérifiez avec Yanis qu'il la reconnaît comme la sienne.")


def collected_and_autograded(course_dir, home) -> None:
    """One learner's M1.3, completed, submitted, collected and autograded through the course's Python API."""
    autograded_copy(course_dir, home, ASSIGNMENT, LEARNER, "excellent", seed=1)


# nbgrader's English words, in its formgrader templates and scripts: none may be left on a formgrader page.
ENGLISH = re.compile(r"\b(Manage|Assignments?|Manual Grading|Gradebook|Students?|Submissions?|Loading|Score|Name|"
                     r"Due Date|Status|Edit|Generate|Preview|Release|Collect|Feedback|Search|Next|Prev|Full credit|"
                     r"No credit|extra credit|Resolve|Comments?|None|Show|Hide|Notebook|Timestamp)\b")


def headers(frame) -> list[str]:
    return [text.strip() for text in frame.locator("table thead th").all_inner_texts()]


def english_left(frame, selector: str = "body") -> list[str]:
    """nbgrader's English words still shown in `selector` of a formgrader page (its visible text)."""
    return sorted({match for text in frame.locator(selector).all_inner_texts() for match in ENGLISH.findall(text)})




def test_trainer_lab_and_manual_grading_in_formgrader(tmp_path, browser_page, monkeypatch):
    page = browser_page.page
    monkeypatch.setenv("JUPYTER_DATA_DIR", str(tmp_path / "jupyter"))  # nbgrader's submit cache, not the user's
    course_dir = bloc1_course(tmp_path / "cours")
    collected_and_autograded(course_dir, tmp_path / "apprenant")
    setup = prepare_role("formateur", course_dir)
    assert setup.root_dir == course_dir and setup.url_path == "/lab"

    with start_lab(setup) as lab:
        page.goto(lab.url)
        expect(page.locator(".lm-MenuBar-content")).to_contain_text("Fichier")
        expect(page.locator(".jp-DirListing-item", has_text="source")).to_be_visible()  # the course directory
        assert page.locator(".jp-Dialog").count() == 0
        assert page.locator(".Toastify__toast").count() == 0
        sidebars = page.locator(".jp-SideBar .lm-TabBar-tab").evaluate_all("tabs => tabs.map(t => t.title)")
        assert sidebars == ["Explorateur de fichiers (Ctrl+Shift+F)", "Terminaux et noyaux en cours d'exécution",
                            "Table des Matières", "Gestionnaire d'extensions", "Inspecteur de propriétés",
                            "Nbgrader : créer un devoir", "Débogueur"]
        # nbgrader's menu in French (casp-nbgrader-fr, course/lab/labextensions); « Formgrader » is a name.
        assert menu_items(page, "Nbgrader", close=False) == ["Liste des devoirs", "Liste des cours", "Formgrader",
                                                "Créer un devoir"]
        browser_page.screenshot("formateur-01-lab.png")

        page.get_by_role("menuitem", name="Formgrader", exact=True).click()
        formgrader = page.frame_locator("#formgrader iframe")
        # Formgrader in French (course/nbgrader_ext/formgrader_fr.py): its pages, and what its scripts write.
        expect(formgrader.get_by_role("heading", name="Gérer les devoirs")).to_be_visible()
        row = formgrader.locator("table tbody tr", has_text=ASSIGNMENT)
        expect(row).to_be_visible()
        assert headers(formgrader) == ["Nom", "Date limite", "Statut", "Modifier", "Générer", "Aperçu", "Diffuser",
                                       "Ramasser", "Copies", "Générer les retours", "Envoyer les retours"]
        expect(row.locator("td.status")).to_have_text("diffusé")
        expect(row.get_by_role("link", name="Ramasser les copies")).to_be_visible()
        expect(row.get_by_role("link", name="Générer la version apprenant")).to_have_attribute(
            "title", "Générer la version apprenant")
        expect(formgrader.get_by_text("Rechercher :")).to_be_visible()
        assert english_left(formgrader) == []
        browser_page.screenshot("correcteur-01-formgrader.png")

        formgrader.get_by_role("link", name="Notation manuelle").click()
        expect(formgrader.get_by_role("heading", name="Notation manuelle")).to_be_visible()
        expect(formgrader.locator("table tbody tr", has_text=ASSIGNMENT)).to_be_visible()
        assert headers(formgrader) == ["Devoir", "Date limite", "Copies", "Note moyenne"]
        assert english_left(formgrader) == []
        formgrader.get_by_role("link", name=ASSIGNMENT).click()
        formgrader.get_by_role("link", name=NOTEBOOK).click()
        names = formgrader.locator("#toggle_names")
        expect(formgrader.get_by_role("link", name="Copie n° 1")).to_be_visible()
        expect(names).to_have_text("Afficher tous les noms")
        assert english_left(formgrader) == []
        names.click()  # the course's caspToggleAllNames(): nbgrader's reads the English label
        expect(formgrader.get_by_role("link", name=f"{LEARNER[2]}, {LEARNER[1]}")).to_be_visible()
        expect(names).to_have_text("Masquer tous les noms")
        names.click()
        expect(names).to_have_text("Afficher tous les noms")
        formgrader.get_by_role("link", name="Copie n° 1").click()

        score = formgrader.locator(f"input.score#{GRADE_ID}")
        comment = formgrader.locator(f"textarea.comment#{GRADE_ID}-comment")
        score.scroll_into_view_if_needed()
        expect(score).to_have_value("")
        answer = formgrader.locator(".nbgrader_cell", has=score)
        expect(answer.locator(".nbgrader-label")).to_have_text("Réponse de l'apprenant")
        expect(answer.get_by_role("button", name="Tous les points")).to_be_visible()
        expect(answer.get_by_role("button", name="Aucun point")).to_be_visible()
        expect(score).to_have_attribute("aria-label", "Points (sur 4)")
        expect(comment).to_have_attribute(
            "placeholder", "Écrivez ici votre commentaire pour l'apprenant (Markdown et MathJax acceptés)")
        expect(formgrader.get_by_role("link", name="Suivante →")).to_be_visible()
        expect(formgrader.get_by_role("link", name="← Précédente")).to_be_visible()
        expect(formgrader.locator(".panel-heading .panel-title").first).to_contain_text("Copie 1 / 1")
        assert english_left(formgrader, "nav, .panel-heading, .panel-footer, #statusmessage") == []
        browser_page.screenshot("correcteur-02-copie.png")

        with page.expect_response(lambda r: "/formgrader/api/grade/" in r.url and r.request.method == "PUT"):
            score.fill(f"{POINTS:g}")
            score.press("Tab")
        with page.expect_response(lambda r: "/formgrader/api/comment/" in r.url and r.request.method == "PUT"):
            comment.fill(COMMENT)
            comment.blur()  # formgrader saves a comment when it changes
        # The picture shows the points (above the answer) and the comment (below it): once formgrader's own
        # scrolling towards the focused field is over, the answer's header goes just under its navigation bar.
        grading = next(frame for frame in page.frames if "/formgrader/submissions/" in frame.url)
        grading.wait_for_function("() => window.jQuery(':animated').length === 0")
        score.evaluate("e => window.scrollTo(0, e.getBoundingClientRect().top + window.scrollY - 130)")
        expect(score).to_be_in_viewport()
        expect(comment).to_be_in_viewport()
        browser_page.screenshot("correcteur-03-note-commentaire.png")
        browser_page.close()

    with Gradebook(load_config(course_dir).CourseDirectory.db_url) as gradebook:
        grade = gradebook.find_grade(GRADE_ID, NOTEBOOK, ASSIGNMENT, LEARNER[0])
        note = gradebook.find_comment(GRADE_ID, NOTEBOOK, ASSIGNMENT, LEARNER[0])
        assert (grade.manual_score, grade.max_score, grade.needs_manual_grade) == (POINTS, 4.0, False)
        assert note.manual_comment == COMMENT
    browser_page.assert_no_js_errors()


def test_every_formgrader_page_reads_in_french(tmp_path, browser_page, monkeypatch):
    """Every page, dialog and message of formgrader a trainer meets, in French; its feedback button writes the
    course's French feedback."""
    page = browser_page.page
    monkeypatch.setenv("JUPYTER_DATA_DIR", str(tmp_path / "jupyter"))
    course_dir = bloc1_course(tmp_path / "cours")
    collected_and_autograded(course_dir, tmp_path / "apprenant")
    login, first_name, last_name = LEARNER
    with start_lab(prepare_role("formateur", course_dir)) as lab:
        def visit(path: str) -> None:
            page.goto(f"{lab.base_url}/formgrader/{path}?token={lab.token}")
            expect(page.locator("#main-table td").first).not_to_have_text("Chargement, veuillez patienter…")

        visit("manage_assignments")
        row = page.locator("table tbody tr", has_text=ASSIGNMENT)
        row.get_by_role("link", name="Modifier").click()
        dialog = page.locator("#edit-assignment-modal")
        expect(dialog.locator(".modal-title")).to_have_text(f"Modifier {ASSIGNMENT}")
        assert [text.strip() for text in dialog.locator("td.align-middle").all_inner_texts()] == [
            "Nom", "Date limite (facultative)", "Fuseau horaire, en décalage par rapport à UTC (facultatif)"]
        expect(dialog.get_by_role("button", name="Enregistrer")).to_be_visible()
        expect(dialog.get_by_role("button", name="Fermer")).to_be_attached()
        assert english_left(page) == []
        dialog.get_by_role("button", name="Annuler").click()
        expect(dialog).not_to_be_attached()

        # Formgrader's « Generate feedback » runs nbgrader's API with the course's configuration: French feedback.
        row.get_by_role("link", name="Générer les retours").click()
        dialog = page.locator("#success-modal")
        expect(dialog.locator(".modal-title")).to_have_text("Terminé")
        expect(dialog.locator(".modal-body p").first).to_have_text(f"Retours de « {ASSIGNMENT} » générés.")
        expect(dialog.locator(".panel-heading")).to_have_text("Journal")
        html = (course_dir / "feedback" / login / ASSIGNMENT / f"{NOTEBOOK}.html").read_text(encoding="utf-8")
        assert '<html lang="fr">' in html and "Réponse de l'apprenant" in html and "Student's answer" not in html
        dialog.get_by_role("button", name="OK").click()
        expect(dialog).not_to_be_attached()

        visit(f"manage_submissions/{ASSIGNMENT}")
        expect(page.get_by_role("heading", name="Gérer les copies")).to_be_visible()
        assert headers(page) == ["Apprenant", "Identifiant", "Rendu le", "Statut", "Note", "Corriger automatiquement",
                                 "Générer le retour", "Envoyer le retour"]
        row = page.locator("table tbody tr", has_text=login)
        expect(row.locator("td.status")).to_have_text("à noter à la main")
        expect(row.locator("td.student-name")).to_have_text(f"{last_name}, {first_name}")
        expect(row.get_by_role("link", name="Corriger automatiquement")).to_be_visible()
        assert english_left(page) == []

        visit(f"gradebook/{ASSIGNMENT}")
        assert headers(page) == ["Carnet", "Note moyenne", "Moyenne du code", "Moyenne de l'écrit",
                                 "Moyenne des tâches", "À noter à la main ?"]
        assert english_left(page) == []
        visit(f"gradebook/{ASSIGNMENT}/{NOTEBOOK}")
        assert headers(page) == ["", "Copie", "Note", "Code", "Écrit", "Tâches", "À noter à la main ?",
                                 "Tests échoués ?", "Signalée ?"]
        assert english_left(page) == []
        page.locator("span.glyphicon.name-hidden").first.hover()
        expect(page.locator(".tooltip")).to_have_text("Afficher le nom de l'apprenant")

        visit("manage_students")
        expect(page.get_by_role("heading", name="Gérer les apprenants")).to_be_visible()
        assert headers(page) == ["Nom", "Identifiant", "Courriel", "Note totale", "Modifier"]
        expect(page.locator("table tbody tr", has_text=login).locator("td.email")).to_have_text("—")
        assert english_left(page) == []
        page.get_by_role("link", name="Ajouter un apprenant…").click()
        dialog = page.locator("#add-student-modal")
        expect(dialog.locator(".modal-title")).to_have_text("Nouvel apprenant")
        assert [text.strip() for text in dialog.locator("td.align-middle").all_inner_texts()] == [
            "Identifiant de l'apprenant", "Prénom (facultatif)", "Nom (facultatif)", "Courriel (facultatif)"]
        dialog.get_by_role("button", name="Annuler").click()
        visit(f"manage_students/{login}")
        assert headers(page) == ["Devoir", "Note", "Code", "Écrit", "Tâches", "À noter à la main ?"]
        expect(page.locator("table tbody tr", has_text="m11_recit_de_vie")).to_have_text(
            re.compile(r"\(pas de copie\)"))
        assert english_left(page) == []
        visit(f"manage_students/{login}/{ASSIGNMENT}")
        assert headers(page) == ["Carnet", "Note", "Code", "Écrit", "Tâches", "À noter à la main ?", "Tests échoués ?",
                                 "Signalée ?"]
        assert english_left(page) == []

        # The grading page: its keyboard shortcuts and the message of Ctrl+Maj+F.
        visit(f"gradebook/{ASSIGNMENT}/{NOTEBOOK}")
        page.get_by_role("link", name="Copie n° 1").click()
        expect(page.locator(f"input.score#{GRADE_ID}")).to_be_visible()
        page.locator(".help").click()
        dialog = page.locator("#help-dialog")
        expect(dialog.locator(".modal-title")).to_have_text("Raccourcis clavier")
        assert dialog.locator(".shortcut-key").all_inner_texts() == [
            "Tab", "Maj+Tab", "Échap", "Entrée", "Ctrl+.", "Ctrl+Maj+.", "Ctrl+,", "Ctrl+Maj+,", "Ctrl+Maj+F"]
        expect(dialog.locator(".shortcut-help").first).to_have_text(
            "Aller à la case de points ou de commentaire suivante")
        assert english_left(page, "#help-dialog") == []
        dialog.get_by_role("button", name="Fermer").last.click()
        expect(dialog).not_to_be_attached()
        page.locator("body").press("Control+Shift+F")
        expect(page.locator("#statusmessage")).to_have_text("Copie signalée")
        browser_page.close()
    browser_page.assert_no_js_errors()


# What formgrader's scripts write when something goes right or wrong (nbgrader's static/js/*.js), and its French.
MESSAGES = {
    "Successfully created the student version of 'm13':": "Version apprenant de « m13 » créée :",
    "There was an error creating the student version of 'm13':":
        "Erreur à la création de la version apprenant de « m13 » :",
    "There was an error creating the student version of 'm13'.":
        "Erreur à la création de la version apprenant de « m13 ».",
    "Successfully unreleased 'm13'.": "Diffusion de « m13 » retirée.",
    "There was an error unreleasing 'm13':": "Erreur au retrait de la diffusion de « m13 » :",
    "Successfully released 'm13'.": "Devoir « m13 » diffusé.",
    "There was an error releasing 'm13'.": "Erreur à la diffusion de « m13 ».",
    "Successfully collected submissions of 'm13'.": "Copies de « m13 » ramassées.",
    "There was an error collecting 'm13':": "Erreur au ramassage des copies de « m13 » :",
    "There was an error collecting submissions of 'm13'.": "Erreur au ramassage des copies de « m13 ».",
    "Successfully generated feedback of 'm13'.": "Retours de « m13 » générés.",
    "There was an error generating feedback of 'm13':": "Erreur à la génération des retours de « m13 » :",
    "Successfully released feedback of 'm13'.": "Retours de « m13 » envoyés aux apprenants.",
    "There was an error releasing feedback of 'm13'.": "Erreur à l'envoi des retours de « m13 ».",
    "Successfully autograded 'm13' for student 'apprenant01'.":
        "Copie de « apprenant01 » pour « m13 » corrigée automatiquement.",
    "There was an error autograding 'm13' for student 'apprenant01':":
        "Erreur à la correction automatique de la copie de « apprenant01 » pour « m13 » :",
    "Successfully generated feedback for 'm13' for student 'apprenant01'.":
        "Retour de « apprenant01 » pour « m13 » généré.",
    "There was an error generating feedback for 'm13' for student 'apprenant01'.":
        "Erreur à la génération du retour de « apprenant01 » pour « m13 ».",
    "Successfully released feedback for 'm13' for student 'apprenant01'.":
        "Retour de « apprenant01 » pour « m13 » envoyé.",
    "There was an error releasing feedback for 'm13' for student 'apprenant01':":
        "Erreur à l'envoi du retour de « apprenant01 » pour « m13 » :",
    "Error": "Erreur",
    "Traceback": "Détail de l'erreur",
    "Please wait...": "Veuillez patienter…",
    "Saving...": "Enregistrement…",
    "Assignment names may not include the '+' character.":
        "Le nom d'un devoir ne peut pas contenir le caractère « + ».",
    "needs autograding": "à corriger automatiquement",
    "graded": "noté",
    "draft": "brouillon",
    "12.5 / 20": "12,5 / 20",
    "None, None": "—",
    "Abadie, None": "Abadie",
    "m11 (not autograded)": "m11 (pas encore corrigé automatiquement)",
    "cas (file missing)": "cas (fichier absent)",
    "Submission unflagged": "Copie plus signalée",
    "Hide All Names": "Masquer tous les noms",
}


def test_formgrader_messages_in_french_and_learners_work_untouched(browser_page):
    """formgrader_fr.js on its own: every message formgrader's scripts write, as they write it (text set after the
    element is on the page, or an element added with its text); a learner's text, code and outputs stay as typed."""
    page = browser_page.page
    page.set_content('<html><body><div id="ui"></div>'
                     '<div class="cell"><div class="rendered_html"><p>Save</p></div><div class="output_area">'
                     '<pre>None</pre><div class="output_html"><span title="Close">Name</span></div></div></div>'
                     '<textarea class="comment" placeholder="No response.">Cancel</textarea></body></html>')
    page.add_script_tag(path=str(FORMGRADER_FR_JS))
    page.evaluate("""messages => {
        const ui = document.getElementById("ui");
        messages.forEach((message, index) => {
            const node = document.createElement("p");
            if (index % 2) { ui.appendChild(node); node.textContent = message; }
            else { node.textContent = message; ui.appendChild(node); }
        });
    }""", list(MESSAGES))
    expect(page.locator("#ui p").last).to_have_text(list(MESSAGES.values())[-1])
    assert page.locator("#ui p").all_inner_texts() == list(MESSAGES.values())
    assert page.locator(".cell").inner_text() == "Save\n\nNone\nName"
    assert page.locator(".output_html span").get_attribute("title") == "Close"
    assert page.locator("textarea").input_value() == "Cancel"
    assert page.locator("textarea").get_attribute("placeholder") == "Pas de réponse."
    browser_page.assert_no_js_errors()


def test_trainer_lab_opens_a_myst_assignment_as_a_notebook(tmp_path, browser_page):
    """Trainers edit assignments/<id>/*.md in the lab: a MyST file opens as a notebook (jupytext), not as text."""
    page = browser_page.page
    course_dir = bloc1_course(tmp_path / "cours")
    setup = prepare_role("formateur", course_dir)
    path = f"assignments/{ASSIGNMENT}/{NOTEBOOK}.md"
    with start_lab(setup) as lab:
        page.goto(f"{lab.base_url}/lab/tree/{path}?token={lab.token}")
        notebook = page.locator(".jp-NotebookPanel .jp-Notebook")
        expect(notebook).to_be_visible()
        expect(notebook.locator(".jp-CodeCell").first).to_be_visible()
        expect(notebook).to_contain_text("Les situations")  # the first markdown heading of the case, rendered
        expect(notebook).to_contain_text("### BEGIN SOLUTION")  # answer cells with their model answer
        assert notebook.locator(".jp-Cell").count() >= 10  # the lab renders only the cells near the view
        assert page.locator(".jp-FileEditor").count() == 0  # not the text editor
        browser_page.close()
    browser_page.assert_no_js_errors()
