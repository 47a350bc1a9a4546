"""The répertoire & map toolkit: the schema, every check's exact message, the exports, the figures' text
alternatives, the map's layers, and the search and comparison behind the practice widget."""
from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
import yaml
from matplotlib.figure import Figure

from course import CourseError
from course.learner.repertoire import (CHAMPS, FORMES, MARQUEURS_CHAMPS, RELATIONS, Attendue, Couche,
                                       ajouter_positions, charger_territoire, colonnes_repertoire,
                                       comparer_orientations, couches_carte, decrire_carte, dictionnaire_repertoire,
                                       exporter_repertoire, filtrer_repertoire, fond_de_carte, lire_situations,
                                       modele_repertoire, position_schematique, problemes_fiche,
                                       repertoire_en_markdown, reseau, retour_orientations, valider_situations,
                                       verifier_repertoire)

NBSP = "\u00a0"
COLONNES = ["structure", "type", "champ", "publics", "conditions_acces", "modalite", "commune", "jours_horaires",
            "relation_a_ma_structure", "contact_fonction", "source", "verifie_le"]
ENTETE = ",".join(COLONNES)
COORDONNEES = "écrivez plutôt « coordonnées publiques vérifiées le MM/AAAA »"
PERSONNE = "indiquez une fonction (« accueil », « conseillère en insertion »…), jamais le nom d'une personne"
OK = {
    "structure": "CCAS de Corvalès", "type": "CCAS", "champ": "droits/budget", "publics": "habitants de Corvalès",
    "conditions_acces": "libre", "modalite": "sans RDV", "commune": "Corvalès",
    "jours_horaires": "du lundi au vendredi, 9 h-12 h", "relation_a_ma_structure": "partenaire opérationnel",
    "contact_fonction": "accueil", "source": "site internet de la structure", "verifie_le": "2026-01",
}
MISSION_LOCALE = dict(OK, structure="Mission locale de l'Aurelle, antenne de Lestrac-sur-Lisère", type="Mission locale",
                      champ="emploi", publics="jeunes de 16 à 25 ans révolus", modalite="permanence",
                      commune="Lestrac-sur-Lisère", jours_horaires="mardi et jeudi, 9 h-12 h",
                      contact_fonction="responsable d'antenne", verifie_le="2025-03")


def tableau(*lignes: dict) -> pd.DataFrame:
    return pd.DataFrame(list(lignes), columns=COLONNES)


# ---------------------------------------------------------------------------------------------
# Territory and schema
# ---------------------------------------------------------------------------------------------
def test_the_territory_loads_as_three_tables():
    communes, structures, liens = charger_territoire()
    assert (communes.shape, structures.shape, liens.shape) == ((57, 11), (80, 16), (52, 6))
    # the structures carry the répertoire's columns in its order, except the relation the learner adds
    assert [c for c in structures.columns if c in COLONNES] == [c for c in COLONNES if c != "relation_a_ma_structure"]


def test_the_schema_columns_and_closed_lists():
    assert colonnes_repertoire() == COLONNES
    dico = dictionnaire_repertoire()
    assert dico.noms == COLONNES
    fermees = {c.nom: list(c.valeurs) for c in dico.colonnes if c.type == "categorie"}
    assert fermees == {
        "champ": ["emploi", "formation", "logement/hébergement", "santé", "droits/budget", "mobilité",
                  "famille/enfance", "justice", "numérique"],
        "conditions_acces": ["libre", "sur orientation", "sur prescription"],
        "modalite": ["sans RDV", "sur RDV", "permanence"],
        "relation_a_ma_structure": ["partenaire opérationnel", "prescripteur", "financeur", "organisme de formation",
                                    "orienteur vers nous"],
    }
    assert all(c.obligatoire and c.description for c in dico.colonnes)
    assert list(CHAMPS) == fermees["champ"] and list(RELATIONS) == fermees["relation_a_ma_structure"]


def test_template_writes_the_header_and_never_replaces_data(tmp_path):
    chemin = modele_repertoire(tmp_path / "mon_repertoire.csv")
    assert chemin.read_text(encoding="utf-8") == ENTETE + "\n"
    chemin.write_text(ENTETE + "\nCCAS,CCAS\n", encoding="utf-8")
    with pytest.raises(CourseError, match="^Le fichier « mon_repertoire.csv » contient déjà des données"):
        modele_repertoire(chemin)


# ---------------------------------------------------------------------------------------------
# Checks: every message
# ---------------------------------------------------------------------------------------------
def test_a_complete_line_has_no_problem():
    assert problemes_fiche(OK, aujourd_hui="2026-03") == []
    assert verifier_repertoire(tableau(OK, MISSION_LOCALE), aujourd_hui=dt.date(2026, 3, 31)) == []


def test_empty_cells_and_values_outside_the_lists():
    ligne = dict(OK, publics="", champ="loisirs", modalite="Sur RDV", relation_a_ma_structure=None)
    assert verifier_repertoire(tableau(ligne), aujourd_hui="2026-03", fichier="mon_repertoire.csv") == [
        "mon_repertoire.csv, ligne 2, colonne champ : « loisirs » n'est pas une valeur prévue (valeurs possibles : "
        "emploi, formation, logement/hébergement, santé, droits/budget, mobilité, famille/enfance, justice, numérique)",
        "mon_repertoire.csv, ligne 2, colonne publics : valeur obligatoire manquante",
        "mon_repertoire.csv, ligne 2, colonne relation_a_ma_structure : valeur obligatoire manquante",
    ]  # « Sur RDV » is the list's « sur RDV » typed with a capital: accepted


def test_duplicates_on_structure_and_commune_whatever_the_case_and_spaces():
    lignes = [OK, MISSION_LOCALE, dict(OK, structure="  ccas de  CORVALÈS ", type="CCAS (2e saisie)"),
              dict(OK, commune="Lestrac-sur-Lisère")]  # same structure, another commune: a permanence, allowed
    assert verifier_repertoire(tableau(*lignes), aujourd_hui="2026-03") == [
        "tableau, ligne 4, colonne structure : « ccas de  CORVALÈS » à Corvalès figure déjà ligne 2 : une seule ligne "
        "par structure et par commune",
    ]


@pytest.mark.parametrize("mois, probleme", [
    ("03/2026", "« 03/2026 » n'est pas un mois au format AAAA-MM (par exemple 2026-03)"),
    ("2026-3", "« 2026-3 » n'est pas un mois au format AAAA-MM (par exemple 2026-03)"),
    ("2026-03-01", "« 2026-03-01 » n'est pas un mois au format AAAA-MM (par exemple 2026-03)"),
    ("2026-04", "2026-04 est un mois à venir (nous sommes en 2026-03)"),
    ("2025-02", "dernière vérification en 2025-02, il y a 13 mois : vérifiez de nouveau cette structure (au moins "
                "tous les 12 mois)"),
    ("2025-03", None),  # exactly 12 months: still valid
    ("2026-03", None),
])
def test_month_of_verification(mois, probleme):
    attendu = [("verifie_le", probleme)] if probleme else []
    assert problemes_fiche(dict(OK, verifie_le=mois), aujourd_hui=dt.date(2026, 3, 15)) == attendu


def test_reference_date_defaults_to_today_and_must_be_readable():
    aujourd_hui = dt.date.today()
    courant = f"{aujourd_hui.year:04d}-{aujourd_hui.month:02d}"
    assert problemes_fiche(dict(OK, verifie_le=courant)) == []
    with pytest.raises(CourseError) as erreur:
        problemes_fiche(OK, aujourd_hui="mars 2026")
    assert str(erreur.value) == ("Date de référence « mars 2026 » illisible : écrivez un mois AAAA-MM (par exemple "
                                 "2026-03) ou une date.")


@pytest.mark.parametrize("contact, problemes", [
    ("Mme Durand", [f"une personne est nommée (« Mme Durand ») : {PERSONNE}"]),
    ("Karima Benali, conseillère", [f"une personne est nommée (« Karima Benali ») : {PERSONNE}"]),
    ("Mme K.", [f"une personne est nommée (« Mme K. ») : {PERSONNE}"]),
    ("accueil (M. R.)", [f"une personne est nommée (« M. R. ») : {PERSONNE}"]),
    ("accueil, 04 71 22 33 44", [f"numéro de téléphone « 04 71 22 33 44 » à retirer : {COORDONNEES}"]),
    ("Mme Durand : 0471223344", [f"une personne est nommée (« Mme Durand ») : {PERSONNE}",
                                 f"numéro de téléphone « 0471223344 » à retirer : {COORDONNEES}"]),
    ("accueil", []),
    ("Madame la directrice", []),  # a function, not a person
    ("conseillère en insertion professionnelle", []),
])
def test_contact_is_a_function_never_a_named_person(contact, problemes):
    assert problemes_fiche(dict(OK, contact_fonction=contact), aujourd_hui="2026-03") == [
        ("contact_fonction", p) for p in problemes]


def test_an_organisation_may_bear_a_persons_name():
    ligne = dict(OK, structure="Centre social Louise Michel", publics="familles du quartier Jean Moulin")
    assert problemes_fiche(ligne, aujourd_hui="2026-03") == []


def test_phone_numbers_and_emails_anywhere_including_extra_columns():
    ligne = dict(OK, source="appel au 04 71 22 33 44", jours_horaires="écrire à accueil@ccas-corvales.fr")
    table = tableau(ligne).assign(notes="joindre contact@exemple.org ou +33 6 12 34 56 78", x_km=12.5)
    assert verifier_repertoire(table, aujourd_hui="2026-03") == [
        f"tableau, ligne 2, colonne jours_horaires : adresse de courriel « accueil@ccas-corvales.fr » à retirer : "
        f"{COORDONNEES}",
        f"tableau, ligne 2, colonne source : numéro de téléphone « 04 71 22 33 44 » à retirer : {COORDONNEES}",
        f"tableau, ligne 2, colonne notes : adresse de courriel « contact@exemple.org » à retirer : {COORDONNEES}",
        f"tableau, ligne 2, colonne notes : numéro de téléphone « +33 6 12 34 56 78 » à retirer : {COORDONNEES}",
    ]


def test_header_problems_missing_forbidden_and_doubled_columns():
    table = tableau(OK).drop(columns=["source", "verifie_le"]).assign(telephone_contact="")
    assert verifier_repertoire(table, aujourd_hui="2026-03", fichier="mon_repertoire.csv") == [
        "mon_repertoire.csv, ligne 1, colonne telephone_contact : colonne interdite, elle identifierait directement "
        "une personne (supprimez-la du fichier)",
        "mon_repertoire.csv, ligne 1, colonne source : colonne manquante",
        "mon_repertoire.csv, ligne 1, colonne verifie_le : colonne manquante",
    ]


def test_a_csv_file_is_checked_with_its_spreadsheet_line_numbers(tmp_path):
    chemin = tmp_path / "mon_repertoire.csv"
    ligne_ok = ",".join(f'"{OK[c]}"' for c in COLONNES)
    ligne_ancienne = ligne_ok.replace('"2026-01"', '"2024-06"')
    chemin.write_text(f"\ufeff{ENTETE}\n{ligne_ok}\n\n{ligne_ancienne}\n", encoding="utf-8")  # a BOM, a blank line
    assert verifier_repertoire(chemin, aujourd_hui="2026-03") == [
        "mon_repertoire.csv, ligne 4, colonne structure : « CCAS de Corvalès » à Corvalès figure déjà ligne 2 : une "
        "seule ligne par structure et par commune",
        "mon_repertoire.csv, ligne 4, colonne verifie_le : dernière vérification en 2024-06, il y a 21 mois : "
        "vérifiez de nouveau cette structure (au moins tous les 12 mois)",
    ]
    chemin.write_text(ENTETE.replace(",", ";") + "\n", encoding="utf-8")
    assert verifier_repertoire(chemin) == [
        "mon_repertoire.csv, ligne 1 : les colonnes sont séparées par des points-virgules, le cours utilise la "
        "virgule (dans le tableur, enregistrez au format « CSV UTF-8 (délimité par des virgules) »)"]


# ---------------------------------------------------------------------------------------------
# Markdown and CSV exports
# ---------------------------------------------------------------------------------------------
def test_markdown_table_with_labels_escaped_pipes_and_empty_cells():
    deux = tableau(OK, dict(MISSION_LOCALE, publics="jeunes | 16-25 ans\nrévolus", source=None))
    assert repertoire_en_markdown(deux) == (
        "| Structure | Type de structure | Champ | Publics | Conditions d'accès | Modalité d'accueil | Commune | "
        "Jours et horaires | Relation à ma structure | Contact (fonction) | Source | Vérifié le |\n"
        "|---|---|---|---|---|---|---|---|---|---|---|---|\n"
        "| CCAS de Corvalès | CCAS | droits/budget | habitants de Corvalès | libre | sans RDV | Corvalès | du lundi au "
        "vendredi, 9 h-12 h | partenaire opérationnel | accueil | site internet de la structure | 2026-01 |\n"
        "| Mission locale de l'Aurelle, antenne de Lestrac-sur-Lisère | Mission locale | emploi | jeunes \\| 16-25 ans "
        "révolus | libre | permanence | Lestrac-sur-Lisère | mardi et jeudi, 9 h-12 h | partenaire opérationnel | "
        "responsable d'antenne |  | 2025-03 |\n"
    )


def test_markdown_of_chosen_columns_and_missing_column():
    _, structures, _ = charger_territoire()
    assert repertoire_en_markdown(structures.head(2), ["structure", "champ", "frequence_permanence"]) == (
        "| Structure | Champ | frequence_permanence |\n|---|---|---|\n"
        "| France Travail, agence de Corvalès | emploi |  |\n"
        "| France Travail, permanence de Lestrac-sur-Lisère | emploi | 2 demi-journées par mois |\n")
    with pytest.raises(CourseError) as erreur:
        repertoire_en_markdown(structures.head(2))
    assert str(erreur.value).startswith("Le tableau n'a pas la colonne « relation_a_ma_structure » (colonnes du "
                                        "tableau : id_structure, structure, type, champ,")


def test_export_writes_the_course_csv_dialect(tmp_path):
    table = tableau(dict(OK, champ="Droits/Budget", publics=" habitants de Corvalès "), MISSION_LOCALE).assign(x_km=3.5)
    chemin = exporter_repertoire(table, tmp_path / "terrain" / "repertoire.csv", aujourd_hui="2026-03")
    assert chemin == tmp_path / "terrain" / "repertoire.csv"
    assert chemin.read_bytes().decode("utf-8") == (
        f"{ENTETE}\n"
        "CCAS de Corvalès,CCAS,droits/budget,habitants de Corvalès,libre,sans RDV,Corvalès,"
        "\"du lundi au vendredi, 9 h-12 h\",partenaire opérationnel,accueil,site internet de la structure,2026-01\n"
        "\"Mission locale de l'Aurelle, antenne de Lestrac-sur-Lisère\",Mission locale,emploi,jeunes de 16 à 25 ans "
        "révolus,libre,permanence,Lestrac-sur-Lisère,\"mardi et jeudi, 9 h-12 h\",partenaire opérationnel,"
        "responsable d'antenne,site internet de la structure,2025-03\n"
    )
    assert verifier_repertoire(chemin, aujourd_hui="2026-03") == []


def test_export_refuses_a_repertoire_with_problems_and_writes_nothing(tmp_path):
    table = tableau(dict(OK, contact_fonction="Mme Durand"), dict(OK, verifie_le="2024-01"))
    chemin = tmp_path / "repertoire.csv"
    with pytest.raises(CourseError) as erreur:
        exporter_repertoire(table, chemin, aujourd_hui="2026-03")
    assert str(erreur.value) == (
        "Le répertoire n'est pas enregistré : il a 3 problèmes à corriger :\n"
        f"- tableau, ligne 2, colonne contact_fonction : une personne est nommée (« Mme Durand ») : {PERSONNE}\n"
        "- tableau, ligne 3, colonne structure : « CCAS de Corvalès » à Corvalès figure déjà ligne 2 : une seule ligne "
        "par structure et par commune\n"
        "- tableau, ligne 3, colonne verifie_le : dernière vérification en 2024-01, il y a 26 mois : vérifiez de "
        "nouveau cette structure (au moins tous les 12 mois)"
    )
    assert not chemin.exists()


# ---------------------------------------------------------------------------------------------
# Schematic positions
# ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("distance, direction, position", [
    (10, "N", (0.0, 10.0)), (10, "ne", (7.1, 7.1)), ("7,5", "Sud-Ouest", (-5.3, -5.3)), (3, "o", (-3.0, 0.0)),
    (4, "nord ouest", (-2.8, 2.8)), (12.26, "E", (12.3, 0.0)), (0, "SE", (0.0, 0.0)), (6, "S", (0.0, -6.0)),
])
def test_schematic_position_from_distance_and_direction(distance, direction, position):
    assert position_schematique(distance, direction) == position


@pytest.mark.parametrize("distance, direction, message", [
    (5, "nordd", "Position schématique : direction inconnue « nordd » : écrivez N, NE, E, SE, S, SO, O ou NO (ou "
                 "nord, nord-est…)."),
    (5, "W", "Position schématique : direction inconnue « W » : écrivez N, NE, E, SE, S, SO, O ou NO (ou nord, "
             "nord-est…)."),
    (-2, "N", "Position schématique : « -2 » n'est pas une distance en kilomètres (un nombre positif ou nul, par "
              "exemple 12.5)."),
    ("loin", "N", "Position schématique : « loin » n'est pas une distance en kilomètres (un nombre positif ou nul, "
                  "par exemple 12.5)."),
])
def test_schematic_position_errors(distance, direction, message):
    with pytest.raises(CourseError) as erreur:
        position_schematique(distance, direction)
    assert str(erreur.value) == message


def test_positions_added_to_a_terrain_table_of_communes():
    communes = pd.DataFrame({"commune": ["ici", "là"], "population": [800, 300], "distance_km": [0, 8.0],
                             "direction": ["N", "SE"]})
    avec = ajouter_positions(communes)
    assert avec[["x_km", "y_km"]].values.tolist() == [[0.0, 0.0], [5.7, -5.7]]
    assert "x_km" not in communes.columns
    fausses = communes.assign(distance_km=["", "huit"], direction=["N", "derrière"])
    with pytest.raises(CourseError) as erreur:
        ajouter_positions(fausses, fichier="communes.csv")
    assert str(erreur.value) == (
        "Le tableau « communes.csv » a 3 problèmes à corriger :\n"
        "- communes.csv, ligne 2, colonne distance_km : valeur obligatoire manquante\n"
        "- communes.csv, ligne 3, colonne distance_km : « huit » n'est pas une distance en kilomètres (un nombre "
        "positif ou nul, par exemple 12.5)\n"
        "- communes.csv, ligne 3, colonne direction : direction inconnue « derrière » : écrivez N, NE, E, SE, S, SO, O "
        "ou NO (ou nord, nord-est…)")
    with pytest.raises(CourseError, match=r"^tableau, ligne 1, colonne direction : colonne manquante$"):
        ajouter_positions(communes.drop(columns="direction"))


# ---------------------------------------------------------------------------------------------
# Figures and their text alternatives
# ---------------------------------------------------------------------------------------------
def axes():
    return Figure(figsize=(8, 6)).subplots()  # no pyplot: no backend chosen, no global state


def test_base_map_draws_circles_names_scale_bar_and_title():
    communes = pd.DataFrame({"commune": ["Lisérac", "Vialarès", "Cabrolet"], "population": [1200, 300, 4500],
                             "x_km": [0.0, 10.0, 4.0], "y_km": [0.0, 2.0, 6.0]})
    ax, texte = fond_de_carte(communes, axes())
    assert texte == (f"Carte schématique de 3 communes (6{NBSP}000 habitants) sur 10 km d'ouest en est et 6 km du sud "
                     f"au nord : la plus peuplée, Cabrolet, compte 4{NBSP}500 habitants ; chaque cercle gris a une "
                     "surface proportionnelle à la population ; barre d'échelle de 2 km.")
    assert [t.get_text() for t in ax.texts] == ["Lisérac", "Vialarès", "Cabrolet", "2 km"]
    assert (ax.get_title(), ax.get_xlabel(), ax.get_ylabel()) == ("Les communes du territoire", "Ouest → est (km)",
                                                                  "Sud → nord (km)")
    cercles = ax.collections[0]
    assert [round(s) for s in cercles.get_sizes()] == [320, 80, 1200]  # surface ∝ population
    assert ax.get_legend_handles_labels()[1] == ["Commune (surface proportionnelle à la population)"]
    assert ax.get_aspect() == 1.0


def test_base_map_of_the_hauts_de_lisere():
    communes, _, _ = charger_territoire()
    hauts = communes[communes["epci"] == "CC des Hauts-de-Lisère"]
    ax, texte = fond_de_carte(hauts, axes(), titre="Les 27 communes des Hauts-de-Lisère")
    assert texte == (f"Carte schématique de 27 communes (21{NBSP}522 habitants) sur 26 km d'ouest en est et 25 km du "
                     "sud au nord : la plus peuplée, Lestrac-sur-Lisère, compte 4\u00a0812 habitants ; chaque cercle "
                     "gris a une surface proportionnelle à la population ; barre d'échelle de 10 km.")
    assert ax.get_title() == "Les 27 communes des Hauts-de-Lisère"
    assert len(ax.texts) == 28


def test_base_map_needs_its_columns():
    with pytest.raises(CourseError) as erreur:
        fond_de_carte(pd.DataFrame({"commune": ["Lisérac"], "population": [10], "x": [0], "y": [0]}), axes())
    assert str(erreur.value) == ("Fond de carte : la colonne « x_km » manque (colonnes attendues : commune, "
                                 "population, x_km, y_km).")


LIENS = pd.DataFrame({"origine": ["CIAS", "CIAS", "Mission locale", "CIAS", "CAF"],
                      "destination": ["Épicerie sociale", "Mission locale", "Épicerie sociale", "CAF", "CAF"],
                      "nombre": [22, 9, 4, 30, 5]})  # the last line loops on itself: ignored


def test_network_text_alternative_with_and_without_weights():
    ax, texte = reseau(LIENS, axes(), poids="nombre", unite="orientations")
    assert texte == ("Réseau de 4 structures et 4 liens d'orientation (flèches) : CIAS oriente vers le plus de "
                     "structures (3) ; Épicerie sociale est la plus sollicitée (2 structures orientent vers elle) ; le "
                     "lien le plus fort va de CIAS à CAF (30 orientations).")
    assert [t.get_text() for t in ax.texts] == ["", "", "", "", "CIAS", "Épicerie sociale", "Mission locale", "CAF"]
    largeurs = [round(t.arrow_patch.get_linewidth(), 2) for t in ax.texts[:4]]
    assert largeurs == [2.36, 1.32, 0.92, 3.0]  # 0.6 + 2.4 × weight / 30
    assert ax.get_title() == "Qui oriente vers qui"
    _, texte = reseau(LIENS, axes(), titre="Orientations")
    assert texte == ("Réseau de 4 structures et 4 liens d'orientation (flèches) : CIAS oriente vers le plus de "
                     "structures (3) ; Épicerie sociale est la plus sollicitée (2 structures orientent vers elle).")


def test_network_text_alternative_with_ties():
    chaine = pd.DataFrame({"de": ["A", "B", "C"], "vers": ["B", "C", "A"], "n": [7, 7, 2]})
    _, texte = reseau(chaine, axes(), origine="de", destination="vers", poids="n")
    assert texte == ("Réseau de 3 structures et 3 liens d'orientation (flèches) : 3 structures orientent chacune vers "
                     "1 structure, le plus grand nombre ; 3 structures sont les plus sollicitées (1 structure oriente "
                     "vers chacune) ; 2 liens sont les plus forts (7 chacun), dont celui de A à B.")


def test_a_large_network_is_numbered_with_a_key():
    _, _, liens = charger_territoire()
    ax, texte = reseau(liens, axes(), poids="orientations_2025", unite="orientations en 2025")
    assert texte == ("Réseau de 49 structures et 52 liens d'orientation (flèches) : France Services de "
                     "Lestrac-sur-Lisère oriente vers le plus de structures (15) ; 2 structures sont les plus "
                     "sollicitées (3 structures orientent vers chacune) ; 2 liens sont les plus forts (91 orientations "
                     "en 2025 chacun), dont celui de France Services de Lestrac-sur-Lisère à CAF de l'Aurelle, accueil "
                     "de Corvalès.")
    cle = [t.get_text() for t in ax.get_legend().get_texts()]
    assert (len(cle), cle[0], cle[1]) == (49, "1 France Services de Lestrac-sur-Lisère",
                                          "2 CAF de l'Aurelle, accueil de Corvalès")
    assert ax.get_legend().get_title().get_text() == "Structures"
    assert [t.get_text() for t in ax.texts[52:55]] == ["1", "2", "3"]  # after the 52 arrows, the node numbers


def test_network_errors():
    with pytest.raises(CourseError) as erreur:
        reseau(LIENS, axes(), poids="orientations")
    assert str(erreur.value) == ("Réseau : la colonne « orientations » manque (colonnes attendues : origine, "
                                 "destination, orientations).")
    with pytest.raises(CourseError) as erreur:
        reseau(LIENS[LIENS["origine"] == LIENS["destination"]], axes())
    assert str(erreur.value) == "Réseau : aucun lien entre deux structures différentes."


# ---------------------------------------------------------------------------------------------
# The learner's map: its layers read back, and put into words
# ---------------------------------------------------------------------------------------------
def test_one_distinct_known_shape_per_champ():
    assert list(MARQUEURS_CHAMPS) == list(CHAMPS)
    assert len(set(MARQUEURS_CHAMPS.values())) == len(CHAMPS)
    assert set(MARQUEURS_CHAMPS.values()) <= set(FORMES)


def test_layers_are_the_labelled_scatters_with_their_shape_and_drawn_points():
    communes = pd.DataFrame({"commune": ["Lisérac", "Vialarès"], "population": [1200, 300], "x_km": [0.0, 10.0],
                             "y_km": [0.0, 2.0]})
    ax, _ = fond_de_carte(communes, axes())
    for champ, marqueur in MARQUEURS_CHAMPS.items():
        ax.scatter([1.0, 2.0], [3.0, 4.0], marker=marqueur, label=champ)
    ax.scatter([1.0, float("nan"), 5.0], [1.0, 2.0, float("nan")], marker="o", label="sans position")
    ax.scatter([5.0], [6.0], marker="*", s=300, label="France Services")
    ax.scatter([7.0], [8.0], marker="$♥$", label="maison")  # a glyph: a shape the course does not name
    ax.scatter([9.0], [9.0], marker="s")  # no label: not a layer
    couches = couches_carte(ax)
    # the communes' grey circles are unlabelled; their legend entry is an empty labelled layer
    assert [c.etiquette for c in couches] == ["Commune (surface proportionnelle à la population)", *CHAMPS,
                                              "sans position", "France Services", "maison"]
    assert couches[0].n == 0
    par_nom = {c.etiquette: c for c in couches}
    assert [par_nom[champ].marqueur for champ in CHAMPS] == list(MARQUEURS_CHAMPS.values())
    assert par_nom["emploi"] == Couche("emploi", 2, "o", ((1.0, 3.0), (2.0, 4.0)))
    assert par_nom["sans position"].n == 1 and par_nom["sans position"].positions == ((1.0, 1.0),)
    assert (par_nom["France Services"].marqueur, par_nom["France Services"].forme) == ("*", "étoile")
    assert (par_nom["maison"].marqueur, par_nom["maison"].forme) == (None, "forme personnalisée")
    assert (par_nom["santé"].forme, par_nom["formation"].forme) == ("croix pleines", "carrés")


def test_map_text_alternative_names_each_layer_its_points_and_shape():
    ax = axes()
    ax.scatter([1, 2, 3], [1, 2, 3], marker="o", label="emploi")
    ax.scatter([], [], marker="s", label="formation")  # an empty layer is not described
    ax.scatter([4], [4], marker="*", label="France Services")
    ax.set_title("Les lieux d'accueil")
    assert decrire_carte(ax) == ("Carte « Les lieux d'accueil » : 4 points en 2 couches — emploi : 3 (ronds) ; "
                                 "France Services : 1 (étoile).")
    vide = axes()
    vide.scatter([1], [1])
    assert decrire_carte(vide) == ("La carte « sans titre » n'a aucune couche de points avec une étiquette : ajoutez "
                                   "label=… à chaque ax.scatter.")


# ---------------------------------------------------------------------------------------------
# Searching a répertoire for a situation
# ---------------------------------------------------------------------------------------------
CAP_EMPLOI = dict(OK, structure="Cap emploi de l'Aurelle, permanence de Lestrac-sur-Lisère", type="Cap emploi",
                  champ="emploi", publics="personnes handicapées bénéficiaires de l'obligation d'emploi",
                  conditions_acces="sur orientation", commune="Lestrac-sur-Lisère")
MSA = dict(OK, structure="MSA de l'Aurelle, agence de Brugalès", type="MSA", champ="droits/budget",
           publics="assurées et assurés agricoles", commune="Brugalès")
LIEUX = pd.DataFrame({"commune": ["Lestrac-sur-Lisère", "Brugalès", "Aubrelon"], "x_km": [0.0, 6.0, 2.0],
                      "y_km": [0.0, 8.0, 3.0]})


def test_filter_by_champ_and_public_keywords_whatever_the_case_and_accents():
    repertoire = tableau(OK, MISSION_LOCALE, CAP_EMPLOI, MSA)
    emploi = filtrer_repertoire(repertoire, champs=["emploi"])
    assert list(emploi["structure"]) == [MISSION_LOCALE["structure"], CAP_EMPLOI["structure"]]
    assert list(emploi.index) == [0, 1]
    assert list(filtrer_repertoire(repertoire, public="JEUNES 16")["structure"]) == [MISSION_LOCALE["structure"]]
    assert list(filtrer_repertoire(repertoire, public="assures agricoles")["structure"]) == [MSA["structure"]]
    # every word of two letters or more must be found; one letter is ignored
    assert filtrer_repertoire(repertoire, public="jeunes agricoles").empty
    assert len(filtrer_repertoire(repertoire, public="a")) == 4
    assert len(filtrer_repertoire(repertoire)) == 4
    assert list(repertoire.index) == [0, 1, 2, 3] and "distance_km" not in repertoire.columns  # untouched


def test_filter_sorts_by_distance_from_the_persons_commune():
    repertoire = tableau(OK, MISSION_LOCALE, CAP_EMPLOI, MSA)  # OK is in Corvalès, a commune LIEUX lacks
    proches = filtrer_repertoire(repertoire, commune="aubrelon", communes=LIEUX)
    assert list(zip(proches["structure"], proches["distance_km"].fillna(-1))) == [
        (CAP_EMPLOI["structure"], 3.6), (MISSION_LOCALE["structure"], 3.6), (MSA["structure"], 6.4),
        ("CCAS de Corvalès", -1)]  # same distance: by name; a commune the table lacks: last, without distance
    depuis_brugales = filtrer_repertoire(repertoire, champs=["emploi", "droits/budget"], commune="Brugalès",
                                         communes=LIEUX)
    assert list(depuis_brugales["distance_km"].fillna(-1)) == [0.0, 10.0, 10.0, -1]


@pytest.mark.parametrize("arguments, message", [
    ({"champs": ["loisirs"]}, "Champ inconnu « loisirs » (champs du répertoire : emploi, formation, "
                              "logement/hébergement, santé, droits/budget, mobilité, famille/enfance, justice, "
                              "numérique)."),
    ({"commune": "Aubrelon"}, "Pour trier par distance, donnez aussi le tableau des communes (communes=…)."),
    ({"commune": "Paris", "communes": LIEUX}, "La commune « Paris » n'est pas dans le tableau des communes."),
    ({"commune": "Aubrelon", "communes": LIEUX.drop(columns="y_km")},
     "Communes : la colonne « y_km » manque (colonnes attendues : commune, x_km, y_km)."),
])
def test_filter_errors(arguments, message):
    with pytest.raises(CourseError) as erreur:
        filtrer_repertoire(tableau(OK), **arguments)
    assert str(erreur.value) == message


def test_filter_needs_the_repertoire_columns():
    with pytest.raises(CourseError) as erreur:
        filtrer_repertoire(tableau(OK).drop(columns="publics"))
    assert str(erreur.value) == ("Répertoire : la colonne « publics » manque (colonnes attendues : structure, champ, "
                                 "publics, commune).")


# ---------------------------------------------------------------------------------------------
# Practice situations: the file, and the comparison with its expected reading
# ---------------------------------------------------------------------------------------------
SITUATIONS = {
    "titre": "S'entraîner", "consigne": "Cherchez, cochez, comparez.", "conclusion": "Une base de discussion.",
    "situations": {
        "paul": {
            "titre": "Paul, 20 ans", "commune": "Aubrelon", "resume": "Paul  cherche\n un emploi.",
            "attendues": [
                {"besoin": "Un accompagnement", "structures": [MISSION_LOCALE["structure"], "Mission locale, siège"],
                 "pourquoi": "Il a 20 ans."},
                {"besoin": "Se déplacer", "structures": ["Transport à la demande"], "pourquoi": "Pas de permis."},
            ],
            "possibles": {"CCAS de Corvalès": "Une aide ponctuelle."},
            "a_eviter": {CAP_EMPLOI["structure"]: "Il n'a pas de RQTH."},
            "vigilance": ["Lui donner les jours de l'antenne."],
        },
    },
}


def test_situations_are_read_and_typed(tmp_path):
    texte = yaml.safe_dump(SITUATIONS, allow_unicode=True, sort_keys=False)
    (tmp_path / "situations.yaml").write_text(texte, encoding="utf-8")
    contenu = lire_situations("situations.yaml", tmp_path)
    assert (contenu.fichier, contenu.titre, list(contenu.situations)) == ("situations.yaml", "S'entraîner", ["paul"])
    paul = contenu.situations["paul"]
    assert paul.resume == "Paul cherche un emploi."  # spaces and line breaks of the YAML folded
    assert paul.attendues[1] == Attendue("Se déplacer", ("Transport à la demande",), "Pas de permis.")
    assert paul.possibles == {"CCAS de Corvalès": "Une aide ponctuelle."} and paul.vigilance == (
        "Lui donner les jours de l'antenne.",)


def _avec(chemin: list, valeur) -> dict:
    contenu = yaml.safe_load(yaml.safe_dump(SITUATIONS, allow_unicode=True, sort_keys=False))  # a deep copy
    cible = contenu
    for cle in chemin[:-1]:
        cible = cible[cle]
    if valeur is None:
        del cible[chemin[-1]]
    else:
        cible[chemin[-1]] = valeur
    return contenu


@pytest.mark.parametrize("chemin, valeur, message", [
    (["bareme"], "x", "situations.yaml (rubrique « bareme ») : rubrique inconnue (rubriques possibles : titre, "
                      "consigne, conclusion, situations)."),
    (["conclusion"], None, "situations.yaml (rubrique « rubriques principales ») : il manque conclusion."),
    (["situations"], {}, "situations.yaml (rubrique « situations ») : au moins une situation est attendue "
                         "(« nom_court: » puis ses rubriques)."),
    (["situations", "paul", "note"], "x", "situations.yaml (rubrique « situations, paul, note ») : rubrique inconnue "
                                          "(rubriques possibles : titre, resume, commune, attendues, possibles, "
                                          "a_eviter, vigilance)."),
    (["situations", "paul", "attendues"], [], "situations.yaml (rubrique « situations, paul, attendues ») : au moins "
                                              "un besoin attendu (« - besoin: … ») est nécessaire."),
    (["situations", "paul", "titre"], " ", "situations.yaml (rubrique « situations, paul, titre ») : un texte est "
                                           "attendu."),
    (["situations", "paul", "attendues", 0, "structures"], [], "situations.yaml (rubrique « situations, paul, "
                                                               "attendues n° 1, structures ») : une liste est attendue "
                                                               "(une ligne « - texte » par élément)."),
    (["situations", "paul", "possibles"], ["CCAS"], "situations.yaml (rubrique « situations, paul, possibles ») : une "
                                                    "liste de lignes « nom de la structure: pourquoi » est attendue."),
    (["situations", "paul", "possibles", "cap emploi de l'aurelle, PERMANENCE de Lestrac-sur-Lisere"], "Pourquoi.",
     "situations.yaml (rubrique « situations, paul, a_eviter ») : « Cap emploi de l'Aurelle, permanence de "
     "Lestrac-sur-Lisère » figure déjà dans « possibles » : une structure ne figure qu'une fois par situation."),
])
def test_situation_file_errors_name_the_rubric(chemin, valeur, message):
    with pytest.raises(CourseError) as erreur:
        valider_situations(_avec(chemin, valeur), "dossier/situations.yaml")
    assert str(erreur.value) == message


def test_comparison_with_the_expected_reading_line_by_line():
    paul = valider_situations(SITUATIONS).situations["paul"]
    repertoire = tableau(OK, MISSION_LOCALE, CAP_EMPLOI)
    choix = [" mission locale de l'aurelle, antenne de LESTRAC-sur-Lisere", CAP_EMPLOI["structure"], "CCAS de Corvalès",
             "Garage solidaire", "", "Garage solidaire"]
    comparaison = comparer_orientations(choix, paul, repertoire)
    assert comparaison.trouvees == [(paul.attendues[0], "mission locale de l'aurelle, antenne de LESTRAC-sur-Lisere")]
    assert comparaison.manquantes == [(paul.attendues[1], True)]  # the répertoire has no transport at all
    assert comparaison.possibles == [("CCAS de Corvalès", "Une aide ponctuelle.")]
    assert comparaison.a_eviter == [(CAP_EMPLOI["structure"], "Il n'a pas de RQTH.")]
    assert comparaison.autres == ["Garage solidaire"]
    assert retour_orientations(comparaison, "Une base de discussion.") == [
        "Besoins couverts : 1 sur 2.",
        "Couvert — Un accompagnement : mission locale de l'aurelle, antenne de LESTRAC-sur-Lisere. Il a 20 ans.",
        "Non couvert — Se déplacer : Transport à la demande. Pas de permis. Cette structure n'est pas dans votre "
        "répertoire : ajoutez-la.",
        "Possible aussi — CCAS de Corvalès : Une aide ponctuelle.",
        "À éviter à ce stade — Cap emploi de l'Aurelle, permanence de Lestrac-sur-Lisère : Il n'a pas de RQTH.",
        "À justifier — Garage solidaire : la lecture attendue ne la retient pas ; dites à quel besoin elle répond.",
        "Point de vigilance — Lui donner les jours de l'antenne.",
        "Une base de discussion.",
    ]


def test_a_need_missed_while_the_repertoire_holds_its_structure_is_only_not_covered():
    paul = valider_situations(SITUATIONS).situations["paul"]
    sans_repertoire = comparer_orientations(["CCAS de Corvalès"], paul)
    assert sans_repertoire.manquantes == [(paul.attendues[0], False), (paul.attendues[1], False)]
    avec = comparer_orientations(["CCAS de Corvalès"], paul, tableau(OK, MISSION_LOCALE))
    assert avec.manquantes == [(paul.attendues[0], False), (paul.attendues[1], True)]
    assert retour_orientations(avec)[1] == ("Non couvert — Un accompagnement : Mission locale de l'Aurelle, antenne "
                                            "de Lestrac-sur-Lisère ou Mission locale, siège. Il a 20 ans.")
    assert retour_orientations(comparer_orientations([], paul, tableau(OK)))[1].endswith(
        "Il a 20 ans. Aucune de ces structures n'est dans votre répertoire : ajoutez-en une.")
