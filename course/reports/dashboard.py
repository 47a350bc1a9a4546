"""Cohort dashboard: one self-contained French HTML page for the teaching team and the jury.

It answers the questions asked before a jury: how many learners validate each bloc, how marks
spread per modality, which criteria are hard, whether double markers agree, and what still needs
a grader's attention. Charts are embedded PNGs; every figure also appears as a table.
"""
from __future__ import annotations

import os
import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from contextlib import suppress
from datetime import date
from pathlib import Path

from ..grading.blocs import DECISION_LABELS
from ..grading.cohort import CohortData
from ..grading.review import FLAG_LABELS
from ..grading.similarity import MODEL, SIMILARITY_THRESHOLD
from ..formatting import decimal_fr
from ..rubric import DEFAULT_LEVELS, LEVEL_KEYS, LEVEL_LABELS, MARK_SCALE, mark_out_of_20
from .alt_texts import bloc_rates_alt, level_heatmap_alt, marks_boxplot_alt
from .charts import bloc_rates_chart, data_uri, level_heatmap, marks_boxplot
from .livret import (
    ReportError, check_learners, environment, field_values, french_date, french_number, os_error_text, percent_text,
    plural, read_agreement,
)

MODERATION_FIELDS = ("student_id", "criterion_id", "first_level", "second_level")
PASS_MARK = MARK_SCALE / 2
OPEN_FLAG_GROUP_UP_TO = 40  # longer flag lists start folded


def _level_key(value: object, field: str, where: str) -> str:
    text = str(value or "").strip()
    if text in LEVEL_KEYS:
        return text
    by_label = {label.lower(): key for key, label in LEVEL_LABELS.items()}
    if text.lower() in by_label:
        return by_label[text.lower()]
    raise ReportError(f"{where} : niveau « {text} » inconnu pour « {field} » (attendu : {', '.join(LEVEL_KEYS)}).")


def _optional_fields(item: object, names: tuple[str, ...]) -> dict[str, str]:
    """Extra fields a moderation item may carry (course.grading.double_marking.MarkPair has them)."""
    if isinstance(item, Mapping):
        return {name: str(item.get(name) or "") for name in names}
    return {name: str(getattr(item, name, "") or "") for name in names}


def read_moderation(moderation: Iterable[object] | None, names: dict[str, str]) -> list[dict] | None:
    """Check the moderation list (objects or mappings) and sort it, widest disagreement first."""
    if moderation is None:
        return None
    items = []
    for number, item in enumerate(moderation, start=1):
        where = f"Liste de modération, ligne {number}"
        values = field_values(item, MODERATION_FIELDS, where)
        first = _level_key(values["first_level"], "first_level", where)
        second = _level_key(values["second_level"], "second_level", where)
        student = str(values["student_id"] or "")
        markers = _optional_fields(item, ("first_marker", "second_marker", "assignment_id"))
        gap = abs(LEVEL_KEYS.index(first) - LEVEL_KEYS.index(second))
        items.append({
            "student": f"{names[student]} ({student})" if student in names else student,
            "student_id": student,
            "criterion": str(values["criterion_id"] or ""),
            "assignment": markers["assignment_id"],
            "first": LEVEL_LABELS[first], "first_key": first, "first_marker": markers["first_marker"],
            "second": LEVEL_LABELS[second], "second_key": second, "second_marker": markers["second_marker"],
            "gap_value": gap,
            "gap": plural(gap, "niveau", "niveaux"),
        })
    items.sort(key=lambda entry: (-entry["gap_value"], entry["student_id"], entry["criterion"]))
    return items


def _bloc_rates(cohort: CohortData, learner_ids: set[str]) -> tuple[list[dict], bytes, str]:
    counts: dict[str, Counter] = defaultdict(Counter)
    for decision in cohort.decisions:
        if decision.student_id in learner_ids:
            counts[decision.bloc_id][decision.decision] += 1
    total = len(learner_ids)
    table, rates = [], {key: [] for key in DECISION_LABELS}
    for bloc in cohort.catalogue.referential.blocs:
        cells = []
        for key in DECISION_LABELS:
            count = counts[bloc.id][key]
            share = count / total if total else 0.0
            rates[key].append(share * 100)
            cells.append({"decision": key, "count": count, "percent": percent_text(share)})
        table.append({"id": bloc.id, "number": bloc.number, "title": bloc.title, "cells": cells})
    labels = [f"Bloc {bloc.number}" for bloc in cohort.catalogue.referential.blocs]
    return table, bloc_rates_chart(labels, rates, DECISION_LABELS), bloc_rates_alt(labels, rates, DECISION_LABELS)


def _marks(cohort: CohortData, learner_ids: set[str]) -> tuple[list[dict], bytes, str]:
    totals: dict[tuple[str, str], list] = {}
    for row in cohort.rows:
        if row.modality and row.student_id in learner_ids:
            entry = totals.setdefault((row.modality, row.student_id), [0.0, 0.0, False])
            entry[0] += row.points
            entry[1] += row.max_points
            entry[2] = entry[2] or row.needs_manual_grade
    final: dict[str, list[float]] = defaultdict(list)
    provisional: Counter = Counter()
    for (modality, _), (points, maximum, pending) in totals.items():
        if pending:
            provisional[modality] += 1
        else:
            final[modality].append(mark_out_of_20(points, maximum))
    offered = {a.modality for a in cohort.catalogue.assignments.values() if a.modality}
    table, labels, series = [], [], []
    for modality in cohort.catalogue.referential.modalities:
        if modality not in offered:
            continue
        marks = sorted(final.get(modality, []))
        entry = {"id": modality, "count": len(marks), "pending": provisional[modality],
                 "mean": "—", "median": "—", "min": "—", "max": "—", "passed": "—"}
        if marks:
            labels.append(modality)
            series.append(marks)
            entry.update(
                mean=french_number(statistics.fmean(marks)), median=french_number(statistics.median(marks)),
                min=french_number(marks[0]), max=french_number(marks[-1]),
                passed=percent_text(sum(1 for mark in marks if mark >= PASS_MARK) / len(marks)),
            )
        table.append(entry)
    return table, marks_boxplot(labels, series), marks_boxplot_alt(labels, series)


def _shorten(text: str, limit: int = 42) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _criteria(cohort: CohortData, learner_ids: set[str]) -> tuple[list[dict], bytes | None, str]:
    counts: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for row in cohort.rows:
        if not row.needs_manual_grade and row.student_id in learner_ids:
            counts[(row.assignment_id, row.criterion_id)][row.level] += 1
    table, labels, names, shares = [], [], [], []
    for assignment in cohort.catalogue.assignments.values():
        for criterion in assignment.rubric:
            levels = counts.get((assignment.id, criterion.id), Counter())
            total = sum(levels.values())
            entry = {"id": criterion.id, "label": criterion.label, "count": total,
                     "shares": [percent_text(levels[key] / total) if total else "—" for key in LEVEL_KEYS]}
            table.append(entry)
            if total:
                labels.append(f"{criterion.id} {_shorten(criterion.label)}")
                names.append(f"{criterion.id} {criterion.label}")  # the text alternative is not short of room
                shares.append([levels[key] / total for key in LEVEL_KEYS])
    if not labels:
        return table, None, ""
    return table, level_heatmap(labels, shares), level_heatmap_alt(names, shares)


def _flags(cohort: CohortData, names: dict[str, str]) -> list[dict]:
    groups: dict[str, list] = defaultdict(list)
    for flag in cohort.flags:
        groups[flag.kind].append(flag)
    order = [kind for kind in FLAG_LABELS if kind in groups] + sorted(set(groups) - set(FLAG_LABELS))
    return [{
        "kind": kind,
        "label": FLAG_LABELS.get(kind, kind),
        "count": len(groups[kind]),
        "open": len(groups[kind]) <= OPEN_FLAG_GROUP_UP_TO,
        "entries": [{"student": names.get(flag.student_id, flag.student_id), "student_id": flag.student_id,
                   "assignment": flag.assignment_id, "criterion": flag.criterion_id, "message": flag.message}
                  for flag in groups[kind]],
    } for kind in order]


def _similar(pairs: Iterable[object] | None, names: dict[str, str]) -> list[dict] | None:
    """Flagged pairs of copies (grading.similarity.SimilarPair), named as the rest of the dashboard names learners."""
    if pairs is None:
        return None
    rows = []
    for pair in pairs:
        second = "le corrigé" if pair.second == MODEL else names.get(pair.second, pair.second)
        rows.append({"assignment": pair.assignment_id, "criterion": pair.criterion_id,
                     "first": names.get(pair.first, pair.first), "second": second, "model": pair.second == MODEL,
                     "score": decimal_fr(pair.score), "passages": len(pair.passages)})
    return rows


def write_dashboard(cohort: CohortData, out_path: Path | str, agreement: Iterable[object] | None = None,
                    moderation: Iterable[object] | None = None, *, issued: date | None = None,
                    similar: Iterable[object] | None = None) -> Path:
    """Write the cohort dashboard to out_path (replaced in one step: never half a file).

    `similar`: the pairs of copies casp similarity flags (None: the check was not run)."""
    out_path = Path(out_path)
    check_learners(cohort, file_names=False)
    agreement_rows = read_agreement(agreement)
    names = {learner.id: learner.name for learner in cohort.learners}
    moderation_rows = read_moderation(moderation, names)
    learner_ids = set(names)
    blocs, bloc_chart, bloc_chart_alt = _bloc_rates(cohort, learner_ids)
    marks, marks_chart, marks_chart_alt = _marks(cohort, learner_ids)
    criteria, heatmap, heatmap_alt = _criteria(cohort, learner_ids)
    referential = cohort.catalogue.referential
    html = environment().get_template("dashboard.html.j2").render(
        certification={"title": referential.title, "code": referential.code},
        issued=french_date(issued or date.today()),
        overview=_overview(cohort, learner_ids),
        decision_labels=DECISION_LABELS,
        blocs=blocs, bloc_chart=data_uri(bloc_chart), bloc_chart_alt=bloc_chart_alt,
        marks=marks, marks_chart=data_uri(marks_chart), marks_chart_alt=marks_chart_alt,
        level_labels=[level.label for level in DEFAULT_LEVELS],
        criteria=criteria, heatmap=data_uri(heatmap) if heatmap else None, heatmap_alt=heatmap_alt,
        agreement=None if agreement_rows is None else [row.cells() for row in agreement_rows],
        moderation=moderation_rows,
        flags=_flags(cohort, names),
        similar=_similar(similar, names), similarity_threshold=decimal_fr(SIMILARITY_THRESHOLD),
    )
    _write_text(out_path, html)
    return out_path


def _overview(cohort: CohortData, learner_ids: set[str]) -> list[tuple[str, str]]:
    """Headline figures: (value, French caption agreeing with the value)."""
    decisions: dict[str, list[str]] = defaultdict(list)
    for decision in cohort.decisions:
        decisions[decision.student_id].append(decision.decision)
    complete = sum(1 for sid in learner_ids if decisions[sid] and all(d == "acquis" for d in decisions[sid]))
    submitted = len({(r.student_id, r.assignment_id) for r in cohort.rows if r.student_id in learner_ids})
    expected = len(learner_ids) * len(cohort.catalogue.assignments)
    pending = sum(1 for r in cohort.rows if r.needs_manual_grade and r.student_id in learner_ids)
    learners = len(learner_ids)
    return [
        (str(learners), "apprenant" if learners <= 1 else "apprenants"),
        (f"{submitted} sur {expected}", "copie rendue" if submitted <= 1 else "copies rendues"),
        (str(pending), "critère en attente de correction" if pending <= 1 else "critères en attente de correction"),
        (str(complete), "apprenant ayant validé tous les blocs" if complete <= 1
         else "apprenants ayant validé tous les blocs"),
    ]


def _write_text(path: Path, text: str) -> None:
    """Write beside the target, then rename: readers see the old page or the new one, never half."""
    temporary = path.with_name(f".ecriture-{os.getpid()}-{path.name}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_text(text, encoding="utf-8")
        os.replace(temporary, path)
    except OSError as exc:
        with suppress(OSError):
            temporary.unlink(missing_ok=True)
        raise ReportError(f"{path} : impossible d'écrire le tableau de bord ({os_error_text(exc)}).") from None
