"""The demo's copies in their learners' own words: same word counts and levels, distinct texts, one planted copy."""
from __future__ import annotations

import copy
import tempfile
import zlib
from pathlib import Path

import nbformat
import numpy as np
import pytest

from course.catalogue import load_catalogue
from course.demo.cohort import fill_notebook, make_cohort, quality_for, sentence_banks
from course.demo.voices import SentenceBank
from course.demo.copied import PlantedCopy, choose_planted_copy, plant_copy, reordered
from course.demo.marker import written_level
from course.grading.similarity import MODEL, assignment_similarity
from course.learner.selfcheck import compter_mots

REPO = Path(__file__).resolve().parents[1]
ASSIGNMENT = "m13_cas_accueil_orientation"


@pytest.fixture(scope="module")
def catalogue():
    return load_catalogue(REPO)


@pytest.fixture(scope="module")
def banks(catalogue):
    return sentence_banks(catalogue)


def test_a_bank_holds_the_other_cases_sentences_only(catalogue, banks):
    assignment = catalogue.assignment(ASSIGNMENT)
    own_model = "\n".join(cell.source for name in assignment.notebooks
                          for cell in nbformat.read(catalogue.source_notebook(assignment, name), as_version=4).cells)
    assert len(banks[ASSIGNMENT].sentences) > 300
    assert not [sentence for sentence in banks[ASSIGNMENT].sentences if sentence in own_model]


@pytest.mark.parametrize("words", [1, 4, 9, 31, 120, 260])
def test_own_words_keep_the_exact_word_count(banks, words):
    text = " ".join(["mot"] * words)
    rewritten = banks[ASSIGNMENT].rewrite(text, "essai", np.random.default_rng(words))
    assert compter_mots(rewritten) == words
    assert "mot mot" not in rewritten


def test_a_sentence_serves_one_learner_per_answer_cell_until_the_bank_runs_short():
    bank = SentenceBank([f"Phrase numéro {n} du texte." for n in range(80)])  # 5 words each
    rng = np.random.default_rng(3)
    first, second = (bank.rewrite(" ".join(["mot"] * 100), "cellule", rng) for _ in range(2))
    assert compter_mots(first) == compter_mots(second) == 100
    assert not set(first.split(". ")) & set(second.split(". "))
    third = bank.rewrite(" ".join(["mot"] * 100), "cellule", rng)  # the last 40 sentences: one pool (POOL)
    assert len(bank.used["cellule"]) == 60 and not set(third.split(". ")) & set(first.split(". "))
    fourth = bank.rewrite(" ".join(["mot"] * 100), "cellule", rng)  # 20 left, fewer than a pool: all serve again
    assert compter_mots(fourth) == 100 and len(bank.used["cellule"]) == 20


def test_copies_in_own_words_get_the_same_levels_as_the_models_sentences(catalogue, banks):
    assignment = catalogue.assignment(ASSIGNMENT)
    name = assignment.notebooks[0]
    released = nbformat.read(REPO / "release" / ASSIGNMENT / name, as_version=4)
    source = nbformat.read(catalogue.source_notebook(assignment, name), as_version=4)
    models = {cell.metadata.get("nbgrader", {}).get("grade_id"): cell.source for cell in source.cells}
    compared = 0
    for quality in ("partiel", "bon", "excellent"):
        plain = fill_notebook(copy.deepcopy(released), source, quality, 11)
        own = fill_notebook(copy.deepcopy(released), source, quality, 11, own_words=banks[ASSIGNMENT])
        for before, after in zip(plain.cells, own.cells):
            criterion = assignment.grade_ids.get(before.metadata.get("nbgrader", {}).get("grade_id"))
            if criterion is None or criterion.kind != "ecrit":
                continue
            model = models[criterion.grade_ids[0]]
            assert written_level(criterion, after.source, model) == written_level(criterion, before.source, model)
            assert compter_mots(after.source) == compter_mots(before.source)
            assert after.source != before.source
            compared += 1
    assert compared == 3 * sum(c.kind == "ecrit" for c in assignment.rubric)


def test_reordering_swaps_the_first_two_sentences_of_each_answer_line():
    text = "## Analyse\nPremière phrase. Deuxième phrase. Troisième.\nSeule phrase."
    assert reordered(text) == "## Analyse\nDeuxième phrase. Première phrase. Troisième.\nSeule phrase."


def test_the_planted_copy_is_chosen_among_good_work_of_a_certification_assignment(catalogue):
    assert choose_planted_copy(catalogue, make_cohort(24), quality_for) == PlantedCopy(
        "m13_cas_accueil_orientation", "M1.3-B", "ecrit_redaction_cas", "apprenant05", "apprenant07")
    assert choose_planted_copy(catalogue, make_cohort(4), quality_for) == PlantedCopy(
        "m11_recit_de_vie", "M1.1-C", "redaction_recit_de_vie", "apprenant02", "apprenant03")
    assert choose_planted_copy(catalogue, make_cohort(4), lambda learner, assignment_id: "partiel") is None


def test_on_twelve_demo_learners_only_the_planted_copy_is_flagged(catalogue, banks):
    """The false-positive rate on the demo's distinct texts, on one assignment (benchmarks/bench_similarity.py
    measures it on every assignment): no honest pair reaches the threshold, the planted copy does."""
    assignment = catalogue.assignment(ASSIGNMENT)
    cohort = make_cohort(12)
    planted = choose_planted_copy(catalogue, cohort, quality_for)
    with tempfile.TemporaryDirectory(dir="/var/tmp") as scratch:
        root = Path(scratch)
        for name in assignment.notebooks:
            released = nbformat.read(REPO / "release" / ASSIGNMENT / name, as_version=4)
            source = nbformat.read(catalogue.source_notebook(assignment, name), as_version=4)

            def filled(learner):
                seed = zlib.crc32(f"{learner.id}/{ASSIGNMENT}/0".encode())
                return fill_notebook(copy.deepcopy(released), source, quality_for(learner, ASSIGNMENT), seed,
                                     own_words=banks[ASSIGNMENT])

            written = {}
            for learner in cohort:
                notebook = written[learner.id] = filled(learner)  # in cohort order: the source comes first
                if learner.id == planted.copier:
                    notebook = plant_copy(notebook, written[planted.source], planted.grade_id)
                path = root / learner.id / ASSIGNMENT / name
                path.parent.mkdir(parents=True)
                nbformat.write(notebook, path)
        pairs = assignment_similarity(catalogue, assignment, root)
    assert [(p.criterion_id, p.first, p.second) for p in pairs] == [("M1.3-B", planted.source, planted.copier)], pairs
    assert pairs[0].score >= 0.9 and MODEL not in (pairs[0].first, pairs[0].second)
