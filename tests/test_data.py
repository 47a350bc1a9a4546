"""Synthetic datasets: byte-for-byte reproducible, documented, free of personal data."""
import pandas as pd
import pytest

from course import data
from course.learner import charger
from course.learner.donnees_personnelles import detecter_donnees_personnelles

NAMES = list(data.generator_modules())


def test_every_committed_csv_has_a_generator():
    assert sorted(p.stem for p in data.CSV_DIR.glob("*.csv")) == sorted(NAMES)
    assert NAMES == [
        "aire_accueil_suivi", "consultation_familles_aire", "demandes_accueil", "enquete_pro_sortants_detention",
        "entretiens_accueil", "observation_salle_attente", "orientations_france_services", "parcours_de_vie",
        "permanence_accueil", "territoire_communes", "territoire_liens", "territoire_structures",
    ]


def test_csvs_regenerate_byte_for_byte():
    assert data.write_all(check=True) == []


@pytest.mark.parametrize("name", NAMES)
def test_generation_is_deterministic_and_matches_file(name):
    module = data.generator_modules()[name]
    first, second = data.to_csv_text(module.generate()), data.to_csv_text(module.generate())
    assert first == second == data.csv_path(name).read_text(encoding="utf-8")


@pytest.mark.parametrize("name", NAMES)
def test_data_card_documents_columns_and_sources(name):
    card = data.card_path(name).read_text(encoding="utf-8")
    frame = charger(name)
    missing = [column for column in frame.columns if f"`{column}`" not in card]
    assert missing == [], f"colonnes non décrites dans la fiche {name}: {missing}"
    assert any(source in card for source in ("INSEE", "Insee", "DREES", "DARES", "Dares", "France Travail", "Cour des comptes"))
    assert "fictiv" in card.lower()


@pytest.mark.parametrize("name", NAMES)
def test_datasets_hold_no_personal_data(name):
    frame = charger(name)
    text_columns = frame.select_dtypes(include=["object", "string"]).columns
    values = pd.unique(frame[text_columns].fillna("").astype(str).to_numpy().ravel())  # missing cells: nothing to scan
    found = [hit for value in values for hit in detecter_donnees_personnelles(value)]
    assert found == []


def test_unknown_dataset_is_a_clear_french_error():
    with pytest.raises(data.CourseError, match="Jeu de données inconnu « inexistant »"):
        charger("inexistant")
