"""Bloc validation, following RNCP logic: each bloc is decided on its own, with its reason."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..catalogue import Catalogue
from ..formatting import mark_fr
from ..rubric import mark_out_of_20
from .results import CriterionResult

# How reasons name the criteria that may not be « non acquis » (see BlocRule.no_non_acquis).
NON_ACQUIS_WORDS = {"ecrit_oral": "écrit ou oral ", "all": "", "none": ""}

DECISION_LABELS = {
    "acquis": "Acquis",
    "non_acquis": "Non acquis",
    "en_attente": "En attente",
    "non_evalue": "Non évalué",
}


@dataclass
class BlocDecision:
    student_id: str
    bloc_id: str
    decision: str
    reasons: list[str] = field(default_factory=list)
    modality_marks: dict[str, float | None] = field(default_factory=dict)

    @property
    def label(self) -> str:
        return DECISION_LABELS[self.decision]

    @property
    def reason(self) -> str:
        return " ".join(self.reasons)


def modality_marks(rows: list[CriterionResult], student_id: str) -> dict[str, float]:
    """Modality → mark /20 for one learner (all graded criteria of the modality's assignments)."""
    totals: dict[str, list[float]] = {}
    for row in rows:
        if row.student_id == student_id and row.modality:
            entry = totals.setdefault(row.modality, [0.0, 0.0])
            entry[0] += row.points
            entry[1] += row.max_points
    return {modality: mark_out_of_20(points, maximum) for modality, (points, maximum) in totals.items()}


def decide_bloc(catalogue: Catalogue, rows: list[CriterionResult], student_id: str, bloc_id: str) -> BlocDecision:
    bloc = next(b for b in catalogue.referential.blocs if b.id == bloc_id)
    rule = catalogue.bloc_rules.for_bloc(bloc_id)
    modalities = [m.id for m in bloc.modalities]
    decision = BlocDecision(student_id, bloc_id, "non_evalue")
    if not any(catalogue.for_modality(m) for m in modalities):
        decision.reasons.append(f"Aucune modalité du bloc {bloc.number} n'est encore proposée dans le catalogue.")
        decision.modality_marks = {m: None for m in modalities}
        return decision

    own = [r for r in rows if r.student_id == student_id and r.modality in modalities]
    marks = modality_marks(own, student_id)
    decision.modality_marks = {m: marks.get(m) for m in modalities}
    pending = sorted({r.criterion_id for r in own if r.needs_manual_grade})
    missing = [m for m in modalities if m not in marks]
    if pending:
        decision.decision = "en_attente"
        decision.reasons.append(f"Correction manuelle à terminer : {', '.join(pending)}.")
        return decision
    failures: list[str] = []
    if missing:
        failures.append(f"Aucune note pour {', '.join(missing)} (copie non rendue ou modalité non évaluée).")
    present = {m: v for m, v in marks.items()}
    if rule.compensation.enabled and present:
        mean = sum(present.values()) / len(modalities)
        below_floor = [f"{m} ({mark_fr(v)})" for m, v in present.items() if v < rule.compensation.floor]
        if mean < rule.min_mark:
            failures.append(f"Moyenne des modalités {mark_fr(mean)} inférieure à {mark_fr(rule.min_mark)}.")
        if below_floor:
            failures.append(
                f"Modalité(s) sous le plancher de {mark_fr(rule.compensation.floor)} : {', '.join(below_floor)}."
            )
    else:
        below = [f"{m} ({mark_fr(v)})" for m, v in present.items() if v < rule.min_mark]
        if below:
            failures.append(f"Modalité(s) sous {mark_fr(rule.min_mark)} : {', '.join(below)}.")
    if rule.non_acquis_kinds:
        weak = [f"{r.criterion_id} ({r.modality})" for r in own
                if r.level == "non_acquis" and r.kind in rule.non_acquis_kinds]
        if weak:
            failures.append(f"Critère(s) {NON_ACQUIS_WORDS[rule.no_non_acquis]}non acquis : {', '.join(weak)}.")
    if failures:
        decision.decision = "non_acquis"
        decision.reasons = failures
    else:
        decision.decision = "acquis"
        detail = " ; ".join(f"{m} {mark_fr(v)}" for m, v in present.items())
        if rule.compensation.enabled:
            mean = sum(present.values()) / len(present)
            how = (f"moyenne {mark_fr(mean)} ≥ {mark_fr(rule.min_mark)} avec compensation, "
                   f"aucune modalité sous {mark_fr(rule.compensation.floor)}")
        else:
            how = f"chaque modalité ≥ {mark_fr(rule.min_mark)}"
        decision.reasons.append(
            f"Toutes les modalités sont évaluées ({detail}) ; {how}"
            + (f" ; aucun critère {NON_ACQUIS_WORDS[rule.no_non_acquis]}non acquis." if rule.non_acquis_kinds else ".")
        )
    return decision


def decide_blocs(catalogue: Catalogue, rows: list[CriterionResult], student_ids: list[str]) -> list[BlocDecision]:
    """Every bloc for every learner: partial validation is the normal case."""
    return [decide_bloc(catalogue, rows, sid, bloc.id) for sid in student_ids for bloc in catalogue.referential.blocs]
