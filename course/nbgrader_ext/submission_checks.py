"""Inspect a learner's submission before nbgrader grades it, and prepare the copy that is graded.

nbgrader 0.9.6 copes with some broken submissions and fails on others with messages a
trainer cannot act on. What it does by itself, checked on this course:

- wrong or missing kernelspec: `OverwriteKernelspec` replaces it with the source notebook's,
  grading is unaffected (reported for information);
- edited test cell: `OverwriteCells` puts the gradebook's source back (hidden tests included)
  because the cell is locked and its checksum differs, so the original test is what runs;
- missing notebook (with at least one other present): `Autograde` gives every grade of it
  auto_score 0 and clears needs_manual_grade;
- deleted graded cell: NOT restored (`OverwriteCells.add_missing_cells` is False by default):
  its grade keeps no automatic score, counts 0 and is flagged « needs manual grade »;
- duplicated grade_id: `DeduplicateIds` keeps the LAST occurrence and empties the metadata of
  the others, then `CheckCellMetadata` fails with « Outdated schema version: 0 (expected 3) »;
- invalid JSON, empty file, non-UTF-8 bytes, UTF-8 BOM, nbgrader metadata of a cell unknown to
  the gradebook, locked/grade flags changed by hand: the whole submission fails.

So this module finds each of these first, says it in French, and writes a repaired copy
(never touching the learner's file) that nbgrader then grades: deleted graded cells are put
back from the released notebook, the first occurrence of a duplicated grade_id is the one
graded, flags are restored, text is re-encoded in UTF-8. Extra files, symbolic links and odd
names are listed and left out of the graded copy; nothing outside the submission folder is
ever read.
"""
from __future__ import annotations

import copy
import fnmatch
import json
import os
import re
import shutil
import unicodedata
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from nbgrader.api import Gradebook, MissingEntry
from nbgrader.utils import compute_checksum

from .. import CourseError
from ..formatting import decimal_fr
from ..grading.autograde_statuses import GRADED as STATUS_GRADED
from ..grading.autograde_statuses import GRADED_WITH_RESERVES as STATUS_RESERVED
from ..grading.autograde_statuses import NOT_GRADED as STATUS_NOT_GRADED

INFO = "info"          # noted for the trainer; the mark is what nbgrader gives the learner's file
RESERVE = "réserve"    # the graded copy differs from the file, or a part counts 0: the trainer should look
BLOCKING = "bloquant"  # nothing can be graded: the learner must hand in a readable file

TIMESTAMP_FILE = "timestamp.txt"
# Written by nbgrader's exchange on submit; release_feedback needs it beside the graded copy.
SECRET_FILE = "submission_secret.txt"
SHOWN_EXTRA_FILES = 8


@dataclass(frozen=True)
class Finding:
    code: str
    severity: str
    message: str


@dataclass(frozen=True)
class CellDefinition:
    """One cell with a grade_id, as the gradebook knows it (source = what nbgrader restores)."""

    grade_id: str
    cell_type: str
    locked: bool
    graded: bool
    solution: bool
    task: bool
    points: float | None
    source: str
    checksum: str | None

    @property
    def is_test(self) -> bool:
        return self.graded and self.locked and not self.solution and self.cell_type == "code"

    @property
    def has_grade(self) -> bool:
        """Graded or task cell: a row of the learner's marks depends on it."""
        return self.graded or self.task


@dataclass
class NotebookDefinition:
    name: str                              # notebook id, without .ipynb
    kernelspec: dict | None
    cells: list[CellDefinition]            # in the released notebook's order when it exists
    released: nbformat.NotebookNode | None

    @property
    def filename(self) -> str:
        return f"{self.name}.ipynb"

    def cell(self, grade_id: str) -> CellDefinition | None:
        return next((c for c in self.cells if c.grade_id == grade_id), None)


@dataclass
class PreparedNotebook:
    filename: str                          # the name nbgrader expects
    original: Path                         # the learner's file (only read)
    repaired: nbformat.NotebookNode | None  # None: the file is graded byte for byte


@dataclass
class SubmissionCheck:
    student_id: str
    assignment_id: str
    folder: Path
    findings: list[Finding] = field(default_factory=list)
    notebooks: dict[str, PreparedNotebook] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)
    kept_files: list[Path] = field(default_factory=list)   # timestamp, secret and files learners may edit
    # Files released beside the notebooks (a widget's content): graded with the released copy, whatever the
    # learner's folder holds, so a changed or deleted file neither breaks nor bends the grading.
    released_files: list[Path] = field(default_factory=list)

    @property
    def gradable(self) -> bool:
        return not any(f.severity == BLOCKING for f in self.findings)

    @property
    def status(self) -> str:
        """Status before grading; nbgrader's own failure can still turn it into « non corrigée »."""
        if not self.gradable:
            return STATUS_NOT_GRADED
        return STATUS_RESERVED if any(f.severity == RESERVE for f in self.findings) else STATUS_GRADED

    @property
    def reasons(self) -> list[str]:
        return [f.message for f in self.findings]

    def add(self, code: str, severity: str, message: str) -> None:
        self.findings.append(Finding(code, severity, message))


MAX_LEARNER_FILE_BYTES = 10_000_000  # a learner's own data, a log or an annex; never executed


def shown(name: str) -> str:
    """A file name as a trainer can read it: NFC, control characters made visible, in French quotes."""
    text = unicodedata.normalize("NFC", name)
    text = "".join(ch if ch.isprintable() else "?" for ch in text)
    return f"« {text} »"


def load_definitions(db_url: str, course_dir: Path, assignment_id: str, release_directory: str = "release",
                     course_id: str = "default_course") -> dict[str, NotebookDefinition]:
    """The assignment's notebooks and graded cells from the gradebook, ordered as in release/."""
    course_dir = Path(course_dir)
    with Gradebook(db_url, course_id) as gradebook:
        try:
            assignment = gradebook.find_assignment(assignment_id)
        except MissingEntry:
            raise CourseError(
                f"Le devoir « {assignment_id} » est absent du carnet de notes : générez-le d'abord "
                f"(`casp release {assignment_id}`)."
            ) from None
        definitions = {}
        for notebook in assignment.notebooks:
            graded = {c.name: float(c.max_score) for c in notebook.grade_cells}
            tasks = {c.name: float(c.max_score) for c in notebook.task_cells}
            solutions = {c.name for c in notebook.solution_cells}
            cells = [
                CellDefinition(
                    grade_id=c.name, cell_type=c.cell_type, locked=bool(c.locked), graded=c.name in graded,
                    solution=c.name in solutions, task=c.name in tasks,
                    points=graded.get(c.name, tasks.get(c.name)), source=c.source or "", checksum=c.checksum,
                )
                for c in notebook.source_cells
            ]
            kernelspec = json.loads(notebook.kernelspec) if notebook.kernelspec else None
            definitions[notebook.name] = NotebookDefinition(notebook.name, kernelspec, cells, None)
    for definition in definitions.values():
        path = course_dir / release_directory / assignment_id / definition.filename
        try:
            released = nbformat.read(path, as_version=4)
        except (OSError, ValueError):
            continue
        definition.released = released
        order = [_grade_id(cell) for cell in released.cells]
        rank = {grade_id: index for index, grade_id in enumerate(order) if grade_id}
        definition.cells.sort(key=lambda c: rank.get(c.grade_id, len(rank)))
    return definitions


def _grade_id(cell) -> str | None:
    meta = cell.get("metadata", {}).get("nbgrader")
    return meta.get("grade_id") if isinstance(meta, dict) else None


def _is_ignored(name: str, patterns: list[str]) -> bool:
    return any(fnmatch.fnmatch(name, pattern) for pattern in patterns)


def _loose_stem(name: str) -> str:
    """What is left of a notebook name once copies, case, accents and spacing are set aside:
    « Mini (1).ipynb », « mini - Copie.ipynb », « Copie de mini.ipynb » → « mini »."""
    stem = name[: -len(".ipynb")] if name.lower().endswith(".ipynb") else name
    stem = unicodedata.normalize("NFKD", stem)
    stem = "".join(ch for ch in stem if not unicodedata.combining(ch)).casefold()
    stem = re.sub(r"\(\d+\)|\bcopie de\b|\bcopy of\b|\bcopie\b|\bcopy\b", " ", stem)
    return re.sub(r"[^0-9a-z]+", "", stem)


def _walk(folder: Path, ignore: list[str]):
    """Every entry under `folder` without following symbolic links: (relative path, DirEntry)."""
    stack = [(folder, "")]
    while stack:
        directory, prefix = stack.pop()
        try:
            entries = sorted(os.scandir(directory), key=lambda e: e.name)
        except OSError:
            continue
        for entry in entries:
            if _is_ignored(entry.name, ignore):
                continue
            relative = f"{prefix}{entry.name}"
            if entry.is_dir(follow_symlinks=False):
                stack.append((Path(entry.path), relative + "/"))
            else:
                yield relative, entry


def check_submission(folder: Path, student_id: str, assignment_id: str,
                     definitions: dict[str, NotebookDefinition], ignore: list[str] | None = None,
                     learner_files: list[str] | None = None,
                     released_files: dict[str, Path] | None = None) -> SubmissionCheck:
    """Everything wrong with `submitted/<student>/<assignment>/`, and the notebooks to grade.

    Only reads: the learner's files stay as they are. `ignore` are nbgrader's
    CourseDirectory.ignore globs; `learner_files` the Autograde.exclude_overwriting files
    that learners may hand in beside the notebooks, or glob patterns declared in the catalogue
    (`learner_files`: « terrain/*.csv »); `released_files` the other files of
    release/<assignment>/ (name → path), expected back and replaced by their released copy.
    """
    folder = Path(folder)
    check = SubmissionCheck(student_id, assignment_id, folder)
    released_files = dict(released_files or {})
    check.released_files = list(released_files.values())
    ignore = list(ignore or [])
    allowed = list(learner_files or [])
    if folder.is_symlink() or folder.parent.is_symlink() or not folder.is_dir():
        check.add("dossier_lien", BLOCKING,
                  "le dossier de la copie (ou de l'apprenant) est un lien symbolique ou n'est pas un dossier : "
                  "il n'est pas suivi")
        return check

    expected = {d.filename: d for d in definitions.values()}
    found: dict[str, Path] = {}
    candidates: list[tuple[str, Path]] = []   # other top-level notebooks, maybe the expected one renamed
    extra: list[str] = []
    for relative, entry in _walk(folder, ignore):
        top_level = "/" not in relative
        if entry.is_symlink():
            inside = _inside(folder, Path(entry.path).parent / os.readlink(entry.path))
            where = "dans la copie" if inside else "hors de la copie"
            check.add("lien_symbolique", RESERVE if top_level and relative in expected else INFO,
                      f"lien symbolique {shown(relative)} (vers un fichier {where}) ignoré : il n'est jamais suivi")
            continue
        if not entry.is_file(follow_symlinks=False):
            extra.append(relative)
            continue
        if top_level and relative in expected:
            found[relative] = Path(entry.path)
        elif top_level and relative in (TIMESTAMP_FILE, SECRET_FILE):
            check.kept_files.append(Path(entry.path))
        elif any(fnmatch.fnmatchcase(relative, pattern) for pattern in allowed):
            size = entry.stat(follow_symlinks=False).st_size
            if size > MAX_LEARNER_FILE_BYTES:
                check.add("fichier_trop_gros", INFO,
                          f"{shown(relative)} ignoré : {decimal_fr(size / 1e6, 1)} Mo, au-delà des "
                          f"{decimal_fr(MAX_LEARNER_FILE_BYTES / 1e6, 1)} Mo admis pour un fichier joint")
            else:
                check.kept_files.append(Path(entry.path))
        elif top_level and relative in released_files:
            continue  # graded with the released copy
        elif top_level and relative.lower().endswith(".ipynb"):
            candidates.append((relative, Path(entry.path)))
        else:
            extra.append(relative)

    for filename in expected:
        if filename in found:
            continue
        stem = _loose_stem(filename)
        matches = [(name, path) for name, path in candidates if _loose_stem(name) == stem]
        if len(matches) == 1:
            name, path = matches[0]
            candidates.remove(matches[0])
            found[filename] = path
            check.add("notebook_renomme", RESERVE,
                      f"{shown(name)} corrigé comme {shown(filename)} (nom différent de celui du sujet)")
    extra += [name for name, _ in candidates]

    for filename, definition in expected.items():
        if filename not in found:
            check.missing.append(filename)
            check.add("notebook_manquant", RESERVE,
                      f"{shown(filename)} manquant : ses questions comptent 0 point")
            continue
        prepared = _prepare_notebook(check, filename, found[filename], definition)
        if prepared is not None:
            check.notebooks[filename] = prepared

    if extra:
        names = ", ".join(shown(name) for name in sorted(extra)[:SHOWN_EXTRA_FILES])
        more = len(extra) - SHOWN_EXTRA_FILES
        check.add("fichiers_en_trop", INFO,
                  f"fichier(s) en trop ignoré(s) : {names}" + (f" et {more} autre(s)" if more > 0 else ""))
    return check


def _inside(folder: Path, target: Path) -> bool:
    try:
        return Path(os.path.realpath(target)).is_relative_to(Path(os.path.realpath(folder)))
    except OSError:
        return False


def _decode(check: SubmissionCheck, filename: str, data: bytes) -> tuple[str | None, bool]:
    """The file's text and whether it had to be re-encoded; None when nothing is readable."""
    if not data.strip():
        check.add("fichier_vide", BLOCKING,
                  f"{shown(filename)} est vide ({len(data)} octet(s)) : l'enregistrement a échoué, "
                  "demandez une nouvelle copie")
        return None, False
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        check.add("utf16", RESERVE, f"{shown(filename)} est en UTF-16 : relu et réencodé en UTF-8")
        return data.decode("utf-16"), True
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            pass
        else:
            check.add("bom", INFO, f"{shown(filename)} commence par une marque BOM : retirée pour la correction")
            return text, True
    try:
        return data.decode("utf-8"), False
    except UnicodeDecodeError as exc:
        byte = data[exc.start]
        try:
            text, encoding = data.decode("cp1252"), "Windows-1252"
        except UnicodeDecodeError:
            text, encoding = data.decode("latin-1"), "Latin-1"
        check.add("non_utf8", RESERVE,
                  f"{shown(filename)} contient des octets non UTF-8 (0x{byte:02X} à la position {exc.start}) : "
                  f"relu en {encoding} ; vérifiez les accents du texte corrigé")
        return text, True


def _prepare_notebook(check: SubmissionCheck, filename: str, path: Path,
                      definition: NotebookDefinition) -> PreparedNotebook | None:
    try:
        data = path.read_bytes()
    except OSError as exc:
        check.add("illisible", BLOCKING, f"{shown(filename)} ne peut pas être lu ({exc.strerror})")
        return None
    text, reencoded = _decode(check, filename, data)
    if text is None:
        return None
    try:
        json.loads(text)
    except json.JSONDecodeError as exc:
        check.add("json_invalide", BLOCKING,
                  f"{shown(filename)} n'est pas un JSON valide (ligne {exc.lineno}, colonne {exc.colno}) : "
                  "fichier tronqué ou abîmé, il ne s'ouvre pas dans Jupyter ; demandez une nouvelle copie")
        return None
    try:
        notebook = nbformat.reads(text, as_version=4)
        if not isinstance(notebook.cells, list):
            raise TypeError("cells")
    except Exception as exc:  # nbformat raises several unrelated types for a JSON that is no notebook
        check.add("notebook_invalide", BLOCKING,
                  f"{shown(filename)} n'est pas un notebook Jupyter ({type(exc).__name__}) ; "
                  "demandez une nouvelle copie")
        return None
    repaired = _repair_cells(check, filename, notebook, definition)
    _check_kernelspec(check, filename, notebook, definition)
    return PreparedNotebook(filename, path, notebook if (repaired or reencoded) else None)


def _check_kernelspec(check: SubmissionCheck, filename: str, notebook, definition: NotebookDefinition) -> None:
    wanted = (definition.kernelspec or {}).get("name")
    if not wanted:
        return
    kernelspec = notebook.metadata.get("kernelspec")
    name = kernelspec.get("name") if isinstance(kernelspec, dict) else None
    if name == wanted:
        return
    what = f"« {name} »" if name else "absent"
    check.add("kernelspec", INFO,
              f"{shown(filename)} : noyau (kernelspec) {what} ; nbgrader le remplace par celui du sujet "
              f"(« {wanted} ») avant d'exécuter, la note n'en dépend pas")


def _expected_flags(definition: CellDefinition) -> dict:
    flags = {"grade": definition.graded, "solution": definition.solution, "locked": definition.locked,
             "task": definition.task}
    if definition.points is not None and (definition.graded or definition.task):
        flags["points"] = definition.points
    return flags


def _flags_differ(meta: dict, expected: dict) -> bool:
    for key, value in expected.items():
        if key == "points":
            try:
                if float(meta.get("points")) != float(value):
                    return True
            except (TypeError, ValueError):
                return True
        elif bool(meta.get(key, False)) != value:
            return True
    return False


def _set_cell_type(cell, cell_type: str) -> None:
    cell["cell_type"] = cell_type
    if cell_type == "code":
        cell.setdefault("outputs", [])
        cell.setdefault("execution_count", None)
    else:
        cell.pop("outputs", None)
        cell.pop("execution_count", None)


def _repair_cells(check: SubmissionCheck, filename: str, notebook, definition: NotebookDefinition) -> bool:
    """Fix, in memory, what makes nbgrader fail or grade the wrong cell. Returns whether anything changed."""
    changed = False
    seen: dict[str, int] = {}
    duplicates: dict[str, int] = {}
    released_sources = {
        _grade_id(cell): cell.source for cell in (definition.released.cells if definition.released else [])
        if _grade_id(cell)
    }
    for cell in notebook.cells:
        meta = cell.metadata.get("nbgrader")
        if meta is None:
            continue
        grade_id = meta.get("grade_id") if isinstance(meta, dict) else None
        cell_definition = definition.cell(grade_id) if grade_id else None
        if cell_definition is None:
            del cell.metadata["nbgrader"]
            changed = True
            label = f"« {grade_id} »" if grade_id else "sans identifiant"
            check.add("cellule_inconnue", RESERVE,
                      f"{shown(filename)} : cellule nbgrader {label} inconnue du sujet : "
                      "corrigée comme une cellule ordinaire")
            continue
        if grade_id in seen:
            del cell.metadata["nbgrader"]
            duplicates[grade_id] = duplicates.get(grade_id, 0) + 1
            changed = True
            continue
        seen[grade_id] = 1
        expected = _expected_flags(cell_definition)
        if _flags_differ(meta, expected) or cell.cell_type != cell_definition.cell_type:
            meta.update(expected)
            if cell.cell_type != cell_definition.cell_type:
                _set_cell_type(cell, cell_definition.cell_type)
            changed = True
            check.add("reglages_modifies", RESERVE,
                      f"{shown(filename)} : réglages nbgrader de la cellule « {grade_id} » modifiés "
                      "(verrou, points ou type) : rétablis comme dans le sujet")
        if cell_definition.is_test and _test_edited(cell, cell_definition, released_sources.get(grade_id)):
            check.add("test_modifie", RESERVE,
                      f"{shown(filename)} : cellule de test modifiée (« {grade_id} ») : remplacée par l'originale")
    for grade_id, count in duplicates.items():
        check.add("cellule_dupliquee", RESERVE,
                  f"{shown(filename)} : cellule notée « {grade_id} » en double ({count + 1} fois) : "
                  "seule la première est notée, les autres restent comme cellules ordinaires")
    changed |= _restore_deleted(check, filename, notebook, definition, set(seen))
    if changed:
        _unique_cell_ids(notebook)
    return changed


def _test_edited(cell, definition: CellDefinition, released_source: str | None) -> bool:
    if released_source is not None:
        return cell.source.rstrip() != released_source.rstrip()
    expected = cell.metadata["nbgrader"].get("checksum")
    return bool(expected) and compute_checksum(cell) != expected


def _restore_deleted(check: SubmissionCheck, filename: str, notebook, definition: NotebookDefinition,
                     present: set[str]) -> bool:
    """Put back graded and task cells the learner deleted, after the cell that preceded them in the subject."""
    changed = False
    released = {_grade_id(cell): cell for cell in (definition.released.cells if definition.released else [])}
    for index, cell_definition in enumerate(definition.cells):
        if cell_definition.grade_id in present:
            continue
        if not cell_definition.has_grade:
            if not cell_definition.solution:
                continue  # a read-only cell: nothing depends on it
            check.add("reponse_supprimee", INFO,
                      f"{shown(filename)} : cellule de réponse « {cell_definition.grade_id} » supprimée par "
                      "l'apprenant : les tests qui en dépendent échouent")
            continue
        cell = _restored_cell(cell_definition, released.get(cell_definition.grade_id))
        position = 0
        for previous in reversed(definition.cells[:index]):
            at = next((i for i, c in enumerate(notebook.cells) if _grade_id(c) == previous.grade_id), None)
            if at is not None and previous.grade_id in present:
                position = at + 1
                break
        notebook.cells.insert(position, cell)
        present.add(cell_definition.grade_id)
        changed = True
        if cell_definition.is_test:
            consequence = "rétablie depuis le sujet, elle est notée normalement sur le code de l'apprenant"
        elif cell_definition.solution:
            consequence = "rétablie vide (« pas de réponse »), à noter par le formateur"
        else:
            consequence = "rétablie depuis le sujet"
        check.add("cellule_notee_supprimee", RESERVE,
                  f"{shown(filename)} : cellule notée « {cell_definition.grade_id} » supprimée : {consequence}")
    return changed


def _restored_cell(definition: CellDefinition, released_cell) -> nbformat.NotebookNode:
    if released_cell is not None:
        cell = copy.deepcopy(released_cell)
    else:
        maker = nbformat.v4.new_code_cell if definition.cell_type == "code" else nbformat.v4.new_markdown_cell
        cell = maker(definition.source)
        cell.metadata["nbgrader"] = {"grade_id": definition.grade_id, "schema_version": 3,
                                     "checksum": definition.checksum, **_expected_flags(definition)}
        if definition.locked:
            cell.metadata["editable"] = False
            cell.metadata["deletable"] = False
    cell["id"] = f"casp-{uuid.uuid4().hex[:12]}"
    if cell.cell_type == "code":
        cell.outputs = []
        cell.execution_count = None
    return cell


def _unique_cell_ids(notebook) -> None:
    """Duplicated cells carry duplicated ids, which nbformat rejects: give the later ones new ids."""
    if (notebook.nbformat, notebook.nbformat_minor) < (4, 5):
        return
    seen = set()
    for cell in notebook.cells:
        if not cell.get("id") or cell["id"] in seen:
            cell["id"] = f"casp-{uuid.uuid4().hex[:12]}"
        seen.add(cell["id"])


def write_grading_copy(check: SubmissionCheck, dest: Path) -> Path:
    """Write the notebooks to grade (repaired or as handed in) and timestamp.txt into `dest`, fresh."""
    dest = Path(dest)
    if dest.is_symlink():
        dest.unlink()
    elif dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    for prepared in check.notebooks.values():
        target = dest / prepared.filename
        if prepared.repaired is None:
            shutil.copyfile(prepared.original, target)
        else:
            nbformat.write(prepared.repaired, target)
    for path in check.kept_files:
        relative = path.relative_to(check.folder)
        (dest / relative).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, dest / relative)
    for path in check.released_files:
        shutil.copyfile(path, dest / path.name)
    return dest


def released_files(course_dir: Path, assignment_id: str, release_directory: str = "release") -> dict[str, Path]:
    """The files nbgrader released beside the notebooks (widget content, templates): name → path."""
    folder = Path(course_dir) / release_directory / assignment_id
    if not folder.is_dir():
        return {}
    return {p.name: p for p in sorted(folder.iterdir()) if p.is_file() and p.suffix != ".ipynb"}
