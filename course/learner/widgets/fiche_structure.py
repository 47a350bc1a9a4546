"""Entry form of the répertoire: one structure per form, appended to the learner's CSV.

A répertoire grows one structure at a time, often while phoning or reading a leaflet. This form shows one
labelled field per column of the répertoire (`course.learner.repertoire`), with drop-down lists for the
closed lists (champ, conditions d'accès, modalité, relation), checks the line with exactly the rules of
`verifier_repertoire` — including the anonymisation rule for répertoires: a contact is a function, never a
named person, and no phone number or e-mail — plus the duplicate check against the lines already in the
file, and appends it. Nothing is written when a check fails.

It is the « piste terrain » entry form (`SaisieTerrain`) with the répertoire's rules: the same fields,
file handling and messages, so that both forms behave alike. Accessibility: each field has a visible
label and a visible help line, the fields follow the répertoire's column order (so does the Tab key), and
every message is text.
"""
from __future__ import annotations

import datetime as dt
import html
from pathlib import Path

import ipywidgets as widgets

from ...formatting import count_fr
from ..repertoire import (FICHIER_REPERTOIRE, cle_doublon, dictionnaire_repertoire, message_doublon,
                          problemes_fiche)
from ..terrain import lire_lignes_csv
from .saisie import SaisieTerrain

__all__ = ["BOUTON", "FicheStructure", "fiche_structure"]

BOUTON = "Ajouter la structure"
EXEMPLES = {
    "structure": "par exemple : Mission locale de …, antenne de …",
    "type": "par exemple : Mission locale",
    "verifie_le": "AAAA-MM",
}


class FicheStructure(SaisieTerrain):
    """The form, its button and its message; the répertoire lives in the CSV file, not in the widget."""

    def __init__(self, fichier: str | Path = FICHIER_REPERTOIRE, *, aujourd_hui: dt.date | str | None = None) -> None:
        self.aujourd_hui = aujourd_hui
        super().__init__(dictionnaire_repertoire(), fichier)
        self.bouton.description = BOUTON
        self.bouton.icon = "plus"
        for nom, exemple in EXEMPLES.items():
            self.champs[nom].placeholder = exemple
        self._aides()

    def _aides(self) -> None:
        """Each field's help line is its column's description alone.

        The terrain form adds « aucun nom » under every free-text field; here the structure's name is
        wanted (an organisation's name is allowed), so the répertoire's own help texts replace it.
        """
        blocs = {bloc.children[0]: bloc for bloc in self.widget.children if isinstance(bloc, widgets.VBox)}
        for colonne in self.dictionnaire.colonnes:
            aide = blocs[self.champs[colonne.nom]].children[1]
            aide.value = f"<small>{html.escape(colonne.description, quote=False)}</small>"

    def _lignes_existantes(self) -> list[tuple[int, dict[str, str]]]:
        """The file's lines as {column: cell} with their spreadsheet numbers; none if it cannot be read."""
        if not self.fichier.exists():
            return []
        lignes, _ = lire_lignes_csv(self.fichier)
        if not lignes:
            return []
        entete = lignes[0]
        return [(numero, dict(zip(entete, ligne))) for numero, ligne in enumerate(lignes[1:], start=2) if any(ligne)]

    def problemes(self) -> list[str]:
        """What prevents adding this structure: the répertoire's rules, named by the field's label."""
        cellules = self.valeurs()
        libelles = {colonne.nom: colonne.libelle for colonne in self.dictionnaire.colonnes}
        problemes = [f"{libelles[colonne]} (colonne {colonne}) : {probleme}"
                     for colonne, probleme in problemes_fiche(cellules, aujourd_hui=self.aujourd_hui)]
        structure, commune = cellules["structure"], cellules["commune"]
        if structure and commune:
            cle = cle_doublon(structure, commune)
            for numero, ligne in self._lignes_existantes():
                if cle_doublon(ligne.get("structure", ""), ligne.get("commune", "")) == cle:
                    lieu = f"{numero} de {self.fichier.name}"
                    problemes.append(f"{libelles['structure']} (colonne structure) : "
                                     f"{message_doublon(structure, commune, lieu)}")
                    break
        return problemes

    def nombre_structures(self) -> int:
        return self.nombre_releves()

    def _compter(self) -> None:
        """« 3 structures dans mon_repertoire.csv. »"""
        texte = f"{count_fr(self.nombre_structures(), 'structure')} dans {self.fichier.name}."
        self.message.value = f"<p>{html.escape(texte, quote=False)}</p>"

    def _refuser(self, raisons: list[str]) -> None:
        items = "".join(f"<li>{html.escape(raison, quote=False)}</li>" for raison in raisons)
        self.message.value = f"<p><b>Structure non ajoutée.</b> À corriger :</p><ul>{items}</ul>"

    def enregistrer(self) -> bool:
        """Check the structure and append it to the répertoire; True when it was written."""
        if not self.problemes():
            self.fichier.parent.mkdir(parents=True, exist_ok=True)  # « terrain/repertoire.csv » on a first use
        return super().enregistrer()


def fiche_structure(fichier: str | Path = FICHIER_REPERTOIRE, *,
                    aujourd_hui: dt.date | str | None = None) -> widgets.VBox:
    """Affiche la fiche de saisie du répertoire ; chaque structure ajoutée s'inscrit dans `fichier` (CSV)."""
    return FicheStructure(fichier, aujourd_hui=aujourd_hui).widget
