"""The team toolkit: declaration, task board, journals, collective fingerprint, and their widgets."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import ipywidgets as widgets
import pandas as pd
import pytest

from course import CourseError
from course.lab.roles import LOGIN_RE as LOGIN_RE_LAB
from course.learner import equipe
from course.learner.equipe import (Empreinte, ajouter_contribution, empreinte_collective, empreinte_texte,
                                   enregistrer_journal, enregistrer_repartition, fichier_journal, lire_declaration,
                                   lire_journal, lire_repartition, maj_tache, minutes_par_membre, mon_equipe,
                                   normaliser_source, probleme_date, probleme_login, resume_journaux, retirer_tache,
                                   tache_existe, valider_equipe)
from course.learner.widgets.taches import (BOUTON_JOURNAL, BOUTON_TACHE, JournalEquipe, RepartitionTaches,
                                           journal_equipe, repartition_taches, tableau_html)

MEMBRES = ["apprenant01", "apprenant02", "apprenant03", "apprenant04"]


@pytest.fixture
def dossier(tmp_path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def equipe_declaree(dossier) -> Path:
    mon_equipe("E1", MEMBRES, "apprenant02")
    return dossier


# ---------------------------------------------------------------------------------------------
# Declaration
# ---------------------------------------------------------------------------------------------
def test_the_login_rule_is_nbgraders_as_the_lab_checks_it():
    assert equipe.LOGIN_RE.pattern == LOGIN_RE_LAB.pattern


def test_mon_equipe_writes_the_declaration_and_returns_it(dossier):
    declaration = mon_equipe(" E1 ", [" apprenant01", "apprenant02"], "apprenant02 ")
    assert declaration == {"equipe": "E1", "membres": ["apprenant01", "apprenant02"], "secretaire": "apprenant02"}
    assert (dossier / "equipe" / "declaration.yaml").read_text(encoding="utf-8") == (
        "# Déclaration de l'équipe. La liste de l'équipe de formation fait foi.\n"
        "equipe: E1\nmembres:\n- apprenant01\n- apprenant02\nsecretaire: apprenant02\n")
    assert lire_declaration() == declaration


@pytest.mark.parametrize("code, membres, secretaire, message", [
    ("", MEMBRES, "apprenant01", "Équipe non déclarée : le code d'équipe est vide : écrivez celui que l'équipe de "
                                 "formation vous a donné (par exemple « E1 »)."),
    ("E1;E2", MEMBRES, "apprenant01", "Équipe non déclarée : le code d'équipe « E1;E2 » doit tenir sur une ligne, "
                                      "sans virgule ni point-virgule (40 caractères au plus)."),
    ("E1", ["apprenant01"], "apprenant01", "Équipe non déclarée : une équipe compte de 2 à 6 membres : vous en "
                                           "déclarez 1."),
    ("E1", [f"apprenant0{n}" for n in range(1, 8)], "apprenant01",
     "Équipe non déclarée : une équipe compte de 2 à 6 membres : vous en déclarez 7."),
    ("E1", "apprenant01, apprenant02", "apprenant01",
     "Équipe non déclarée : les membres s'écrivent sous forme de liste d'identifiants, par exemple "
     "[\"apprenant01\", \"apprenant02\"]."),
    ("E1", MEMBRES, "apprenant09", "Équipe non déclarée : secrétaire « apprenant09 » : cet identifiant doit figurer "
                                   "parmi les membres."),
])
def test_a_wrong_declaration_says_what_to_fix(dossier, code, membres, secretaire, message):
    with pytest.raises(CourseError) as erreur:
        mon_equipe(code, membres, secretaire)
    assert str(erreur.value) == message
    assert not (dossier / "equipe").exists()


def test_every_problem_of_a_declaration_is_listed_at_once():
    with pytest.raises(CourseError) as erreur:
        valider_equipe("E1", ["apprenant01", "Marie Dupont", "apprenant01"], "marie")
    assert str(erreur.value) == (
        "Équipe non déclarée, 3 problèmes à corriger :\n"
        "- « Marie Dupont » n'est pas un identifiant de connexion (lettres sans accent, chiffres, « . », « _ » ou "
        "« - », sans espace) : écrivez l'identifiant, pas le nom.\n"
        "- « apprenant01 » figure deux fois parmi les membres.\n"
        "- secrétaire « marie » : cet identifiant doit figurer parmi les membres.")


def test_reading_a_missing_or_edited_declaration_names_the_file(dossier):
    with pytest.raises(CourseError) as erreur:
        lire_declaration()
    assert str(erreur.value) == ("Le fichier « equipe/declaration.yaml » est introuvable : déclarez d'abord votre "
                                 "équipe avec mon_equipe(code, membres, secretaire).")
    (dossier / "equipe").mkdir()
    (dossier / "equipe" / "declaration.yaml").write_text("equipe: E1\nmembres: [a1, a2]\nsecretaire: a3\n",
                                                         encoding="utf-8")
    with pytest.raises(CourseError) as erreur:
        lire_declaration()
    assert str(erreur.value) == ("Le fichier « equipe/declaration.yaml » est mal rempli. Équipe non déclarée : "
                                 "secrétaire « a3 » : cet identifiant doit figurer parmi les membres.")
    (dossier / "equipe" / "declaration.yaml").write_text("- a1\n", encoding="utf-8")
    with pytest.raises(CourseError) as erreur:
        lire_declaration()
    assert str(erreur.value) == ("Le fichier « equipe/declaration.yaml » est illisible : déclarez à nouveau votre "
                                 "équipe avec mon_equipe(code, membres, secretaire).")


# ---------------------------------------------------------------------------------------------
# Cells: dates and logins
# ---------------------------------------------------------------------------------------------
def test_dates_are_iso_and_real():
    assert probleme_date("2025-03-14") is None
    assert probleme_date("2025-02-30") == "« 2025-02-30 » n'est pas une date au format AAAA-MM-JJ (par exemple " \
                                          "2025-03-14)"
    assert probleme_date("14/03/2025") == "« 14/03/2025 » n'est pas une date au format AAAA-MM-JJ (par exemple " \
                                          "2025-03-14)"


def test_logins_follow_nbgrader():
    assert [probleme_login(x) is None for x in ("apprenant01", "m.durand", "a_b-c", "élise", "a b", "+x", "a\n")] == [
        True, True, True, False, False, False, False]


# ---------------------------------------------------------------------------------------------
# Task board
# ---------------------------------------------------------------------------------------------
def test_maj_tache_adds_then_updates_the_line_of_a_task_and_member():
    lignes = maj_tache([], "Rédiger l'ordre du jour", "apprenant01", "à faire", dt.date(2025, 3, 14))
    lignes = maj_tache(lignes, "Rédiger l'ordre du jour", "apprenant02", "En cours", "2025-03-14")
    mise_a_jour = maj_tache(lignes, "  rédiger  l'ordre du jour ", "apprenant01", "fait", "2025-03-12")
    assert mise_a_jour == [
        {"tache": "Rédiger l'ordre du jour", "membre": "apprenant01", "statut": "fait", "echeance": "2025-03-12"},
        {"tache": "Rédiger l'ordre du jour", "membre": "apprenant02", "statut": "en cours", "echeance": "2025-03-14"},
    ]
    assert lignes[0]["statut"] == "à faire"  # pure: the list given is not changed
    assert tache_existe(mise_a_jour, "RÉDIGER l'ordre du jour", "apprenant02") is True
    assert tache_existe(mise_a_jour, "Rédiger l'ordre du jour", "apprenant03") is False
    assert retirer_tache(mise_a_jour, "Rédiger l'ordre du jour", "apprenant01") == mise_a_jour[1:]


def test_a_wrong_task_lists_every_field_to_fix():
    with pytest.raises(CourseError) as erreur:
        maj_tache([], "Appeler Jean Dupont", "Jean D", "terminé", "14/03")
    assert str(erreur.value) == (
        "Tâche non enregistrée : Tâche (colonne tache) : donnée personnelle à retirer (nom complet) ; "
        "Membre (colonne membre) : « Jean D » n'est pas un identifiant de connexion (lettres sans accent, chiffres, "
        "« . », « _ » ou « - », sans espace) : écrivez l'identifiant, pas le nom ; "
        "Statut (colonne statut) : « terminé » n'est pas une valeur prévue (valeurs possibles : à faire, en cours, "
        "fait) ; Échéance (colonne echeance) : « 14/03 » n'est pas une date au format AAAA-MM-JJ (par exemple "
        "2025-03-14).")
    with pytest.raises(CourseError) as erreur:
        maj_tache([], "Relire", "", "fait", None)
    assert str(erreur.value) == ("Tâche non enregistrée : Membre (colonne membre) : valeur obligatoire manquante ; "
                                 "Échéance (colonne echeance) : valeur obligatoire manquante.")
    with pytest.raises(CourseError) as erreur:
        retirer_tache([], "Relire", "apprenant01")
    assert str(erreur.value) == "Aucune tâche « Relire » pour « apprenant01 » dans la répartition."


def test_the_task_board_is_written_and_read_back(dossier):
    lignes = maj_tache([], "Ordre du jour, version 1", "apprenant01", "fait", "2025-03-14")
    assert enregistrer_repartition(lignes) == dossier / "equipe" / "repartition.csv"
    assert (dossier / "equipe" / "repartition.csv").read_text(encoding="utf-8") == (
        "tache,membre,statut,echeance\n\"Ordre du jour, version 1\",apprenant01,fait,2025-03-14\n")
    assert lire_repartition() == lignes
    assert lire_repartition("equipe/absent.csv") == []


def test_a_task_file_edited_by_hand_is_checked_line_by_line(dossier):
    (dossier / "equipe").mkdir()
    (dossier / "equipe" / "repartition.csv").write_text(
        "tache,membre,statut,echeance\n"
        "Ordre du jour,apprenant01,fait,2025-03-14\n"
        "Relire,Marie D,en cours,2025-13-01\n"
        "ordre du jour,apprenant01,à faire,2025-03-20\n"
        "Appeler au 06 12 34 56 78,apprenant02,fini,2025-03-21\n", encoding="utf-8")
    with pytest.raises(CourseError) as erreur:
        lire_repartition()
    assert str(erreur.value) == (
        "Le fichier « equipe/repartition.csv » a 5 problèmes à corriger :\n"
        "- equipe/repartition.csv, ligne 3, colonne membre : « Marie D » n'est pas un identifiant de connexion "
        "(lettres sans accent, chiffres, « . », « _ » ou « - », sans espace) : écrivez l'identifiant, pas le nom\n"
        "- equipe/repartition.csv, ligne 3, colonne echeance : « 2025-13-01 » n'est pas une date au format "
        "AAAA-MM-JJ (par exemple 2025-03-14)\n"
        "- equipe/repartition.csv, ligne 4 : cette ligne reprend la ligne 2 (tache, membre) ; gardez-en une seule\n"
        "- equipe/repartition.csv, ligne 5, colonne tache : donnée personnelle à retirer (téléphone)\n"
        "- equipe/repartition.csv, ligne 5, colonne statut : « fini » n'est pas une valeur prévue (valeurs "
        "possibles : à faire, en cours, fait)")


# ---------------------------------------------------------------------------------------------
# Journals
# ---------------------------------------------------------------------------------------------
def test_the_journal_file_is_named_after_the_login():
    assert fichier_journal("apprenant01") == "equipe/journal_apprenant01.csv"
    with pytest.raises(CourseError) as erreur:
        fichier_journal("Marie Durand")
    assert str(erreur.value) == ("Journal : « Marie Durand » n'est pas un identifiant de connexion (lettres sans "
                                 "accent, chiffres, « . », « _ » ou « - », sans espace) : écrivez l'identifiant, pas "
                                 "le nom.")


def test_contributions_are_added_checked_and_summed_per_member(dossier):
    journal = ajouter_contribution([], dt.date(2025, 3, 10), 45, "Préparé les cartes de rôle", "equipe/cartes.md")
    journal = ajouter_contribution(journal, "2025-03-12", 90, "Animé la séquence « badge »")
    assert journal == [
        {"date": "2025-03-10", "duree_minutes": "45", "contribution": "Préparé les cartes de rôle",
         "trace": "equipe/cartes.md"},
        {"date": "2025-03-12", "duree_minutes": "90", "contribution": "Animé la séquence « badge »", "trace": ""},
    ]
    enregistrer_journal("apprenant01", journal)
    assert (dossier / "equipe" / "journal_apprenant01.csv").read_text(encoding="utf-8") == (
        "date,duree_minutes,contribution,trace\n2025-03-10,45,Préparé les cartes de rôle,equipe/cartes.md\n"
        "2025-03-12,90,Animé la séquence « badge »,\n")
    assert lire_journal("apprenant01") == journal
    enregistrer_journal("apprenant02", ajouter_contribution([], "2025-03-11", 30, "Relu le relevé de conclusions"))
    assert minutes_par_membre({"apprenant02": lire_journal("apprenant02"), "apprenant01": journal}) == {
        "apprenant01": 135, "apprenant02": 30}
    pd.testing.assert_frame_equal(resume_journaux(), pd.DataFrame(
        {"membre": ["apprenant01", "apprenant02"], "contributions": [2, 1], "minutes": [135, 30]}))


@pytest.mark.parametrize("date, duree, texte, message", [
    ("2025-03-10", 0, "Relu", "Durée (minutes) (colonne duree_minutes) : 0 est en dehors des valeurs possibles (de 1 "
                              "à 720)"),
    ("10/03/2025", 30, "Relu", "Date (colonne date) : « 10/03/2025 » n'est pas une date au format AAAA-MM-JJ (par "
                               "exemple 2025-03-14)"),
    ("2025-03-10", 30, " ", "Ce que j'ai fait (colonne contribution) : valeur obligatoire manquante"),
    ("2025-03-10", 30, "Écrit à marie.durand@example.fr", "Ce que j'ai fait (colonne contribution) : donnée "
                                                          "personnelle à retirer (courriel)"),
])
def test_a_wrong_contribution_is_refused(date, duree, texte, message):
    with pytest.raises(CourseError) as erreur:
        ajouter_contribution([], date, duree, texte)
    assert str(erreur.value) == f"Contribution non enregistrée : {message}."


# ---------------------------------------------------------------------------------------------
# Collective fingerprint
# ---------------------------------------------------------------------------------------------
def cellule(source, collective=True, critere=None, grade_id=None, type_="markdown") -> dict:
    metadonnees = {}
    if collective is not None:
        metadonnees["casp"] = {"collective": collective}
        if critere:
            metadonnees["casp"]["criterion"] = critere
    if grade_id:
        metadonnees["nbgrader"] = {"grade_id": grade_id}
    return {"cell_type": type_, "metadata": metadonnees, "source": source}


def ecrire_notebook(chemin: Path, cellules: list[dict]) -> Path:
    chemin.write_text(json.dumps({"cells": cellules, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}),
                      encoding="utf-8")
    return chemin


def test_normalisation_ignores_line_endings_trailing_spaces_and_composition():
    assert normaliser_source(["Décisions :  \r\n", "- A\t\r", "- B\n", "\n  \n"]) == "Décisions :\n- A\n- B"
    assert normaliser_source("e\u0301te\u0301") == "été"
    assert empreinte_texte("Décisions : A\nPoints en suspens") == "bfd5b9c13d3f"
    assert empreinte_texte("Décisions : A  \r\nPoints en suspens\n\n") == "bfd5b9c13d3f"
    assert empreinte_texte("Décisions : B\nPoints en suspens") != "bfd5b9c13d3f"


def test_the_fingerprint_covers_only_collective_cells_named_by_criterion(tmp_path):
    cellules = [cellule("Mon analyse individuelle", collective=None, grade_id="m23_E"),
                cellule("Décisions : A\nPoints en suspens", critere="M2.3-D", grade_id="m23_D"),
                cellule("Ordre du jour", grade_id="m23_B"),
                cellule("Sans nom"),
                cellule("Pas collective", collective=False)]
    empreinte = empreinte_collective(ecrire_notebook(tmp_path / "a.ipynb", cellules))
    assert empreinte == Empreinte("136db6107314", {"M2.3-D": "bfd5b9c13d3f", "m23_B": "20bfe8d2f1e4",
                                                   "cellule n° 4": "1a0d80637738"})
    assert str(empreinte) == ("Empreinte de la partie collective : 136db6107314 (M2.3-D : bfd5b9c13d3f, "
                              "m23_B : 20bfe8d2f1e4, cellule n° 4 : 1a0d80637738)")


def test_two_members_with_the_same_collective_text_have_the_same_fingerprint(tmp_path):
    commun = [cellule("Décisions : A\nPoints en suspens", critere="M2.3-D")]
    a = empreinte_collective(ecrire_notebook(tmp_path / "a.ipynb", [cellule("Moi", None)] + commun))
    b = empreinte_collective(ecrire_notebook(tmp_path / "b.ipynb", [
        cellule(["Décisions : A \r\n", "Points en suspens\r\n"], critere="M2.3-D"), cellule("Autre chose", None)]))
    c = empreinte_collective(ecrire_notebook(tmp_path / "c.ipynb", [
        cellule("Décisions : A, B\nPoints en suspens", critere="M2.3-D")]))
    assert a == b
    assert a.empreinte != c.empreinte and c.cellules["M2.3-D"] != a.cellules["M2.3-D"]


def test_a_notebook_without_collective_part_or_unreadable_is_a_course_error(tmp_path):
    with pytest.raises(CourseError) as erreur:
        empreinte_collective(ecrire_notebook(tmp_path / "seul.ipynb", [cellule("x", None)]))
    assert str(erreur.value) == ("Le notebook « seul.ipynb » n'a aucune partie collective (cellule marquée "
                                 "casp.collective).")
    (tmp_path / "casse.ipynb").write_text("{pas du json", encoding="utf-8")
    with pytest.raises(CourseError) as erreur:
        empreinte_collective(tmp_path / "casse.ipynb")
    assert str(erreur.value) == "Le notebook « casse.ipynb » est illisible : ce n'est pas un notebook Jupyter."
    with pytest.raises(CourseError) as erreur:
        empreinte_collective(tmp_path / "absent.ipynb")
    assert str(erreur.value) == f"Le notebook « absent.ipynb » est introuvable ({tmp_path / 'absent.ipynb'})."


# ---------------------------------------------------------------------------------------------
# Widgets
# ---------------------------------------------------------------------------------------------
def test_the_task_board_widget_lists_members_and_adds_then_updates(equipe_declaree):
    board = RepartitionTaches()
    titre, tache, membre, statut, echeance, aide, bouton, message, tableau = board.widget.children
    assert titre.value == "<h4>Répartition des tâches</h4>"
    assert [c.description for c in (tache, membre, statut, echeance)] == ["Tâche", "Membre", "Statut", "Échéance"]
    assert [libelle for libelle, _ in membre.options] == ["(choisir)"] + MEMBRES
    assert (membre.value, list(statut.options), echeance.value) == ("", ["à faire", "en cours", "fait"], None)
    assert bouton.description == BOUTON_TACHE == "Enregistrer la tâche"
    assert tableau.value == "<p>Répartition des tâches : aucune ligne pour l'instant.</p>"

    tache.value, echeance.value = "Ordre du jour", dt.date(2025, 3, 14)
    bouton.click()
    assert message.value == ("<p><b>Rien n'a été enregistré.</b> Tâche non enregistrée : Membre (colonne membre) : "
                             "valeur obligatoire manquante.</p>")
    assert not (equipe_declaree / "equipe" / "repartition.csv").exists()

    membre.value = "apprenant03"
    bouton.click()
    assert message.value == "<p>Tâche ajoutée dans equipe/repartition.csv.</p>"
    statut.value = "fait"
    assert board.enregistrer() is True
    assert message.value == "<p>Tâche mise à jour dans equipe/repartition.csv.</p>"
    assert (equipe_declaree / "equipe" / "repartition.csv").read_text(encoding="utf-8") == (
        "tache,membre,statut,echeance\nOrdre du jour,apprenant03,fait,2025-03-14\n")
    assert tableau.value == (
        "<table><caption>Répartition des tâches</caption><thead><tr><th scope=\"col\">Tâche</th><th scope=\"col\">"
        "Membre</th><th scope=\"col\">Statut</th><th scope=\"col\">Échéance</th></tr></thead><tbody><tr><td>Ordre du "
        "jour</td><td>apprenant03</td><td>fait</td><td>2025-03-14</td></tr></tbody></table>")
    assert isinstance(repartition_taches(), widgets.VBox)  # reopened: the saved task is read back
    assert RepartitionTaches().lignes == board.lignes


def test_the_task_board_needs_the_declaration_first(dossier):
    with pytest.raises(CourseError, match=r"^Le fichier « equipe/declaration\.yaml » est introuvable"):
        repartition_taches()


def test_the_journal_widget_appends_contributions_and_totals_them(equipe_declaree):
    journal = JournalEquipe("apprenant02", aujourd_hui=dt.date(2025, 3, 10))
    titre, date, duree, contribution, trace, aide, bouton, message, tableau = journal.widget.children
    assert titre.value == "<h4>Journal de mes contributions — apprenant02</h4>"
    assert [c.description for c in (date, duree, contribution, trace)] == [
        "Date", "Durée (minutes)", "Ce que j'ai fait", "Trace (facultatif)"]
    assert (date.value, duree.value, duree.max) == (dt.date(2025, 3, 10), 0, 720)
    assert bouton.description == BOUTON_JOURNAL == "Ajouter au journal"
    assert message.value == "<p>0 contributions dans equipe/journal_apprenant02.csv, 0 minute au total.</p>"

    contribution.value = "Préparé les cartes de rôle"
    assert journal.ajouter() is False  # 0 minute
    assert message.value == ("<p><b>Rien n'a été enregistré.</b> Contribution non enregistrée : Durée (minutes) "
                             "(colonne duree_minutes) : 0 est en dehors des valeurs possibles (de 1 à 720).</p>")
    duree.value = 45
    bouton.click()
    assert message.value == ("<p>Contribution ajoutée. 1 contribution dans equipe/journal_apprenant02.csv, "
                             "45 minutes au total.</p>")
    assert (duree.value, contribution.value, trace.value, date.value) == (0, "", "", dt.date(2025, 3, 10))
    assert lire_journal("apprenant02") == [{"date": "2025-03-10", "duree_minutes": "45",
                                            "contribution": "Préparé les cartes de rôle", "trace": ""}]
    assert tableau.value == tableau_html(equipe.JOURNAL, journal.lignes)


def test_a_journal_login_outside_the_declared_team_is_refused(equipe_declaree):
    with pytest.raises(CourseError) as erreur:
        journal_equipe("apprenant09")
    assert str(erreur.value) == ("Journal : « apprenant09 » ne figure pas parmi les membres déclarés dans "
                                 "equipe/declaration.yaml (apprenant01, apprenant02, apprenant03, apprenant04).")


def test_without_declaration_a_journal_can_still_be_kept(dossier):
    assert isinstance(journal_equipe("apprenant09"), widgets.VBox)


def test_the_widgets_are_reached_from_the_team_toolkit(equipe_declaree):
    assert equipe.repartition_taches().children[0].value == "<h4>Répartition des tâches</h4>"
    assert equipe.journal_equipe("apprenant01").children[0].value == (
        "<h4>Journal de mes contributions — apprenant01</h4>")
