"""The répertoire's entry form, driven through its Python API (set values, click)."""
from __future__ import annotations

from pathlib import Path

import ipywidgets as widgets
import pytest

from course.learner.repertoire import verifier_repertoire
from course.learner.widgets.fiche_structure import BOUTON, FicheStructure, fiche_structure

ENTETE = ("structure,type,champ,publics,conditions_acces,modalite,commune,jours_horaires,relation_a_ma_structure,"
          "contact_fonction,source,verifie_le")
LIGNE_ML = ("\"Mission locale de l'Aurelle, antenne de Lestrac-sur-Lisère\",Mission locale,emploi,jeunes de 16 à 25 "
            "ans révolus,libre,permanence,Lestrac-sur-Lisère,\"mardi et jeudi, 9 h-12 h\",partenaire opérationnel,"
            "responsable d'antenne,site internet de la structure,2026-02")
MISSION_LOCALE = {
    "structure": "Mission locale de l'Aurelle, antenne de Lestrac-sur-Lisère", "type": "Mission locale",
    "champ": "emploi", "publics": "jeunes de 16 à 25 ans révolus", "conditions_acces": "libre",
    "modalite": "permanence", "commune": "Lestrac-sur-Lisère", "jours_horaires": "mardi et jeudi, 9 h-12 h",
    "relation_a_ma_structure": "partenaire opérationnel", "contact_fonction": "responsable d'antenne",
    "source": "site internet de la structure", "verifie_le": "2026-02",
}
CAP_EMPLOI = dict(MISSION_LOCALE, structure="Cap emploi de l'Aurelle", type="Cap emploi", modalite="sur RDV",
                  commune="Corvalès", conditions_acces="sur orientation", relation_a_ma_structure="prescripteur",
                  publics="personnes bénéficiaires de l'obligation d'emploi", contact_fonction="accueil")


@pytest.fixture
def dossier(tmp_path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def fiche(dossier) -> FicheStructure:
    return FicheStructure(aujourd_hui="2026-03")


def remplir(fiche: FicheStructure, valeurs: dict) -> None:
    for nom, valeur in valeurs.items():
        fiche.champs[nom].value = valeur


def test_one_labelled_field_per_column_in_the_repertoire_order(fiche):
    titre, consigne, *blocs, bouton, message = fiche.widget.children
    assert titre.value == "<h4>Ajouter une structure au répertoire</h4>"
    assert consigne.value == ("<p>Une fiche par structure et par commune. Le contact est une fonction, jamais le nom "
                              "d'une personne ; aucun numéro de téléphone ni courriel (règle d'anonymisation du "
                              "cours).</p>")
    champs = [bloc.children[0] for bloc in blocs]
    assert champs == list(fiche.champs.values())  # the DOM order, hence the Tab order, is the répertoire's
    assert list(fiche.champs) == ENTETE.split(",")
    assert [type(c).__name__ for c in champs] == ["Text", "Text", "Dropdown", "Text", "Dropdown", "Dropdown", "Text",
                                                  "Text", "Dropdown", "Text", "Text", "Text"]
    assert [c.description for c in champs] == [
        "Structure", "Type de structure", "Champ", "Publics", "Conditions d'accès", "Modalité d'accueil", "Commune",
        "Jours et horaires", "Relation à ma structure", "Contact (fonction)", "Source", "Vérifié le"]
    assert all(c.style.description_width == "initial" for c in champs)
    aides = [bloc.children[1].value for bloc in blocs]
    assert aides[0] == ("<small>Le nom de la structure et, s'il y en a plusieurs, du lieu (« Mission locale de …, "
                        "antenne de … »). Le nom d'un organisme est permis.</small>")
    assert aides[9] == ("<small>Une fonction (« accueil », « secrétariat », « conseillère en insertion »), jamais le "
                        "nom d'une personne.</small>")
    assert aides[11] == ("<small>Le mois de la dernière vérification, par exemple 2026-03 ; à refaire au moins tous "
                         "les 12 mois.</small>")
    assert not any("Texte libre" in aide for aide in aides)
    assert [libelle for libelle, _ in fiche.champs["modalite"].options] == ["(choisir)", "sans RDV", "sur RDV",
                                                                             "permanence"]
    assert fiche.champs["champ"].value == ""  # nothing chosen for the learner
    assert (fiche.champs["verifie_le"].placeholder, fiche.champs["type"].placeholder) == ("AAAA-MM",
                                                                                         "par exemple : Mission locale")
    assert isinstance(bouton, widgets.Button) and bouton.description == BOUTON == "Ajouter la structure"
    assert isinstance(message, widgets.HTML) and message.value == ""


def test_adding_structures_appends_them_and_counts_them(fiche, dossier):
    remplir(fiche, MISSION_LOCALE)
    fiche.bouton.click()
    chemin = dossier / "mon_repertoire.csv"
    assert chemin.read_text(encoding="utf-8") == f"{ENTETE}\n{LIGNE_ML}\n"
    assert fiche.message.value == "<p>1 structure dans mon_repertoire.csv.</p>"
    assert (fiche.champs["structure"].value, fiche.champs["champ"].value) == ("", "emploi")  # texts cleared, lists kept

    remplir(fiche, CAP_EMPLOI)
    fiche.bouton.click()
    assert chemin.read_text(encoding="utf-8").splitlines()[2] == (
        "Cap emploi de l'Aurelle,Cap emploi,emploi,personnes bénéficiaires de l'obligation d'emploi,sur orientation,"
        "sur RDV,Corvalès,\"mardi et jeudi, 9 h-12 h\",prescripteur,accueil,site internet de la structure,2026-02")
    assert fiche.message.value == "<p>2 structures dans mon_repertoire.csv.</p>"
    assert verifier_repertoire(chemin, aujourd_hui="2026-03") == []  # what the form writes, the check accepts


def test_nothing_is_written_when_a_field_is_missing(fiche, dossier):
    remplir(fiche, dict(MISSION_LOCALE, publics="  ", champ=""))
    assert fiche.enregistrer() is False
    assert fiche.message.value == (
        "<p><b>Structure non ajoutée.</b> À corriger :</p><ul>"
        "<li>Champ (colonne champ) : valeur obligatoire manquante</li>"
        "<li>Publics (colonne publics) : valeur obligatoire manquante</li></ul>")
    assert not (dossier / "mon_repertoire.csv").exists()


def test_a_named_contact_a_number_or_an_old_verification_is_refused(fiche, dossier):
    remplir(fiche, dict(MISSION_LOCALE, contact_fonction="Mme Durand", source="appel au 04 71 22 33 44",
                        verifie_le="2024-11"))
    fiche.bouton.click()
    assert fiche.message.value == (
        "<p><b>Structure non ajoutée.</b> À corriger :</p><ul>"
        "<li>Contact (fonction) (colonne contact_fonction) : une personne est nommée (« Mme Durand ») : indiquez une "
        "fonction (« accueil », « conseillère en insertion »…), jamais le nom d'une personne</li>"
        "<li>Source (colonne source) : numéro de téléphone « 04 71 22 33 44 » à retirer : écrivez plutôt "
        "« coordonnées publiques vérifiées le MM/AAAA »</li>"
        "<li>Vérifié le (colonne verifie_le) : dernière vérification en 2024-11, il y a 16 mois : vérifiez de nouveau "
        "cette structure (au moins tous les 12 mois)</li></ul>")
    assert not (dossier / "mon_repertoire.csv").exists()


def test_a_structure_already_in_the_file_for_that_commune_is_refused(fiche, dossier):
    chemin = dossier / "mon_repertoire.csv"
    chemin.write_text(f"{ENTETE}\n{LIGNE_ML}\n", encoding="utf-8")
    remplir(fiche, dict(MISSION_LOCALE, structure="MISSION LOCALE DE L'AURELLE, antenne de Lestrac-sur-Lisère"))
    fiche.bouton.click()
    assert fiche.message.value == (
        "<p><b>Structure non ajoutée.</b> À corriger :</p><ul><li>Structure (colonne structure) : « MISSION LOCALE DE "
        "L'AURELLE, antenne de Lestrac-sur-Lisère » à Lestrac-sur-Lisère figure déjà ligne 2 de mon_repertoire.csv : "
        "une seule ligne par structure et par commune</li></ul>")
    assert chemin.read_text(encoding="utf-8") == f"{ENTETE}\n{LIGNE_ML}\n"
    remplir(fiche, dict(MISSION_LOCALE, commune="Brugalès"))  # the same Mission locale elsewhere: a permanence
    fiche.bouton.click()
    assert fiche.message.value == "<p>2 structures dans mon_repertoire.csv.</p>"


def test_an_existing_repertoire_is_counted_when_the_form_opens(dossier):
    (dossier / "mon_repertoire.csv").write_text(f"{ENTETE}\n{LIGNE_ML}\n\n", encoding="utf-8")
    assert FicheStructure().message.value == "<p>1 structure dans mon_repertoire.csv.</p>"


def test_a_file_with_other_columns_is_not_touched(fiche, dossier):
    chemin = dossier / "mon_repertoire.csv"
    chemin.write_text("structure,commune\nCCAS de Corvalès,Corvalès\n", encoding="utf-8")
    remplir(fiche, MISSION_LOCALE)
    assert fiche.enregistrer() is False
    assert fiche.message.value == (
        "<p><b>Structure non ajoutée.</b> À corriger :</p><ul><li>mon_repertoire.csv : sa première ligne ne donne pas "
        f"les colonnes du dictionnaire des variables ({ENTETE.replace(',', ', ')}). Choisissez un autre fichier ou "
        "corrigez-la.</li></ul>")
    assert chemin.read_text(encoding="utf-8") == "structure,commune\nCCAS de Corvalès,Corvalès\n"


def test_the_file_may_live_in_a_folder_created_on_first_use(dossier):
    fiche = FicheStructure("terrain/repertoire.csv", aujourd_hui="2026-03")
    remplir(fiche, MISSION_LOCALE)
    fiche.bouton.click()
    assert (dossier / "terrain" / "repertoire.csv").read_text(encoding="utf-8") == f"{ENTETE}\n{LIGNE_ML}\n"
    assert fiche.message.value == "<p>1 structure dans repertoire.csv.</p>"


def test_fiche_structure_returns_the_widget(dossier):
    vue = fiche_structure()
    assert isinstance(vue, widgets.VBox)
    assert vue.children[-2].description == "Ajouter la structure"
