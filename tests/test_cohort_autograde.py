"""`autograde_cohort` on the mini course with fourteen learners, most of them handing in a broken copy:
exact statuses, reasons and scores, the learners' files untouched, manual grades kept across re-runs,
and a batch killed with SIGKILL that a second run completes without losing anything."""
from __future__ import annotations

import copy
import hashlib
import io
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest
from nbgrader.api import Gradebook
from rich.console import Console

from course.catalogue import load_catalogue
from course.grading.marking import record_manual_mark
from course.nbgrader_ext.api import autograde as nbgrader_autograde
from course.nbgrader_ext.api import load_config, nbgrader_api
from course.nbgrader_ext.backup import list_backups
from course.nbgrader_ext.cohort_autograde import (
    JOURNAL_DIR, STAGING_DIR, autograde_cohort, count_submissions, grade_submission, read_statuses,
    submitted_assignments,
)
from course.nbgrader_ext.scratch import make_scratch_course
from tests.conftest import write_mini_course
from tests.nbgrader_helpers import place_submission
from tests.postgres import postgres_db, postgres_server, postgres_url  # noqa: F401  (fixtures)

OK, RESERVES, FAILED = "corrigée", "corrigée avec réserves", "non corrigée"
NB = "« mini.ipynb »"
TIMESTAMP = "2026-03-02 10:15:00.000000 UTC"


def quiet() -> Console:
    return Console(file=io.StringIO(), width=200)


def released(course_dir: Path) -> dict:
    return json.loads((course_dir / "release" / "mini" / "mini.ipynb").read_text(encoding="utf-8"))


def cell(nb: dict, grade_id: str) -> dict:
    return next(c for c in nb["cells"] if c["metadata"].get("nbgrader", {}).get("grade_id") == grade_id)


def filled(course_dir: Path, a1: str | None = "x = 2 + 2", a2: str | None = "y = x * 10") -> dict:
    """The released notebook with the learner's answers (None: left as released)."""
    nb = copy.deepcopy(released(course_dir))
    if a1 is not None:
        cell(nb, "a1")["source"] = a1
    if a2 is not None:
        cell(nb, "a2")["source"] = a2
    cell(nb, "ecrit1")["source"] = ("#### Parcours\nMadame K. a perdu son emploi.\n\n"
                                    "#### Hypothèses\nLa CAF et France Travail.")
    return nb


def put(course_dir: Path, student_id: str, files: dict[str, bytes]) -> Path:
    """Files written straight into submitted/<student>/mini/ (what place_submission cannot express)."""
    folder = course_dir / "submitted" / student_id / "mini"
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return folder


def dumps(nb: dict, **kwargs) -> bytes:
    return json.dumps(nb, ensure_ascii=False, indent=1, **kwargs).encode("utf-8")


def make_cohort(course_dir: Path, tmp: Path) -> None:
    assignment = load_catalogue(course_dir).assignment("mini")

    def placed(student_id: str, nb: dict) -> Path:
        folder = tmp / "copies" / student_id
        folder.mkdir(parents=True)
        (folder / "mini.ipynb").write_bytes(dumps(nb))
        place_submission(course_dir, assignment, student_id, folder)
        return course_dir / "submitted" / student_id / "mini"

    placed("bon1", filled(course_dir))
    (course_dir / "submitted" / "bon1" / "mini" / "timestamp.txt").write_text(TIMESTAMP, encoding="utf-8")
    placed("bon2", filled(course_dir, a2=None))  # a2 left as released: t2 fails
    put(course_dir, "json", {"mini.ipynb": dumps(filled(course_dir))[:700]})
    put(course_dir, "vide", {"mini.ipynb": b""})
    nb = filled(course_dir)
    nb["metadata"]["kernelspec"] = {"name": "ir", "display_name": "R", "language": "R"}
    placed("noyau", nb)
    put(course_dir, "latin", {"mini.ipynb": json.dumps(filled(course_dir), ensure_ascii=False).encode("cp1252")})
    put(course_dir, "absent", {"brouillon.txt": "idées en vrac".encode()})
    folder = placed("en_trop", filled(course_dir))
    (folder / "notes personnelles é.txt").write_text("pour moi", encoding="utf-8")
    (folder / "sous dossier").mkdir()
    (folder / "sous dossier" / "données.csv").write_text("a;b\n", encoding="utf-8")
    (tmp / "secret.txt").write_text("SECRET du formateur", encoding="utf-8")
    (folder / "lien.csv").symlink_to(os.path.relpath(tmp / "secret.txt", folder))
    put(course_dir, "renomme", {"Mini (1).ipynb": dumps(filled(course_dir))})
    folder = put(course_dir, "lien", {})
    (folder / "mini.ipynb").symlink_to("../../bon1/mini/mini.ipynb")
    nb = filled(course_dir)
    nb["cells"].remove(cell(nb, "t1"))
    placed("supprime", nb)
    nb = filled(course_dir)
    twin = copy.deepcopy(cell(nb, "a1"))
    twin["id"] = "copie-a1"
    nb["cells"].insert(nb["cells"].index(cell(nb, "a1")) + 1, twin)
    placed("doublon", nb)
    nb = filled(course_dir, a1="x = 5", a2="y = 40")
    cell(nb, "t1")["source"] = "assert True"
    placed("triche", nb)
    placed("plantage", filled(course_dir, a2="import os\nos._exit(1)"))


EXPECTED = {
    "absent": (RESERVES, [f"{NB} manquant : ses questions comptent 0 point",
                          "fichier(s) en trop ignoré(s) : « brouillon.txt »"]),
    "bon1": (OK, []),
    "bon2": (OK, []),
    "doublon": (RESERVES, [f"{NB} : cellule notée « a1 » en double (2 fois) : seule la première est notée, "
                           "les autres restent comme cellules ordinaires"]),
    "en_trop": (OK, ["lien symbolique « lien.csv » (vers un fichier hors de la copie) ignoré : "
                     "il n'est jamais suivi",
                     "fichier(s) en trop ignoré(s) : « notes personnelles é.txt », "
                     "« sous dossier/données.csv »"]),
    "json": (FAILED, [f"{NB} n'est pas un JSON valide (ligne 35, colonne 6) : fichier tronqué ou abîmé, il ne "
                      "s'ouvre pas dans Jupyter ; demandez une nouvelle copie"]),
    "latin": (RESERVES, [f"{NB} contient des octets non UTF-8 (0xE8 à la position 1479) : relu en Windows-1252 ; "
                         "vérifiez les accents du texte corrigé"]),
    "lien": (RESERVES, ["lien symbolique « mini.ipynb » (vers un fichier hors de la copie) ignoré : il n'est "
                        "jamais suivi", f"{NB} manquant : ses questions comptent 0 point"]),
    "noyau": (OK, [f"{NB} : noyau (kernelspec) « ir » ; nbgrader le remplace par celui du sujet (« python3 ») "
                   "avant d'exécuter, la note n'en dépend pas"]),
    "plantage": (FAILED, ["le noyau Python s'est arrêté pendant l'exécution : le code de l'apprenant l'a fait "
                          "planter ou a épuisé la mémoire ; ouvrez la copie pour voir la cellule en cause"]),
    "renomme": (RESERVES, ["« Mini (1).ipynb » corrigé comme « mini.ipynb » (nom différent de celui du sujet)"]),
    "supprime": (RESERVES, [f"{NB} : cellule notée « t1 » supprimée : rétablie depuis le sujet, elle est notée "
                            "normalement sur le code de l'apprenant"]),
    "triche": (RESERVES, [f"{NB} : cellule de test modifiée (« t1 ») : remplacée par l'originale"]),
    "vide": (FAILED, [f"{NB} est vide (0 octet(s)) : l'enregistrement a échoué, demandez une nouvelle copie"]),
}
FULL = {"t1": 2.0, "t2": 2.0, "ecrit1": 0.0, "oral1": 0.0}
ZERO = {"t1": 0.0, "t2": 0.0, "ecrit1": 0.0, "oral1": 0.0}
# Scores in the gradebook. Copies refused before grading (json, vide) have no submission there; nbgrader
# had recorded plantage's submission before its kernel died, with no automatic score (0, to grade by hand).
SCORES = {
    "plantage": ZERO,
    "absent": ZERO, "bon1": FULL, "bon2": {**FULL, "t2": 0.0}, "doublon": FULL, "en_trop": FULL,
    "latin": FULL, "lien": ZERO, "noyau": FULL, "renomme": FULL, "supprime": FULL,
    "triche": {**FULL, "t1": 0.0},  # its own x = 5 fails the original t1; y = 40 passes t2
}


def gradebook_state(course_dir: Path) -> dict[str, dict[str, tuple]]:
    """student → grade_id → (score, manual_score, needs_manual_grade, manual comment or None)."""
    out = {}
    with Gradebook(load_config(course_dir).CourseDirectory.db_url) as gradebook:
        for submission in gradebook.assignment_submissions("mini"):
            notebook = gradebook.find_submission_notebook("mini", "mini", submission.student.id)
            comments = {c.name: c.manual_comment for c in notebook.comments}
            out[submission.student.id] = {
                g.name: (float(g.score), g.manual_score, bool(g.needs_manual_grade), comments.get(g.name))
                for g in notebook.grades
            }
    return out


def scores(course_dir: Path) -> dict[str, dict[str, float]]:
    return {sid: {gid: v[0] for gid, v in grades.items()} for sid, grades in gradebook_state(course_dir).items()}


def fingerprint(root: Path) -> dict[str, tuple]:
    """Every entry under `root` (symbolic links as links): content hash or link target, and mtime."""
    out = {}
    for path in sorted(root.rglob("*")):
        info = path.lstat()
        if path.is_symlink():
            out[str(path.relative_to(root))] = ("lien", os.readlink(path), info.st_mtime_ns)
        elif path.is_file():
            out[str(path.relative_to(root))] = (hashlib.sha256(path.read_bytes()).hexdigest(), info.st_mtime_ns)
    return out


@pytest.fixture(scope="module")
def cohort(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("cohorte")
    repo = write_mini_course(tmp / "depot")
    course_dir = make_scratch_course(tmp / "cours", repo, ["mini"])
    assert nbgrader_api(course_dir).generate_assignment("mini", force=True)["success"]
    make_cohort(course_dir, tmp)
    before = fingerprint(course_dir / "submitted")
    seen = []
    started = time.perf_counter()
    outcomes = autograde_cohort(course_dir, ["mini"], jobs=2, unsandboxed=True, progress=seen.append,
                                console=quiet())
    seconds = time.perf_counter() - started
    return {"dir": course_dir, "tmp": tmp, "outcomes": outcomes, "seen": seen, "seconds": seconds,
            "before": before, "after": fingerprint(course_dir / "submitted"), "scores": scores(course_dir)}


def test_every_learner_gets_its_status_and_reasons(cohort):
    outcomes = cohort["outcomes"]
    assert {o.student_id: (o.status, o.reasons) for o in outcomes} == EXPECTED
    assert [o.student_id for o in outcomes] == sorted(EXPECTED)
    assert sorted(o.student_id for o in cohort["seen"]) == sorted(EXPECTED)  # progress heard of each one
    assert all(o.seconds > 0 for o in outcomes if o.student_id not in ("json", "vide"))
    statuses = read_statuses(cohort["dir"] / "autograded" / "statuts_mini.csv")
    assert statuses == {sid: (status, " ; ".join(reasons)) for sid, (status, reasons) in EXPECTED.items()}
    raw = (cohort["dir"] / "autograded" / "statuts_mini.csv").read_bytes()
    assert raw.startswith("\ufeffapprenant;statut;motifs\r\n".encode())


def test_exact_scores_for_good_and_repaired_copies(cohort):
    assert cohort["scores"] == SCORES
    assert set(gradebook_state(cohort["dir"])["plantage"].values()) == {(0.0, None, True, None)}
    with Gradebook(load_config(cohort["dir"]).CourseDirectory.db_url) as gradebook:
        assert str(gradebook.find_submission("mini", "bon1").timestamp) == "2026-03-02 10:15:00"


def test_learners_files_are_untouched_and_only_vetted_files_are_graded(cohort):
    assert cohort["after"] == cohort["before"]
    course_dir = cohort["dir"]
    assert sorted(p.name for p in (course_dir / "autograded" / "en_trop" / "mini").iterdir()) == ["mini.ipynb"]
    assert not list((course_dir / "autograded").rglob("lien.csv"))
    graded = nbformat.read(course_dir / "autograded" / "noyau" / "mini" / "mini.ipynb", as_version=4)
    assert graded.metadata.kernelspec.name == "python3"  # OverwriteKernelspec ran the source's kernel
    graded = nbformat.read(course_dir / "autograded" / "triche" / "mini" / "mini.ipynb", as_version=4)
    assert cell(graded, "t1").source == "assert x == 4"  # OverwriteCells put the original test back
    graded = nbformat.read(course_dir / "autograded" / "supprime" / "mini" / "mini.ipynb", as_version=4)
    assert [c.metadata.get("nbgrader", {}).get("grade_id") for c in graded.cells] == [
        "a1", "t1", "a2", "t2", "ecrit1", "oral1"]
    repaired = nbformat.read(course_dir / STAGING_DIR / "latin" / "mini" / "mini.ipynb", as_version=4)
    assert cell(repaired, "ecrit1").source.endswith("#### Hypothèses\nLa CAF et France Travail.")
    assert not (course_dir / STAGING_DIR / "json").exists()  # nothing graded, nothing copied
    assert [b.reason for b in list_backups(course_dir)] == ["autograde-mini"]


def test_nbgrader_alone_fails_or_loses_on_the_same_copies(cohort, tmp_path):
    """Why the checks exist: nbgrader 0.9.6 on the raw copies (in a course of their own)."""
    repo = write_mini_course(tmp_path / "depot")
    course_dir = make_scratch_course(tmp_path / "cours", repo, ["mini"])
    assert nbgrader_api(course_dir).generate_assignment("mini", force=True)["success"]
    for student_id in ("doublon", "supprime"):
        source = cohort["dir"] / "submitted" / student_id / "mini" / "mini.ipynb"
        put(course_dir, student_id, {"mini.ipynb": source.read_bytes()})
    result = nbgrader_autograde(course_dir, "mini", "doublon")
    assert not result["success"]  # and tells the trainer to upgrade the course's metadata, which is not the cause
    assert "use an old version" in result["log"] and "nbgrader update ." in result["log"]
    assert nbgrader_autograde(course_dir, "mini", "supprime")["success"]
    state = gradebook_state(course_dir)["supprime"]
    assert state["t1"] == (0.0, None, True, None)  # not restored: 0 and « needs manual grade »
    # A re-run raises « needs manual grade » again on work a trainer already marked.
    with Gradebook(load_config(course_dir).CourseDirectory.db_url) as gradebook:
        record_manual_mark(gradebook, "mini", "mini", "supprime", "ecrit1", 6.0, "Clair.")
    assert gradebook_state(course_dir)["supprime"]["ecrit1"] == (6.0, 6.0, False, "Clair.")
    assert nbgrader_autograde(course_dir, "mini", "supprime")["success"]
    assert gradebook_state(course_dir)["supprime"]["ecrit1"] == (6.0, 6.0, True, "Clair.")


MARKS = [  # (student, grade_id, points, comment): written answers, an oral, two overridden tests
    ("bon1", "ecrit1", 6.0, "Récit clair, hypothèses à étayer."),
    ("bon2", "t2", 1.0, "Presque : revoir la multiplication."),
    ("supprime", "ecrit1", 3.0, "Trop court."),
    ("triche", "ecrit1", 5.0, ""),
    ("triche", "t1", 0.5, ""),
    ("renomme", "oral1", 7.0, ""),
]

BATCH = """
import io, sys
from rich.console import Console
from course.nbgrader_ext.cohort_autograde import autograde_cohort
autograde_cohort(sys.argv[1], ["mini"], jobs=2, unsandboxed=True, console=Console(file=io.StringIO()))
"""


def graded_so_far(course_dir: Path) -> set[str]:
    path = course_dir / "autograded" / "statuts_mini.csv"
    try:
        rows = read_statuses(path)
    except (OSError, KeyError, ValueError):
        return set()
    return {sid for sid, (status, _) in rows.items() if status in (OK, RESERVES)}


def test_rerun_and_kill_keep_every_grade(cohort):
    course_dir = cohort["dir"]
    with Gradebook(load_config(course_dir).CourseDirectory.db_url) as gradebook:
        for student_id, grade_id, points, comment in MARKS:
            record_manual_mark(gradebook, "mini", "mini", student_id, grade_id, points, comment)
    marked = gradebook_state(course_dir)

    # triche (graded last) fixes a1: its automatic t1 score changes under the trainer's override.
    nb = filled(course_dir, a2="y = 40")
    cell(nb, "t1")["source"] = "assert True"
    (course_dir / "submitted" / "triche" / "mini" / "mini.ipynb").write_bytes(dumps(nb))
    (course_dir / "autograded" / "statuts_mini.csv").unlink()

    # A batch killed with SIGKILL once at least one copy is graded.
    batch = subprocess.Popen([sys.executable, "-c", BATCH, str(course_dir)], start_new_session=True,
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 40
        while not graded_so_far(course_dir) and time.monotonic() < deadline and batch.poll() is None:
            time.sleep(0.02)
        done_before_kill = graded_so_far(course_dir)
        batch.send_signal(signal.SIGKILL)  # the main process only: its grading processes must follow
        batch.wait(timeout=10)
        assert done_before_kill, batch.stderr.read().decode()
        at_kill = fingerprint(course_dir / "autograded")
        time.sleep(2)
        assert fingerprint(course_dir / "autograded") == at_kill  # no orphan went on grading
        statuses = read_statuses(course_dir / "autograded" / "statuts_mini.csv")
        pending = sorted(sid for sid, (status, _) in statuses.items() if status == "en attente")
        assert pending, "the batch was killed too late to test anything"
        after_kill = gradebook_state(course_dir)
        assert "triche" in pending
        for student_id in done_before_kill:
            assert after_kill[student_id] == marked[student_id]
    finally:
        if batch.poll() is None:
            os.killpg(batch.pid, signal.SIGKILL)
        batch.stderr.close()

    # The next run completes the batch; it changes no mark but triche's automatic t1.
    outcomes = autograde_cohort(course_dir, ["mini"], jobs=2, unsandboxed=True, console=quiet())
    note = "note manuelle de « t1 » conservée ; le score automatique a changé (0 → 2) : à revoir"
    assert {o.student_id: (o.status, o.reasons) for o in outcomes} == {
        **EXPECTED, "triche": (RESERVES, [*EXPECTED["triche"][1], note])}
    expected = copy.deepcopy(marked)
    expected["triche"]["t1"] = (0.5, 0.5, True, None)
    assert gradebook_state(course_dir) == expected
    assert not list((course_dir / STAGING_DIR / JOURNAL_DIR).rglob("*.json"))
    assert [b.reason for b in list_backups(course_dir)] == ["autograde-mini"] * 3


def test_assignments_to_grade_and_unknown_ones(cohort):
    from course import CourseError

    assert submitted_assignments(cohort["dir"]) == ["mini"]  # what `--all` grades
    assert count_submissions(cohort["dir"], ["mini"]) == len(EXPECTED)
    with pytest.raises(CourseError, match="« inexistant » est absent du carnet de notes"):
        autograde_cohort(cohort["dir"], ["inexistant"], console=quiet())


def test_journal_left_by_a_killed_run_is_honoured(cohort):
    """Killed between nbgrader's write and the restore: the journal still knows the trainer's flags."""
    course_dir = cohort["dir"]
    db_url = load_config(course_dir).CourseDirectory.db_url
    with Gradebook(db_url) as gradebook:
        grade = gradebook.find_grade("ecrit1", "mini", "mini", "supprime")
        journal_state = {"grades": [{"notebook": "mini", "grade_id": "ecrit1", "manual_score": grade.manual_score,
                                     "extra_credit": None, "needs_manual_grade": False,
                                     "auto_score": grade.auto_score}], "comments": []}
        grade.needs_manual_grade = True  # what nbgrader had done when the batch was killed
        gradebook.db.commit()
    journal = course_dir / STAGING_DIR / JOURNAL_DIR / "mini" / "supprime.json"
    journal.parent.mkdir(parents=True, exist_ok=True)
    journal.write_text(json.dumps(journal_state), encoding="utf-8")
    assert grade_submission(str(course_dir), "mini", "supprime", True, True) == {
        "success": True, "failure": "", "notes": [], "kernel_fallbacks": []}
    assert gradebook_state(course_dir)["supprime"]["ecrit1"] == (3.0, 3.0, False, "Trop court.")
    assert not journal.exists()


def test_postgresql_gradebook_and_sandbox(postgres_db, tmp_path):
    """The same batch with the gradebook on PostgreSQL and learners' code in the sandbox (the default):
    statuses, scores, a pg_dump backup, a lossless re-run; « espion » cannot see the course's model answers."""
    repo = write_mini_course(tmp_path / "depot")
    course_dir = make_scratch_course(tmp_path / "cours", repo, ["mini"])
    with open(course_dir / "nbgrader_config.py", "a", encoding="utf-8") as config:
        config.write(f"\nc.CourseDirectory.db_url = {postgres_db!r}\n")
    assert nbgrader_api(course_dir).generate_assignment("mini", force=True)["success"]
    make_cohort(course_dir, tmp_path)
    chosen = {"bon1", "doublon", "json", "supprime", "triche"}
    for folder in (course_dir / "submitted").iterdir():
        if folder.name not in chosen:
            shutil.rmtree(folder)
    answers = course_dir / "source" / "mini" / "mini.ipynb"
    spy = filled(course_dir, a1=f"import os\nx = 5 if os.path.exists({str(answers)!r}) else 4")
    put(course_dir, "espion", {"mini.ipynb": dumps(spy)})
    outcomes = autograde_cohort(course_dir, ["mini"], jobs=2, console=quiet())
    assert {o.student_id: (o.status, o.reasons) for o in outcomes} == {
        **{sid: EXPECTED[sid] for sid in chosen}, "espion": (OK, [])}
    assert scores(course_dir) == {**{sid: SCORES[sid] for sid in chosen - {"json"}}, "espion": FULL}
    with Gradebook(postgres_db) as gradebook:
        record_manual_mark(gradebook, "mini", "mini", "bon1", "ecrit1", 6.0, "Récit clair.")
    marked = gradebook_state(course_dir)
    # A re-run in which bon1 has handed in a broken file: refused, and its marked grading stays as it was.
    (course_dir / "submitted" / "bon1" / "mini" / "mini.ipynb").write_bytes(b"")
    outcomes = autograde_cohort(course_dir, ["mini"], jobs=2, console=quiet())
    kept = "la correction précédente de cette copie reste dans le carnet de notes"
    assert {o.student_id: (o.status, o.reasons) for o in outcomes} == {
        **{sid: EXPECTED[sid] for sid in chosen}, "espion": (OK, []), "bon1": (FAILED, [*EXPECTED["vide"][1], kept])}
    assert gradebook_state(course_dir) == marked
    assert [b.path.suffix for b in list_backups(course_dir)] == [".dump"] * 2


def test_released_files_are_graded_with_their_released_copy(cohort, tmp_path):
    """A widget's content released beside the notebook comes back without a reason, changed or deleted by the
    learner: the grading copy always holds the released version."""
    from course.nbgrader_ext.submission_checks import (
        check_submission, load_definitions, released_files, write_grading_copy,
    )

    course_dir = cohort["dir"]
    release = course_dir / "release" / "mini"
    (release / "contenu.yaml").write_text("cas: entraînement\n", encoding="utf-8")
    try:
        released = released_files(course_dir, "mini")
        assert released == {"contenu.yaml": release / "contenu.yaml"}
        definitions = load_definitions(load_config(course_dir).CourseDirectory.db_url, course_dir, "mini")
        for name, content in (("modifie", "cas: réponse attendue\n"), ("supprime", None)):
            folder = tmp_path / name / "mini"
            folder.mkdir(parents=True)
            shutil.copy(course_dir / "submitted" / "bon1" / "mini" / "mini.ipynb", folder / "mini.ipynb")
            if content is not None:
                (folder / "contenu.yaml").write_text(content, encoding="utf-8")
            check = check_submission(folder, name, "mini", definitions, released_files=released)
            assert (check.status, check.reasons) == ("corrigée", [])
            dest = write_grading_copy(check, tmp_path / "copie" / name)
            assert (dest / "contenu.yaml").read_text(encoding="utf-8") == "cas: entraînement\n"
    finally:
        (release / "contenu.yaml").unlink()


def test_declared_learner_files_are_kept_and_others_reported(cohort, tmp_path, monkeypatch):
    """Own data, team logs and annexes declared in the catalogue (`learner_files`) come with the copy;
    a file too big or not declared is left out, with its reason."""
    from course.nbgrader_ext import submission_checks
    from course.nbgrader_ext.submission_checks import check_submission, load_definitions, write_grading_copy

    course_dir = cohort["dir"]
    definitions = load_definitions(load_config(course_dir).CourseDirectory.db_url, course_dir, "mini")
    folder = tmp_path / "terrain" / "mini"
    (folder / "terrain").mkdir(parents=True)
    shutil.copy(course_dir / "submitted" / "bon1" / "mini" / "mini.ipynb", folder / "mini.ipynb")
    (folder / "terrain" / "reponses.csv").write_text("q1,q2\n1,2\n", encoding="utf-8")
    (folder / "terrain" / "enorme.csv").write_text("x" * 2_000, encoding="utf-8")
    (folder / "brouillon.txt").write_text("pour moi", encoding="utf-8")
    monkeypatch.setattr(submission_checks, "MAX_LEARNER_FILE_BYTES", 1_000)
    check = check_submission(folder, "terrain", "mini", definitions, learner_files=["terrain/*.csv"])
    assert check.reasons == [
        "« terrain/enorme.csv » ignoré : 0,0 Mo, au-delà des 0,0 Mo admis pour un fichier joint",
        "fichier(s) en trop ignoré(s) : « brouillon.txt »",
    ]
    dest = write_grading_copy(check, tmp_path / "copie")
    assert sorted(p.relative_to(dest).as_posix() for p in dest.rglob("*") if p.is_file()) == [
        "mini.ipynb", "terrain/reponses.csv"]
