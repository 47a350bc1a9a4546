"""Competence profile: one level per learner and competence, aggregated over every criterion
that assesses it, across all modalities, with the evidence it rests on."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..rubric import LEVEL_KEYS, LEVEL_LABELS
from .results import CriterionResult


@dataclass(frozen=True)
class Evidence:
    assignment_id: str
    modality: str
    criterion_id: str
    level: str
    points: float
    max_points: float


@dataclass
class CompetenceLevel:
    student_id: str
    competence_id: str
    evidence: list[Evidence] = field(default_factory=list)

    @property
    def score(self) -> float | None:
        """Mean level index (0 = non acquis … 3 = maîtrisé), weighted by each criterion's points."""
        weight = sum(e.max_points for e in self.evidence)
        if not weight:
            return None
        return sum(LEVEL_KEYS.index(e.level) * e.max_points for e in self.evidence) / weight

    @property
    def level(self) -> str | None:
        """The level nearest the weighted mean (halves round up)."""
        score = self.score
        return None if score is None else LEVEL_KEYS[min(int(score + 0.5), len(LEVEL_KEYS) - 1)]

    @property
    def level_label(self) -> str:
        return LEVEL_LABELS[self.level] if self.level else "Non évaluée"

    @property
    def evidence_text(self) -> str:
        return " ; ".join(f"{e.criterion_id} {LEVEL_LABELS[e.level].lower()}" for e in self.evidence)


def competence_profile(rows: list[CriterionResult], competence_ids: list[str],
                       student_ids: list[str]) -> dict[str, dict[str, CompetenceLevel]]:
    """student → competence → aggregated level (criteria still awaiting a manual mark are left out)."""
    profile = {sid: {cid: CompetenceLevel(sid, cid) for cid in competence_ids} for sid in student_ids}
    for row in rows:
        if row.needs_manual_grade or row.student_id not in profile:
            continue
        for competence in row.competences.split():
            if competence in profile[row.student_id]:
                profile[row.student_id][competence].evidence.append(
                    Evidence(row.assignment_id, row.modality, row.criterion_id, row.level, row.points, row.max_points)
                )
    return profile
