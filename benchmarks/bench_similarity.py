"""Time `casp similarity`: 40 learners × 20 assignments × 3 written criteria, and the course's own notebooks.

Part 1 compares synthetic answers of 400 words, drawn from the vocabulary of the course's model answers with
a Zipf law, every assignment and criterion as `casp similarity` does (TF-IDF, cosine, shared passages), with
three planted copies per criterion so that shared passages are computed too. Part 2 writes the submitted
copies of 40 demo learners for every assignment of the catalogue (fill_notebook, in the learners' own words as
the demo writes them) in a scratch folder, then times `assignment_similarity` on them, notebook reading
included, and counts the false positives: every copy there is honest, so every flagged pair is one. Prints one
JSON object.

    .venv/bin/python benchmarks/bench_similarity.py [--learners 40] [--assignments 20]
"""
from __future__ import annotations

import argparse
import copy
import json
import re
import tempfile
import time
import zlib
from pathlib import Path

import nbformat
import numpy as np

from course.catalogue import load_catalogue
from course.demo.cohort import fill_notebook, make_cohort, quality_for, sentence_banks
from course.grading.similarity import (
    MIN_WORDS, MODEL, SOLUTION_RE, _cell_sources, assignment_similarity, compare_answers, own_words,
)

REPO = Path(__file__).resolve().parents[1]
WORDS_PER_ANSWER = 400
CRITERIA = 3


def vocabulary(catalogue) -> list[str]:
    words: set[str] = set()
    for assignment in catalogue.assignments.values():
        for notebook in assignment.notebooks:
            text = "\n".join(SOLUTION_RE.findall(catalogue.source_notebook(assignment, notebook).read_text("utf-8")))
            words |= set(re.findall(r"\w+", text.lower()))
    return sorted(words)


def synthetic(learners: int, assignments: int, words: list[str]) -> float:
    rng = np.random.default_rng(7426)
    weights = 1 / np.arange(1, len(words) + 1)
    weights /= weights.sum()
    started = time.perf_counter()
    flagged = 0
    for assignment in range(assignments):
        for criterion in range(CRITERIA):
            texts = {f"apprenant{i:02d}": " ".join(rng.choice(words, size=WORDS_PER_ANSWER, p=weights))
                     for i in range(learners)}
            for copier, original in ((1, 0), (3, 2), (5, 4)):
                texts[f"apprenant{copier:02d}"] = texts[f"apprenant{original:02d}"]
            answers = {learner: own_words(text, "", "") for learner, text in texts.items()}
            flagged += len(compare_answers(answers, None, assignment_id=str(assignment), criterion_id=str(criterion)))
    assert flagged == assignments * CRITERIA * 3, flagged
    return time.perf_counter() - started


def judged_pairs(root: Path, catalogue, assignment) -> tuple[int, int]:
    """(pairs of learners, learners with the model) that `assignment_similarity` compares: answers of
    MIN_WORDS own words or more, per written criterion."""
    between, with_model = 0, 0
    for notebook in assignment.notebooks:
        released = _cell_sources(nbformat.read(REPO / "release" / assignment.id / notebook, as_version=4))
        copies = [_cell_sources(nbformat.read(path, as_version=4))
                  for path in sorted(root.glob(f"*/{assignment.id}/{notebook}"))]
        for criterion in assignment.rubric:
            grade_id = criterion.grade_ids[0]
            if criterion.kind != "ecrit" or grade_id not in released:
                continue
            judged = sum(len(own_words(cells.get(grade_id, ""), released[grade_id], "").words) >= MIN_WORDS
                         for cells in copies)
            between += judged * (judged - 1) // 2
            with_model += judged
    return between, with_model


def on_notebooks(learners: int, catalogue) -> dict:
    cohort = make_cohort(learners)
    banks = sentence_banks(catalogue)
    with tempfile.TemporaryDirectory(dir="/var/tmp") as scratch:
        root = Path(scratch)
        for assignment in catalogue.assignments.values():
            for notebook in assignment.notebooks:
                released = nbformat.read(REPO / "release" / assignment.id / notebook, as_version=4)
                source = nbformat.read(catalogue.source_notebook(assignment, notebook), as_version=4)
                for learner in cohort:
                    seed = zlib.crc32(f"{learner.id}/{assignment.id}".encode())
                    path = root / learner.id / assignment.id / notebook
                    path.parent.mkdir(parents=True, exist_ok=True)
                    nbformat.write(fill_notebook(copy.deepcopy(released), source, quality_for(learner, assignment.id),
                                                 seed, own_words=banks[assignment.id]), path)
        started = time.perf_counter()
        flagged = [pair for assignment in catalogue.assignments.values()
                   for pair in assignment_similarity(catalogue, assignment, root)]
        seconds = time.perf_counter() - started
        between, with_model = map(sum, zip(*(judged_pairs(root, catalogue, a) for a in catalogue.assignments.values())))
        false_between = sum(pair.second != MODEL for pair in flagged)
        false_model = len(flagged) - false_between
        return {"apprenants": learners, "devoirs": len(catalogue.assignments), "secondes": round(seconds, 2),
                "secondes_par_devoir": round(seconds / len(catalogue.assignments), 2),
                "paires_comparees": between, "paires_signalees": false_between,
                "taux_faux_positifs": round(false_between / max(between, 1), 4),
                "comparaisons_au_corrige": with_model, "signalees_au_corrige": false_model}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=40)
    parser.add_argument("--assignments", type=int, default=20)
    args = parser.parse_args()
    catalogue = load_catalogue(REPO)
    seconds = synthetic(args.learners, args.assignments, vocabulary(catalogue))
    print(json.dumps({
        "synthetique": {"apprenants": args.learners, "devoirs": args.assignments, "criteres_par_devoir": CRITERIA,
                        "mots_par_reponse": WORDS_PER_ANSWER, "secondes": round(seconds, 2)},
        "notebooks_du_cours": on_notebooks(args.learners, catalogue),
    }, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
