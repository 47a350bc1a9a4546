"""The oral preparation widget, driven through its Python API (set values, click)."""
from __future__ import annotations

from pathlib import Path

import ipywidgets as widgets
import pytest
import yaml

from course import CourseError
from course.learner.oral import lire_oral, preparer_oral
from course.learner.widgets.preparation_oral import BOUTON, PreparationOral
from tests.test_oral import ORAL


@pytest.fixture
def dossier(tmp_path, monkeypatch) -> Path:
    (tmp_path / "oral.yaml").write_text(yaml.safe_dump(ORAL, allow_unicode=True), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def preparation(dossier) -> PreparationOral:
    return PreparationOral(lire_oral())


def planifier(preparation: PreparationOral, **minutes) -> None:
    noms = {"cadre": "Poser le cadre", "resultats": "Résultats", "limites": "Limites",
            "anecdote": "Anecdote de terrain", "proposition": "Proposition"}
    for cle, valeur in minutes.items():
        preparation.minutes[noms[cle]].value = valeur


def test_one_labelled_block_per_moment_in_the_file_order(preparation):
    titre, consigne, temps, *blocs, bouton, message, sortie = preparation.widget.children
    assert titre.value == "<h4>Restitution aux professionnels</h4>"
    assert consigne.value == "<p>Présentez vos résultats aux professionnels enquêtés.</p>"
    assert temps.value == "<p>Temps imparti : 10 min de présentation, puis 10 min d'échange avec le jury.</p>"
    assert [b.children[0].value for b in blocs] == [
        "<p><b>1. Poser le cadre</b> (obligatoire)<br><small>Qui vous êtes, pourquoi cette enquête.</small></p>",
        "<p><b>2. Résultats</b> (obligatoire)</p>",
        "<p><b>3. Limites</b> (obligatoire)</p>",
        "<p><b>4. Anecdote de terrain</b> (facultatif)</p>",
        "<p><b>5. Proposition</b> (obligatoire)</p>",
    ]
    champs = [c for b in blocs for c in b.children[1:]]  # DOM order, hence Tab order: minutes then notes, per moment
    assert champs == [c for nom in preparation.minutes for c in (preparation.minutes[nom], preparation.notes[nom])]
    assert {c.description for c in champs} == {"Durée (minutes)", "Notes"}
    assert preparation.minutes["Limites"].tooltip == "Limites : durée en minutes"
    assert (preparation.minutes["Limites"].value, preparation.minutes["Limites"].max) == (0.0, 120)
    assert isinstance(bouton, widgets.Button) and bouton.description == BOUTON == "Enregistrer et vérifier"
    assert (message.value, isinstance(sortie, widgets.Output)) == ("", True)


def test_saving_a_good_plan_writes_mon_oral_and_shows_no_warning(preparation, dossier):
    planifier(preparation, cadre=1.5, resultats=4, limites=1.5, proposition=3)
    preparation.notes["Résultats"].value = "42 réponses\nfrein n° 1 : logement"
    preparation.bouton.click()
    assert yaml.safe_load((dossier / "mon_oral.yaml").read_text(encoding="utf-8")) == {
        "oral": "Restitution aux professionnels",
        "duree_minutes": 10.0,
        "moments": [
            {"nom": "Poser le cadre", "minutes": 1.5, "notes": ""},
            {"nom": "Résultats", "minutes": 4.0, "notes": "42 réponses\nfrein n° 1 : logement"},
            {"nom": "Limites", "minutes": 1.5, "notes": ""},
            {"nom": "Proposition", "minutes": 3.0, "notes": ""},
        ],
    }  # the optional moment left at 0 minute is not part of the plan
    assert preparation.message.value == ("<p>Préparation enregistrée dans mon_oral.yaml.</p>"
                                         "<p>Aucun avertissement : le déroulé tient dans le temps imparti.</p>")
    assert preparation.fil.splitlines()[4:9] == [
        "| 0 min | Poser le cadre | 1,5 min | — |",
        "| 1,5 min | Résultats | 4 min | 42 réponses<br>frein n° 1 : logement |",
        "| 5,5 min | Limites | 1,5 min | — |",
        "| 7 min | Proposition | 3 min | — |",
        "",
    ]
    assert preparation.fil.splitlines()[-1] == "**Total : 10 min** sur 10 min prévues."


def test_warnings_are_listed_as_text(preparation):
    planifier(preparation, cadre=2, resultats=7, anecdote=2, proposition=1)
    preparation.bouton.click()
    assert preparation.message.value == (
        "<p>Préparation enregistrée dans mon_oral.yaml.</p><p><b>À revoir :</b></p><ul>"
        "<li>« Limites » : 0 minute prévue pour un moment obligatoire. Donnez-lui du temps.</li>"
        "<li>Total : 12 min pour 10 min prévues, soit 2 min de trop. Raccourcissez un ou plusieurs moments.</li></ul>")
    assert preparation.fil.splitlines()[4:9] == [
        "| 0 min | Poser le cadre | 2 min | — |",
        "| 2 min | Résultats | 7 min | — |",
        "| 9 min | Limites | 0 min | — |",
        "| 9 min | Anecdote de terrain | 2 min | — |",  # an optional moment given minutes joins the plan
        "| 11 min | Proposition | 1 min | — |",
    ]


def test_notes_that_identify_someone_are_refused_and_nothing_is_written(preparation, dossier):
    planifier(preparation, cadre=2, resultats=4, limites=2, proposition=2)
    preparation.notes["Limites"].value = "Rappeler Jean Dupont au 06 12 34 56 78"
    assert preparation.enregistrer() is False
    assert not (dossier / "mon_oral.yaml").exists()
    assert preparation.message.value == (
        "<p><b>Préparation non enregistrée.</b> À corriger :</p>"
        "<ul><li>Notes de « Limites » : donnée personnelle à retirer (nom complet, téléphone).</li></ul>")
    assert preparation.fil == ""


def test_running_the_cell_again_reloads_the_saved_plan(preparation, dossier):
    planifier(preparation, cadre=2, resultats=4.5)
    preparation.notes["Poser le cadre"].value = "Qui je suis"
    preparation.bouton.click()
    rechargee = PreparationOral(lire_oral())
    assert {nom: champ.value for nom, champ in rechargee.minutes.items()} == {
        "Poser le cadre": 2.0, "Résultats": 4.5, "Limites": 0.0, "Anecdote de terrain": 0.0, "Proposition": 0.0}
    assert rechargee.notes["Poser le cadre"].value == "Qui je suis"


def test_an_unreadable_saved_plan_is_a_course_error_naming_it(dossier):
    (dossier / "mon_oral.yaml").write_text("moments: [nom: : :", encoding="utf-8")
    with pytest.raises(CourseError) as erreur:
        preparer_oral()
    assert str(erreur.value) == ("Le fichier « mon_oral.yaml » est illisible : corrigez-le ou supprimez-le pour "
                                 "repartir d'une préparation vide.")


def test_preparer_oral_returns_the_widget_from_the_file_beside_the_notebook(dossier):
    widget = preparer_oral()
    assert isinstance(widget, widgets.VBox)
    assert widget.children[0].value == "<h4>Restitution aux professionnels</h4>"
