"""Préparer un oral : le déroulé minuté, le fil conducteur, le support, les questions d'entraînement.

Several modalities end with an oral before the jury (M2.2, M2.3, then M3.2, M4.1, M4.2, M4.3, M5.3).
The notebook prepares it; the jury marks it. This module holds the mechanics only:

- what the oral requires (its title, the allotted time, the required moments, generic practice
  questions) is the assignment's content, in a YAML file released beside the notebook (`oral.yaml`,
  read with `lire_contenu`); the mark scheme never goes there — it stays in devoir.yaml;
- the checks are mechanical (minutes add up, required moments present, ≤ 8 slides of ≤ 5 bullets,
  a text alternative for every figure, no direct identification): they never judge the content;
- what the learner writes (notes, slides) goes through the course's personal-data detector, because a
  running order or a slide is read by the jury like any written answer.

The widgets (`preparer_oral`, `chronometre`) live in `widgets/`; they are re-exported here, imported
when called, so that the learner needs one import line and the pure functions load without ipywidgets.
"""
from __future__ import annotations

import base64
import html
import math
import random
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from .. import CourseError
from ..formatting import decimal_fr
from .donnees_personnelles import detecter_donnees_personnelles
from .widgets.contenu import lire_contenu

__all__ = [
    "FICHIER_ORAL", "FICHIER_MON_ORAL", "FICHIER_SUPPORT", "MAX_DIAPOS", "MAX_PUCES", "MOTS_NOTES_MAX",
    "ListeQuestions", "Moment", "MomentPrevu", "Oral", "anonymat", "avertissements_notes", "chronometre",
    "deroule_oral", "fil_conducteur", "format_minutes", "lire_oral", "melanger", "page_support", "preparer_oral",
    "questions_entrainement", "support_oral", "total_minutes", "valider_diapos", "valider_oral",
]

FICHIER_ORAL = "oral.yaml"
FICHIER_MON_ORAL = "mon_oral.yaml"
FICHIER_SUPPORT = "support_oral.html"
MAX_DIAPOS = 8
MAX_PUCES = 5
# The course counts 1 page = 400 words; the table and headings of the running order take the rest of the page.
MOTS_NOTES_MAX = 300
MAX_FIGURE_OCTETS = 5 * 1024 * 1024
GRAINE = 1

_CLES_ORAL = ("titre", "consigne", "duree_minutes", "echange_minutes", "moments", "questions")
_CLES_MOMENT = ("nom", "obligatoire", "aide")
# Keys an author might be tempted to add: what they name belongs to the hidden mark scheme, never to a released file.
_CLES_BAREME = ("bareme", "barème", "mark_scheme", "observables", "niveaux", "attendus", "lecture_attendue",
                "objections", "scenario", "scénario")
_CLES_DIAPO = ("titre", "puces", "figure", "alt")
_IMAGES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".gif": "image/gif",
           ".svg": "image/svg+xml", ".webp": "image/webp"}


def _texte(valeur) -> str | None:
    """A non-empty text on one line (a YAML block scalar's line breaks read as spaces), or None."""
    if not isinstance(valeur, str) or not valeur.strip():
        return None
    return " ".join(valeur.split())


def _est_nombre(valeur) -> bool:
    return isinstance(valeur, (int, float)) and not isinstance(valeur, bool) and math.isfinite(valeur)


def _cle(nom: str) -> str:
    """How two moment names are compared: case, accents' composition and spacing do not matter."""
    return " ".join(unicodedata.normalize("NFC", nom).casefold().split())


def format_minutes(minutes: float) -> str:
    """« 2 min », « 1,5 min », « 0 min »: the French decimal comma, at most two decimals."""
    return f"{decimal_fr(round(float(minutes), 2))} min"


# ---------------------------------------------------------------------------------------------
# The assignment's oral file
# ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class MomentPrevu:
    """A moment the assignment lists: its name, whether the jury expects it, an optional hint."""

    nom: str
    obligatoire: bool = True
    aide: str | None = None


@dataclass(frozen=True)
class Oral:
    """The content of `oral.yaml`, checked."""

    fichier: str
    titre: str
    duree_minutes: float
    moments: tuple[MomentPrevu, ...]
    questions: tuple[str, ...] = ()
    consigne: str | None = None
    echange_minutes: float | None = None

    @property
    def obligatoires(self) -> list[str]:
        return [m.nom for m in self.moments if m.obligatoire]


def valider_oral(contenu: dict, fichier: str | Path = FICHIER_ORAL) -> Oral:
    """The oral file checked and typed; a `CourseError` naming the file and the key otherwise.

    Written by the assignment's author: its errors show when the notebook opens and in the assignment's
    tests, with the key to fix.
    """
    nom_fichier = Path(fichier).name

    def erreur(probleme: str) -> CourseError:
        return CourseError(f"Le fichier « {nom_fichier} » est mal rempli : {probleme}")

    for cle in contenu:
        if _sans_accents(str(cle)) in (_sans_accents(c) for c in _CLES_BAREME):
            raise erreur(f"la clé « {cle} » n'a pas sa place dans un fichier distribué aux apprenants : "
                         "le barème, les observables et les cartes du jury restent dans devoir.yaml (mark_scheme).")
        if cle not in _CLES_ORAL:
            raise erreur(f"clé inconnue « {cle} » (clés possibles : {', '.join(_CLES_ORAL)}).")
    titre = _texte(contenu.get("titre"))
    if titre is None:
        raise erreur("la clé « titre » doit contenir le titre de l'oral.")
    consigne = contenu.get("consigne")
    if consigne is not None and _texte(consigne) is None:
        raise erreur("la clé « consigne » doit contenir un texte.")
    durees = {}
    for cle in ("duree_minutes", "echange_minutes"):
        valeur = contenu.get(cle)
        if valeur is None and cle == "echange_minutes":
            durees[cle] = None
        elif not _est_nombre(valeur) or valeur <= 0:
            raise erreur(f"la clé « {cle} » doit être un nombre de minutes supérieur à 0.")
        else:
            durees[cle] = float(valeur)
    moments = _moments_prevus(contenu.get("moments"), erreur)
    questions = contenu.get("questions", [])
    if not isinstance(questions, list) or any(_texte(q) is None for q in questions):
        raise erreur("la clé « questions » doit être une liste de questions (une phrase chacune).")
    return Oral(nom_fichier, titre, durees["duree_minutes"], moments, tuple(_texte(q) for q in questions),
                _texte(consigne), durees["echange_minutes"])


def _moments_prevus(bruts, erreur) -> tuple[MomentPrevu, ...]:
    if not isinstance(bruts, list) or not bruts:
        raise erreur("la clé « moments » doit être une liste de moments (« - nom: … »).")
    moments: list[MomentPrevu] = []
    for numero, brut in enumerate(bruts, start=1):
        if not isinstance(brut, dict) or _texte(brut.get("nom")) is None:
            raise erreur(f"le moment n° {numero} doit avoir un « nom ».")
        nom = _texte(brut["nom"])
        inconnues = [cle for cle in brut if cle not in _CLES_MOMENT]
        if inconnues:
            raise erreur(f"moment « {nom} » : clé inconnue « {inconnues[0]} » (clés possibles : "
                         f"{', '.join(_CLES_MOMENT)}).")
        if _cle(nom) in (_cle(m.nom) for m in moments):
            raise erreur(f"le moment « {nom} » apparaît deux fois.")
        obligatoire = brut.get("obligatoire", True)
        if not isinstance(obligatoire, bool):
            raise erreur(f"moment « {nom} » : la clé « obligatoire » vaut true ou false.")
        aide = brut.get("aide")
        if aide is not None and _texte(aide) is None:
            raise erreur(f"moment « {nom} » : la clé « aide » doit contenir un texte.")
        moments.append(MomentPrevu(nom, obligatoire, _texte(aide)))
    return tuple(moments)


def _sans_accents(texte: str) -> str:
    decompose = unicodedata.normalize("NFD", texte.casefold())
    return "".join(c for c in decompose if not unicodedata.combining(c))


def lire_oral(fichier: str | Path = FICHIER_ORAL, dossier: str | Path | None = None) -> Oral:
    """Lit le fichier de l'oral (à côté du notebook) et le vérifie."""
    return valider_oral(lire_contenu(fichier, dossier), fichier)


# ---------------------------------------------------------------------------------------------
# The timed running order
# ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Moment:
    """A moment of the learner's running order: its name and the minutes it gets."""

    nom: str
    minutes: float


def _moments(moments: Iterable) -> list[Moment]:
    """Pairs (nom, minutes), dicts {nom, minutes} or `Moment`s, checked; a `CourseError` says which one is wrong."""
    resultat = []
    for numero, brut in enumerate(moments, start=1):
        if isinstance(brut, Moment):
            nom, minutes = brut.nom, brut.minutes
        elif isinstance(brut, Mapping):
            nom, minutes = brut.get("nom"), brut.get("minutes")
        elif isinstance(brut, (tuple, list)) and len(brut) == 2:
            nom, minutes = brut
        else:
            raise CourseError(f"Moment n° {numero} : écrivez-le (\"nom du moment\", minutes), par exemple "
                              "(\"Poser le cadre\", 2).")
        nom_propre = _texte(nom)
        if nom_propre is None:
            raise CourseError(f"Moment n° {numero} : donnez-lui un nom.")
        if not _est_nombre(minutes) or minutes < 0:
            raise CourseError(f"Moment n° {numero} (« {nom_propre} ») : la durée doit être un nombre de minutes "
                              f"positif ou nul, pas « {minutes} ».")
        resultat.append(Moment(nom_propre, float(minutes)))
    return resultat


def total_minutes(moments: Iterable) -> float:
    """The minutes of the running order, added up."""
    return sum(m.minutes for m in _moments(moments))


def deroule_oral(moments: Iterable, duree_totale: float, obligatoires: Iterable[str] = ()) -> list[str]:
    """Les avertissements sur votre déroulé minuté ; liste vide s'il tient dans le temps imparti.

    Mechanical only: a moment listed twice, a moment with 0 minute, a required moment missing, a total
    over the allotted time. Whether a moment is well built is the jury's business.
    """
    if not _est_nombre(duree_totale) or duree_totale <= 0:
        raise CourseError("Le temps imparti doit être un nombre de minutes supérieur à 0, "
                          f"pas « {duree_totale} ».")
    liste = _moments(moments)
    requis = {_cle(nom) for nom in obligatoires}
    avertissements = []
    vus: set[str] = set()
    for moment in liste:
        cle = _cle(moment.nom)
        if cle in vus:
            avertissements.append(f"« {moment.nom} » apparaît deux fois : regroupez ces deux moments.")
        vus.add(cle)
        if moment.minutes == 0 and cle in requis:
            avertissements.append(f"« {moment.nom} » : 0 minute prévue pour un moment obligatoire. "
                                  "Donnez-lui du temps.")
        elif moment.minutes == 0:
            avertissements.append(f"« {moment.nom} » : 0 minute prévue. Donnez-lui du temps ou retirez ce moment.")
    for nom in obligatoires:
        if _cle(nom) not in vus:
            avertissements.append(f"Moment obligatoire absent : « {_texte(nom)} ».")
    total = sum(m.minutes for m in liste)
    if total > duree_totale + 1e-9:
        avertissements.append(
            f"Total : {format_minutes(total)} pour {format_minutes(duree_totale)} prévues, soit "
            f"{format_minutes(total - duree_totale)} de trop. Raccourcissez un ou plusieurs moments.")
    return avertissements


def _cellule_markdown(texte: str) -> str:
    """A note as one Markdown table cell: pipes escaped, line breaks kept as <br>, « — » when empty."""
    lignes = [html.escape(ligne.strip(), quote=False).replace("|", "\\|") for ligne in texte.strip().splitlines()]
    lignes = [ligne for ligne in lignes if ligne]
    return "<br>".join(lignes) if lignes else "—"


def fil_conducteur(moments: Iterable, notes: Mapping[str, str] | None = None, *, titre: str | None = None,
                   duree_totale: float | None = None) -> str:
    """Votre fil conducteur d'une page, en Markdown : début de chaque moment, durée, notes.

    `notes` maps a moment's name to the learner's keywords. The start times are cumulative, so that
    the rehearsal timer shows where one should be.
    """
    liste = _moments(moments)
    par_nom = {_cle(nom): texte for nom, texte in (notes or {}).items()}
    lignes = [f"### Fil conducteur — {titre}" if titre else "### Fil conducteur", ""]
    lignes += ["| Début | Moment | Durée | Notes |", "|---|---|---|---|"]
    debut = 0.0
    for moment in liste:
        note = _cellule_markdown(par_nom.get(_cle(moment.nom), "") or "")
        nom = html.escape(moment.nom, quote=False).replace("|", "\\|")
        lignes.append(f"| {format_minutes(debut)} | {nom} | {format_minutes(moment.minutes)} | {note} |")
        debut += moment.minutes
    total = f"**Total : {format_minutes(debut)}**"
    lignes += ["", f"{total} sur {format_minutes(duree_totale)} prévues." if duree_totale else f"{total}."]
    return "\n".join(lignes)


def _mots(texte: str) -> int:
    return len(texte.split())


def anonymat(textes: Iterable[tuple[str, str]]) -> tuple[list[str], list[str]]:
    """(à retirer, à vérifier): the detector's findings in texts named by where they are.

    « À retirer » (direct identification) blocks the save or the export; « à vérifier » (indirect) is
    shown and left to the learner, as in the self-check.
    """
    a_retirer: list[str] = []
    a_verifier: list[str] = []
    for ou, texte in textes:
        directes: list[str] = []
        for donnee in detecter_donnees_personnelles(texte or ""):
            if donnee.a_retirer:
                if donnee.categorie not in directes:
                    directes.append(donnee.categorie)
            else:
                a_verifier.append(f"{ou} : à vérifier, {donnee.categorie} « {donnee.extrait} » (identification "
                                  "indirecte possible).")
        if directes:
            a_retirer.append(f"{ou} : donnée personnelle à retirer ({', '.join(directes)}).")
    return a_retirer, a_verifier


def avertissements_notes(notes: Mapping[str, str]) -> list[str]:
    """Notes too long for one page, and indirect identifications to check (direct ones: see `anonymat`)."""
    avertissements = []
    mots = sum(_mots(texte or "") for texte in notes.values())
    if mots > MOTS_NOTES_MAX:
        avertissements.append(f"Vos notes font {mots} mots : au-delà de {MOTS_NOTES_MAX}, le fil conducteur ne tient "
                              "plus sur une page. Gardez des mots-clés.")
    avertissements += anonymat((f"Notes de « {nom} »", texte) for nom, texte in notes.items())[1]
    return avertissements


# ---------------------------------------------------------------------------------------------
# The slides
# ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Diapo:
    """One slide, checked: its figure (if any) already read from the disk."""

    titre: str
    puces: tuple[str, ...]
    figure: str | None = None
    alt: str | None = None
    type_mime: str | None = None
    octets: bytes | None = None


def _designation(numero: int, titre: str | None) -> str:
    return f"Diapositive {numero} (« {titre} »)" if titre else f"Diapositive {numero}"


def _figure(chemin: Path, nom: str, ou: str) -> tuple[str | None, bytes | None, str | None]:
    """(mime type, bytes, None) or (None, None, the French problem)."""
    type_mime = _IMAGES.get(chemin.suffix.lower())
    if type_mime is None:
        return None, None, (f"{ou} : la figure « {nom} » n'est pas une image (formats possibles : "
                            f"{', '.join(s[1:] for s in _IMAGES)}).")
    if not chemin.is_file():
        return None, None, f"{ou} : la figure « {nom} » est introuvable à côté du notebook."
    taille = chemin.stat().st_size
    if taille > MAX_FIGURE_OCTETS:
        return None, None, (f"{ou} : la figure « {nom} » pèse {decimal_fr(round(taille / 1024 / 1024, 1))} Mo : "
                            f"{MAX_FIGURE_OCTETS // 1024 // 1024} Mo au plus.")
    return type_mime, chemin.read_bytes(), None


def _textes_diapo(ou: str, titre: str, puces, alt: str | None) -> list[tuple[str, str]]:
    """The texts of a slide the jury reads, each named by where it is (for the anonymisation messages)."""
    textes = [(ou, titre)] + [(f"{ou}, puce n° {i}", p) for i, p in enumerate(puces, start=1)]
    return textes + [(f"{ou}, texte de remplacement", alt)] if alt else textes


def _diapo(numero: int, brute, dossier: Path) -> tuple[Diapo | None, list[str]]:
    """One slide checked, or None and every problem found in it."""
    if not isinstance(brute, Mapping):
        return None, [f"Diapositive {numero} : chaque diapositive s'écrit "
                      "{\"titre\": \"…\", \"puces\": [\"…\"]}."]
    titre = _texte(brute.get("titre"))
    ou = _designation(numero, titre)
    problemes = [f"{ou} : clé inconnue « {cle} » (clés possibles : {', '.join(_CLES_DIAPO)})."
                 for cle in brute if cle not in _CLES_DIAPO]
    if titre is None:
        problemes.append(f"{ou} : la clé « titre » doit contenir un texte.")
    puces = brute.get("puces", [])
    if not isinstance(puces, (list, tuple)) or any(_texte(p) is None for p in puces):
        problemes.append(f"{ou} : « puces » doit être une liste de phrases courtes, sans puce vide.")
        puces = []
    elif len(puces) > MAX_PUCES:
        problemes.append(f"{ou} : {len(puces)} puces, {MAX_PUCES} au plus.")
    figure, alt = brute.get("figure"), brute.get("alt")
    type_mime = octets = None
    if figure is None and alt is not None:
        problemes.append(f"{ou} : « alt » décrit une figure, mais la clé « figure » manque.")
    elif figure is not None:
        nom = str(figure)
        if _texte(alt) is None:
            problemes.append(f"{ou} : la figure « {nom} » n'a pas de texte de remplacement ; ajoutez « alt » : une "
                             "phrase qui dit ce que montre la figure.")
        type_mime, octets, probleme = _figure(dossier / nom, nom, ou)
        if probleme:
            problemes.append(probleme)
    problemes += anonymat(_textes_diapo(ou, titre or "", puces, _texte(alt)))[0]
    if problemes:
        return None, problemes
    return Diapo(titre, tuple(_texte(p) for p in puces), None if figure is None else str(figure), _texte(alt),
                 type_mime, octets), []


def valider_diapos(diapos, dossier: str | Path | None = None) -> list[Diapo]:
    """The slides checked (≤ 8, ≤ 5 bullets, alt text for every figure, no direct identification).

    Every problem is listed at once in the `CourseError`, so that the learner fixes them in one go.
    """
    dossier = Path(dossier or Path.cwd())
    if not isinstance(diapos, (list, tuple)) or not diapos:
        raise CourseError("Le support n'a aucune diapositive : donnez une liste de diapositives, par exemple "
                          "[{\"titre\": \"Pourquoi cette enquête\", \"puces\": [\"…\"]}].")
    problemes = []
    if len(diapos) > MAX_DIAPOS:
        problemes.append(f"Le support a {len(diapos)} diapositives : {MAX_DIAPOS} au plus.")
    resultat = []
    for numero, brute in enumerate(diapos, start=1):
        diapo, erreurs = _diapo(numero, brute, dossier)
        problemes += erreurs
        if diapo is not None:
            resultat.append(diapo)
    if problemes:
        raise CourseError(_liste_problemes("Le support n'a pas été créé", problemes))
    return resultat


def _liste_problemes(debut: str, problemes: list[str]) -> str:
    if len(problemes) == 1:
        return f"{debut} : {problemes[0]}"
    return f"{debut}, {len(problemes)} problèmes à corriger :\n" + "\n".join(f"- {p}" for p in problemes)


_STYLE = """\
body { font-family: system-ui, sans-serif; font-size: 1.4rem; line-height: 1.5; color: #111; background: #fff;
       margin: 0; }
header { padding: 1rem 2rem; border-bottom: 2px solid #111; }
h1 { font-size: 1.6rem; margin: 0; }
.diapo { min-height: 90vh; padding: 2rem; border-bottom: 2px solid #111; box-sizing: border-box; }
.numero { font-size: 1rem; margin: 0 0 .5rem; }
h2 { font-size: 2.2rem; margin: 0 0 1rem; }
li { margin-bottom: .6rem; }
img { max-width: 100%; max-height: 60vh; }
@media print { .diapo { min-height: auto; page-break-after: always; border: none; } header { display: none; } }
"""


def _echapper(texte: str) -> str:
    return html.escape(texte, quote=True)


def page_support(diapos: list[Diapo], titre: str = "Support de l'oral") -> str:
    """The slides as one self-contained HTML page: figures embedded in base64, nothing fetched from outside.

    Accessible: lang="fr", a title, one h2 per slide, slide numbers as text, every figure's text alternative.
    """
    sections = []
    for numero, diapo in enumerate(diapos, start=1):
        morceaux = [f'<section class="diapo" aria-labelledby="diapo-{numero}">',
                    f'<p class="numero">Diapositive {numero} sur {len(diapos)}</p>',
                    f'<h2 id="diapo-{numero}">{_echapper(diapo.titre)}</h2>']
        if diapo.puces:
            morceaux.append("<ul>" + "".join(f"<li>{_echapper(p)}</li>" for p in diapo.puces) + "</ul>")
        if diapo.octets is not None:
            donnees = base64.b64encode(diapo.octets).decode("ascii")
            morceaux.append(f'<figure><img src="data:{diapo.type_mime};base64,{donnees}" alt="{_echapper(diapo.alt)}">'
                            "</figure>")
        morceaux.append("</section>")
        sections.append("\n".join(morceaux))
    return "\n".join([
        "<!DOCTYPE html>", '<html lang="fr">', "<head>", '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">', f"<title>{_echapper(titre)}</title>",
        f"<style>\n{_STYLE}</style>", "</head>", "<body>", f"<header><h1>{_echapper(titre)}</h1></header>", "<main>",
        *sections, "</main>", "</body>", "</html>", "",
    ])


def support_oral(diapos, chemin: str | Path = FICHIER_SUPPORT, titre: str = "Support de l'oral") -> Path:
    """Écrit votre support d'oral (8 diapositives au plus) dans un seul fichier HTML, à ouvrir devant le jury.

    Each slide is {"titre": …, "puces": [… 5 at most], "figure": "image.png", "alt": "what it shows"};
    figure paths are read beside the notebook. Indirect identifications are printed to be checked.
    """
    chemin = Path(chemin)
    propres = valider_diapos(diapos)
    chemin.write_text(page_support(propres, _texte(titre) or "Support de l'oral"), encoding="utf-8")
    a_verifier = anonymat(_textes_diapos(propres))[1]
    for avertissement in a_verifier:
        print(avertissement)
    return chemin


def _textes_diapos(diapos: list[Diapo]) -> list[tuple[str, str]]:
    textes = []
    for numero, diapo in enumerate(diapos, start=1):
        textes += _textes_diapo(_designation(numero, diapo.titre), diapo.titre, diapo.puces, diapo.alt)
    return textes


# ---------------------------------------------------------------------------------------------
# Practice questions
# ---------------------------------------------------------------------------------------------
class ListeQuestions(list):
    """A plain list of questions that Jupyter shows as a numbered list."""

    def _repr_markdown_(self) -> str:
        return "\n".join(f"{numero}. {question}" for numero, question in enumerate(self, start=1))


def melanger(elements: Iterable[str], graine: int = GRAINE) -> list[str]:
    """The elements in an order fixed by `graine`, the same on every machine and Python version.

    A Fisher–Yates shuffle driven by `random.Random(graine).random()`, whose sequence Python guarantees
    across versions (`random.shuffle`'s is not guaranteed).
    """
    liste = list(elements)
    generateur = random.Random(graine)
    for i in range(len(liste) - 1, 0, -1):
        j = int(generateur.random() * (i + 1))
        liste[i], liste[j] = liste[j], liste[i]
    return liste


def questions_entrainement(fichier: str | Path = FICHIER_ORAL, graine: int = GRAINE,
                           nombre: int | None = None) -> ListeQuestions:
    """Des questions de jury pour vous entraîner, dans un ordre tiré au sort (changez `graine` pour un autre).

    Generic questions written by the author in the oral file, never the mark scheme; `nombre` keeps the
    first ones of the shuffled list (a short rehearsal).
    """
    oral = lire_oral(fichier)
    if not oral.questions:
        raise CourseError(f"Le fichier « {oral.fichier} » ne propose pas de questions d'entraînement "
                          "(clé « questions »).")
    if not isinstance(graine, int) or isinstance(graine, bool):
        raise CourseError(f"La graine doit être un nombre entier, par exemple 2, pas « {graine} ».")
    questions = melanger(oral.questions, graine)
    if nombre is not None:
        if not isinstance(nombre, int) or isinstance(nombre, bool) or nombre < 1:
            raise CourseError(f"Le nombre de questions doit être un entier supérieur à 0, pas « {nombre} ».")
        questions = questions[:nombre]
    return ListeQuestions(questions)


# ---------------------------------------------------------------------------------------------
# The widgets, imported when called
# ---------------------------------------------------------------------------------------------
def preparer_oral(fichier: str | Path = FICHIER_ORAL):
    """Affiche l'outil de préparation de l'oral : minutes et notes par moment, avertissements, fil conducteur."""
    from .widgets.preparation_oral import preparer_oral as afficher

    return afficher(fichier)


def chronometre(minutes: float):
    """Affiche un chronomètre de répétition (Démarrer, Arrêter, Remettre à zéro) réglé sur `minutes`."""
    from .widgets.chronometre import chronometre as afficher

    return afficher(minutes)
