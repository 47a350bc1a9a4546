"""La « piste terrain » : la même analyse sur ses propres données anonymisées.

Some modalities imply fieldwork (M1.4's observation note, then surveys, observations and reports in
Blocs 2–5). Beside the fictional case, a learner may run the SAME analysis on data they collected
themselves, and the graded writing works on either track. This module is the shared, generic mechanism:

- a codebook (« dictionnaire des variables ») belongs to the assignment and is released beside the
  notebook as a YAML file: the package keeps only the mechanics, like the other widgets' content;
- the learner's CSV is checked against it cell by cell, with French messages that name the file, the
  line as a spreadsheet shows it (header = line 1) and the column, so that the learner can fix it alone;
- free-text cells go through the course's personal-data detector: fieldwork data concern real people,
  and a direct identification is refused here exactly as in the written answers;
- `charger_piste` gives the analysis one DataFrame whatever the track, and `lire_piste` tells the
  self-check which track a written answer declares (« Piste : exercice » / « Piste : terrain »).

Everything here is a pure function of its arguments (and of the files it is given).
"""
from __future__ import annotations

import csv
import io
import math
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .. import CourseError, data
from .donnees_personnelles import detecter_donnees_personnelles
from .widgets.contenu import lire_contenu

__all__ = [
    "FICHIER_DICTIONNAIRE", "FICHIER_TERRAIN", "PISTES", "TYPES", "Colonne", "Dictionnaire", "charger_piste",
    "charger_terrain", "lire_dictionnaire", "lire_piste", "modele_csv", "resoudre_dictionnaire", "valider_dictionnaire",
    "valider_terrain",
]

FICHIER_DICTIONNAIRE = "dictionnaire_variables.yaml"
FICHIER_TERRAIN = "mes_donnees.csv"
EXERCICE, TERRAIN = "exercice", "terrain"
PISTES = (EXERCICE, TERRAIN)
CATEGORIE, ENTIER, DECIMAL, CRENEAU, TEXTE = "categorie", "entier", "decimal", "creneau", "texte"
TYPES = (CATEGORIE, ENTIER, DECIMAL, CRENEAU, TEXTE)
MAX_PROBLEMES = 20

_CLES_COLONNE = ("nom", "libelle", "type", "valeurs", "min", "max", "obligatoire", "description")
_CLES_DICTIONNAIRE = ("titre", "consigne", "colonnes")
_NOM_COLONNE = re.compile(r"[a-z][a-z0-9_]*")
_ENTIER = re.compile(r"[+-]?\d+")
_DECIMAL = re.compile(r"[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)")
# « 08:30 », « 8:30 » (a spreadsheet drops the leading zero) or « 08:30:00 » (a time cell exported with seconds).
_CRENEAU = re.compile(r"(?P<h>\d{1,2}):(?P<m>\d{2})(?::00)?")

# Column names that would identify a person directly (the course's anonymisation rule): compared without
# accents or case, as whole words of the name (« date_naissance », « num_secu »), or anywhere in it for the
# long, unambiguous ones (« nomprenom », « adressemail »). « nombre » or « adressee_par » stay allowed.
_MOTS_INTERDITS = frozenset({
    "nom", "noms", "prenom", "prenoms", "adresse", "adresses", "telephone", "tel", "courriel", "mail", "email",
    "nir", "secu", "naissance",
})
_FRAGMENTS_INTERDITS = ("prenom", "telephone", "courriel", "mail", "naissance", "securitesociale")
# Ordinary words that happen to hold a fragment (« connaissance » holds « naissance »): never a reason to refuse.
_MOTS_PERMIS = frozenset({"connaissance", "connaissances", "reconnaissance", "reconnaissances", "maillage", "maillages"})


def _sans_accents(texte: str) -> str:
    decompose = unicodedata.normalize("NFD", texte.casefold())
    return "".join(c for c in decompose if not unicodedata.combining(c))


def nom_interdit(nom: str) -> bool:
    """Whether a column name announces a direct identification (name, address, phone, e-mail, NIR, birth date)."""
    mots = [mot for mot in re.split(r"[^a-z0-9]+", _sans_accents(nom)) if mot]
    colle = "".join(mot for mot in mots if mot not in _MOTS_PERMIS)
    return any(mot in _MOTS_INTERDITS for mot in mots) or any(f in colle for f in _FRAGMENTS_INTERDITS)


# ---------------------------------------------------------------------------------------------
# The codebook
# ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Colonne:
    """One variable of the codebook: what the learner records in one column of their CSV."""

    nom: str
    libelle: str
    type: str
    obligatoire: bool = True
    valeurs: tuple[str, ...] = ()
    min: float | None = None
    max: float | None = None
    description: str | None = None

    def dtype(self):
        """The pandas dtype of the loaded column: the same as `course.data.load` gives where it can.

        Categories keep the codebook's order (tables and charts follow it); a mandatory integer is `int64`
        like the course datasets, an optional one `Int64` (it may hold missing values).
        """
        if self.type == CATEGORIE:
            return pd.CategoricalDtype(list(self.valeurs))
        if self.type == ENTIER:
            return "int64" if self.obligatoire else "Int64"
        if self.type == DECIMAL:
            return "float64"
        return "str"

    def bornes(self) -> str | None:
        """The range in words (« de 0 à 60 », « au moins 0 »), or None when the number is not bounded."""
        lo, hi = (_nombre_texte(b) if b is not None else None for b in (self.min, self.max))
        if lo is not None and hi is not None:
            return f"de {lo} à {hi}"
        if lo is not None:
            return f"au moins {lo}"
        if hi is not None:
            return f"au plus {hi}"
        return None


@dataclass(frozen=True)
class Dictionnaire:
    """The codebook of an assignment's fieldwork: its columns in order, and the file it was read from."""

    fichier: str
    colonnes: tuple[Colonne, ...]
    titre: str | None = None
    consigne: str | None = None

    @property
    def noms(self) -> list[str]:
        return [c.nom for c in self.colonnes]

    def colonne(self, nom: str) -> Colonne:
        for colonne in self.colonnes:
            if colonne.nom == nom:
                return colonne
        raise KeyError(nom)


def _texte(valeur) -> str | None:
    """A non-empty text on one line (a YAML block scalar's line breaks read as spaces), or None."""
    if not isinstance(valeur, str) or not valeur.strip():
        return None
    return " ".join(valeur.split())


def _est_nombre(valeur) -> bool:
    return isinstance(valeur, (int, float)) and not isinstance(valeur, bool) and math.isfinite(valeur)


def valider_dictionnaire(contenu: dict, fichier: str | Path = FICHIER_DICTIONNAIRE) -> Dictionnaire:
    """The codebook checked and typed; a `CourseError` naming the file (and the column) otherwise.

    The codebook is written by an assignment author, not by the learner: its errors are caught when the
    notebook opens (and by the assignment's tests), with the exact key to fix.
    """
    nom_fichier = Path(fichier).name

    def erreur(probleme: str, colonne: str | None = None) -> CourseError:
        ou = f"colonne « {colonne} » : " if colonne else ""
        return CourseError(f"Le fichier « {nom_fichier} » est mal rempli : {ou}{probleme}")

    inconnues = [cle for cle in contenu if cle not in _CLES_DICTIONNAIRE]
    if inconnues:
        raise erreur(f"clé inconnue « {inconnues[0]} » (clés possibles : {', '.join(_CLES_DICTIONNAIRE)}).")
    entetes = {}
    for cle in ("titre", "consigne"):
        if cle in contenu and _texte(contenu[cle]) is None:
            raise erreur(f"la clé « {cle} » doit contenir un texte.")
        entetes[cle] = _texte(contenu.get(cle))
    brutes = contenu.get("colonnes")
    if not isinstance(brutes, list) or not brutes:
        raise erreur("la clé « colonnes » doit être une liste de colonnes (« - nom: … » suivi de « libelle: », « type: »).")
    colonnes: list[Colonne] = []
    for numero, brute in enumerate(brutes, start=1):
        if not isinstance(brute, dict) or not isinstance(brute.get("nom"), str) or not brute["nom"].strip():
            raise erreur(f"la colonne n° {numero} doit avoir un « nom ».")
        nom = brute["nom"].strip()
        if not _NOM_COLONNE.fullmatch(nom):
            raise erreur("le nom doit être écrit en minuscules sans accents ni espaces (lettres, chiffres et _, "
                         "par exemple « nb_personnes_attente »).", nom)
        if nom in (c.nom for c in colonnes):
            raise erreur("cette colonne apparaît deux fois.", nom)
        if nom_interdit(nom):
            raise erreur("ce nom de colonne est interdit : il identifierait directement une personne "
                         "(nom, prénom, adresse, téléphone, courriel, NIR, date de naissance).", nom)
        inconnues = [cle for cle in brute if cle not in _CLES_COLONNE]
        if inconnues:
            raise erreur(f"clé inconnue « {inconnues[0]} » (clés possibles : {', '.join(_CLES_COLONNE)}).", nom)
        libelle = _texte(brute.get("libelle"))
        if libelle is None:
            raise erreur("la clé « libelle » doit contenir le libellé affiché (en français).", nom)
        type_ = _sans_accents(str(brute.get("type", ""))).strip()
        if type_ not in TYPES:
            raise erreur(f"le type « {brute.get('type')} » est inconnu (types possibles : {', '.join(TYPES)}).", nom)
        obligatoire = brute.get("obligatoire", True)
        if not isinstance(obligatoire, bool):
            raise erreur("la clé « obligatoire » vaut true ou false.", nom)
        description = brute.get("description")
        if description is not None and _texte(description) is None:
            raise erreur("la clé « description » doit contenir un texte.", nom)
        valeurs: tuple[str, ...] = ()
        if type_ == CATEGORIE:
            brutes_valeurs = brute.get("valeurs")
            if not isinstance(brutes_valeurs, list) or not brutes_valeurs:
                raise erreur("le type « categorie » demande une liste « valeurs » non vide.", nom)
            if not all(isinstance(v, str) and v.strip() for v in brutes_valeurs):
                raise erreur("chaque valeur doit être un texte (mettez-la entre guillemets : \"1\", \"oui\").", nom)
            valeurs = tuple(v.strip() for v in brutes_valeurs)
            if len(set(valeurs)) != len(valeurs):
                raise erreur("une valeur apparaît deux fois dans « valeurs ».", nom)
        elif "valeurs" in brute:
            raise erreur("la clé « valeurs » ne sert qu'au type « categorie ».", nom)
        bornes = {}
        for cle in ("min", "max"):
            if cle not in brute:
                bornes[cle] = None
            elif type_ not in (ENTIER, DECIMAL):
                raise erreur(f"la clé « {cle} » ne sert qu'aux types « entier » et « decimal ».", nom)
            elif not _est_nombre(brute[cle]) or (type_ == ENTIER and not float(brute[cle]).is_integer()):
                genre = "un nombre entier" if type_ == ENTIER else "un nombre"
                raise erreur(f"la clé « {cle} » doit être {genre}.", nom)
            else:
                bornes[cle] = int(brute[cle]) if type_ == ENTIER else float(brute[cle])
        if bornes["min"] is not None and bornes["max"] is not None and bornes["min"] > bornes["max"]:
            raise erreur("« min » est plus grand que « max ».", nom)
        colonnes.append(Colonne(nom, libelle, type_, obligatoire, valeurs, bornes["min"], bornes["max"],
                                _texte(description)))
    return Dictionnaire(nom_fichier, tuple(colonnes), entetes["titre"], entetes["consigne"])


def lire_dictionnaire(fichier: str | Path = FICHIER_DICTIONNAIRE, dossier: str | Path | None = None) -> Dictionnaire:
    """Lit le dictionnaire des variables (fichier YAML du devoir, à côté du notebook) et le vérifie."""
    return valider_dictionnaire(lire_contenu(fichier, dossier), fichier)


def resoudre_dictionnaire(dictionnaire: Dictionnaire | str | Path) -> Dictionnaire:
    """Functions take a codebook already read, or the name of its file beside the notebook."""
    return dictionnaire if isinstance(dictionnaire, Dictionnaire) else lire_dictionnaire(dictionnaire)


# ---------------------------------------------------------------------------------------------
# One cell
# ---------------------------------------------------------------------------------------------
def _nombre_texte(valeur: float) -> str:
    """12 → « 12 », 12.5 → « 12.5 » (no « 12.0 » in a message)."""
    return str(int(valeur)) if float(valeur).is_integer() else str(valeur)


def _bloquante(donnee) -> bool:
    """A finding blocks unless the detector marks it as only « à vérifier » (checked by the learner)."""
    return getattr(donnee, "niveau", "à retirer") != "à vérifier"


def probleme_cellule(colonne: Colonne, valeur: str) -> str | None:
    """What is wrong with one cell (given as text, already stripped), in French, or None.

    Shared by `valider_terrain` (a whole file) and the data-entry widget (one row): both apply exactly
    the same rules, including the anonymisation check of free text.
    """
    if valeur == "":
        return "valeur obligatoire manquante" if colonne.obligatoire else None
    if colonne.type == CATEGORIE:
        if _categorie(colonne, valeur) is None:
            return f"« {valeur} » n'est pas une valeur prévue (valeurs possibles : {', '.join(colonne.valeurs)})"
        return None
    if colonne.type in (ENTIER, DECIMAL):
        if colonne.type == ENTIER and not _ENTIER.fullmatch(valeur):
            return f"« {valeur} » n'est pas un nombre entier"
        if colonne.type == DECIMAL and not _DECIMAL.fullmatch(valeur):
            return f"« {valeur} » n'est pas un nombre (écrivez par exemple 12.5)"
        nombre = float(valeur.replace(",", "."))
        if (colonne.min is not None and nombre < colonne.min) or (colonne.max is not None and nombre > colonne.max):
            return f"{valeur} est en dehors des valeurs possibles ({colonne.bornes()})"
        return None
    if colonne.type == CRENEAU:
        if _creneau(valeur) is None:
            return f"« {valeur} » n'est pas un créneau au format HH:MM (par exemple 08:30)"
        return None
    categories: list[str] = []
    for donnee in detecter_donnees_personnelles(valeur):
        if _bloquante(donnee) and donnee.categorie not in categories:
            categories.append(donnee.categorie)
    if categories:
        return f"donnée personnelle à retirer ({', '.join(categories)})"
    return None


def _categorie(colonne: Colonne, valeur: str) -> str | None:
    """The codebook's spelling of a category typed with another case (« Lundi » → « lundi »), or None."""
    for prevue in colonne.valeurs:
        if prevue.casefold() == valeur.casefold():
            return prevue
    return None


def _creneau(valeur: str) -> str | None:
    """« 8:30 » → « 08:30 », or None when it is not a time of day."""
    m = _CRENEAU.fullmatch(valeur)
    if not m or int(m["h"]) > 23 or int(m["m"]) > 59:
        return None
    return f"{int(m['h']):02d}:{m['m']}"


def valeur_normalisee(colonne: Colonne, valeur: str) -> str:
    """A valid cell as it is stored: the codebook's category spelling, « HH:MM », « . » as decimal mark."""
    if valeur == "":
        return ""
    if colonne.type == CATEGORIE:
        return _categorie(colonne, valeur) or valeur
    if colonne.type == CRENEAU:
        return _creneau(valeur) or valeur
    if colonne.type in (ENTIER, DECIMAL):
        return valeur.replace(",", ".").lstrip("+")
    return valeur


# ---------------------------------------------------------------------------------------------
# A whole file
# ---------------------------------------------------------------------------------------------
@dataclass
class _Lecture:
    """A CSV read as text cells: the header, the rows with their spreadsheet line numbers, the problems."""

    entete: list[str]
    lignes: list[tuple[int, list[str]]]
    problemes: list[str]


def _cellule(valeur) -> str:
    """A DataFrame cell as the text a CSV would hold (NaN → "", 12.0 → "12")."""
    if valeur is None or (isinstance(valeur, float) and math.isnan(valeur)) or valeur is pd.NA or valeur is pd.NaT:
        return ""
    if isinstance(valeur, float) and valeur.is_integer():
        return str(int(valeur))
    return str(valeur).strip()


def _lire_tableau(tableau: pd.DataFrame) -> _Lecture:
    entete = [str(c).strip() for c in tableau.columns]
    lignes = [(numero, [_cellule(v) for v in ligne])
              for numero, ligne in enumerate(tableau.itertuples(index=False, name=None), start=2)]
    return _Lecture(entete, lignes, [])


def lire_lignes_csv(chemin: Path) -> tuple[list[list[str]] | None, str | None]:
    """The records of a CSV file (cells stripped), or None and the French reason it cannot be read."""
    nom = chemin.name
    if not chemin.is_file():
        return None, f"{nom} : fichier introuvable ({chemin})"
    try:
        texte = chemin.read_text(encoding="utf-8-sig")  # a spreadsheet's « CSV UTF-8 » starts with a BOM
    except UnicodeDecodeError:
        return None, (f"{nom} : le fichier n'est pas enregistré en UTF-8 (dans le tableur, choisissez "
                      "« Enregistrer sous… » puis le type « CSV UTF-8 »)")
    try:
        return [[cellule.strip() for cellule in ligne] for ligne in csv.reader(io.StringIO(texte, newline=""))], None
    except csv.Error as exc:
        return None, f"{nom} : fichier CSV illisible ({exc})"


def _lire_csv(chemin: Path) -> _Lecture:
    nom = chemin.name
    lignes, raison = lire_lignes_csv(chemin)
    if lignes is None:
        return _Lecture([], [], [raison])
    if not lignes or not any(lignes[0]):
        return _Lecture([], [], [f"{nom}, ligne 1 : la première ligne doit donner les noms des colonnes "
                                  "(le fichier est vide ou commence par une ligne vide)"])
    entete = lignes[0]
    if len(entete) == 1 and ";" in entete[0]:
        return _Lecture([], [], [f"{nom}, ligne 1 : les colonnes sont séparées par des points-virgules, le cours "
                                  "utilise la virgule (dans le tableur, enregistrez au format « CSV UTF-8 (délimité "
                                  "par des virgules) »)"])
    lecture = _Lecture(entete, [], [])
    for numero, ligne in enumerate(lignes[1:], start=2):
        if not any(ligne):
            continue  # a blank line of the spreadsheet is not an observation
        if len(ligne) > len(entete):
            lecture.problemes.append(
                f"{nom}, ligne {numero} : {len(ligne)} valeurs pour {len(entete)} colonnes (une virgule dans un "
                "texte ? mettez ce texte entre guillemets)")
            continue
        lecture.lignes.append((numero, ligne + [""] * (len(entete) - len(ligne))))
    return lecture


def _valider(lecture: _Lecture, dico: Dictionnaire, nom: str) -> list[str]:
    problemes = list(lecture.problemes)
    if not lecture.entete:
        return problemes
    vues: set[str] = set()
    positions: dict[str, int] = {}
    for position, colonne in enumerate(lecture.entete, start=1):
        if colonne == "":
            problemes.append(f"{nom}, ligne 1, colonne n° {position} : colonne sans nom")
        elif colonne in vues:
            problemes.append(f"{nom}, ligne 1, colonne {colonne} : colonne en double")
        elif nom_interdit(colonne):
            problemes.append(f"{nom}, ligne 1, colonne {colonne} : colonne interdite, elle identifierait directement "
                             "une personne (supprimez-la du fichier)")
        elif colonne not in dico.noms:
            problemes.append(f"{nom}, ligne 1, colonne {colonne} : colonne inconnue du dictionnaire des variables "
                             f"(colonnes prévues : {', '.join(dico.noms)})")
        else:
            positions[colonne] = position - 1
        vues.add(colonne)
    for colonne in dico.noms:
        if colonne not in vues:
            problemes.append(f"{nom}, ligne 1, colonne {colonne} : colonne manquante")
    for numero, ligne in lecture.lignes:
        for colonne in dico.colonnes:
            if colonne.nom in positions:
                probleme = probleme_cellule(colonne, ligne[positions[colonne.nom]])
                if probleme:
                    problemes.append(f"{nom}, ligne {numero}, colonne {colonne.nom} : {probleme}")
    return problemes


def lire_table(tableau_ou_chemin, fichier: str | None) -> tuple[_Lecture, str]:
    """A table or a CSV read as text rows, with the name messages give it (shared with the répertoire's checks)."""
    if isinstance(tableau_ou_chemin, pd.DataFrame):
        nom = fichier or "tableau"
        return _lire_tableau(tableau_ou_chemin), nom
    chemin = Path(tableau_ou_chemin)
    return _lire_csv(chemin), fichier or chemin.name


def valider_terrain(tableau_ou_chemin: pd.DataFrame | str | Path, dictionnaire: Dictionnaire | str | Path,
                    *, fichier: str | None = None) -> list[str]:
    """Tous les problèmes d'un fichier de terrain (ou d'un tableau), en français ; liste vide si tout va bien.

    Each message names the file, the line as a spreadsheet shows it (header = line 1) and the column, so
    that the learner can find the cell. A DataFrame is named `fichier` (default « tableau »), its rows
    numbered from line 2 in their order.
    """
    dico = resoudre_dictionnaire(dictionnaire)
    lecture, nom = lire_table(tableau_ou_chemin, fichier)
    return _valider(lecture, dico, nom)


def resume_problemes(problemes: list[str], maximum: int = MAX_PROBLEMES) -> list[str]:
    """The first `maximum` problems, then « … et N autres »: a long list discourages more than it helps."""
    if len(problemes) <= maximum:
        return list(problemes)
    return problemes[:maximum] + [f"… et {len(problemes) - maximum} autres"]


def erreur_problemes(debut: str, problemes: list[str], apres: str = "") -> CourseError:
    """The French error listing `problemes`: « {debut}N problèmes à corriger{apres} : » then one line each."""
    titre = "un problème" if len(problemes) == 1 else f"{len(problemes)} problèmes"
    lignes = "\n".join(f"- {p}" for p in resume_problemes(problemes))
    return CourseError(f"{debut}{titre} à corriger{apres} :\n{lignes}")


def charger_terrain(chemin: str | Path = FICHIER_TERRAIN,
                    dictionnaire: Dictionnaire | str | Path = FICHIER_DICTIONNAIRE) -> pd.DataFrame:
    """Charge votre fichier de terrain, vérifié avec le dictionnaire des variables, sous forme de tableau pandas.

    The columns come in the codebook's order with its dtypes (see `Colonne.dtype`); nothing is loaded
    while a problem remains, and the `CourseError` lists them all (at most 20, then « … et N autres »).
    """
    dico = resoudre_dictionnaire(dictionnaire)
    if not isinstance(chemin, pd.DataFrame) and not Path(chemin).exists():
        raise CourseError(
            f"Le fichier « {Path(chemin).name} » est introuvable dans le dossier du notebook : créez-le avec "
            "modele_csv() ou saisir_terrain(), ou choisissez la piste « exercice »."
        )
    lecture, nom = lire_table(chemin, None)
    problemes = _valider(lecture, dico, nom)
    if problemes:
        raise erreur_problemes(f"Le fichier « {nom} » a ", problemes, " avant l'analyse")
    positions = {colonne: i for i, colonne in enumerate(lecture.entete)}
    colonnes = {}
    for colonne in dico.colonnes:
        textes = [valeur_normalisee(colonne, ligne[positions[colonne.nom]]) for _, ligne in lecture.lignes]
        if colonne.type in (ENTIER, DECIMAL):
            valeurs = [None if t == "" else (int(t) if colonne.type == ENTIER else float(t)) for t in textes]
        else:
            valeurs = [None if t == "" else t for t in textes]
        colonnes[colonne.nom] = pd.Series(valeurs, dtype=colonne.dtype())
    return pd.DataFrame(colonnes, columns=dico.noms)


def modele_csv(dictionnaire: Dictionnaire | str | Path = FICHIER_DICTIONNAIRE,
               chemin: str | Path = FICHIER_TERRAIN) -> Path:
    """Écrit un modèle CSV vide (la ligne des noms de colonnes) à remplir dans un tableur.

    UTF-8 and comma, the course's one dialect. A file that already holds observations is never replaced:
    the learner's fieldwork cannot be lost by running the cell again.
    """
    dico = resoudre_dictionnaire(dictionnaire)
    chemin = Path(chemin)
    if chemin.exists():
        lignes, _ = lire_lignes_csv(chemin)
        if lignes is None or any(any(ligne) for ligne in lignes[1:]):
            raise CourseError(
                f"Le fichier « {chemin.name} » contient déjà des données : il n'est pas remplacé. Pour repartir "
                "d'un modèle vide, choisissez un autre nom de fichier."
            )
    chemin.parent.mkdir(parents=True, exist_ok=True)  # « terrain/reponses.csv »: the folder may not exist yet
    chemin.write_text(",".join(dico.noms) + "\n", encoding="utf-8")
    return chemin


# ---------------------------------------------------------------------------------------------
# The two tracks
# ---------------------------------------------------------------------------------------------
def _forme_piste(texte: str) -> str:
    return " ".join(_sans_accents(texte).split())


def charger_piste(piste: str, jeu: str, chemin_terrain: str | Path = FICHIER_TERRAIN,
                  dictionnaire: Dictionnaire | str | Path = FICHIER_DICTIONNAIRE) -> pd.DataFrame:
    """Charge les données de la piste choisie : « exercice » (le jeu du cours) ou « terrain » (votre fichier).

    The analysis cells below run unchanged on either: on the exercise track the course dataset `jeu`
    (`course.data.load`), on the fieldwork track the learner's file, validated by `charger_terrain`.
    """
    choix = _forme_piste(piste) if isinstance(piste, str) else None
    if choix == EXERCICE:
        return data.load(jeu)
    if choix == TERRAIN:
        return charger_terrain(chemin_terrain, dictionnaire)
    raise CourseError(f"Piste inconnue « {piste} » : écrivez « exercice » (le cas du cours) "
                      "ou « terrain » (vos propres données anonymisées).")


# « Piste : terrain », « **Piste : Terrain.** », « # piste: exercice » once accents and case are removed.
_PISTE = re.compile(r"[#>*_\s]*piste\s*:\s*(exercice|terrain)\s*\.?[*_\s]*")


def lire_piste(texte: str | None) -> str | None:
    """La piste que déclare un écrit sur sa première ligne non vide : "exercice", "terrain" ou None.

    Case, accents, spaces (including the French non-breaking ones before the colon), a trailing period
    and Markdown emphasis or heading marks are tolerated; anything else on that line means no declaration.
    """
    if not isinstance(texte, str):
        return None
    for ligne in texte.splitlines():
        if ligne.strip():
            m = _PISTE.fullmatch(_sans_accents(ligne).replace("\u00a0", " ").replace("\u202f", " "))
            return m.group(1) if m else None
    return None
