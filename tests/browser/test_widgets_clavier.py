"""The course's widgets operated with the keyboard only, in the learner's French lab: the same result as a click.

A notebook in the learner's workspace shows five of the course's real widgets, which together use every kind
of control the course builds its widgets from (tests/test_widget_accessibilite.py checks that no other kind
is used): the diagnostic grid (drop-down lists, check boxes, buttons), the observation checklist (section
buttons, radio buttons), the frise (radio buttons, check boxes, number fields), the team journal (date, number,
text area, text field, button) and the interview simulation (answer buttons that disable themselves). A sixth
cell shows the course's other widgets, for axe-core's check at the end.

Each widget is operated with `page.keyboard` only (Tab, Shift+Tab, Space, Enter, arrow keys, typing).
`locator.focus()` puts the focus on its first control, where a learner's Tab key would bring it; the mouse only
runs the notebook and the cell that prints the kernel's state. The result is compared with what the widget's
Python API gives for the same choices (what a click calls).

What this found in JupyterLab 4.6 with ipywidgets 8.1, and what the course does about it:
- Accordion: its section headers are `div`s with a click handler, not reached with Tab nor opened with a key.
  The checklist now opens its sections with buttons (« ▸ Ouvrir … », « ▾ Fermer … »).
- Dropdown: on a closed list, JupyterLab's notebook shortcuts took the arrow keys and letters (ArrowDown moved to
  the next cell, « B » inserted a cell; ipywidgets issue #3912), because only `:read-write` elements (text
  fields) switch them off. The course's lab extension now leaves them to the list (its plugin
  casp-nbgrader-fr:widget-keys, in every language, for lists, radio buttons, check boxes and sliders): ArrowDown
  chooses the next item and a letter the first item it begins with, while Ctrl+S still saves the notebook.
  Space (or Alt+ArrowDown) opens the list, whose arrow keys and Enter work too: the test chooses both ways.
- ToggleButtons: operable (Tab, Space), but the button pressed is shown by a shade and not announced: the course
  uses radio buttons instead. ipywidgets' radio buttons have no `name`, so each is a Tab stop of its own and Space
  checks the one focused. The arrow keys do nothing on them: the lab extension stops them there, for Chromium
  would move them through every unnamed radio button of the page and check the one reached, in the next question.
- Sliders: the handles move with the arrow keys, but have no accessible name: the frise asks for two years in
  number fields, which are `:read-write` (typing and arrow keys reach them, not the notebook).
"""
from __future__ import annotations

import datetime as dt
import json
import re
import shutil

import nbformat
from playwright.sync_api import expect

from course.learner.equipe import ajouter_contribution, enregistrer_journal
from course.learner.widgets.diagnostic import grille_diagnostic
from course.learner.widgets.frise import RUPTURES, Frise
from course.learner.widgets.observation import GrilleObservation, NON, NON_OBSERVE, OUI, lire_grille
from course.lab import prepare_role, start_lab
from tests.browser.conftest import REPO, axe_violations, bloc1_course, lab_in_english
from tests.browser.test_apprenant import KERNEL_IDLE, scroll_to

FOLDER = "clavier"
NOTEBOOK = "widgets_clavier.ipynb"
FILES = {  # the widgets' files, released beside the notebooks
    "grille_diagnostic.yaml": "m13_cas_accueil_orientation", "grille_observation.yaml": "m14_note_observation",
    "entretien_scenarios.yaml": "m12_entretiens_accueil", "dictionnaire_observation.yaml": "m14_note_observation",
    "oral.yaml": "m22_enquete_professionnels_orientation",
    "situations_entrainement.yaml": "m21_cartographie_dispositifs",
    "simulation_negociation.yaml": "m23_negociation_groupe",
}
TODAY = dt.date(2025, 1, 6)
CELLS = [
    "from course.learner.widgets.diagnostic import grille_diagnostic\n"
    "diagnostic = grille_diagnostic('josiane')\ndiagnostic",
    "from course.learner.widgets.observation import GrilleObservation, lire_grille\n"
    "observation = GrilleObservation(lire_grille())\nobservation.widget",
    "from course.learner.widgets.frise import Frise\nfrise = Frise()\nfrise.widget",
    "import datetime\nfrom course.learner.widgets.taches import JournalEquipe\n"
    f"journal = JournalEquipe('apprenant01', aujourd_hui=datetime.date({TODAY.year}, {TODAY.month}, {TODAY.day}))\n"
    "journal.widget",
    "from course.learner.widgets.entretien import simuler_entretien\nentretien = simuler_entretien('telephone')\n"
    "entretien",
    # The course's other widgets, shown for axe-core's check at the end (their controls are of the kinds above).
    "from course.learner.equipe import mon_equipe\nfrom course.learner.oral import chronometre, preparer_oral\n"
    "from course.learner.widgets.fiche_structure import fiche_structure\n"
    "from course.learner.widgets.grille_interets import grille_interets\n"
    "from course.learner.widgets.protocole import nouveau_protocole\n"
    "from course.learner.widgets.saisie import saisir_terrain\n"
    "from course.learner.widgets.simulation_negociation import simuler_negociation\n"
    "from course.learner.widgets.taches import repartition_taches\n"
    "from course.learner.widgets.tester_repertoire import tester_mon_repertoire\n"
    "from IPython.display import display\n"
    "mon_equipe('E1', ['apprenant01', 'apprenant02'], 'apprenant01')\n"
    "display(saisir_terrain('dictionnaire_observation.yaml', 'releves.csv'), fiche_structure('repertoire.csv'),\n"
    "        nouveau_protocole(), preparer_oral(), grille_interets(parties=['Délégué des familles']),\n"
    "        repartition_taches(), simuler_negociation(), chronometre(10))\n"
    "import pandas as pd\ntester_mon_repertoire(pd.DataFrame(columns=['structure', 'commune']))",
    "import json\nprint(json.dumps({\n"
    "    'diagnostic': [diagnostic.domaines_coches, [diagnostic.grille.nom_lien(l) for l in diagnostic.liens],\n"
    "                   diagnostic.orientations_cochees],\n"
    "    'listes': [diagnostic.lien_a.value, diagnostic.lien_b.value],\n"
    "    'observation': {r: [b.value for _, b in c] for r, c in observation.choix.items()},\n"
    "    'frise': [frise.nature.value, list(frise.periode()), [d for d, c in frise.domaines.items() if c.value]],\n"
    "    'journal': journal.lignes,\n"
    "    'entretien': entretien.choix,\n"
    "}, ensure_ascii=False))",
]
FOCUSED = """() => { const e = document.activeElement;
  const label = e.labels && e.labels.length ? e.labels[0].textContent : '';
  return (label || e.textContent || '').trim(); }"""


def write_notebook(folder, cells: list[str] = CELLS) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, assignment in FILES.items():
        shutil.copy(REPO / "release" / assignment / name, folder / name)
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(source) for source in cells])
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3 (ipykernel)",
                                       "language": "python"}
    nbformat.write(notebook, folder / NOTEBOOK)


def focused(page) -> str:
    return page.evaluate(FOCUSED)


def tab(page, times: int = 1, key: str = "Tab") -> list[str]:
    """Press Tab (or Shift+Tab) `times` times; the label of each control reached, in order."""
    reached = []
    for _ in range(times):
        page.keyboard.press(key)
        reached.append(focused(page))
    return reached


def lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


ACTIVE = re.compile(r"\bjp-mod-active\b")
DIRTY = re.compile(r"\bjp-mod-dirty\b")


def current_tab(page):
    return page.locator(".lm-DockPanel-tabBar .lm-TabBar-tab.jp-mod-current")


def test_every_kind_of_control_works_with_the_keyboard_only(tmp_path, browser_page):
    page = browser_page.page
    course_dir = bloc1_course(tmp_path / "cours")
    setup = prepare_role("apprenant", course_dir)
    folder = setup.root_dir / FOLDER
    write_notebook(folder)

    with start_lab(setup) as lab:
        page.goto(f"{lab.base_url}/lab/tree/{FOLDER}/{NOTEBOOK}?token={lab.token}")
        expect(page.locator("#jp-main-statusbar")).to_contain_text(KERNEL_IDLE, timeout=60_000)
        page.locator(".lm-MenuBar-item", has_text="Exécution").click()
        page.get_by_role("menuitem", name="Exécuter toutes les cellules", exact=True).click()
        notebook = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook")
        cells = notebook.locator(".jp-Cell")
        cells.nth(len(CELLS) - 1).locator(".jp-OutputArea-output").get_by_text('"entretien": []').wait_for(
            timeout=90_000)
        expect(page.locator("#jp-main-statusbar")).to_contain_text(KERNEL_IDLE)
        outputs = [cells.nth(index).locator(".jp-OutputArea-output").first for index in range(len(CELLS))]

        # --- The diagnostic grid: Tab follows reading order; Space ticks, opens a list; Enter and Space press. ---
        grille = outputs[0]
        scroll_to(page, grille)
        grille.get_by_label("Cas étudié :").focus()
        assert tab(page, 12) == ["Santé", "Emploi", "Logement", "Addictions", "Droits", "Budget", "Famille",
                                 "Relier", "et", "Ajouter ce lien", "Effacer les liens", "SIAO/115"]
        assert tab(page, 4, "Shift+Tab") == ["Effacer les liens", "Ajouter ce lien", "et", "Relier"]
        tab(page, 4, "Shift+Tab")  # back to « Addictions »
        page.keyboard.press("Space")
        assert tab(page, 2) == ["Droits", "Budget"]
        page.keyboard.press("Space")
        assert tab(page, 2) == ["Famille", "Relier"]
        for key in ("Space", "ArrowUp", "Enter"):  # open the list, one up (Addictions → Logement), choose
            page.keyboard.press(key)
        expect(grille.get_by_label("Relier")).to_have_value("Logement")
        assert tab(page, 2) == ["et", "Ajouter ce lien"]
        page.keyboard.press("Enter")
        grille.get_by_text("Liens ajoutés : Logement – Budget").wait_for()
        tab(page, 2, "Shift+Tab")
        for key in ("Space", "ArrowDown", "Enter"):  # back to Addictions
            page.keyboard.press(key)
        tab(page, 2)
        page.keyboard.press("Space")  # « Ajouter ce lien » pressed with Space this time
        grille.get_by_text("Liens ajoutés : Logement – Budget ; Addictions – Budget").wait_for()
        assert tab(page, 4) == ["Effacer les liens", "SIAO/115", "CCAS", "Point conseil budget"]
        page.keyboard.press("Space")
        assert tab(page, 15)[-1] == "Comparer avec la lecture attendue"
        page.keyboard.press("Enter")
        retour = grille.locator(".widget-html").last
        retour.get_by_text("Problématiques essentielles repérées : 2 sur 3.").wait_for()

        # The same choices through the widget's Python API (what a click calls) give the same feedback.
        attendu = grille_diagnostic("josiane", fichier=folder / "grille_diagnostic.yaml")
        for case in ("Addictions", "Budget"):
            attendu.cases_domaines[case].value = True
        attendu.lien_a.value = "Logement"
        attendu.bouton_lien.click()
        attendu.lien_a.value = "Addictions"
        attendu.bouton_lien.click()
        attendu.cases_orientations["Point conseil budget"].value = True
        attendu.bouton_comparer.click()
        feedback = lines(retour.inner_text())
        assert feedback[:3] == ["Retour sur votre lecture — Cas d'entraînement — Josiane, 64 ans, retraitée, "
                                "dettes et paris en ligne dans le couple",
                                "Problématiques essentielles repérées : 2 sur 3.", "Vous avez repéré :"]
        assert "Liens clés entre problématiques : 1 sur 3." in feedback
        assert "Orientations attendues choisies : 0 sur 3." in feedback  # Point conseil budget: « second temps »
        assert feedback == [line for line in lines(page.evaluate(
            "html => { const d = document.createElement('div'); d.innerHTML = html; document.body.appendChild(d);"
            " const t = d.innerText; d.remove(); return t; }", attendu.retour.value))]

        # A closed list keeps its own keys (the course's lab extension, casp-nbgrader-fr:widget-keys): ArrowDown
        # chooses the next item, a letter the first item it begins with. The notebook's shortcuts for these keys
        # (ArrowDown: next cell; « b », « a »: insert a cell below, above) do not fire and the focus stays on the
        # list. A key with Ctrl is still the lab's: Ctrl+S saves the notebook. The kernel's values are read back
        # with the others at the end.
        relier, et = grille.get_by_label("Relier", exact=True), grille.get_by_label("et", exact=True)
        relier.focus()
        expect(relier).to_have_value("Addictions")
        page.keyboard.press("ArrowDown")
        expect(relier).to_have_value("Droits")  # Santé, Emploi, Logement, Addictions, Droits, Budget, Famille
        assert focused(page) == "Relier"
        page.keyboard.press("b")
        expect(relier).to_have_value("Budget")
        assert focused(page) == "Relier"
        page.keyboard.press("Tab")
        assert focused(page) == "et"
        expect(et).to_have_value("Budget")
        page.keyboard.press("a")
        expect(et).to_have_value("Addictions")
        assert focused(page) == "et"
        assert cells.count() == len(CELLS)
        expect(cells.nth(0)).to_have_class(ACTIVE)
        # A check box: no key of its own but Space, and the notebook's shortcuts stay out of it too.
        famille = grille.get_by_label("Famille", exact=True)
        famille.focus()
        for key in ("ArrowDown", "b"):
            page.keyboard.press(key)
        assert focused(page) == "Famille"
        expect(famille).not_to_be_checked()
        assert cells.count() == len(CELLS)
        expect(cells.nth(0)).to_have_class(ACTIVE)
        # A button: Space and Enter press it; « d d » (delete the cell), « b » and ArrowDown stay with the widget.
        ajouter = grille.get_by_role("button", name="Ajouter ce lien")
        ajouter.focus()
        for key in ("ArrowDown", "b", "d", "d"):
            page.keyboard.press(key)
        assert focused(page) == "Ajouter ce lien"
        assert cells.count() == len(CELLS)
        expect(cells.nth(0)).to_have_class(ACTIVE)
        et.focus()
        expect(current_tab(page)).to_have_class(DIRTY)  # the outputs of « Exécuter toutes les cellules »
        with page.expect_response(lambda r: "/api/contents/" in r.url and r.request.method == "PUT"):
            page.keyboard.press("Control+s")
        expect(current_tab(page)).not_to_have_class(DIRTY)
        assert focused(page) == "et"

        # --- The observation checklist: a section button opens it; Tab reaches each radio button; Space checks. ---
        liste = outputs[1]
        scroll_to(page, liste)
        section = liste.get_by_role("button").first
        expect(section).to_have_text("▸ Ouvrir « Accès et signalétique » (3 critères)")
        section.focus()
        page.keyboard.press("Enter")
        expect(section).to_have_text("▾ Fermer « Accès et signalétique » (3 critères)")
        assert focused(page) == "▾ Fermer « Accès et signalétique » (3 critères)"  # the focus stays on it
        assert tab(page, 2) == ["oui", "non"]  # the first criterion's radio buttons
        page.keyboard.press("Space")
        # The arrow keys and « b » move nothing: neither the notebook (next cell, insert a cell) nor Chromium (the
        # next unnamed radio button of the page, this criterion's « non observé », then the next criterion's « oui »).
        for key in ("ArrowDown", "ArrowDown", "b"):
            page.keyboard.press(key)
        assert focused(page) == "non"
        expect(cells.nth(1)).to_have_class(ACTIVE)
        assert tab(page, 2) == ["non observé", "oui"]  # then the second criterion's
        page.keyboard.press("Space")
        assert tab(page, 11) == ["non", "non observé", "oui", "non", "non observé",
                                 "▸ Ouvrir « Confidentialité » (4 critères)",
                                 "▸ Ouvrir « Confort de l'attente » (4 critères)",
                                 "▸ Ouvrir « Accessibilité » (4 critères)",
                                 "▸ Ouvrir « Numérique » (2 critères)",
                                 "▸ Ouvrir « Documents et affichage » (3 critères)", "Faire le bilan"]
        page.keyboard.press("Enter")
        observation = GrilleObservation(lire_grille(dossier=folder))
        observation.choix["Accès et signalétique"][0][1].value = NON
        observation.choix["Accès et signalétique"][1][1].value = OUI
        bilan = liste.locator(".widget-output")
        bilan.get_by_text("Accès et signalétique").first.wait_for()
        assert bilan.locator("tbody tr").first.inner_text().split("\t") == ["Accès et signalétique", "1", "1", "1"]
        assert "| Accès et signalétique | 1 | 1 | 1 |" in observation.bilan()
        ameliorer = observation.choix["Accès et signalétique"][0][0]
        expect(bilan.get_by_text(f"Accès et signalétique : {ameliorer}")).to_be_visible()

        # --- The frise: radio buttons, check boxes, number fields typed in and stepped with the arrow keys. ---
        frise = outputs[2]
        scroll_to(page, frise)
        frise.get_by_label("Personne :").focus()
        assert tab(page, 2) == ["Tout", "Ruptures seulement"]
        page.keyboard.press("Space")
        page.keyboard.press("ArrowRight")  # the notebook stays where it is, and so does the radio button checked
        assert focused(page) == "Ruptures seulement"
        expect(cells.nth(2)).to_have_class(ACTIVE)
        assert tab(page, 4) == ["Ressources seulement", "Formation", "Emploi", "Santé"]
        page.keyboard.press("Space")  # Santé unticked
        assert tab(page, 4) == ["Famille", "Logement", "Ressources financières", "Période : de l'année"]
        page.keyboard.press("Control+a")
        page.keyboard.type("2019")
        assert tab(page) == ["à l'année"]
        page.keyboard.press("ArrowDown")  # 2025 → 2024: a number field is read-write, the notebook leaves its keys
        page.keyboard.press("Tab")
        attendu = Frise()
        attendu.nature.value = RUPTURES
        attendu.domaines["Santé"].value = False
        attendu.debut.value, attendu.fin.value = 2019, 2024
        phrase = attendu.description()
        assert phrase == ("Frise du parcours de Martine (P0417) : 5 ruptures (▼) entre 2021 et 2023, dans "
                          "4 domaines, un par ligne (Emploi, Famille, Logement, Ressources financières).")
        expect(frise.locator("figcaption")).to_have_text(phrase)
        expect(frise.locator("figure img")).to_have_attribute("alt", phrase)

        # --- The team journal: a date, a number, a text area, a text field, then the button. ---
        journal = outputs[3]
        scroll_to(page, journal)
        journal.get_by_label("Date").focus()
        page.keyboard.type("03122025")  # the browser's own format (en-US): month, day, year
        for _ in range(2):  # the date field's own stops (its parts, its calendar button), then the next field
            if focused(page) == "Durée (minutes)":
                break
            page.keyboard.press("Tab")
        assert focused(page) == "Durée (minutes)"
        page.keyboard.press("Control+a")
        page.keyboard.type("45")
        assert tab(page) == ["Ce que j'ai fait"]
        page.keyboard.type("Relu le compte rendu de la réunion")
        assert tab(page) == ["Trace (facultatif)"]
        page.keyboard.type("compte_rendu.md")
        expect(journal.get_by_label("Trace (facultatif)")).to_have_value("compte_rendu.md")
        assert tab(page) == ["Ajouter au journal"]
        page.keyboard.press("Enter")
        journal.get_by_text("Contribution ajoutée. 1 contribution dans equipe/journal_apprenant01.csv, "
                            "45 minutes au total.").wait_for()
        attendu_dir = tmp_path / "attendu"
        enregistrer_journal("apprenant01", ajouter_contribution([], "2025-03-12", 45,
                                                                "Relu le compte rendu de la réunion",
                                                                "compte_rendu.md"), dossier=attendu_dir)
        fichier = "equipe/journal_apprenant01.csv"
        assert (folder / fichier).read_bytes() == (attendu_dir / fichier).read_bytes()

        # --- The interview simulation: an answer button disables itself; Tab goes on from where it was. ---
        entretien = outputs[4]
        scroll_to(page, entretien)
        entretien.get_by_role("button", name="Réponse A").focus()
        assert tab(page) == ["Réponse B"]
        page.keyboard.press("Enter")
        entretien.get_by_text("Réponse ajustée — vous avez choisi B").wait_for()
        assert tab(page, 2) == ["Voir l'analyse des quatre réponses", "Réplique suivante"]
        page.keyboard.press("Enter")
        entretien.get_by_text("Réplique 2 sur 5").wait_for()

        # --- The kernel's state, printed by the last cell: what the keyboard chose. ---
        etat = cells.nth(len(CELLS) - 1)
        etat.locator(".jp-InputArea-editor").click()
        page.keyboard.press("Control+Enter")
        sortie = etat.locator(".jp-OutputArea-output")
        sortie.get_by_text('"entretien": [1]').wait_for()
        assert json.loads(sortie.inner_text()) == {
            "diagnostic": [["Addictions", "Budget"], ["Logement – Budget", "Addictions – Budget"],
                           ["Point conseil budget"]],
            "listes": ["Budget", "Addictions"],
            "observation": {rubrique: [boutons.value for _, boutons in criteres]
                            for rubrique, criteres in observation.choix.items()},
            "frise": [RUPTURES, [2019, 2024], ["Formation", "Emploi", "Famille", "Logement",
                                               "Ressources financières"]],
            "journal": [{"date": "2025-03-12", "duree_minutes": "45",
                         "contribution": "Relu le compte rendu de la réunion", "trace": "compte_rendu.md"}],
            "entretien": [1],
        }
        assert json.loads(sortie.inner_text())["observation"]["Accès et signalétique"] == [NON, OUI, NON_OBSERVE]
        assert cells.count() == len(CELLS)  # no key reached the notebook: no cell added, cut or deleted

        # Every widget's markup passes axe-core's WCAG 2.1 A/AA rules (labels, names, text alternatives, contrast):
        # the five above and, in the cell before the last, the course's other widgets.
        autres = cells.nth(5).locator(".jp-Cell-outputArea > .jp-OutputArea-child > .jp-OutputArea-output")
        scroll_to(page, autres.last)
        assert autres.count() == 9
        assert autres.locator("button", has_text="Démarrer").count() == 1  # down to the timer, the eighth
        assert axe_violations(page, context=".jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea-output") == []
        browser_page.close()  # before the server stops, or the page reports the lost connection
    browser_page.assert_no_js_errors()


def test_a_list_keeps_its_keys_in_an_english_lab_too(tmp_path, browser_page):
    """casp-nbgrader-fr:widget-keys is not a translation: in a lab in English, a closed list keeps its keys too."""
    page = browser_page.page
    setup = prepare_role("apprenant", bloc1_course(tmp_path / "cours"), notify=lambda _message: None)
    lab_in_english(setup)
    write_notebook(setup.root_dir / FOLDER, [CELLS[0], "print(repr(diagnostic.lien_a.value))"])

    with start_lab(setup) as lab:
        page.goto(f"{lab.base_url}/lab/tree/{FOLDER}/{NOTEBOOK}?token={lab.token}")
        expect(page.locator("#jp-main-statusbar")).to_contain_text("Python 3 (ipykernel) | Idle", timeout=60_000)
        page.locator(".lm-MenuBar-item", has_text="Run").click()
        page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
        cells = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook .jp-Cell")
        etat = cells.nth(1)
        etat.locator(".jp-OutputArea-output").get_by_text("'Addictions'").wait_for(timeout=90_000)
        relier = cells.nth(0).get_by_label("Relier", exact=True)
        relier.focus()
        page.keyboard.press("ArrowDown")
        expect(relier).to_have_value("Droits")
        page.keyboard.press("b")
        expect(relier).to_have_value("Budget")
        assert focused(page) == "Relier"
        assert cells.count() == 2
        expect(cells.nth(0)).to_have_class(ACTIVE)
        etat.locator(".jp-InputArea-editor").click()
        page.keyboard.press("Control+Enter")
        etat.locator(".jp-OutputArea-output").get_by_text("'Budget'").wait_for()
        assert etat.locator(".jp-OutputArea-output").inner_text().strip() == "'Budget'"
        browser_page.close()  # before the server stops, or the page reports the lost connection
    browser_page.assert_no_js_errors()
