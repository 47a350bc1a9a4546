"""Data entry for the « piste terrain »: one form per observation, appended to the learner's CSV.

A learner who collects their own data (observation grid, survey…) often has no spreadsheet at hand, or
mistypes a category. This widget shows one labelled field per column of the assignment's codebook
(`dictionnaire_variables.yaml`, released beside the notebook), checks the row with exactly the rules of
`valider_terrain` — including the anonymisation check of free text: a flagged text is refused and nothing
is written — and appends it to the CSV that `charger_terrain` / `charger_piste` load.

Mechanics only: every label, category and range comes from the codebook. Accessibility: each field
has a visible label (its `description`), the fields follow the codebook's order (so does the Tab key),
and every message is text — nothing is conveyed by colour alone.
"""
from __future__ import annotations

import csv
import html
from decimal import Decimal
from pathlib import Path

import ipywidgets as widgets

from ..terrain import (CATEGORIE, CRENEAU, DECIMAL, ENTIER, FICHIER_DICTIONNAIRE, FICHIER_TERRAIN, TEXTE, Colonne,
                       Dictionnaire, lire_lignes_csv, probleme_cellule, resoudre_dictionnaire, valeur_normalisee)

__all__ = ["SaisieTerrain", "saisir_terrain"]

BOUTON = "Enregistrer ce relevé"
CHOISIR = "(choisir)"
NON_RENSEIGNE = "non renseigné"
_STYLE = {"description_width": "initial"}
_GRAND = 10**9  # bound of a number the codebook leaves open (Bounded widgets need one)


def releves(n: int) -> str:
    """« 0 relevé enregistré », « 1 relevé enregistré », « 3 relevés enregistrés »."""
    return f"{n} relevé enregistré" if n <= 1 else f"{n} relevés enregistrés"


def _aide(colonne: Colonne) -> str:
    """The visible help line under a field: the codebook's description, then what the field expects."""
    morceaux = [colonne.description] if colonne.description else []
    if colonne.type == ENTIER:
        bornes = colonne.bornes()
        morceaux.append(f"Nombre entier{', ' + bornes if bornes else ''}.")
    elif colonne.type == DECIMAL:
        bornes = colonne.bornes()
        morceaux.append(f"Nombre{', ' + bornes if bornes else ''}.")
    elif colonne.type == CRENEAU:
        morceaux.append("Format HH:MM, par exemple 08:30.")
    elif colonne.type == TEXTE:
        morceaux.append("Texte libre, anonyme : aucun nom, adresse, téléphone ni courriel.")
    return " ".join(morceaux)


class SaisieTerrain:
    """The form, its button and its message; the rows live in the CSV file, not in the widget."""

    def __init__(self, dictionnaire: Dictionnaire, fichier: str | Path = FICHIER_TERRAIN) -> None:
        self.dictionnaire = dictionnaire
        self.fichier = Path(fichier)
        self.champs: dict[str, widgets.ValueWidget] = {}
        self.non_renseigne: dict[str, widgets.Checkbox] = {}  # optional numbers: a number field cannot be empty
        blocs: list[widgets.Widget] = []
        if dictionnaire.titre:
            blocs.append(widgets.HTML(f"<h4>{html.escape(dictionnaire.titre, quote=False)}</h4>"))
        if dictionnaire.consigne:
            blocs.append(widgets.HTML(f"<p>{html.escape(dictionnaire.consigne, quote=False)}</p>"))
        for colonne in dictionnaire.colonnes:
            champ = self._champ(colonne)
            self.champs[colonne.nom] = champ
            ligne: widgets.Widget = champ
            if colonne.type in (ENTIER, DECIMAL) and not colonne.obligatoire:
                case = widgets.Checkbox(value=False, description=NON_RENSEIGNE, indent=False,
                                        tooltip=f"{colonne.libelle} : {NON_RENSEIGNE}")
                self.non_renseigne[colonne.nom] = case
                ligne = widgets.HBox([champ, case])
            aide = _aide(colonne)  # visible text, not a tooltip: read by everyone, and by screen readers
            if aide:
                blocs.append(widgets.VBox([ligne, widgets.HTML(f"<small>{html.escape(aide, quote=False)}</small>")]))
            else:
                blocs.append(widgets.VBox([ligne]))
        self.bouton = widgets.Button(description=BOUTON, button_style="primary", icon="save",
                                     layout=widgets.Layout(width="auto"))
        self.bouton.on_click(self._clic)
        self.message = widgets.HTML()
        if self.nombre_releves():
            self._compter()
        self.widget = widgets.VBox(blocs + [self.bouton, self.message])

    @staticmethod
    def _champ(colonne: Colonne) -> widgets.ValueWidget:
        description = colonne.libelle if colonne.obligatoire else f"{colonne.libelle} (facultatif)"
        commun = {"description": description, "style": _STYLE}
        if colonne.type == CATEGORIE:
            options = [(CHOISIR, "")] + [(valeur, valeur) for valeur in colonne.valeurs]
            return widgets.Dropdown(options=options, value="", **commun)
        if colonne.type in (ENTIER, DECIMAL):
            bas = colonne.min if colonne.min is not None else -_GRAND
            haut = colonne.max if colonne.max is not None else _GRAND
            depart = min(max(0, bas), haut)
            if colonne.type == ENTIER:
                return widgets.BoundedIntText(value=int(depart), min=int(bas), max=int(haut), **commun)
            return widgets.BoundedFloatText(value=float(depart), min=float(bas), max=float(haut), **commun)
        placeholder = "HH:MM" if colonne.type == CRENEAU else ""
        # Sent once, when the field is left (before any button is pressed): while the kernel is busy, ipywidgets
        # holds back a field's keystroke-by-keystroke updates, and a click could overtake them.
        return widgets.Text(value="", placeholder=placeholder, continuous_update=False,
                            layout=widgets.Layout(width="90%"), **commun)

    def valeurs(self) -> dict[str, str]:
        """The row as CSV cells (text), before normalisation."""
        cellules = {}
        for colonne in self.dictionnaire.colonnes:
            valeur = self.champs[colonne.nom].value
            case = self.non_renseigne.get(colonne.nom)
            if (case is not None and case.value) or valeur is None:
                cellules[colonne.nom] = ""
            elif colonne.type == ENTIER:
                cellules[colonne.nom] = str(int(valeur))
            elif colonne.type == DECIMAL:
                cellules[colonne.nom] = format(Decimal(repr(float(valeur))), "f")  # 1e-05 → 0.00001, never « e »
            else:
                cellules[colonne.nom] = str(valeur).strip()
        return cellules

    def problemes(self) -> list[str]:
        """What prevents saving this row: the rules of `valider_terrain`, named by the field's label."""
        cellules = self.valeurs()
        problemes = []
        for colonne in self.dictionnaire.colonnes:
            probleme = probleme_cellule(colonne, cellules[colonne.nom])
            if probleme:
                problemes.append(f"{colonne.libelle} (colonne {colonne.nom}) : {probleme}")
        return problemes

    def nombre_releves(self) -> int:
        """Rows already in the file (blank lines excluded), 0 when it does not exist yet."""
        lignes, _ = lire_lignes_csv(self.fichier) if self.fichier.exists() else ([], None)
        return sum(1 for ligne in (lignes or [])[1:] if any(ligne))

    def _compter(self) -> None:
        """« N relevés enregistrés dans mes_donnees.csv. »"""
        texte = f"{releves(self.nombre_releves())} dans {self.fichier.name}."
        self.message.value = f"<p>{html.escape(texte, quote=False)}</p>"

    def _refuser(self, raisons: list[str]) -> None:
        items = "".join(f"<li>{html.escape(raison, quote=False)}</li>" for raison in raisons)
        self.message.value = f"<p><b>Relevé non enregistré.</b> À corriger :</p><ul>{items}</ul>"

    def enregistrer(self) -> bool:
        """Validate the row and append it to the file; True when it was written."""
        problemes = self.problemes()
        if problemes:
            self._refuser(problemes)
            return False
        noms = self.dictionnaire.noms
        nom_fichier = self.fichier.name
        ecrire_entete, saut = True, ""
        if self.fichier.exists():
            lignes, raison = lire_lignes_csv(self.fichier)
            if lignes is None:
                self._refuser([raison])
                return False
            if any(any(ligne) for ligne in lignes):
                if lignes[0] != noms:
                    self._refuser([f"{nom_fichier} : sa première ligne ne donne pas les colonnes du dictionnaire des "
                                   f"variables ({', '.join(noms)}). Choisissez un autre fichier ou corrigez-la."])
                    return False
                ecrire_entete = False
                texte = self.fichier.read_text(encoding="utf-8-sig")
                saut = "" if texte.endswith(("\n", "\r")) else "\n"
        cellules = self.valeurs()
        ligne = [valeur_normalisee(self.dictionnaire.colonne(nom), cellules[nom]) for nom in noms]
        self.fichier.parent.mkdir(parents=True, exist_ok=True)  # a file under « terrain/ » on first save
        with self.fichier.open("w" if ecrire_entete else "a", encoding="utf-8", newline="") as sortie:
            sortie.write(saut)
            ecrivain = csv.writer(sortie, lineterminator="\n")
            if ecrire_entete:
                ecrivain.writerow(noms)
            ecrivain.writerow(ligne)
        for colonne in self.dictionnaire.colonnes:
            if colonne.type == TEXTE:
                self.champs[colonne.nom].value = ""
        self._compter()
        return True

    def _clic(self, _bouton=None) -> None:
        self.enregistrer()


def saisir_terrain(dictionnaire: Dictionnaire | str | Path = FICHIER_DICTIONNAIRE,
                   fichier: str | Path = FICHIER_TERRAIN) -> widgets.VBox:
    """Affiche le formulaire de saisie de vos relevés de terrain ; chaque relevé est ajouté à `fichier` (CSV)."""
    return SaisieTerrain(resoudre_dictionnaire(dictionnaire), fichier).widget
