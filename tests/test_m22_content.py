"""M2.2's content files: they load with the toolkits' own loaders, fit the course dataset, and hold no graded reading.

The survey of professionals (assignments/m22_enquete_professionnels_orientation) releases five YAML files beside
its notebook. These tests read them exactly as the learner's notebook does, and check what no other check sees:
only the practice questionnaire carries an expected reading; the survey questionnaire, its codebook and the
course dataset share the same columns, so that the analysis plan runs on either track; the oral file's minutes
add up; and the figures the jury's mark scheme quotes (written by hand in devoir.yaml, which Jinja does not
render) are those of the data.
"""
from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pandas as pd
import pytest
import yaml

from course import data
from course.learner import terrain
from course.learner.enquete import (appliquer_plan, dictionnaire_variables, lire_guide, lire_questionnaire,
                                    relire_questionnaire)
from course.learner.oral import lire_oral

DOSSIER = Path(__file__).resolve().parents[1] / "assignments" / "m22_enquete_professionnels_orientation"
JEU = "enquete_pro_sortants_detention"


@pytest.fixture(scope="module")
def devoir() -> dict:
    return yaml.safe_load((DOSSIER / "devoir.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def attendus() -> dict:
    spec = importlib.util.spec_from_file_location("m22_attendus", DOSSIER / "attendus.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.attendus()


@pytest.fixture(scope="module")
def modele():
    return lire_questionnaire("questionnaire.yaml", DOSSIER)


def test_the_released_files_are_the_five_content_files(devoir):
    assert devoir["files"] == ["questionnaire_a_corriger.yaml", "questionnaire.yaml", "dictionnaire_enquete.yaml",
                               "guide_entretien.yaml", "oral.yaml"]
    assert devoir["terrain"] == {"dictionnaire": "dictionnaire_enquete.yaml", "fichier": "terrain/reponses.csv"}
    assert "terrain/*.csv" in devoir["learner_files"]


def test_only_the_practice_questionnaire_has_an_expected_reading(modele):
    pratique = lire_questionnaire("questionnaire_a_corriger.yaml", DOSSIER)
    assert list(pratique.lecture_attendue) == pratique.codes  # one reading per question of the practice draft
    assert dict(modele.lecture_attendue) == {}
    for nom in ("questionnaire.yaml", "dictionnaire_enquete.yaml", "guide_entretien.yaml", "oral.yaml"):
        assert "lecture_attendue" not in (DOSSIER / nom).read_text(encoding="utf-8"), nom


def test_the_practice_rereading_flags_its_planted_defects_and_the_survey_one_only_a_note(modele):
    pratique = relire_questionnaire(lire_questionnaire("questionnaire_a_corriger.yaml", DOSSIER))
    signalees = [re.match(r"Question \d+ \((\w+)\)", message).group(1) for message in pratique]
    assert signalees == ["identite", "orientations", "week_end", "douches", "qualite", "public", "age"]
    assert len(pratique.lecture_attendue) == 10
    relecture = relire_questionnaire(modele)
    assert list(relecture) == [
        "Question 8 (satisfaction_coordination) : à noter, l'échelle n'a pas de réponse « ne sait pas » ; une "
        "personne sans avis devra choisir un côté ou ne pas répondre. Ajoutez-la si c'est utile."]
    assert relecture.lecture_attendue == []


def test_questionnaire_codebook_and_dataset_share_their_columns(modele):
    reponses = data.load(JEU)
    dico = terrain.lire_dictionnaire("dictionnaire_enquete.yaml", DOSSIER)
    assert dico.colonnes == dictionnaire_variables(modele).colonnes
    assert list(reponses.columns) == modele.colonnes == dico.noms
    assert terrain.valider_terrain(reponses, dico, fichier=f"{JEU}.csv") == []


def test_the_analysis_plan_runs_on_both_tracks(modele, tmp_path):
    """The notebook's plan on the course data, then on a small terrain file written through the codebook."""
    texte = (DOSSIER / "enquete_professionnels.md").read_text(encoding="utf-8")
    bloc = re.search(r"```\{code-cell\}\nplan = (\[.*?\n\])\nresultats", texte, re.S).group(1)
    plan = eval(bloc)  # the literal list of dicts written in the notebook, nothing else
    exercice = appliquer_plan(data.load(JEU), plan, questionnaire=modele)
    assert [r.titre for r in exercice][0] == "Principal frein à une sortie préparée"
    assert exercice[0].description.startswith("Diagramme en barres, Principal frein à une sortie préparée (n = 42).")
    lignes = data.load(JEU).head(8)
    chemin = tmp_path / "reponses.csv"
    lignes.to_csv(chemin, index=False)
    mes_reponses = terrain.charger_piste("terrain", JEU, chemin, dictionnaire_variables(modele))
    masque = appliquer_plan(mes_reponses, plan, masquer=True, questionnaire=modele)
    assert masque[0].tableau.loc["Ensemble", "effectif"] == 8
    assert "< 3" in masque[2].tableau["effectif"].to_numpy().ravel().tolist()


def test_the_guide_and_the_oral_file_load_and_the_minutes_add_up():
    guide = lire_guide("guide_entretien.yaml", DOSSIER)
    assert guide.count("\n   - ") == 9  # nine relances under five themes
    oral = lire_oral("oral.yaml", DOSSIER)
    assert (oral.duree_minutes, oral.echange_minutes) == (10.0, 10.0)
    minutes = [float(re.match(r"Environ (\d+(?:,\d+)?) minutes?", m.aide).group(1).replace(",", "."))
               for m in oral.moments]
    assert minutes == [1.0, 1.5, 3.0, 1.5, 1.0, 1.5, 0.5]
    assert sum(minutes) == oral.duree_minutes


def test_practice_questions_are_not_the_objection_cards(devoir):
    oral = lire_oral("oral.yaml", DOSSIER)
    bareme = " ".join(next(c for c in devoir["rubric"] if c["kind"] == "oral")["mark_scheme"].split())
    assert "on n'a pas de places" in bareme and "Vos 30 jours pour le SPIP" in bareme
    questions = " ".join(oral.questions).casefold()
    for carte in ("places", "30 jours", "conteste", "chiffre"):
        assert carte not in questions


def test_the_mark_scheme_quotes_the_figures_of_the_data(devoir, attendus):
    bareme = " ".join(next(c for c in devoir["rubric"] if c["kind"] == "oral")["mark_scheme"].split())
    n = attendus["n"]
    assert f"hébergement {attendus['nb_hebergement']} sur {n}" in bareme
    assert f"information tardive {attendus['nb_info_tardive']} sur {n}" in bareme
    assert (f"délai médian déclaré {attendus['mediane_spip']:g} jours au SPIP (n = {attendus['n_spip']}) contre "
            f"{attendus['mediane_autres']:g} jours ailleurs (n = {attendus['n_autres']})") in bareme
    assert f"relais TSO connu de {attendus['nb_connus']['connait_relais_tso']} professionnels sur {n}" in bareme
    assert f"délai médian **déclaré** « en général » par {attendus['n_spip']} professionnels du SPIP" in bareme


def test_what_the_model_answer_states_about_the_data_holds(attendus):
    """Words of the model answer D that are not placeholders: « aucun de la CAF », « les répondants du CSAPA »."""
    assert attendus["tso_caf"] == 0.0
    assert attendus["tso_par_structure"]["CSAPA"] == 100.0
    assert attendus["tso_premier"] == "CSAPA"
    assert attendus["mediane_spip"] > attendus["mediane_autres"]


def test_the_dataset_keeps_three_respondents_per_structure_and_coherent_tools():
    reponses = data.load(JEU)
    assert reponses["type_structure"].value_counts().min() == 3
    assert len(reponses) == 42
    autres = ["outils_fiche_de_liaison", "outils_reunion_de_synthese", "outils_messagerie_securisee",
              "outils_appels_ponctuels"]
    aucun = reponses["outils_aucun"] == 1
    assert (reponses.loc[aucun, autres].sum(axis=1) == 0).all()
    assert (reponses.loc[~aucun, autres].sum(axis=1) >= 1).all()
    # The structure × function table has cells of one or two people: the notebook shows why it is not published.
    croise = pd.crosstab(reponses["type_structure"], reponses["fonction"])
    assert int(((croise > 0) & (croise < 3)).to_numpy().sum()) == 8
