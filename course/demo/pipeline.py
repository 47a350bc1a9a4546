"""The main job: generate → release → fetch/submit → collect → autograde → mark → feedback → export."""
from __future__ import annotations

import copy
import shutil
import time
import zlib
from datetime import date
from pathlib import Path

import nbformat
from nbgrader.api import Gradebook
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from .. import CourseError
from ..catalogue import load_catalogue
from ..grading.marking import record_manual_mark
from ..grading.cohort import load_cohort
from ..config import load_config
from ..formatting import date_fr, decimal_fr, rounded_fr
from ..grading.deadlines import late_submissions, lateness_text
from ..nbgrader_ext.exchange import fetch_feedback
from ..reports.learner_feedback import release_feedback_with_livrets
from ..reports.minutes import CertificationBody, write_minutes
from ..grading.similarity import SIMILARITY_THRESHOLD, cohort_similarity
from ..nbgrader_ext.api import ensure_tools_on_path, nbgrader_api
from ..nbgrader_ext.cohort_autograde import autograde_cohort
from ..nbgrader_ext.exchange import fetch, submit
from ..nbgrader_ext.parallel_feedback import autograded_copies, generate_feedback_parallel
from ..nbgrader_ext.scratch import make_scratch_course
from ..nbgrader_ext.submission_checks import STATUS_GRADED
from ..reports.cohort import write_cohort_outputs
from .cohort import QUALITIES, fill_notebook, make_cohort, quality_for, sentence_banks
from .copied import PlantedCopy, choose_planted_copy, plant_copy
from .deadlines import demo_due_date, grant_demo_extensions, hand_in_late, late_hand_ins, write_due_dates
from ..learner.equipe import mon_equipe
from .grading_rounds import check_team_copies, run_jury, run_moderation, run_second_marking, run_teams
from .marker import mark_submission
from .teams import collective_assignments, share_collective_text, teams_for


JURY_SESSION = "Session de démonstration"
JURY_PLACE = "Lyon, centre de formation, salle 204"
JURY_MEMBERS = ["Mme A. B., présidente du jury, professionnelle du secteur",
                "M. C. D., formateur, représentant de l'organisme de formation",
                "Mme E. F., professionnelle du secteur, cheffe de service en CHRS"]
CERTIFICATION_BODY = CertificationBody(
    nom="Organisme certificateur de démonstration", adresse="12 rue de l'Exemple\n69007 Lyon",
    signataire="Mme G. H.", qualite="directrice de la certification")


def _progress(console: Console) -> Progress:
    return Progress(
        TextColumn("{task.description:<26}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=console, transient=False,
    )


def _check(result: dict, what: str) -> None:
    if not result.get("success"):
        raise CourseError(f"{what} a échoué :\n{result.get('log', '')}\n{result.get('error', '')}")


def _filled(folder: Path, course_dir: Path, assignment, learner, quality: str, index: int, name: str,
            bank: list[str]):
    released = nbformat.read(folder / name, as_version=4)
    source = nbformat.read(course_dir / "source" / assignment.id / name, as_version=4)
    seed = zlib.crc32(f"{learner.id}/{assignment.id}/{index}".encode())
    return fill_notebook(released, source, quality, seed, own_words=bank)


def run_cycle(course_dir: Path, out: Path, learners, catalogue, console: Console, jobs: int = 2,
              quality_of=quality_for, should_mark=lambda student_id, assignment_id, criterion: True,
              teams: dict[str, dict[str, list[str]]] | None = None, timings: dict[str, float] | None = None,
              planted: PlantedCopy | None = None, after_collect=None) -> dict:
    """The nbgrader cycle in the scratch `course_dir`, up to the manual marking; returns per-submission qualities.

    `quality_of(learner, assignment_id)` says how good each copy is (the demo's default varies it);
    `should_mark(...)` says which manual criteria the simulated grader marks (the jury marks orals itself,
    a team's collective part is marked on one member's copy). `teams` (assignment → team → members, the
    first member being the secrétaire) makes every member hand in the secrétaire's collective text and a
    team declaration, as a real team would. `timings`, if given, receives each phase's duration in seconds.
    Learners write in their own words (cohort.sentence_banks); `planted` makes one learner hand in another's
    written answer, lightly edited, for the similarity check to find. `after_collect()`, if given, runs once the
    copies are collected and before they are graded (the demo dates its late copies there).
    """
    timings = {} if timings is None else timings
    clock = [time.perf_counter()]

    def lap(phase: str) -> None:
        now = time.perf_counter()
        timings[phase] = now - clock[0]
        clock[0] = now

    teams = teams or {}
    by_id = {learner.id: learner for learner in learners}
    api = nbgrader_api(course_dir)
    assignments = list(catalogue.assignments.values())
    banks = sentence_banks(catalogue)
    written: dict[tuple, nbformat.NotebookNode] = {}

    def filled(folder: Path, assignment, learner, quality: str, index: int, name: str) -> nbformat.NotebookNode:
        """A learner's copy, written once: the bank gives each learner's sentences to that learner only."""
        key = (learner.id, assignment.id, quality, index)
        if key not in written:
            written[key] = _filled(folder, course_dir, assignment, learner, quality, index, name, banks[assignment.id])
        return copy.deepcopy(written[key])

    qualities: dict[tuple[str, str], str] = {}
    with _progress(console) as progress:
        task = progress.add_task("génération et diffusion", total=len(assignments))
        for assignment in assignments:
            _check(api.generate_assignment(assignment.id, force=True), f"generate_assignment {assignment.id}")
            _check(api.release_assignment(assignment.id), f"release_assignment {assignment.id}")
            progress.advance(task)
        lap("génération et diffusion")

        with Gradebook(load_config(course_dir).CourseDirectory.db_url) as gradebook:
            for learner in learners:
                gradebook.update_or_create_student(
                    learner.id, first_name=learner.first_name, last_name=learner.last_name, email=learner.email
                )

        task = progress.add_task("récupération et dépôt", total=len(learners) * len(assignments))
        for learner in learners:
            home = out / "apprenants" / learner.id
            for assignment in assignments:
                folder = fetch(course_dir, assignment.id, learner.id, home)
                quality = quality_of(learner, assignment.id)
                qualities[(learner.id, assignment.id)] = quality
                team = next(((code, members) for code, members in teams.get(assignment.id, {}).items()
                             if learner.id in members), None)
                for index, name in enumerate(assignment.notebooks):
                    notebook = filled(folder, assignment, learner, quality, index, name)
                    if team:
                        # The team writes its collective parts together, as well as its best member would;
                        # the secrétaire's text is what every member pastes.
                        team_quality = max((quality_of(by_id[member], assignment.id) for member in team[1]),
                                           key=QUALITIES.index)
                        team_copy = filled(folder, assignment, by_id[team[1][0]], team_quality, index, name)
                        notebook = share_collective_text(notebook, team_copy)
                    if planted and (learner.id, assignment.id) == (planted.copier, planted.assignment_id):
                        source = by_id[planted.source]
                        original = filled(folder, assignment, source, quality_of(source, assignment.id), index, name)
                        notebook = plant_copy(notebook, original, planted.grade_id)
                    nbformat.write(notebook, folder / name)
                if team:
                    mon_equipe(team[0], list(team[1]), team[1][0], dossier=folder)
                submit(course_dir, assignment.id, learner.id, home)
                progress.advance(task)
        lap("récupération et dépôt")

        task = progress.add_task("collecte", total=len(assignments))
        for assignment in assignments:
            _check(api.collect(assignment.id), f"collect {assignment.id}")
            progress.advance(task)
        if after_collect is not None:
            after_collect()
        lap("collecte")

        pairs = [
            (assignment.id, student.name)
            for assignment in assignments
            for student in sorted((course_dir / "submitted").iterdir())
            if (student / assignment.id).is_dir()
        ]
        task = progress.add_task("correction automatique", total=len(pairs))
        outcomes = autograde_cohort(course_dir, [a.id for a in assignments], jobs=jobs, console=console,
                                    progress=lambda outcome: progress.advance(task), only_problems=True)
        failures = [f"{o.student_id}/{o.assignment_id} : {o.status} — {' ; '.join(o.reasons)}"
                    for o in outcomes if o.status != STATUS_GRADED]
        if failures:
            raise CourseError("la correction automatique n'a pas abouti pour :\n" + "\n".join(failures))
        lap("correction automatique")

        task = progress.add_task("correction des écrits", total=len(pairs))
        db_url = load_config(course_dir).CourseDirectory.db_url
        with Gradebook(db_url) as gradebook:
            for aid, sid in pairs:
                assignment = catalogue.assignment(aid)
                autograded = {
                    name: nbformat.read(course_dir / "autograded" / sid / aid / name, as_version=4)
                    for name in assignment.notebooks
                }
                sources = {
                    name: nbformat.read(course_dir / "source" / aid / name, as_version=4) for name in assignment.notebooks
                }
                chosen = lambda criterion, sid=sid, aid=aid: should_mark(sid, aid, criterion)  # noqa: E731
                for mark in mark_submission(assignment, autograded, sources, qualities[(sid, aid)], sid, chosen):
                    record_manual_mark(gradebook, aid, mark.notebook_id, sid, mark.grade_id, mark.points, mark.comment)
                progress.advance(task)
        lap("correction des écrits")
    return {"qualities": qualities, "pairs": pairs}


def generate_feedback(course_dir: Path, assignment_ids: list[str], console: Console, jobs: int = 2) -> None:
    """Every learner's feedback, `jobs` workers sharing the copies themselves (parallel_feedback): with one
    process per assignment, a core sits idle as soon as fewer assignments than cores remain."""
    copies = autograded_copies(course_dir, assignment_ids)
    missing = sorted(set(assignment_ids) - {aid for aid, _ in copies})
    if missing:
        raise CourseError("aucune copie corrigée pour générer les retours de : " + ", ".join(missing))
    with _progress(console) as progress:
        task = progress.add_task("retours (feedback)", total=len(copies))
        outcomes = generate_feedback_parallel(course_dir, assignment_ids, jobs=jobs, copies=copies,
                                              progress=lambda outcome: progress.advance(task))
    failures = [outcome.message for outcome in outcomes if not outcome.success]
    if failures:
        raise CourseError("la génération des retours n'a pas abouti :\n" + "\n".join(failures))


def deadline_summary(db_url: str, due, extended: int) -> str:
    """The due date, the late copies review flags, the extensions granted."""
    late = late_submissions(db_url)
    copies = ", ".join(f"{student_id} ({assignment_id}, {lateness_text(copy.seconds_late)})"
                       for (student_id, assignment_id), copy in sorted(late.items()))
    return (f"Échéances : tous les devoirs pour le {date_fr(due.date())} à 18 h 00 (heure de Paris), affichée en "
            f"tête des notebooks ; {len(late)} copie(s) en retard signalée(s) au jury"
            + (f" : {copies}" if copies else "") + f" ; {extended} prolongation(s) accordée(s) avec leur motif.")


def run_deliberation(db_url: str, catalogue, folder: Path, day, pdf: bool = False) -> str:
    """The jury deliberates on the cohort: the procès-verbal, the attestations and certificates, the session locked."""
    output = write_minutes(db_url, load_cohort(catalogue, db_url), JURY_SESSION, day, JURY_PLACE, JURY_MEMBERS,
                           folder, CERTIFICATION_BODY, pdf=pdf)
    return (f"Jury : procès-verbal de délibération écrit ({output.folder}), {len(output.attestations)} attestation(s) "
            f"de validation de blocs et {len(output.certificates)} certificat(s) ; décisions verrouillées.")


def similarity_summary(catalogue, planted: PlantedCopy | None) -> str:
    """What `casp similarity` finds in the cohort, and whether it finds the planted copy."""
    pairs = [pair for found in cohort_similarity(catalogue).values() for pair in found]
    text = f"Similarité des copies (seuil {decimal_fr(SIMILARITY_THRESHOLD)}) : {len(pairs)} paire(s) signalée(s)"
    if planted is None:
        return text + "."
    found = next((pair for pair in pairs if pair.criterion_id == planted.criterion_id
                  and {pair.first, pair.second} == {planted.source, planted.copier}), None)
    if found is None:
        return text + f" ; la copie plantée ({planted.copier} reprend {planted.source}, {planted.criterion_id}) " \
                      "n'est PAS signalée."
    return text + (f", dont la copie plantée : {planted.copier} reprend la réponse de {planted.source} au critère "
                   f"{planted.criterion_id}, similarité {decimal_fr(found.score)}.")


def run_demo(out: Path, learners: int = 24, jobs: int = 2, console: Console | None = None, pdf: bool = False) -> int:
    """The main job on the embedded default: SQLite gradebook, local exchange, synthetic cohort."""
    console = console or Console()
    started = time.perf_counter()
    catalogue = load_catalogue()
    out = Path(out).resolve()
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    course_dir = make_scratch_course(out / "cours", catalogue.course_dir, list(catalogue.assignments))
    scratch_catalogue = load_catalogue(course_dir)
    cohort = make_cohort(learners)
    # One roster per collective assignment (M2.3…): teams of four in cohort order, the first member secrétaire.
    teams = {aid: teams_for([learner.id for learner in cohort]) for aid in collective_assignments(scratch_catalogue)}
    scribes = {(aid, members[0]) for aid, roster in teams.items() for members in roster.values()}
    console.print(
        f"[bold]Démonstration casp[/bold] : {len(cohort)} apprenants fictifs × {len(scratch_catalogue.assignments)} "
        f"devoirs, cours temporaire dans {course_dir}"
    )

    def first_marker_marks(student_id, assignment_id, criterion) -> bool:
        """Trainers mark writings and productions, a collective part on its secrétaire's copy; orals are the jury's."""
        return criterion.kind in ("ecrit", "production") and (
            not criterion.collective or (assignment_id, student_id) in scribes)

    timings: dict[str, float] = {"préparation": time.perf_counter() - started}
    db_url = load_config(course_dir).CourseDirectory.db_url
    ensure_tools_on_path()  # the due dates create the gradebook, and nbgrader runs `alembic` to do so
    sheets = out / "feuilles"
    sheets.mkdir()
    due = demo_due_date(date.today())
    write_due_dates(sheets, scratch_catalogue, db_url, due)  # before the release: the notebooks show the date
    late = late_hand_ins([learner.id for learner in cohort])
    planted = choose_planted_copy(scratch_catalogue, cohort, quality_for)
    cycle = run_cycle(course_dir, out, cohort, scratch_catalogue, console, jobs=jobs, should_mark=first_marker_marks,
                      teams=teams, timings=timings, planted=planted,
                      after_collect=lambda: hand_in_late(course_dir, late, due))
    clock = time.perf_counter()
    extended = grant_demo_extensions(sheets, scratch_catalogue, db_url, late, {learner.id for learner in cohort})
    console.print(deadline_summary(db_url, due, extended))
    with console.status("Équipes, double correction, modération et jury…"):
        team_count, propagated = run_teams(db_url, scratch_catalogue, teams, sheets)
        differing = check_team_copies(course_dir, scratch_catalogue, teams, sheets)
        second = run_second_marking(db_url, scratch_catalogue, sheets)
        moderated = run_moderation(db_url, scratch_catalogue)
        jury = run_jury(db_url, scratch_catalogue, cohort, cycle["qualities"], sheets)
    console.print(
        f"Équipes : {team_count} (note collective reportée sur {propagated} copies, {differing} copie(s) dont la "
        f"partie collective diffère) ; double correction à l'aveugle : "
        f"{second} notes du second correcteur (écran de correction et feuille anonyme) ; modération : {moderated} "
        f"critère(s) arbitré(s) ; jury : {jury} notes d'oral importées."
    )
    console.print(similarity_summary(scratch_catalogue, planted))
    minutes = run_deliberation(db_url, scratch_catalogue, out / "jury", date.today(), pdf=pdf)
    console.print(minutes)
    timings["échéances, équipes, double correction, jury"] = time.perf_counter() - clock
    clock = time.perf_counter()
    generate_feedback(course_dir, list(scratch_catalogue.assignments), console, jobs=jobs)
    final = load_cohort(scratch_catalogue, db_url)  # the jury's locked decisions, in the livrets too
    release = release_feedback_with_livrets(course_dir, final, list(scratch_catalogue.assignments))
    fetched = sum(len(fetch_feedback(course_dir, assignment_id, learner.id, out / "apprenants" / learner.id))
                  for learner in cohort for assignment_id in scratch_catalogue.assignments)
    console.print(f"Retours diffusés avec le livret de chaque apprenant : {len(release.pages)} page(s), {fetched} "
                  "récupérée(s) par les apprenants (apprenants/<identifiant>/<cours>/<devoir>/feedback/).")
    timings["retours"] = time.perf_counter() - clock
    clock = time.perf_counter()
    write_cohort_outputs(course_dir, out, final, console, pdf=pdf)
    timings["rapports"] = time.perf_counter() - clock
    copies = len(cycle["pairs"])
    console.print("Durées : " + ", ".join(f"{phase} {rounded_fr(seconds, 0)} s" for phase, seconds in timings.items())
                  + f" ; correction automatique : {rounded_fr(timings['correction automatique'] / max(copies, 1), 2)} s "
                  f"par copie ({copies} copies, {jobs} processus).")
    console.print(f"Terminé en {time.perf_counter() - started:.0f} s. Résultats dans {out}")
    return 0
