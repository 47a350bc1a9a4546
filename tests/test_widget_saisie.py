"""The data-entry widget of the « piste terrain », driven through its Python API (set values, click)."""
from __future__ import annotations

from pathlib import Path

import ipywidgets as widgets
import pytest

from course.learner.terrain import charger_terrain, lire_dictionnaire, valider_dictionnaire, valider_terrain
from course.learner.widgets.saisie import BOUTON, SaisieTerrain, saisir_terrain
from tests.test_terrain import ENTETE, GRILLE


@pytest.fixture
def dossier(tmp_path, monkeypatch) -> Path:
    (tmp_path / "dictionnaire_variables.yaml").write_text(GRILLE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def saisie(dossier) -> SaisieTerrain:
    return SaisieTerrain(lire_dictionnaire(), "mes_donnees.csv")


def remplir(saisie: SaisieTerrain, **valeurs) -> None:
    for nom, valeur in valeurs.items():
        saisie.champs[nom].value = valeur


def releve(saisie: SaisieTerrain, remarque: str = "") -> None:
    remplir(saisie, jour="mardi", creneau="9:15", nb_personnes_attente=12, attente_estimee_min=25, bruit="fort",
            remarque=remarque)


def test_one_labelled_field_per_column_in_the_codebook_order(saisie):
    titre, *blocs, bouton, message = saisie.widget.children
    assert titre.value == "<h4>Grille d'observation de la salle d'attente</h4>"
    champs = [bloc.children[0] for bloc in blocs]
    assert champs == list(saisie.champs.values())  # the DOM order, hence the Tab order, is the codebook's
    assert [type(c).__name__ for c in champs] == ["Dropdown", "Text", "BoundedIntText", "BoundedIntText", "Dropdown",
                                                  "Text"]
    assert [c.description for c in champs] == ["Jour de l'observation", "Début du quart d'heure",
                                               "Personnes qui attendent", "Attente estimée (minutes)",
                                               "Niveau de bruit", "Remarque (facultatif)"]
    assert all(c.style.description_width == "initial" for c in champs)  # labels shown whole, never cut
    aides = [bloc.children[1].value if len(bloc.children) > 1 else None for bloc in blocs]
    assert aides == [
        None,
        "<small>Format HH:MM, par exemple 08:30.</small>",
        "<small>Nombre entier, de 0 à 60.</small>",
        "<small>Nombre entier.</small>",
        None,
        "<small>Ce que les chiffres ne montrent pas, sans rien qui permette de reconnaître quelqu'un. Texte libre, "
        "anonyme : aucun nom, adresse, téléphone ni courriel.</small>",
    ]
    jour = saisie.champs["jour"]
    assert [libelle for libelle, _ in jour.options] == ["(choisir)", "lundi", "mardi", "mercredi", "jeudi", "vendredi",
                                                        "samedi"]
    assert (jour.label, jour.value) == ("(choisir)", "")  # no category chosen for the learner
    assert [valeur for _, valeur in saisie.champs["bruit"].options] == ["", "faible", "moyen", "fort"]
    nombre = saisie.champs["nb_personnes_attente"]
    assert (nombre.min, nombre.max, nombre.value) == (0, 60, 0)
    assert saisie.champs["creneau"].placeholder == "HH:MM"
    assert isinstance(bouton, widgets.Button) and bouton.description == BOUTON == "Enregistrer ce relevé"
    assert isinstance(message, widgets.HTML) and message.value == ""


def test_saving_rows_appends_them_to_the_csv_and_counts_them(saisie, dossier):
    releve(saisie, remarque="File d'attente jusqu'à la porte, personne pour orienter")
    saisie.bouton.click()
    assert (dossier / "mes_donnees.csv").read_text(encoding="utf-8") == (
        f"{ENTETE}\nmardi,09:15,12,25,fort,\"File d'attente jusqu'à la porte, personne pour orienter\"\n")
    assert saisie.message.value == "<p>1 relevé enregistré dans mes_donnees.csv.</p>"
    assert saisie.champs["remarque"].value == ""  # free text cleared…
    assert (saisie.champs["jour"].value, saisie.champs["creneau"].value) == ("mardi", "9:15")  # …the rest kept

    remplir(saisie, creneau="09:30", nb_personnes_attente=60, attente_estimee_min=40, bruit="moyen")
    saisie.bouton.click()
    remplir(saisie, jour="samedi", creneau="11:45", nb_personnes_attente=0, attente_estimee_min=0, bruit="faible",
            remarque="Mme K. attend debout")
    saisie.bouton.click()
    assert (dossier / "mes_donnees.csv").read_text(encoding="utf-8") == (
        f"{ENTETE}\n"
        "mardi,09:15,12,25,fort,\"File d'attente jusqu'à la porte, personne pour orienter\"\n"
        "mardi,09:30,60,40,moyen,\n"
        "samedi,11:45,0,0,faible,Mme K. attend debout\n")
    assert saisie.message.value == "<p>3 relevés enregistrés dans mes_donnees.csv.</p>"
    assert valider_terrain("mes_donnees.csv", "dictionnaire_variables.yaml") == []
    assert charger_terrain()["nb_personnes_attente"].tolist() == [12, 60, 0]


def test_a_remark_with_a_phone_number_is_refused_and_nothing_is_written(saisie, dossier):
    releve(saisie, remarque="La dame a laissé son numéro : 06 12 34 56 78")
    saisie.bouton.click()
    assert not (dossier / "mes_donnees.csv").exists()
    assert saisie.message.value == (
        "<p><b>Relevé non enregistré.</b> À corriger :</p>"
        "<ul><li>Remarque (colonne remarque) : donnée personnelle à retirer (téléphone)</li></ul>")
    assert saisie.champs["remarque"].value == "La dame a laissé son numéro : 06 12 34 56 78"  # to be corrected

    saisie.champs["remarque"].value = "La dame a laissé son numéro"
    assert saisie.enregistrer() is True
    releve(saisie, remarque="06 12 34 56 78")
    assert saisie.enregistrer() is False
    assert (dossier / "mes_donnees.csv").read_text(encoding="utf-8") == (
        f"{ENTETE}\nmardi,09:15,12,25,fort,La dame a laissé son numéro\n")
    assert "1 relevé" not in saisie.message.value


def test_missing_and_malformed_values_are_refused(saisie, dossier):
    remplir(saisie, creneau="8h30")
    saisie.bouton.click()
    assert saisie.message.value == (
        "<p><b>Relevé non enregistré.</b> À corriger :</p><ul>"
        "<li>Jour de l'observation (colonne jour) : valeur obligatoire manquante</li>"
        "<li>Début du quart d'heure (colonne creneau) : « 8h30 » n'est pas un créneau au format HH:MM "
        "(par exemple 08:30)</li>"
        "<li>Niveau de bruit (colonne bruit) : valeur obligatoire manquante</li></ul>")
    assert not (dossier / "mes_donnees.csv").exists()


def test_appends_to_an_existing_file_and_refuses_one_with_other_columns(dossier):
    (dossier / "mes_donnees.csv").write_text(f"{ENTETE}\nlundi,08:30,10,38,moyen,", encoding="utf-8")  # no final \n
    saisie = SaisieTerrain(lire_dictionnaire(), "mes_donnees.csv")
    assert saisie.message.value == "<p>1 relevé enregistré dans mes_donnees.csv.</p>"
    releve(saisie)
    saisie.bouton.click()
    assert (dossier / "mes_donnees.csv").read_text(encoding="utf-8") == (
        f"{ENTETE}\nlundi,08:30,10,38,moyen,\nmardi,09:15,12,25,fort,\n")
    assert saisie.message.value == "<p>2 relevés enregistrés dans mes_donnees.csv.</p>"

    (dossier / "autre.csv").write_text("jour,heure\nlundi,8\n", encoding="utf-8")
    autre = SaisieTerrain(lire_dictionnaire(), "autre.csv")
    releve(autre)
    autre.bouton.click()
    assert (dossier / "autre.csv").read_text(encoding="utf-8") == "jour,heure\nlundi,8\n"
    assert autre.message.value == (
        "<p><b>Relevé non enregistré.</b> À corriger :</p><ul><li>autre.csv : sa première ligne ne donne pas les "
        "colonnes du dictionnaire des variables (jour, creneau, nb_personnes_attente, attente_estimee_min, bruit, "
        "remarque). Choisissez un autre fichier ou corrigez-la.</li></ul>")


def test_optional_numbers_can_be_left_empty(tmp_path):
    dico = valider_dictionnaire({"colonnes": [
        {"nom": "age", "libelle": "Âge", "type": "entier", "min": 16, "obligatoire": False},
        {"nom": "duree", "libelle": "Durée (heures)", "type": "decimal", "max": 10},
    ]})
    saisie = SaisieTerrain(dico, tmp_path / "enquete.csv")
    age, duree = saisie.champs["age"], saisie.champs["duree"]
    assert isinstance(age, widgets.BoundedIntText) and (age.min, age.value) == (16, 16)
    assert isinstance(duree, widgets.BoundedFloatText) and duree.max == 10.0
    case = saisie.non_renseigne["age"]
    assert case.description == "non renseigné" and "duree" not in saisie.non_renseigne
    assert saisie.widget.children[0].children[0].children == (age, case)
    age.value, duree.value = 34, 1.5
    assert saisie.enregistrer()
    case.value = True
    assert saisie.enregistrer()
    assert (tmp_path / "enquete.csv").read_text(encoding="utf-8") == "age,duree\n34,1.5\n,1.5\n"
    assert saisie.message.value == "<p>2 relevés enregistrés dans enquete.csv.</p>"


def test_saisir_terrain_reads_the_codebook_beside_the_notebook(dossier):
    widget = saisir_terrain()
    assert isinstance(widget, widgets.VBox)
    assert widget.children[-2].description == "Enregistrer ce relevé"
    assert saisir_terrain("dictionnaire_variables.yaml", "releves.csv").children[-1].value == ""


def test_the_first_save_creates_the_terrain_folder(dossier):
    saisie = SaisieTerrain(lire_dictionnaire(), "terrain/mes_donnees.csv")
    releve(saisie)
    saisie.bouton.click()
    assert (dossier / "terrain" / "mes_donnees.csv").read_text(encoding="utf-8") == f"{ENTETE}\nmardi,09:15,12,25,fort,\n"
