"""How far two markers agree, on the four ordered rubric levels.

Pure functions on MarkPair lists (double_marking.first_and_second_marks). Levels are
compared, not points, so criteria worth different points can be pooled.

Cohen's weighted kappa, for k = 4 ordered levels and N pairs:
    p_ij  = share of pairs with level i from the first marker and j from the second,
    e_ij  = p_i. × p_.j  (the share expected if the markers were independent),
    v_ij  = |i − j| / (k − 1)          linear disagreement weights,
            (i − j)² / (k − 1)²        quadratic ones,
    kappa = 1 − Σ v_ij p_ij / Σ v_ij e_ij.
1 is perfect agreement, 0 agreement no better than chance, below 0 worse than chance.
Degenerate case: Σ v_ij e_ij = 0 happens only when both markers gave every pair one and the
same level; kappa is then 1.0 if the observed disagreement is 0 too (always so with these
weights), else 0.0.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from .. import CourseError
from ..rubric import LEVEL_KEYS
from .double_marking import MarkPair

WEIGHTS = ("linear", "quadratic")
LEVEL_INDEX = {key: index for index, key in enumerate(LEVEL_KEYS)}
SCOPE_LABELS = {"modality": "Modalité", "criterion": "Critère", "overall": "Ensemble"}
OVERALL_ID = "ensemble"
FORMATIVE_ID = "formatif"  # modality row of assignments outside the certification's modalities


@dataclass(frozen=True)
class AgreementRow:
    scope: str  # modality | criterion | overall (SCOPE_LABELS gives the French)
    id: str  # the modality or criterion id; OVERALL_ID for the overall row
    n: int
    exact_agreement: float
    kappa_linear: float
    kappa_quadratic: float


def _require_pairs(pairs: list[MarkPair]) -> None:
    if not pairs:
        raise CourseError("Aucune paire de notes à comparer.")


def level_table(pairs: list[MarkPair]) -> np.ndarray:
    """4 × 4 counts: rows are the first marker's levels, columns the second's."""
    table = np.zeros((len(LEVEL_KEYS), len(LEVEL_KEYS)))
    for pair in pairs:
        table[LEVEL_INDEX[pair.first_level], LEVEL_INDEX[pair.second_level]] += 1
    return table


def kappa_from_table(table, weights: str = "linear") -> float:
    """Weighted kappa of a square table of counts (ordered categories), as in the module docstring."""
    if weights not in WEIGHTS:
        raise CourseError(f"Pondération inconnue « {weights} » (attendu : {', '.join(WEIGHTS)}).")
    counts = np.asarray(table, dtype=float)
    total = counts.sum()
    if counts.ndim != 2 or counts.shape[0] != counts.shape[1] or counts.shape[0] < 2 or total <= 0:
        raise CourseError("Il faut un tableau carré d'effectifs, non vide, d'au moins deux niveaux.")
    k = counts.shape[0]
    observed = counts / total
    expected = np.outer(observed.sum(axis=1), observed.sum(axis=0))
    index = np.arange(k)
    distance = np.abs(index[:, None] - index[None, :]) / (k - 1)
    disagreement = distance if weights == "linear" else distance ** 2
    observed_disagreement = float((disagreement * observed).sum())
    expected_disagreement = float((disagreement * expected).sum())
    if expected_disagreement <= 1e-12:
        return 1.0 if observed_disagreement <= 1e-12 else 0.0
    return 1.0 - observed_disagreement / expected_disagreement


def exact_agreement(pairs: list[MarkPair]) -> float:
    """Share of pairs where both markers gave the same level."""
    _require_pairs(pairs)
    return sum(pair.first_level == pair.second_level for pair in pairs) / len(pairs)


def weighted_kappa(pairs: list[MarkPair], weights: str = "linear") -> float:
    """Cohen's weighted kappa over the four levels (weights: linear or quadratic)."""
    _require_pairs(pairs)
    return kappa_from_table(level_table(pairs), weights)


def _natural(text: str) -> list:
    """M1.2 before M1.10: numbers compared as numbers."""
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", text)]


def _row(scope: str, scope_id: str, pairs: list[MarkPair]) -> AgreementRow:
    return AgreementRow(scope, scope_id, len(pairs), exact_agreement(pairs),
                        weighted_kappa(pairs, "linear"), weighted_kappa(pairs, "quadratic"))


def agreement_report(pairs: list[MarkPair]) -> list[AgreementRow]:
    """One row per modality, one per criterion, then the overall row (empty list without pairs)."""
    if not pairs:
        return []
    rows = []
    for scope, key in (("modality", lambda p: p.modality or FORMATIVE_ID), ("criterion", lambda p: p.criterion_id)):
        groups: dict[str, list[MarkPair]] = {}
        for pair in pairs:
            groups.setdefault(key(pair), []).append(pair)
        rows += [_row(scope, group_id, groups[group_id]) for group_id in sorted(groups, key=_natural)]
    rows.append(_row("overall", OVERALL_ID, pairs))
    return rows
