"""Travailler en équipe : déclarer l'équipe, répartir les tâches, tenir son journal, comparer la partie collective.

Collective modalities (M2.3, M5.2, M5.3) mix team parts (marked once, on the secrétaire's copy, then
spread by `casp teams apply`) and individual parts. Each learner still works in their own copy, so the
team's traces live in files beside the notebook, under `equipe/`:

- `equipe/declaration.yaml`: the team as the learners declare it. The trainer's roster stays
  authoritative; a coordinator command compares the two and reports the differences;
- `equipe/repartition.csv`: who does what, its status and its due date;
- `equipe/journal_<login>.csv`: each member's dated contributions, evidence for the individual criteria;
- `empreinte_collective(notebook)`: a short hash of the collective cells, identical in every member's copy
  when their collective text is, so that differences are found without reading every copy.

The CSV files reuse the « piste terrain » mechanism (`course.learner.terrain`): their columns are a
codebook (`Dictionnaire`) checked cell by cell by `probleme_cellule` / `valider_terrain` — including the
anonymisation check of free text — with the same French messages naming the file, the line and the column.
Only two checks are added here: ISO dates and nbgrader logins.
"""
from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import yaml

from .. import CourseError
from .terrain import (CATEGORIE, ENTIER, TEXTE, Colonne, Dictionnaire, lire_lignes_csv, probleme_cellule,
                      erreur_problemes, valeur_normalisee, valider_terrain)

__all__ = [
    "DOSSIER_EQUIPE", "FICHIER_DECLARATION", "FICHIER_REPARTITION", "JOURNAL", "MAX_MEMBRES", "MIN_MEMBRES",
    "REPARTITION", "STATUTS", "Empreinte", "ajouter_contribution", "empreinte_collective", "empreinte_texte",
    "enregistrer_journal", "enregistrer_repartition", "est_collective", "fichier_journal", "journal_equipe", "lire_declaration",
    "lire_journal", "lire_repartition", "maj_tache", "minutes_par_membre", "mon_equipe", "normaliser_source",
    "repartition_taches", "resume_journaux", "retirer_tache", "tache_existe", "valider_equipe",
]

DOSSIER_EQUIPE = "equipe"
FICHIER_DECLARATION = f"{DOSSIER_EQUIPE}/declaration.yaml"
FICHIER_REPARTITION = f"{DOSSIER_EQUIPE}/repartition.csv"
MIN_MEMBRES, MAX_MEMBRES = 2, 6
STATUTS = ("à faire", "en cours", "fait")
DUREE_MAX = 720  # minutes in one journal line: a working day at most
LONGUEUR_CODE = 40
EMPREINTE_LONGUEUR = 12

REPARTITION = Dictionnaire("repartition.csv", (
    Colonne("tache", "Tâche", TEXTE),
    Colonne("membre", "Membre", TEXTE),
    Colonne("statut", "Statut", CATEGORIE, valeurs=STATUTS),
    Colonne("echeance", "Échéance", TEXTE),
), titre="Répartition des tâches")

JOURNAL = Dictionnaire("journal.csv", (
    Colonne("date", "Date", TEXTE),
    Colonne("duree_minutes", "Durée (minutes)", ENTIER, min=1, max=DUREE_MAX),
    Colonne("contribution", "Ce que j'ai fait", TEXTE),
    Colonne("trace", "Trace", TEXTE, obligatoire=False),
), titre="Journal de mes contributions")

_COLONNES_DATE = ("echeance", "date")
_COLONNES_LOGIN = ("membre",)
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# The login rule of `course.lab.roles.LOGIN_RE` (nbgrader names submissions <login>+<assignment>+<time>), copied
# rather than imported: importing `course.lab` would load the lab server into every learner's kernel. A test
# keeps the two equal.
LOGIN_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
_LIGNE = re.compile(r", ligne (\d+)")


# ---------------------------------------------------------------------------------------------
# Cells: the terrain rules, plus dates and logins
# ---------------------------------------------------------------------------------------------
def probleme_login(valeur: str) -> str | None:
    """Why a text is not an nbgrader login (the exchange names submissions after it), or None."""
    if LOGIN_RE.fullmatch(valeur):
        return None
    return (f"« {valeur} » n'est pas un identifiant de connexion (lettres sans accent, chiffres, « . », « _ » ou "
            "« - », sans espace) : écrivez l'identifiant, pas le nom")


def probleme_date(valeur: str) -> str | None:
    """Why a text is not a date written AAAA-MM-JJ (the one format that sorts and that every tool reads), or None."""
    try:
        if _DATE.fullmatch(valeur):
            dt.date.fromisoformat(valeur)
            return None
    except ValueError:
        pass
    return f"« {valeur} » n'est pas une date au format AAAA-MM-JJ (par exemple 2025-03-14)"


def _probleme(colonne: Colonne, valeur: str) -> str | None:
    probleme = probleme_cellule(colonne, valeur)
    if probleme or valeur == "":
        return probleme
    if colonne.nom in _COLONNES_DATE:
        return probleme_date(valeur)
    if colonne.nom in _COLONNES_LOGIN:
        return probleme_login(valeur)
    return None


def _texte_cellule(valeur) -> str:
    """A value given by the learner as the text a CSV cell holds (a date object → AAAA-MM-JJ)."""
    if valeur is None:
        return ""
    if isinstance(valeur, (dt.date, dt.datetime)):
        return valeur.strftime("%Y-%m-%d")
    return " ".join(str(valeur).split())


def _ligne(dico: Dictionnaire, valeurs: Mapping, quoi: str) -> dict[str, str]:
    """One row checked and normalised; a `CourseError` « <quoi> non enregistrée : … » listing every problem."""
    cellules = {nom: _texte_cellule(valeurs.get(nom)) for nom in dico.noms}
    problemes = []
    for colonne in dico.colonnes:
        probleme = _probleme(colonne, cellules[colonne.nom])
        if probleme:
            problemes.append(f"{colonne.libelle} (colonne {colonne.nom}) : {probleme}")
    if problemes:
        raise CourseError(f"{quoi} non enregistrée : " + " ; ".join(problemes) + ".")
    return {colonne.nom: valeur_normalisee(colonne, cellules[colonne.nom]) for colonne in dico.colonnes}


# ---------------------------------------------------------------------------------------------
# Files: read with the terrain checks, written in the course's one CSV dialect
# ---------------------------------------------------------------------------------------------
def _chemin(fichier: str | Path, dossier: str | Path | None) -> Path:
    return Path(dossier or Path.cwd()) / fichier


def _lire_table(chemin: Path, dico: Dictionnaire, nom: str, cle: tuple[str, ...] = ()) -> list[dict[str, str]]:
    """The rows of a team file, checked; [] when it does not exist yet; a `CourseError` listing every problem."""
    if not chemin.exists():
        return []
    problemes = valider_terrain(chemin, dico, fichier=nom)
    lignes, _ = lire_lignes_csv(chemin)
    lignes_ok = lignes is not None and bool(lignes) and lignes[0] == dico.noms
    resultat: list[dict[str, str]] = []
    vues: dict[tuple[str, ...], int] = {}
    for numero, ligne in enumerate(lignes[1:] if lignes_ok else [], start=2):
        if not any(ligne) or len(ligne) > len(dico.noms):
            continue  # blank line skipped, overlong line already reported by valider_terrain
        cellules = dict(zip(dico.noms, ligne + [""] * (len(dico.noms) - len(ligne))))
        for colonne in dico.colonnes:
            valeur = cellules[colonne.nom]
            if valeur and not probleme_cellule(colonne, valeur):
                extra = _probleme(colonne, valeur)
                if extra:
                    problemes.append(f"{nom}, ligne {numero}, colonne {colonne.nom} : {extra}")
        if cle:
            identite = tuple(_comparable(cellules[c]) for c in cle)
            if identite in vues:
                problemes.append(f"{nom}, ligne {numero} : cette ligne reprend la ligne {vues[identite]} "
                                 f"({', '.join(cle)}) ; gardez-en une seule")
            vues.setdefault(identite, numero)
        resultat.append({c.nom: valeur_normalisee(c, cellules[c.nom]) for c in dico.colonnes})
    if problemes:
        problemes.sort(key=_numero_ligne)  # in file order, whichever check found them
        raise erreur_problemes(f"Le fichier « {nom} » a ", problemes)
    return resultat


def _numero_ligne(message: str) -> int:
    trouve = _LIGNE.search(message)
    return int(trouve.group(1)) if trouve else 0


def _ecrire_table(chemin: Path, dico: Dictionnaire, lignes: Iterable[Mapping[str, str]]) -> Path:
    chemin.parent.mkdir(parents=True, exist_ok=True)
    with chemin.open("w", encoding="utf-8", newline="") as sortie:
        ecrivain = csv.writer(sortie, lineterminator="\n")
        ecrivain.writerow(dico.noms)
        for ligne in lignes:
            ecrivain.writerow([ligne.get(nom, "") for nom in dico.noms])
    return chemin


def _comparable(texte: str) -> str:
    """How two task names or logins are compared: case and spacing do not make another task."""
    return " ".join(unicodedata.normalize("NFC", texte).casefold().split())


# ---------------------------------------------------------------------------------------------
# The team's declaration
# ---------------------------------------------------------------------------------------------
def valider_equipe(code, membres, secretaire) -> dict:
    """The declaration checked: {"equipe", "membres", "secretaire"}; a `CourseError` listing every problem."""
    problemes = []
    code_propre = code.strip() if isinstance(code, str) else ""
    if not code_propre:
        problemes.append("le code d'équipe est vide : écrivez celui que l'équipe de formation vous a donné "
                         "(par exemple « E1 »)")
    elif "\n" in code_propre or "," in code_propre or ";" in code_propre or len(code_propre) > LONGUEUR_CODE:
        problemes.append(f"le code d'équipe « {code_propre} » doit tenir sur une ligne, sans virgule ni "
                         f"point-virgule ({LONGUEUR_CODE} caractères au plus)")
    if isinstance(membres, str) or not isinstance(membres, (list, tuple)):
        problemes.append("les membres s'écrivent sous forme de liste d'identifiants, par exemple "
                         "[\"apprenant01\", \"apprenant02\"]")
        membres = []
    logins = [m.strip() if isinstance(m, str) else str(m) for m in membres]
    if membres and not MIN_MEMBRES <= len(logins) <= MAX_MEMBRES:
        problemes.append(f"une équipe compte de {MIN_MEMBRES} à {MAX_MEMBRES} membres : "
                         f"vous en déclarez {len(logins)}")
    for position, login in enumerate(logins):
        probleme = probleme_login(login)
        if probleme:
            problemes.append(probleme)
        elif login in logins[:position]:
            problemes.append(f"« {login} » figure deux fois parmi les membres")
    secretaire_propre = secretaire.strip() if isinstance(secretaire, str) else ""
    if membres and secretaire_propre not in logins:
        problemes.append(f"secrétaire « {secretaire_propre} » : cet identifiant doit figurer parmi les membres")
    if problemes:
        raise CourseError(_liste("Équipe non déclarée", problemes))
    return {"equipe": code_propre, "membres": logins, "secretaire": secretaire_propre}


def _liste(debut: str, problemes: list[str]) -> str:
    if len(problemes) == 1:
        return f"{debut} : {problemes[0]}."
    return f"{debut}, {len(problemes)} problèmes à corriger :\n" + "\n".join(f"- {p}." for p in problemes)


def mon_equipe(code: str, membres: list[str], secretaire: str, dossier: str | Path | None = None) -> dict:
    """Déclare votre équipe (code, identifiants des membres, secrétaire) dans equipe/declaration.yaml.

    The trainer's roster is authoritative: this declaration is compared with it, it does not replace it.
    Running the cell again replaces the declaration (a team may change before the work starts).
    """
    declaration = valider_equipe(code, membres, secretaire)
    chemin = _chemin(FICHIER_DECLARATION, dossier)
    chemin.parent.mkdir(parents=True, exist_ok=True)
    entete = "# Déclaration de l'équipe. La liste de l'équipe de formation fait foi.\n"
    chemin.write_text(entete + yaml.safe_dump(declaration, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return declaration


def lire_declaration(dossier: str | Path | None = None) -> dict:
    """The declaration saved by `mon_equipe`, checked again (the file may have been edited by hand)."""
    chemin = _chemin(FICHIER_DECLARATION, dossier)
    if not chemin.is_file():
        raise CourseError(f"Le fichier « {FICHIER_DECLARATION} » est introuvable : déclarez d'abord votre "
                          "équipe avec mon_equipe(code, membres, secretaire).")
    try:
        contenu = yaml.safe_load(chemin.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError):
        contenu = None
    if not isinstance(contenu, dict):
        raise CourseError(f"Le fichier « {FICHIER_DECLARATION} » est illisible : déclarez à nouveau votre "
                          "équipe avec mon_equipe(code, membres, secretaire).")
    try:
        return valider_equipe(contenu.get("equipe"), contenu.get("membres"), contenu.get("secretaire"))
    except CourseError as erreur:
        raise CourseError(f"Le fichier « {FICHIER_DECLARATION} » est mal rempli. {erreur}") from None


# ---------------------------------------------------------------------------------------------
# Who does what
# ---------------------------------------------------------------------------------------------
def _position(lignes: list[Mapping[str, str]], tache: str, membre: str) -> int | None:
    cle = (_comparable(tache), _comparable(membre))
    for position, ligne in enumerate(lignes):
        if (_comparable(ligne["tache"]), _comparable(ligne["membre"])) == cle:
            return position
    return None


def tache_existe(lignes: Iterable[Mapping[str, str]], tache: str, membre: str) -> bool:
    """Whether this member already has a line for this task (then `maj_tache` updates it)."""
    return _position(list(lignes), _texte_cellule(tache), _texte_cellule(membre)) is not None


def maj_tache(lignes: Iterable[Mapping[str, str]], tache: str, membre: str, statut: str,
              echeance: str | dt.date) -> list[dict[str, str]]:
    """A new list of tasks: the task of this member added, or its status and due date updated.

    A task is identified by its name and its member (case and spacing aside), so that one task can be
    shared by two members, each with their own line.
    """
    nouvelle = _ligne(REPARTITION, {"tache": tache, "membre": membre, "statut": statut, "echeance": echeance},
                      "Tâche")
    resultat = [dict(ligne) for ligne in lignes]
    position = _position(resultat, nouvelle["tache"], nouvelle["membre"])
    if position is None:
        resultat.append(nouvelle)
    else:
        resultat[position] = {**nouvelle, "tache": resultat[position]["tache"]}  # the first spelling stays
    return resultat


def retirer_tache(lignes: Iterable[Mapping[str, str]], tache: str, membre: str) -> list[dict[str, str]]:
    """A new list of tasks without this member's line for this task; a `CourseError` if there is none."""
    resultat = [dict(ligne) for ligne in lignes]
    position = _position(resultat, _texte_cellule(tache), _texte_cellule(membre))
    if position is None:
        raise CourseError(f"Aucune tâche « {_texte_cellule(tache)} » pour « {_texte_cellule(membre)} » dans la "
                          "répartition.")
    del resultat[position]
    return resultat


def lire_repartition(fichier: str | Path = FICHIER_REPARTITION, dossier: str | Path | None = None) -> list[dict]:
    """Les tâches de l'équipe (liste vide si le fichier n'existe pas encore), vérifiées ligne par ligne."""
    return _lire_table(_chemin(fichier, dossier), REPARTITION, str(fichier), cle=("tache", "membre"))


def enregistrer_repartition(lignes: Iterable[Mapping[str, str]], fichier: str | Path = FICHIER_REPARTITION,
                            dossier: str | Path | None = None) -> Path:
    """Write the tasks (UTF-8, comma), the folder `equipe/` created if needed."""
    return _ecrire_table(_chemin(fichier, dossier), REPARTITION, lignes)


# ---------------------------------------------------------------------------------------------
# Each member's journal
# ---------------------------------------------------------------------------------------------
def fichier_journal(login: str) -> str:
    """« equipe/journal_<login>.csv », the login checked first (it names the file)."""
    probleme = probleme_login(login.strip() if isinstance(login, str) else str(login))
    if probleme:
        raise CourseError(f"Journal : {probleme}.")
    return f"{DOSSIER_EQUIPE}/journal_{login.strip()}.csv"


def ajouter_contribution(lignes: Iterable[Mapping[str, str]], date: str | dt.date, duree_minutes: int,
                         contribution: str, trace: str = "") -> list[dict[str, str]]:
    """A new journal with this contribution added at the end (date AAAA-MM-JJ, minutes from 1 to 720)."""
    nouvelle = _ligne(JOURNAL, {"date": date, "duree_minutes": duree_minutes, "contribution": contribution,
                                "trace": trace}, "Contribution")
    return [dict(ligne) for ligne in lignes] + [nouvelle]


def lire_journal(login: str, fichier: str | Path | None = None, dossier: str | Path | None = None) -> list[dict]:
    """Les contributions de `login` (liste vide si son journal n'existe pas encore), vérifiées ligne par ligne."""
    nom = str(fichier or fichier_journal(login))
    return _lire_table(_chemin(nom, dossier), JOURNAL, nom)


def enregistrer_journal(login: str, lignes: Iterable[Mapping[str, str]], fichier: str | Path | None = None,
                        dossier: str | Path | None = None) -> Path:
    """Write a member's journal (UTF-8, comma), the folder `equipe/` created if needed."""
    return _ecrire_table(_chemin(fichier or fichier_journal(login), dossier), JOURNAL, lignes)


def minutes_par_membre(journaux: Mapping[str, Iterable[Mapping[str, str]]]) -> dict[str, int]:
    """Total minutes per member, logins in alphabetical order: the team's effort at a glance."""
    return {login: sum(int(ligne["duree_minutes"]) for ligne in journaux[login]) for login in sorted(journaux)}


def resume_journaux(dossier: str | Path | None = None) -> pd.DataFrame:
    """Un tableau par membre : nombre de contributions et minutes, d'après les fichiers equipe/journal_*.csv."""
    racine = Path(dossier or Path.cwd())
    journaux = {}
    for chemin in sorted((racine / DOSSIER_EQUIPE).glob("journal_*.csv")):
        login = chemin.stem.removeprefix("journal_")
        journaux[login] = lire_journal(login, f"{DOSSIER_EQUIPE}/{chemin.name}", racine)
    minutes = minutes_par_membre(journaux)
    return pd.DataFrame({"membre": list(minutes), "contributions": [len(journaux[m]) for m in minutes],
                         "minutes": list(minutes.values())}, columns=["membre", "contributions", "minutes"])


# ---------------------------------------------------------------------------------------------
# The collective part's fingerprint
# ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Empreinte:
    """The fingerprint of a notebook's collective part, and of each collective cell (12 hex characters)."""

    empreinte: str
    cellules: dict[str, str] = field(default_factory=dict)

    def __str__(self) -> str:
        detail = ", ".join(f"{cle} : {valeur}" for cle, valeur in self.cellules.items())
        return f"Empreinte de la partie collective : {self.empreinte} ({detail})"


def normaliser_source(source: str | list[str]) -> str:
    """A cell's text as compared between members: line endings, trailing spaces and final blank lines ignored.

    Unicode is put in composed form (NFC): an « é » typed on one system and pasted from another must not
    make two texts differ.
    """
    texte = "".join(source) if isinstance(source, list) else str(source)
    texte = unicodedata.normalize("NFC", texte.replace("\r\n", "\n").replace("\r", "\n"))
    return "\n".join(ligne.rstrip() for ligne in texte.split("\n")).rstrip()


def _sha256(texte: str) -> str:
    return hashlib.sha256(texte.encode("utf-8")).hexdigest()


def empreinte_texte(texte: str | list[str]) -> str:
    """The first 12 hexadecimal characters of the SHA-256 of the normalised text."""
    return _sha256(normaliser_source(texte))[:EMPREINTE_LONGUEUR]


def est_collective(cellule: Mapping) -> bool:
    """Whether a notebook cell belongs to a collective part (the builder marks it `casp.collective: true`)."""
    casp = (cellule.get("metadata") or {}).get("casp") or {}
    return isinstance(casp, Mapping) and casp.get("collective") is True


def _cle_cellule(cellule: Mapping, numero: int) -> str:
    """A collective cell's name, the same in every member's copy: its criterion, its grade_id, or its position."""
    metadonnees = cellule.get("metadata") or {}
    critere = (metadonnees.get("casp") or {}).get("criterion")
    grade_id = (metadonnees.get("nbgrader") or {}).get("grade_id")
    return str(critere or grade_id or f"cellule n° {numero}")


def empreinte_collective(notebook_path: str | Path) -> Empreinte:
    """L'empreinte de la partie collective de votre notebook : identique pour tous les membres si leur texte l'est.

    The whole fingerprint is the SHA-256 of the per-cell SHA-256s (one per line, in notebook order), so that a
    coordinator compares one short code per copy, then the per-cell codes to find which part differs.
    """
    chemin = Path(notebook_path)
    if not chemin.is_file():
        raise CourseError(f"Le notebook « {chemin.name} » est introuvable ({chemin}).")
    try:
        notebook = json.loads(chemin.read_text(encoding="utf-8"))
        cellules = notebook["cells"]
    except (ValueError, UnicodeDecodeError, KeyError, TypeError):
        raise CourseError(f"Le notebook « {chemin.name} » est illisible : "
                          "ce n'est pas un notebook Jupyter.") from None
    empreintes: dict[str, str] = {}
    completes: list[str] = []
    for numero, cellule in enumerate(cellules, start=1):
        if not isinstance(cellule, Mapping) or not est_collective(cellule):
            continue
        complete = _sha256(normaliser_source(cellule.get("source", "")))
        cle = _cle_cellule(cellule, numero)
        if cle in empreintes:
            cle = f"{cle} (cellule n° {numero})"
        empreintes[cle] = complete[:EMPREINTE_LONGUEUR]
        completes.append(complete)
    if not completes:
        raise CourseError(f"Le notebook « {chemin.name} » n'a aucune partie collective (cellule marquée "
                          "casp.collective).")
    return Empreinte(_sha256("\n".join(completes))[:EMPREINTE_LONGUEUR], empreintes)


# ---------------------------------------------------------------------------------------------
# The widgets, imported when called
# ---------------------------------------------------------------------------------------------
def repartition_taches(fichier: str | Path = FICHIER_REPARTITION):
    """Affiche l'outil de répartition des tâches (tâche, membre, statut, échéance), enregistré dans `fichier`."""
    from .widgets.taches import repartition_taches as afficher

    return afficher(fichier)


def journal_equipe(login: str, fichier: str | Path | None = None):
    """Affiche votre journal de contributions (date, durée, ce que vous avez fait, trace).

    It is saved in equipe/journal_<login>.csv unless `fichier` says otherwise.
    """
    from .widgets.taches import journal_equipe as afficher

    return afficher(login, fichier)
