"""Everything the reports need about a cohort, read once from the gradebook."""
from __future__ import annotations

from dataclasses import dataclass, field

from nbgrader.api import Gradebook
from sqlalchemy import select

from ..catalogue import Catalogue
from .autograde_statuses import AutogradeStatus, load_statuses
from .blocs import BlocDecision, decide_blocs
from .deadlines import LateCopy, late_submissions
from .deliberation import apply_locked
from .profile import CompetenceLevel, competence_profile
from .results import CriterionResult, cohort_results
from .review import Flag, review
from .store import jury_remarks, open_store


@dataclass(frozen=True)
class LearnerInfo:
    id: str
    first_name: str
    last_name: str
    email: str

    @property
    def name(self) -> str:
        return " ".join(part for part in (self.first_name, self.last_name) if part) or self.id


@dataclass
class CohortData:
    catalogue: Catalogue
    learners: list[LearnerInfo]
    rows: list[CriterionResult]
    profile: dict[str, dict[str, CompetenceLevel]]
    decisions: list[BlocDecision]
    flags: list[Flag]
    remarks: dict[str, str] = field(default_factory=dict)
    # (apprenant, devoir) → outcome of the last `casp autograde` batch (autograded/statuts_<devoir>.csv)
    autograde: dict[tuple[str, str], AutogradeStatus] = field(default_factory=dict)
    # (apprenant, devoir) → copy handed in after its due date + extension (deadlines.late_submissions)
    late: dict[tuple[str, str], LateCopy] = field(default_factory=dict)

    def rows_of(self, student_id: str) -> list[CriterionResult]:
        return [r for r in self.rows if r.student_id == student_id]

    def decisions_of(self, student_id: str) -> list[BlocDecision]:
        return [d for d in self.decisions if d.student_id == student_id]


def load_cohort(catalogue: Catalogue, db_url: str) -> CohortData:
    with Gradebook(db_url) as gradebook:
        learners = [
            LearnerInfo(s.id, s.first_name or "", s.last_name or "", s.email or "")
            for s in sorted(gradebook.students, key=lambda s: s.id)
        ]
    ids = [learner.id for learner in learners]
    rows = cohort_results(catalogue, db_url)
    late = late_submissions(db_url)
    with open_store(db_url).connect() as connection:
        remarks = {r.student_id: r.remark for r in connection.execute(select(jury_remarks))}
        # once a procès-verbal is issued, the jury's locked decisions replace the computed ones
        decisions = apply_locked(connection, decide_blocs(catalogue, rows, ids))
    return CohortData(
        catalogue=catalogue,
        learners=learners,
        rows=rows,
        profile=competence_profile(rows, list(catalogue.referential.competences), ids),
        decisions=decisions,
        flags=review(catalogue, rows, ids, late),
        remarks=remarks,
        autograde=load_statuses(catalogue.course_dir, list(catalogue.assignments)),
        late=late,
    )
