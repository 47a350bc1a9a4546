"""The grid of interests (M2.3): its pure functions, its CSV file, and its form driven through the Python API.

The grid records each party's positions, interests and margins for the graded case: it checks shapes and
personal data only, and never shows an expected reading or rates what the learner writes.
"""
from __future__ import annotations

import inspect
from pathlib import Path

import ipywidgets as widgets
import pytest

from course import CourseError
from course.learner.widgets import grille_interets as module
from course.learner.widgets.grille_interets import (BOUTON_AJOUTER, BOUTON_ENREGISTRER, COLONNES, GrilleInterets,
                                                    ecrire_grille, grille_en_markdown, grille_interets,
                                                    lignes_initiales, lire_grille, valider_grille, valider_ligne)

ENTETE = "partie,positions,interets,marges"
PARTIES = ["Délégué des familles", "Gestionnaire de l'aire"]


@pytest.fixture
def dossier(tmp_path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


# ---------------------------------------------------------------------------------------------
# Pure functions
# ---------------------------------------------------------------------------------------------
def test_a_row_is_cleaned_and_may_be_recorded_before_its_cells_are_filled():
    assert COLONNES == ("partie", "positions", "interets", "marges")
    assert valider_ligne({"partie": "  Gestionnaire de l'aire ",
                          "interets": " ne plus relancer \r\n\n  des règles égales "}) == {
        "partie": "Gestionnaire de l'aire", "positions": "", "interets": "ne plus relancer\ndes règles égales",
        "marges": ""}


@pytest.mark.parametrize("valeurs, message", [
    ({"positions": "pas de badge"},
     "Partie non enregistrée : Partie (colonne partie) : donnez un nom à la partie (par exemple « Gestionnaire de "
     "l'aire »)."),
    ({"partie": "x" * 81},
     "Partie non enregistrée : Partie (colonne partie) : « " + "x" * 80 + " » doit tenir sur une ligne "
     "(80 caractères au plus) : écrivez la fonction ou le rôle de la partie."),
    ({"partie": "Délégué", "positions": "Le joindre au 06 12 34 56 78"},
     "Partie non enregistrée : Positions : ce que la partie demande (colonne positions) : donnée personnelle à "
     "retirer (téléphone)."),
    ({"partie": "Mme Dupont"},
     "Partie non enregistrée : Partie (colonne partie) : donnée personnelle à retirer (nom complet)."),
    ({"partie": "Technicien", "marges": "mot " * 151},
     "Partie non enregistrée : Marges : ce qu'elle pourrait accepter (colonne marges) : 603 caractères, 600 au "
     "plus : gardez des mots-clés et des phrases courtes."),
])
def test_a_bad_row_is_refused_with_a_french_message_naming_the_column(valeurs, message):
    with pytest.raises(CourseError) as erreur:
        valider_ligne(valeurs)
    assert str(erreur.value) == message


def test_the_grid_drops_empty_rows_and_refuses_a_party_twice():
    assert valider_grille([{"partie": "A"}, {}, {"partie": "", "positions": " "}, {"partie": "B"}]) == [
        {"partie": "A", "positions": "", "interets": "", "marges": ""},
        {"partie": "B", "positions": "", "interets": "", "marges": ""}]
    with pytest.raises(CourseError) as erreur:
        valider_grille([{"partie": "Référente scolarité"}, {"partie": " référente  SCOLARITÉ "},
                        {"positions": "x"}])
    assert str(erreur.value) == (
        "Grille non enregistrée, 2 problèmes à corriger :\n"
        "- partie n° 2 — « référente  SCOLARITÉ » figure déjà (partie n° 1) : gardez une seule ligne par partie\n"
        "- partie n° 3 — Partie (colonne partie) : donnez un nom à la partie (par exemple « Gestionnaire de "
        "l'aire »)")


def test_the_csv_is_written_exactly_and_read_back(dossier):
    lignes = [{"partie": "Délégué des familles", "positions": "pas de badge", "interets": "revenus, irréguliers\nécole",
               "marges": ""},
              {"partie": "Gestionnaire de l'aire", "positions": "badge au 1er septembre", "interets": "",
               "marges": "crédit de secours"}]
    chemin = ecrire_grille(lignes)
    assert chemin == dossier / "grille_interets.csv"
    assert chemin.read_bytes().decode("utf-8") == (
        f"{ENTETE}\n"
        'Délégué des familles,pas de badge,"revenus, irréguliers\nécole",\n'
        "Gestionnaire de l'aire,badge au 1er septembre,,crédit de secours\n")
    assert lire_grille() == lignes


def test_nothing_is_written_while_a_problem_remains(dossier):
    with pytest.raises(CourseError):
        ecrire_grille([{"partie": "A", "positions": "courriel : a.b@exemple.fr"}])
    assert not (dossier / "grille_interets.csv").exists()
    assert lire_grille() == []  # no file yet: an empty grid


@pytest.mark.parametrize("contenu, message", [
    ("tache,membre\nx,y\n",
     "Le fichier « grille_interets.csv » n'est pas une grille des intérêts : sa première ligne doit être "
     "« partie,positions,interets,marges » (trouvé : tache, membre). Renommez-le ou supprimez-le pour repartir d'une "
     "grille vide."),
    (f"{ENTETE}\nA,x,y,z,w\nA,,,\nB,,,\nb,,,\n",
     "Le fichier « grille_interets.csv » a 2 problèmes à corriger :\n"
     "- grille_interets.csv, ligne 2 : 5 valeurs pour 4 colonnes (une virgule dans un texte ? mettez ce texte entre "
     "guillemets)\n"
     "- grille_interets.csv, ligne 5 : « b » figure déjà à la ligne 4"),
])
def test_a_file_edited_by_hand_is_checked_line_by_line(dossier, contenu, message):
    (dossier / "grille_interets.csv").write_text(contenu, encoding="utf-8")
    with pytest.raises(CourseError) as erreur:
        lire_grille()
    assert str(erreur.value) == message


def test_the_form_opens_with_the_saved_parties_then_the_listed_ones():
    enregistrees = [{"partie": "Gestionnaire de l'aire", "positions": "badge", "interets": "", "marges": ""},
                    {"partie": "Élu de la commune", "positions": "", "interets": "", "marges": ""}]
    assert [ligne["partie"] for ligne in lignes_initiales(enregistrees, [*PARTIES, " gestionnaire DE L'AIRE"])] == [
        "Gestionnaire de l'aire", "Élu de la commune", "Délégué des familles"]
    assert lignes_initiales(enregistrees, PARTIES)[0]["positions"] == "badge"  # nothing saved is lost


def test_the_markdown_table_escapes_pipes_and_joins_lines():
    assert grille_en_markdown([{"partie": "A|B", "positions": "x\ny", "interets": "", "marges": "m"}]) == (
        "| Partie | Positions : ce que la partie demande | Intérêts : pourquoi elle le demande | Marges : ce "
        "qu'elle pourrait accepter |\n"
        "|---|---|---|---|\n"
        "| A\\|B | x ; y | — | m |")


# ---------------------------------------------------------------------------------------------
# The form
# ---------------------------------------------------------------------------------------------
def test_one_labelled_block_per_party_in_the_table_order(dossier):
    grille = GrilleInterets(parties=PARTIES)
    titre, aide, conteneur, ajout, bouton, message, tableau = grille.widget.children
    assert titre.value == "<h4>Grille des intérêts</h4>"
    assert "Aucun nom de famille, aucune coordonnée" in aide.value
    blocs = conteneur.children
    assert [bloc.children[0].value for bloc in blocs] == [
        "<h5 style='margin:10px 0 2px'>1. Délégué des familles</h5>",
        "<h5 style='margin:10px 0 2px'>2. Gestionnaire de l'aire</h5>"]
    champs = [champ for bloc in blocs for champ in bloc.children[1:]]  # DOM order, hence Tab order
    assert champs == [grille.blocs[i][nom] for i in range(2) for nom in COLONNES]
    assert [champ.description for champ in champs[:4]] == ["Partie", "Positions", "Intérêts", "Marges"]
    assert champs[1].placeholder == "ce que la partie demande"
    assert all(isinstance(champ, widgets.Textarea) for champ in champs[1:4])
    assert (bouton.description, ajout.children[1].description) == (BOUTON_ENREGISTRER, BOUTON_AJOUTER)
    assert message.value == ""
    assert tableau.value == "<p>Grille des intérêts : aucune ligne pour l'instant.</p>"


def test_filling_adding_and_saving_writes_the_csv_and_shows_the_table(dossier):
    grille = GrilleInterets(parties=PARTIES)
    grille.blocs[0]["positions"].value = "pas de fermeture au printemps"
    grille.blocs[0]["interets"].value = "travailler\nécole des enfants"
    grille.nouvelle.value = "  "
    assert grille.ajouter() is False
    assert grille.message.value == ("<p>Écrivez d'abord le nom de la partie à ajouter (sa fonction ou son rôle)."
                                    "</p>")
    grille.nouvelle.value = "délégué des familles"
    assert grille.ajouter() is False
    assert grille.message.value == "<p>« délégué des familles » a déjà son bloc dans la grille.</p>"
    grille.nouvelle.value = "Familles absentes de la réunion"
    grille.bouton_ajouter.click()
    assert len(grille.blocs) == 3 and grille.nouvelle.value == ""
    grille.bouton.click()
    assert grille.message.value == "<p>Grille enregistrée dans grille_interets.csv (3 parties).</p>"
    assert (dossier / "grille_interets.csv").read_text(encoding="utf-8") == (
        f"{ENTETE}\n"
        'Délégué des familles,pas de fermeture au printemps,"travailler\nécole des enfants",\n'
        "Gestionnaire de l'aire,,,\n"
        "Familles absentes de la réunion,,,\n")
    assert "<td>pas de fermeture au printemps</td>" in grille.tableau.value

    again = GrilleInterets(parties=PARTIES)  # running the cell again: nothing saved is lost
    assert [bloc["partie"].value for bloc in again.blocs] == [*PARTIES, "Familles absentes de la réunion"]
    assert again.blocs[0]["interets"].value == "travailler\nécole des enfants"


def test_a_cell_that_identifies_someone_is_refused_and_nothing_is_written(dossier):
    grille = GrilleInterets(parties=PARTIES)
    grille.blocs[1]["marges"].value = "voir avec Mme Dupont"
    assert grille.enregistrer() is False
    assert grille.message.value.startswith("<p><b>Rien n'a été enregistré.</b></p><pre>Grille non enregistrée, "
                                           "un problème à corriger :\n- partie n° 2 — Marges")
    assert "nom complet" in grille.message.value
    assert not (dossier / "grille_interets.csv").exists()


def test_grille_interets_returns_the_form_for_the_file_beside_the_notebook(dossier):
    (dossier / "grille_interets.csv").write_text(f"{ENTETE}\nTechnicien,calendrier arrêté,,\n", encoding="utf-8")
    widget = grille_interets(parties=["Technicien"])
    assert isinstance(widget, widgets.VBox)
    blocs = widget.children[2].children
    assert len(blocs) == 1 and blocs[0].children[2].value == "calendrier arrêté"


def test_the_grid_rates_nothing_and_shows_no_expected_reading():
    """The course's rule: feedback only on a practice case. The grid is used on the graded case."""
    source = inspect.getsource(module).casefold()
    for mot in ("lecture attendue", "lecture_attendue", "points", "score", "verdict", "correct"):
        assert mot not in source, mot
