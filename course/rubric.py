"""Rubric model: criteria × levels, points ↔ level, marks out of 20.

A criterion is worth some points; each of its levels is reached from a share of
those points. The default scale has four levels, as French social-work juries use.
"""
from __future__ import annotations

from typing import Literal, NamedTuple

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

MARK_SCALE = 20.0
EPSILON = 1e-6


class LevelDef(NamedTuple):
    key: str
    label: str
    share: float  # share of the criterion's points needed to reach the level


DEFAULT_LEVELS: tuple[LevelDef, ...] = (
    LevelDef("non_acquis", "Non acquis", 0.0),
    LevelDef("en_cours", "En cours d'acquisition", 0.4),
    LevelDef("acquis", "Acquis", 0.7),
    LevelDef("maitrise", "Maîtrisé", 1.0),
)
LEVEL_KEYS = tuple(level.key for level in DEFAULT_LEVELS)
LEVEL_LABELS = {level.key: level.label for level in DEFAULT_LEVELS}

CriterionKind = Literal["auto", "ecrit", "production", "oral"]
KIND_LABELS = {
    "auto": "corrigé automatiquement",
    "ecrit": "écrit, corrigé par l'équipe de formation",
    "production": "production, corrigée par l'équipe de formation",
    "oral": "oral, noté par le jury",
}
MANUAL_KINDS = ("ecrit", "production", "oral")  # marked by people: they decide a bloc (blocs.yaml, ecrit_oral)


def round_half(value: float) -> float:
    """Round to the nearest half point, the finest step graders use."""
    return round(value * 2) / 2


class Level(NamedTuple):
    key: str
    label: str
    points: float
    descriptor: str


class Writing(BaseModel):
    """What a written answer must contain: checked by the learner's self-check."""

    model_config = ConfigDict(extra="forbid")
    words: tuple[int, int]
    parts: list[str] = Field(min_length=1)
    # Fieldwork modalities: the answer may work on the fictional case or on the learner's own data; its first
    # line says which (« Piste : exercice » or « Piste : terrain »), and the self-check reports it.
    pistes: bool = False

    @field_validator("words")
    @classmethod
    def _ordered(cls, words: tuple[int, int]) -> tuple[int, int]:
        if not 0 < words[0] < words[1]:
            raise ValueError("la fourchette de mots doit être [minimum, maximum] avec 0 < minimum < maximum")
        return words


class Production(BaseModel):
    """An artefact that is not prose (a répertoire, a bibliography): a table the learner builds in a code cell
    and saves beside the notebook. The self-check counts its rows and columns instead of words."""

    model_config = ConfigDict(extra="forbid")
    objet: str  # what it is, as the learner reads it: « répertoire des structures »
    fichier: str  # the CSV the answer cell writes beside the notebook
    minimum: int = Field(ge=1)  # rows expected at least
    colonnes: list[str] = Field(default_factory=list)  # columns it must have

    @field_validator("fichier")
    @classmethod
    def _csv_beside(cls, fichier: str) -> str:
        if "/" in fichier or not fichier.endswith(".csv"):
            raise ValueError(f"« {fichier} » : un fichier CSV à côté du notebook (nom simple, .csv)")
        return fichier


class Criterion(BaseModel):
    """One row of the rubric grid."""

    model_config = ConfigDict(extra="forbid")
    id: str
    label: str
    kind: CriterionKind
    competences: list[str] = Field(default_factory=list)
    points: float = Field(gt=0)
    grade_ids: list[str] = Field(min_length=1)
    levels: dict[str, str]
    consigne: str | None = None
    writing: Writing | None = None
    production: Production | None = None
    mark_scheme: str | None = None
    collective: bool = False  # marked once for a team, applied to every member (course/grading/teams.py)

    @field_validator("levels")
    @classmethod
    def _all_levels(cls, levels: dict[str, str]) -> dict[str, str]:
        missing = [key for key in LEVEL_KEYS if not str(levels.get(key, "")).strip()]
        unknown = [key for key in levels if key not in LEVEL_KEYS]
        if missing or unknown:
            raise ValueError(
                f"il faut exactement les niveaux {', '.join(LEVEL_KEYS)}, chacun avec son descripteur"
                + (f" ; manquant(s) : {', '.join(missing)}" if missing else "")
                + (f" ; inconnu(s) : {', '.join(unknown)}" if unknown else "")
            )
        return {key: levels[key].strip() for key in LEVEL_KEYS}

    @model_validator(mode="after")
    def _kind_fields(self) -> "Criterion":
        if self.kind in MANUAL_KINDS:
            if len(self.grade_ids) != 1:
                raise ValueError(f"un critère « {self.kind} » note exactement une cellule (grade_ids)")
            if not self.consigne:
                raise ValueError(f"un critère « {self.kind} » a besoin d'une consigne")
        if self.kind == "ecrit" and self.writing is None:
            raise ValueError("un critère « ecrit » a besoin de « writing » (words, parts)")
        if self.kind != "ecrit" and self.writing is not None:
            raise ValueError("« writing » n'a de sens que pour un critère « ecrit »")
        if (self.kind == "production") != (self.production is not None):
            raise ValueError("un critère « production » a besoin de « production » (objet, fichier, minimum, "
                             "colonnes), et lui seul")
        return self

    @property
    def scale(self) -> list[Level]:
        """The levels with the points that reach each one, lowest first."""
        return [
            Level(d.key, d.label, round_half(d.share * self.points), self.levels[d.key])
            for d in DEFAULT_LEVELS
        ]

    def level_for(self, points: float) -> Level:
        """The highest level whose threshold the points reach."""
        if points < -EPSILON or points > self.points + EPSILON:
            raise ValueError(f"{points} points hors de l'échelle 0–{self.points:g} du critère {self.id}")
        reached = [level for level in self.scale if points + EPSILON >= level.points]
        return reached[-1]


def mark_out_of_20(points: float, max_points: float) -> float:
    """Scale a total to the French /20 scale, rounded to the hundredth."""
    if max_points <= 0:
        return 0.0
    return round(points * MARK_SCALE / max_points, 2)
