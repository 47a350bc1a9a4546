"""The assignment catalogue: assignments/<id>/devoir.yaml joined with the referential.

Each assignment folder holds one nbgrader assignment; its `devoir.yaml` gives the modality it assesses,
its notebooks and its rubric. Everything else (notebook header, rubric grid, writing prompts, self-check
expectations, reports) is derived from it. Folders whose name starts with `_` (the template) are not
assignments.
"""
from __future__ import annotations

import os
from functools import cached_property
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from . import PACKAGE_DIR, CourseError, yaml_io
from .referential import Referential, load_referential
from .rubric import MANUAL_KINDS, MARK_SCALE, Criterion

COURSE_DIR_ENV = "CASP_COURSE_DIR"
BLOC_RULES_FILE = "blocs.yaml"  # bloc validation rules, beside the assignment folders
ENTRY_FILE = "devoir.yaml"  # an assignment's catalogue entry, in its own folder


class CompensationRule(BaseModel):
    """Compensation between a bloc's modalities: the mean of their marks may make up for a weaker one."""

    model_config = ConfigDict(extra="forbid")
    enabled: bool = False
    floor: float = Field(8.0, ge=0, le=MARK_SCALE)  # no modality below this, even with compensation


NonAcquisScope = Literal["ecrit_oral", "all", "none"]
NON_ACQUIS_KINDS: dict[str, tuple[str, ...]] = {"ecrit_oral": MANUAL_KINDS, "all": ("auto", *MANUAL_KINDS),
                                                "none": ()}


class BlocRule(BaseModel):
    """How a bloc is validated. Default: every modality at 10/20 or above, and no written or oral criterion
    « non acquis ».

    `no_non_acquis` says which criteria may not be « non acquis »: `ecrit_oral` (the default: data work
    informs, it does not decide a bloc), `all`, or `none`. `true` and `false`, from older files, read as `all`
    and `none`.
    """

    model_config = ConfigDict(extra="forbid")
    min_mark: float = Field(10.0, ge=0, le=MARK_SCALE)
    no_non_acquis: NonAcquisScope = "ecrit_oral"
    compensation: CompensationRule = Field(default_factory=CompensationRule)

    @field_validator("no_non_acquis", mode="before")
    @classmethod
    def _from_boolean(cls, value):
        return {True: "all", False: "none"}.get(value, value) if isinstance(value, bool) else value

    @property
    def non_acquis_kinds(self) -> tuple[str, ...]:
        return NON_ACQUIS_KINDS[self.no_non_acquis]


class BlocRules(BaseModel):
    model_config = ConfigDict(extra="forbid")
    default: BlocRule = Field(default_factory=BlocRule)
    blocs: dict[str, BlocRule] = Field(default_factory=dict)

    def for_bloc(self, bloc_id: str) -> BlocRule:
        return self.blocs.get(bloc_id, self.default)


class TerrainTrack(BaseModel):
    """The « piste terrain » of a fieldwork modality: the learner's own data, beside the fictional case.

    `dictionnaire` is the codebook (a released file) that the entry widget, the validation and the self-check
    read; `fichier` the CSV the learner fills in beside the notebook, analysed by the same code as the case.
    """

    model_config = ConfigDict(extra="forbid")
    dictionnaire: str
    fichier: str


class CatalogueError(CourseError):
    """A catalogue file is malformed or inconsistent."""


class Assignment(BaseModel):
    """One nbgrader assignment and its rubric."""

    model_config = ConfigDict(extra="forbid")
    id: str = Field(pattern=r"^[a-z0-9_]+$")
    title: str
    short_title: str | None = None  # column heading in tables; defaults to the modality id
    modality: str | None = None
    duration_minutes: int = Field(gt=0)
    notebooks: list[str] = Field(min_length=1)
    # Files of the assignment folder released beside the notebooks (a widget's content, a CSV template):
    # what a learner's widget reads travels with the assignment, never inside the installed package.
    files: list[str] = Field(default_factory=list)
    # Files the learner hands in beside the notebooks (own fieldwork data, team logs, annexes), as glob patterns
    # relative to the assignment folder: kept with the copy, never executed; any other file is reported.
    learner_files: list[str] = Field(default_factory=list)
    terrain: TerrainTrack | None = None
    instructions: str
    rubric: list[Criterion] = Field(min_length=1)

    @field_validator("notebooks")
    @classmethod
    def _ipynb(cls, notebooks: list[str]) -> list[str]:
        for name in notebooks:
            if not name.endswith(".ipynb") or "/" in name:
                raise ValueError(f"« {name} » n'est pas un nom de notebook (.ipynb, sans dossier)")
        return notebooks

    @field_validator("files")
    @classmethod
    def _plain_names(cls, files: list[str]) -> list[str]:
        for name in files:
            if "/" in name or name.startswith(".") or name.endswith((".ipynb", ".md", ".py")) or name == "devoir.yaml":
                raise ValueError(f"« {name} » ne peut pas être un fichier distribué (nom simple, ni notebook, "
                                 "ni texte source, ni code)")
        return files

    @field_validator("learner_files")
    @classmethod
    def _relative_patterns(cls, patterns: list[str]) -> list[str]:
        for pattern in patterns:
            if pattern.startswith(("/", ".")) or ".." in pattern.split("/") or pattern.endswith(".ipynb") and "*" in pattern:
                raise ValueError(f"« {pattern} » : un motif relatif au dossier du devoir, sans « .. » ni notebook générique")
        return patterns

    @property
    def label(self) -> str:
        """Short name for tables and charts: the modality id, else the short title."""
        return self.modality or self.short_title or self.title

    @property
    def max_points(self) -> float:
        return sum(criterion.points for criterion in self.rubric)

    @property
    def grade_ids(self) -> dict[str, Criterion]:
        """grade_id → the criterion that scores it."""
        return {gid: c for c in self.rubric for gid in c.grade_ids}

    def criterion(self, criterion_id: str) -> Criterion:
        for criterion in self.rubric:
            if criterion.id == criterion_id:
                return criterion
        raise CatalogueError(f"{self.id} : critère inconnu « {criterion_id} »")


def _format_validation_error(error: ValidationError) -> str:
    french = {
        "missing": "champ obligatoire manquant",
        "extra_forbidden": "champ inconnu",
        "string_pattern_mismatch": "format invalide",
        "too_short": "liste vide",
    }
    lines = []
    for item in error.errors():
        where = ".".join(str(part) for part in item["loc"]) or "(racine)"
        message = french.get(item["type"], item["msg"].removeprefix("Value error, "))
        lines.append(f"  - {where} : {message}")
    return "\n".join(lines)


def load_assignment(path: Path) -> Assignment:
    """Read one catalogue file, turning any problem into a CatalogueError naming the file."""
    try:
        raw = yaml_io.safe_load(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as exc:
        raise CatalogueError(f"{path} : le fichier n'est pas encodé en UTF-8 ({exc.reason}).") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (ligne {mark.line + 1}, colonne {mark.column + 1})" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise CatalogueError(f"{path} : YAML invalide{where} : {problem}") from None
    if not isinstance(raw, dict):
        raise CatalogueError(f"{path} : le fichier doit contenir un dictionnaire YAML (id, title, rubric…).")
    folder_name = path.parent.name
    raw.setdefault("id", folder_name)
    if raw["id"] != folder_name:
        raise CatalogueError(f"{path} : l'id « {raw['id']} » doit être le nom du dossier « {folder_name} ».")
    try:
        return Assignment.model_validate(raw)
    except ValidationError as exc:
        raise CatalogueError(f"{path} : entrée de catalogue invalide :\n{_format_validation_error(exc)}") from None


def entry_file(course_dir: Path, assignment_id: str) -> Path:
    return Path(course_dir) / "assignments" / assignment_id / ENTRY_FILE


def write_entry(course_dir: Path, entry: dict) -> Path:
    """Write a catalogue entry (a dict as in devoir.yaml) into its own folder; used by the demo and tests."""
    path = entry_file(course_dir, entry["id"])
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(entry, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def load_bloc_rules(path: Path) -> BlocRules:
    if not path.exists():
        return BlocRules()
    try:
        raw = yaml_io.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (ligne {mark.line + 1}, colonne {mark.column + 1})" if mark else ""
        raise CatalogueError(f"{path} : YAML invalide{where} : {getattr(exc, 'problem', None) or exc}") from None
    try:
        return BlocRules.model_validate(raw)
    except ValidationError as exc:
        raise CatalogueError(f"{path} : règles de validation invalides :\n{_format_validation_error(exc)}") from None


def find_course_dir(start: Path | None = None) -> Path:
    """The nbgrader course directory: $CASP_COURSE_DIR, the cwd or a parent, else the checkout."""
    if os.environ.get(COURSE_DIR_ENV):
        return Path(os.environ[COURSE_DIR_ENV]).resolve()
    here = (start or Path.cwd()).resolve()
    for candidate in (here, *here.parents):
        if (candidate / "assignments").is_dir() and (candidate / "nbgrader_config.py").is_file():
            return candidate
    return PACKAGE_DIR.parent


class Catalogue:
    """The referential plus every assignment of a course directory."""

    def __init__(self, course_dir: Path, referential: Referential | None = None):
        self.course_dir = Path(course_dir)
        self.referential = referential or load_referential()
        folder = self.course_dir / "assignments"
        if not folder.is_dir():
            raise CatalogueError(f"{folder} : dossier du catalogue introuvable.")
        loaded = []
        for path in sorted(folder.glob(f"*/{ENTRY_FILE}")):
            if path.parent.name.startswith("_"):
                continue
            assignment = load_assignment(path)
            self._check_entry(path, assignment)
            loaded.append(assignment)
        # Formative assignments (no modality) first, shortest first so the onboarding opens the course,
        # then the assessments in referential order M1.1 … M5.3.
        order = {modality: index for index, modality in enumerate(self.referential.modalities)}
        loaded.sort(key=lambda a: (a.modality is not None, order.get(a.modality, -1), a.duration_minutes, a.id))
        self.assignments: dict[str, Assignment] = {a.id: a for a in loaded}
        self.bloc_rules = load_bloc_rules(folder / BLOC_RULES_FILE)
        unknown = sorted(set(self.bloc_rules.blocs) - {b.id for b in self.referential.blocs})
        if unknown:
            raise CatalogueError(f"{folder / BLOC_RULES_FILE} : bloc(s) inconnu(s) {', '.join(unknown)} (attendu B1 … B5).")

    def _check_entry(self, path: Path, assignment: Assignment) -> None:
        """Rules a single file can break on its own (the cross-file ones live in checks.py)."""
        if assignment.modality and assignment.modality not in self.referential.modalities:
            raise CatalogueError(f"{path} : modalité inconnue « {assignment.modality} » (attendu M1.1 … M5.3).")
        if abs(assignment.max_points - MARK_SCALE) > 1e-6:
            raise CatalogueError(
                f"{path} : les critères totalisent {assignment.max_points:g} points ; il en faut {MARK_SCALE:g} "
                "pour une note sur 20."
            )
        seen: set[str] = set()
        for criterion in assignment.rubric:
            if criterion.id in seen:
                raise CatalogueError(f"{path} : le critère « {criterion.id} » est défini deux fois.")
            seen.add(criterion.id)
        owners: dict[str, str] = {}
        for criterion in assignment.rubric:
            for grade_id in criterion.grade_ids:
                if grade_id in owners:
                    raise CatalogueError(
                        f"{path} : la cellule « {grade_id} » est notée par deux critères "
                        f"({owners[grade_id]} et {criterion.id})."
                    )
                owners[grade_id] = criterion.id

    def assignment(self, assignment_id: str) -> Assignment:
        try:
            return self.assignments[assignment_id]
        except KeyError:
            known = ", ".join(self.assignments) or "aucun"
            raise CatalogueError(f"Devoir inconnu « {assignment_id} ». Devoirs du catalogue : {known}.") from None

    def for_modality(self, modality_id: str) -> list[Assignment]:
        return [a for a in self.assignments.values() if a.modality == modality_id]

    @cached_property
    def assessed_competences(self) -> set[str]:
        return {c for a in self.assignments.values() for crit in a.rubric for c in crit.competences}

    def assignment_dir(self, assignment: Assignment) -> Path:
        """assignments/<id>/: the catalogue entry, the MyST notebooks, expected values and files."""
        return self.course_dir / "assignments" / assignment.id

    def entry_path(self, assignment: Assignment) -> str:
        """How messages name an assignment's catalogue entry."""
        return f"assignments/{assignment.id}/{ENTRY_FILE}"

    def source_notebook(self, assignment: Assignment, notebook: str) -> Path:
        return self.course_dir / "source" / assignment.id / notebook


def load_catalogue(course_dir: Path | None = None) -> Catalogue:
    return Catalogue(course_dir or find_course_dir())
