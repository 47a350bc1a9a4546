"""Every widget the course ships, built from its real content: labelled controls, of kinds the keyboard can operate.

The browser test (tests/browser/test_widgets_clavier.py) operates one control of each kind with the keyboard
in JupyterLab 4. These tests check, without a browser, that every widget is built only from those kinds, and
that each control carries a visible label: a button its text, a field or a check box its description, a group
of radio buttons the question written just above it. A control's label is also its name for a screen reader.

Kinds left out on purpose (see the browser test's docstring): ipywidgets' Accordion (its headers are not
reached with the Tab key in JupyterLab 4), ToggleButtons (the button pressed is shown by a shade only and is
not announced), the sliders (their handles have no accessible name).
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import ipywidgets as widgets
import pytest

from course.learner.equipe import mon_equipe
from course.learner.oral import lire_oral
from course.learner.terrain import lire_dictionnaire
from course.learner.widgets import tester_repertoire  # its names start with « test »: not collected
from course.learner.widgets.chronometre import Chronometre
from course.learner.widgets.diagnostic import grille_diagnostic
from course.learner.widgets.entretien import simuler_entretien
from course.learner.widgets.fiche_structure import FicheStructure
from course.learner.widgets.frise import Frise
from course.learner.widgets.grille_interets import GrilleInterets
from course.learner.widgets.observation import GrilleObservation, lire_grille
from course.learner.widgets.preparation_oral import PreparationOral
from course.learner.widgets.protocole import FormulaireProtocole
from course.learner.widgets.saisie import SaisieTerrain
from course.learner.widgets.simulation_negociation import SimulationNegociation
from course.learner.widgets.taches import JournalEquipe, RepartitionTaches
from tests.test_widget_tester_repertoire import REPERTOIRE

REPO = Path(__file__).resolve().parents[1]
ASSIGNMENTS = REPO / "assignments"
M14 = ASSIGNMENTS / "m14_note_observation"

# Controls the browser test operates with the keyboard in JupyterLab 4, and how each one is labelled
# (BoundedFloatText is the same `<input type="number">` as BoundedIntText).
LABELLED_BY_DESCRIPTION = (widgets.Button, widgets.Checkbox, widgets.Dropdown, widgets.Text, widgets.Textarea,
                           widgets.BoundedIntText, widgets.BoundedFloatText, widgets.DatePicker)
GROUPS = (widgets.RadioButtons,)
# What shows text or output, or lays the controls out: not a Tab stop of its own.
PASSIVE_BOXES = (widgets.VBox, widgets.HBox, widgets.GridBox)
PASSIVE = (widgets.HTML, widgets.Output, *PASSIVE_BOXES)


def controls(widget: widgets.Widget, hidden: bool = False, before: widgets.Widget | None = None):
    """(control, hidden, what precedes it in its box) in layout order, which is the DOM order, so the Tab order."""
    hidden = hidden or widget.layout.display == "none"
    if isinstance(widget, PASSIVE_BOXES):  # not an Accordion nor a Tab, which are boxes too
        previous = None
        for child in widget.children:
            yield from controls(child, hidden, previous)
            previous = child
    else:
        yield widget, hidden, before


def name(control: widgets.Widget) -> str:
    return control.description if isinstance(control, LABELLED_BY_DESCRIPTION) else ", ".join(control.options)


def problems(widget: widgets.Widget) -> list[str]:
    """Every control of a kind not checked with the keyboard, or with no visible label."""
    found = []
    for control, _, before in controls(widget):
        kind = type(control).__name__
        if isinstance(control, LABELLED_BY_DESCRIPTION):
            if not control.description.strip():
                found.append(f"{kind} sans libellé")
        elif isinstance(control, GROUPS):
            question = control.description.strip() or (
                before.value.strip() if isinstance(before, widgets.HTML) else "")
            if not question or not all(str(label).strip() for label in control.options):
                found.append(f"{kind} {control.options} sans question écrite juste avant")
        elif not isinstance(control, PASSIVE):
            found.append(f"{kind} : genre de contrôle non vérifié au clavier")
    return found


@pytest.fixture
def dossier(tmp_path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def every_widget(dossier: Path) -> dict[str, widgets.Widget]:
    """Each widget the course ships, as a learner's notebook shows it, with the assignments' own files."""
    mon_equipe("E1", ["apprenant01", "apprenant02"], "apprenant01")
    observation = GrilleObservation(lire_grille(dossier=M14))
    for bouton, _ in observation.rubriques.values():
        bouton.click()  # every section open: their controls are checked too
    repertoire = tester_repertoire.TesterRepertoire(REPERTOIRE, dossier=ASSIGNMENTS / "m21_cartographie_dispositifs")
    for case in repertoire.champs.values():
        case.value = True
    repertoire.chercher()  # the structures found come with a check box each
    return {
        "diagnostic": grille_diagnostic("josiane", fichier=ASSIGNMENTS / "m13_cas_accueil_orientation"
                                        / "grille_diagnostic.yaml"),
        "observation": observation.widget,
        "frise": Frise().widget,
        "entretien": simuler_entretien(fichier=ASSIGNMENTS / "m12_entretiens_accueil"
                                       / "entretien_scenarios.yaml").widget,
        "negociation": SimulationNegociation(dossier=ASSIGNMENTS / "m23_negociation_groupe").widget,
        "saisie": SaisieTerrain(lire_dictionnaire("dictionnaire_observation.yaml", M14), dossier / "a.csv").widget,
        "fiche_structure": FicheStructure(dossier / "repertoire.csv").widget,
        "protocole": FormulaireProtocole(dossier=dossier).widget,
        "preparation_oral": PreparationOral(lire_oral(dossier=ASSIGNMENTS / "m22_enquete_professionnels_orientation"),
                                            dossier).widget,
        "grille_interets": GrilleInterets(parties=["Délégué des familles"], dossier=dossier).widget,
        "repartition_taches": RepartitionTaches(dossier).widget,
        "journal_equipe": JournalEquipe("apprenant01", dossier, aujourd_hui=dt.date(2025, 3, 12)).widget,
        "tester_repertoire": repertoire.widget,
        "chronometre": Chronometre(10).widget,
    }


def test_every_widget_has_labelled_controls_of_keyboard_checked_kinds(dossier):
    built = every_widget(dossier)
    assert {nom: problems(widget) for nom, widget in built.items()} == {nom: [] for nom in built}
    counts = {nom: sum(1 for control, _, _ in controls(widget) if not isinstance(control, PASSIVE))
              for nom, widget in built.items()}
    # The checks ran on every control. The diagnostic grid: 1 case list, 7 problems and 17 partners to tick, the
    # link's 2 lists, 4 buttons; the checklist with its 6 sections open: 6 section buttons, 20 criteria, « Faire le
    # bilan »; the oral of M2.2: 7 moments × (minutes, notes) + 1 button; the répertoire after a search: 9 champs
    # and the 4 structures found to tick.
    assert counts == {"diagnostic": 31, "observation": 27, "frise": 10, "entretien": 6, "negociation": 7,
                      "saisie": 25, "fiche_structure": 13, "protocole": 11, "preparation_oral": 15,
                      "grille_interets": 7, "repartition_taches": 5, "journal_equipe": 5, "tester_repertoire": 18,
                      "chronometre": 3}


def test_text_fields_send_their_value_when_left_not_at_each_key(dossier):
    """A form's text reaches the kernel when the learner leaves the field, so before the button they press next.

    With updates at each key, ipywidgets holds a field's later keys back while the kernel answers the first one:
    the browser test typed a contribution right after the frise redrew itself, pressed « Ajouter au journal », and
    the journal got « R » for « Relu le compte rendu de la réunion ».
    """
    champs = {nom: [(control.description, control.continuous_update) for control, _, _ in controls(widget)
                    if isinstance(control, (widgets.Text, widgets.Textarea))]
              for nom, widget in every_widget(dossier).items()}
    assert {nom: {continu for _, continu in liste} for nom, liste in champs.items() if liste} == {
        "saisie": {False}, "fiche_structure": {False}, "protocole": {False}, "preparation_oral": {False},
        "grille_interets": {False}, "repartition_taches": {False}, "journal_equipe": {False},
        "tester_repertoire": {False}}
    assert champs["journal_equipe"] == [("Ce que j'ai fait", False), ("Trace (facultatif)", False)]


def test_the_checker_refuses_an_unlabelled_control_and_an_unchecked_kind():
    question = widgets.HTML("<b>Les horaires sont lisibles depuis l'extérieur.</b>")
    assert problems(widgets.VBox([question, widgets.RadioButtons(options=["oui", "non"])])) == []
    assert problems(widgets.VBox([widgets.RadioButtons(options=["oui", "non"])])) == [
        "RadioButtons ('oui', 'non') sans question écrite juste avant"]
    assert problems(widgets.VBox([widgets.Button(icon="save"), widgets.Dropdown(options=["a"])])) == [
        "Button sans libellé", "Dropdown sans libellé"]
    assert problems(widgets.HBox([widgets.Accordion(), widgets.ToggleButtons(options=["oui"]),
                                  widgets.IntRangeSlider(description="Période")])) == [
        "Accordion : genre de contrôle non vérifié au clavier",
        "ToggleButtons : genre de contrôle non vérifié au clavier",
        "IntRangeSlider : genre de contrôle non vérifié au clavier"]


def test_the_diagnostic_grid_is_tabbed_in_reading_order(dossier):
    """Layout order is DOM order, so the Tab order: the case, the problems, the link, the orientations, the buttons."""
    grille = every_widget(dossier)["diagnostic"]
    assert [name(control) for control, hidden, _ in controls(grille) if not isinstance(control, PASSIVE)] == [
        "Cas étudié :",
        "Santé", "Emploi", "Logement", "Addictions", "Droits", "Budget", "Famille",
        "Relier", "et", "Ajouter ce lien", "Effacer les liens",
        "SIAO/115", "CCAS", "Point conseil budget", "CAF", "FSL", "ADIL", "France Travail", "Mission locale", "CPAM",
        "PASS", "CSAPA", "CMP", "MDPH", "France Services", "PMI", "CIDFF", "Banque de France (surendettement)",
        "Comparer avec la lecture attendue", "Tout décocher"]


def test_a_closed_section_hides_its_controls_from_the_tab_key(dossier):
    observation = GrilleObservation(lire_grille(dossier=ASSIGNMENTS / "m14_note_observation"))
    bouton, _ = observation.rubriques["Numérique"]
    bouton.click()
    visibles = [name(control) for control, hidden, _ in controls(observation.widget)
                if not isinstance(control, PASSIVE) and not hidden]
    assert visibles == [
        "▸ Ouvrir « Accès et signalétique » (3 critères)", "▸ Ouvrir « Confidentialité » (4 critères)",
        "▸ Ouvrir « Confort de l'attente » (4 critères)", "▸ Ouvrir « Accessibilité » (4 critères)",
        "▾ Fermer « Numérique » (2 critères)", "oui, non, non observé", "oui, non, non observé",
        "▸ Ouvrir « Documents et affichage » (3 critères)", "Faire le bilan"]
