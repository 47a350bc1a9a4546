"""`casp`: the trainers' command line. Each command calls one function of the package."""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from . import CourseError


def _catalogue(args):
    from .catalogue import load_catalogue

    return load_catalogue(Path(args.course_dir) if args.course_dir else None)


def cmd_build(args) -> int:
    from .authoring.build import build_sources

    changed = build_sources(_catalogue(args), only=args.assignments or None, check=args.check)
    for path in changed:
        print(("différent : " if args.check else "écrit : ") + str(path))
    if args.check and changed:
        print("source/ n'est pas à jour : lancez `casp build`.", file=sys.stderr)
        return 1
    return 0


def cmd_release(args) -> int:
    from .nbgrader_ext.release import generate_release

    catalogue = _catalogue(args)
    for assignment_id in args.assignments or list(catalogue.assignments):
        catalogue.assignment(assignment_id)
        generate_release(catalogue.course_dir, assignment_id)
        print(f"release/{assignment_id} généré")
    return 0


def cmd_new(args) -> int:
    from .authoring.new import new_assignment

    folder = new_assignment(_catalogue(args), args.assignment, args.modalite)
    print(f"Devoir créé dans {folder} à partir du modèle : réécrivez la situation, la question et l'écrit, "
          f"puis lancez `casp validate {args.assignment}`.")
    return 0


def cmd_validate(args) -> int:
    from .nbgrader_ext.validate import validate

    catalogue = _catalogue(args)
    if args.all == bool(args.assignments):
        raise CourseError("Donnez un devoir (casp validate m13_cas_accueil_orientation) ou --all, pas les deux.")
    ids = list(catalogue.assignments) if args.all else args.assignments
    for assignment_id in ids:
        catalogue.assignment(assignment_id)
    reports = validate(catalogue.course_dir, ids, jobs=args.jobs)
    failed = [r.assignment_id for r in reports if not r.ok]
    if len(reports) > 1:
        print(f"{len(reports) - len(failed)} devoir(s) valide(s) sur {len(reports)}"
              + (f" ; à reprendre : {', '.join(failed)}." if failed else "."))
    return 1 if failed else 0


def cmd_data(args) -> int:
    from .data import write_all

    changed = write_all(check=args.check)
    for name in changed:
        print(("différent : " if args.check else "écrit : ") + name)
    return 1 if args.check and changed else 0


def cmd_check(args) -> int:
    from .checks import check_course

    problems = check_course(_catalogue(args))
    for problem in problems:
        print(f"ERREUR {problem}", file=sys.stderr)
    if problems:
        print(f"{len(problems)} problème(s) dans le catalogue.", file=sys.stderr)
        return 1
    print("Catalogue cohérent : référentiel, grilles et notebooks concordent.")
    return 0


def cmd_catalogue(args) -> int:
    from .checks import catalogue_summary

    summary = catalogue_summary(_catalogue(args))
    if args.json:
        print(json.dumps(summary, ensure_ascii=False, indent=2))
    else:
        for modality in summary["modalities"]:
            names = ", ".join(modality["assignments"]) or "—"
            print(f"{modality['id']:5} {names}")
    return 0


def _db_url(catalogue) -> str:
    from .config import gradebook_url

    return gradebook_url(catalogue.course_dir)


def _cohort(args):
    from .grading.cohort import load_cohort

    catalogue = _catalogue(args)
    return load_cohort(catalogue, _db_url(catalogue))


def cmd_review(args) -> int:
    from .grading.review import FLAG_LABELS

    cohort = _cohort(args)
    for kind, label in FLAG_LABELS.items():
        flags = [f for f in cohort.flags if f.kind == kind]
        print(f"{label} : {len(flags)}")
        for flag in flags:
            print(f"  - {flag.message}")
    return 1 if any(f.kind in ("a_corriger", "hors_niveau") for f in cohort.flags) else 0


def cmd_blocs(args) -> int:
    cohort = _cohort(args)
    for learner in cohort.learners:
        print(f"{learner.id} ({learner.name})")
        for decision in cohort.decisions_of(learner.id):
            print(f"  {decision.bloc_id} {decision.label:<11} {decision.reason}")
    return 0


def cmd_profile(args) -> int:
    cohort = _cohort(args)
    for learner in cohort.learners:
        print(f"{learner.id} ({learner.name})")
        for competence_id, level in cohort.profile[learner.id].items():
            if level.evidence:
                print(f"  {competence_id} {level.level_label:<24} d'après : {level.evidence_text}")
    return 0


def cmd_teams(args) -> int:
    from nbgrader.api import Gradebook

    from .grading.teams import apply_collective_marks, load_roster, roster_from_db, save_roster

    catalogue = _catalogue(args)
    db_url = _db_url(catalogue)
    if args.action in ("compare", "check"):
        return _teams_report(args, catalogue, roster_from_db(db_url))
    if args.action == "import":
        if not args.file:
            raise CourseError("casp teams import : indiquez le fichier des équipes (CSV devoir,equipe,apprenant).")
        with Gradebook(db_url) as gradebook:
            known = {student.id for student in gradebook.students}
        roster = load_roster(Path(args.file), catalogue, known)
        save_roster(db_url, roster)
        print(f"Équipes enregistrées : {sum(len(teams) for teams in roster.teams.values())}.")
        return 0
    for propagation in apply_collective_marks(db_url, catalogue, roster_from_db(db_url), args.actor):
        print(propagation.message)
    return 0


def _teams_report(args, catalogue, roster) -> int:
    """casp teams compare|check ASSIGNMENT: the report, and exit code 1 when a copy needs the trainer's eye."""
    from .grading.team_copies import check_declarations, compare_collective

    assignment_id = args.file
    if not assignment_id or assignment_id not in catalogue.assignments:
        raise CourseError(f"casp teams {args.action} : indiquez un devoir du catalogue "
                          f"({', '.join(catalogue.assignments)}), trouvé « {assignment_id or ''} ».")
    teams = roster.teams.get(assignment_id)
    if not teams:
        raise CourseError(f"Aucune équipe enregistrée pour le devoir « {assignment_id} » : importez d'abord la "
                          "liste des équipes (casp teams import equipes.csv).")
    report = compare_collective if args.action == "compare" else check_declarations
    lines, problems = report(catalogue.course_dir, catalogue.assignments[assignment_id], teams)
    print("\n".join(lines))
    if args.action == "compare":
        print(f"{problems} copie(s) dont la partie collective diffère de celle de la personne secrétaire ou manque.")
    else:
        print(f"{problems} écart(s) entre les déclarations d'équipe et la liste de l'équipe de formation.")
    return 1 if problems else 0


def cmd_second_marks(args) -> int:
    from .grading.double_marking import import_second_marks_csv

    catalogue = _catalogue(args)
    count = import_second_marks_csv(_db_url(catalogue), Path(args.file), catalogue, args.marker)
    print(f"{count} note(s) du second correcteur enregistrée(s).")
    return 0


def cmd_agreement(args) -> int:
    from .grading.agreement import SCOPE_LABELS, agreement_report
    from .grading.double_marking import first_and_second_marks
    from .grading.moderation import moderation_list

    catalogue = _catalogue(args)
    pairs = first_and_second_marks(_db_url(catalogue), catalogue)
    if not pairs:
        print("Aucune double correction enregistrée.")
        return 0
    print(f"{'Portée':<10} {'Id':<10} {'Copies':>6} {'Accord':>8} {'κ linéaire':>11} {'κ quadratique':>14}")
    for row in agreement_report(pairs):
        print(f"{SCOPE_LABELS.get(row.scope, row.scope):<10} {row.id:<10} {row.n:>6} {row.exact_agreement:>8.1%} "
              f"{row.kappa_linear:>11.4f} {row.kappa_quadratic:>14.4f}")
    to_moderate = moderation_list(pairs)
    print(f"\nÀ modérer (écart de 2 niveaux ou plus) : {len(to_moderate)}")
    for pair in to_moderate:
        print(f"  {pair.student_id} {pair.assignment_id} {pair.criterion_id} : {pair.first_level} / {pair.second_level}")
    return 0


def cmd_moderate(args) -> int:
    from .grading.moderation import import_moderation_csv

    from .nbgrader_ext.backup import backup_gradebook

    catalogue = _catalogue(args)
    backup_gradebook(_db_url(catalogue), catalogue.course_dir, "moderation", notify=print)
    count = import_moderation_csv(_db_url(catalogue), Path(args.file), catalogue, args.moderator)
    print(f"{count} décision(s) de modération appliquée(s) et tracée(s) dans le journal d'audit.")
    return 0


def cmd_jury(args) -> int:
    from .grading.jury import import_jury_sheet, write_jury_sheet

    catalogue = _catalogue(args)
    if args.action == "sheet":
        from .grading.teams import roster_from_db

        cohort = _cohort(args)
        # Collective orals get one row per team of the imported roster (`casp teams import`).
        write_jury_sheet(Path(args.file), catalogue, cohort.learners, roster=roster_from_db(_db_url(catalogue)))
        print(f"Fiche du jury écrite : {args.file}")
        return 0
    result = import_jury_sheet(_db_url(catalogue), Path(args.file), catalogue, args.member)
    for note in [*result.notes, *result.skipped]:
        print(note)
    print(f"{len(result.marks)} note(s) d'oral lue(s), {len(result.changed)} modifiée(s), "
          f"{len(result.remarks)} remarque(s) du jury.")
    return 0


def cmd_reports(args) -> int:
    """Livrets, dashboard and exports for the course's own gradebook, written as the demo writes them."""
    from rich.console import Console

    from .reports.cohort import write_cohort_outputs

    cohort = _cohort(args)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    write_cohort_outputs(cohort.catalogue.course_dir, out, cohort, Console(), pdf=args.pdf, moodle_key=args.moodle_key)
    return 0


def cmd_autograde(args) -> int:
    from .nbgrader_ext.cohort_autograde import autograde_cohort, submitted_assignments
    from .nbgrader_ext.submission_checks import STATUS_NOT_GRADED

    catalogue = _catalogue(args)
    if args.all == bool(args.assignment):
        print("casp : donnez un devoir ou --all (pas les deux).", file=sys.stderr)
        return 2
    if args.all:  # every assignment that has submissions (unreleased ones have nothing to grade)
        assignment_ids = [a for a in catalogue.assignments if a in submitted_assignments(catalogue.course_dir)]
    else:
        assignment_ids = [catalogue.assignment(args.assignment).id]
    outcomes = autograde_cohort(catalogue.course_dir, assignment_ids, jobs=args.jobs, unsandboxed=args.unsandboxed,
                                zygote=not args.no_zygote)
    failed = any(outcome.status == STATUS_NOT_GRADED for outcome in outcomes)
    if args.feedback:  # the copies just graded, shared across learners by `jobs` workers
        failed = _feedback_after_autograde(catalogue.course_dir, outcomes, args.jobs) or failed
    return 1 if failed else 0


def _feedback_after_autograde(course_dir: Path, outcomes, jobs: int) -> bool:
    """`casp autograde --feedback`: the feedback of every copy graded by this run; True if one failed."""
    import time

    from .nbgrader_ext.parallel_feedback import autograded_copies, generate_feedback_parallel, written_feedback
    from .nbgrader_ext.submission_checks import STATUS_NOT_GRADED

    graded = {(o.assignment_id, o.student_id) for o in outcomes if o.status != STATUS_NOT_GRADED}
    aids = sorted({aid for aid, _ in graded})
    copies = [copy for copy in autograded_copies(course_dir, aids) if copy in graded]
    started = time.perf_counter()
    results = generate_feedback_parallel(course_dir, aids, jobs=jobs, copies=copies)
    for result in results:
        if not result.success:
            print(f"casp : {result.message}", file=sys.stderr)
    failures = sum(not result.success for result in results)
    print(f"Retours : {written_feedback(results)} fichier(s) de retour écrit(s) pour {len(results) - failures} "
          f"copie(s) en {time.perf_counter() - started:.1f} s ({jobs} processus)"
          + (f", {failures} copie(s) sans retour." if failures else "."))
    return failures > 0


def cmd_restore(args) -> int:
    from .nbgrader_ext.backup import list_backups, restore_gradebook

    catalogue = _catalogue(args)
    if not args.backup:
        backups = list_backups(catalogue.course_dir)
        if not backups:
            print("Aucune sauvegarde du carnet de notes.")
        for backup in backups:
            print(f"{backup.path}  ({backup.reason}, {backup.size // 1024} Ko)")
        return 0
    safety = restore_gradebook(catalogue.course_dir, Path(args.backup), notify=print)
    print(f"Carnet de notes restauré depuis {args.backup}" + (f" ; état précédent sauvegardé dans {safety}" if safety else ""))
    return 0


def cmd_bench(args) -> int:
    from .demo.bench import main as bench_main

    return bench_main(_catalogue(args).course_dir, args.learners, args.jobs)


def cmd_demo(args) -> int:
    from rich.console import Console

    from .demo.pipeline import run_demo

    console = Console() if sys.stdout.isatty() else Console(width=150)
    return run_demo(Path(args.out), learners=args.learners, console=console, pdf=args.pdf)


def cmd_lab(args) -> int:
    """JupyterLab as a learner or a trainer sees the course, on loopback, until Ctrl+C."""
    import signal
    import webbrowser

    from .lab import LEARNER, prepare_role, start_lab
    from .lab.roles import ROLES

    if not args.role:
        raise CourseError(f"Précisez le rôle : --role {' ou --role '.join(ROLES)}.")
    try:
        port = int(args.port) if args.port is not None else None
    except ValueError:
        raise CourseError(f"Port invalide : « {args.port} » (un nombre entre 1 et 65535).") from None
    setup = prepare_role(
        args.role, Path(args.course_dir) if args.course_dir else None, login=args.apprenant,
        workspace=Path(args.dossier) if args.dossier else None, assignment_id=args.devoir, port=port, notify=print,
    )
    print(f"Démarrage de JupyterLab (rôle {setup.role})…", flush=True)

    def interrupt(_signum, _frame):  # `kill` stops the lab as Ctrl+C does
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)
    # A shell without job control starts background commands with SIGINT ignored, and Python then keeps it
    # ignored: say explicitly that Ctrl+C stops the lab.
    previous_int = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        with start_lab(setup) as lab:
            if setup.role == LEARNER:
                print(f"JupyterLab est prêt pour l'apprenant {setup.login}, ouvert sur le devoir {setup.assignment_id}.")
                print(f"Dossier de travail de l'apprenant : {setup.root_dir}")
            else:
                print("JupyterLab est prêt pour le formateur (menu Nbgrader → Formgrader pour corriger).")
            print(f"Ouvrez cette adresse dans votre navigateur :\n\n    {lab.url}\n")
            print(f"Journal du serveur : {setup.log_path}")
            print("Ctrl + C pour arrêter JupyterLab.", flush=True)
            if args.navigateur:
                webbrowser.open(lab.url)
            try:
                lab.process.wait()
                print("JupyterLab s'est arrêté.")
            except KeyboardInterrupt:
                print("\nArrêt de JupyterLab…", flush=True)
    except KeyboardInterrupt:  # during the start: start_lab has stopped the server
        print("\nJupyterLab arrêté avant d'être prêt.")
    finally:
        signal.signal(signal.SIGTERM, previous)
        signal.signal(signal.SIGINT, previous_int)
    return 0


def _hub_layout(args):
    from .config import load_config
    from .hub.commands import DEMO_ROOT
    from .hub.layout import DEFAULT_HOMES, DEFAULT_ROOT, HubLayout

    course_dir = _catalogue(args).course_dir
    root = Path(args.dossier) if args.dossier else (DEMO_ROOT if getattr(args, "demo", False) else DEFAULT_ROOT)
    homes = Path(args.maisons) if args.maisons else (root / "maisons" if getattr(args, "demo", False)
                                                     else DEFAULT_HOMES)
    return course_dir, HubLayout(root.resolve(), homes.resolve(), load_config(course_dir).CourseDirectory.course_id)


def _port(value) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        raise CourseError(f"Port invalide : « {value} » (un nombre entre 1 et 65535).") from None


def cmd_hub(args) -> int:
    """Set up and run the course's JupyterHub (as root) until Ctrl+C; `casp hub comptes F` adds accounts."""
    import signal

    from .hub import commands
    from .hub.prepare import check_root
    from .hub.roster import read_roster
    from .hub.server import start_hub

    check_root()
    course_dir, layout = _hub_layout(args)
    if args.hub_action == "comptes":
        added = commands.add_accounts(layout, Path(args.fichier), _port(args.port), args.carnet)
        print(f"{len(added)} compte(s) créé(s) ou mis à jour ; comptes du hub : {layout.accounts_file}")
        return 0
    accounts = commands.current_accounts(layout)
    if args.demo:
        accounts = commands.merge_accounts(accounts, commands.demo_accounts())
    if args.comptes:
        accounts = commands.merge_accounts(accounts, list(read_roster(Path(args.comptes)).accounts))
    release = list(args.diffuser or [])
    if args.demo and not release:
        release = commands.demo_releases(course_dir)
    print(f"Préparation du hub dans {layout.root}…", flush=True)
    setup = commands.prepare(layout, course_dir, accounts, port=_port(args.port), authentication=args.authentification,
                             gradebook=args.carnet, release=release)

    def interrupt(_signum, _frame):
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)
    previous_int = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        print("Démarrage de JupyterHub…", flush=True)
        with start_hub(setup) as hub:
            print(f"\nLe hub du cours {layout.course_id} est prêt : {hub.url}\n")
            if setup.password:
                print(f"Mot de passe de démonstration (le même pour tous) : {setup.password}")
            for account in setup.accounts:
                print(f"  {account.role:<10} {account.login:<20} {account.name}")
            print(f"\nCorrection (formgrader, formateurs) : {hub.url}/services/{layout.course_id}/lab?formgrader=true")
            print(f"Configuration : {layout.config_file}\nJournal : {layout.logs / 'jupyterhub.log'}")
            print("Ctrl + C pour arrêter le hub (et les serveurs des utilisateurs).", flush=True)
            try:
                hub.process.wait()
                print("JupyterHub s'est arrêté.")
            except KeyboardInterrupt:
                print("\nArrêt du hub…", flush=True)
    except KeyboardInterrupt:
        print("\nHub arrêté avant d'être prêt.")
    finally:
        signal.signal(signal.SIGTERM, previous)
        signal.signal(signal.SIGINT, previous_int)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="casp", description="Course kit RNCP 7426 (nbgrader).")
    parser.add_argument("--course-dir", help="nbgrader course directory (default: found from the cwd)")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("build", help="rebuild source/ notebooks from the catalogue and content modules")
    p.add_argument("assignments", nargs="*")
    p.add_argument("--check", action="store_true", help="only report notebooks that are out of date")
    p.set_defaults(func=cmd_build)

    p = sub.add_parser("release", help="generate release/ from source/ with nbgrader")
    p.add_argument("assignments", nargs="*")
    p.set_defaults(func=cmd_release)

    p = sub.add_parser("new", help="create assignments/ID/ from the template (assignments/_modele/)")
    p.add_argument("assignment", metavar="ID")
    p.add_argument("--modalite", required=True, help="the modality it assesses, M1.1 … M5.3")
    p.set_defaults(func=cmd_new)

    p = sub.add_parser("validate", help="build an assignment, check it, grade its model answers, a blank copy "
                                        "and its declared mutants (the author's loop)")
    p.add_argument("assignments", nargs="*")
    p.add_argument("--all", action="store_true", help="every assignment of the catalogue")
    p.add_argument("--jobs", type=int, default=2, help="grading processes in parallel (default 2)")
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("data", help="regenerate the synthetic datasets (CSV)")
    p.add_argument("--check", action="store_true", help="only report datasets that would change")
    p.set_defaults(func=cmd_data)

    p = sub.add_parser("check", help="check the catalogue against the referential and the notebooks")
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("catalogue", help="print the referential joined with the assignments")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_catalogue)

    p = sub.add_parser("review", help="submissions missing, awaiting manual grading, or marked between levels")
    p.set_defaults(func=cmd_review)

    p = sub.add_parser("blocs", help="bloc validation decisions per learner, with their reasons")
    p.set_defaults(func=cmd_blocs)

    p = sub.add_parser("profil", help="competence profile per learner, with its evidence")
    p.set_defaults(func=cmd_profile)

    p = sub.add_parser("teams", help="team roster (CSV devoir,equipe,apprenant), collective marks, team copies")
    p.add_argument("action", choices=["import", "apply", "compare", "check"],
                   help="import a roster; apply collective marks; compare members' collective parts; "
                        "check the teams declared in the copies against the roster")
    p.add_argument("file", nargs="?", metavar="FILE|ASSIGNMENT",
                   help="roster CSV (import) or assignment id (compare, check)")
    p.add_argument("--actor", default="formateur", help="who applies the collective marks (audit trail)")
    p.set_defaults(func=cmd_teams)

    p = sub.add_parser("second-marks", help="import a second marker's sheet (apprenant,devoir,critere,points,commentaire)")
    p.add_argument("file")
    p.add_argument("--marker", required=True, help="the second marker's name, kept with each mark")
    p.set_defaults(func=cmd_second_marks)

    p = sub.add_parser("agreement", help="marker agreement (exact, weighted kappa) and the moderation list")
    p.set_defaults(func=cmd_agreement)

    p = sub.add_parser("moderate", help="apply a moderation sheet (apprenant,devoir,critere,points,motif,commentaire)")
    p.add_argument("file")
    p.add_argument("--moderator", required=True)
    p.set_defaults(func=cmd_moderate)

    p = sub.add_parser("jury", help="write the jury's oral marks sheet, or import it once filled in")
    p.add_argument("action", choices=["sheet", "import"])
    p.add_argument("file")
    p.add_argument("--member", default="jury", help="jury member or session, kept in the audit trail")
    p.set_defaults(func=cmd_jury)

    p = sub.add_parser("reports", help="livrets, cohort dashboard and CSV/XLSX/Moodle exports")
    p.add_argument("--out", default="rapports")
    p.add_argument("--pdf", action="store_true")
    p.add_argument("--moodle-key", choices=["email", "username"], default="email")
    p.set_defaults(func=cmd_reports)

    p = sub.add_parser("autograde", help="autograde a whole cohort in parallel, sandboxed, checking broken copies")
    p.add_argument("assignment", nargs="?")
    p.add_argument("--all", action="store_true", help="every assignment of the catalogue")
    p.add_argument("--jobs", type=int, default=2)
    p.add_argument("--sans-bac-a-sable", dest="unsandboxed", action="store_true",
                   help="run learners' code without the sandbox (not recommended)")
    p.add_argument("--feedback", action="store_true",
                   help="then generate the feedback of the graded copies, in parallel with the same --jobs")
    p.add_argument("--sans-prechargement", dest="no_zygote", action="store_true",
                   help="start every kernel from a fresh Python instead of the preloaded zygote (slower)")
    p.set_defaults(func=cmd_autograde)

    p = sub.add_parser("restore", help="list gradebook backups, or restore one (the current state is saved first)")
    p.add_argument("backup", nargs="?")
    p.set_defaults(func=cmd_restore)

    p = sub.add_parser("bench", help="benchmarks: `casp bench autograde [--learners 40]` prints JSON timings")
    p.add_argument("what", choices=["autograde"])
    p.add_argument("--learners", type=int, default=40)
    p.add_argument("--jobs", type=int, default=2)
    p.set_defaults(func=cmd_bench)

    p = sub.add_parser("demo", help="run the whole nbgrader cycle on a synthetic cohort")
    p.add_argument("--out", default="demo-output")
    p.add_argument("--learners", type=int, default=24)
    p.add_argument("--pdf", action="store_true", help="also render each livret as PDF (WeasyPrint, about 1 s each)")
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser("lab", help="JupyterLab as a learner (apprenant) or a trainer (formateur) sees the course")
    p.add_argument("--role", help="apprenant or formateur")
    p.add_argument("--apprenant", help="learner's login, used to name submissions (default: apprenant01)")
    p.add_argument("--dossier", help="learner's workspace (default: <course>/espace-apprenant/<login>)")
    p.add_argument("--devoir", help="assignment the learner's lab opens on (default: m13_cas_accueil_orientation)")
    p.add_argument("--port", help="port on 127.0.0.1 (default: a free one)")
    p.add_argument("--navigateur", action="store_true", help="also open the lab in the default web browser")
    p.set_defaults(func=cmd_lab)

    p = sub.add_parser("hub", help="the course on JupyterHub, one Unix account per person (run as root): set up "
                                   "and start it, or `casp hub comptes equipe.csv` to add accounts")
    p.add_argument("--demo", action="store_true", help="demo roster (3 learners, 1 trainer), Bloc 1 released, in "
                                                       "/srv/casp-hub-demo unless --dossier")
    p.add_argument("--dossier", help="the hub's folder (default /srv/casp-hub)")
    p.add_argument("--maisons", help="where home folders are created (default /home; <dossier>/maisons with --demo)")
    p.add_argument("--port", help="the hub's port on 127.0.0.1 (default 8000; kept in jupyterhub_config.py)")
    p.add_argument("--comptes", help="a roster CSV (identifiant;nom;courriel;rôle) to add before starting")
    p.add_argument("--diffuser", nargs="+", metavar="DEVOIR", help="assignments to release to the learners")
    p.add_argument("--authentification", default="demo", choices=("demo", "native", "lti13"),
                   help="login: shared demo password, NativeAuthenticator or LTI 1.3 (written once in the config)")
    p.add_argument("--carnet", default="postgresql", choices=("postgresql", "sqlite"),
                   help="gradebook: a PostgreSQL cluster of the hub's own (default) or SQLite in the course folder")
    hub = p.add_subparsers(dest="hub_action", required=False)
    comptes = hub.add_parser("comptes", help="create or update accounts from a roster CSV (login, name, e-mail, "
                                             "role); nothing is created if a row is wrong")
    comptes.add_argument("fichier", metavar="equipe.csv")
    for option in ("--dossier", "--maisons", "--port"):  # also accepted after `comptes`
        comptes.add_argument(option, default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    comptes.add_argument("--carnet", default=argparse.SUPPRESS, choices=("postgresql", "sqlite"), help=argparse.SUPPRESS)
    p.set_defaults(func=cmd_hub)
    return parser


def main(argv: list[str] | None = None) -> int:
    from .nbgrader_ext.api import ensure_tools_on_path, quiet_nbgrader_warnings

    args = build_parser().parse_args(argv)
    ensure_tools_on_path()  # nbgrader runs `alembic` when it creates a gradebook
    quiet_nbgrader_warnings()
    try:
        return args.func(args)
    except CourseError as exc:
        print(f"casp : {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # `casp blocs | head`: the reader left, nothing is wrong
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    sys.exit(main())
