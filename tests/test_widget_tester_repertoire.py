"""« Tester mon répertoire »: the practice widget, built in plain Python (no kernel) and driven through its API.

The widget searches the learner's own répertoire for a PRACTICE situation and compares the structures ticked
with the situation's expected reading. These tests set the controls, click the buttons and read the HTML the
learner reads. The situations file here is a small one written for the tests; the assignment's real file and
its content are checked in tests/test_m21_content.py.
"""
from __future__ import annotations

import html
import re

import ipywidgets as widgets
import pandas as pd
import pytest
import yaml

from course import CourseError
from course.learner.repertoire import CHAMPS, charger_territoire
from course.learner.widgets import tester_repertoire as module  # its names start with « test »: not collected
from course.learner.widgets.tester_repertoire import BOUTON_CHERCHER, BOUTON_COMPARER, lire_repertoire

COLONNES = ["structure", "type", "champ", "publics", "conditions_acces", "modalite", "commune", "jours_horaires",
            "relation_a_ma_structure", "contact_fonction", "source", "verifie_le"]


def ligne(structure: str, champ: str, publics: str, commune: str, conditions: str = "libre",
          jours: str = "du lundi au vendredi") -> dict:
    return {"structure": structure, "type": "type", "champ": champ, "publics": publics, "conditions_acces": conditions,
            "modalite": "sur RDV", "commune": commune, "jours_horaires": jours,
            "relation_a_ma_structure": "partenaire opérationnel", "contact_fonction": "accueil",
            "source": "appel à l'accueil", "verifie_le": "2026-03"}


ML_LESTRAC = "Mission locale de l'Aurelle, antenne de Lestrac-sur-Lisère"
ML_BRUGALES = "Mission locale de l'Aurelle, permanence de Brugalès"
TAD = "Transport à la demande des Hauts-de-Lisère"
REPERTOIRE = pd.DataFrame([
    ligne(ML_LESTRAC, "emploi", "jeunes de 16 à 25 ans révolus", "Lestrac-sur-Lisère", jours="mardi et jeudi"),
    ligne(ML_BRUGALES, "emploi", "jeunes de 16 à 25 ans révolus", "Brugalès", jours="dernier mercredi du mois"),
    ligne("Cap emploi de l'Aurelle", "emploi", "bénéficiaires de l'obligation d'emploi", "Corvalès", "sur orientation"),
    ligne("Garage <solidaire>", "mobilité", "personnes aux ressources modestes", "Fontmaury", "sur orientation"),
    ligne("Garage <solidaire>", "mobilité", "personnes aux ressources modestes", "Brugalès", "sur orientation"),
], columns=COLONNES)
SITUATIONS = {
    "titre": "Tester mon répertoire",
    "consigne": "Choisissez une situation, cherchez, cochez, comparez.",
    "conclusion": "Une base de discussion, pas une réponse unique.",
    "situations": {
        "jade": {
            "titre": "Jade, 17 ans", "commune": "Aubrelon", "resume": "Jade a quitté le lycée & veut travailler.",
            "attendues": [
                {"besoin": "Être accompagnée", "structures": [ML_LESTRAC, ML_BRUGALES], "pourquoi": "16-25 ans."},
                {"besoin": "Se déplacer", "structures": [TAD], "pourquoi": "Aubrelon a le transport à la demande."},
            ],
            "a_eviter": {"Cap emploi de l'Aurelle": "Pas de RQTH."},
            "vigilance": ["S'adresser à Jade d'abord."],
        },
        "ailleurs": {
            "titre": "Une personne d'une commune inconnue", "commune": "Nulle-Part", "resume": "Pour le tri.",
            "attendues": [{"besoin": "Un emploi", "structures": ["Cap emploi de l'Aurelle"], "pourquoi": "RQTH."}],
        },
    },
}


def lignes_lues(fragment: str) -> list[str]:
    """What a learner reads: one line per paragraph or list item, tags removed, entities decoded."""
    morceaux = re.split(r"</?(?:p|li|ul|h4|b|i|small)>", fragment)
    return [html.unescape(re.sub(r"<[^>]+>", "", m)).strip() for m in morceaux if re.sub(r"<[^>]+>", "", m).strip()]


@pytest.fixture(scope="module")
def communes() -> pd.DataFrame:
    return charger_territoire()[0]


@pytest.fixture
def dossier(tmp_path, monkeypatch):
    texte = yaml.safe_dump(SITUATIONS, allow_unicode=True, sort_keys=False)
    (tmp_path / "situations_entrainement.yaml").write_text(texte, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def outil(dossier, communes) -> module.TesterRepertoire:
    return module.TesterRepertoire(REPERTOIRE, communes=communes)


def test_labelled_controls_in_reading_order(outil, communes):
    entete, choix, resume, invite, grille, public, commune, chercher, message, liste, selection, comparer, retour = (
        outil.widget.children)
    assert lignes_lues(entete.value) == ["Tester mon répertoire",
                                         "Choisissez une situation, cherchez, cochez, comparez."]
    assert (choix.description, choix.options) == ("Situation d'entraînement", (("Jade, 17 ans", "jade"), (
        "Une personne d'une commune inconnue", "ailleurs")))
    assert lignes_lues(resume.value) == ["Jade a quitté le lycée & veut travailler."]
    assert "&amp;" in resume.value  # the file's text is escaped, never read as HTML
    assert lignes_lues(invite.value) == ["Champs à chercher", "(cochez-en un ou plusieurs) :"]
    assert [c.description for c in grille.children] == list(CHAMPS)
    assert all(isinstance(c, widgets.Checkbox) and not c.value for c in grille.children)
    assert (public.description, public.value) == ("Public (mots-clés)", "")
    assert commune.description == "Commune de la personne"
    assert commune.options[0] == ("(sans tri par distance)", "") and len(commune.options) == len(communes) + 1
    assert commune.value == "Aubrelon"  # the situation's commune, for the distances
    assert (chercher.description, comparer.description) == (BOUTON_CHERCHER, BOUTON_COMPARER)
    assert all(w.style.description_width == "initial" for w in (choix, public, commune))
    assert (message.value, liste.children, selection.value, retour.value) == ("", (), "", "")


def test_search_lists_the_structures_nearest_first_each_with_a_box(outil):
    outil.champs["emploi"].value = True
    outil.public.value = "Jeunes"
    outil.bouton_chercher.click()
    assert lignes_lues(outil.message.value) == ["2 structures trouvées : cochez celles que vous proposeriez."]
    cases = [bloc.children[0] for bloc in outil.liste.children]
    assert [c.description for c in cases] == [f"{ML_LESTRAC} (Lestrac-sur-Lisère, à 8,1 km)",
                                              f"{ML_BRUGALES} (Brugalès, à 8,6 km)"]
    assert lignes_lues(outil.liste.children[0].children[1].value) == [
        "jeunes de 16 à 25 ans révolus ; libre ; mardi et jeudi"]
    outil.public.value = "adultes"
    outil.bouton_chercher.click()
    assert lignes_lues(outil.message.value) == [
        "Aucune structure de votre répertoire ne répond à ces filtres : essayez un autre champ ou d'autres mots, ou "
        "complétez votre répertoire."]
    assert outil.liste.children == ()


def test_one_box_per_structure_even_when_it_receives_in_two_communes(outil):
    outil.champs["mobilité"].value = True
    outil.commune.value = ""  # no sorting by distance: the répertoire's order, no distance shown
    outil.bouton_chercher.click()
    assert lignes_lues(outil.message.value)[0] == "2 structures trouvées : cochez celles que vous proposeriez."
    assert [b.children[0].description for b in outil.liste.children] == ["Garage <solidaire> (Fontmaury)"]


def test_ticked_structures_are_kept_across_searches_and_compared(outil):
    outil.bouton_comparer.click()
    assert lignes_lues(outil.retour.value) == ["Cochez d'abord au moins une structure dans les résultats de la "
                                               "recherche."]
    outil.champs["emploi"].value = True
    outil.bouton_chercher.click()
    outil.cases[ML_BRUGALES].value = True
    outil.cases["Cap emploi de l'Aurelle"].value = True
    assert lignes_lues(outil.selection.value) == [
        f"Structures choisies : {ML_BRUGALES}, Cap emploi de l'Aurelle."]
    outil.cases["Cap emploi de l'Aurelle"].value = False
    outil.champs["emploi"].value, outil.champs["mobilité"].value = False, True
    outil.bouton_chercher.click()
    outil.cases["Garage <solidaire>"].value = True
    outil.champs["emploi"].value = True
    outil.bouton_chercher.click()
    assert outil.cases[ML_BRUGALES].value and not outil.cases[ML_LESTRAC].value  # the earlier choice is still ticked
    assert outil.choisies == [ML_BRUGALES, "Garage <solidaire>"]
    outil.bouton_comparer.click()
    assert lignes_lues(outil.retour.value) == [
        "Lecture attendue — Jade, 17 ans",
        "Besoins couverts : 1 sur 2.",
        f"Couvert — Être accompagnée : {ML_BRUGALES}. 16-25 ans.",
        f"Non couvert — Se déplacer : {TAD}. Aubrelon a le transport à la demande. Cette structure n'est pas dans "
        "votre répertoire : ajoutez-la.",
        "À justifier — Garage <solidaire> : la lecture attendue ne la retient pas ; dites à quel besoin elle répond.",
        "Point de vigilance — S'adresser à Jade d'abord.",
        "Une base de discussion, pas une réponse unique.",
    ]
    assert "Garage &lt;solidaire&gt;" in outil.retour.value


def test_a_new_situation_starts_from_scratch(outil):
    outil.champs["emploi"].value = True
    outil.public.value = "jeunes"
    outil.bouton_chercher.click()
    outil.cases[ML_LESTRAC].value = True
    outil.bouton_comparer.click()
    outil.choix_situation.value = "ailleurs"
    assert not any(case.value for case in outil.champs.values()) and outil.public.value == ""
    assert outil.commune.value == ""  # « Nulle-Part » is not a commune of the table: no sorting
    assert (outil.choisies, outil.liste.children, outil.message.value, outil.selection.value, outil.retour.value) == (
        [], (), "", "", "")
    assert lignes_lues(outil.resume.value) == ["Pour le tri."]


def test_a_search_that_cannot_run_says_why(dossier, communes):
    outil = module.TesterRepertoire(REPERTOIRE.drop(columns="publics"), communes=communes)
    outil.bouton_chercher.click()
    assert lignes_lues(outil.message.value) == [
        "Recherche impossible.", "Répertoire : la colonne « publics » manque (colonnes attendues : structure, champ, "
        "publics, commune)."]


def test_the_repertoire_is_read_from_the_saved_csv(dossier):
    with pytest.raises(CourseError) as erreur:
        module.tester_mon_repertoire()
    assert str(erreur.value) == ("Le fichier « mon_repertoire.csv » n'existe pas encore à côté du notebook : "
                                 "exécutez d'abord la cellule qui enregistre votre répertoire.")
    REPERTOIRE.to_csv(dossier / "mon_repertoire.csv", index=False)
    outil = module.tester_mon_repertoire("mon_repertoire.csv", "situations_entrainement.yaml")
    assert isinstance(outil, widgets.VBox)
    commune = outil.children[6]
    assert commune.value == "Aubrelon" and len(commune.options) == 58  # the course's 57 communes by default
    assert lire_repertoire(dossier / "mon_repertoire.csv").equals(REPERTOIRE)
    (dossier / "illisible.csv").write_bytes("structure\n\xe9t\xe9\n".encode("latin-1"))
    with pytest.raises(CourseError, match=r"^Le fichier « illisible.csv » est illisible \(.*\) : enregistrez-le de "
                                          r"nouveau en CSV UTF-8\.$"):
        lire_repertoire("illisible.csv")


def test_the_situations_file_must_be_beside_the_notebook(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(CourseError, match=r"^Le fichier « situations_entrainement.yaml » n'est pas à côté du notebook"):
        module.TesterRepertoire(REPERTOIRE)
