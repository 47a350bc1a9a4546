"""Competence profile, bloc decisions and review flags on hand-built results (exact levels and reasons)."""
from __future__ import annotations

import pytest

from course.catalogue import BlocRule, CompensationRule, load_catalogue
from course.grading.blocs import decide_bloc, decide_blocs
from course.grading.profile import competence_profile
from course.grading.results import CriterionResult
from course.grading.review import review
from tests.conftest import REPO

# A frozen Bloc 1 catalogue: the hand-computed values below rest on these rubrics, not on the live ones.
FIXTURE = REPO / "tests" / "fixtures" / "catalogue_bloc1"
CATALOGUE = load_catalogue(FIXTURE)
BLOC1 = ["m11_recit_de_vie", "m12_entretiens_accueil", "m13_cas_accueil_orientation", "m14_note_observation"]


def rows_for(student_id: str, share: dict[str, float], pending: set[str] = frozenset(),
             exact: dict[str, float] | None = None) -> list[CriterionResult]:
    """Results for every criterion of the given assignments: points = share × max (or exact points)."""
    rows = []
    for assignment_id, fraction in share.items():
        assignment = CATALOGUE.assignment(assignment_id)
        for criterion in assignment.rubric:
            points = (exact or {}).get(criterion.id, round(criterion.points * fraction * 2) / 2)
            level = criterion.level_for(points)
            rows.append(CriterionResult(
                student_id, assignment_id, assignment.modality or "", criterion.id, criterion.label, criterion.kind,
                " ".join(criterion.competences), points, criterion.points, level.key, level.label, level.descriptor,
                "", criterion.id in pending,
            ))
    return rows


def test_profile_weights_levels_by_points():
    rows = rows_for("a", {"m11_recit_de_vie": 1.0, "m13_cas_accueil_orientation": 0.5})
    profile = competence_profile(rows, ["C1.3", "C1.4", "C5.1"], ["a"])["a"]
    c13 = profile["C1.3"]
    # C1.3 rests on M1.1-A (3 pts, maîtrisé), M1.1-C (5 pts, maîtrisé), M1.3-A (7 pts, 3.5 → en cours),
    # M1.3-B (4 pts, 2 → en cours), M1.3-C (5 pts, 2.5 → en cours): (3·3 + 3·5 + 1·7 + 1·4 + 1·5) / 24 = 1.667.
    assert [(e.criterion_id, e.level) for e in c13.evidence] == [
        ("M1.1-A", "maitrise"), ("M1.1-C", "maitrise"), ("M1.3-A", "en_cours"), ("M1.3-B", "en_cours"),
        ("M1.3-C", "en_cours"),
    ]
    assert round(c13.score, 4) == 1.6667
    assert c13.level == "acquis"
    assert c13.evidence_text == (
        "M1.1-A maîtrisé ; M1.1-C maîtrisé ; M1.3-A en cours d'acquisition ; M1.3-B en cours d'acquisition ; "
        "M1.3-C en cours d'acquisition"
    )
    assert profile["C5.1"].level is None and profile["C5.1"].level_label == "Non évaluée"


def test_bloc_acquired_when_every_modality_reaches_10_without_non_acquis():
    rows = rows_for("a", {aid: 0.75 for aid in BLOC1})
    decision = decide_bloc(CATALOGUE, rows, "a", "B1")
    assert decision.decision == "acquis"
    # 75 % of each criterion, rounded to the half point (Python rounds 2.25 to 2.0): M1.2 and M1.4 lose half a point.
    assert decision.modality_marks == {"M1.1": 15.0, "M1.2": 14.5, "M1.3": 15.0, "M1.4": 14.5}
    assert decision.reason == (
        "Toutes les modalités sont évaluées (M1.1 15/20 ; M1.2 14,5/20 ; M1.3 15/20 ; M1.4 14,5/20) ; "
        "chaque modalité ≥ 10/20 ; aucun critère non acquis."
    )


def test_bloc_not_acquired_with_a_weak_modality_and_a_non_acquis_criterion():
    rows = rows_for("a", {**{aid: 0.75 for aid in BLOC1}, "m14_note_observation": 0.4},
                    exact={"M1.4-E": 0.0})
    decision = decide_bloc(CATALOGUE, rows, "a", "B1")
    assert decision.decision == "non_acquis"
    marks = decision.modality_marks
    assert marks["M1.4"] == 6.5
    assert decision.reasons == [
        "Modalité(s) sous 10/20 : M1.4 (6,5/20).",
        "Critère(s) non acquis : M1.4-E (M1.4).",
    ]


def test_compensation_between_modalities():
    catalogue = load_catalogue(FIXTURE)
    catalogue.bloc_rules.blocs["B1"] = BlocRule(compensation=CompensationRule(enabled=True, floor=8),
                                                no_non_acquis=False)
    rows = rows_for("a", {"m11_recit_de_vie": 0.45, "m12_entretiens_accueil": 0.7,
                          "m13_cas_accueil_orientation": 0.6, "m14_note_observation": 0.6})
    decision = decide_bloc(catalogue, rows, "a", "B1")
    assert decision.modality_marks == {"M1.1": 8.5, "M1.2": 14.0, "M1.3": 12.0, "M1.4": 12.5}
    assert decision.decision == "acquis"
    assert decision.reason.endswith("; moyenne 11,75/20 ≥ 10/20 avec compensation, aucune modalité sous 8/20.")
    low = rows_for("b", {"m11_recit_de_vie": 0.35, "m12_entretiens_accueil": 1.0,
                         "m13_cas_accueil_orientation": 0.6, "m14_note_observation": 0.6})
    refused = decide_bloc(catalogue, low, "b", "B1")
    assert refused.decision == "non_acquis"
    assert refused.reasons == ["Modalité(s) sous le plancher de 8/20 : M1.1 (7/20)."]


def test_pending_missing_and_partial_validation():
    rows = rows_for("a", {aid: 0.75 for aid in BLOC1[:3]}, pending={"M1.2-B"})
    pending = decide_bloc(CATALOGUE, rows, "a", "B1")
    assert pending.decision == "en_attente"
    assert pending.reasons == ["Correction manuelle à terminer : M1.2-B."]
    missing = decide_bloc(CATALOGUE, rows_for("b", {aid: 0.75 for aid in BLOC1[:3]}), "b", "B1")
    assert missing.decision == "non_acquis"
    assert missing.reasons == ["Aucune note pour M1.4 (copie non rendue ou modalité non évaluée)."]
    decisions = decide_blocs(CATALOGUE, rows_for("c", {aid: 0.75 for aid in BLOC1}), ["c"])
    assert [(d.bloc_id, d.decision) for d in decisions] == [
        ("B1", "acquis"), ("B2", "non_evalue"), ("B3", "non_evalue"), ("B4", "non_evalue"), ("B5", "non_evalue"),
    ]


def test_review_flags_marks_between_levels_pending_and_missing():
    rows = rows_for("a", {"m13_cas_accueil_orientation": 0.75}, exact={"M1.3-B": 2.5}, pending={"M1.3-C"})
    flags = review(CATALOGUE, rows, ["a"])
    kinds = [(f.kind, f.assignment_id, f.criterion_id) for f in flags]
    assert ("hors_niveau", "m13_cas_accueil_orientation", "M1.3-B") in kinds
    assert ("a_corriger", "m13_cas_accueil_orientation", "M1.3-C") in kinds
    assert ("non_rendu", "prise_en_main", "") in kinds and ("non_rendu", "m11_recit_de_vie", "") in kinds
    between = next(f for f in flags if f.kind == "hors_niveau")
    assert between.message == (
        "a, M1.3-B : 2,5 point(s) ne correspond à aucun niveau (niveaux : 0 ; 1,5 ; 3 ; 4) ; "
        "niveau retenu : En cours d'acquisition."
    )


@pytest.mark.parametrize("text,error", [
    ("blocs:\n  B9: {}\n", r"bloc\(s\) inconnu\(s\) B9"),
    ("default:\n  min_mark: 25\n", "default.min_mark"),
])
def test_bad_bloc_rules_are_clear_errors(tmp_path, text, error):
    from course.catalogue import CatalogueError
    from tests.conftest import write_mini_course

    root = write_mini_course(tmp_path)
    (root / "assignments" / "blocs.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(CatalogueError, match=error):
        load_catalogue(root)


def live_rows(student_id: str, written_oral_level: str, auto_level: str):
    """Bloc 1 of the live catalogue: every written and oral criterion at one level, every autograded at another."""
    catalogue = load_catalogue(REPO)
    rows = []
    for assignment in catalogue.assignments.values():
        if not (assignment.modality or "").startswith("M1."):
            continue
        for criterion in assignment.rubric:
            wanted = auto_level if criterion.kind == "auto" else written_oral_level
            level = next(lvl for lvl in criterion.scale if lvl.key == wanted)
            rows.append(CriterionResult(
                student_id, assignment.id, assignment.modality, criterion.id, criterion.label, criterion.kind,
                " ".join(criterion.competences), level.points, criterion.points, level.key, level.label,
                level.descriptor, "", False,
            ))
    return catalogue, rows


@pytest.mark.parametrize("scope, expected", [("ecrit_oral", "acquis"), ("all", "non_acquis")])
def test_data_work_alone_does_not_decide_bloc_1(scope, expected):
    """Writing and orals at « acquis », every autograded criterion at « non acquis »: Bloc 1 is validated under
    the course's rule (autograded criteria weigh at most 4/20: 16 × 0.7 = 11.2/20), not under `all`."""
    catalogue, rows = live_rows("a", "acquis", "non_acquis")
    assert catalogue.bloc_rules.for_bloc("B1").no_non_acquis == "ecrit_oral"  # the course's setting
    catalogue.bloc_rules.blocs["B1"] = catalogue.bloc_rules.for_bloc("B1").model_copy(update={"no_non_acquis": scope})
    decision = decide_bloc(catalogue, rows, "a", "B1")
    assert decision.decision == expected
    assert all(mark >= 10 for mark in decision.modality_marks.values())
    if expected == "non_acquis":
        assert decision.reasons == [
            "Critère(s) non acquis : " + ", ".join(f"{r.criterion_id} ({r.modality})" for r in rows if r.kind == "auto")
            + "."]
    else:
        assert decision.reason.endswith("; aucun critère écrit ou oral non acquis.")
