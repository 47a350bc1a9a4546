"""Similarity between copies: written answers too close to another learner's, or to the model answer.

For each written criterion (`kind: ecrit`) of an assignment, every learner's answer cell is read from
nbgrader's submitted copies, and stripped of what the learner did not write:

- the lines the released cell already holds (part headings, the « _Écrivez votre réponse ici._ » line);
- runs of QUOTED_RUN words or more that the released notebook contains (the case, the prompt);
- quotations « … » taken word for word from the released notebook, however short.

What is left is compared with scikit-learn's TF-IDF on word 1–3-grams and cosine similarity, pair by pair
and with the model answer (the solution text of the source notebook: a copied model answer is a leak).
The shared passages shown to the jury are the runs of at least SHARED_RUN words two texts have in
common, wherever they stand in each text.
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

import nbformat
from .. import CourseError
from ..catalogue import Assignment, Catalogue
from ..config import load_config
from ..formatting import decimal_fr
from .team_copies import submission_folder

# Cosine similarity of TF-IDF word 1–3-grams at or above which a pair is flagged. Measured in
# tests/test_similarity.py on answers about the same case (Martine, M1.1-D): independent answers, which share
# the case's names and vocabulary, score at most 0.08; a copy with its sentences reordered 0.92, with a few
# words changed 0.84, with half of it rewritten 0.44. 0.30 is nearly four times the highest independent score
# and still flags a copy of which half is taken from another.
SIMILARITY_THRESHOLD = 0.30
MIN_WORDS = 30  # fewer words of the learner's own (blank, a few lines): too short to judge, left out
QUOTED_RUN = 6  # runs of this many words found in the released notebook are the case's text, not the learner's
SHARED_RUN = 8  # shared passages reported to the jury: runs of at least this many words in common
MODEL = "corrigé"  # the model answer, named as the second copy of a pair
PLACEHOLDER_RE = re.compile(r"<!--.*?-->", re.S)
WORD_RE = re.compile(r"\w+(?:[-’']\w+)*", re.U)
QUOTATION_RE = re.compile(r"«([^«»]*)»")
SOLUTION_RE = re.compile(r"<!-- BEGIN SOLUTION -->\n?(.*?)\n?<!-- END SOLUTION -->", re.S)
CSV_COLUMNS = ("devoir", "critère", "copie A", "copie B", "similarité", "passages communs")


@dataclass(frozen=True)
class Answer:
    """A learner's own words in one answer: normalised for comparison, and where each stands in `source`."""

    words: tuple[str, ...]
    source: str
    spans: tuple[tuple[int, int], ...]

    @property
    def text(self) -> str:
        return " ".join(self.words)


@dataclass(frozen=True)
class SimilarPair:
    assignment_id: str
    criterion_id: str
    first: str
    second: str  # a learner id, or MODEL
    score: float
    passages: tuple[str, ...]


def _normalise(word: str) -> str:
    return word.lower().replace("’", "'")


def _words(text: str) -> tuple[str, ...]:
    return tuple(_normalise(match.group(0)) for match in WORD_RE.finditer(text))


def own_words(answer: str, released_cell: str, supplied: str) -> Answer:
    """The words of `answer` the learner wrote: without the released cell's lines, nor the supplied text."""
    given = {line.strip() for line in released_cell.splitlines() if line.strip()}
    kept = "\n".join(line for line in PLACEHOLDER_RE.sub("", answer).splitlines() if line.strip() not in given)
    supplied_words = _words(supplied)
    supplied_text = f" {' '.join(supplied_words)} "

    def quoted_from_case(match: re.Match) -> str:
        inner = _words(match.group(1))
        return "« … »" if inner and f" {' '.join(inner)} " in supplied_text else match.group(0)

    text = QUOTATION_RE.sub(quoted_from_case, kept)
    matches = list(WORD_RE.finditer(text))
    words = tuple(_normalise(match.group(0)) for match in matches)
    runs = {supplied_words[i:i + QUOTED_RUN] for i in range(len(supplied_words) - QUOTED_RUN + 1)}
    drop = [False] * len(words)
    for start in range(len(words) - QUOTED_RUN + 1):
        if words[start:start + QUOTED_RUN] in runs:
            drop[start:start + QUOTED_RUN] = [True] * QUOTED_RUN
    keep = [i for i, dropped in enumerate(drop) if not dropped]
    return Answer(tuple(words[i] for i in keep), text, tuple(matches[i].span() for i in keep))


def shared_passages(first: Answer, second: Answer, minimum: int = SHARED_RUN) -> tuple[str, ...]:
    """The runs of at least `minimum` words of the first answer found in the second, in any order, as written.

    Sentences a copier moved about are still found: every run of `minimum` words of the first answer is
    looked up among the second's, and overlapping runs are merged into one passage.
    """
    runs = {second.words[i:i + minimum] for i in range(len(second.words) - minimum + 1)}
    covered = [False] * len(first.words)
    for start in range(len(first.words) - minimum + 1):
        if first.words[start:start + minimum] in runs:
            covered[start:start + minimum] = [True] * minimum
    passages, start = [], None
    for index, inside in enumerate([*covered, False]):
        if inside and start is None:
            start = index
        elif not inside and start is not None:
            passages.append(" ".join(first.source[first.spans[start][0]:first.spans[index - 1][1]].split()))
            start = None
    return tuple(passages)


def abridged(passage: str, words: int = 25) -> str:
    """A passage cut to its first `words` words for the terminal (the CSV keeps it whole)."""
    cut = passage.split()
    return passage if len(cut) <= words else " ".join(cut[:words]) + " […]"


def compare_answers(answers: dict[str, Answer], model: Answer | None, *, assignment_id: str, criterion_id: str,
                    threshold: float = SIMILARITY_THRESHOLD, teammates: frozenset = frozenset()) -> list[SimilarPair]:
    """Pairs of learners, and learners with the model answer, whose similarity reaches the threshold.

    Answers shorter than MIN_WORDS own words are left out, and so are the pairs in `teammates` (frozensets
    of two learners of one team, who hand in the same collective text by design). The IDF weights come from
    the answers to this criterion (and the model): words every learner uses on the case count little.
    """
    from sklearn.feature_extraction.text import TfidfVectorizer  # scikit-learn takes a second to import: only here
    from sklearn.metrics.pairwise import cosine_similarity

    judged = {learner: answer for learner, answer in sorted(answers.items()) if len(answer.words) >= MIN_WORDS}
    names = list(judged)
    documents = [judged[name].text for name in names]
    if model is not None and model.words:
        names.append(MODEL)
        documents.append(model.text)
    if len(documents) < 2:
        return []
    vectorizer = TfidfVectorizer(analyzer="word", token_pattern=r"\S+", ngram_range=(1, 3), sublinear_tf=True,
                                 lowercase=False)
    scores = cosine_similarity(vectorizer.fit_transform(documents))
    everyone = {**judged, MODEL: model}
    pairs = []
    for i, j in combinations(range(len(names)), 2):
        if frozenset((names[i], names[j])) in teammates:
            continue
        score = float(scores[i, j])
        if score + 1e-9 >= threshold:
            first, second = names[i], names[j]
            pairs.append(SimilarPair(assignment_id, criterion_id, first, second, round(score, 2),
                                     shared_passages(everyone[first], everyone[second])))
    return sorted(pairs, key=lambda pair: (-pair.score, pair.first, pair.second))


# --- reading the copies ---------------------------------------------------------------------------

def _read(path: Path) -> nbformat.NotebookNode:
    try:
        return nbformat.read(path, as_version=4)
    except Exception as exc:  # nbformat raises several kinds: unreadable JSON, bad schema
        raise CourseError(f"{path} : notebook illisible ({exc}).") from None


def _cell_sources(notebook: nbformat.NotebookNode) -> dict[str, str]:
    """grade_id → cell source, for the graded cells of a notebook."""
    return {cell.metadata["nbgrader"]["grade_id"]: cell.source for cell in notebook.cells
            if cell.metadata.get("nbgrader", {}).get("grade_id")}


def _release_dir(catalogue: Catalogue) -> Path:
    settings = load_config(catalogue.course_dir).CourseDirectory
    return catalogue.course_dir / str(settings.release_directory if "release_directory" in settings else "release")


def _teammates(catalogue: Catalogue, assignment: Assignment) -> frozenset:
    """Pairs of learners in one team for the assignment (casp teams import), when it has collective writings.

    A gradebook not created yet has no teams: it is not created here either."""
    if not any(criterion.collective and criterion.kind == "ecrit" for criterion in assignment.rubric):
        return frozenset()
    db_url = load_config(catalogue.course_dir).CourseDirectory.db_url
    if db_url.startswith("sqlite:///") and not Path(db_url.removeprefix("sqlite:///")).is_file():
        return frozenset()
    from .teams import roster_from_db  # teams imports the gradebook layer: only for collective work

    teams = roster_from_db(db_url).teams.get(assignment.id, {})
    return frozenset(frozenset(pair) for members in teams.values() for pair in combinations(members, 2))


def assignment_similarity(catalogue: Catalogue, assignment: Assignment, submitted_root: Path | None = None,
                          threshold: float = SIMILARITY_THRESHOLD) -> list[SimilarPair]:
    """Flagged pairs of one assignment, over every learner's submitted copy.

    `submitted_root` holds `<learner>/<assignment>/<notebook>`: nbgrader's submitted folder by default.
    """
    written = [criterion for criterion in assignment.rubric if criterion.kind == "ecrit"]
    if submitted_root is None:
        submitted_root = submission_folder(catalogue.course_dir, "_", assignment.id).parent.parent
    learners = sorted(p.name for p in Path(submitted_root).iterdir()
                      if (p / assignment.id).is_dir()) if Path(submitted_root).is_dir() else []
    pairs: list[SimilarPair] = []
    release = _release_dir(catalogue)
    teammates = _teammates(catalogue, assignment)
    for notebook in assignment.notebooks:
        released_path = release / assignment.id / notebook
        source_path = catalogue.source_notebook(assignment, notebook)
        for path in (released_path, source_path):
            if not path.is_file():
                raise CourseError(f"{path} : notebook introuvable ; lancez « casp build » puis « casp release "
                                  f"{assignment.id} ».")
        released_notebook = _read(released_path)
        released, source = _cell_sources(released_notebook), _cell_sources(_read(source_path))
        supplied = "\n".join(cell.source for cell in released_notebook.cells)
        copies = {learner: _cell_sources(_read(path)) for learner in learners
                  if (path := Path(submitted_root) / learner / assignment.id / notebook).is_file()}
        for criterion in written:
            grade_id = criterion.grade_ids[0]
            if grade_id not in released:
                continue
            cell = released[grade_id]
            answers = {learner: own_words(cells[grade_id], cell, supplied)
                       for learner, cells in copies.items() if grade_id in cells}
            model_text = "\n".join(SOLUTION_RE.findall(source.get(grade_id, "")))
            model = own_words(model_text, cell, supplied) if model_text else None
            pairs += compare_answers(answers, model, assignment_id=assignment.id, criterion_id=criterion.id,
                                     threshold=threshold, teammates=teammates if criterion.collective else frozenset())
    return pairs


def write_similarity_csv(path: Path, pairs: list[SimilarPair]) -> Path:
    """The jury's sheet: one row per flagged pair, « ; »-separated, UTF-8 with BOM as Excel expects."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(CSV_COLUMNS)
        for pair in pairs:
            writer.writerow([pair.assignment_id, pair.criterion_id, pair.first, pair.second, decimal_fr(pair.score),
                             " | ".join(pair.passages)])
    return path


def threshold_from_text(text: str) -> float:
    """A threshold typed by a trainer (« 0,4 » or « 0.4 »), strictly between 0 and 1 inclusive."""
    try:
        value = float(text.strip().replace(",", "."))
    except ValueError:
        raise CourseError(f"Seuil « {text} » : nombre attendu, par exemple 0,4.") from None
    if not 0 < value <= 1:
        raise CourseError(f"Seuil « {text} » : une similarité cosinus va de 0 à 1 ; choisissez un seuil dans ]0 ; 1].")
    return value


def cohort_similarity(catalogue: Catalogue, threshold: float = SIMILARITY_THRESHOLD) -> dict[str, list[SimilarPair]]:
    """assignment id → its flagged pairs, for the assignments with written criteria and copies.

    What `casp review`, the dashboard and the jury's sheet show: an assignment not released yet (no release/
    notebook) is left out rather than stopping them; `casp similarity` says what is missing.
    """
    found = {}
    release = _release_dir(catalogue)
    for assignment in catalogue.assignments.values():
        if not any(criterion.kind == "ecrit" for criterion in assignment.rubric):
            continue
        if not all((release / assignment.id / notebook).is_file() for notebook in assignment.notebooks):
            continue
        root = submission_folder(catalogue.course_dir, "_", assignment.id).parent.parent
        if root.is_dir() and any((p / assignment.id).is_dir() for p in root.iterdir()):
            found[assignment.id] = assignment_similarity(catalogue, assignment, root, threshold)
    return found


def flagged_pairs_by_assignment(catalogue: Catalogue, threshold: float = SIMILARITY_THRESHOLD
                                ) -> dict[str, int]:
    """assignment id → how many pairs are flagged (cohort_similarity), for `casp review`."""
    return {assignment_id: len(pairs) for assignment_id, pairs in cohort_similarity(catalogue, threshold).items()}
