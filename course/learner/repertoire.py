"""Le répertoire des structures et la carte du territoire (M2.1, puis M4.1, M4.3, M5.3).

A répertoire tells a professional where to send someone: which structure, for whom, on what conditions,
where, when. This module gives the learner the same tools whatever the track:

- the shared fictional territory, l'Aurelle (`charger_territoire`: communes, structures, orientations);
- the répertoire's fixed columns (`colonnes_repertoire`, `dictionnaire_repertoire`) and a template;
- mechanical checks only (`verifier_repertoire`): empty cells, values outside the closed lists,
  duplicates, the month of the last verification, and the course's anonymisation rule for répertoires
  (a contact is a function, never a named person; no phone number or e-mail, but « coordonnées publiques
  vérifiées le MM/AAAA »). Whether an entry is *right* (the conditions of access of a Mission locale…) is
  the trainer's job: the checks never grade;
- `repertoire_en_markdown` (a table to paste in a written answer) and `exporter_repertoire` (the course's
  CSV dialect);
- figures on matplotlib's object API (`fond_de_carte`, `reseau`) that return the axes and a one-sentence
  French text alternative with the key figures, for screen-reader users and for the learner's own caption;
  the layers the learner adds on a map are read back by `couches_carte` (label, number of points, marker
  shape: for the hidden tests) and put into words by `decrire_carte` (the map's text alternative);
- testing a répertoire on PRACTICE situations (`filtrer_repertoire`, `comparer_orientations`,
  `retour_orientations`; widget `widgets.tester_repertoire`): the situations and their expected reading
  are a YAML file of the assignment, released beside the notebook, never a graded situation.

An organisation's name is allowed in a répertoire, even when it is a person's name (« centre social
Louise-Michel »): only `contact_fonction` is checked for named people. Messages name the file, the line as
a spreadsheet shows it (header = line 1) and the column, like the « piste terrain » (`terrain.py`), whose
reading of CSV files and closed-list checks are reused here.
"""
from __future__ import annotations

import datetime as dt
import math
import re
import textwrap
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from .. import CourseError, data
from ..formatting import count_fr
from ..palette import INK, LINE, MUTED
from .donnees_personnelles import COURRIEL, NOM_COMPLET, TELEPHONE, detecter_donnees_personnelles
from .widgets.contenu import lire_contenu
from .terrain import (CATEGORIE, TEXTE, Colonne, Dictionnaire, lire_table, modele_csv, nom_interdit, probleme_cellule,
                      erreur_problemes, valeur_normalisee)

__all__ = [
    "CHAMPS", "CONDITIONS_ACCES", "FICHIER_REPERTOIRE", "FICHIER_SITUATIONS", "MARQUEURS_CHAMPS", "MODALITES",
    "RELATIONS", "Attendue", "Comparaison", "Couche", "Situation", "Situations", "ajouter_positions",
    "charger_territoire", "colonnes_repertoire", "comparer_orientations", "couches_carte", "decrire_carte",
    "dictionnaire_repertoire", "exporter_repertoire", "filtrer_repertoire", "fond_de_carte", "lire_situations",
    "modele_repertoire", "position_schematique", "problemes_fiche", "repertoire_en_markdown", "reseau",
    "retour_orientations", "valider_situations", "verifier_repertoire",
]

FICHIER_REPERTOIRE = "mon_repertoire.csv"
JEUX_TERRITOIRE = ("territoire_communes", "territoire_structures", "territoire_liens")

CHAMPS = ("emploi", "formation", "logement/hébergement", "santé", "droits/budget", "mobilité", "famille/enfance",
          "justice", "numérique")
CONDITIONS_ACCES = ("libre", "sur orientation", "sur prescription")
MODALITES = ("sans RDV", "sur RDV", "permanence")
RELATIONS = ("partenaire opérationnel", "prescripteur", "financeur", "organisme de formation", "orienteur vers nous")
DUREE_VALIDITE_MOIS = 12
REMPLACEMENT_COORDONNEES = "coordonnées publiques vérifiées le MM/AAAA"
NBSP = "\u00a0"


def _colonne(nom: str, libelle: str, description: str, valeurs: tuple[str, ...] = ()) -> Colonne:
    return Colonne(nom, libelle, CATEGORIE if valeurs else TEXTE, True, valeurs, description=description)


# The fixed schema (design BLOCS-2-5 §a2), in the order of a répertoire's line; every column is mandatory.
SCHEMA = (
    _colonne("structure", "Structure", "Le nom de la structure et, s'il y en a plusieurs, du lieu (« Mission "
             "locale de …, antenne de … »). Le nom d'un organisme est permis."),
    _colonne("type", "Type de structure", "Par exemple : CCAS, Mission locale, association, France Services."),
    _colonne("champ", "Champ", "Le domaine principal de la structure.", CHAMPS),
    _colonne("publics", "Publics", "Qui la structure reçoit, avec les conditions d'âge ou de statut (« jeunes de "
             "16 à 25 ans révolus »)."),
    _colonne("conditions_acces", "Conditions d'accès", "Libre : la personne y va d'elle-même ; sur orientation : "
             "un professionnel l'adresse ; sur prescription : une prescription ou une décision est nécessaire.",
             CONDITIONS_ACCES),
    _colonne("modalite", "Modalité d'accueil", "Permanence : la structure reçoit dans un autre lieu, à jours "
             "fixes.", MODALITES),
    _colonne("commune", "Commune", "La commune où la structure reçoit (pour une permanence : celle de la "
             "permanence)."),
    _colonne("jours_horaires", "Jours et horaires", "Par exemple : « du lundi au vendredi, 9 h-12 h »."),
    _colonne("relation_a_ma_structure", "Relation à ma structure", "Ce que cette structure est pour la vôtre.",
             RELATIONS),
    _colonne("contact_fonction", "Contact (fonction)", "Une fonction (« accueil », « secrétariat », « conseillère "
             "en insertion »), jamais le nom d'une personne."),
    _colonne("source", "Source", "Où l'information a été trouvée ou vérifiée. Aucun numéro de téléphone ni "
             f"courriel : écrivez « {REMPLACEMENT_COORDONNEES} »."),
    _colonne("verifie_le", "Vérifié le", "Le mois de la dernière vérification, par exemple 2026-03 ; à "
             "refaire au moins tous les 12 mois."),
)
_PAR_NOM = {colonne.nom: colonne for colonne in SCHEMA}


# ---------------------------------------------------------------------------------------------
# The territory and the schema
# ---------------------------------------------------------------------------------------------
def charger_territoire() -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Charge le territoire fictif de l'Aurelle : (communes, structures, liens d'orientation).

    The three course datasets `territoire_communes`, `territoire_structures` and `territoire_liens`, with
    their data cards (`afficher_fiche(...)`).
    """
    communes, structures, liens = (data.load(nom) for nom in JEUX_TERRITOIRE)
    return communes, structures, liens


def colonnes_repertoire() -> list[str]:
    """Les colonnes d'un répertoire, dans l'ordre : toutes sont obligatoires."""
    return [colonne.nom for colonne in SCHEMA]


def dictionnaire_repertoire() -> Dictionnaire:
    """The schema as a « piste terrain » codebook: labels, closed lists and help texts for forms and templates."""
    return Dictionnaire(
        fichier="répertoire",
        colonnes=SCHEMA,
        titre="Ajouter une structure au répertoire",
        consigne="Une fiche par structure et par commune. Le contact est une fonction, jamais le nom d'une "
                 "personne ; aucun numéro de téléphone ni courriel (règle d'anonymisation du cours).",
    )


def modele_repertoire(chemin: str | Path = FICHIER_REPERTOIRE) -> Path:
    """Écrit un répertoire vide (la ligne des noms de colonnes) à remplir dans un tableur.

    A file that already holds structures is never replaced (`terrain.modele_csv`'s rule).
    """
    return modele_csv(dictionnaire_repertoire(), chemin)


# ---------------------------------------------------------------------------------------------
# Checks of one line
# ---------------------------------------------------------------------------------------------
_MOIS = re.compile(r"(?P<annee>\d{4})-(?P<mois>0[1-9]|1[0-2])")
# A civility names a person (« Mme K. »), unless an article follows: « Madame la directrice » is a function.
_CIVILITE = re.compile(r"(?<![\w.])(?:M\.|MM\.|Mme|Mmes|Mlle|Mlles|Monsieur|Madame|Mademoiselle)(?!\w)"
                       r"(?![ \u00a0\u202f]+(?:le|la|les|l['’])(?!\w))(?:[ \u00a0\u202f]+[^\s,;:()]+)?")


def _mois_de(aujourd_hui: dt.date | str | None) -> tuple[int, int]:
    """(year, month) of the reference date: today by default, or a date, or « AAAA-MM »."""
    if aujourd_hui is None:
        aujourd_hui = dt.date.today()
    if isinstance(aujourd_hui, dt.date):
        return aujourd_hui.year, aujourd_hui.month
    m = _MOIS.fullmatch(str(aujourd_hui).strip())
    if not m:
        raise CourseError(f"Date de référence « {aujourd_hui} » illisible : écrivez un mois AAAA-MM (par exemple "
                          "2026-03) ou une date.")
    return int(m["annee"]), int(m["mois"])


def _probleme_mois(valeur: str, reference: tuple[int, int]) -> str | None:
    """The month of the last verification: AAAA-MM, not in the future, at most 12 months old."""
    ref_texte = f"{reference[0]:04d}-{reference[1]:02d}"  # the example is the current month: always valid
    m = _MOIS.fullmatch(valeur)
    if not m:
        return f"« {valeur} » n'est pas un mois au format AAAA-MM (par exemple {ref_texte})"
    ecart = (reference[0] - int(m["annee"])) * 12 + reference[1] - int(m["mois"])
    if ecart < 0:
        return f"{valeur} est un mois à venir (nous sommes en {ref_texte})"
    if ecart > DUREE_VALIDITE_MOIS:
        return (f"dernière vérification en {valeur}, il y a {ecart} mois : vérifiez de nouveau cette structure "
                f"(au moins tous les {DUREE_VALIDITE_MOIS} mois)")
    return None


def _coordonnees(valeur: str) -> list[str]:
    """Phone numbers and e-mails, anywhere: a répertoire writes « coordonnées publiques vérifiées le MM/AAAA »."""
    problemes = []
    for donnee in detecter_donnees_personnelles(valeur):
        if donnee.categorie == TELEPHONE:
            problemes.append(f"numéro de téléphone « {donnee.extrait} » à retirer : écrivez plutôt "
                             f"« {REMPLACEMENT_COORDONNEES} »")
        elif donnee.categorie == COURRIEL:
            problemes.append(f"adresse de courriel « {donnee.extrait} » à retirer : écrivez plutôt "
                             f"« {REMPLACEMENT_COORDONNEES} »")
    return problemes


def _personne_nommee(extrait: str) -> str:
    return (f"une personne est nommée (« {extrait} ») : indiquez une fonction (« accueil », « conseillère en "
            "insertion »…), jamais le nom d'une personne")


def _contact(valeur: str) -> list[str]:
    """The contact is a function: no full name (the course's detector), no civility (« Mme K. »), no number."""
    problemes = []
    occupes = []
    for donnee in detecter_donnees_personnelles(valeur):
        if not donnee.a_retirer or donnee.categorie in (TELEPHONE, COURRIEL):
            continue
        occupes.append((donnee.position, donnee.fin))
        if donnee.categorie == NOM_COMPLET:
            problemes.append(_personne_nommee(donnee.extrait))
        else:
            problemes.append(f"donnée personnelle à retirer ({donnee.categorie} : « {donnee.extrait} »)")
    for m in _CIVILITE.finditer(valeur):
        if all(m.end() <= debut or m.start() >= fin for debut, fin in occupes):
            problemes.append(_personne_nommee(m.group()))
    return problemes + _coordonnees(valeur)


def problemes_fiche(fiche: Mapping[str, object], *, aujourd_hui: dt.date | str | None = None) -> list[tuple[str, str]]:
    """Ce qui ne va pas dans une ligne du répertoire : une liste de (colonne, problème), dans l'ordre des colonnes.

    The cells are read as text (missing or NaN = empty). Shared by `verifier_repertoire` (a whole table)
    and the entry form (one line), so that both apply exactly the same rules.
    """
    return _problemes_fiche(fiche, _mois_de(aujourd_hui))


def _problemes_fiche(fiche: Mapping[str, object], reference: tuple[int, int]) -> list[tuple[str, str]]:
    problemes = []
    for colonne in SCHEMA:
        valeur = _texte(fiche.get(colonne.nom))
        probleme = probleme_cellule(colonne, valeur) if valeur == "" or colonne.type == CATEGORIE else None
        if probleme:
            problemes.append((colonne.nom, probleme))
            continue
        if colonne.nom == "verifie_le":
            probleme = _probleme_mois(valeur, reference)
            trouves = [probleme] if probleme else []
        elif colonne.nom == "contact_fonction":
            trouves = _contact(valeur)
        else:
            trouves = _coordonnees(valeur)
        problemes += [(colonne.nom, p) for p in trouves]
    return problemes


def _texte(valeur) -> str:
    """A cell as stripped text: None, NaN and pandas' missing values are empty."""
    if valeur is None or valeur is pd.NA or (isinstance(valeur, float) and math.isnan(valeur)):
        return ""
    if isinstance(valeur, float) and valeur.is_integer():
        return str(int(valeur))
    return str(valeur).strip()


def cle_doublon(structure: str, commune: str) -> tuple[str, str]:
    """Two lines are the same structure in the same commune whatever the case, accents or spaces."""
    def forme(texte: str) -> str:
        decompose = unicodedata.normalize("NFD", texte.casefold())
        return " ".join("".join(c for c in decompose if not unicodedata.combining(c)).split())
    return forme(structure), forme(commune)


def message_doublon(structure: str, commune: str, ligne: int | str) -> str:
    return f"« {structure} » à {commune} figure déjà ligne {ligne} : une seule ligne par structure et par commune"


# ---------------------------------------------------------------------------------------------
# Checks of a whole répertoire
# ---------------------------------------------------------------------------------------------
def verifier_repertoire(tableau_ou_chemin: pd.DataFrame | str | Path, *, aujourd_hui: dt.date | str | None = None,
                        fichier: str | None = None) -> list[str]:
    """Tous les problèmes d'un répertoire (tableau ou fichier CSV), en français ; liste vide si tout va bien.

    Each message names the file (a DataFrame is called `fichier`, « tableau » by default), the line as a
    spreadsheet shows it (header = line 1, the DataFrame's rows from line 2) and the column. The month of
    verification is compared with `aujourd_hui` (today by default; a date or « AAAA-MM »). Columns outside
    the schema are allowed (positions, notes…), but they are scanned for phone numbers and e-mails too.
    """
    reference = _mois_de(aujourd_hui)
    lecture, nom = lire_table(tableau_ou_chemin, fichier)
    problemes = list(lecture.problemes)
    if not lecture.entete:
        return problemes
    positions, problemes_entete = _positions_colonnes(lecture.entete, nom)
    problemes += problemes_entete
    ordre = [c for c in colonnes_repertoire() if c in positions] + [c for c in positions if c not in _PAR_NOM]
    vues: dict[tuple[str, str], int] = {}
    for numero, ligne in lecture.lignes:
        cellules = {c: ligne[i] for c, i in positions.items()}
        par_colonne = _problemes_ligne(cellules, reference, vues, numero)
        problemes += [f"{nom}, ligne {numero}, colonne {c} : {p}" for c in ordre for p in par_colonne.get(c, [])]
    return problemes


def _positions_colonnes(entete: list[str], nom: str) -> tuple[dict[str, int], list[str]]:
    """The usable columns and their positions, and the header's problems (line 1)."""
    positions: dict[str, int] = {}
    problemes = []
    for position, colonne in enumerate(entete):
        if colonne == "":
            problemes.append(f"{nom}, ligne 1, colonne n° {position + 1} : colonne sans nom")
        elif colonne in positions:
            problemes.append(f"{nom}, ligne 1, colonne {colonne} : colonne en double")
        elif nom_interdit(colonne):
            problemes.append(f"{nom}, ligne 1, colonne {colonne} : colonne interdite, elle identifierait directement "
                             "une personne (supprimez-la du fichier)")
        else:
            positions[colonne] = position
    problemes += [f"{nom}, ligne 1, colonne {c} : colonne manquante" for c in colonnes_repertoire()
                  if c not in positions]
    return positions, problemes


def _problemes_ligne(cellules: dict[str, str], reference: tuple[int, int], vues: dict[tuple[str, str], int],
                     numero: int) -> dict[str, list[str]]:
    """One line's problems by column: the line's own, a duplicate of a line seen before (`vues` is updated),
    and phone numbers or e-mails in the columns outside the schema."""
    par_colonne: dict[str, list[str]] = {}
    for colonne, probleme in _problemes_fiche(cellules, reference):
        if colonne in cellules:  # a missing column is reported once, on line 1
            par_colonne.setdefault(colonne, []).append(probleme)
    structure, commune = cellules.get("structure", ""), cellules.get("commune", "")
    if structure and commune:
        cle = cle_doublon(structure, commune)
        if cle in vues:
            par_colonne.setdefault("structure", []).append(message_doublon(structure, commune, vues[cle]))
        else:
            vues[cle] = numero
    for colonne in cellules:
        if colonne not in _PAR_NOM:
            par_colonne[colonne] = _coordonnees(cellules[colonne])
    return par_colonne



# ---------------------------------------------------------------------------------------------
# Markdown and CSV
# ---------------------------------------------------------------------------------------------
def _colonnes_choisies(tableau: pd.DataFrame, colonnes: list[str] | None) -> list[str]:
    choisies = colonnes_repertoire() if colonnes is None else list(colonnes)
    manquantes = [c for c in choisies if c not in tableau.columns]
    if manquantes:
        raise CourseError(f"Le tableau n'a pas la colonne « {manquantes[0]} » (colonnes du tableau : "
                          f"{', '.join(map(str, tableau.columns))}).")
    return choisies


def _cellule_markdown(valeur) -> str:
    return " ".join(_texte(valeur).split()).replace("|", "\\|")


def repertoire_en_markdown(tableau: pd.DataFrame, colonnes: list[str] | None = None) -> str:
    """Le répertoire en tableau Markdown (à coller dans un écrit), avec les libellés des colonnes en en-tête.

    All the schema's columns by default, or those of `colonnes` (any column of the table). Empty cells
    stay empty; a « | » inside a cell is escaped and line breaks become spaces, so the table never breaks.
    """
    choisies = _colonnes_choisies(tableau, colonnes)
    entete = [_PAR_NOM[c].libelle if c in _PAR_NOM else c for c in choisies]
    lignes = ["| " + " | ".join(entete) + " |", "|" + "---|" * len(choisies)]
    for _, ligne in tableau[choisies].iterrows():
        lignes.append("| " + " | ".join(_cellule_markdown(ligne[c]) for c in choisies) + " |")
    return "\n".join(lignes) + "\n"


def exporter_repertoire(tableau: pd.DataFrame, chemin: str | Path = "repertoire.csv", *,
                        aujourd_hui: dt.date | str | None = None) -> Path:
    """Enregistre le répertoire en CSV (UTF-8, virgule), colonnes du répertoire seulement, s'il n'a aucun problème.

    Nothing is written while `verifier_repertoire` finds a problem: an exported répertoire circulates, so
    it must hold no phone number, e-mail or named contact, and every entry must have been checked within
    12 months. Closed-list values are written with the schema's spelling.
    """
    chemin = Path(chemin)
    problemes = verifier_repertoire(tableau, aujourd_hui=aujourd_hui, fichier="tableau")
    if problemes:
        raise erreur_problemes("Le répertoire n'est pas enregistré : il a ", problemes)
    propre = pd.DataFrame({
        colonne.nom: [valeur_normalisee(colonne, _texte(v)) for v in tableau[colonne.nom]] for colonne in SCHEMA
    })
    chemin.parent.mkdir(parents=True, exist_ok=True)
    chemin.write_text(data.to_csv_text(propre), encoding="utf-8")
    return chemin


# ---------------------------------------------------------------------------------------------
# Schematic positions
# ---------------------------------------------------------------------------------------------
_DIRECTIONS = {
    "n": 90, "nord": 90, "ne": 45, "nord-est": 45, "e": 0, "est": 0, "se": -45, "sud-est": -45,
    "s": -90, "sud": -90, "so": -135, "sud-ouest": -135, "o": 180, "ouest": 180, "no": 135, "nord-ouest": 135,
}


def _angle(direction) -> float | None:
    if not isinstance(direction, str):
        return None
    decompose = unicodedata.normalize("NFD", direction.casefold())
    cle = "-".join("".join(c for c in decompose if not unicodedata.combining(c)).replace("-", " ").split())
    return _DIRECTIONS.get(cle)


def _distance(distance_km) -> float | None:
    """A distance in km (« 12.5 », « 12,5 » or a number), or None when it is not a number ≥ 0."""
    try:
        valeur = float(str(distance_km).strip().replace(",", "."))
    except ValueError:
        return None
    return valeur if math.isfinite(valeur) and valeur >= 0 else None


def _probleme_direction(direction) -> str:
    return f"direction inconnue « {direction} » : écrivez N, NE, E, SE, S, SO, O ou NO (ou nord, nord-est…)"


def _probleme_distance(distance) -> str:
    return f"« {distance} » n'est pas une distance en kilomètres (un nombre positif ou nul, par exemple 12.5)"


def position_schematique(distance_km: float, direction: str) -> tuple[float, float]:
    """Position (x, y) en km d'un lieu situé à `distance_km` de votre structure, dans la direction donnée.

    Your structure is at (0, 0), north up, east right; directions are the eight points of the compass
    (N, NE, E, SE, S, SO, O, NO, or in words). Rounded to 0.1 km: a schematic map, not a survey.
    """
    angle, distance = _angle(direction), _distance(distance_km)
    if distance is None:
        raise CourseError(f"Position schématique : {_probleme_distance(distance_km)}.")
    if angle is None:
        raise CourseError(f"Position schématique : {_probleme_direction(direction)}.")
    x = round(distance * math.cos(math.radians(angle)), 1) + 0.0  # + 0.0: never « -0.0 »
    y = round(distance * math.sin(math.radians(angle)), 1) + 0.0
    return x, y


def _probleme_lieu(colonne: str, valeur: str) -> str | None:
    """What is wrong with a cell of `distance_km` or `direction`, or None."""
    if valeur == "":
        return "valeur obligatoire manquante"
    if colonne == "distance_km":
        return None if _distance(valeur) is not None else _probleme_distance(valeur)
    return None if _angle(valeur) is not None else _probleme_direction(valeur)


def ajouter_positions(communes: pd.DataFrame, *, fichier: str | None = None) -> pd.DataFrame:
    """Ajoute x_km et y_km à un tableau de communes qui donne `distance_km` et `direction` (piste terrain).

    All problems are reported at once, each with its line (header = line 1) and column; nothing is
    returned while one remains. The table itself is not modified: a copy is returned.
    """
    nom = fichier or "tableau"
    manquantes = [c for c in ("distance_km", "direction") if c not in communes.columns]
    if manquantes:
        raise CourseError(f"{nom}, ligne 1, colonne {manquantes[0]} : colonne manquante")
    problemes, positions = [], []
    for numero, (distance, direction) in enumerate(zip(communes["distance_km"], communes["direction"]), start=2):
        cellules = {"distance_km": _texte(distance), "direction": _texte(direction)}
        trouves = [(c, p) for c, v in cellules.items() if (p := _probleme_lieu(c, v))]
        problemes += [f"{nom}, ligne {numero}, colonne {c} : {p}" for c, p in trouves]
        if not problemes:
            positions.append(position_schematique(cellules["distance_km"], cellules["direction"]))
    if problemes:
        raise erreur_problemes(f"Le tableau « {nom} » a ", problemes)
    return communes.assign(x_km=[x for x, _ in positions], y_km=[y for _, y in positions])


# ---------------------------------------------------------------------------------------------
# Figures
# ---------------------------------------------------------------------------------------------
def _entier(n: int) -> str:
    """1234567 → « 1 234 567 » with no-break spaces (French thousands)."""
    return f"{n:,}".replace(",", NBSP)


def _verifier_colonnes(tableau: pd.DataFrame, colonnes: tuple[str, ...], quoi: str) -> None:
    manquantes = [c for c in colonnes if c not in tableau.columns]
    if manquantes:
        raise CourseError(f"{quoi} : la colonne « {manquantes[0]} » manque (colonnes attendues : "
                          f"{', '.join(colonnes)}).")


def longueur_echelle(etendue_km: float) -> int:
    """A round scale-bar length, about a fifth of the map's width: 1, 2, 5, 10, 20, 50… km."""
    cible = max(etendue_km, 1.0) / 5
    for facteur in (1, 10, 100):
        for base in (1, 2, 5):
            if base * facteur >= cible:
                return base * facteur
    return 1000


def fond_de_carte(communes: pd.DataFrame, ax, *, titre: str | None = None):
    """Dessine le fond de carte : un cercle gris par commune (surface proportionnelle à la population), les noms,
    une barre d'échelle et un titre. Renvoie (ax, texte) : `texte` décrit la carte en une phrase.

    Needs the columns `commune`, `population`, `x_km`, `y_km` (kilometres on a schematic plane). The
    learner then adds the structures' layer with `ax.scatter` on the same axes.
    """
    _verifier_colonnes(communes, ("commune", "population", "x_km", "y_km"), "Fond de carte")
    if communes.empty:
        raise CourseError("Fond de carte : le tableau des communes est vide.")
    x, y, population = communes["x_km"].astype(float), communes["y_km"].astype(float), communes["population"]
    tailles = 1200 * population / population.max()
    # Grey, no hue: the base map codes nothing by colour and leaves the palette's colours to the learner's layers.
    ax.scatter(x, y, s=tailles, color=LINE, edgecolors=MUTED, linewidths=0.6, zorder=1)
    # An empty twin of normal size carries the legend entry: the real circles would fill the legend box.
    ax.scatter([], [], s=60, color=LINE, edgecolors=MUTED, linewidths=0.6,
               label="Commune (surface proportionnelle à la population)")
    from matplotlib.patheffects import withStroke  # imported by the figure only: no matplotlib on module import

    halo = [withStroke(linewidth=2.5, foreground="white")]  # names stay readable over the learner's points
    for nom, xi, yi in zip(communes["commune"], x, y):
        ax.annotate(str(nom), (xi, yi), xytext=(0, 5), textcoords="offset points", ha="center", va="bottom",
                    fontsize=7, color=INK, zorder=5, path_effects=halo)
    marge = 3.0
    ax.set_xlim(x.min() - marge, x.max() + marge)
    ax.set_ylim(y.min() - marge - 1, y.max() + marge)
    echelle = longueur_echelle(x.max() - x.min())
    _barre_echelle(ax, x.min() - marge + 1, y.min() - marge + 0.5, echelle)
    ax.set_aspect("equal")
    ax.set_xlabel("Ouest → est (km)")
    ax.set_ylabel("Sud → nord (km)")
    ax.set_title(titre or "Les communes du territoire")
    return ax, _texte_carte(communes, echelle)


def _barre_echelle(ax, x: float, y: float, longueur: int) -> None:
    """A black bar of `longueur` km from (x, y), its length written above it."""
    ax.plot([x, x + longueur], [y, y], color=INK, linewidth=2.5, zorder=3)
    ax.annotate(f"{longueur} km", (x + longueur / 2, y), xytext=(0, 4), textcoords="offset points", ha="center",
                va="bottom", fontsize=8, zorder=3)


def _texte_carte(communes: pd.DataFrame, echelle: int) -> str:
    """The map in one sentence: how many communes and inhabitants, the extent, the largest commune, the key."""
    x, y, population = communes["x_km"].astype(float), communes["y_km"].astype(float), communes["population"]
    plus_peuplee = communes.loc[population.idxmax()]
    return (f"Carte schématique de {count_fr(len(communes), 'commune')} ({_entier(int(population.sum()))} "
            f"habitants) sur {round(x.max() - x.min())} km d'ouest en est et {round(y.max() - y.min())} km du sud au "
            f"nord : la plus peuplée, {plus_peuplee['commune']}, compte "
            f"{_entier(int(plus_peuplee['population']))} habitants ; chaque cercle gris a une surface proportionnelle "
            f"à la population ; barre d'échelle de {echelle} km.")


ETIQUETTES_DIRECTES = 12  # beyond, names around the circle overlap: nodes are numbered and a key lists them


def _etiquettes(ax, angles: dict[str, float]) -> None:
    """Each name outside the circle, on the side of its node."""
    for nom, angle in angles.items():
        cos, sin = math.cos(angle), math.sin(angle)
        ax.text(1.12 * cos, 1.12 * sin, textwrap.fill(nom, 24), fontsize=7, zorder=3,
                ha="left" if cos > 0.15 else "right" if cos < -0.15 else "center",
                va="bottom" if sin > 0.15 else "top" if sin < -0.15 else "center")


def _cle_numerotee(ax, noeuds: list[str], position: dict[str, tuple[float, float]]) -> None:
    """A number in each node and a key « 1 nom » beside the axes (a legend without symbols)."""
    from matplotlib.lines import Line2D  # matplotlib is imported only by the figures, not on module import

    for numero, nom in enumerate(noeuds, start=1):
        ax.text(*position[nom], str(numero), fontsize=6, ha="center", va="center", zorder=3)
    poignees = [Line2D([], [], linestyle="none", label=f"{numero} {nom}") for numero, nom in enumerate(noeuds, 1)]
    ax.legend(handles=poignees, loc="center left", bbox_to_anchor=(1.0, 0.5), fontsize=6, handlelength=0,
              handletextpad=0, frameon=False, ncol=1 if len(noeuds) <= 25 else 2, title="Structures")


def _noeuds(liens: pd.DataFrame, origine: str, destination: str) -> list[str]:
    """Each structure once, in order of first appearance (origins and destinations read line by line)."""
    vus: dict[str, None] = {}
    for a, b in zip(liens[origine], liens[destination]):
        vus.setdefault(str(a))
        vus.setdefault(str(b))
    return list(vus)


def reseau(liens: pd.DataFrame, ax, *, origine: str = "origine", destination: str = "destination",
           poids: str | None = None, unite: str = "", titre: str | None = None):
    """Dessine le réseau « qui oriente vers qui » : les structures en cercle, une flèche par lien.
    Renvoie (ax, texte) : `texte` décrit le réseau en une phrase.

    With `poids` (a column of numbers, e.g. « orientations_2025 »), an arrow's width grows with the
    number and the text names the strongest link, followed by `unite` (« orientations en 2025 »). Pure
    matplotlib, no network library; meant for exploring a few dozen links.
    """
    colonnes = (origine, destination) + ((poids,) if poids else ())
    _verifier_colonnes(liens, colonnes, "Réseau")
    liens = liens[[str(a) != str(b) for a, b in zip(liens[origine], liens[destination])]]
    if liens.empty:
        raise CourseError("Réseau : aucun lien entre deux structures différentes.")
    noeuds = _noeuds(liens, origine, destination)
    angles = {nom: math.pi / 2 - 2 * math.pi * i / len(noeuds) for i, nom in enumerate(noeuds)}
    position = {nom: (math.cos(a), math.sin(a)) for nom, a in angles.items()}
    valeurs = [float(v) for v in liens[poids]] if poids else [1.0] * len(liens)
    maximum = max(valeurs) or 1.0
    for a, b, valeur in zip(liens[origine], liens[destination], valeurs):
        ax.annotate("", xy=position[str(b)], xytext=position[str(a)], zorder=1,
                    arrowprops={"arrowstyle": "-|>", "color": MUTED, "linewidth": 0.6 + 2.4 * valeur / maximum,
                                "shrinkA": 7, "shrinkB": 7, "mutation_scale": 10,
                                "connectionstyle": "arc3,rad=0.08"})
    ax.scatter([p[0] for p in position.values()], [p[1] for p in position.values()], s=110, color="white",
               edgecolors=INK, linewidths=1, zorder=2)
    if len(noeuds) <= ETIQUETTES_DIRECTES:
        _etiquettes(ax, angles)
    else:
        _cle_numerotee(ax, noeuds, position)
    largeur = 1.9 if len(noeuds) <= ETIQUETTES_DIRECTES else 1.2  # direct names need room on both sides
    ax.set_xlim(-largeur, largeur)
    ax.set_ylim(-1.45, 1.45)
    ax.set_aspect("equal")
    ax.axis("off")
    ax.set_title(titre or "Qui oriente vers qui")
    return ax, _texte_reseau(liens, noeuds, origine, destination, poids, unite)


def _premiers(compte: dict[str, int]) -> tuple[list[str], int]:
    """The structures with the largest count (in order of appearance), and that count."""
    maximum = max(compte.values())
    return [nom for nom, n in compte.items() if n == maximum], maximum


def _phrase_emetteurs(sortants: dict[str, int]) -> str:
    premiers, k = _premiers(sortants)
    if len(premiers) == 1:
        return f"{premiers[0]} oriente vers le plus de structures ({k})"
    return (f"{count_fr(len(premiers), 'structure')} orientent chacune vers {count_fr(k, 'structure')}, le plus grand "
            "nombre")


def _phrase_cibles(entrants: dict[str, int]) -> str:
    premiers, k = _premiers(entrants)
    verbe = "oriente" if k < 2 else "orientent"
    if len(premiers) == 1:
        return f"{premiers[0]} est la plus sollicitée ({count_fr(k, 'structure')} {verbe} vers elle)"
    return (f"{count_fr(len(premiers), 'structure')} sont les plus sollicitées ({count_fr(k, 'structure')} {verbe} "
            "vers chacune)")


def _texte_reseau(liens: pd.DataFrame, noeuds: list[str], origine: str, destination: str, poids: str | None,
                  unite: str) -> str:
    paires = {(str(a), str(b)) for a, b in zip(liens[origine], liens[destination])}
    sortants = {nom: sum(1 for a, _ in paires if a == nom) for nom in noeuds}
    entrants = {nom: sum(1 for _, b in paires if b == nom) for nom in noeuds}
    texte = (f"Réseau de {count_fr(len(noeuds), 'structure')} et {count_fr(len(paires), 'lien')} d'orientation "
             f"(flèches) : {_phrase_emetteurs(sortants)} ; {_phrase_cibles(entrants)}")
    if poids:
        valeurs = [float(v) for v in liens[poids]]
        forts = [i for i, v in enumerate(valeurs) if v == max(valeurs)]
        fort = liens.iloc[forts[0]]
        mesure = _entier(int(round(max(valeurs)))) + (f" {unite}" if unite else "")
        if len(forts) == 1:
            texte += f" ; le lien le plus fort va de {fort[origine]} à {fort[destination]} ({mesure})"
        else:
            texte += (f" ; {len(forts)} liens sont les plus forts ({mesure} chacun), dont celui de {fort[origine]} "
                      f"à {fort[destination]}")
    return texte + "."


# ---------------------------------------------------------------------------------------------
# The learner's map: its layers, and the map in words
# ---------------------------------------------------------------------------------------------
# One marker shape per champ (BLOCS-2-5 §a2: never colour alone): the legend stays readable in black and
# white and for colour-blind readers. Matplotlib's colour cycle adds a colour on top.
MARQUEURS_CHAMPS = {
    "emploi": "o", "formation": "s", "logement/hébergement": "^", "santé": "P", "droits/budget": "D",
    "mobilité": "v", "famille/enfance": "p", "justice": "X", "numérique": "h",
}
# French names of matplotlib's filled and line markers (singular, plural), for the text alternative.
FORMES = {
    "o": ("rond", "ronds"), "s": ("carré", "carrés"), "^": ("triangle pointe en haut", "triangles pointe en haut"),
    "v": ("triangle pointe en bas", "triangles pointe en bas"), "<": ("triangle pointe à gauche",
    "triangles pointe à gauche"), ">": ("triangle pointe à droite", "triangles pointe à droite"),
    "D": ("losange", "losanges"), "d": ("losange étroit", "losanges étroits"), "P": ("croix pleine", "croix pleines"),
    "X": ("croix en X", "croix en X"), "p": ("pentagone", "pentagones"), "h": ("hexagone", "hexagones"),
    "H": ("hexagone couché", "hexagones couchés"), "8": ("octogone", "octogones"), "*": ("étoile", "étoiles"),
    "x": ("croix fine", "croix fines"), "+": ("plus", "plus"), ".": ("point", "points"),
}


@dataclass(frozen=True)
class Couche:
    """One labelled layer of points drawn with `ax.scatter(..., label=...)`."""

    etiquette: str
    n: int
    marqueur: str | None  # matplotlib's marker code, or None when the shape is none of FORMES
    positions: tuple[tuple[float, float], ...]

    @property
    def forme(self) -> str:
        """The shape in French, plural when the layer has several points (« ronds », « étoile »)."""
        if self.marqueur is None:
            return "forme personnalisée"
        singulier, pluriel = FORMES[self.marqueur]
        return pluriel if self.n > 1 else singulier


def _chemins_reference() -> dict[str, object]:
    """Each known marker's path as `ax.scatter` stores it (the marker's path in its own transform)."""
    from matplotlib.markers import MarkerStyle  # matplotlib only when a map is read, not on module import

    chemins = {}
    for code in FORMES:
        style = MarkerStyle(code)
        chemins[code] = style.get_path().transformed(style.get_transform())
    return chemins


def _marqueur(chemin, references: dict[str, object]) -> str | None:
    for code, reference in references.items():
        if (reference.vertices.shape == chemin.vertices.shape and np.allclose(reference.vertices, chemin.vertices)
                and (reference.codes is None) == (chemin.codes is None)
                and (reference.codes is None or np.array_equal(reference.codes, chemin.codes))):
            return code
    return None


def couches_carte(ax) -> list[Couche]:
    """Les couches de points d'une carte, dans l'ordre du dessin : une par `ax.scatter` qui porte une étiquette.

    Unlabelled scatters (matplotlib names them « _child… », like the communes' grey circles of
    `fond_de_carte`) are not layers. The shape is read from the marker's path, so that a test can check
    that the layers differ by their shape, not only by their colour. Only the points drawn count: a row
    without a position (a terrain structure whose commune has none) is not on the map.
    """
    from matplotlib.collections import PathCollection

    references = _chemins_reference()
    couches = []
    for collection in ax.collections:
        etiquette = str(collection.get_label())
        if not isinstance(collection, PathCollection) or etiquette.startswith("_"):
            continue
        decalages = np.ma.filled(np.ma.asarray(collection.get_offsets(), dtype=float), np.nan).reshape(-1, 2)
        points = tuple((float(x), float(y)) for x, y in decalages if math.isfinite(x) and math.isfinite(y))
        chemins = collection.get_paths()
        marqueur = _marqueur(chemins[0], references) if len(chemins) else None
        couches.append(Couche(etiquette, len(points), marqueur, points))
    return couches


def decrire_carte(ax) -> str:
    """La carte en une phrase, pour un lecteur d'écran ou une légende : chaque couche, son nombre de points, sa forme.

    Layers without points (the empty twin that carries the communes' legend entry) are left out: the
    sentence of `fond_de_carte` describes the base map.
    """
    titre_carte = ax.get_title() or "sans titre"
    couches = [c for c in couches_carte(ax) if c.n > 0]
    if not couches:
        return (f"La carte « {titre_carte} » n'a aucune couche de points avec une étiquette : ajoutez label=… à "
                "chaque ax.scatter.")
    total = sum(c.n for c in couches)
    details = " ; ".join(f"{c.etiquette} : {c.n} ({c.forme})" for c in couches)
    return f"Carte « {titre_carte} » : {count_fr(total, 'point')} en {count_fr(len(couches), 'couche')} — {details}."


# ---------------------------------------------------------------------------------------------
# Testing the répertoire on practice situations (`widgets.tester_repertoire`)
# ---------------------------------------------------------------------------------------------
FICHIER_SITUATIONS = "situations_entrainement.yaml"
_COLONNES_FILTRE = ("structure", "champ", "publics", "commune")
_MOTS_MINIMUM = 2  # « 16 » or « rsa » are useful keywords; one letter is not


def _forme_texte(texte) -> str:
    """Lower case, no accents, single spaces: how names and keywords are compared."""
    decompose = unicodedata.normalize("NFD", _texte(texte).casefold())
    return " ".join("".join(c for c in decompose if not unicodedata.combining(c)).split())


def filtrer_repertoire(repertoire: pd.DataFrame, *, champs=None, public: str = "", commune: str | None = None,
                       communes: pd.DataFrame | None = None) -> pd.DataFrame:
    """Les structures du répertoire qui répondent à une situation : par champ, par public, et au plus près.

    - `champs`: keep the structures of these champs (none given: every champ);
    - `public`: keywords searched in the `publics` column, whatever the case and accents; every word of two
      letters or more must appear (« jeunes 16 » keeps « jeunes de 16 à 25 ans révolus »);
    - `commune` with `communes` (a table with `commune`, `x_km`, `y_km`): adds `distance_km`, the straight
      distance from the person's commune to the structure's, and sorts by it (structures in a commune the
      table does not know come last, without a distance).
    The répertoire itself is not modified; the index of the result starts at 0.
    """
    _verifier_colonnes(repertoire, _COLONNES_FILTRE, "Répertoire")
    resultat = repertoire.copy()
    champs = [str(c) for c in (champs or [])]
    inconnus = [c for c in champs if c not in CHAMPS]
    if inconnus:
        raise CourseError(f"Champ inconnu « {inconnus[0]} » (champs du répertoire : {', '.join(CHAMPS)}).")
    if champs:
        resultat = resultat[resultat["champ"].map(_texte).isin(champs)]
    mots = [mot for mot in _forme_texte(public).split() if len(mot) >= _MOTS_MINIMUM]
    if mots:
        publics = resultat["publics"].map(_forme_texte)
        resultat = resultat[[all(mot in texte for mot in mots) for texte in publics]]
    if commune:
        if communes is None:
            raise CourseError("Pour trier par distance, donnez aussi le tableau des communes (communes=…).")
        _verifier_colonnes(communes, ("commune", "x_km", "y_km"), "Communes")
        positions = {_forme_texte(c): (float(x), float(y))
                     for c, x, y in zip(communes["commune"], communes["x_km"], communes["y_km"])}
        depart = positions.get(_forme_texte(commune))
        if depart is None:
            raise CourseError(f"La commune « {commune} » n'est pas dans le tableau des communes.")
        resultat = resultat.assign(distance_km=[
            round(math.dist(depart, positions[_forme_texte(c)]), 1) if _forme_texte(c) in positions else float("nan")
            for c in resultat["commune"]])
        resultat = resultat.sort_values(["distance_km", "structure"], kind="stable", na_position="last")
    return resultat.reset_index(drop=True)


@dataclass(frozen=True)
class Attendue:
    """A need of the situation, and the structures that answer it (any one of them will do)."""

    besoin: str
    structures: tuple[str, ...]
    pourquoi: str


@dataclass(frozen=True)
class Situation:
    """A practice situation and its expected reading: never a graded situation (course rule)."""

    cle: str
    titre: str
    resume: str
    commune: str
    attendues: tuple[Attendue, ...]
    possibles: dict[str, str]  # defensible structures, with why
    a_eviter: dict[str, str]  # structures not to choose at this stage, with why
    vigilance: tuple[str, ...]  # what to tell the person, how to get there


@dataclass(frozen=True)
class Situations:
    """The content file of the practice widget."""

    fichier: str
    titre: str
    consigne: str
    conclusion: str
    situations: dict[str, Situation]


class _LecteurSituations:
    """Checks the file's structure; each error names the file and the place to fix, in French."""

    CLES = ("titre", "consigne", "conclusion", "situations")
    CLES_SITUATION = ("titre", "resume", "commune", "attendues", "possibles", "a_eviter", "vigilance")

    def __init__(self, fichier: str) -> None:
        self.fichier = fichier

    def erreur(self, ou: str, probleme: str) -> CourseError:
        return CourseError(f"{self.fichier} (rubrique « {ou} ») : {probleme}")

    def texte(self, valeur, ou: str) -> str:
        if not isinstance(valeur, str) or not valeur.strip():
            raise self.erreur(ou, "un texte est attendu.")
        return " ".join(valeur.split())

    def textes_par_nom(self, valeur, ou: str) -> dict[str, str]:
        if valeur is None:
            return {}
        if not isinstance(valeur, dict):
            raise self.erreur(ou, "une liste de lignes « nom de la structure: pourquoi » est attendue.")
        return {self.texte(nom, ou): self.texte(texte, f"{ou}, {nom}") for nom, texte in valeur.items()}

    def liste_de_textes(self, valeur, ou: str, *, vide: bool = True) -> tuple[str, ...]:
        if valeur is None and vide:
            return ()
        if not isinstance(valeur, list) or (not valeur and not vide):
            raise self.erreur(ou, "une liste est attendue (une ligne « - texte » par élément).")
        return tuple(self.texte(v, ou) for v in valeur)

    def lire(self, contenu: dict) -> Situations:
        inconnues = [cle for cle in contenu if cle not in self.CLES]
        if inconnues:
            raise self.erreur(inconnues[0], f"rubrique inconnue (rubriques possibles : {', '.join(self.CLES)}).")
        manquantes = [cle for cle in self.CLES if cle not in contenu]
        if manquantes:
            raise self.erreur("rubriques principales", f"il manque {', '.join(manquantes)}.")
        brutes = contenu["situations"]
        if not isinstance(brutes, dict) or not brutes:
            raise self.erreur("situations", "au moins une situation est attendue (« nom_court: » puis ses rubriques).")
        return Situations(
            fichier=self.fichier,
            titre=self.texte(contenu["titre"], "titre"),
            consigne=self.texte(contenu["consigne"], "consigne"),
            conclusion=self.texte(contenu["conclusion"], "conclusion"),
            situations={str(cle): self.situation(str(cle), valeur) for cle, valeur in brutes.items()},
        )

    def situation(self, cle: str, valeur) -> Situation:
        ou = f"situations, {cle}"
        if not isinstance(valeur, dict):
            raise self.erreur(ou, "les rubriques de la situation sont attendues (titre, resume, commune…).")
        inconnues = [c for c in valeur if c not in self.CLES_SITUATION]
        if inconnues:
            raise self.erreur(f"{ou}, {inconnues[0]}", "rubrique inconnue (rubriques possibles : "
                                                       f"{', '.join(self.CLES_SITUATION)}).")
        attendues = valeur.get("attendues")
        if not isinstance(attendues, list) or not attendues:
            raise self.erreur(f"{ou}, attendues", "au moins un besoin attendu (« - besoin: … ») est nécessaire.")
        situation = Situation(
            cle=cle,
            titre=self.texte(valeur.get("titre"), f"{ou}, titre"),
            resume=self.texte(valeur.get("resume"), f"{ou}, resume"),
            commune=self.texte(valeur.get("commune"), f"{ou}, commune"),
            attendues=tuple(self.attendue(a, f"{ou}, attendues n° {i}") for i, a in enumerate(attendues, 1)),
            possibles=self.textes_par_nom(valeur.get("possibles"), f"{ou}, possibles"),
            a_eviter=self.textes_par_nom(valeur.get("a_eviter"), f"{ou}, a_eviter"),
            vigilance=self.liste_de_textes(valeur.get("vigilance"), f"{ou}, vigilance"),
        )
        vues: dict[str, str] = {}
        for rubrique, noms in (("attendues", [n for a in situation.attendues for n in a.structures]),
                               ("possibles", list(situation.possibles)), ("a_eviter", list(situation.a_eviter))):
            for nom in noms:
                if _forme_texte(nom) in vues:
                    raise self.erreur(f"{ou}, {rubrique}", f"« {nom} » figure déjà dans « {vues[_forme_texte(nom)]} » "
                                                           ": une structure ne figure qu'une fois par situation.")
                vues[_forme_texte(nom)] = rubrique
        return situation

    def attendue(self, valeur, ou: str) -> Attendue:
        if not isinstance(valeur, dict) or set(valeur) - {"besoin", "structures", "pourquoi"}:
            raise self.erreur(ou, "les rubriques « besoin », « structures » et « pourquoi » sont attendues.")
        return Attendue(
            besoin=self.texte(valeur.get("besoin"), f"{ou}, besoin"),
            structures=self.liste_de_textes(valeur.get("structures"), f"{ou}, structures", vide=False),
            pourquoi=self.texte(valeur.get("pourquoi"), f"{ou}, pourquoi"),
        )


def valider_situations(contenu: dict, fichier: str | Path = FICHIER_SITUATIONS) -> Situations:
    """The practice situations checked and typed; a `CourseError` naming the file and the rubric otherwise."""
    return _LecteurSituations(Path(fichier).name).lire(contenu)


def lire_situations(fichier: str | Path = FICHIER_SITUATIONS, dossier: str | Path | None = None) -> Situations:
    """Lit les situations d'entraînement (fichier YAML du devoir, à côté du notebook) et les vérifie."""
    return valider_situations(lire_contenu(fichier, dossier), fichier)


@dataclass
class Comparaison:
    """The learner's chosen structures against a practice situation's expected reading."""

    situation: Situation
    trouvees: list[tuple[Attendue, str]]  # a need covered, by the chosen structure named
    manquantes: list[tuple[Attendue, bool]]  # a need not covered; True when none of its structures is in the répertoire
    possibles: list[tuple[str, str]]
    a_eviter: list[tuple[str, str]]
    autres: list[str]  # chosen, but the reading neither expects nor discusses it


def comparer_orientations(choix, situation: Situation, repertoire: pd.DataFrame | None = None) -> Comparaison:
    """Compare les structures choisies avec la lecture attendue d'une situation d'entraînement.

    Names are compared whatever the case, accents and spaces. With the learner's `repertoire`, a need
    that was not covered says whether the répertoire even holds a structure for it: a gap to fill.
    """
    choisies = list(dict.fromkeys(_texte(nom) for nom in choix if _texte(nom)))
    formes = {_forme_texte(nom): nom for nom in choisies}
    dans_repertoire = ({_forme_texte(nom) for nom in repertoire["structure"]} if repertoire is not None
                       else None)
    trouvees, manquantes, expliquees = [], [], set()
    for attendue in situation.attendues:
        formes_attendues = [_forme_texte(nom) for nom in attendue.structures]
        expliquees.update(formes_attendues)
        retenues = [formes[f] for f in formes_attendues if f in formes]
        if retenues:
            trouvees.append((attendue, retenues[0]))
        else:
            absente = dans_repertoire is not None and not any(f in dans_repertoire for f in formes_attendues)
            manquantes.append((attendue, absente))
    possibles = [(formes[_forme_texte(n)], r) for n, r in situation.possibles.items() if _forme_texte(n) in formes]
    a_eviter = [(formes[_forme_texte(n)], r) for n, r in situation.a_eviter.items() if _forme_texte(n) in formes]
    expliquees |= {_forme_texte(n) for n in [*situation.possibles, *situation.a_eviter]}
    autres = [nom for nom in choisies if _forme_texte(nom) not in expliquees]
    return Comparaison(situation, trouvees, manquantes, possibles, a_eviter, autres)


def retour_orientations(comparaison: Comparaison, conclusion: str | None = None) -> list[str]:
    """Le retour sur une comparaison, phrase par phrase, dans l'ordre où le widget l'affiche."""
    situation = comparaison.situation
    lignes = [f"Besoins couverts : {len(comparaison.trouvees)} sur {len(situation.attendues)}."]
    lignes += [f"Couvert — {a.besoin} : {nom}. {a.pourquoi}" for a, nom in comparaison.trouvees]
    for attendue, absente in comparaison.manquantes:
        ligne = f"Non couvert — {attendue.besoin} : {' ou '.join(attendue.structures)}. {attendue.pourquoi}"
        if absente:
            ligne += (" Aucune de ces structures n'est dans votre répertoire : ajoutez-en une."
                      if len(attendue.structures) > 1
                      else " Cette structure n'est pas dans votre répertoire : ajoutez-la.")
        lignes.append(ligne)
    lignes += [f"Possible aussi — {nom} : {raison}" for nom, raison in comparaison.possibles]
    lignes += [f"À éviter à ce stade — {nom} : {raison}" for nom, raison in comparaison.a_eviter]
    lignes += [f"À justifier — {nom} : la lecture attendue ne la retient pas ; dites à quel besoin elle répond."
               for nom in comparaison.autres]
    lignes += [f"Point de vigilance — {texte}" for texte in situation.vigilance]
    if conclusion:
        lignes.append(conclusion)
    return lignes
