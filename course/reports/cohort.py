"""Cohort outputs, one layout for `casp reports` and the demo: summary table, marks, exports, livrets,
dashboard, agreement and audit trail, nbgrader's export, feedback copies, the cohort chart."""
from __future__ import annotations

import csv
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Callable

import pandas as pd
from matplotlib.figure import Figure
from rich.console import Console
from rich.table import Table

from ..catalogue import Catalogue
from ..config import gradebook_url
from ..formatting import decimal_fr
from ..grading.agreement import agreement_report
from ..grading.blind import codes_by_submission
from ..grading.cohort import CohortData
from ..grading.double_marking import first_and_second_marks
from ..grading.moderation import audit_trail, moderation_list
from ..grading.results import CriterionResult, marks_by_submission
from ..grading.similarity import cohort_similarity, write_similarity_csv
from ..palette import ACCENT, INK, LEVEL_COLOURS, LEVEL_HATCHES, MUTED, text_on
from ..rubric import DEFAULT_LEVELS
from .alt_texts import cohort_chart_alt
from .dashboard import write_dashboard
from .exports import (
    write_agreement_csv, write_bloc_decisions_csv, write_criteria_csv, write_criteria_xlsx, write_moodle_csv,
)
from .livret import write_livrets

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


def short_label(catalogue: Catalogue, assignment_id: str) -> str:
    return catalogue.assignment(assignment_id).label


def criteria_frame(rows: list[CriterionResult]) -> pd.DataFrame:
    frame = pd.DataFrame([row.as_row() for row in rows], columns=list(CRITERIA_COLUMNS))
    return frame.rename(columns=CRITERIA_COLUMNS)


def marks_frame(cohort: CohortData) -> pd.DataFrame:
    """One row per learner, one column per assignment: the mark out of 20 (NaN when not submitted)."""
    catalogue = cohort.catalogue
    marks = marks_by_submission(cohort.rows)
    data = []
    for learner in cohort.learners:
        entry = {"apprenant": learner.id, "nom": learner.name}
        for assignment_id in catalogue.assignments:
            entry[short_label(catalogue, assignment_id)] = marks.get((learner.id, assignment_id))
        for decision in cohort.decisions_of(learner.id):
            if decision.decision != "non_evalue":
                entry[f"Bloc {decision.bloc_id[1:]}"] = decision.label
        data.append(entry)
    return pd.DataFrame(data)


def print_summary(console: Console, marks: pd.DataFrame, catalogue: Catalogue) -> None:
    labels = [short_label(catalogue, aid) for aid in catalogue.assignments]
    blocs = [column for column in marks.columns if column.startswith("Bloc ")]
    table = Table(title="Notes sur 20 par apprenant et par modalité, décision par bloc", show_lines=False)
    table.add_column("Apprenant")
    table.add_column("Nom")
    for label in labels:
        table.add_column(label, justify="right")
    for bloc in blocs:
        table.add_column(bloc)
    for _, row in marks.iterrows():
        cells = []
        for label in labels:
            value = row[label]
            cells.append("non rendu" if pd.isna(value) else f"{decimal_fr(value, 2):>5}")
        table.add_row(row["apprenant"], row["nom"], *cells, *[str(row[bloc]) for bloc in blocs])
    means = [marks[label].mean() for label in labels]
    table.add_row("[bold]Moyenne[/bold]", "", *[f"{decimal_fr(m, 2):>5}" for m in means], *["" for _ in blocs])
    console.print(table)


def cohort_chart(path: Path, marks: pd.DataFrame, criteria: pd.DataFrame, catalogue: Catalogue) -> str:
    """Left: marks /20 per assignment; right: share of learners at each level, per criterion, hatched by level.

    Returns the chart's text alternative, also stored in the PNG's standard « Description » field: the file
    is handed over alone, and image viewers and screen readers read that field."""
    labels = [short_label(catalogue, aid) for aid in catalogue.assignments]
    fig = Figure(figsize=(15, 7))  # the object API: no pyplot state, no backend to choose
    left, right = fig.subplots(1, 2, gridspec_kw={"width_ratios": [1, 1.4]})
    data = [marks[label].dropna().to_numpy() for label in labels]
    left.boxplot(data, tick_labels=labels, medianprops={"color": INK, "linewidth": 2})
    for index, values in enumerate(data, start=1):
        left.scatter([index] * len(values), values, s=12, alpha=0.6, color=ACCENT)
    left.axhline(10, color=MUTED, linestyle="--", linewidth=1)
    left.set_ylim(-0.5, 20.5)
    left.set_ylabel("Note sur 20")
    left.set_title("Notes de la cohorte par modalité")

    shares = (
        criteria.groupby("critere")["niveau"].value_counts(normalize=True).unstack(fill_value=0)
        .reindex(columns=[level.key for level in DEFAULT_LEVELS], fill_value=0)
    )
    order = [crit.id for a in catalogue.assignments.values() for crit in a.rubric if crit.id in shares.index]
    alt = cohort_chart_alt(labels, [list(values) for values in data], order, shares.loc[order].to_numpy().tolist())
    shares = shares.loc[order[::-1]] * 100
    shares.columns = [level.label for level in DEFAULT_LEVELS]
    shares.plot.barh(stacked=True, ax=right, color=list(LEVEL_COLOURS), width=0.8, edgecolor=INK, linewidth=0.4)
    for bars, hatch, colour in zip(right.containers, LEVEL_HATCHES, LEVEL_COLOURS):
        for bar in bars:  # a level reads from its hatch too; the legend, built after, shows it
            bar.set_hatch(hatch)
            bar.set_hatchcolor(text_on(colour))
            bar.set_hatch_linewidth(0.8)
    right.set_xlabel("Part des apprenants (%)")
    right.set_ylabel("")
    right.set_title("Niveaux atteints par critère")
    right.legend(loc="upper center", bbox_to_anchor=(0.5, -0.08), ncol=4, frameon=False, handlelength=2.6,
                 handleheight=1.5)
    fig.tight_layout()
    fig.savefig(path, dpi=110, metadata={"Description": alt, "Software": None})
    return alt


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


# What `progress` is told after each output of write_cohort_outputs other than the livrets, in this order.
REPORT_STEPS = ("notes sur 20", "exports CSV, XLSX et Moodle", "export nbgrader", "accord des correcteurs",
                "copies très proches", "tableau de bord", "retours HTML", "graphique de la cohorte")


def report_steps(cohort: CohortData) -> int:
    """How many times write_cohort_outputs calls `progress`: once per REPORT_STEPS, once per livret."""
    return len(REPORT_STEPS) + len(cohort.learners)


def write_cohort_outputs(course_dir: Path, out: Path, cohort: CohortData, console: Console,
                         pdf: bool = False, moodle_key: str = "email",
                         progress: Callable[[str], None] | None = None) -> dict:
    """Everything trainers and the jury are handed, under `out` (`casp reports` and the demo alike).

    `progress(what)` is called as each output is written (REPORT_STEPS, and « livret de <apprenant> »)."""
    done = progress or (lambda what: None)
    catalogue = cohort.catalogue
    db_url = gradebook_url(course_dir)
    marks = marks_frame(cohort)
    marks.to_csv(out / "notes_sur_20.csv", index=False, encoding="utf-8", lineterminator="\n", float_format="%.2f")
    done("notes sur 20")
    exports = out / "exports"
    exports.mkdir(exist_ok=True)
    write_criteria_csv(cohort, exports / "notes_par_critere.csv")
    write_criteria_xlsx(cohort, exports / "notes_par_critere.xlsx")
    write_bloc_decisions_csv(cohort, exports / "decisions_blocs.csv")
    moodle = write_moodle_csv(cohort, exports / "import_moodle.csv", key=moodle_key)
    done("exports CSV, XLSX et Moodle")
    export_nbgrader_csv(course_dir, exports / "export_nbgrader.csv")
    done("export nbgrader")
    pairs = first_and_second_marks(db_url, catalogue)
    agreement = agreement_report(pairs) if pairs else []
    moderation = moderation_list(pairs)
    write_agreement_csv(out / "accord_correcteurs.csv", agreement, moderation, audit_trail(db_url),
                        codes_by_submission(db_url))
    done("accord des correcteurs")
    similar = [pair for pairs in cohort_similarity(catalogue).values() for pair in pairs]
    write_similarity_csv(out / "similarite.csv", similar)
    done("copies très proches")
    if pdf and not pdf_available():
        console.print("Livrets PDF impossibles : WeasyPrint ou ses bibliothèques (Pango) manquent ; livrets HTML seuls.")
    livrets = write_livrets(cohort, out / "livrets", agreement or None, pdf=pdf and pdf_available(), processes=2,
                            progress=lambda learner_id: done(f"livret de {learner_id}"))
    write_dashboard(cohort, out / "tableau_de_bord.html", agreement or None, moderation, similar=similar)
    done("tableau de bord")
    feedback = copy_feedback(course_dir, out)
    done("retours HTML")
    cohort_chart(out / "cohorte.png", marks, criteria_frame(cohort.rows), catalogue)
    done("graphique de la cohorte")
    print_summary(console, marks, catalogue)
    if moodle.warning:
        console.print(moodle.warning)
    console.print(
        f"Écrit sous {out} : {len([p for p in livrets if p.suffix == '.html'])} livrets sous livrets/, "
        "tableau_de_bord.html, notes_sur_20.csv, exports/ (CSV, XLSX, décisions par bloc, import Moodle, export "
        f"nbgrader), accord_correcteurs.csv, liste_moderation.csv, journal_audit.csv, similarite.csv, "
        f"{feedback} retours HTML sous "
        "feedback/, cohorte.png"
        + (", feuilles/ (équipes, double correction, fiches du jury)." if (out / "feuilles").is_dir() else ".")
    )
    return {"marks": marks, "feedback": feedback, "agreement": agreement, "moderation": moderation}


def pdf_available() -> bool:
    """PDF livrets need WeasyPrint and its Debian libraries (Pango); HTML livrets never do."""
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError):
        return False
    return True
