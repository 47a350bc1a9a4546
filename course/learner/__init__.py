"""What learners call from their notebooks. Names are French because learners read them."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
from IPython.display import Markdown, display

from .. import data
from .donnees_personnelles import detecter_donnees_personnelles
from .graphiques import palette_du_cours
from .selfcheck import verifier_ma_copie

__all__ = ["charger", "chemin_donnees", "afficher_fiche", "verifier_ma_copie", "detecter_donnees_personnelles",
           "palette_du_cours"]


def chemin_donnees(nom: str) -> Path:
    """Chemin du fichier CSV d'un jeu de données du cours (pour `pd.read_csv`)."""
    path = data.csv_path(nom)
    if not path.exists():
        data.load(nom)  # raises the French "jeu de données inconnu" message
    return path


def charger(nom: str) -> pd.DataFrame:
    """Charge un jeu de données du cours sous forme de tableau pandas."""
    return data.load(nom)


def afficher_fiche(nom: str) -> None:
    """Affiche la fiche descriptive (data card) d'un jeu de données : origine, colonnes, sources."""
    display(Markdown(data.card_path(nom).read_text(encoding="utf-8")))
