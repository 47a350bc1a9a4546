"""The synthetic cohort: 24 fictional learners whose work ranges from blank to excellent.

Submissions are derived from the source notebooks (the model answers), degraded
according to each learner's quality for each assignment, so that nothing is typed twice.
"""
from __future__ import annotations

import re
import zlib
from dataclasses import dataclass

import nbformat
import numpy as np

from .voices import SentenceBank, sentence_bank, sentences as split_sentences

QUALITIES = ("vide", "partiel", "bon", "excellent")
QUALITY_LABELS = {"vide": "copie blanche", "partiel": "travail partiel", "bon": "bon travail", "excellent": "excellent travail"}
COHORT_SEED = 7426

FIRST_NAMES = [
    "Amina", "Bastien", "Chloé", "Djibril", "Élodie", "Farid", "Gaëlle", "Hugo", "Inès", "Jérôme", "Karima", "Léo",
    "Maëlys", "Nicolas", "Océane", "Patrick", "Rania", "Sébastien", "Thi Hoa", "Ulysse", "Valérie", "Wassim",
    "Yasmine", "Zoé", "Anaïs", "Baptiste", "Coralie", "Damien",
]
LAST_NAMES = [
    "Abadie", "Benhamou", "Carpentier", "Diallo", "Esnault", "Fontaine", "Guérin", "Hoarau", "Idrissi", "Joly",
    "Kervella", "Lemaire", "Martins", "N'Diaye", "Ollivier", "Perrot", "Quéré", "Rousseau", "Salvi", "Tran",
    "Urbain", "Vasseur", "Weber", "Yilmaz", "Zapata", "Arnaud", "Bouvier", "Collin",
]

SOLUTION_RE = re.compile(r"<!-- BEGIN SOLUTION -->\n(.*?)\n<!-- END SOLUTION -->", re.S)
CODE_SOLUTION_RE = re.compile(r"### BEGIN SOLUTION\n(.*?)\n### END SOLUTION", re.S)


@dataclass(frozen=True)
class Learner:
    id: str
    first_name: str
    last_name: str
    email: str
    ability: float  # 0 … 3, the learner's usual quality


def make_cohort(size: int = 24, seed: int = COHORT_SEED) -> list[Learner]:
    """Fictional learners spread evenly over abilities (a few blank, most partial to excellent)."""
    rng = np.random.default_rng(seed)
    abilities = np.linspace(0.2, 3.0, size)
    rng.shuffle(abilities)
    learners = []
    for index in range(size):
        first = FIRST_NAMES[index % len(FIRST_NAMES)]
        last = LAST_NAMES[(index * 7) % len(LAST_NAMES)]
        learner_id = f"apprenant{index + 1:02d}"
        learners.append(Learner(learner_id, first, last, f"{learner_id}@formation.example", float(abilities[index])))
    return learners


def quality_for(learner: Learner, assignment_id: str, seed: int = COHORT_SEED) -> str:
    """The quality of one learner's work on one assignment: ability plus a stable, seeded variation."""
    key = zlib.crc32(f"{learner.id}/{assignment_id}".encode())
    noise = np.random.default_rng(seed + key).normal(0, 0.45)
    return QUALITIES[int(np.clip(round(learner.ability + noise), 0, 3))]


def _shorten(text: str, share: float, rng: np.random.Generator) -> str:
    """Keep about `share` of the sentences, in order, always at least the first."""
    sentences = split_sentences(text)
    keep = max(1, round(len(sentences) * share))
    chosen = sorted([0] + list(rng.choice(np.arange(1, len(sentences)), size=keep - 1, replace=False))) if len(sentences) > 1 and keep > 1 else [0]
    return " ".join(sentences[i] for i in chosen)


def model_answers(source: nbformat.NotebookNode) -> dict[str, object]:
    """grade_id → model code (str) or model text per part (list of str), from a source notebook."""
    answers: dict[str, object] = {}
    for cell in source.cells:
        meta = cell.metadata.get("nbgrader", {})
        if not meta.get("solution"):
            continue
        if cell.cell_type == "code":
            answers[meta["grade_id"]] = "\n".join(CODE_SOLUTION_RE.findall(cell.source))
        else:
            answers[meta["grade_id"]] = SOLUTION_RE.findall(cell.source)
    return answers


def sentence_banks(catalogue) -> dict[str, SentenceBank]:
    """assignment id → the sentences its learners write in their own words (voices.sentence_bank)."""
    texts: dict[str, list[str]] = {}
    for assignment in catalogue.assignments.values():
        for notebook in assignment.notebooks:
            source = nbformat.read(catalogue.source_notebook(assignment, notebook), as_version=4)
            texts.setdefault(assignment.id, []).extend(
                part for model in model_answers(source).values() if isinstance(model, list) for part in model)
    return {assignment_id: sentence_bank(texts, exclude=assignment_id) for assignment_id in texts}


def fill_notebook(released: nbformat.NotebookNode, source: nbformat.NotebookNode, quality: str, seed: int,
                  own_words: SentenceBank | None = None) -> nbformat.NotebookNode:
    """A learner's copy of `released` completed at the given quality.

    Written answers take the model's parts and a share of its length. Given `own_words`, the cohort's
    sentence bank (voices.sentence_bank, which remembers what other learners wrote), they are worded in the
    learner's own voice with the same word counts, so the same levels, as distinct copies are; without it
    they are the model's own sentences (what tests of a full-marks copy need).
    """
    rng = np.random.default_rng(seed)
    voice = np.random.default_rng([seed, 1])  # a stream of its own: the shares and parts drawn stay the same
    answers = model_answers(source)
    code_ids = [gid for gid, model in answers.items() if isinstance(model, str)]
    if quality == "excellent":
        done_code = set(code_ids)
    elif quality == "bon":
        done_code = set(code_ids) - set(rng.choice(code_ids, size=min(1, len(code_ids)), replace=False))
    elif quality == "partiel":
        done_code = set(code_ids[: len(code_ids) // 2])
    else:
        done_code = set()
    # Share of the model's sentences a learner writes, drawn per answer so that criteria differ.
    share_range = {"excellent": (0.9, 1.0), "bon": (0.5, 0.95), "partiel": (0.25, 0.5), "vide": (0.0, 0.0)}[quality]
    for cell in released.cells:
        meta = cell.metadata.get("nbgrader", {})
        grade_id = meta.get("grade_id")
        if not meta.get("solution") or grade_id not in answers:
            continue
        model = answers[grade_id]
        if cell.cell_type == "code":
            if grade_id in done_code:
                cell.source = model
        elif quality != "vide":
            parts = iter(model)
            share = float(rng.uniform(*share_range))
            filled_parts = len(model) if quality != "partiel" else int(rng.integers(1, len(model) + 1))
            lines, index = [], 0
            for line in cell.source.split("\n"):
                if line.strip() == "_Écrivez votre réponse ici._":
                    text = next(parts)
                    if index < filled_parts:
                        written = _shorten(text, share, rng)
                        if own_words is not None:
                            written = own_words.rewrite(written, grade_id, voice)
                        lines.append(written)
                    else:
                        lines.append(line)
                    index += 1
                else:
                    lines.append(line)
            cell.source = "\n".join(lines)
    return released
