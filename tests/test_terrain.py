"""The « piste terrain »: codebook, validation of the learner's CSV, loading of either track, track declaration."""
from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pandas as pd
import pytest

from course import CourseError, data
from course.learner import terrain
from course.learner.terrain import (Colonne, charger_piste, charger_terrain, lire_dictionnaire, lire_piste, modele_csv,
                                    nom_interdit, valider_dictionnaire, valider_terrain)

GRILLE = """\
titre: Grille d'observation de la salle d'attente
colonnes:
  - nom: jour
    libelle: Jour de l'observation
    type: categorie
    valeurs: [lundi, mardi, mercredi, jeudi, vendredi, samedi]
  - nom: creneau
    libelle: Début du quart d'heure
    type: creneau
  - nom: nb_personnes_attente
    libelle: Personnes qui attendent
    type: entier
    min: 0
    max: 60
  - nom: attente_estimee_min
    libelle: Attente estimée (minutes)
    type: entier
  - nom: bruit
    libelle: Niveau de bruit
    type: categorie
    valeurs: [faible, moyen, fort]
  - nom: remarque
    libelle: Remarque
    type: texte
    obligatoire: false
    description: Ce que les chiffres ne montrent pas, sans rien qui permette de reconnaître quelqu'un.
"""
ENTETE = "jour,creneau,nb_personnes_attente,attente_estimee_min,bruit,remarque"
VALIDE = f"""\
{ENTETE}
lundi,08:30,10,38,moyen,
Mardi,9:00,0,5,faible,"Une file devant la borne, personne pour aider"

samedi,11:45:00,60,12,fort,Mme K. attend debout
"""


@pytest.fixture
def dossier(tmp_path, monkeypatch) -> Path:
    """The notebook's folder: the assignment's codebook released beside it."""
    (tmp_path / "dictionnaire_variables.yaml").write_text(GRILLE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def ecrire(dossier: Path, texte: str, nom: str = "mes_donnees.csv") -> Path:
    chemin = dossier / nom
    chemin.write_text(texte, encoding="utf-8")
    return chemin


# ---------------------------------------------------------------------------------------------
# The codebook
# ---------------------------------------------------------------------------------------------
def test_reads_the_codebook_beside_the_notebook(dossier):
    dico = lire_dictionnaire()
    assert dico.fichier == "dictionnaire_variables.yaml"
    assert dico.titre == "Grille d'observation de la salle d'attente"
    assert dico.noms == ["jour", "creneau", "nb_personnes_attente", "attente_estimee_min", "bruit", "remarque"]
    assert dico.colonne("bruit") == Colonne("bruit", "Niveau de bruit", "categorie", True, ("faible", "moyen", "fort"))
    assert dico.colonne("nb_personnes_attente") == Colonne("nb_personnes_attente", "Personnes qui attendent",
                                                           "entier", True, (), 0, 60)
    remarque = dico.colonne("remarque")
    assert (remarque.type, remarque.obligatoire) == ("texte", False)
    assert remarque.description == ("Ce que les chiffres ne montrent pas, sans rien qui permette de reconnaître "
                                    "quelqu'un.")
    assert lire_dictionnaire(dossier / "dictionnaire_variables.yaml") == dico
    assert lire_dictionnaire(dossier=dossier) == dico


def test_a_missing_codebook_says_where_it_was_expected(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(CourseError, match="« dictionnaire_variables.yaml » n'est pas à côté du notebook"):
        lire_dictionnaire()


def colonnes(*extra: dict) -> dict:
    return {"colonnes": [{"nom": "jour", "libelle": "Jour", "type": "categorie", "valeurs": ["lundi"]}, *extra]}


@pytest.mark.parametrize("contenu, message", [
    ({"colonnes": []}, "la clé « colonnes » doit être une liste de colonnes (« - nom: … » suivi de « libelle: », "
                       "« type: »)."),
    ({"colonne": []}, "clé inconnue « colonne » (clés possibles : titre, consigne, colonnes)."),
    (colonnes({"libelle": "Sans nom", "type": "texte"}), "la colonne n° 2 doit avoir un « nom »."),
    (colonnes({"nom": "Nb personnes", "libelle": "x", "type": "entier"}),
     "colonne « Nb personnes » : le nom doit être écrit en minuscules sans accents ni espaces (lettres, chiffres "
     "et _, par exemple « nb_personnes_attente »)."),
    (colonnes({"nom": "jour", "libelle": "Jour", "type": "texte"}), "colonne « jour » : cette colonne apparaît deux fois."),
    (colonnes({"nom": "date_naissance", "libelle": "Né le", "type": "texte"}),
     "colonne « date_naissance » : ce nom de colonne est interdit : il identifierait directement une personne "
     "(nom, prénom, adresse, téléphone, courriel, NIR, date de naissance)."),
    (colonnes({"nom": "age", "libelle": "Âge", "type": "entier", "maximum": 99}),
     "colonne « age » : clé inconnue « maximum » (clés possibles : nom, libelle, type, valeurs, min, max, "
     "obligatoire, description)."),
    (colonnes({"nom": "age", "type": "entier"}),
     "colonne « age » : la clé « libelle » doit contenir le libellé affiché (en français)."),
    (colonnes({"nom": "age", "libelle": "Âge", "type": "nombre"}),
     "colonne « age » : le type « nombre » est inconnu (types possibles : categorie, entier, decimal, creneau, texte)."),
    (colonnes({"nom": "bruit", "libelle": "Bruit", "type": "categorie"}),
     "colonne « bruit » : le type « categorie » demande une liste « valeurs » non vide."),
    (colonnes({"nom": "aide", "libelle": "Aide", "type": "categorie", "valeurs": [True, False]}),
     "colonne « aide » : chaque valeur doit être un texte (mettez-la entre guillemets : \"1\", \"oui\")."),
    (colonnes({"nom": "bruit", "libelle": "Bruit", "type": "categorie", "valeurs": ["fort", "fort"]}),
     "colonne « bruit » : une valeur apparaît deux fois dans « valeurs »."),
    (colonnes({"nom": "note", "libelle": "Note", "type": "texte", "valeurs": ["a"]}),
     "colonne « note » : la clé « valeurs » ne sert qu'au type « categorie »."),
    (colonnes({"nom": "note", "libelle": "Note", "type": "texte", "max": 3}),
     "colonne « note » : la clé « max » ne sert qu'aux types « entier » et « decimal »."),
    (colonnes({"nom": "age", "libelle": "Âge", "type": "entier", "min": 1.5}),
     "colonne « age » : la clé « min » doit être un nombre entier."),
    (colonnes({"nom": "age", "libelle": "Âge", "type": "entier", "min": 10, "max": 5}),
     "colonne « age » : « min » est plus grand que « max »."),
    (colonnes({"nom": "age", "libelle": "Âge", "type": "entier", "obligatoire": "non"}),
     "colonne « age » : la clé « obligatoire » vaut true ou false."),
])
def test_codebook_errors_name_the_file_and_the_column(contenu, message):
    with pytest.raises(CourseError) as erreur:
        valider_dictionnaire(contenu, "assignments/m14/dictionnaire_variables.yaml")
    assert str(erreur.value) == f"Le fichier « dictionnaire_variables.yaml » est mal rempli : {message}"


def test_codebook_accepts_accented_type_names_and_decimal_bounds():
    dico = valider_dictionnaire(colonnes({"nom": "duree", "libelle": "Durée", "type": "décimal", "min": 0, "max": 2.5}))
    assert dico.colonne("duree") == Colonne("duree", "Durée", "decimal", True, (), 0.0, 2.5)
    assert dico.colonne("duree").bornes() == "de 0 à 2.5"


@pytest.mark.parametrize("nom", ["nom", "prenom", "Prénom", "nom_usage", "adresse", "telephone", "tel_portable",
                                 "courriel", "e_mail", "email", "adresse_mail", "nir", "num_secu", "numero_securite_sociale",
                                 "date_naissance", "nomprenom", "datedenaissance", "lieu_naissance"])
def test_forbidden_column_names(nom):
    assert nom_interdit(nom)


@pytest.mark.parametrize("nom", ["nombre", "nb_personnes_attente", "remarque", "bruit", "securite_locaux",
                                 "orientee_par", "jour", "creneau", "connaissance_siao",
                                 "reconnaissance_handicap", "maillage_partenaires"])
def test_allowed_column_names(nom):
    assert not nom_interdit(nom)


# ---------------------------------------------------------------------------------------------
# The learner's file
# ---------------------------------------------------------------------------------------------
def test_a_valid_file_loads_with_the_codebook_dtypes(dossier):
    ecrire(dossier, VALIDE)
    assert valider_terrain("mes_donnees.csv", "dictionnaire_variables.yaml") == []
    tableau = charger_terrain()  # mes_donnees.csv and dictionnaire_variables.yaml beside the notebook
    assert list(tableau.columns) == lire_dictionnaire().noms
    assert tableau.dtypes.astype(str).to_dict() == {
        "jour": "category", "creneau": "str", "nb_personnes_attente": "int64", "attente_estimee_min": "int64",
        "bruit": "category", "remarque": "str"}
    assert list(tableau["jour"].cat.categories) == ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"]
    assert list(tableau["bruit"].cat.categories) == ["faible", "moyen", "fort"]
    assert tableau["jour"].tolist() == ["lundi", "mardi", "samedi"]  # « Mardi » written as the codebook spells it
    assert tableau["creneau"].tolist() == ["08:30", "09:00", "11:45"]  # as a spreadsheet exports times
    assert tableau["nb_personnes_attente"].tolist() == [10, 0, 60]
    assert tableau["attente_estimee_min"].tolist() == [38, 5, 12]
    assert tableau["bruit"].tolist() == ["moyen", "faible", "fort"]
    assert tableau["remarque"].isna().tolist() == [True, False, False]
    assert tableau["remarque"].tolist()[1:] == ["Une file devant la borne, personne pour aider", "Mme K. attend debout"]


def test_a_spreadsheet_export_with_bom_crlf_and_columns_in_another_order_loads(dossier):
    texte = "\ufeffbruit,jour,creneau,nb_personnes_attente,attente_estimee_min,remarque\r\nfort,jeudi,14:00,3,7,\r\n"
    ecrire(dossier, texte)
    tableau = charger_terrain("mes_donnees.csv", lire_dictionnaire())
    assert list(tableau.columns)[0] == "jour"
    assert tableau.iloc[0].tolist()[:5] == ["jeudi", "14:00", 3, 7, "fort"]


def test_header_only_loads_an_empty_table_with_the_dtypes(dossier):
    ecrire(dossier, ENTETE + "\n")
    tableau = charger_terrain()
    assert len(tableau) == 0
    assert tableau.dtypes.astype(str).tolist() == ["category", "str", "int64", "int64", "category", "str"]


def test_optional_numbers_are_nullable_and_decimals_accept_a_comma(tmp_path):
    dico = valider_dictionnaire({"colonnes": [
        {"nom": "age", "libelle": "Âge", "type": "entier", "obligatoire": False},
        {"nom": "duree", "libelle": "Durée (heures)", "type": "decimal", "min": 0, "max": 10},
    ]})
    chemin = ecrire(tmp_path, 'age,duree\n34,"1,5"\n,2\n')
    tableau = charger_terrain(chemin, dico)
    assert tableau.dtypes.astype(str).tolist() == ["Int64", "float64"]
    assert tableau["age"].isna().tolist() == [False, True] and tableau["age"].iloc[0] == 34
    assert tableau["duree"].tolist() == [1.5, 2.0]
    assert valider_terrain(ecrire(tmp_path, "age,duree\n1.5,12\n,douze\n"), dico) == [
        "mes_donnees.csv, ligne 2, colonne age : « 1.5 » n'est pas un nombre entier",
        "mes_donnees.csv, ligne 2, colonne duree : 12 est en dehors des valeurs possibles (de 0 à 10)",
        "mes_donnees.csv, ligne 3, colonne duree : « douze » n'est pas un nombre (écrivez par exemple 12.5)",
    ]


LIGNE = "lundi,08:30,10,38,moyen,"


@pytest.mark.parametrize("ligne, message", [
    (",08:30,10,38,moyen,", "ligne 2, colonne jour : valeur obligatoire manquante"),
    ("lundi,08:30,,38,moyen,", "ligne 2, colonne nb_personnes_attente : valeur obligatoire manquante"),
    ("dimanche,08:30,10,38,moyen,", "ligne 2, colonne jour : « dimanche » n'est pas une valeur prévue (valeurs "
                                    "possibles : lundi, mardi, mercredi, jeudi, vendredi, samedi)"),
    ("lundi,08:30,10,38,très fort,", "ligne 2, colonne bruit : « très fort » n'est pas une valeur prévue (valeurs "
                                     "possibles : faible, moyen, fort)"),
    ("lundi,08:30,61,38,moyen,", "ligne 2, colonne nb_personnes_attente : 61 est en dehors des valeurs possibles "
                                 "(de 0 à 60)"),
    ("lundi,08:30,-1,38,moyen,", "ligne 2, colonne nb_personnes_attente : -1 est en dehors des valeurs possibles "
                                 "(de 0 à 60)"),
    ("lundi,08:30,dix,38,moyen,", "ligne 2, colonne nb_personnes_attente : « dix » n'est pas un nombre entier"),
    ("lundi,08:30,10,12.5,moyen,", "ligne 2, colonne attente_estimee_min : « 12.5 » n'est pas un nombre entier"),
    ("lundi,8h30,10,38,moyen,", "ligne 2, colonne creneau : « 8h30 » n'est pas un créneau au format HH:MM "
                                "(par exemple 08:30)"),
    ("lundi,24:00,10,38,moyen,", "ligne 2, colonne creneau : « 24:00 » n'est pas un créneau au format HH:MM "
                                 "(par exemple 08:30)"),
    ("lundi,08:30,10,38,moyen,rappeler le 06 12 34 56 78",
     "ligne 2, colonne remarque : donnée personnelle à retirer (téléphone)"),
    ('lundi,08:30,10,38,moyen,"Mme Dupont, 12 rue des Lilas"',
     "ligne 2, colonne remarque : donnée personnelle à retirer (nom complet, adresse)"),
    ("lundi,08:30,10,38,moyen,écrire à k.dupont@exemple.fr",
     "ligne 2, colonne remarque : donnée personnelle à retirer (courriel)"),
    ("lundi,08:30,10,38,moyen,du texte,en trop", "ligne 2 : 7 valeurs pour 6 colonnes (une virgule dans un texte ? "
                                                 "mettez ce texte entre guillemets)"),
])
def test_each_cell_problem_has_its_exact_message(dossier, ligne, message):
    ecrire(dossier, f"{ENTETE}\n{ligne}\n")
    assert valider_terrain("mes_donnees.csv", "dictionnaire_variables.yaml") == [f"mes_donnees.csv, {message}"]


def test_the_line_is_the_spreadsheet_line_and_blank_lines_count(dossier):
    ecrire(dossier, f"{ENTETE}\n{LIGNE}\n\n,,,,,\n{LIGNE}rappeler le 06 12 34 56 78\n")
    assert valider_terrain("mes_donnees.csv", "dictionnaire_variables.yaml") == [
        "mes_donnees.csv, ligne 5, colonne remarque : donnée personnelle à retirer (téléphone)"]


@pytest.mark.parametrize("entete, messages", [
    ("jour,creneau,nb_personnes_attente,attente_estimee_min,remarque",
     ["ligne 1, colonne bruit : colonne manquante"]),
    (ENTETE + ",meteo",
     ["ligne 1, colonne meteo : colonne inconnue du dictionnaire des variables (colonnes prévues : jour, creneau, "
      "nb_personnes_attente, attente_estimee_min, bruit, remarque)"]),
    (ENTETE + ",nom",
     ["ligne 1, colonne nom : colonne interdite, elle identifierait directement une personne (supprimez-la du fichier)"]),
    (ENTETE + ",Téléphone",
     ["ligne 1, colonne Téléphone : colonne interdite, elle identifierait directement une personne (supprimez-la du "
      "fichier)"]),
    (ENTETE + ",bruit", ["ligne 1, colonne bruit : colonne en double"]),
    (ENTETE + ",", ["ligne 1, colonne n° 7 : colonne sans nom"]),
])
def test_column_problems_are_on_line_1(dossier, entete, messages):
    n = entete.count(",") + 1
    ecrire(dossier, f"{entete}\n" + ",".join(["lundi", "08:30", "10", "38", "moyen", "", "x", "y"][:n]) + "\n")
    probleme = valider_terrain("mes_donnees.csv", "dictionnaire_variables.yaml")
    assert probleme == [f"mes_donnees.csv, {m}" for m in messages]


def test_file_level_problems(dossier):
    dico = lire_dictionnaire()
    assert valider_terrain("absent.csv", dico) == [f"absent.csv : fichier introuvable ({Path('absent.csv')})"]
    ecrire(dossier, "")
    assert valider_terrain("mes_donnees.csv", dico) == [
        "mes_donnees.csv, ligne 1 : la première ligne doit donner les noms des colonnes (le fichier est vide ou "
        "commence par une ligne vide)"]
    ecrire(dossier, ENTETE.replace(",", ";") + "\nlundi;08:30;10;38;moyen;\n")
    assert valider_terrain("mes_donnees.csv", dico) == [
        "mes_donnees.csv, ligne 1 : les colonnes sont séparées par des points-virgules, le cours utilise la virgule "
        "(dans le tableur, enregistrez au format « CSV UTF-8 (délimité par des virgules) »)"]
    (dossier / "mes_donnees.csv").write_bytes(f"{ENTETE}\nlundi,08:30,10,38,moyen,attente très longue\n".encode("cp1252"))
    assert valider_terrain("mes_donnees.csv", dico) == [
        "mes_donnees.csv : le fichier n'est pas enregistré en UTF-8 (dans le tableur, choisissez « Enregistrer "
        "sous… » puis le type « CSV UTF-8 »)"]


def test_a_dataframe_is_checked_too(dossier):
    tableau = pd.DataFrame({"jour": ["lundi", "lundi"], "creneau": ["08:30", "08:45"],
                            "nb_personnes_attente": [10.0, float("nan")], "attente_estimee_min": [38, 40],
                            "bruit": ["moyen", "fort"], "remarque": [None, "Karima Benali revient demain"]})
    assert valider_terrain(tableau, "dictionnaire_variables.yaml") == [
        "tableau, ligne 3, colonne nb_personnes_attente : valeur obligatoire manquante",
        "tableau, ligne 3, colonne remarque : donnée personnelle à retirer (nom complet)"]
    assert valider_terrain(tableau.iloc[:1], "dictionnaire_variables.yaml", fichier="relevés") == []


def test_a_finding_only_to_check_does_not_block(dossier, monkeypatch):
    """The detector may mark a finding « à vérifier » (an employer, a small town): the learner decides."""
    def detecteur(texte):
        trouvees = []
        if "Martin" in texte:
            trouvees.append(SimpleNamespace(categorie="employeur", extrait="Martin", position=0, niveau="à vérifier"))
        if "Zora" in texte:
            trouvees.append(SimpleNamespace(categorie="nom complet", extrait="Zora", position=0, niveau="à retirer"))
        return trouvees

    monkeypatch.setattr(terrain, "detecter_donnees_personnelles", detecteur)
    ecrire(dossier, f"{ENTETE}\n{LIGNE}vient de chez Logistique Martin\n{LIGNE}Zora de chez Martin\n")
    assert valider_terrain("mes_donnees.csv", "dictionnaire_variables.yaml") == [
        "mes_donnees.csv, ligne 3, colonne remarque : donnée personnelle à retirer (nom complet)"]


def test_charger_terrain_lists_at_most_20_problems(dossier):
    ecrire(dossier, ENTETE + "\n" + "dimanche,08:30,10,38,moyen,\n" * 23)
    with pytest.raises(CourseError) as erreur:
        charger_terrain()
    lignes = str(erreur.value).splitlines()
    assert lignes[0] == "Le fichier « mes_donnees.csv » a 23 problèmes à corriger avant l'analyse :"
    assert lignes[1] == ("- mes_donnees.csv, ligne 2, colonne jour : « dimanche » n'est pas une valeur prévue "
                         "(valeurs possibles : lundi, mardi, mercredi, jeudi, vendredi, samedi)")
    assert lignes[20].startswith("- mes_donnees.csv, ligne 21, colonne jour :")
    assert lignes[21:] == ["- … et 3 autres"]
    assert len(lignes) == 22

    ecrire(dossier, f"{ENTETE}\n{LIGNE}\n,08:30,10,38,moyen,\n")
    with pytest.raises(CourseError) as erreur:
        charger_terrain()
    assert str(erreur.value) == ("Le fichier « mes_donnees.csv » a un problème à corriger avant l'analyse :\n"
                                 "- mes_donnees.csv, ligne 3, colonne jour : valeur obligatoire manquante")


# ---------------------------------------------------------------------------------------------
# The template
# ---------------------------------------------------------------------------------------------
def test_modele_csv_writes_the_header_and_never_replaces_data(dossier):
    chemin = modele_csv("dictionnaire_variables.yaml", "mes_donnees.csv")
    assert chemin == Path("mes_donnees.csv")
    assert (dossier / "mes_donnees.csv").read_bytes() == (ENTETE + "\n").encode("utf-8")
    assert modele_csv(lire_dictionnaire(), "mes_donnees.csv") == chemin  # header only: running it again is fine
    assert len(charger_terrain()) == 0

    ecrire(dossier, f"{ENTETE}\n{LIGNE}\n")
    with pytest.raises(CourseError) as erreur:
        modele_csv("dictionnaire_variables.yaml", "mes_donnees.csv")
    assert str(erreur.value) == ("Le fichier « mes_donnees.csv » contient déjà des données : il n'est pas remplacé. "
                                 "Pour repartir d'un modèle vide, choisissez un autre nom de fichier.")
    assert (dossier / "mes_donnees.csv").read_text(encoding="utf-8") == f"{ENTETE}\n{LIGNE}\n"


# ---------------------------------------------------------------------------------------------
# The two tracks
# ---------------------------------------------------------------------------------------------
def test_charger_piste_exercice_loads_the_course_dataset(dossier):
    attendu = data.load("observation_salle_attente")
    tableau = charger_piste("exercice", "observation_salle_attente", "absent.csv", "absent.yaml")
    assert len(tableau) == len(attendu) == 202
    pd.testing.assert_frame_equal(tableau, attendu)
    assert len(charger_piste(" Exercice ", "observation_salle_attente")) == 202


def test_charger_piste_terrain_loads_the_learners_file(dossier):
    ecrire(dossier, VALIDE, "releves.csv")
    tableau = charger_piste("terrain", "observation_salle_attente", "releves.csv", "dictionnaire_variables.yaml")
    pd.testing.assert_frame_equal(tableau, charger_terrain("releves.csv"))
    assert len(tableau) == 3
    with pytest.raises(CourseError) as erreur:
        charger_piste("terrain", "observation_salle_attente", "absent.csv")
    assert str(erreur.value) == (
        "Le fichier « absent.csv » est introuvable dans le dossier du notebook : créez-le avec modele_csv() ou "
        "saisir_terrain(), ou choisissez la piste « exercice ».")


@pytest.mark.parametrize("piste", ["cas", "", "exercices", None])
def test_charger_piste_names_the_two_tracks(piste):
    with pytest.raises(CourseError) as erreur:
        charger_piste(piste, "observation_salle_attente")
    assert str(erreur.value) == (f"Piste inconnue « {piste} » : écrivez « exercice » (le cas du cours) ou « terrain » "
                                 "(vos propres données anonymisées).")


@pytest.mark.parametrize("texte, piste", [
    ("Piste : exercice\n\nLa salle d'attente…", "exercice"),
    ("Piste : terrain", "terrain"),
    ("piste: TERRAIN.", "terrain"),
    ("\n\n   PISTE  :  Exercice .  \nsuite", "exercice"),
    ("Piste\u00a0: terrain", "terrain"),
    ("Pisté : exércice", "exercice"),
    ("**Piste : terrain**\nLa note…", "terrain"),
    ("### Piste : Exercice.", "exercice"),
    ("La salle d'attente…\nPiste : terrain", None),
    ("Piste : les deux", None),
    ("Piste : terrain (la salle d'attente de mon stage)", None),
    ("", None),
    (None, None),
])
def test_lire_piste(texte, piste):
    assert lire_piste(texte) == piste


def test_modele_csv_creates_the_terrain_folder(dossier):
    assert modele_csv("dictionnaire_variables.yaml", "terrain/reponses.csv") == Path("terrain/reponses.csv")
    assert (dossier / "terrain" / "reponses.csv").read_text(encoding="utf-8") == ENTETE + "\n"
