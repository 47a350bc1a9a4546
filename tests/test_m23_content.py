"""M2.3's content: the rubric as designed, the released files and what they never hold, the figures the hand-written
texts quote, and the team mechanics.

The concertation of the aire d'accueil (assignments/m23_negociation_groupe) is a team assignment with a role play.
These tests check what no other check sees: the two collective criteria and the individual ones; the practice
simulation is the only content with an expected reading; neither the released notebook nor the oral file holds the
jury's card, a model answer or a mark scheme; the practice questions are not the jury's card; the figures written
by hand in devoir.yaml and the role cards match the data; and the dates of the case fall on the days it says.
"""
from __future__ import annotations

import datetime as dt
import importlib.util
import json
import re
from pathlib import Path

import nbformat
import pytest
import yaml

from course import data
from course.catalogue import load_catalogue
from course.demo.teams import collective_assignments
from course.learner.equipe import empreinte_collective
from course.learner.oral import lire_oral, questions_entrainement
from course.learner.widgets.simulation_negociation import lire_simulations

REPO = Path(__file__).resolve().parents[1]
DEVOIR = "m23_negociation_groupe"
DOSSIER = REPO / "assignments" / DEVOIR
NOTEBOOK = DOSSIER / "negociation_aire_accueil.md"
RELEASE = REPO / "release" / DEVOIR / "negociation_aire_accueil.ipynb"
SOURCE = REPO / "source" / DEVOIR / "negociation_aire_accueil.ipynb"
PARTIES = ["Délégué des familles", "Grand-mère de l'aire", "Gestionnaire de l'aire",
           "Technicien de la communauté d'agglomération", "Référente scolarité", "Familles absentes de la réunion"]
# Words of the jury's card: in devoir.yaml's mark scheme only.
CARTE_JURY = ["Vous faites semblant de nous demander notre avis", "on l'a su la veille",
              "Votre badge, c'est pour nous surveiller", "c'est l'école qui saute", "chauffeur-livreur",
              "sixième minute", "Carte du jury"]


@pytest.fixture(scope="module")
def devoir() -> dict:
    return yaml.safe_load((DOSSIER / "devoir.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def criteres(devoir) -> dict:
    return {c["id"]: c for c in devoir["rubric"]}


@pytest.fixture(scope="module")
def attendus() -> dict:
    spec = importlib.util.spec_from_file_location("m23_attendus", DOSSIER / "attendus.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.attendus()


@pytest.fixture(scope="module")
def texte_notebook() -> str:
    return NOTEBOOK.read_text(encoding="utf-8")


def _une_ligne(texte: str) -> str:
    return " ".join(texte.split())


def _hors_corriges(texte: str) -> str:
    """The notebook's text without its model answers (the cells marked « ecrit », which nbgrader strips)."""
    return re.sub(r'^\+\+\+ \{"ecrit": "[^"]+"\}\n.*?(?=^\+\+\+|^## |\Z)', "", texte, flags=re.M | re.S)


# ---------------------------------------------------------------------------------------------
# The rubric and the files
# ---------------------------------------------------------------------------------------------
def test_the_rubric_is_the_design_cards(criteres, devoir):
    assert [(c["id"], c["kind"], c["competences"], c["points"], c.get("collective", False))
            for c in criteres.values()] == [
        ("M2.3-A", "auto", ["C5.1", "C2.3"], 3, False),
        ("M2.3-B", "ecrit", ["C2.3", "C2.2"], 4, True),
        ("M2.3-C", "oral", ["C2.2", "C2.3"], 6, False),
        ("M2.3-D", "ecrit", ["C2.3"], 3, True),
        ("M2.3-E", "ecrit", ["C2.2"], 4, False),
    ]
    assert sum(c["points"] for c in criteres.values()) == 20
    assert (devoir["duration_minutes"], devoir["modality"]) == (270, "M2.3")
    assert "terrain" not in devoir  # a role play: no terrain track
    assert {c: (criteres[c]["writing"]["words"], criteres[c]["writing"]["parts"]) for c in ("M2.3-B", "M2.3-D",
                                                                                             "M2.3-E")} == {
        "M2.3-B": ([350, 600], ["Objectifs et ordre du jour", "Participants, rôles et règles du groupe",
                                "Intérêts de chaque partie", "Options préparées et points non négociables"]),
        "M2.3-D": ([200, 350], ["Décisions", "Points en suspens", "Qui fait quoi, quand",
                                "Information des familles absentes"]),
        "M2.3-E": ([250, 450], ["Ma séquence", "Techniques mobilisées", "Gestion des tensions",
                                "Ce que je ferais autrement"]),
    }


def test_the_auto_points_are_those_of_the_design_card(texte_notebook):
    points = dict(re.findall(r"grade_id: (q\d_\w+_tests)\n  locked: true\n  points: ([\d.]+)", texte_notebook))
    assert points == {"q1_saisons_tests": "1", "q2_impayes_tests": "0.5", "q3_options_tests": "1",
                      "q4_graphique_tests": "0.5"}


def test_released_and_handed_in_files(devoir):
    assert devoir["files"] == ["simulation_negociation.yaml", "oral.yaml"]
    assert devoir["learner_files"] == ["equipe/*.yaml", "equipe/*.csv", "grille_interets.csv", "mon_oral.yaml"]
    catalogue = load_catalogue(REPO)
    assert DEVOIR in collective_assignments(catalogue)  # the demo gives it teams and declarations


def test_the_individual_writing_is_due_after_the_session(devoir, criteres):
    consigne = _une_ligne(criteres["M2.3-E"]["consigne"])
    assert consigne.startswith("**Individuel, à rédiger après le jeu de rôle.**")
    assert "L'écrit 3 se rédige **après** le jeu de rôle" in _une_ligne(devoir["instructions"])


# ---------------------------------------------------------------------------------------------
# No leak: the practice case only has an expected reading; the jury's card stays in the mark scheme
# ---------------------------------------------------------------------------------------------
def test_only_the_practice_simulation_has_an_expected_reading(texte_notebook):
    simulations = lire_simulations("simulation_negociation.yaml", DOSSIER)
    assert [len(s.lecture_attendue) for s in simulations.scenarios.values()] == [4]
    assert "lecture_attendue" not in (DOSSIER / "oral.yaml").read_text(encoding="utf-8")
    # the notebook shows the simulation on the practice case and says the aire has no such reading
    assert 'simuler_negociation("restaurant")' in texte_notebook
    assert "La lecture attendue n'existe que pour ce cas d'entraînement." in _une_ligne(texte_notebook)


def test_the_jury_card_is_in_the_mark_scheme_and_nowhere_a_learner_reads(criteres, texte_notebook):
    bareme = _une_ligne(criteres["M2.3-C"]["mark_scheme"])
    for extrait in CARTE_JURY:
        assert extrait in bareme, extrait
    lisibles = {
        "notebook, hors corrigés": _une_ligne(_hors_corriges(texte_notebook)),
        "oral.yaml": _une_ligne((DOSSIER / "oral.yaml").read_text(encoding="utf-8")),
        "simulation_negociation.yaml": _une_ligne((DOSSIER / "simulation_negociation.yaml").read_text(encoding="utf-8")),
        "consigne de l'oral": _une_ligne(criteres["M2.3-C"]["consigne"]),
        "release": _une_ligne(RELEASE.read_text(encoding="utf-8")),
    }
    for nom, texte in lisibles.items():
        for extrait in CARTE_JURY:
            assert extrait not in texte, (nom, extrait)


def test_the_released_notebook_holds_no_model_answer_hidden_test_or_mark_scheme():
    release = RELEASE.read_text(encoding="utf-8")
    for extrait in ("BEGIN SOLUTION", "HIDDEN TESTS", "MARK SCHEME", "Barème du jury", "J'ai animé la troisième séquence",
                    "La réunion propose aux élus de la communauté d'agglomération, qui décideront",
                    "suivi.groupby(\\\"saison\\\")[\\\"taux_occupation\\\"]", "règle de plafond"):
        assert extrait not in release, extrait


def test_practice_questions_are_generic_and_the_minutes_add_up():
    oral = lire_oral("oral.yaml", DOSSIER)
    assert (oral.duree_minutes, oral.echange_minutes) == (12.0, 5.0)
    minutes = [float(re.match(r"Environ (\d+(?:,\d+)?) minutes?", m.aide).group(1).replace(",", "."))
               for m in oral.moments]
    assert minutes == [1.0, 3.0, 2.0, 3.5, 1.5, 1.0]
    assert sum(minutes) == oral.duree_minutes
    assert [m.obligatoire for m in oral.moments] == [True] * 5 + [False]
    questions = " ".join(oral.questions).casefold()
    for carte in ("semblant", "surveiller", "fuite", "villefrêne", "école qui saute", "sixième", "colère", "ton monte",
                  "père de famille"):
        assert carte not in questions, carte
    assert len(questions_entrainement(DOSSIER / "oral.yaml", nombre=4)) == 4


def test_a_promise_for_the_epci_caps_the_oral_at_en_cours(criteres):
    bareme = _une_ligne(criteres["M2.3-C"]["mark_scheme"])
    assert ("une promesse faite au nom de la communauté d'agglomération (« les travaux seront décalés », « le badge "
            "ne sera pas installé », « vous aurez une place à Villefrêne ») plafonne le critère à « en cours "
            "d'acquisition » (3,5 points au plus)") in bareme
    for sequence in ("1. *Calendrier*", "2. *Relogement*", "3. *Badge et impayés*", "4. *Scolarité et santé*"):
        assert sequence in bareme


# ---------------------------------------------------------------------------------------------
# The role cards and the team part
# ---------------------------------------------------------------------------------------------
def test_five_role_cards_with_the_same_headings_and_no_jury_card(texte_notebook):
    cartes = re.findall(r"^#### Carte (\d) — (.+)$", texte_notebook, re.M)
    assert cartes == [("1", "Le délégué des familles"), ("2", "Une grand-mère de l'aire"),
                      ("3", "La gestionnaire de l'aire"), ("4", "Le technicien de la communauté d'agglomération"),
                      ("5", "La référente scolarité")]
    blocs = re.split(r"^#### Carte \d — .+$", texte_notebook, flags=re.M)[1:]
    blocs[-1] = blocs[-1].split("## Partie 2")[0]
    for bloc in blocs:
        assert re.findall(r"^\*\*(.+?)\.\*\*", bloc, re.M) == [
            "Qui vous êtes", "Ce que vous dites en arrivant", "Ce qui compte pour vous", "Ce que vous pourriez accepter",
            "Ce que vous ne dites que si l'on vous le demande"]
    assert "élagueur" in blocs[0] and "dialyse" in blocs[1]


def test_the_grid_opens_with_the_parties_of_the_cards_and_the_absent_families(texte_notebook):
    cellule = re.search(r'grille_interets\("grille_interets.csv", parties=(\[.*?\])\)', texte_notebook, re.S).group(1)
    assert eval(cellule) == PARTIES  # the literal list written in the notebook, nothing else


def test_the_team_cells_and_the_fingerprint_are_explained(texte_notebook):
    texte = _une_ligne(texte_notebook)
    for appel in ('# mon_equipe("E1", ["apprenant01", "apprenant02", "apprenant03", "apprenant04"], "apprenant01")',
                  "# repartition_taches()", '# journal_equipe("apprenant01")'):
        assert appel in texte_notebook, appel
    assert "chaque membre colle dans sa copie le texte final de la personne secrétaire, **à l'identique**" in texte
    assert "l'**empreinte** de ces parties, un code de 12 caractères" in texte


def test_the_collective_cells_share_one_fingerprint_in_every_fresh_copy(tmp_path):
    """Two members who have not written anything yet have the same fingerprint; one edit changes it."""
    copie = nbformat.read(RELEASE, as_version=4)
    collectives = [c for c in copie.cells if (c.metadata.get("casp") or {}).get("collective")]
    assert [c.metadata["casp"]["criterion"] for c in collectives] == ["M2.3-B", "M2.3-D"]
    premier, second = tmp_path / "a.ipynb", tmp_path / "b.ipynb"
    nbformat.write(copie, premier)
    nbformat.write(copie, second)
    assert empreinte_collective(premier) == empreinte_collective(second)
    collectives[1].source += "\nUne phrase de plus."
    nbformat.write(copie, second)
    assert empreinte_collective(premier).empreinte != empreinte_collective(second).empreinte


# ---------------------------------------------------------------------------------------------
# The figures and the dates the texts quote
# ---------------------------------------------------------------------------------------------
def test_the_expected_values_are_those_of_the_data(attendus):
    assert attendus["occupation_par_saison"] == {"hiver": 89.5, "printemps": 81.1, "été": 58.7, "automne": 84.5}
    assert attendus["impayes_par_an"] == {2023: 1895, 2024: 2565, 2025: 3430}
    assert attendus["impayes_fr"] == {2023: "1 895", 2024: "2 565", 2025: "3 430"}
    assert attendus["effectifs_options"] == {
        "non": {"A : travaux en été": 4, "B : relogement temporaire": 5, "C : travaux par tranches": 3},
        "oui": {"A : travaux en été": 6, "B : relogement temporaire": 2, "C : travaux par tranches": 11}}
    assert attendus["options_selon_enfants"] == {
        "non": {"A : travaux en été": 33.3, "B : relogement temporaire": 41.7, "C : travaux par tranches": 25.0},
        "oui": {"A : travaux en été": 31.6, "B : relogement temporaire": 10.5, "C : travaux par tranches": 57.9}}
    assert attendus["positions_fermeture"] == [7, 19, 23, 31]
    assert attendus["mois_fermeture"] == ["août 2023", "août 2024", "décembre 2024", "août 2025"]
    assert (attendus["n"], attendus["menages_2025"], attendus["n_avec_enfants"], attendus["n_sans_enfants"]) == (
        31, 38, 19, 12)


def test_what_the_hand_written_texts_state_about_the_data_holds(attendus, criteres):
    suivi = data.load("aire_accueil_suivi")
    # B's prompt gives « 11 ménages sur 19 » as the way to cite a figure: it is one of the data
    assert (attendus["nb_c_avec_enfants"], attendus["n_avec_enfants"]) == (11, 19)
    assert "(« 11 ménages sur 19 »)" in _une_ligne(criteres["M2.3-B"]["consigne"])
    # the jury's card (sequence 2): « En décembre 2024, l'aire a fermé quatre jours pour la fuite »
    decembre = suivi.set_index("mois").loc["2024-12"]
    assert decembre["jours_fermeture"] == 4 and attendus["mois_fuite"] == "novembre 2024"
    assert "En décembre 2024, l'aire a fermé quatre jours pour la fuite" in _une_ligne(criteres["M2.3-C"]["mark_scheme"])
    # the situation: 24 places in 12 emplacements, 31 of 38 households answered
    assert len(suivi) == 36 and len(data.load("consultation_familles_aire")) == 31
    # the référente's card: « la douzaine d'enfants de l'aire » from April to June, when the works are planned
    assert attendus["enfants_avril_juin"] == 12
    # the seasons the model answer compares: summer is the least occupied
    assert min(attendus["occupation_par_saison"], key=attendus["occupation_par_saison"].get) == "été"


def test_the_dates_of_the_case_fall_on_the_days_it_says(texte_notebook):
    texte = _une_ligne(texte_notebook)
    debut, fin = dt.date(2026, 4, 13), dt.date(2026, 6, 19)
    assert "du lundi 13 avril au vendredi 19 juin 2026" in texte
    assert (debut.weekday(), fin.weekday()) == (0, 4) and (fin - debut).days == 10 * 7 - 3  # ten working weeks
    assert "le mardi 20 janvier 2026" in texte and dt.date(2026, 1, 20).weekday() == 1
    assert "bureau communautaire du jeudi 5 février" in texte and dt.date(2026, 2, 5).weekday() == 3
    # the closure is announced by a poster at least two months before (décret n° 2019-1478, article 4)
    assert dt.date(2026, 2, 5) < debut - dt.timedelta(days=59)


def test_the_source_notebook_is_built_from_the_folder():
    notebook = json.loads(SOURCE.read_text(encoding="utf-8"))
    assert notebook["cells"][0]["metadata"]["nbgrader"]["grade_id"] == "entete"
    sources = ["".join(c["source"]) for c in notebook["cells"]]
    assert any(s.startswith("> **Partie collective") or "Partie collective — texte identique" in s for s in sources)
