"""The survey protocol form, driven through its Python API (set values, click)."""
from __future__ import annotations

from pathlib import Path

import ipywidgets as widgets
import pytest

from course import CourseError
from course.learner import enquete
from course.learner.enquete import lire_protocole, protocole_vide
from course.learner.widgets.protocole import BOUTON, FormulaireProtocole, nouveau_protocole


@pytest.fixture
def dossier(tmp_path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def formulaire(dossier) -> FormulaireProtocole:
    return FormulaireProtocole()


def remplir(formulaire: FormulaireProtocole, **valeurs) -> None:
    for cle, valeur in valeurs.items():
        formulaire.champs[cle].value = valeur


ATTENDU = (
    "question_depart: Comment les professionnels préparent-ils la sortie de détention ?\n"
    "objectifs: |-\n"
    "  - connaître les délais d'information\n"
    "  - repérer les freins\n"
    "hypotheses: Le SPIP prévient tard les structures d'hébergement.\n"
    "population: ''\n"
    "echantillon: 12 professionnels de 6 types de structures.\n"
    "methode: ''\n"
    "calendrier: ''\n"
    "consentement: ''\n"
    "anonymisation: ''\n"
    "restitution: ''\n"
)


def test_ten_labelled_fields_in_the_protocol_order(formulaire):
    titre, consigne, *blocs, bouton, message, sortie = formulaire.widget.children
    assert titre.value == "<h4>Protocole d'enquête</h4>"
    assert consigne.value == ("<p>Remplissez les rubriques dans l'ordre, en plusieurs fois si besoin. « Enregistrer "
                              "le protocole » les écrit dans protocole.yaml, à côté du notebook, puis les affiche en "
                              "Markdown, à citer dans votre écrit.</p>")
    champs = [bloc.children[0] for bloc in blocs]
    assert champs == list(formulaire.champs.values())  # the DOM order, hence the Tab order, is the protocol's
    assert [c.description for c in champs] == ["Question de départ", "Objectifs", "Hypothèses", "Population",
                                               "Échantillon", "Méthode", "Calendrier", "Consentement",
                                               "Anonymisation", "Restitution"]
    assert all(isinstance(c, widgets.Textarea) and c.style.description_width == "initial" for c in champs)
    assert blocs[3].children[1].value == ("<small>Qui est concerné : des fonctions, des types de structures ou un "
                                          "public, jamais des personnes nommées.</small>")
    assert (bouton.description, message.value) == (BOUTON, "")
    assert isinstance(sortie, widgets.Output)


def test_saving_writes_the_exact_yaml_and_lists_what_is_left(formulaire, dossier):
    remplir(formulaire, question_depart="  Comment les professionnels préparent-ils la sortie de détention ?",
            objectifs="- connaître les délais d'information\n- repérer les freins   \n",
            hypotheses="Le SPIP prévient tard les structures d'hébergement.",
            echantillon="12 professionnels de 6 types de structures.")
    formulaire.bouton.click()
    assert (dossier / "protocole.yaml").read_text(encoding="utf-8") == ATTENDU
    assert formulaire.message.value == (
        "<p>Protocole enregistré dans protocole.yaml.</p><p><b>À compléter ou à vérifier :</b></p><ul><li>Reste à "
        "remplir : Population, Méthode, Calendrier, Consentement, Anonymisation, Restitution.</li></ul>")
    assert formulaire.markdown.startswith(
        "**Protocole d'enquête**\n\n**Question de départ**\n\nComment les professionnels préparent-ils la sortie de "
        "détention ?\n\n")


def test_the_form_reloads_what_was_saved(formulaire, dossier):
    remplir(formulaire, hypotheses="Le SPIP prévient tard.", restitution="Réunion avec les enquêtés en juin.")
    assert formulaire.enregistrer() is True
    relu = FormulaireProtocole()
    assert relu.valeurs() == {**protocole_vide(), "hypotheses": "Le SPIP prévient tard.",
                              "restitution": "Réunion avec les enquêtés en juin."}
    assert lire_protocole() == relu.valeurs()
    relu.champs["restitution"].value = "Réunion avec les enquêtés en juin, puis une note écrite."
    assert relu.enregistrer() is True
    assert FormulaireProtocole().champs["restitution"].value == ("Réunion avec les enquêtés en juin, puis une note "
                                                                 "écrite.")


def test_a_field_that_identifies_someone_is_refused_and_nothing_is_written(formulaire, dossier):
    remplir(formulaire, question_depart="Comment préparer la sortie ?",
            consentement="Écrire à referente@exemple.fr pour refuser.")
    formulaire.bouton.click()
    assert not (dossier / "protocole.yaml").exists()
    assert formulaire.message.value == ("<p><b>Protocole non enregistré.</b></p><p><b>À corriger :</b></p><ul>"
                                        "<li>Consentement : donnée personnelle à retirer (courriel).</li></ul>")
    assert formulaire.markdown == ""


def test_a_complete_protocol_has_no_warning(formulaire, dossier):
    remplir(formulaire, **{cle: f"Texte de {cle}." for cle in protocole_vide()})
    assert formulaire.enregistrer() is True
    assert formulaire.message.value == "<p>Protocole enregistré dans protocole.yaml.</p>"


def test_an_unreadable_file_is_reported_not_overwritten(dossier):
    (dossier / "protocole.yaml").write_text("question: x\n", encoding="utf-8")
    with pytest.raises(CourseError) as erreur:
        FormulaireProtocole()
    assert str(erreur.value).startswith("Le fichier « protocole.yaml » est mal rempli : clé inconnue « question »")
    assert (dossier / "protocole.yaml").read_text(encoding="utf-8") == "question: x\n"


def test_the_learner_calls_it_from_the_survey_module(dossier):
    for widget in (enquete.nouveau_protocole(), nouveau_protocole("mon_protocole.yaml")):
        assert isinstance(widget, widgets.VBox)
    formulaire = FormulaireProtocole("mon_protocole.yaml")
    formulaire.champs["methode"].value = "Questionnaire et deux entretiens."
    formulaire.enregistrer()
    assert lire_protocole("mon_protocole.yaml")["methode"] == "Questionnaire et deux entretiens."
    assert not (dossier / "protocole.yaml").exists()
