"""A simulated grader: gives each written answer and oral part a rubric level, as a trainer would.

Written answers are read against the model answer: parts present and length; personal
data costs one level, because confidentiality is part of the profession. Oral parts
follow the learner's usual quality (the jury's marks would come from the oral itself); so do productions,
except that a production cell that stops on an error has produced nothing and is « non acquis ».
"""
from __future__ import annotations

from dataclasses import dataclass

import zlib

import nbformat
import numpy as np

from ..catalogue import Assignment
from ..learner.selfcheck import analyser_reponse
from ..rubric import LEVEL_KEYS, Criterion

ORAL_LEVEL = {"vide": "non_acquis", "partiel": "en_cours", "bon": "acquis", "excellent": "maitrise"}


def oral_level(quality: str, key: str) -> str:
    """The jury's level at an oral: the learner's usual quality, one level up or down one time in four."""
    index = LEVEL_KEYS.index(ORAL_LEVEL[quality])
    draw = np.random.default_rng(zlib.crc32(key.encode())).random()
    if draw < 0.125:
        index -= 1
    elif draw > 0.875:
        index += 1
    return LEVEL_KEYS[min(max(index, 0), len(LEVEL_KEYS) - 1)]


@dataclass(frozen=True)
class ManualMark:
    notebook_id: str
    grade_id: str
    points: float
    comment: str


def written_level(criterion: Criterion, answer: str, model: str) -> tuple[str, str]:
    """Level key and French comment for one written answer, read against the model answer."""
    writing = criterion.writing
    analysis = analyser_reponse(answer, writing.words, writing.parts)
    model_words = analyser_reponse(model, writing.words, writing.parts).nb_mots
    present = len(analysis.parties_presentes)
    ratio = analysis.nb_mots / max(model_words, 1)
    if present == 0:
        level = 0
    elif analysis.parties_manquantes or ratio < 0.55:
        level = 1
    elif ratio < 0.9:
        level = 2
    else:
        level = 3
    if analysis.donnees_personnelles and level > 0:
        level -= 1
    key = LEVEL_KEYS[level]
    scale = {lvl.key: lvl for lvl in criterion.scale}
    comment = f"{scale[key].label} : {scale[key].descriptor}"
    if analysis.problemes:
        comment += " À reprendre : " + " ".join(analysis.problemes)
    return key, comment


def _failed(cell) -> bool:
    """Whether an executed code cell stopped on an error (an unanswered production cell does)."""
    return any(output.get("output_type") == "error" for output in cell.get("outputs", []))


def mark_submission(assignment: Assignment, autograded: dict[str, nbformat.NotebookNode],
                    sources: dict[str, nbformat.NotebookNode], quality: str, student_id: str,
                    should_mark=lambda criterion: True) -> list[ManualMark]:
    """Manual marks for the ecrit and oral criteria of one learner's submission that `should_mark` accepts."""
    marks = []
    for name, notebook in autograded.items():
        models = {
            cell.metadata.get("nbgrader", {}).get("grade_id"): cell.source for cell in sources[name].cells
        }
        for cell in notebook.cells:
            grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
            criterion = assignment.grade_ids.get(grade_id)
            if criterion is None or criterion.kind == "auto" or not should_mark(criterion):
                continue
            if criterion.kind == "ecrit":
                key, comment = written_level(criterion, cell.source, models[grade_id])
            elif criterion.kind == "production" and _failed(cell):
                key = "non_acquis"
                level = next(lvl for lvl in criterion.scale if lvl.key == key)
                comment = (f"{level.label} : la cellule de la production ({criterion.production.objet}) s'arrête sur "
                           f"une erreur, rien n'a été produit. {level.descriptor}")
            else:  # orals and productions: a level drawn from the quality of the work (simulated)
                key = oral_level(quality, f"{student_id}/{assignment.id}/{grade_id}")
                level = next(lvl for lvl in criterion.scale if lvl.key == key)
                who = "Jury (oral simulé)" if criterion.kind == "oral" else "Correction simulée de la production"
                comment = f"{who} — {level.label} : {level.descriptor}"
            points = next(lvl.points for lvl in criterion.scale if lvl.key == key)
            marks.append(ManualMark(name.removesuffix(".ipynb"), grade_id, points, comment))
    return marks
