"""The branching negotiation simulation (M2.3's practice case): its file, its pure functions, and its widget.

The widget is built in plain Python (no kernel) from the real `simulation_negociation.yaml` and driven through its
Python API: click the answer buttons, « Continuer la réunion », « Revenir au moment précédent », read the HTML.
"""
from __future__ import annotations

import copy
import re
from collections import Counter
from html import unescape
from pathlib import Path

import ipywidgets as widgets
import pytest
import yaml

from course import CourseError
from course.learner.widgets.simulation_negociation import (BOUTON_CONTINUER, BOUTON_RECOMMENCER, BOUTON_REVENIR,
                                                           SimulationNegociation, bilan, chemins, jouer,
                                                           lire_simulations, simuler_negociation, suite,
                                                           valider_simulations)

REPO = Path(__file__).resolve().parents[1]
DOSSIER = REPO / "assignments" / "m23_negociation_groupe"
FICHIER = DOSSIER / "simulation_negociation.yaml"
MEILLEUR = (0, 0, 0, 0, 0)  # cadre, reformulation, synthèse des intérêts, solution de rechange, conclusion écrite


def texte(html: str) -> list[str]:
    """The lines a learner reads: one per paragraph, list item or table row (cells joined by « | »)."""
    html = re.sub(r"</t[dh]>\s*<t[dh][^>]*>", " | ", html)
    lignes = re.split(r"</?(?:p|li|ul|h4|br|div|tr|table|caption|summary|details)(?:\s[^>]*)?>", html)
    lignes = (unescape(re.sub(r"<[^>]+>", "", ligne)).strip() for ligne in lignes)
    return [ligne for ligne in lignes if ligne]


@pytest.fixture(scope="module")
def simulations():
    return lire_simulations(FICHIER.name, DOSSIER)


@pytest.fixture(scope="module")
def scenario(simulations):
    return simulations.scenario("restaurant")


@pytest.fixture
def simulation() -> SimulationNegociation:
    return SimulationNegociation("restaurant", FICHIER.name, DOSSIER)


# ---------------------------------------------------------------------------------------------
# The file and the branching
# ---------------------------------------------------------------------------------------------
def test_the_file_holds_one_practice_simulation_with_its_moments_ends_and_reading(simulations, scenario):
    assert list(simulations.scenarios) == ["restaurant"]
    assert simulations.scenario() is scenario and simulations.scenario(" Restaurant ") is scenario
    assert scenario.depart == "ouverture"
    assert list(scenario.etapes) == ["ouverture", "positions", "tension", "directrice_se_ferme", "chiffres",
                                     "interets", "options_trop_tot", "options", "solution_de_rechange"]
    assert list(scenario.fins) == ["fin_accord", "fin_fragile", "fin_impasse"]
    assert [len(etape.choix) for etape in scenario.etapes.values()] == [4, 4, 4, 3, 3, 4, 3, 4, 3]
    assert [ligne.partie for ligne in scenario.lecture_attendue] == [
        "Le président du CVS (les résidents)", "Mme Josette, résidente", "La fille d'une résidente (les familles)",
        "La directrice de la résidence"]
    assert simulations.appreciations[0][0] == 85 and simulations.appreciations[-1][0] == 0
    assert "Situation d'entraînement, fictive" in scenario.contexte


def test_every_path_ends_and_the_ends_depend_on_the_answers(scenario):
    tous = chemins(scenario)
    assert len(tous) == 1233
    assert (min(map(len, tous)), max(map(len, tous))) == (2, 9)
    assert Counter(jouer(scenario, chemin).position for chemin in tous) == {
        "fin_fragile": 584, "fin_impasse": 357, "fin_accord": 292}
    # every end has a path, every moment is passed by some path
    assert {etape for chemin in tous for etape in jouer(scenario, chemin).etapes} == set(scenario.etapes)


def test_the_best_path_and_a_clumsy_one(simulations, scenario):
    parcours = jouer(scenario, MEILLEUR)
    assert parcours.etapes == ("ouverture", "positions", "interets", "options", "solution_de_rechange")
    assert parcours.position == "fin_accord" and parcours.termine(scenario)
    resultat = bilan(simulations, scenario, MEILLEUR)
    assert (resultat.points, resultat.points_max, resultat.pourcentage) == (10, 10, 100)
    assert resultat.appreciation.startswith("Animation ajustée")
    assert resultat.techniques == {"Poser le cadre": 1, "Reformulation": 2, "Meilleure solution de rechange": 1,
                                   "Conclusion écrite": 1}
    # A passage en force, then a threat: the meeting ends after two answers, without agreement.
    maladroit = bilan(simulations, scenario, [1, 1])
    assert (maladroit.points, maladroit.points_max, maladroit.pourcentage) == (0, 4, 0)
    assert maladroit.fin.code == "fin_impasse"
    assert maladroit.appreciation.startswith("La réunion vous a échappé")
    # A bad start repaired: 8 points of 10 is not enough for the best appraisal.
    repare = bilan(simulations, scenario, [1, 0, 0, 0, 0])
    assert (repare.pourcentage, repare.fin.code) == (80, "fin_accord")
    assert repare.appreciation.startswith("Animation en construction")
    en_cours = bilan(simulations, scenario, [0, 3])
    assert (en_cours.points, en_cours.fin) == (4, None)


def test_impossible_answers_are_french_errors(scenario):
    assert suite(scenario, "ouverture", 2) == "directrice_se_ferme"
    with pytest.raises(CourseError, match=r"^Choisissez une réponse entre A et C\.$"):
        suite(scenario, "chiffres", 3)
    with pytest.raises(CourseError, match="Choisissez une réponse entre A et D"):
        jouer(scenario, [True])
    with pytest.raises(CourseError, match=r"^La réunion est terminée \(« Pas d'accord »\) : plus de réponse à donner\.$"):
        jouer(scenario, [1, 1, 0])
    with pytest.raises(CourseError, match="n'est pas un moment en cours"):
        suite(scenario, "fin_accord", 0)


# ---------------------------------------------------------------------------------------------
# The file's checks: what an author's mistake looks like
# ---------------------------------------------------------------------------------------------
def _reponse(suite_: str, points: int = 2, technique: str = "cadre") -> dict:
    return {"texte": "« … »", "technique": technique, "points": points, "retour": "…", "suite": suite_}


MINI = {
    "techniques": {"cadre": "Poser le cadre", "promesse": "Promesse"},
    "verdicts": {2: "Réponse ajustée", 1: "Acceptable", 0: "À éviter"},
    "bilan": [{"part_minimum": 50, "appreciation": "Bien."}, {"part_minimum": 0, "appreciation": "À revoir."}],
    "simulations": {"essai": {
        "titre": "Essai", "contexte": "…", "depart": "debut",
        "etapes": {"debut": {"situation": "…", "choix": [_reponse("suite"), _reponse("fin", 0, "promesse")]},
                   "suite": {"situation": "…", "choix": [_reponse("fin"), _reponse("fin", 1)]}},
        "fins": {"fin": {"titre": "Fin", "texte": "…"}},
        "lecture_attendue": [{"partie": "A", "position": "…", "interets": "…", "solution_de_rechange": "…"}],
        "a_retenir": "…",
    }},
}


def _variante(**changements) -> dict:
    contenu = copy.deepcopy(MINI)
    scenario = contenu["simulations"]["essai"]
    for chemin, valeur in changements.items():
        *parents, cle = chemin.split("__")
        cible = scenario
        for parent in parents:
            cible = cible[int(parent)] if parent.isdigit() else cible[parent]
        cible[cle] = valeur
    return contenu


def test_a_small_valid_file_is_read():
    simulations = valider_simulations(MINI, "essai.yaml")
    assert chemins(simulations.scenario()) == [(0, 0), (0, 1), (1,)]


@pytest.mark.parametrize("changements, message", [
    ({"etapes__suite__choix__1__suite": "ailleurs"},
     "essai.yaml (rubrique « simulations, essai, étape suite, réponse B, suite ») : « ailleurs » n'est ni une étape "
     "ni une fin de cette simulation."),
    ({"etapes__suite__choix__1__suite": "debut"},
     "essai.yaml (rubrique « simulations, essai, etapes ») : une suite de réponses revient à une étape déjà passée "
     "(debut → suite → debut) : chaque chemin doit mener à une fin."),
    ({"etapes__debut__choix": [_reponse("fin"), _reponse("fin", 1)]},
     "essai.yaml (rubrique « simulations, essai, etapes ») : aucune réponse ne mène à : suite."),
    ({"etapes__suite__choix": [_reponse("fin")]},
     "essai.yaml (rubrique « simulations, essai, étape suite, choix ») : de 2 à 4 réponses sont attendues, il y en "
     "a 1."),
    ({"etapes__suite__choix": [_reponse("fin", 1), _reponse("fin", 0)]},
     "essai.yaml (rubrique « simulations, essai, étape suite, choix ») : au moins une réponse à 2 points est "
     "attendue."),
    ({"etapes__suite__choix__0__technique": "ecoute"},
     "essai.yaml (rubrique « simulations, essai, étape suite, réponse A, technique ») : « ecoute » n'est pas dans la "
     "liste « techniques » en haut du fichier (cadre, promesse)."),
    ({"depart": "accueil"},
     "essai.yaml (rubrique « simulations, essai, depart ») : « accueil » n'est pas le nom d'une étape."),
    ({"fins": {"suite": {"titre": "Fin", "texte": "…"}}},
     "essai.yaml (rubrique « simulations, essai, fin suite ») : « suite » est déjà le nom d'une étape : une fin a "
     "son propre nom."),
    ({"lecture_attendue": [{"partie": "A", "position": "…"}]},
     "essai.yaml (rubrique « simulations, essai, lecture_attendue, partie 1 ») : il manque interets, "
     "solution_de_rechange."),
])
def test_an_authors_mistake_names_the_file_and_the_place(changements, message):
    with pytest.raises(CourseError) as erreur:
        valider_simulations(_variante(**changements), "essai.yaml")
    assert str(erreur.value) == message


def test_the_summary_needs_an_appraisal_for_every_share():
    contenu = copy.deepcopy(MINI)
    contenu["bilan"] = [{"part_minimum": 50, "appreciation": "Bien."}]
    with pytest.raises(CourseError, match="une appréciation doit avoir une part minimum de 0"):
        valider_simulations(contenu, "essai.yaml")
    contenu["bilan"] = [{"part_minimum": 120, "appreciation": "Trop."}]
    with pytest.raises(CourseError, match="un pourcentage entier, de 0 à 100, est attendu"):
        valider_simulations(contenu, "essai.yaml")


# ---------------------------------------------------------------------------------------------
# The widget
# ---------------------------------------------------------------------------------------------
def test_the_opening_moment_with_visible_labels_and_keyboard_buttons(simulation):
    titre = texte(simulation._titre.value)
    assert titre[0] == "Conseil de la vie sociale — le restaurant de la résidence fermé le week-end ?"
    assert titre[-2:] == ["Situation d'entraînement, fictive : elle ne fait l'objet d'aucun écrit ni d'aucun oral.",
                          "Lisez ce qui se passe, puis choisissez ce que vous diriez : la réunion continue à partir "
                          "de votre réponse."]
    assert texte(simulation._progression.value) == ["Moment 1"]
    assert texte(simulation._situation.value)[0].startswith("Mardi, 14 h 30, salle d'animation de la résidence.")
    # native buttons (Tab, Enter, Space), each with a visible label repeated beside it
    assert all(isinstance(bouton, widgets.Button) for bouton in simulation._boutons)
    assert [bouton.description for bouton in simulation._boutons] == ["Réponse A", "Réponse B", "Réponse C",
                                                                        "Réponse D"]
    assert [texte(t.value)[0][:3] for t in simulation._textes] == ["A. ", "B. ", "C. ", "D. "]
    assert texte(simulation._textes[3].value) == ["D. « Commençons tout de suite : quelles solutions proposez-vous ? »"]
    assert (simulation._continuer.layout.display, simulation._revenir.disabled) == ("none", True)
    assert (simulation._continuer.description, simulation._revenir.description,
            simulation._recommencer.description) == (BOUTON_CONTINUER, BOUTON_REVENIR, BOUTON_RECOMMENCER)


def test_the_meeting_follows_the_answer_chosen_not_the_best_one(simulation):
    simulation._boutons[1].click()
    assert texte(simulation._retour.value)[:3] == [
        "Réponse à éviter — vous avez choisi B (Passage en force).",
        "Vous annoncez qu'il n'y a rien à discuter : la consultation devient une information descendante. La "
        "réunion n'a plus de sens pour les résidents, et la tension monte aussitôt.",
        "Voir l'analyse des 4 réponses"]
    assert texte(simulation._retour.value)[3].startswith("A — Poser le cadre (réponse ajustée) : ")
    # The verdict is a word; the course palette's colours (VERDICT_COLOURS[0]: vermillon) only repeat it.
    assert simulation._retour.value.startswith(
        "<div style='background:#F7DFCC;border-left:4px solid #A04600;padding:8px 12px;border-radius:4px'>"
        "<b style='color:#A04600'>Réponse à éviter</b>")
    assert [(b.disabled, b.button_style) for b in simulation._boutons] == [
        (True, ""), (True, "info"), (True, ""), (True, "")]
    simulation._boutons[0].click()  # a second choice at the same moment changes nothing
    assert simulation.en_attente == 1 and simulation.choix == []
    assert (simulation._continuer.layout.display, simulation._revenir.disabled) == ("", False)

    simulation._continuer.click()
    assert simulation.parcours.position == "tension"
    assert texte(simulation._progression.value) == ["Moment 2"]
    assert texte(simulation._situation.value)[0].startswith("Le président se lève : « Alors on est venus pour rien ! »")

    simulation._revenir.click()  # back to the opening, to try another answer
    assert (simulation.choix, simulation.en_attente, simulation.parcours.position) == ([], None, "ouverture")
    simulation._boutons[2].click()
    simulation._continuer.click()
    assert simulation.parcours.position == "directrice_se_ferme"
    # a moment with three answers hides the fourth line
    assert [ligne.layout.display for ligne in simulation._lignes] == ["", "", "", "none"]


def test_a_full_meeting_ends_with_the_summary_and_the_expected_reading(simulation):
    for index in (1, 0, 0, 0):
        simulation.choisir(index)
        simulation.continuer()
    simulation.choisir(0)
    assert simulation._continuer.description == "Voir la fin de la réunion"
    simulation._continuer.click()
    assert simulation.termine and simulation._options.layout.display == "none"
    assert texte(simulation._progression.value) == ["Fin de la réunion et bilan"]
    assert texte(simulation._situation.value)[0] == "Une proposition commune, écrite et datée"
    lignes = texte(simulation._retour.value)
    assert lignes[:8] == [
        "Points : 8 / 10 (80 %) — Animation en construction : relisez les réponses à éviter, en particulier celles "
        "qui prennent parti ou qui cherchent une solution avant d'avoir compris ce qui compte pour chacun.",
        "Vos réponses",
        "Moment | Votre réponse | Technique | Points",
        "1 | B | Passage en force | 0 / 2",
        "2 | A | Recadrage | 2 / 2",
        "3 | A | Reformulation | 2 / 2",
        "4 | A | Meilleure solution de rechange | 2 / 2",
        "5 | A | Conclusion écrite | 2 / 2",
    ]
    assert lignes[8] == ("Techniques employées : Passage en force (1), Recadrage (1), Reformulation (1), "
                         "Meilleure solution de rechange (1), Conclusion écrite (1)")
    assert lignes[9:11] == ["Lecture attendue de ce cas d'entraînement",
                            "Partie | Position (ce qu'elle demande) | Intérêts (pourquoi) | Meilleure solution de "
                            "rechange (sans accord)"]
    assert lignes[11].startswith("Le président du CVS (les résidents) | « Le restaurant reste ouvert sept jours sur "
                                 "sept. » | Garder un moment partagé")
    assert lignes[-1] == ("Cette simulation est un entraînement : elle n'est pas notée. Recommencez-la pour explorer "
                          "une autre fin.")
    assert "<caption" in simulation._retour.value and "<th " in simulation._retour.value

    simulation._revenir.click()  # from the end, back to the last moment
    assert simulation.parcours.position == "solution_de_rechange" and not simulation.termine
    simulation._recommencer.click()
    assert (simulation.choix, simulation.en_attente) == ([], None)
    assert texte(simulation._progression.value) == ["Moment 1"] and simulation._retour.value == ""


def test_simuler_negociation_reads_the_file_beside_the_notebook(monkeypatch):
    monkeypatch.chdir(DOSSIER)
    assert simuler_negociation().scenario.code == "restaurant"
    with pytest.raises(CourseError, match="^Simulation inconnue « aire »"):
        simuler_negociation("aire")


def test_the_practice_file_never_mentions_the_graded_case():
    """REVIEW-BLOC1 §2: the only expected reading is on a practice case, never on the aire d'accueil."""
    contenu = FICHIER.read_text(encoding="utf-8")
    lisible = " ".join(str(v) for v in _valeurs(yaml.safe_load(contenu))).casefold()
    for mot in ("aire", "bellefage", "voyage", "villefrêne", "badge", "dialyse", "élagueur", "caravane",
                "stéphane", "éliane", "communauté d'agglomération"):
        assert mot not in lisible.split() and f" {mot}" not in f" {lisible}", mot


def _valeurs(objet):
    if isinstance(objet, dict):
        for valeur in objet.values():
            yield from _valeurs(valeur)
    elif isinstance(objet, list):
        for valeur in objet:
            yield from _valeurs(valeur)
    else:
        yield objet
