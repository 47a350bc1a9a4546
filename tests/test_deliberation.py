"""The jury's deliberation: decisions the jury changes, locking by the procès-verbal, reopening, and what the
reports then show. A hand-built cohort on a catalogue with every modality of the referential."""
from __future__ import annotations

import shutil
from datetime import date

import pytest
from nbgrader.api import Gradebook
from sqlalchemy import select

from course import CourseError
from course.catalogue import load_catalogue, write_entry
from course.cli import build_parser
from course.grading.blocs import decide_blocs
from course.grading.cohort import CohortData, LearnerInfo, load_cohort
from course.grading.deliberation import (
    apply_locked, commit_minutes, load_session, parse_day, parse_decision, plan_minutes, record_decision, reopen,
    session_slug,
)
from course.grading.profile import competence_profile
from course.grading.results import CriterionResult
from course.grading.store import audit, jury_decisions, jury_sessions, open_store
from course.nbgrader_ext.api import ensure_tools_on_path
from course.referential import load_referential
from tests.postgres import postgres_db, postgres_server, postgres_url  # noqa: F401  (fixtures)

SESSION = "Session de décembre 2026"
DAY = date(2026, 12, 3)
MEMBERS = ["Mme Anne Bréval, présidente du jury, professionnelle du secteur",
           "M. Karim Lefèvre, formateur, représentant de l'organisme"]
LEVELS = {"non_acquis": "Rien.", "en_cours": "Ébauche.", "acquis": "L'essentiel.", "maitrise": "Tout."}
# learner → bloc number → points /20 on every modality of the bloc (one criterion of 20 points per modality);
# a bloc left out has no copy. 16/20: acquis; 8/20, under 10/20: non acquis.
POINTS = {
    "ana": {1: 16, 2: 16, 3: 16, 4: 16, 5: 16},
    "ben": {1: 16, 2: 16, 3: 8, 4: 8, 5: 8},
    "cleo": {1: 8, 2: 8, 3: 8, 4: 8, 5: 8},
    "dan": {},
}
LEARNERS = [
    LearnerInfo("ana", "Anaïs", "Côté-Rivière", "ana@formation.example"),
    LearnerInfo("ben", "Benoît", "L'Hôpital", "ben@formation.example"),
    LearnerInfo("cleo", "Cléo", "Martin & <Fils>", ""),
    LearnerInfo("dan", "Dan", "Ngo", ""),
]
REMARKS = {"cleo": "Oral très solide ; « progression » remarquable."}


def assignment_id(modality_id: str) -> str:
    return "m" + modality_id[1:].replace(".", "")


def write_catalogue(root):
    (root / "assignments").mkdir(parents=True)
    for modality in load_referential().modalities.values():
        write_entry(root, {
            "id": assignment_id(modality.id), "title": f"Épreuve {modality.id}", "modality": modality.id,
            "duration_minutes": 60, "notebooks": [f"{assignment_id(modality.id)}.ipynb"], "instructions": "Répondez.",
            "rubric": [{"id": f"{modality.id}-A", "label": "Analyser", "kind": "auto", "competences": [],
                        "points": 20, "grade_ids": ["q1_tests"], "levels": LEVELS}],
        })
    return load_catalogue(root)


def build_cohort(root, learners=LEARNERS, points=POINTS) -> CohortData:
    catalogue = write_catalogue(root)
    rows = []
    for student_id, blocs in points.items():
        for bloc in catalogue.referential.blocs:
            if bloc.number not in blocs:
                continue
            for modality in bloc.modalities:
                assignment = catalogue.assignment(assignment_id(modality.id))
                criterion = assignment.rubric[0]
                level = criterion.level_for(blocs[bloc.number])
                rows.append(CriterionResult(student_id, assignment.id, modality.id, criterion.id, criterion.label,
                                            "auto", "", blocs[bloc.number], 20, level.key, level.label,
                                            level.descriptor, "", False))
    ids = [learner.id for learner in learners]
    return CohortData(catalogue=catalogue, learners=list(learners), rows=rows,
                      profile=competence_profile(rows, list(catalogue.referential.competences), ids),
                      decisions=decide_blocs(catalogue, rows, ids), flags=[], remarks=dict(REMARKS))


@pytest.fixture(scope="module")
def cohort(tmp_path_factory) -> CohortData:
    return build_cohort(tmp_path_factory.mktemp("cours"))


@pytest.fixture(scope="module")
def blank_gradebook(tmp_path_factory, cohort):
    """A gradebook holding the four learners (names for the documents), casp's tables created."""
    ensure_tools_on_path()  # nbgrader runs `alembic` when it creates a gradebook
    path = tmp_path_factory.mktemp("carnet") / "gradebook.db"
    with Gradebook(f"sqlite:///{path}") as gradebook:
        for learner in cohort.learners:
            gradebook.update_or_create_student(learner.id, first_name=learner.first_name,
                                               last_name=learner.last_name, email=learner.email)
    open_store(f"sqlite:///{path}").dispose()
    return path


@pytest.fixture
def db_url(tmp_path, blank_gradebook):
    """A private copy of the blank gradebook."""
    shutil.copy(blank_gradebook, tmp_path / "gradebook.db")
    return f"sqlite:///{tmp_path / 'gradebook.db'}"


def state(db_url):
    """Every row the deliberation writes: sessions, decisions and audit rows."""
    with open_store(db_url).connect() as connection:
        return {table.name: connection.execute(select(table)).all() for table in (jury_sessions, jury_decisions, audit)}


def audit_rows(db_url):
    with open_store(db_url).connect() as connection:
        return [(r.actor, r.action, r.student_id, r.assignment_id, r.grade_id, r.old_comment, r.new_comment, r.reason)
                for r in connection.execute(select(audit).order_by(audit.c.id))]


def issue(db_url, cohort, members=MEMBERS, day=DAY):
    return commit_minutes(db_url, plan_minutes(db_url, cohort, SESSION, day, "Lyon, salle 204", members))


def test_computed_decisions_of_the_hand_built_cohort(cohort):
    decided = {(d.student_id, d.bloc_id): d for d in cohort.decisions}
    assert [decided[("ana", b)].decision for b in ("B1", "B2", "B3", "B4", "B5")] == ["acquis"] * 5
    assert [decided[("ben", b)].decision for b in ("B1", "B2", "B3", "B4", "B5")] == (
        ["acquis", "acquis", "non_acquis", "non_acquis", "non_acquis"])
    assert decided[("cleo", "B1")].reason == (
        "Modalité(s) sous 10/20 : M1.1 (8/20), M1.2 (8/20), M1.3 (8/20), M1.4 (8/20).")
    assert decided[("dan", "B5")].reason == (
        "Aucune note pour M5.1, M5.2, M5.3 (copie non rendue ou modalité non évaluée).")


def test_a_decision_changed_by_the_jury_is_recorded_with_its_reason(cohort, db_url):
    decision = record_decision(db_url, cohort, SESSION, "cleo", "b1", "Acquis",
                               "Oral de rattrapage probant devant le jury.", "Mme Anne Bréval")
    assert (decision.bloc_id, decision.computed, decision.final, decision.changed) == (
        "B1", "non_acquis", "acquis", True)
    session = load_session(db_url, SESSION)
    assert (session.status, session.locked, session.minutes) == ("ouverte", False, [])
    assert list(session.decisions) == [("cleo", "B1")]
    kept = session.decisions[("cleo", "B1")]
    assert (kept.computed_reason, kept.final_reason, kept.decided_by) == (
        "Modalité(s) sous 10/20 : M1.1 (8/20), M1.2 (8/20), M1.3 (8/20), M1.4 (8/20).",
        "Oral de rattrapage probant devant le jury.", "Mme Anne Bréval")
    # the jury may come back on its decision before the procès-verbal: one audit row per decision
    record_decision(db_url, cohort, SESSION, "ben", "5", "non acquis", "Confirmé après l'oral.", "M. Karim Lefèvre")
    assert load_session(db_url, SESSION).decisions[("ben", "B5")].changed is False
    assert audit_rows(db_url) == [
        ("Mme Anne Bréval", "jury_decision", "cleo", SESSION, "B1", "non_acquis", "acquis",
         "Oral de rattrapage probant devant le jury."),
        ("M. Karim Lefèvre", "jury_decision", "ben", SESSION, "B5", "non_acquis", "non_acquis",
         "Confirmé après l'oral."),
    ]


def test_the_procès_verbal_locks_the_session_and_reopening_unlocks_it(cohort, db_url):
    record_decision(db_url, cohort, SESSION, "cleo", "B1", "acquis", "Oral de rattrapage probant.", "Mme Anne Bréval")
    session = issue(db_url, cohort)
    assert (session.status, [m.version for m in session.minutes], session.latest.members) == ("close", [1], MEMBERS)
    assert session.latest.title == "procès-verbal n° 1 du 3 décembre 2026"
    assert len(session.decisions) == 20  # 4 candidates × 5 blocs, snapshotted
    before = state(db_url)
    with pytest.raises(CourseError) as refused:
        record_decision(db_url, cohort, SESSION, "cleo", "B2", "acquis", "Après relecture.", "Mme Anne Bréval")
    assert str(refused.value) == (
        "La session « Session de décembre 2026 » est close : son procès-verbal n° 1 du 3 décembre 2026 a été émis. "
        "Ses décisions sont verrouillées ; pour en modifier une ou émettre une nouvelle version du procès-verbal, "
        "rouvrez d'abord la session : casp jury rouvrir --session \"Session de décembre 2026\" --motif \"…\" "
        "--par \"…\"")
    with pytest.raises(CourseError, match="est close"):  # nor a second procès-verbal
        issue(db_url, cohort)
    assert state(db_url) == before

    reopened = reopen(db_url, SESSION, "Erreur de saisie signalée sur le bloc 2 de Cléo.", "Mme Anne Bréval")
    assert reopened.status == "rouverte"
    record_decision(db_url, cohort, SESSION, "cleo", "B2", "acquis", "Après relecture de l'écrit.", "Mme Anne Bréval")
    second = issue(db_url, cohort, day=date(2026, 12, 10))
    assert [m.title for m in second.minutes] == ["procès-verbal n° 1 du 3 décembre 2026",
                                                 "procès-verbal n° 2 du 10 décembre 2026"]
    assert [(a, b, c, d, e, f) for a, b, _s, d, e, f, c, _r in audit_rows(db_url)] == [
        ("Mme Anne Bréval", "jury_decision", "acquis", SESSION, "B1", "non_acquis"),
        (MEMBERS[0], "jury_pv", "procès-verbal n° 1 du 3 décembre 2026, Lyon, salle 204", SESSION, "", None),
        ("Mme Anne Bréval", "jury_reopen", "rouverte", SESSION, "", "close"),
        ("Mme Anne Bréval", "jury_decision", "acquis", SESSION, "B2", "non_acquis"),
        (MEMBERS[0], "jury_pv", "procès-verbal n° 2 du 10 décembre 2026, Lyon, salle 204", SESSION, "", None),
    ]
    assert audit_rows(db_url)[2][-1] == "Erreur de saisie signalée sur le bloc 2 de Cléo."


def test_reports_show_the_locked_decisions(cohort, db_url):
    record_decision(db_url, cohort, SESSION, "cleo", "B1", "acquis", "Oral de rattrapage probant.", "Mme Anne Bréval")
    with open_store(db_url).connect() as connection:  # an open session locks nothing
        assert apply_locked(connection, cohort.decisions) == cohort.decisions
    issue(db_url, cohort)
    with open_store(db_url).connect() as connection:
        shown = {(d.student_id, d.bloc_id): d for d in apply_locked(connection, cohort.decisions)}
    assert (shown[("cleo", "B1")].decision, shown[("cleo", "B1")].reason) == (
        "acquis", "Décision du jury (session « Session de décembre 2026 », procès-verbal n° 1 du 3 décembre 2026), "
                  "qui remplace la décision calculée « Non acquis » : Oral de rattrapage probant.")
    assert (shown[("cleo", "B2")].decision, shown[("cleo", "B2")].reason) == (
        "non_acquis", "Modalité(s) sous 10/20 : M2.1 (8/20), M2.2 (8/20), M2.3 (8/20). Décision arrêtée par le jury "
                      "(session « Session de décembre 2026 », procès-verbal n° 1 du 3 décembre 2026).")
    assert shown[("cleo", "B1")].modality_marks == {"M1.1": 8.0, "M1.2": 8.0, "M1.3": 8.0, "M1.4": 8.0}
    # load_cohort (what `casp reports`, the livrets and the demo read) applies them; the gradebook has no copies
    loaded = load_cohort(cohort.catalogue, db_url)
    assert [(d.bloc_id, d.decision) for d in loaded.decisions_of("cleo")] == [
        ("B1", "acquis"), ("B2", "non_acquis"), ("B3", "non_acquis"), ("B4", "non_acquis"), ("B5", "non_acquis")]
    # reopened: nothing is final any more, the computed decisions show again
    reopen(db_url, SESSION, "Recours de la candidate.", "Mme Anne Bréval")
    assert [d.decision for d in load_cohort(cohort.catalogue, db_url).decisions_of("cleo")] == ["non_acquis"] * 5


@pytest.mark.parametrize("learner, bloc, decision, reason, by, problems", [
    ("zoe", "B1", "acquis", "Motif.", "X", ["apprenant inconnu « zoe » (absent du carnet de notes)."]),
    ("ana", "B6", "valide", "", " ", [
        "bloc inconnu « B6 » (blocs du référentiel : B1, B2, B3, B4, B5).",
        "décision inconnue « valide » (décisions possibles : acquis, non_acquis, en_attente).",
        "--motif est vide : le jury motive chaque décision qu'il prend.",
        "--par est vide : nommez le membre du jury qui enregistre la décision.",
    ]),
    ("ana", "B1", "non_evalue", "Motif.", "X",
     ["décision inconnue « non_evalue » (décisions possibles : acquis, non_acquis, en_attente)."]),
])
def test_bad_decisions_are_refused_and_nothing_is_written(cohort, db_url, learner, bloc, decision, reason, by,
                                                          problems):
    before = state(db_url)
    with pytest.raises(CourseError) as refused:
        record_decision(db_url, cohort, SESSION, learner, bloc, decision, reason, by)
    assert str(refused.value) == "casp jury decision : rien n'a été enregistré :\n" + "\n".join(
        f"  - {problem}" for problem in problems)
    assert state(db_url) == before


def test_bad_minutes_and_reopening_are_refused(cohort, db_url):
    before = state(db_url)
    with pytest.raises(CourseError) as refused:
        plan_minutes(db_url, cohort, SESSION, DAY, " ", ["Mme A. B., présidente", ""])
    assert str(refused.value) == ("casp jury pv : rien n'a été écrit :\n"
                                  "  - --lieu est vide : le procès-verbal dit où le jury a délibéré.\n"
                                  "  - un --membre est vide.")
    with pytest.raises(CourseError, match="aucun --membre : nommez chaque membre du jury avec sa qualité"):
        plan_minutes(db_url, cohort, SESSION, DAY, "Lyon", [])
    with pytest.raises(CourseError) as refused:
        reopen(db_url, "Session inconnue", "Motif.", "X")
    assert str(refused.value) == ("Session inconnue « Session inconnue » : aucune décision ni procès-verbal "
                                  "enregistré sous ce nom.")
    record_decision(db_url, cohort, SESSION, "ana", "B1", "acquis", "Confirmé.", "X")
    with pytest.raises(CourseError) as refused:
        reopen(db_url, SESSION, "Motif.", "X")
    assert str(refused.value) == ("La session « Session de décembre 2026 » n'est pas close (elle est ouverte) : "
                                  "il n'y a rien à rouvrir.")
    with pytest.raises(CourseError, match="--motif est vide : la réouverture d'une session se motive."):
        reopen(db_url, SESSION, "", "X")
    with pytest.raises(CourseError, match="--session : le nom de la session est vide"):
        record_decision(db_url, cohort, "  ", "ana", "B1", "acquis", "Motif.", "X")
    assert len(state(db_url)["casp_audit"]) == len(before["casp_audit"]) + 1


@pytest.mark.parametrize("text, message", [
    ("3/12/2026", "--date « 3/12/2026 » : date attendue au format AAAA-MM-JJ, par exemple 2026-12-03."),
    ("2026-02-30", "--date « 2026-02-30 » : cette date n'existe pas (format AAAA-MM-JJ)."),
])
def test_bad_dates(text, message):
    with pytest.raises(CourseError) as refused:
        parse_day(text)
    assert str(refused.value) == message


def test_parsing_helpers():
    assert parse_day("2026-12-03") == DAY
    assert [parse_decision(t) for t in ("acquis", "Non acquis", "non-acquis", "EN ATTENTE", "validé")] == [
        "acquis", "non_acquis", "non_acquis", "en_attente", None]
    assert session_slug("Session de décembre 2026 — Lyon") == "session-de-decembre-2026-lyon"


def test_jury_actions_parse():
    """`casp jury sheet|import FICHIER` parse as before the deliberation's actions were added."""
    parser = build_parser()
    args = parser.parse_args(["jury", "import", "fiche.csv", "--member", "Jury de juin"])
    assert (args.action, args.file, args.member) == ("import", "fiche.csv", "Jury de juin")
    args = parser.parse_args(["jury", "sheet", "fiche.csv"])
    assert (args.action, args.file) == ("sheet", "fiche.csv")
    args = parser.parse_args(["jury", "decision", "--session", SESSION, "cleo", "B1", "acquis", "--motif", "Oral.",
                              "--par", "Mme B."])
    assert (args.learner, args.bloc, args.decision, args.session, args.motif, args.par) == (
        "cleo", "B1", "acquis", SESSION, "Oral.", "Mme B.")
    args = parser.parse_args(["jury", "pv", "--session", SESSION, "--date", "2026-12-03", "--lieu", "Lyon",
                              "--membre", MEMBERS[0], "--membre", MEMBERS[1], "--pdf"])
    assert (args.membre, args.out, args.pdf) == (MEMBERS, "jury", True)
    args = parser.parse_args(["jury", "rouvrir", "--session", SESSION, "--motif", "Recours.", "--par", "Mme B."])
    assert (args.action, args.motif, args.par) == ("rouvrir", "Recours.", "Mme B.")


def test_the_deliberation_on_postgresql(cohort, postgres_db):
    """The same tables and transactions on the hub's PostgreSQL gradebook (timestamps come back with their zone)."""
    record_decision(postgres_db, cohort, SESSION, "cleo", "B1", "acquis", "Oral probant.", "Mme Anne Bréval")
    session = issue(postgres_db, cohort)
    assert (session.status, session.latest.title, len(session.decisions)) == (
        "close", "procès-verbal n° 1 du 3 décembre 2026", 20)
    with pytest.raises(CourseError, match="est close"):
        record_decision(postgres_db, cohort, SESSION, "cleo", "B2", "acquis", "Motif.", "X")
    with open_store(postgres_db).connect() as connection:
        shown = {(d.student_id, d.bloc_id): d.decision for d in apply_locked(connection, cohort.decisions)}
    assert (shown[("cleo", "B1")], shown[("cleo", "B2")]) == ("acquis", "non_acquis")
    assert reopen(postgres_db, SESSION, "Recours.", "Mme Anne Bréval").status == "rouverte"
    assert [row[1] for row in audit_rows(postgres_db)] == ["jury_decision", "jury_pv", "jury_reopen"]
