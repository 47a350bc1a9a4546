"""`casp demo` on a three-learner cohort: every output is written, with exact marks."""
from __future__ import annotations

import pandas as pd
import pytest
from rich.console import Console

from course.demo.pipeline import run_demo

LABELS = ["Prise en main", "M1.1", "M1.2", "M1.3", "M1.4"]


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    out = tmp_path_factory.mktemp("demo") / "sortie"
    log = out.parent / "console.txt"
    with log.open("w", encoding="utf-8") as handle:
        assert run_demo(out, learners=3, console=Console(file=handle, width=160)) == 0
    return out, log.read_text(encoding="utf-8")


def test_marks_out_of_20(demo):
    out, console = demo
    marks = pd.read_csv(out / "notes_sur_20.csv")
    assert list(marks.columns) == ["apprenant", "nom", *LABELS]
    assert marks.set_index("apprenant")[LABELS].to_dict("index") == {
        "apprenant01": {"Prise en main": 20.0, "M1.1": 19.0, "M1.2": 20.0, "M1.3": 19.0, "M1.4": 19.0},
        "apprenant02": {"Prise en main": 16.0, "M1.1": 12.5, "M1.2": 15.5, "M1.3": 8.5, "M1.4": 8.5},
        "apprenant03": {"Prise en main": 0.0, "M1.1": 8.0, "M1.2": 0.0, "M1.3": 0.0, "M1.4": 0.0},
    }
    assert "Notes sur 20 par apprenant et par modalité" in console
    assert "Amina Abadie" in console and "19,00" in console


def test_criteria_csv_has_levels_consistent_with_points(demo):
    out, _ = demo
    criteria = pd.read_csv(out / "notes_par_critere.csv")
    assert len(criteria) == 3 * 23  # 3 learners × 23 criteria over the five assignments
    assert set(criteria["niveau"]) <= {"non_acquis", "en_cours", "acquis", "maitrise"}
    totals = criteria.groupby(["apprenant", "devoir"])["points"].sum()
    assert totals[("apprenant01", "m12_entretiens_accueil")] == 20.0
    blank = criteria[criteria["apprenant"] == "apprenant03"]
    assert (blank[blank["devoir"] == "m13_cas_accueil_orientation"]["niveau"] == "non_acquis").all()
    assert not criteria["correction_manuelle_en_attente"].any()


def test_feedback_export_and_chart(demo):
    out, _ = demo
    feedback = sorted(p.relative_to(out / "feedback").as_posix() for p in (out / "feedback").rglob("*.html"))
    assert len(feedback) == 15
    assert "apprenant01/m13_cas_accueil_orientation/cas_accueil_orientation.html" in feedback
    export = (out / "export_nbgrader.csv").read_text(encoding="utf-8").splitlines()
    assert export[0].startswith("assignment,duedate,timestamp,student_id")
    assert len(export) == 16
    assert (out / "cohorte.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
