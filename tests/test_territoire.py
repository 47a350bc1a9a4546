"""The shared fictional territory, l'Aurelle: reproducible tables, consistent with one another and with
the calibration their data cards print."""
from __future__ import annotations

import re

import pandas as pd
import pytest

from course import data
from course.learner.donnees_personnelles import detecter_donnees_personnelles
from course.learner.repertoire import CHAMPS, CONDITIONS_ACCES, MODALITES, verifier_repertoire

NOMS = ["territoire_communes", "territoire_structures", "territoire_liens"]
AGGLO, RURAL = "CA du Grand Corvalès", "CC des Hauts-de-Lisère"


@pytest.fixture(scope="module")
def communes() -> pd.DataFrame:
    return data.load("territoire_communes")


@pytest.fixture(scope="module")
def structures() -> pd.DataFrame:
    return data.load("territoire_structures")


@pytest.fixture(scope="module")
def liens() -> pd.DataFrame:
    return data.load("territoire_liens")


def part(tableau: pd.DataFrame, masque) -> float:
    """Population share (%) of the rows selected by `masque`, to one decimal."""
    return round(100 * tableau.loc[masque, "population"].sum() / tableau["population"].sum(), 1)


# ---------------------------------------------------------------------------------------------
# Reproducibility and documentation
# ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("nom", NOMS)
def test_each_generator_reproduces_its_csv_byte_for_byte(nom):
    module = data.generator_modules()[nom]
    assert module.NAME == nom
    premier, second = data.to_csv_text(module.generate()), data.to_csv_text(module.generate())
    assert premier == second == data.csv_path(nom).read_text(encoding="utf-8")


@pytest.mark.parametrize("nom, lignes, colonnes", [("territoire_communes", 57, 11), ("territoire_structures", 80, 16),
                                                   ("territoire_liens", 52, 6)])
def test_data_card_documents_every_column_and_the_size_of_the_table(nom, lignes, colonnes):
    carte = data.card_path(nom).read_text(encoding="utf-8")
    tableau = data.load(nom)
    assert tableau.shape == (lignes, colonnes)
    assert f"**{lignes} lignes et {colonnes} colonnes**" in carte
    assert [c for c in tableau.columns if f"| `{c}` |" not in carte] == []
    assert "**Données fictives" in carte and "hypothèses de réalisme" in carte
    assert "| Statistique utilisée | Valeur publiée | Valeur dans le fichier | Source et année |" in carte


@pytest.mark.parametrize("nom", NOMS)
def test_tables_hold_no_personal_data(nom):
    tableau = data.load(nom)
    textes = tableau.select_dtypes(include=["str", "object"]).fillna("").astype(str)
    trouves = [str(d) for valeur in pd.unique(textes.to_numpy().ravel()) for d in detecter_donnees_personnelles(valeur)]
    assert trouves == []


# ---------------------------------------------------------------------------------------------
# Communes: the calibration printed in the card
# ---------------------------------------------------------------------------------------------
def test_two_intercommunalities_with_their_centres(communes):
    assert communes.groupby("epci")["commune"].count().to_dict() == {AGGLO: 30, RURAL: 27}
    assert communes.groupby("epci")["population"].sum().to_dict() == {AGGLO: 109_874, RURAL: 21_522}
    assert communes["commune"].is_unique
    centres = communes[communes["type_commune"].isin(["ville-centre", "bourg-centre"])]
    assert centres[["commune", "population", "grille_densite"]].values.tolist() == [
        ["Corvalès", 58_237, 2], ["Lestrac-sur-Lisère", 4_812, 4]]
    assert communes["type_commune"].value_counts().to_dict() == {"rurale": 47, "périurbaine": 8, "ville-centre": 1,
                                                                 "bourg-centre": 1}


def test_legal_thresholds_of_the_two_epci(communes):
    agglo = communes[communes["epci"] == AGGLO]
    assert agglo["population"].sum() > 50_000 and agglo["population"].max() > 15_000  # CGCT L5216-1
    assert communes.loc[communes["epci"] == RURAL, "population"].sum() >= 15_000  # loi NOTRe


def test_rural_population_share_by_the_density_grid(communes):
    rurale = communes["grille_densite"] >= 5
    assert int(rurale.sum()) == 47
    assert part(communes, rurale) == 28.1
    hauts = communes[communes["epci"] == RURAL]
    assert part(hauts, hauts["grille_densite"] >= 5) == 77.6
    assert communes["grille_densite"].value_counts().sort_index().to_dict() == {2: 1, 3: 8, 4: 1, 5: 11, 6: 28, 7: 8}
    libelles = communes.drop_duplicates("grille_densite").set_index("grille_densite")["libelle_densite"].sort_index()
    assert libelles.tolist() == ["Centres urbains intermédiaires", "Ceintures urbaines", "Petites villes",
                                 "Bourgs ruraux", "Rural à habitat dispersé", "Rural à habitat très dispersé"]


def test_households_without_a_car(communes):
    couronne = communes[(communes["epci"] == AGGLO) & (communes["type_commune"] != "ville-centre")]
    moyenne = (couronne["part_menages_sans_voiture"] * couronne["population"]).sum() / couronne["population"].sum()
    assert round(moyenne, 1) == 8.9  # published: 9 % in the couronnes (INSEE, 2017)
    assert communes.set_index("commune").loc["Corvalès", "part_menages_sans_voiture"] == 24.0
    assert (communes["part_menages_sans_voiture"].min(), communes["part_menages_sans_voiture"].max()) == (4.7, 24.0)


def test_access_time_to_france_services(communes):
    assert communes["temps_acces_fs_min"].max() == 30  # the « moins de 30 minutes » objective holds
    par_commune = communes.set_index("commune")["temps_acces_fs_min"]
    assert par_commune[["Lestrac-sur-Lisère", "Castelnoir", "Corvalès"]].tolist() == [5, 5, 8]
    hauts, agglo = communes[communes["epci"] == RURAL], communes[communes["epci"] == AGGLO]
    assert (int((hauts["temps_acces_fs_min"] > 20).sum()), part(hauts, hauts["temps_acces_fs_min"] > 20)) == (15, 45.5)
    assert (int((agglo["temps_acces_fs_min"] > 20).sum()), part(agglo, agglo["temps_acces_fs_min"] > 20)) == (15, 11.8)


def test_transport_by_intercommunality(communes):
    assert communes.groupby(["epci", "desserte"])["commune"].count().to_dict() == {
        (AGGLO, "ligne"): 18, (AGGLO, "transport à la demande"): 12,
        (RURAL, "aucune"): 12, (RURAL, "ligne"): 4, (RURAL, "transport à la demande"): 11,
    }


def test_communes_stay_apart_on_the_map(communes):
    points = communes[["x_km", "y_km"]].to_numpy()
    ecarts = [((a - b) ** 2).sum() ** 0.5 for i, a in enumerate(points) for b in points[i + 1:]]
    assert round(min(ecarts), 1) >= 3.2


# ---------------------------------------------------------------------------------------------
# Structures
# ---------------------------------------------------------------------------------------------
def test_structures_use_the_repertoire_lists_and_the_communes(structures, communes):
    assert set(structures["champ"]) == set(CHAMPS)
    assert set(structures["conditions_acces"]) == set(CONDITIONS_ACCES)
    assert set(structures["modalite"]) == set(MODALITES)
    epci = communes.set_index("commune")["epci"]
    assert (structures["epci"] == structures["commune"].map(epci)).all()
    assert structures["id_structure"].tolist() == [f"S{i:02d}" for i in range(1, 81)]
    assert not structures.duplicated(["structure", "commune"]).any()
    permanences = structures["modalite"] == "permanence"
    assert structures.loc[permanences, "frequence_permanence"].notna().all()
    assert structures.loc[~permanences, "frequence_permanence"].isna().all()


def test_structures_counts_printed_in_the_card(structures):
    assert structures["champ"].value_counts().to_dict() == {
        "droits/budget": 24, "emploi": 13, "santé": 10, "logement/hébergement": 8, "formation": 7, "mobilité": 6,
        "justice": 5, "famille/enfance": 4, "numérique": 3,
    }
    assert structures["epci"].value_counts().to_dict() == {RURAL: 46, AGGLO: 34}
    differents = [structures[colonne].nunique() for colonne in ("structure", "type", "commune")]
    assert differents == [77, 58, 13]
    missions = structures[structures["type"] == "Mission locale"]["publics"].tolist()
    assert all("16 à 25 ans révolus" in publics for publics in missions) and len(missions) == 3


def test_ten_entries_are_more_than_twelve_months_old_in_march_2026(structures):
    """The répertoire check finds them: the only problems once the learner adds the missing relation."""
    avec_relation = structures.assign(relation_a_ma_structure="partenaire opérationnel")
    problemes = verifier_repertoire(avec_relation, aujourd_hui="2026-03", fichier="territoire_structures.csv")
    lignes = [int(re.match(r"territoire_structures\.csv, ligne (\d+), colonne verifie_le : ", p)[1]) for p in problemes]
    assert lignes == [5, 6, 10, 11, 20, 22, 28, 34, 39, 40]
    assert problemes[0] == ("territoire_structures.csv, ligne 5, colonne verifie_le : dernière vérification en "
                            "2025-01, il y a 14 mois : vérifiez de nouveau cette structure (au moins tous les 12 mois)")
    assert verifier_repertoire(structures, aujourd_hui="2026-03")[0] == (
        "tableau, ligne 1, colonne relation_a_ma_structure : colonne manquante")


# ---------------------------------------------------------------------------------------------
# Links
# ---------------------------------------------------------------------------------------------
def test_links_point_to_existing_structures(liens, structures):
    noms = structures.set_index("id_structure")["structure"]
    champs = structures.set_index("id_structure")["champ"]
    assert (liens["origine"] == liens["id_origine"].map(noms)).all()
    assert (liens["destination"] == liens["id_destination"].map(noms)).all()
    assert (liens["champ_destination"] == liens["id_destination"].map(champs)).all()
    assert not liens.duplicated(["id_origine", "id_destination"]).any()
    assert (liens["id_origine"] != liens["id_destination"]).all()


def test_france_services_orientations_follow_the_published_figures(liens):
    depuis_fs = liens[liens["origine"] == "France Services de Lestrac-sur-Lisère"]
    assert depuis_fs["orientations_2025"].sum() == 570  # 18 % of 9 000 000 / 2 840 requests
    assert depuis_fs.head(3)[["destination", "orientations_2025"]].values.tolist() == [
        ["CAF de l'Aurelle, accueil de Corvalès", 91], ["CPAM de l'Aurelle, accueil de Corvalès", 91],
        ["Centre des finances publiques de Corvalès", 86]]
    assert (len(liens), int(liens["orientations_2025"].sum())) == (52, 1014)
    assert (liens["origine"].nunique(), liens["destination"].nunique()) == (19, 40)
