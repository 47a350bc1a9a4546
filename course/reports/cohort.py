"""Cohort outputs of the demo: summary table, criterion CSV, nbgrader export, feedback, chart."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
from rich.console import Console  # noqa: E402
from rich.table import Table  # noqa: E402

from ..catalogue import Catalogue  # noqa: E402
from ..grading.results import CriterionResult, marks_by_submission  # noqa: E402
from ..rubric import DEFAULT_LEVELS  # noqa: E402

CRITERIA_COLUMNS = {
    "student_id": "apprenant",
    "assignment_id": "devoir",
    "modality": "modalite",
    "criterion_id": "critere",
    "criterion_label": "libelle_critere",
    "kind": "type",
    "competences": "competences",
    "points": "points",
    "max_points": "points_max",
    "level": "niveau",
    "level_label": "niveau_libelle",
    "descriptor": "descripteur",
    "comment": "commentaire",
    "needs_manual_grade": "correction_manuelle_en_attente",
}
LEVEL_COLOURS = ["#d7301f", "#fc8d59", "#91cf60", "#1a9850"]


def short_label(catalogue: Catalogue, assignment_id: str) -> str:
    assignment = catalogue.assignment(assignment_id)
    return assignment.modality or "Prise en main"


def criteria_frame(rows: list[CriterionResult]) -> pd.DataFrame:
    frame = pd.DataFrame([row.as_row() for row in rows], columns=list(CRITERIA_COLUMNS))
    return frame.rename(columns=CRITERIA_COLUMNS)


def marks_frame(catalogue: Catalogue, cohort, rows: list[CriterionResult]) -> pd.DataFrame:
    """One row per learner, one column per assignment: the mark out of 20 (NaN when not submitted)."""
    marks = marks_by_submission(rows)
    data = []
    for learner in cohort:
        entry = {"apprenant": learner.id, "nom": f"{learner.first_name} {learner.last_name}"}
        for assignment_id in catalogue.assignments:
            entry[short_label(catalogue, assignment_id)] = marks.get((learner.id, assignment_id))
        data.append(entry)
    return pd.DataFrame(data)


def print_summary(console: Console, marks: pd.DataFrame, qualities: dict, catalogue: Catalogue) -> None:
    labels = [short_label(catalogue, aid) for aid in catalogue.assignments]
    table = Table(title="Notes sur 20 par apprenant et par modalité", show_lines=False)
    table.add_column("Apprenant")
    table.add_column("Nom")
    for label in labels:
        table.add_column(label, justify="right")
    for _, row in marks.iterrows():
        cells = []
        for label in labels:
            value = row[label]
            cells.append("non rendu" if pd.isna(value) else f"{value:5.2f}".replace(".", ","))
        table.add_row(row["apprenant"], row["nom"], *cells)
    means = [marks[label].mean() for label in labels]
    table.add_row("[bold]Moyenne[/bold]", "", *[f"{m:5.2f}".replace(".", ",") for m in means])
    console.print(table)


def cohort_chart(path: Path, marks: pd.DataFrame, criteria: pd.DataFrame, catalogue: Catalogue) -> None:
    """Left: marks /20 per modality; right: share of learners at each level, per criterion."""
    labels = [short_label(catalogue, aid) for aid in catalogue.assignments]
    fig, (left, right) = plt.subplots(1, 2, figsize=(15, 7), gridspec_kw={"width_ratios": [1, 1.4]})
    data = [marks[label].dropna().to_numpy() for label in labels]
    left.boxplot(data, tick_labels=labels)
    for index, values in enumerate(data, start=1):
        left.scatter([index] * len(values), values, s=12, alpha=0.6, color="#2c7fb8")
    left.axhline(10, color="grey", linestyle="--", linewidth=1)
    left.set_ylim(-0.5, 20.5)
    left.set_ylabel("Note sur 20")
    left.set_title("Notes de la cohorte par modalité")

    shares = (
        criteria.groupby("critere")["niveau"].value_counts(normalize=True).unstack(fill_value=0)
        .reindex(columns=[level.key for level in DEFAULT_LEVELS], fill_value=0)
    )
    order = [crit.id for a in catalogue.assignments.values() for crit in a.rubric if crit.id in shares.index]
    shares = shares.loc[order[::-1]] * 100
    shares.columns = [level.label for level in DEFAULT_LEVELS]
    shares.plot.barh(stacked=True, ax=right, color=LEVEL_COLOURS, width=0.8)
    right.set_xlabel("Part des apprenants (%)")
    right.set_ylabel("")
    right.set_title("Niveaux atteints par critère")
    right.legend(loc="upper center", bbox_to_anchor=(0.5, -0.08), ncol=4, frameon=False)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def export_nbgrader_csv(course_dir: Path, path: Path) -> None:
    """nbgrader's own export (CsvExportPlugin), kept for trainers used to it."""
    nbgrader = Path(sys.executable).with_name("nbgrader")
    command = [str(nbgrader)] if nbgrader.exists() else [sys.executable, "-m", "nbgrader"]
    subprocess.run([*command, "export", "--to", str(path)], cwd=course_dir, check=True, capture_output=True)


def copy_feedback(course_dir: Path, out: Path) -> int:
    count = 0
    for html in sorted((course_dir / "feedback").glob("*/*/*.html")):
        relative = html.relative_to(course_dir / "feedback")
        target = out / "feedback" / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(html, target)
        count += 1
    return count


def write_cohort_outputs(course_dir: Path, out: Path, catalogue: Catalogue, cohort, rows, qualities, console: Console) -> dict:
    criteria = criteria_frame(rows)
    criteria.to_csv(out / "notes_par_critere.csv", index=False, encoding="utf-8", lineterminator="\n")
    marks = marks_frame(catalogue, cohort, rows)
    marks.to_csv(out / "notes_sur_20.csv", index=False, encoding="utf-8", lineterminator="\n", float_format="%.2f")
    export_nbgrader_csv(course_dir, out / "export_nbgrader.csv")
    feedback = copy_feedback(course_dir, out)
    cohort_chart(out / "cohorte.png", marks, criteria, catalogue)
    print_summary(console, marks, qualities, catalogue)
    console.print(
        f"Écrit : {out / 'notes_par_critere.csv'} ({len(criteria)} lignes), {out / 'notes_sur_20.csv'}, "
        f"{out / 'export_nbgrader.csv'}, {feedback} retours HTML sous {out / 'feedback'}, {out / 'cohorte.png'}"
    )
    return {"criteria": criteria, "marks": marks, "feedback": feedback}
