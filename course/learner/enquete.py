"""L'enquête : protocole, questionnaire, guide d'entretien, tris et plan d'analyse (M2.2, puis M3.6, M4.1, M5.2).

Four modalities ask the learner to run a survey: professionals who organise the exit from prison (M2.2),
students (M3.6), one structure and its partners (M4.1), a team survey of working people (M5.2). This module
holds the mechanics they share, whatever the theme:

- the protocol (`protocole.yaml` beside the notebook, filled with the `nouveau_protocole()` form) and its
  Markdown (`afficher_protocole`) that the learner may quote in a written answer;
- the questionnaire model (`Question`, `Questionnaire`, read from and written to YAML), edited with
  `ajouter_question` / `retirer_question`, shown by `afficher_questionnaire`, and reread by
  `relire_questionnaire` — mechanical checks only (length, double questions, leading words, no « ne sait
  pas », identifying questions): whether a question is *good* is the trainer's judgement;
- the interview guide (`guide_entretien`, `lire_guide`);
- the questionnaire as a « piste terrain » codebook (`dictionnaire_variables`): the survey answers are then
  entered, checked and loaded by `course.learner.terrain` and its entry widget, unchanged;
- the analysis (`tri_a_plat`, `tri_croise`, `questions_multiples`, `verbatims`) and the analysis plan
  (`appliquer_plan`) that reruns the same tables and bar charts on the practice data or on the learner's.

Content (a practice questionnaire, a model guide, an expected reading) is never in this package: it is a
YAML file of the assignment released beside the notebook. Nothing here reads the network or changes
anything on import; matplotlib is imported by the charts only.

Masking (`masquer=True`, the « piste terrain »): the course's anonymisation rule wants no table to show a
group of 1 or 2 people. Exactly this is masked:

- every count of 1 or 2 — a cell, a row or column total, the number of respondents — is shown « < 3 »;
  0 and counts of 3 or more are shown (an empty cell identifies no one);
- every percentage whose numerator or base is 1 or 2 is shown « masqué »: a masked cell has no
  percentage, and a row (percentages by row) or a column (by column) whose total is 1 or 2 has none;
- the other percentages keep their true base (the row, column or table total, masked cells included):
  leaving the masked cells out of the base would inflate the others (8 answers out of 12 would read
  100 % instead of 66,7 %). Limit: a cell masked alone in its row can be deduced by subtraction from the
  row total; k ≥ 3 on the quasi-identifiers themselves is the anonymisation check's job, not a table's.
"""
from __future__ import annotations

import base64
import html
import io
import math
import numbers
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import yaml

from .. import CourseError
from ..formatting import decimal_fr
from ..palette import ACCENT
from .donnees_personnelles import detecter_donnees_personnelles
from .terrain import CATEGORIE, DECIMAL, ENTIER, TEXTE, Dictionnaire, nom_interdit, valider_dictionnaire
from .widgets.contenu import lire_contenu

__all__ = [
    "CHAMPS_PROTOCOLE", "ENSEMBLE", "FICHIER_GUIDE", "FICHIER_MON_QUESTIONNAIRE", "FICHIER_PROTOCOLE",
    "FICHIER_QUESTIONNAIRE", "MASQUE", "MAX_QUESTIONS", "PASSAGE_RETIRE", "POURCENTAGE_MASQUE", "SEUIL_MASQUAGE",
    "TYPES_QUESTION", "Question", "Questionnaire", "Relecture", "Resultat", "Resultats", "TexteMarkdown", "Verbatim",
    "Verbatims", "afficher_dictionnaire", "afficher_protocole", "afficher_questionnaire", "ajouter_question",
    "appliquer_plan", "avertissements_protocole", "colonne_modalite", "dictionnaire_variables", "ecrire_dictionnaire",
    "ecrire_protocole", "ecrire_questionnaire", "graphique_barres", "guide_entretien", "lire_guide", "lire_protocole",
    "lire_questionnaire", "nouveau_protocole", "problemes_protocole", "protocole_en_yaml", "protocole_vide",
    "questionnaire_en_yaml", "questions_multiples", "relire_questionnaire", "retirer_donnees_personnelles",
    "retirer_question", "tri_a_plat", "tri_croise", "valider_plan", "valider_protocole", "valider_questionnaire",
    "verbatims",
]

FICHIER_PROTOCOLE = "protocole.yaml"
FICHIER_QUESTIONNAIRE = "questionnaire.yaml"
FICHIER_MON_QUESTIONNAIRE = "mon_questionnaire.yaml"
FICHIER_GUIDE = "guide_entretien.yaml"
MAX_QUESTIONS = 25
SEUIL_MASQUAGE = 3
MASQUE = "< 3"
POURCENTAGE_MASQUE = "masqué"
PASSAGE_RETIRE = "[passage retiré : donnée personnelle]"
ENSEMBLE = "Ensemble"
ENSEMBLE_REPONDANTS = "Ensemble des répondants"
NBSP = "\u00a0"


class TexteMarkdown(str):
    """A text the notebook shows as formatted Markdown, and that stays a plain `str` to copy or compare."""

    def _repr_markdown_(self) -> str:
        return str(self)


def _sans_accents(texte: str) -> str:
    decompose = unicodedata.normalize("NFD", texte.casefold())
    return "".join(c for c in decompose if not unicodedata.combining(c))


def _texte_ligne(valeur) -> str | None:
    """A non-empty text on one line (a YAML block scalar's line breaks read as spaces), or None."""
    if not isinstance(valeur, str) or not valeur.strip():
        return None
    return " ".join(valeur.split())


def _a_retirer(texte: str) -> list[str]:
    """The categories of direct identification found in `texte`, each once, in the text's order."""
    categories: list[str] = []
    for donnee in detecter_donnees_personnelles(texte):
        if donnee.a_retirer and donnee.categorie not in categories:
            categories.append(donnee.categorie)
    return categories


def _a_verifier(texte: str) -> list[str]:
    """The indirect identifications found in `texte`, as « catégorie « extrait » »."""
    return [f"{d.categorie} « {d.extrait} »" for d in detecter_donnees_personnelles(texte) if not d.a_retirer]


def _yaml(contenu) -> str:
    """The course's YAML for files the learner may open: keys in order, accents kept, multi-line texts as blocks."""
    return yaml.dump(contenu, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=4096)


class _Dumper(yaml.SafeDumper):
    """Safe YAML whose multi-line texts are written as « | » blocks, as a learner would type them by hand."""


def _representer_texte(dumper: yaml.SafeDumper, texte: str):
    style = "|" if "\n" in texte else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", texte, style=style)


_Dumper.add_representer(str, _representer_texte)


# ---------------------------------------------------------------------------------------------
# The protocol
# ---------------------------------------------------------------------------------------------
# (key, label, visible help) in the order of the form, of the YAML file and of the Markdown.
CHAMPS_PROTOCOLE = (
    ("question_depart", "Question de départ", "La question à laquelle l'enquête veut répondre, en une phrase."),
    ("objectifs", "Objectifs", "Ce que l'enquête doit permettre de savoir ou de décider."),
    ("hypotheses", "Hypothèses", "Ce que vous pensez trouver, et que l'enquête vérifiera."),
    ("population", "Population", "Qui est concerné : des fonctions, des types de structures ou un public, "
                                 "jamais des personnes nommées."),
    ("echantillon", "Échantillon", "Combien de personnes, lesquelles, et comment elles sont choisies."),
    ("methode", "Méthode", "Questionnaire, entretiens, réunion de recueil de données : lesquels, et pourquoi."),
    ("calendrier", "Calendrier", "Les grandes étapes et leurs dates (mois ou semaines)."),
    ("consentement", "Consentement", "Comment les personnes sont informées, donnent leur accord et peuvent "
                                     "refuser."),
    ("anonymisation", "Anonymisation", "Ce qui est retiré ou regroupé pour que personne ne soit reconnaissable "
                                       "(règle d'anonymisation du cours)."),
    ("restitution", "Restitution", "À qui, quand et sous quelle forme les résultats sont présentés."),
)
_CLES_PROTOCOLE = tuple(cle for cle, _, _ in CHAMPS_PROTOCOLE)
_LIBELLES_PROTOCOLE = {cle: libelle for cle, libelle, _ in CHAMPS_PROTOCOLE}


def _texte_bloc(valeur: str) -> str:
    """A field as saved: outer blanks and trailing spaces removed, line breaks kept (lists of objectives)."""
    return "\n".join(ligne.rstrip() for ligne in valeur.strip().splitlines())


def protocole_vide() -> dict[str, str]:
    """Un protocole à remplir : chaque rubrique, dans l'ordre, vide."""
    return {cle: "" for cle in _CLES_PROTOCOLE}


def valider_protocole(contenu: Mapping | None, fichier: str | Path = FICHIER_PROTOCOLE) -> dict[str, str]:
    """The protocol as {key: text} in the fixed order; a `CourseError` naming the file and the key otherwise.

    A missing key reads as empty (the file may have been written before a field was filled); a number
    typed by hand (« calendrier: 2026 ») reads as its text.
    """
    nom = Path(fichier).name
    if contenu is None:
        contenu = {}
    if not isinstance(contenu, Mapping):
        raise CourseError(f"Le fichier « {nom} » est mal rempli : il doit contenir une rubrique par ligne "
                          "(« question_depart: … »).")
    for cle in contenu:
        if cle not in _CLES_PROTOCOLE:
            raise CourseError(f"Le fichier « {nom} » est mal rempli : clé inconnue « {cle} » (clés possibles : "
                              f"{', '.join(_CLES_PROTOCOLE)}).")
    protocole = protocole_vide()
    for cle, valeur in contenu.items():
        if valeur is None:
            continue
        if isinstance(valeur, bool) or not isinstance(valeur, (str, int, float)):
            raise CourseError(f"Le fichier « {nom} » est mal rempli : la clé « {cle} » doit contenir un texte.")
        protocole[cle] = _texte_bloc(str(valeur))
    return protocole


def lire_protocole(fichier: str | Path = FICHIER_PROTOCOLE, dossier: str | Path | None = None) -> dict[str, str]:
    """Relit votre protocole (`protocole.yaml`, à côté du notebook), enregistré par `nouveau_protocole()`."""
    chemin = Path(dossier or Path.cwd()) / fichier
    if not chemin.is_file():
        raise CourseError(f"Le fichier « {chemin.name} » n'existe pas encore : remplissez le formulaire "
                          "nouveau_protocole() puis cliquez sur « Enregistrer le protocole ».")
    try:
        contenu = yaml.safe_load(chemin.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise CourseError(f"Le fichier « {chemin.name} » est illisible ({exc}) : corrigez-le, ou supprimez-le pour "
                          "repartir d'un protocole vide.") from None
    return valider_protocole(contenu, chemin.name)


def problemes_protocole(protocole: Mapping[str, str]) -> list[str]:
    """What prevents saving: a direct identification in a field (phone, e-mail, full name…), field by field."""
    problemes = []
    for cle, libelle, _ in CHAMPS_PROTOCOLE:
        categories = _a_retirer(protocole.get(cle) or "")
        if categories:
            problemes.append(f"{libelle} : donnée personnelle à retirer ({', '.join(categories)}).")
    return problemes


def avertissements_protocole(protocole: Mapping[str, str]) -> list[str]:
    """What the learner should look at, without blocking: empty fields, then indirect identifications."""
    avertissements = []
    vides = [libelle for cle, libelle, _ in CHAMPS_PROTOCOLE if not (protocole.get(cle) or "").strip()]
    if vides:
        avertissements.append(f"Reste à remplir : {', '.join(vides)}.")
    for cle, libelle, _ in CHAMPS_PROTOCOLE:
        reperes = _a_verifier(protocole.get(cle) or "")
        if reperes:
            avertissements.append(f"{libelle} : à vérifier, {', '.join(reperes)} (identification indirecte ?).")
    return avertissements


def protocole_en_yaml(protocole: Mapping[str, str]) -> str:
    """The text of `protocole.yaml`: every key, in the form's order, empty ones as ''."""
    return _yaml({cle: _texte_bloc(protocole.get(cle) or "") for cle in _CLES_PROTOCOLE})


def ecrire_protocole(protocole: Mapping[str, str], chemin: str | Path = FICHIER_PROTOCOLE) -> Path:
    """Enregistre le protocole en YAML ; refusé (rien n'est écrit) s'il identifie directement quelqu'un."""
    protocole = valider_protocole(dict(protocole), Path(chemin).name)
    problemes = problemes_protocole(protocole)
    if problemes:
        raise CourseError(f"Le protocole n'est pas enregistré dans « {Path(chemin).name} » : "
                          + " ".join(problemes))
    chemin = Path(chemin)
    chemin.write_text(protocole_en_yaml(protocole), encoding="utf-8")
    return chemin


def afficher_protocole(protocole: Mapping[str, str]) -> TexteMarkdown:
    """Le protocole en Markdown, à relire ou à citer dans un écrit (sans titre de niveau 4, qui couperait l'écrit)."""
    blocs = ["**Protocole d'enquête**"]
    for cle, libelle, _ in CHAMPS_PROTOCOLE:
        valeur = _texte_bloc(protocole.get(cle) or "")
        blocs.append(f"**{libelle}**\n\n{valeur or '*(à compléter)*'}")
    return TexteMarkdown("\n\n".join(blocs) + "\n")


def nouveau_protocole(fichier: str | Path = FICHIER_PROTOCOLE):
    """Affiche le formulaire du protocole d'enquête ; il s'enregistre dans `fichier`, relu à chaque ouverture."""
    from .widgets.protocole import nouveau_protocole as afficher  # ipywidgets only when the form is shown

    return afficher(fichier)


# ---------------------------------------------------------------------------------------------
# The questionnaire
# ---------------------------------------------------------------------------------------------
UNIQUE, MULTIPLE, ECHELLE_4, NOMBRE, TEXTE_COURT = "unique", "multiple", "echelle_4", "nombre", "texte_court"
TYPES_QUESTION = (UNIQUE, MULTIPLE, ECHELLE_4, NOMBRE, TEXTE_COURT)
ECHELLE_PAR_DEFAUT = ("1", "2", "3", "4")
_CONSIGNES_TYPE = {
    UNIQUE: "une seule réponse", MULTIPLE: "plusieurs réponses possibles", ECHELLE_4: "une réponse sur l'échelle",
    NOMBRE: "un nombre", TEXTE_COURT: "réponse courte",
}
_NE_SAIT_PAS = frozenset({"ne sait pas", "ne sais pas", "je ne sais pas", "nsp", "ne se prononce pas", "sans avis"})
_CODE = re.compile(r"[a-z][a-z0-9_]*")
_CLES_QUESTIONNAIRE = ("titre", "introduction", "questions", "lecture_attendue")
_CLES_QUESTION = ("code", "libelle", "type", "modalites", "obligatoire")


def est_ne_sait_pas(modalite: str) -> bool:
    """Whether an option is the « ne sait pas » answer (« Ne sait pas », « NSP », « sans avis »…)."""
    return " ".join(_sans_accents(modalite).replace("’", "'").split()) in _NE_SAIT_PAS


def _slug(texte: str) -> str:
    """An option as the end of a column name: « Fiche de liaison » → « fiche_de_liaison »."""
    return "_".join(m for m in re.split(r"[^a-z0-9]+", _sans_accents(texte)) if m)


def colonne_modalite(code: str, modalite: str) -> str:
    """The 0/1 column of one option of a `multiple` question: code, « _ », the option without accents."""
    return f"{code}_{_slug(modalite)}"


def _probleme_question(code, libelle, type_, modalites, obligatoire) -> str | None:
    """What is wrong with one question, in French (without its location), or None."""
    if not isinstance(code, str) or not _CODE.fullmatch(code):
        return ("le code doit être écrit en minuscules sans accents ni espaces (lettres, chiffres et _, par "
                "exemple « frein_principal »).")
    if _texte_ligne(libelle) is None:
        return "le libellé (la question posée) doit être un texte."
    if type_ not in TYPES_QUESTION:
        return f"le type « {type_} » est inconnu (types possibles : {', '.join(TYPES_QUESTION)})."
    if not isinstance(obligatoire, bool):
        return "« obligatoire » vaut true ou false."
    if not all(isinstance(m, str) and m.strip() for m in modalites):
        return "chaque modalité doit être un texte (mettez-la entre guillemets : \"1\", \"oui\")."
    textes = [" ".join(m.split()) for m in modalites]
    if len({t.casefold() for t in textes}) != len(textes):
        return "une modalité apparaît deux fois."
    if type_ in (UNIQUE, MULTIPLE) and len(textes) < 2:
        return f"le type « {type_} » demande au moins deux modalités."
    if type_ in (NOMBRE, TEXTE_COURT) and textes:
        return f"le type « {type_} » n'a pas de modalités."
    if type_ == ECHELLE_4 and textes:
        points = [t for t in textes if not est_ne_sait_pas(t)]
        if len(points) != 4 or len(textes) - len(points) > 1:
            return ("une échelle « echelle_4 » a quatre modalités, plus « ne sait pas » si besoin "
                    f"(ici {len(textes)}).")
    if type_ == MULTIPLE:
        vues: dict[str, str] = {}
        for texte in textes:
            if not _slug(texte):
                return (f"la modalité « {texte} » doit contenir au moins une lettre ou un chiffre (elle nomme une "
                        "colonne).")
            colonne = colonne_modalite(code, texte)
            if colonne in vues:
                return (f"les modalités « {vues[colonne]} » et « {texte} » donnent la même colonne « {colonne} » : "
                        "distinguez-les.")
            vues[colonne] = texte
    return None


@dataclass(frozen=True)
class Question:
    """Une question : son code (le nom de sa colonne), son libellé, son type, ses modalités, si elle est obligatoire.

    Types: `unique` (one option), `multiple` (several options: one 0/1 column per option), `echelle_4`
    (four ordered options, plus « ne sait pas » if wanted; « 1 » to « 4 » when none is given), `nombre`
    (0 or more) and `texte_court` (free text, checked for personal data).
    """

    code: str
    libelle: str
    type: str
    modalites: tuple[str, ...] = ()
    obligatoire: bool = True

    def __post_init__(self) -> None:
        brutes = () if self.modalites is None else self.modalites
        modalites = tuple(brutes) if isinstance(brutes, (list, tuple)) else (brutes,)
        type_ = _sans_accents(self.type).strip() if isinstance(self.type, str) else self.type
        probleme = _probleme_question(self.code, self.libelle, type_, modalites, self.obligatoire)
        if probleme:
            raise CourseError(f"Question « {self.code} » : {probleme}")
        modalites = tuple(" ".join(m.split()) for m in modalites)
        if type_ == ECHELLE_4 and not modalites:
            modalites = ECHELLE_PAR_DEFAUT
        object.__setattr__(self, "libelle", _texte_ligne(self.libelle))
        object.__setattr__(self, "type", type_)
        object.__setattr__(self, "modalites", modalites)

    @property
    def colonnes(self) -> list[str]:
        """The columns of the answers' CSV: the code, or one `code_option` column per option of a `multiple`."""
        if self.type == MULTIPLE:
            return [colonne_modalite(self.code, m) for m in self.modalites]
        return [self.code]

    def en_contenu(self) -> dict:
        """The question as written in the YAML file (default values left out)."""
        contenu: dict = {"code": self.code, "libelle": self.libelle, "type": self.type}
        if self.modalites and not (self.type == ECHELLE_4 and self.modalites == ECHELLE_PAR_DEFAUT):
            contenu["modalites"] = list(self.modalites)
        if not self.obligatoire:
            contenu["obligatoire"] = False
        return contenu


def _probleme_ensemble(questions: Sequence[Question]) -> str | None:
    """What is wrong between questions (codes, columns, prefixes of `multiple` questions), with its number."""
    colonnes: dict[str, int] = {}
    codes: dict[str, int] = {}
    for numero, question in enumerate(questions, start=1):
        lieu = f"question n° {numero} ({question.code}) : "
        if question.code in codes:
            return f"{lieu}le code « {question.code} » est déjà celui de la question n° {codes[question.code]}."
        codes[question.code] = numero
        for colonne in question.colonnes:
            if colonne in colonnes:
                return (f"{lieu}sa colonne « {colonne} » porte le même nom qu'une colonne de la question "
                        f"n° {colonnes[colonne]} : changez de code.")
            colonnes[colonne] = numero
    for numero, question in enumerate(questions, start=1):
        if question.type != MULTIPLE:
            continue
        for autre_numero, autre in enumerate(questions, start=1):
            if autre is not question and autre.code.startswith(question.code + "_"):
                return (f"question n° {autre_numero} ({autre.code}) : son code commence par « {question.code}_ », "
                        f"le début des colonnes de la question n° {numero} (choix multiples) : changez de code.")
    return None


@dataclass(frozen=True)
class Questionnaire:
    """Un questionnaire : son titre, son texte d'introduction, ses questions dans l'ordre.

    Immutable: `ajouter_question` and `retirer_question` return a new questionnaire (write
    `q = ajouter_question(q, …)`). `lecture_attendue` ({code: text}) exists only for a practice
    questionnaire released by the assignment; it is never written back by `ecrire_questionnaire`.
    """

    titre: str
    questions: tuple[Question, ...] = ()
    introduction: str | None = None
    fichier: str = "questionnaire"
    lecture_attendue: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        questions = tuple(self.questions)
        if not all(isinstance(q, Question) for q in questions):
            raise CourseError(f"Questionnaire « {self.titre} » : chaque question s'écrit "
                              "Question(code, libellé, type).")
        probleme = _probleme_ensemble(questions)
        if probleme:
            raise CourseError(f"Questionnaire « {self.titre} » : {probleme}")
        codes = {q.code for q in questions}
        object.__setattr__(self, "questions", questions)
        object.__setattr__(self, "lecture_attendue",
                           {code: texte for code, texte in self.lecture_attendue.items() if code in codes})

    @property
    def codes(self) -> list[str]:
        return [q.code for q in self.questions]

    @property
    def colonnes(self) -> list[str]:
        """Every column of the answers' CSV, in the questionnaire's order (that is the codebook's)."""
        return [colonne for question in self.questions for colonne in question.colonnes]

    def question(self, code: str) -> Question:
        for question in self.questions:
            if question.code == code:
                return question
        raise CourseError(f"Aucune question n'a le code « {code} » (codes du questionnaire : "
                          f"{', '.join(self.codes) or 'aucun'}).")

    def _repr_markdown_(self) -> str:
        return str(afficher_questionnaire(self))


def valider_questionnaire(contenu: Mapping, fichier: str | Path = FICHIER_QUESTIONNAIRE) -> Questionnaire:
    """The questionnaire checked and typed; a `CourseError` naming the file and the question otherwise."""
    nom = Path(fichier).name

    def erreur(probleme: str) -> CourseError:
        return CourseError(f"Le fichier « {nom} » est mal rempli : {probleme}")

    if not isinstance(contenu, Mapping):
        raise erreur("il doit commencer par « titre: » puis « questions: ».")
    inconnues = [cle for cle in contenu if cle not in _CLES_QUESTIONNAIRE]
    if inconnues:
        raise erreur(f"clé inconnue « {inconnues[0]} » (clés possibles : {', '.join(_CLES_QUESTIONNAIRE)}).")
    titre = _texte_ligne(contenu.get("titre"))
    if titre is None:
        raise erreur("la clé « titre » doit contenir le titre du questionnaire.")
    introduction = contenu.get("introduction")
    if introduction is not None and _texte_ligne(introduction) is None:
        raise erreur("la clé « introduction » doit contenir un texte.")
    brutes = contenu.get("questions")
    if brutes is None:
        brutes = []
    if not isinstance(brutes, list):
        raise erreur("la clé « questions » doit être une liste (« - code: … » suivi de « libelle: », « type: »).")
    questions = []
    for numero, brute in enumerate(brutes, start=1):
        code = brute.get("code") if isinstance(brute, Mapping) else None
        lieu = f"question n° {numero} ({code}) : " if isinstance(code, str) and code else f"question n° {numero} : "
        if not isinstance(brute, Mapping):
            raise erreur(f"{lieu}elle doit avoir un « code », un « libelle » et un « type ».")
        inconnues = [cle for cle in brute if cle not in _CLES_QUESTION]
        if inconnues:
            raise erreur(f"{lieu}clé inconnue « {inconnues[0]} » (clés possibles : {', '.join(_CLES_QUESTION)}).")
        modalites = brute.get("modalites") or []
        if not isinstance(modalites, list):
            raise erreur(f"{lieu}« modalites » doit être une liste ([oui, non]).")
        type_ = _sans_accents(brute["type"]).strip() if isinstance(brute.get("type"), str) else brute.get("type")
        probleme = _probleme_question(code, brute.get("libelle"), type_, tuple(modalites),
                                      brute.get("obligatoire", True))
        if probleme:
            raise erreur(lieu + probleme)
        questions.append(Question(code, brute["libelle"], type_, tuple(modalites), brute.get("obligatoire", True)))
    probleme = _probleme_ensemble(questions)
    if probleme:
        raise erreur(probleme)
    lecture = contenu.get("lecture_attendue") or {}
    if not isinstance(lecture, Mapping):
        raise erreur("la clé « lecture_attendue » associe un code de question à un texte.")
    codes = [q.code for q in questions]
    for code, texte in lecture.items():
        if code not in codes:
            raise erreur(f"lecture_attendue : « {code} » n'est le code d'aucune question.")
        if _texte_ligne(texte) is None:
            raise erreur(f"lecture_attendue : la lecture de « {code} » doit être un texte.")
    return Questionnaire(titre, tuple(questions), _texte_ligne(introduction), nom,
                         {code: _texte_ligne(texte) for code, texte in lecture.items()})


def lire_questionnaire(fichier: str | Path = FICHIER_QUESTIONNAIRE, dossier: str | Path | None = None) -> Questionnaire:
    """Lit un questionnaire (fichier YAML à côté du notebook) : celui du devoir, ou le vôtre."""
    return valider_questionnaire(lire_contenu(fichier, dossier), fichier)


def questionnaire_en_yaml(questionnaire: Questionnaire) -> str:
    """The text of the questionnaire's YAML file (without any expected reading)."""
    contenu: dict = {"titre": questionnaire.titre}
    if questionnaire.introduction:
        contenu["introduction"] = questionnaire.introduction
    contenu["questions"] = [q.en_contenu() for q in questionnaire.questions]
    return _yaml(contenu)


def ecrire_questionnaire(questionnaire: Questionnaire, chemin: str | Path = FICHIER_MON_QUESTIONNAIRE) -> Path:
    """Enregistre votre questionnaire en YAML (à relire ensuite avec `lire_questionnaire`)."""
    chemin = Path(chemin)
    chemin.write_text(questionnaire_en_yaml(questionnaire), encoding="utf-8")
    return chemin


def ajouter_question(questionnaire: Questionnaire, question: Question | str, libelle: str | None = None,
                     type: str | None = None, modalites: Sequence[str] = (), obligatoire: bool = True, *,
                     apres: str | None = None) -> Questionnaire:
    """Un nouveau questionnaire avec cette question en plus : `q = ajouter_question(q, "delai", "…", "nombre")`.

    A question with the same code is replaced where it stands, so that running the cell again changes
    nothing (and rewording a question is adding it again). Otherwise it goes at the end, or right after
    the question `apres`.
    """
    if not isinstance(question, Question):
        question = Question(question, libelle, type, tuple(modalites), obligatoire)
    questions = list(questionnaire.questions)
    codes = [q.code for q in questions]
    if question.code in codes:
        questions[codes.index(question.code)] = question
    elif apres is not None:
        questions.insert(codes.index(questionnaire.question(apres).code) + 1, question)
    else:
        questions.append(question)
    return Questionnaire(questionnaire.titre, tuple(questions), questionnaire.introduction, questionnaire.fichier,
                         questionnaire.lecture_attendue)


def retirer_question(questionnaire: Questionnaire, code: str) -> Questionnaire:
    """Un nouveau questionnaire sans la question `code` : `q = retirer_question(q, "nom")`."""
    retiree = questionnaire.question(code)
    questions = tuple(q for q in questionnaire.questions if q is not retiree)
    return Questionnaire(questionnaire.titre, questions, questionnaire.introduction, questionnaire.fichier,
                         questionnaire.lecture_attendue)


def afficher_questionnaire(questionnaire: Questionnaire) -> TexteMarkdown:
    """Le questionnaire tel que le lit la personne qui répond, en Markdown (à relire, à citer, à imprimer)."""
    blocs = [f"**{questionnaire.titre}**"]
    if questionnaire.introduction:
        blocs.append(questionnaire.introduction)
    for numero, question in enumerate(questionnaire.questions, start=1):
        consigne = _CONSIGNES_TYPE[question.type] + ("" if question.obligatoire else ", facultative")
        bloc = f"**{numero}. {question.libelle}** *({consigne})*"
        if question.modalites:
            bloc += "\n\n" + "\n".join(f"- {m}" for m in question.modalites)
        blocs.append(bloc)
    return TexteMarkdown("\n\n".join(blocs) + "\n")


# ---------------------------------------------------------------------------------------------
# Rereading the questionnaire: mechanical checks only
# ---------------------------------------------------------------------------------------------
# Asking for these identifies the respondent (the course's anonymisation rule). The wording is searched for
# the item *asked* (« votre nom », « numéro de téléphone »), casefolded with its accents (« né le » ≠ « ne le »),
# so that « un dispositif tel que… » or « par téléphone ou par mail ? » (a channel, not a number) pass. A code
# is checked with the piste terrain's rule for column names (`terrain.nom_interdit`).
_POSSESSIF = r"(?:votre|vos|ton|tes|son|sa|ses|leur|leurs)"
_IDENTIFIANTS = (
    ("le nom", re.compile(rf"\b(?:{_POSSESSIF}|le|les)\s+noms?\b|\bnom de famille\b")),
    ("le prénom", re.compile(r"\bpr[ée]noms?\b")),
    ("l'adresse", re.compile(rf"(?:\b{_POSSESSIF}\s+|\bl['’]\s*)adresses?\b(?!\s+(?:[ée]lectronique|mail|e-?mail))")),
    ("le numéro de téléphone",
     re.compile(rf"\bnum[ée]ros? de t[ée]l[ée]phone\b|\b{_POSSESSIF}\s+(?:t[ée]l[ée]phone|portable)\b")),
    ("l'adresse électronique",
     re.compile(rf"\b{_POSSESSIF}\s+(?:courriel|e-?mail|mail)\b|\badresses? (?:[ée]lectronique|mail|e-?mail)\b")),
    ("la date de naissance", re.compile(r"\bdate de naissance\b|\bnée?(?:\(e\))? le\b")),
    ("le numéro de sécurité sociale", re.compile(r"\bnum[ée]ro de s[ée]cu(?:rit[ée] sociale)?\b|\bnir\b")),
    ("un identifiant (numéro d'allocataire, identifiant France Travail)",
     re.compile(rf"\bnum[ée]ro (?:d['’])?allocataire\b|\bidentifiant france travail\b|\b{_POSSESSIF}\s+identifiant\b")),
)
_AGE = "la date de naissance"

_ET_OU = re.compile(r"\bet\s*/\s*ou\b", re.IGNORECASE)
# A verb with its subject after it (« avez-vous », « a-t-il »): the mark of a question in French.
_INVERSION = re.compile(r"\b(?!rendez-vous\b)\w+-(?:t-)?(?:vous|tu|il|elle|ils|elles|on|je|nous)\b", re.IGNORECASE)
_INTERROGATIFS = re.compile(r"\b(?:comment|pourquoi|combien|où|quand|quel|quelle|quels|quelles|lequel|laquelle|"
                            r"lesquels|lesquelles|est-ce)\b", re.IGNORECASE)
_ET = re.compile(r"\bet\b(?!\s*/)", re.IGNORECASE)

# Words and turns that suggest the answer. The negative question (« Ne pensez-vous pas… ») is a pattern;
# « trop » is not « trop-perçu » (a CAF overpayment, a neutral term).
_ORIENTANTS = (
    re.compile(r"\bn(?:e\s+|['’])\w+-(?:t-)?(?:vous|tu|il|elle|on)\s+pas\b", re.IGNORECASE),
    re.compile(r"\bn['’]est-ce pas\b", re.IGNORECASE),
    re.compile(r"\b(?:êtes-vous|es-tu) d['’]accord\b", re.IGNORECASE),
    re.compile(r"\b(?:reconnaissez|admettez)-vous\b", re.IGNORECASE),
    re.compile(r"\b(?:évidemment|bien sûr|forcément|de toute évidence|il est clair que|comme chacun sait|"
               r"tout le monde|la plupart des gens|malheureusement|heureusement|scandaleux|scandaleuse|"
               r"inadmissible|inacceptable|regrettable)\b", re.IGNORECASE),
    re.compile(r"\btrop\b(?!-)", re.IGNORECASE),
)


def _identifiants(question: Question) -> list[str]:
    """What identifying item the wording asks for, in the rule's order."""
    libelle = question.libelle.casefold()
    return [quoi for quoi, motif in _IDENTIFIANTS if motif.search(libelle)]


def _liste_fr(elements: Sequence[str]) -> str:
    """« a », « a et b », « a, b et c »."""
    return elements[0] if len(elements) == 1 else f"{', '.join(elements[:-1])} et {elements[-1]}"


def _double_question(libelle: str) -> str | None:
    """Why the wording asks two things at once, or None: « et/ou », two question marks, « et » then a new ask."""
    if _ET_OU.search(libelle):
        return "et/ou"
    if libelle.count("?") >= 2:
        return "??"
    for et in _ET.finditer(libelle):
        avant, apres = libelle[:et.start()], libelle[et.end():]
        if (_INVERSION.search(apres) or _INTERROGATIFS.search(apres)) and (
                _INVERSION.search(avant) or _INTERROGATIFS.search(avant)):
            return "et"
    return None


def _orientants(libelle: str) -> list[str]:
    trouves = sorted((m.start(), m.group()) for motif in _ORIENTANTS for m in motif.finditer(libelle))
    mots: list[str] = []
    for _, mot in trouves:
        if mot.casefold() not in (m.casefold() for m in mots):
            mots.append(mot)
    return mots


class Relecture(list):
    """The rereading's messages (a list of `str`), shown in the notebook as a list, then any expected reading."""

    def __init__(self, messages: Iterable[str], lecture_attendue: Sequence[tuple[int, str, str]] = ()) -> None:
        super().__init__(messages)
        self.lecture_attendue = list(lecture_attendue)

    def _repr_markdown_(self) -> str:
        texte = "**Relecture mécanique du questionnaire** (elle ne juge pas le sens des questions)\n\n"
        if self:
            texte += "\n".join(f"- {message}" for message in self)
        else:
            texte += ("Aucune remarque mécanique. Relisez encore chaque question : est-elle claire, utile à vos "
                      "objectifs, compréhensible par la personne qui répond ?")
        if self.lecture_attendue:
            texte += "\n\n**Lecture attendue (questionnaire d'entraînement)**\n\n"
            texte += "\n".join(f"- Question {n} ({code}) : {lecture}" for n, code, lecture in self.lecture_attendue)
        return texte + "\n"


def relire_questionnaire(questionnaire: Questionnaire) -> Relecture:
    """Relecture mécanique : longueur, questions doubles, mots qui orientent, « ne sait pas », questions identifiantes.

    Mechanical only, in the questionnaire's order: it points at what a rule can see, never at what a
    question means. An expected reading is added only for a practice questionnaire whose file has one.
    """
    messages: list[str] = []
    nombre = len(questionnaire.questions)
    if nombre == 0:
        messages.append("Le questionnaire ne contient aucune question.")
    elif nombre > MAX_QUESTIONS:
        messages.append(f"Le questionnaire compte {nombre} questions : au-delà de {MAX_QUESTIONS}, les personnes "
                        "se lassent et répondent moins bien. Gardez celles qui servent vos objectifs.")
    for numero, question in enumerate(questionnaire.questions, start=1):
        lieu = f"Question {numero} ({question.code}) : "
        identifiants = _identifiants(question)
        if identifiants:
            conseil = " Pour l'âge, demandez une tranche d'âge." if _AGE in identifiants else ""
            messages.append(f"{lieu}elle demande {_liste_fr(identifiants)}, ce qui identifierait la personne qui "
                            f"répond (règle d'anonymisation du cours) : retirez-la.{conseil}")
        elif nom_interdit(question.code):
            messages.append(f"{lieu}son code annonce une donnée qui identifie (nom, adresse, téléphone, courriel, NIR, "
                            "date de naissance) : ce nom de colonne est interdit, changez de code.")
        double = _double_question(question.libelle)
        if double == "et/ou":
            messages.append(f"{lieu}« et/ou » réunit deux questions en une ; la réponse ne dira pas à laquelle la "
                            "personne a répondu. Posez deux questions.")
        elif double == "??":
            messages.append(f"{lieu}le libellé contient deux points d'interrogation, donc deux demandes. Posez deux "
                            "questions.")
        elif double == "et":
            messages.append(f"{lieu}« et » semble relier deux demandes ; une question ne demande qu'une chose. "
                            "Posez deux questions.")
        mots = _orientants(question.libelle)
        if mots:
            cites = ", ".join(f"« {m} »" for m in mots)
            verbe = "oriente" if len(mots) == 1 else "orientent"
            messages.append(f"{lieu}{cites} {verbe} la réponse ; formulez la question de façon neutre (par exemple "
                            "« Comment jugez-vous … ? »).")
        if question.type == ECHELLE_4 and not any(est_ne_sait_pas(m) for m in question.modalites):
            messages.append(f"{lieu}à noter, l'échelle n'a pas de réponse « ne sait pas » ; une personne sans avis "
                            "devra choisir un côté ou ne pas répondre. Ajoutez-la si c'est utile.")
        personnelles = _a_retirer(" · ".join((question.libelle,) + question.modalites))
        if personnelles:
            messages.append(f"{lieu}le texte contient une donnée personnelle à retirer ({', '.join(personnelles)}).")
    lecture = [(numero, q.code, questionnaire.lecture_attendue[q.code])
               for numero, q in enumerate(questionnaire.questions, start=1) if q.code in questionnaire.lecture_attendue]
    return Relecture(messages, lecture)


# ---------------------------------------------------------------------------------------------
# The interview guide
# ---------------------------------------------------------------------------------------------
_CLES_GUIDE = ("titre", "consigne", "themes", "conclusion")


def _themes(themes, erreur) -> list[tuple[str, list[str]]]:
    """Themes given as {theme: [relances]} (in a notebook) or [{theme:, relances:}] (in a YAML file)."""
    if isinstance(themes, Mapping):
        themes = [{"theme": theme, "relances": relances} for theme, relances in themes.items()]
    if not isinstance(themes, list) or not themes:
        raise erreur("il faut au moins un thème.")
    resultat = []
    for numero, brut in enumerate(themes, start=1):
        theme = _texte_ligne(brut.get("theme")) if isinstance(brut, Mapping) else None
        if theme is None:
            raise erreur(f"le thème n° {numero} doit avoir un intitulé (« theme: … »).")
        relances = brut.get("relances") or []
        if isinstance(relances, str):
            relances = [relances]
        if not isinstance(relances, list) or not all(_texte_ligne(r) for r in relances):
            raise erreur(f"thème « {theme} » : les relances sont une liste de textes.")
        resultat.append((theme, [_texte_ligne(r) for r in relances]))
    return resultat


def _guide(consigne, themes, titre, conclusion, erreur) -> TexteMarkdown:
    consigne_texte = _texte_ligne(consigne)
    if consigne_texte is None:
        raise erreur("la consigne de départ doit être un texte (la première question, large et ouverte).")
    liste = _themes(themes, erreur)
    titre_texte = _texte_ligne(titre) or "Guide d'entretien"
    conclusion_texte = _texte_ligne(conclusion) if conclusion is not None else None
    tous = [titre_texte, consigne_texte] + [t for theme, relances in liste for t in [theme, *relances]]
    if conclusion_texte:
        tous.append(conclusion_texte)
    categories = _a_retirer(" · ".join(tous))
    if categories:
        raise erreur(f"donnée personnelle à retirer ({', '.join(categories)}).")
    blocs = [f"**{titre_texte}**", f"**Consigne de départ.** {consigne_texte}", "**Thèmes et relances**"]
    lignes = []
    for numero, (theme, relances) in enumerate(liste, start=1):
        lignes.append(f"{numero}. {theme}")
        lignes.extend(f"   - {relance}" for relance in relances)
    blocs.append("\n".join(lignes))
    if conclusion_texte:
        blocs.append(f"**Pour conclure.** {conclusion_texte}")
    return TexteMarkdown("\n\n".join(blocs) + "\n")


def guide_entretien(consigne: str, themes: Mapping[str, Sequence[str]] | Sequence[Mapping], *,
                    titre: str | None = None, conclusion: str | None = None) -> TexteMarkdown:
    """Votre guide d'entretien en Markdown : consigne de départ, thèmes et relances, question de fin.

    `themes` is {"Le jour de la sortie": ["Comment êtes-vous prévenu ?", …], …}, in the order of the
    interview. A guide holding a direct identification is refused.
    """
    def erreur(probleme: str) -> CourseError:
        return CourseError(f"Guide d'entretien : {probleme}")

    return _guide(consigne, themes, titre, conclusion, erreur)


def lire_guide(fichier: str | Path = FICHIER_GUIDE, dossier: str | Path | None = None) -> TexteMarkdown:
    """Lit un guide d'entretien (fichier YAML du devoir, à côté du notebook) et l'affiche."""
    contenu = lire_contenu(fichier, dossier)
    nom = Path(fichier).name

    def erreur(probleme: str) -> CourseError:
        return CourseError(f"Le fichier « {nom} » est mal rempli : {probleme}")

    inconnues = [cle for cle in contenu if cle not in _CLES_GUIDE]
    if inconnues:
        raise erreur(f"clé inconnue « {inconnues[0]} » (clés possibles : {', '.join(_CLES_GUIDE)}).")
    return _guide(contenu.get("consigne"), contenu.get("themes"), contenu.get("titre"), contenu.get("conclusion"),
                  erreur)


# ---------------------------------------------------------------------------------------------
# The questionnaire as a « piste terrain » codebook
# ---------------------------------------------------------------------------------------------
CONSIGNE_SAISIE = ("Une ligne par questionnaire rempli. Aucune information qui permette de reconnaître la "
                   "personne qui a répondu.")


def _colonnes_dictionnaire(question: Question) -> list[dict]:
    """The codebook columns of one question, as `terrain.valider_dictionnaire` reads them."""
    if question.type == MULTIPLE:
        return [{"nom": colonne_modalite(question.code, m), "libelle": f"{question.libelle} — {m}", "type": ENTIER,
                 "min": 0, "max": 1, "obligatoire": question.obligatoire,
                 "description": f"1 si la personne a choisi « {m} », 0 sinon."}
                for m in question.modalites]
    colonne: dict = {"nom": question.code, "libelle": question.libelle}
    if question.type in (UNIQUE, ECHELLE_4):
        colonne.update(type=CATEGORIE, valeurs=list(question.modalites))
    elif question.type == NOMBRE:
        colonne.update(type=DECIMAL, min=0)
    else:
        colonne.update(type=TEXTE)
    colonne["obligatoire"] = question.obligatoire
    return [colonne]


def dictionnaire_en_contenu(questionnaire: Questionnaire) -> dict:
    """The codebook as the YAML content `terrain.lire_dictionnaire` reads (`dictionnaire_variables.yaml`)."""
    return {"titre": questionnaire.titre, "consigne": CONSIGNE_SAISIE,
            "colonnes": [c for question in questionnaire.questions for c in _colonnes_dictionnaire(question)]}


def dictionnaire_variables(questionnaire: Questionnaire) -> Dictionnaire:
    """Le questionnaire comme dictionnaire des variables de la piste terrain.

    One column per question, named by its code: `unique` and `echelle_4` → `categorie` (the options);
    `nombre` → `decimal`, at least 0; `texte_court` → `texte` (checked for personal data); `multiple` →
    one `entier` column of 0/1 per option, named `<code>_<option without accents>` (« Fiche de liaison »
    → `outils_fiche_de_liaison`). `modele_csv`, `saisir_terrain`, `valider_terrain`, `charger_terrain` and
    `charger_piste` take it unchanged.
    """
    for numero, question in enumerate(questionnaire.questions, start=1):
        for colonne in question.colonnes:
            if nom_interdit(colonne):
                raise CourseError(
                    f"Le questionnaire « {questionnaire.fichier} » ne peut pas devenir un dictionnaire des "
                    f"variables : la colonne « {colonne} » (question n° {numero}) est interdite, elle identifierait "
                    "directement une personne. Retirez ou renommez cette question (relire_questionnaire la signale).")
    if not questionnaire.questions:
        raise CourseError(f"Le questionnaire « {questionnaire.fichier} » ne contient aucune question : il n'y a "
                          "rien à saisir.")
    return valider_dictionnaire(dictionnaire_en_contenu(questionnaire), questionnaire.fichier)


def ecrire_dictionnaire(questionnaire: Questionnaire, chemin: str | Path = "dictionnaire_variables.yaml") -> Path:
    """Enregistre le dictionnaire des variables du questionnaire (YAML, relu par `lire_dictionnaire`)."""
    dictionnaire_variables(questionnaire)  # the same checks before anything is written
    chemin = Path(chemin)
    chemin.write_text(_yaml(dictionnaire_en_contenu(questionnaire)), encoding="utf-8")
    return chemin


def _cellule_md(texte: str) -> str:
    return texte.replace("|", "\\|")


def afficher_dictionnaire(questionnaire: Questionnaire) -> TexteMarkdown:
    """Le dictionnaire des variables en tableau Markdown : colonne, question, type, valeurs possibles."""
    lignes = ["| Colonne | Question | Type | Valeurs possibles |", "|---|---|---|---|"]
    for colonne in dictionnaire_variables(questionnaire).colonnes:
        if colonne.type == CATEGORIE:
            genre, valeurs = "une modalité", " · ".join(colonne.valeurs)
        elif colonne.type == ENTIER:
            genre, valeurs = "0 ou 1", "1 = choisie, 0 = non"
        elif colonne.type == DECIMAL:
            genre, valeurs = "nombre", "0 ou plus"
        else:
            genre, valeurs = "texte libre", "sans donnée personnelle"
        facultatif = "" if colonne.obligatoire else " (facultative)"
        lignes.append(f"| `{colonne.nom}` | {_cellule_md(colonne.libelle)}{facultatif} | {genre} | "
                      f"{_cellule_md(valeurs)} |")
    return TexteMarkdown("\n".join(lignes) + "\n")


# ---------------------------------------------------------------------------------------------
# Analysis: tris à plat, tris croisés, multiple answers, verbatims
# ---------------------------------------------------------------------------------------------
def _verifier_colonne(tableau: pd.DataFrame, colonne: str) -> None:
    if colonne not in tableau.columns:
        raise CourseError(f"La colonne « {colonne} » n'existe pas dans le tableau (colonnes : "
                          f"{', '.join(map(str, tableau.columns))}).")


def _modalites(serie: pd.Series) -> list:
    """The order of a table's rows: the codebook's for categories, ascending numbers, else most frequent first."""
    if isinstance(serie.dtype, pd.CategoricalDtype):
        return list(serie.cat.categories)
    valeurs = serie.dropna()
    if pd.api.types.is_numeric_dtype(valeurs):  # booleans included: False, then True
        return sorted(valeurs.unique().tolist())
    comptes = valeurs.astype(str).value_counts()
    return sorted(comptes.index, key=lambda v: (-comptes[v], v))


def _cles(serie: pd.Series) -> pd.Series:
    """Values as the table's labels: text for text columns (so that « 1 » and 1 never split a modality)."""
    if isinstance(serie.dtype, pd.CategoricalDtype) or pd.api.types.is_numeric_dtype(serie):
        return serie
    return serie.where(serie.isna(), serie.astype(str))


def _pourcent(numerateur: int, base: int) -> float:
    return round(100 * numerateur / base, 1) if base else math.nan


def _nombre(valeur) -> float | None:
    """A table cell as a number (Python's or numpy's), or None for « < 3 », « masqué » and NaN."""
    if isinstance(valeur, numbers.Real) and not isinstance(valeur, bool) and not math.isnan(valeur):
        return float(valeur)
    return None


def _petit(effectif) -> bool:
    nombre = _nombre(effectif)
    return nombre is not None and 0 < nombre < SEUIL_MASQUAGE


def _masquer_effectif(effectif: int):
    return MASQUE if _petit(effectif) else effectif


def _masquer_pourcentage(valeur: float, numerateur: int, base: int):
    return POURCENTAGE_MASQUE if _petit(numerateur) or _petit(base) else valeur


def tri_a_plat(tableau: pd.DataFrame, colonne: str, *, masquer: bool = False) -> pd.DataFrame:
    """Le tri à plat d'une colonne : l'effectif et le pourcentage de chaque réponse, puis « Ensemble » (n).

    Missing answers are left out (their number is in `.attrs["sans_reponse"]`); percentages are of the n
    people who answered, rounded to one decimal. Rows follow the codebook for categories (unchosen
    options show 0), ascending values for numbers, most frequent first for text. With `masquer=True`
    (piste terrain), counts of 1 or 2 read « < 3 » and their percentages « masqué » (see the module).
    """
    _verifier_colonne(tableau, colonne)
    serie = _cles(tableau[colonne])
    reponses = serie.dropna()
    n = len(reponses)
    comptes = reponses.value_counts()
    lignes = _modalites(serie)
    effectifs = [int(comptes.get(m, 0)) for m in lignes] + [n]
    pourcentages = [_pourcent(e, n) for e in effectifs]
    if masquer:
        pourcentages = [_masquer_pourcentage(p, e, n) for p, e in zip(pourcentages, effectifs)]
        effectifs = [_masquer_effectif(e) for e in effectifs]
    resultat = pd.DataFrame({"effectif": effectifs, "%": pourcentages},
                            index=pd.Index(lignes + [ENSEMBLE], name=colonne, dtype=object))
    resultat.attrs.update(n=n, sans_reponse=int(serie.isna().sum()))
    return resultat


BASES = ("ligne", "colonne", "total")


def tri_croise(tableau: pd.DataFrame, ligne: str, colonne: str, pourcentages: str = "ligne", *,
               masquer: bool = False) -> pd.DataFrame:
    """Le tri croisé de deux colonnes : effectifs et pourcentages, avec les totaux « Ensemble ».

    Columns come in two blocks: `resultat["effectif"]` (counts; the « Ensemble » row and column are the
    totals, their corner is n) and `resultat["%"]`: by row (`"ligne"`: each row adds up to 100, the
    « Ensemble » row gives the whole distribution), by column (`"colonne"`) or of the total (`"total"`).
    People who left either question blank are left out (`.attrs["sans_reponse"]`). A row or column with
    no one has no percentage (NaN). With `masquer=True`, see the module for exactly what is masked.
    """
    for nom in (ligne, colonne):
        _verifier_colonne(tableau, nom)
    if ligne == colonne:
        raise CourseError(f"Un tri croisé demande deux colonnes différentes (ici deux fois « {ligne} »).")
    if pourcentages not in BASES:
        raise CourseError(f"pourcentages vaut « ligne », « colonne » ou « total » (et non « {pourcentages} »).")
    lignes_serie, colonnes_serie = _cles(tableau[ligne]), _cles(tableau[colonne])
    complet = lignes_serie.notna() & colonnes_serie.notna()
    paires = pd.DataFrame({"l": lignes_serie[complet], "c": colonnes_serie[complet]})
    modalites_l, modalites_c = _modalites(lignes_serie), _modalites(colonnes_serie)
    comptes = paires.groupby(["l", "c"], observed=True).size()
    effectifs = pd.DataFrame([[int(comptes.get((l_, c_), 0)) for c_ in modalites_c] for l_ in modalites_l],
                             index=modalites_l, columns=modalites_c, dtype="int64")
    effectifs[ENSEMBLE] = effectifs.sum(axis=1)
    effectifs.loc[ENSEMBLE] = effectifs.sum(axis=0)
    n = int(effectifs.loc[ENSEMBLE, ENSEMBLE])

    def base(r, c) -> int:
        if pourcentages == "ligne":
            return int(effectifs.loc[r, ENSEMBLE])
        if pourcentages == "colonne":
            return int(effectifs.loc[ENSEMBLE, c])
        return n

    pourcents = pd.DataFrame([[_pourcent(int(effectifs.loc[r, c]), base(r, c)) for c in effectifs.columns]
                              for r in effectifs.index], index=effectifs.index, columns=effectifs.columns)
    if masquer:
        pourcents = pd.DataFrame([[_masquer_pourcentage(pourcents.loc[r, c], int(effectifs.loc[r, c]), base(r, c))
                                   for c in effectifs.columns] for r in effectifs.index],
                                 index=effectifs.index, columns=effectifs.columns, dtype=object)
        effectifs = effectifs.astype(object).map(_masquer_effectif)
    resultat = pd.concat({"effectif": effectifs, "%": pourcents}, axis=1)
    resultat.index = pd.Index(list(effectifs.index), name=ligne, dtype=object)
    resultat.columns.names = [None, colonne]
    resultat.attrs.update(n=n, sans_reponse=int((~complet).sum()), pourcentages=pourcentages)
    return resultat


def _colonnes_multiples(tableau: pd.DataFrame, prefixe: str) -> list[str]:
    colonnes = [str(c) for c in tableau.columns if str(c).startswith(prefixe + "_")]
    if not colonnes:
        raise CourseError(f"Aucune colonne ne commence par « {prefixe}_ » (colonnes : "
                          f"{', '.join(map(str, tableau.columns))}).")
    for colonne in colonnes:
        for position, valeur in enumerate(tableau[colonne].tolist()):
            if not (pd.isna(valeur) or valeur in (0, 1)):
                texte = int(valeur) if isinstance(valeur, float) and valeur.is_integer() else valeur
                raise CourseError(f"La colonne « {colonne} » doit contenir 0 ou 1 : ligne {position + 2} (ligne du "
                                  f"tableur), « {texte} ».")
    return colonnes


def questions_multiples(tableau: pd.DataFrame, prefixe: str, *, masquer: bool = False,
                        questionnaire: Questionnaire | None = None) -> pd.DataFrame:
    """Une question à choix multiples : combien de personnes ont choisi chaque réponse, et leur part.

    The question's 0/1 columns are those named `<prefixe>_…`. Percentages are of the respondents (people
    with at least one of these columns filled in): they add up to more than 100. Rows follow the
    questionnaire's options when it is given (with their accents), otherwise the most chosen first.
    The last row, « Ensemble des répondants », gives n. `masquer=True` as in `tri_a_plat`.
    """
    colonnes = _colonnes_multiples(tableau, prefixe)
    libelles = {c: c[len(prefixe) + 1:].replace("_", " ") for c in colonnes}
    if questionnaire is not None:
        question = questionnaire.question(prefixe)
        libelles = {colonne_modalite(prefixe, m): m for m in question.modalites}
        colonnes = [c for c in libelles if c in colonnes]
    reponses = tableau[colonnes]
    repondants = reponses.notna().any(axis=1)
    n = int(repondants.sum())
    effectifs = {c: int((reponses[c] == 1).sum()) for c in colonnes}
    if questionnaire is None:
        colonnes = sorted(colonnes, key=lambda c: (-effectifs[c], libelles[c]))
    comptes = [effectifs[c] for c in colonnes] + [n]
    pourcentages = [_pourcent(e, n) for e in comptes]
    if masquer:
        pourcentages = [_masquer_pourcentage(p, e, n) for p, e in zip(pourcentages, comptes)]
        comptes = [_masquer_effectif(e) for e in comptes]
    resultat = pd.DataFrame({"effectif": comptes, "%": pourcentages},
                            index=pd.Index([libelles[c] for c in colonnes] + [ENSEMBLE_REPONDANTS], name=prefixe,
                                           dtype=object))
    resultat.attrs.update(n=n, sans_reponse=int((~repondants).sum()))
    return resultat


@dataclass(frozen=True)
class Verbatim:
    """One free-text answer as it may be quoted: its row label in the table, the text, what to check."""

    reponse: object
    texte: str
    a_verifier: tuple[str, ...] = ()

    def __str__(self) -> str:
        return self.texte


class Verbatims(list):
    """The verbatims (a list of `Verbatim`), shown in the notebook as quotations."""

    def _repr_markdown_(self) -> str:
        if not self:
            return "*Aucune réponse libre.*\n"
        blocs = []
        for verbatim in self:
            bloc = f"> {verbatim.texte}"
            if verbatim.a_verifier:
                bloc += f"\n\n*(à vérifier : {', '.join(verbatim.a_verifier)})*"
            blocs.append(bloc)
        return "\n\n".join(blocs) + "\n"


def retirer_donnees_personnelles(texte: str) -> str:
    """`texte` with each direct identification (phone, e-mail, full name…) replaced by « [passage retiré : …] »."""
    morceaux, fin = [], 0
    for donnee in detecter_donnees_personnelles(texte):
        if donnee.a_retirer and donnee.position >= fin:
            morceaux.append(texte[fin:donnee.position] + PASSAGE_RETIRE)
            fin = donnee.fin
    return "".join(morceaux) + texte[fin:]


def _a_le_code(valeur, code: str) -> bool:
    """Whether a coding cell holds `code`: one code, or several separated by « ; » (case ignored)."""
    if pd.isna(valeur):
        return False
    return code.strip().casefold() in (c.strip().casefold() for c in str(valeur).split(";"))


def verbatims(tableau: pd.DataFrame, colonne: str, code: str | None = None, *,
              colonne_code: str | None = None) -> Verbatims:
    """Les réponses libres d'une colonne, prêtes à citer : chaque donnée personnelle directe est retirée.

    Each answer goes through the course's personal-data detector: a direct identification (phone,
    e-mail, full name, address, NIR, date of birth) is replaced by « [passage retiré : donnée
    personnelle] »; an indirect one (employer, commune) is kept and listed in `a_verifier`, for the
    learner to decide. With `code`, only the answers coded so in the coding column (`<colonne>_code` unless
    `colonne_code` says otherwise; several codes per answer separated by « ; »). Empty answers are skipped.
    """
    _verifier_colonne(tableau, colonne)
    lignes = tableau
    if code is not None:
        colonne_code = colonne_code or f"{colonne}_code"
        _verifier_colonne(tableau, colonne_code)
        lignes = tableau[tableau[colonne_code].map(lambda v: _a_le_code(v, code))]
    resultat = Verbatims()
    for etiquette, valeur in lignes[colonne].items():
        if pd.isna(valeur) or not str(valeur).strip():
            continue
        texte = " ".join(str(valeur).split())
        resultat.append(Verbatim(etiquette, retirer_donnees_personnelles(texte), tuple(_a_verifier(texte))))
    return resultat


# ---------------------------------------------------------------------------------------------
# Charts and the analysis plan
# ---------------------------------------------------------------------------------------------
VALEURS_BARRES = ("pourcentage", "effectif")
_CLES_ETAPE = {
    "tri_a_plat": ("type", "titre", "colonnes"),
    "tri_croise": ("type", "titre", "colonnes", "pourcentages"),
    "questions_multiples": ("type", "titre", "prefixe"),
    "barres": ("type", "titre", "colonnes", "prefixe", "valeurs", "trier", "horizontal", "axe"),
}
COULEUR_BARRES = ACCENT  # one colour: nothing is coded by colour


MOINS_DE_3 = "moins de 3 réponses"


def n_affiche(tri: pd.DataFrame):
    """The table's n as shown: the « Ensemble » count (« < 3 » when masked)."""
    if isinstance(tri.columns, pd.MultiIndex):
        return tri[("effectif", ENSEMBLE)].iloc[-1]
    return tri["effectif"].iloc[-1]


def _etiquette_valeur(valeur, valeurs: str) -> str:
    if isinstance(valeur, str):
        return MOINS_DE_3
    if pd.isna(valeur):
        return "aucune réponse"
    return f"{decimal_fr(valeur, 1)}{NBSP}%" if valeurs == "pourcentage" else str(valeur)


def graphique_barres(tri: pd.DataFrame, ax, *, titre: str, valeurs: str = "pourcentage", trier: bool = False,
                     horizontal: bool = True, axe: str | None = None) -> str:
    """Draw a tri à plat (or `questions_multiples`) as bars on `ax`; return the chart's text alternative.

    Accessible by construction: a title with n, both axes named, the value written on each bar (« 41,7 % »),
    one colour. A masked answer (« < 3 ») gets no bar, only the words « moins de 3 réponses ».
    """
    if valeurs not in VALEURS_BARRES:
        raise CourseError(f"valeurs vaut « pourcentage » ou « effectif » (et non « {valeurs} »).")
    lignes = tri.iloc[:-1]  # the last row is « Ensemble »: n, not a bar
    colonne = "%" if valeurs == "pourcentage" else "effectif"
    donnees = [(str(etiquette), lignes.loc[etiquette, colonne]) for etiquette in lignes.index]
    if trier:
        donnees.sort(key=lambda d: -(_nombre(d[1]) if _nombre(d[1]) is not None else -1))  # masked ones last
    etiquettes = [e for e, _ in donnees]
    hauteurs = [_nombre(v) or 0.0 for _, v in donnees]
    textes = [_etiquette_valeur(v, valeurs) for _, v in donnees]
    titre_n = f"{titre} (n = {n_affiche(tri)})"
    nom_valeurs = "Part des personnes qui ont répondu (%)" if valeurs == "pourcentage" else "Nombre de personnes"
    nom_categories = axe or str(tri.index.name or "").replace("_", " ").capitalize()
    positions = list(range(len(etiquettes)))
    if horizontal:
        barres = ax.barh(positions, hauteurs, color=COULEUR_BARRES)
        ax.set_yticks(positions, etiquettes)
        ax.invert_yaxis()  # the first answer on top, as in the table
        ax.set_xlabel(nom_valeurs)
        ax.set_ylabel(nom_categories)
        ax.set_xlim(0, max(hauteurs + [1]) * 1.3)
    else:
        barres = ax.bar(positions, hauteurs, color=COULEUR_BARRES)
        ax.set_xticks(positions, etiquettes)
        ax.set_ylabel(nom_valeurs)
        ax.set_xlabel(nom_categories)
        ax.set_ylim(0, max(hauteurs + [1]) * 1.2)
    ax.bar_label(barres, labels=textes, padding=3)
    ax.set_title(titre_n)
    details = " ; ".join(f"{e} : {t}" for e, t in zip(etiquettes, textes))
    return f"Diagramme en barres, {titre_n}. {details}."


@dataclass
class Resultat:
    """One step of the plan: its title, its table, and for a chart the figure, its axes and text alternative."""

    titre: str
    type: str
    tableau: pd.DataFrame
    figure: object | None = None
    ax: object | None = None
    description: str = ""

    def image_html(self) -> str:
        """The chart as an <img> with its text alternative (for screen readers), independent of the backend."""
        tampon = io.BytesIO()
        self.figure.savefig(tampon, format="png", dpi=100, bbox_inches="tight")
        donnees = base64.b64encode(tampon.getvalue()).decode("ascii")
        return (f'<img src="data:image/png;base64,{donnees}" alt="{html.escape(self.description)}">')

    def figure_html(self) -> str:
        """The chart and, under it, its text alternative as a visible caption: the values in words, for everyone."""
        return f"<figure>{self.image_html()}<figcaption>{html.escape(self.description)}</figcaption></figure>"

    def _ipython_display_(self) -> None:
        from IPython.display import HTML, Markdown, display

        display(Markdown(f"**{self.titre}** (n = {n_affiche(self.tableau)})"))
        display(HTML(self.figure_html()) if self.figure is not None else self.tableau)


class Resultats(list):
    """The plan's results (a list of `Resultat`), shown one after the other in the notebook."""

    def _ipython_display_(self) -> None:
        for resultat in self:
            resultat._ipython_display_()


def _etape_colonnes(etape: Mapping) -> list:
    colonnes = etape.get("colonnes")
    return [colonnes] if isinstance(colonnes, str) else list(colonnes or [])


def valider_plan(plan: Sequence[Mapping], tableau: pd.DataFrame) -> None:
    """Check every step before running any; a `CourseError` naming the step and the key at fault otherwise."""
    if isinstance(plan, Mapping) or not isinstance(plan, Sequence) or not plan:
        raise CourseError("Le plan d'analyse est une liste d'étapes : [{\"type\": \"tri_a_plat\", \"colonnes\": "
                          "[\"…\"], \"titre\": \"…\"}, …].")
    for numero, etape in enumerate(plan, start=1):
        def erreur(probleme: str) -> CourseError:
            return CourseError(f"Plan d'analyse, étape {numero} : {probleme}")

        if not isinstance(etape, Mapping):
            raise erreur("une étape est un dictionnaire {\"type\": …, \"titre\": …}.")
        type_ = etape.get("type")
        if type_ not in _CLES_ETAPE:
            raise erreur(f"le type « {type_} » est inconnu (types possibles : {', '.join(_CLES_ETAPE)}).")
        inconnues = [cle for cle in etape if cle not in _CLES_ETAPE[type_]]
        if inconnues:
            raise erreur(f"clé inconnue « {inconnues[0]} » pour « {type_} » (clés possibles : "
                         f"{', '.join(_CLES_ETAPE[type_])}).")
        if _texte_ligne(etape.get("titre")) is None:
            raise erreur("chaque tableau et chaque graphique a un « titre ».")
        if type_ == "barres" and "prefixe" in etape and "colonnes" in etape:
            raise erreur("« barres » prend « colonnes » ou « prefixe », pas les deux.")
        if type_ == "questions_multiples" or "prefixe" in etape:
            prefixe = etape.get("prefixe")
            if not isinstance(prefixe, str) or not prefixe:
                raise erreur(f"« {type_} » demande un « prefixe » : le code de la question à choix multiples.")
            if not any(str(c).startswith(f"{prefixe}_") for c in tableau.columns):
                raise erreur(f"aucune colonne ne commence par « {prefixe}_ ».")
        else:
            colonnes = _etape_colonnes(etape)
            attendues = 2 if type_ == "tri_croise" else 1
            if len(colonnes) != attendues:
                quoi = "deux colonnes (ligne, colonne)" if attendues == 2 else "une colonne"
                raise erreur(f"« {type_} » demande {quoi} dans « colonnes ».")
            for colonne in colonnes:
                if colonne not in tableau.columns:
                    raise erreur(f"la colonne « {colonne} » n'existe pas dans le tableau (colonnes : "
                                 f"{', '.join(map(str, tableau.columns))}).")
        if etape.get("pourcentages", "ligne") not in BASES:
            raise erreur("« pourcentages » vaut « ligne », « colonne » ou « total ».")
        if etape.get("valeurs", "pourcentage") not in VALEURS_BARRES:
            raise erreur("« valeurs » vaut « pourcentage » ou « effectif ».")


def _nouvelle_figure(lignes: int, horizontal: bool):
    from matplotlib.figure import Figure  # matplotlib is imported by the charts only, never on module import

    taille = (7, 1.5 + 0.45 * lignes) if horizontal else (max(6, 1 + 0.9 * lignes), 4.5)
    figure = Figure(figsize=taille, layout="constrained")
    return figure, figure.subplots()


def appliquer_plan(tableau: pd.DataFrame, plan: Sequence[Mapping], *, masquer: bool = False,
                   questionnaire: Questionnaire | None = None) -> Resultats:
    """Refait les mêmes tableaux et graphiques sur la piste choisie : `appliquer_plan(reponses, plan, masquer=…)`.

    `plan` lists the steps, e.g. `{"type": "tri_a_plat", "colonnes": ["frein_principal"], "titre": "…"}`;
    types: `tri_a_plat`, `tri_croise` (`colonnes`: [ligne, colonne], `pourcentages`), `questions_multiples`
    (`prefixe`), `barres` (`colonnes`: [une colonne] or `prefixe`; `valeurs`: "pourcentage" or "effectif",
    `trier`, `horizontal`, `axe`). Every step is checked before any runs. On the piste terrain write
    `masquer=(PISTE == "terrain")`.
    """
    valider_plan(plan, tableau)
    resultats = Resultats()
    for etape in plan:
        type_, titre, colonnes = etape["type"], _texte_ligne(etape["titre"]), _etape_colonnes(etape)
        if type_ == "tri_a_plat":
            resultats.append(Resultat(titre, type_, tri_a_plat(tableau, colonnes[0], masquer=masquer)))
        elif type_ == "tri_croise":
            tri = tri_croise(tableau, colonnes[0], colonnes[1], etape.get("pourcentages", "ligne"), masquer=masquer)
            resultats.append(Resultat(titre, type_, tri))
        elif type_ == "questions_multiples":
            tri = questions_multiples(tableau, etape["prefixe"], masquer=masquer, questionnaire=questionnaire)
            resultats.append(Resultat(titre, type_, tri))
        else:
            if "prefixe" in etape:
                tri = questions_multiples(tableau, etape["prefixe"], masquer=masquer, questionnaire=questionnaire)
            else:
                tri = tri_a_plat(tableau, colonnes[0], masquer=masquer)
            horizontal = bool(etape.get("horizontal", True))
            figure, ax = _nouvelle_figure(len(tri) - 1, horizontal)
            description = graphique_barres(tri, ax, titre=titre, valeurs=etape.get("valeurs", "pourcentage"),
                                           trier=bool(etape.get("trier", False)), horizontal=horizontal,
                                           axe=etape.get("axe"))
            resultats.append(Resultat(titre, type_, tri, figure, ax, description))
    return resultats
