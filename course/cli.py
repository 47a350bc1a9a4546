"""`casp`: the trainers' command line. Each command calls one function of the package."""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from . import CourseError
from .cli_french import FrenchArgumentParser, entier


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
    from .progress import steps, terminal_console

    catalogue = _catalogue(args)
    ids = args.assignments or list(catalogue.assignments)
    for assignment_id in ids:  # an unknown id is refused before anything is generated
        catalogue.assignment(assignment_id)
    with steps(terminal_console(), "génération des versions apprenant", len(ids)) as bar:
        for assignment_id in ids:
            bar.show(assignment_id)
            generate_release(catalogue.course_dir, assignment_id)
            print(f"release/{assignment_id} généré")
            bar.advance()
    return 0


def cmd_new(args) -> int:
    from .authoring.new import new_assignment

    folder = new_assignment(_catalogue(args), args.assignment, args.modalite)
    print(f"Devoir créé dans {folder} à partir du modèle : réécrivez la situation, la question et l'écrit, "
          f"puis lancez `casp validate {args.assignment}`.")
    return 0


def cmd_validate(args) -> int:
    from .nbgrader_ext.validate import validate
    from .progress import steps, terminal_console

    catalogue = _catalogue(args)
    if args.all == bool(args.assignments):
        raise CourseError("Donnez un devoir (casp validate m13_cas_accueil_orientation) ou --all, pas les deux.")
    ids = list(catalogue.assignments) if args.all else args.assignments
    for assignment_id in ids:
        catalogue.assignment(assignment_id)
    with steps(terminal_console(), "validation des devoirs", len(ids)) as bar:
        def progress(assignment_id, report) -> None:
            if report is None:
                bar.show(f"{assignment_id}…")
            else:
                bar.advance(detail=f"{assignment_id} : {'valide' if report.ok else 'à reprendre'}")

        reports = validate(catalogue.course_dir, ids, jobs=args.jobs, progress=progress)
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
    from .grading.similarity import flagged_pairs_by_assignment

    cohort = _cohort(args)
    for kind, label in FLAG_LABELS.items():
        flags = [f for f in cohort.flags if f.kind == kind]
        print(f"{label} : {len(flags)}")
        for flag in flags:
            print(f"  - {flag.message}")
    similar = flagged_pairs_by_assignment(cohort.catalogue)
    print(f"Paires de copies très proches : {sum(similar.values())}")
    for assignment_id, count in similar.items():
        if count:
            print(f"  - {assignment_id} : {count} paire(s) ; le détail : casp similarity {assignment_id}")
    return 1 if any(f.kind in ("a_corriger", "hors_niveau") for f in cohort.flags) else 0


def cmd_similarity(args) -> int:
    from rich.table import Table

    from .formatting import decimal_fr
    from .grading.similarity import (
        MODEL, SIMILARITY_THRESHOLD, abridged, assignment_similarity, threshold_from_text, write_similarity_csv,
    )
    from .progress import terminal_console

    catalogue = _catalogue(args)
    assignment = catalogue.assignment(args.assignment)
    threshold = SIMILARITY_THRESHOLD if args.seuil is None else threshold_from_text(args.seuil)
    pairs = assignment_similarity(catalogue, assignment, threshold=threshold)
    if args.csv:
        write_similarity_csv(Path(args.csv), pairs)
    console = terminal_console()
    if pairs:
        table = Table(title=f"{assignment.id} : copies dont la similarité atteint {decimal_fr(threshold)}")
        for column in ("Critère", "Copie A", "Copie B", "Similarité", "Passages communs"):
            table.add_column(column, justify="right" if column == "Similarité" else "left")
        for pair in pairs:
            second = "le corrigé" if pair.second == MODEL else pair.second
            table.add_row(pair.criterion_id, pair.first, second, decimal_fr(pair.score),
                          "\n".join(f"« {abridged(passage)} »" for passage in pair.passages) or "—")
        console.print(table)
    console.print(f"{len(pairs)} paire(s) de copies au-dessus du seuil {decimal_fr(threshold)} pour {assignment.id}.")
    if args.csv:
        console.print(f"Feuille pour le jury écrite : {args.csv}")
    return 0


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


def cmd_second_marking(args) -> int:
    from .grading.blind import prepare_blind_marking, write_blind_sheet

    catalogue = _catalogue(args)
    if args.action == "open":
        if args.file:
            raise CourseError("casp second-marking open : pas de fichier à donner, le notebook est préparé dans le "
                              "dossier du cours.")
        path = prepare_blind_marking(catalogue, _db_url(catalogue), args.assignment, args.marker)
        shown = path.relative_to(catalogue.course_dir) if path.is_relative_to(catalogue.course_dir) else path
        print(f"Écran de double correction prêt : {shown}")
        print("Ouvrez-le dans `casp lab --role formateur` et exécutez sa cellule.")
        return 0
    if not args.file:
        raise CourseError("casp second-marking sheet : indiquez le fichier de la feuille à écrire (CSV).")
    rows = write_blind_sheet(Path(args.file), catalogue, _db_url(catalogue), args.assignment, args.marker)
    print(f"Feuille anonyme écrite : {args.file} ({rows} ligne(s) à noter). Une fois remplie : "
          f"casp second-marks {args.file} --marker \"{args.marker.strip()}\"")
    return 0


def cmd_agreement(args) -> int:
    from .grading.agreement import SCOPE_LABELS, agreement_report
    from .grading.blind import codes_by_submission
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
    codes = codes_by_submission(_db_url(catalogue))  # the moderator matches the blind marker's codes
    print(f"\nÀ modérer (écart de 2 niveaux ou plus) : {len(to_moderate)}")
    for pair in to_moderate:
        code = codes.get((pair.assignment_id, pair.student_id))
        learner = f"{pair.student_id} ({code})" if code else pair.student_id
        print(f"  {learner} {pair.assignment_id} {pair.criterion_id} : {pair.first_level} / {pair.second_level}")
    return 0


def cmd_moderate(args) -> int:
    from .grading.moderation import import_moderation_csv

    from .nbgrader_ext.backup import backup_gradebook

    catalogue = _catalogue(args)
    backup_gradebook(_db_url(catalogue), catalogue.course_dir, "moderation", notify=print)
    count = import_moderation_csv(_db_url(catalogue), Path(args.file), catalogue, args.moderator)
    print(f"{count} décision(s) de modération appliquée(s) et tracée(s) dans le journal d'audit.")
    return 0


def cmd_due_dates(args) -> int:
    from .config import load_config
    from .grading.deadlines import paris_text, penalty_setting, read_due_dates, set_due_dates

    catalogue = _catalogue(args)
    dates = read_due_dates(Path(args.file), catalogue)
    set_due_dates(_db_url(catalogue), dates)
    for assignment_id, due in dates.items():
        print(f"{assignment_id} : échéance le {paris_text(due)} (heure de Paris)")
    print(f"Échéances enregistrées : {len(dates)}. Retard : {penalty_setting(load_config(catalogue.course_dir))}.")
    return 0


def cmd_extensions(args) -> int:
    from nbgrader.api import Gradebook

    from .grading.deadlines import grant_extensions, read_extensions

    catalogue = _catalogue(args)
    db_url = _db_url(catalogue)
    with Gradebook(db_url) as gradebook:
        known = {student.id for student in gradebook.students}
    granted = read_extensions(Path(args.file), catalogue, known)
    applied = grant_extensions(db_url, granted, args.author)
    print(f"Prolongations enregistrées : {len(granted)}, dont {applied} sur une copie déjà relevée "
          "(les autres s'appliqueront aux copies relevées ensuite).")
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


def cmd_jury_decision(args) -> int:
    from .grading.blocs import DECISION_LABELS
    from .grading.deliberation import record_decision

    cohort = _cohort(args)
    decision = record_decision(_db_url(cohort.catalogue), cohort, args.session, args.learner, args.bloc,
                               args.decision, args.motif, args.par)
    change = ("remplace la décision calculée" if decision.changed else "confirme la décision calculée")
    print(f"Session « {args.session.strip()} », {decision.student_id}, bloc {decision.bloc_id} : "
          f"{DECISION_LABELS[decision.final]} ({change} « {DECISION_LABELS[decision.computed]} »).")
    return 0


def cmd_jury_pv(args) -> int:
    from .grading.deliberation import parse_day
    from .reports.minutes import BODY_FILE, TEMPLATES_FOLDER, load_body, write_minutes

    day = parse_day(args.date)
    cohort = _cohort(args)
    folder = cohort.catalogue.course_dir / TEMPLATES_FOLDER
    body = load_body(folder / BODY_FILE)
    output = write_minutes(_db_url(cohort.catalogue), cohort, args.session, day, args.lieu, args.membre,
                           Path(args.out), body, templates_dir=folder, pdf=args.pdf)
    minutes = output.session.latest
    print(f"Procès-verbal n° {minutes.version} de la session « {minutes.session} » écrit dans {output.folder} : "
          f"{len(output.attestations)} attestation(s) de blocs, {len(output.certificates)} certificat(s).")
    print(f"Les décisions de la session sont verrouillées ; pour en modifier une : casp jury rouvrir --session "
          f"\"{minutes.session}\" --motif \"…\" --par \"…\".")
    return 0


def cmd_jury_reopen(args) -> int:
    from .grading.deliberation import reopen

    catalogue = _catalogue(args)
    session = reopen(_db_url(catalogue), args.session, args.motif, args.par)
    print(f"Session « {session.name} » rouverte : ses décisions peuvent être modifiées ; le prochain procès-verbal "
          f"portera le n° {session.latest.version + 1}.")
    return 0


def cmd_reports(args) -> int:
    """Livrets, dashboard and exports for the course's own gradebook, written as the demo writes them."""
    from .progress import steps, terminal_console
    from .reports.cohort import report_steps, write_cohort_outputs

    cohort = _cohort(args)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    console = terminal_console()
    with steps(console, "rapports", report_steps(cohort)) as bar:
        write_cohort_outputs(cohort.catalogue.course_dir, out, cohort, console, pdf=args.pdf,
                             moodle_key=args.moodle_key, progress=lambda done: bar.advance(detail=done))
    return 0


def cmd_feedback_release(args) -> int:
    from .reports.learner_feedback import release_feedback_with_livrets

    cohort = _cohort(args)
    release = release_feedback_with_livrets(cohort.catalogue.course_dir, cohort, args.assignments)
    print(f"Retours diffusés ({', '.join(release.assignment_ids)}) : {len(release.pages)} page(s) pour "
          f"{len(release.learners)} apprenant(s), chacune avec le livret de son apprenant. Chacun les récupère dans "
          "l'onglet Devoirs (« Récupérer le retour »).")
    return 0


def cmd_autograde(args) -> int:
    from .nbgrader_ext.cohort_autograde import autograde_cohort, count_submissions, submitted_assignments
    from .nbgrader_ext.submission_checks import STATUS_NOT_GRADED
    from .progress import steps, terminal_console

    catalogue = _catalogue(args)
    if args.all == bool(args.assignment):
        print("casp : donnez un devoir ou --all (pas les deux).", file=sys.stderr)
        return 2
    if args.all:  # every assignment that has submissions (unreleased ones have nothing to grade)
        assignment_ids = [a for a in catalogue.assignments if a in submitted_assignments(catalogue.course_dir)]
    else:
        assignment_ids = [catalogue.assignment(args.assignment).id]
    console = terminal_console()
    with steps(console, "correction automatique", count_submissions(catalogue.course_dir, assignment_ids)) as bar:
        outcomes = autograde_cohort(catalogue.course_dir, assignment_ids, jobs=args.jobs, unsandboxed=args.unsandboxed,
                                    zygote=not args.no_zygote, console=console,
                                    progress=lambda o: bar.advance(detail=f"{o.assignment_id} / {o.student_id}"))
    failed = any(outcome.status == STATUS_NOT_GRADED for outcome in outcomes)
    if args.feedback:  # the copies just graded, shared across learners by `jobs` workers
        failed = _feedback_after_autograde(catalogue.course_dir, outcomes, args.jobs, console) or failed
    return 1 if failed else 0


def _feedback_after_autograde(course_dir: Path, outcomes, jobs: int, console) -> bool:
    """`casp autograde --feedback`: the feedback of every copy graded by this run; True if one failed."""
    import time

    from .nbgrader_ext.parallel_feedback import autograded_copies, generate_feedback_parallel, written_feedback
    from .nbgrader_ext.submission_checks import STATUS_NOT_GRADED
    from .progress import steps

    graded = {(o.assignment_id, o.student_id) for o in outcomes if o.status != STATUS_NOT_GRADED}
    aids = sorted({aid for aid, _ in graded})
    copies = [copy for copy in autograded_copies(course_dir, aids) if copy in graded]
    started = time.perf_counter()
    with steps(console, "retours aux apprenants", len(copies)) as bar:
        results = generate_feedback_parallel(
            course_dir, aids, jobs=jobs, copies=copies,
            progress=lambda result: bar.advance(detail=f"{result.assignment_id} / {result.student_id}"))
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
    """casp's parser, in French (course/cli_french.py); command and option names are those the guides cite."""
    parser = FrenchArgumentParser(
        prog="casp",
        description="Outils de l'équipe de formation du cours RNCP 7426 (Chargé d'accompagnement social et "
                    "professionnel), autour de nbgrader : écrire et diffuser les devoirs, corriger, produire les "
                    "livrets, le tableau de bord et les exports.",
        epilog="Aide d'une commande : casp COMMANDE --help.",
    )
    parser.add_argument("--course-dir", metavar="DOSSIER",
                        help="dossier du cours nbgrader (par défaut : trouvé à partir du dossier courant)")
    sub = parser.add_subparsers(dest="command", required=True, title="commandes", metavar="COMMANDE",
                                help="l'une des commandes suivantes")

    def command(name: str, summary: str, description: str | None = None) -> argparse.ArgumentParser:
        return sub.add_parser(name, help=summary, description=description or summary[0].upper() + summary[1:] + ".")

    p = command("build", "reconstruire les notebooks de source/ depuis le catalogue et les contenus des devoirs")
    p.add_argument("assignments", nargs="*", metavar="DEVOIR", help="devoir à reconstruire (par défaut : tous)")
    p.add_argument("--check", action="store_true",
                   help="signaler seulement les notebooks qui ne sont pas à jour, sans rien écrire (code de sortie 1)")
    p.set_defaults(func=cmd_build)

    p = command("release", "générer release/ (la version apprenant) à partir de source/ avec nbgrader")
    p.add_argument("assignments", nargs="*", metavar="DEVOIR", help="devoir à générer (par défaut : tous)")
    p.set_defaults(func=cmd_release)

    p = command("new", "créer assignments/IDENTIFIANT/ à partir du modèle (assignments/_modele/)")
    p.add_argument("assignment", metavar="IDENTIFIANT",
                   help="identifiant du nouveau devoir, par exemple m21_cartographie")
    p.add_argument("--modalite", required=True, metavar="MODALITÉ", help="la modalité qu'il évalue, de M1.1 à M5.3")
    p.set_defaults(func=cmd_new)

    p = command("validate", "construire un devoir, le contrôler, corriger son corrigé, une copie vierge et ses mutants "
                            "déclarés (la boucle de l'auteur)")
    p.add_argument("assignments", nargs="*", metavar="DEVOIR", help="devoir à valider")
    p.add_argument("--all", action="store_true", help="tous les devoirs du catalogue")
    p.add_argument("--jobs", type=entier, default=2, metavar="N",
                   help="processus de correction en parallèle (par défaut : 2)")
    p.set_defaults(func=cmd_validate)

    p = command("data", "régénérer les jeux de données synthétiques (CSV)")
    p.add_argument("--check", action="store_true",
                   help="signaler seulement les jeux qui changeraient, sans rien écrire (code de sortie 1)")
    p.set_defaults(func=cmd_data)

    p = command("check", "contrôler le catalogue au regard du référentiel et des notebooks")
    p.set_defaults(func=cmd_check)

    p = command("catalogue", "afficher le référentiel joint aux devoirs qui l'évaluent")
    p.add_argument("--json", action="store_true", help="au format JSON")
    p.set_defaults(func=cmd_catalogue)

    p = command("review", "copies manquantes, en attente de correction manuelle ou notées entre deux niveaux")
    p.set_defaults(func=cmd_review)

    p = command("similarity", "copies trop proches l'une de l'autre, ou du corrigé, critère écrit par critère écrit")
    p.add_argument("assignment", metavar="DEVOIR", help="le devoir dont comparer les copies")
    p.add_argument("--seuil", metavar="X",
                   help="similarité (cosinus TF-IDF, de 0 à 1) à partir de laquelle une paire est signalée "
                        "(par défaut : 0,3)")
    p.add_argument("--csv", metavar="FICHIER", help="écrire aussi les paires signalées dans cette feuille CSV pour le jury")
    p.set_defaults(func=cmd_similarity)

    p = command("blocs", "décisions de validation par bloc de chaque apprenant, avec leurs motifs")
    p.set_defaults(func=cmd_blocs)

    p = command("profil", "profil de compétences de chaque apprenant, avec ses preuves")
    p.set_defaults(func=cmd_profile)

    p = command("teams", "équipes (CSV devoir,equipe,apprenant), notes collectives et copies d'équipe")
    p.add_argument("action", choices=["import", "apply", "compare", "check"],
                   help="import : enregistrer la liste des équipes ; apply : reporter les notes collectives ; "
                        "compare : comparer les parties collectives des membres ; check : confronter les équipes "
                        "déclarées dans les copies à la liste")
    p.add_argument("file", nargs="?", metavar="FICHIER|DEVOIR",
                   help="CSV des équipes (import) ou identifiant du devoir (compare, check)")
    p.add_argument("--actor", default="formateur", metavar="NOM",
                   help="qui reporte les notes collectives, pour le journal d'audit (par défaut : formateur)")
    p.set_defaults(func=cmd_teams)

    p = command("second-marks", "importer la feuille d'un second correcteur "
                                "(apprenant,devoir,critere,points,commentaire), ou sa feuille anonyme (code au lieu "
                                "d'apprenant)")
    p.add_argument("file", metavar="FICHIER", help="la feuille CSV remplie")
    p.add_argument("--marker", required=True, metavar="NOM", help="nom du second correcteur, gardé avec chaque note")
    p.set_defaults(func=cmd_second_marks)

    p = command("second-marking", "double correction à l'aveugle : préparer l'écran de correction d'un second "
                                  "correcteur (copies sous code anonyme), ou sa feuille anonyme")
    p.add_argument("action", choices=["open", "sheet"],
                   help="open : préparer le notebook de correction du second correcteur ; sheet : écrire la feuille "
                        "anonyme vierge (code;devoir;critere;libelle;niveaux;points;commentaire)")
    p.add_argument("assignment", metavar="DEVOIR", help="le devoir à corriger une seconde fois")
    p.add_argument("file", nargs="?", metavar="FICHIER", help="la feuille CSV à écrire (sheet seulement)")
    p.add_argument("--marker", required=True, metavar="NOM",
                   help="nom du second correcteur : son dossier, l'ordre de ses copies et le nom gardé avec ses notes")
    p.set_defaults(func=cmd_second_marking)

    p = command("agreement", "accord entre correcteurs (exact, kappa pondéré) et liste des copies à modérer")
    p.set_defaults(func=cmd_agreement)

    p = command("moderate", "appliquer une feuille de modération (apprenant,devoir,critere,points,motif,commentaire)")
    p.add_argument("file", metavar="FICHIER", help="la feuille CSV remplie")
    p.add_argument("--moderator", required=True, metavar="NOM",
                   help="la personne qui modère, nommée dans le journal d'audit")
    p.set_defaults(func=cmd_moderate)

    p = command("echeances", "enregistrer les échéances des devoirs pour la cohorte (CSV devoir;echeance, heure de "
                             "Paris, « 15/12/2026 18:00 »)")
    p.add_argument("file", metavar="FICHIER", help="la feuille CSV des échéances")
    p.set_defaults(func=cmd_due_dates)

    p = command("prolongations", "accorder des prolongations motivées "
                                 "(CSV apprenant;devoir;prolongation_jours;motif)")
    p.add_argument("file", metavar="FICHIER", help="la feuille CSV des prolongations")
    p.add_argument("--author", default="formateur", metavar="NOM",
                   help="qui accorde les prolongations, gardé avec chaque motif (par défaut : formateur)")
    p.set_defaults(func=cmd_extensions)

    p = command("jury", "la fiche des notes d'oral du jury, ses décisions, le procès-verbal et les attestations")
    jury = p.add_subparsers(dest="action", required=True, title="actions", metavar="ACTION",
                            help="l'une des actions suivantes")

    def jury_action(name: str, summary: str) -> argparse.ArgumentParser:
        return jury.add_parser(name, help=summary, description=summary[0].upper() + summary[1:] + ".")

    q = jury_action("sheet", "écrire la fiche des notes d'oral du jury")
    q.add_argument("file", metavar="FICHIER", help="la fiche CSV à écrire")
    q.set_defaults(func=cmd_jury)
    q = jury_action("import", "importer la fiche des notes d'oral une fois remplie")
    q.add_argument("file", metavar="FICHIER", help="la fiche CSV remplie")
    q.add_argument("--member", default="jury", metavar="NOM",
                   help="membre ou session du jury, nommé dans le journal d'audit (par défaut : jury)")
    q.set_defaults(func=cmd_jury)
    q = jury_action("decision", "enregistrer la décision du jury sur un bloc d'un candidat, avec son motif")
    q.add_argument("learner", metavar="APPRENANT", help="identifiant de l'apprenant dans le carnet de notes")
    q.add_argument("bloc", metavar="BLOC", help="le bloc, de B1 à B5")
    q.add_argument("decision", metavar="DÉCISION", help="acquis, non_acquis ou en_attente")
    q.add_argument("--session", required=True, metavar="SESSION", help="nom de la session du jury")
    q.add_argument("--motif", required=True, metavar="TEXTE", help="le motif de la décision, repris au procès-verbal")
    q.add_argument("--par", required=True, metavar="NOM",
                   help="le membre du jury qui enregistre la décision, nommé dans le journal d'audit")
    q.set_defaults(func=cmd_jury_decision)
    q = jury_action("pv", "émettre le procès-verbal de délibération, les attestations de blocs et les certificats, "
                          "puis verrouiller les décisions de la session")
    q.add_argument("--session", required=True, metavar="SESSION", help="nom de la session du jury")
    q.add_argument("--date", required=True, metavar="AAAA-MM-JJ", help="date de la délibération")
    q.add_argument("--lieu", required=True, metavar="LIEU", help="lieu de la délibération")
    q.add_argument("--membre", required=True, action="append", metavar="NOM",
                   help="un membre du jury avec sa qualité (« Mme A. B., présidente du jury, professionnelle du "
                        "secteur ») ; une fois par membre, le premier étant le président ou la présidente")
    q.add_argument("--out", default="jury", metavar="DOSSIER",
                   help="dossier de sortie (par défaut : jury) ; chaque version va dans <session>/pv-<n>/")
    q.add_argument("--pdf", action="store_true", help="aussi en PDF (WeasyPrint)")
    q.set_defaults(func=cmd_jury_pv)
    q = jury_action("rouvrir", "rouvrir une session close pour modifier ses décisions (un nouveau procès-verbal "
                               "sera émis)")
    q.add_argument("--session", required=True, metavar="SESSION", help="nom de la session du jury")
    q.add_argument("--motif", required=True, metavar="TEXTE", help="pourquoi la session est rouverte")
    q.add_argument("--par", required=True, metavar="NOM", help="qui rouvre la session, nommé dans le journal d'audit")
    q.set_defaults(func=cmd_jury_reopen)

    p = command("reports", "livrets, tableau de bord de la cohorte et exports CSV, XLSX et Moodle")
    p.add_argument("--out", default="rapports", metavar="DOSSIER", help="dossier de sortie (par défaut : rapports)")
    p.add_argument("--pdf", action="store_true", help="les livrets aussi en PDF (WeasyPrint, environ 1 s chacun)")
    p.add_argument("--moodle-key", choices=["email", "username"], default="email",
                   help="ce qui identifie les apprenants dans l'import Moodle : le courriel (email) ou le nom "
                        "d'utilisateur (username) ; par défaut : email")
    p.set_defaults(func=cmd_reports)

    p = command("retours", "diffuser aux apprenants les retours de devoirs (release_feedback de nbgrader), chaque "
                           "page avec le livret de son apprenant")
    p.add_argument("assignments", nargs="+", metavar="DEVOIR", help="un devoir dont les retours ont été générés")
    p.set_defaults(func=cmd_feedback_release)

    p = command("autograde", "corriger automatiquement toute une cohorte, en parallèle, dans le bac à sable, en "
                             "écartant les copies cassées")
    p.add_argument("assignment", nargs="?", metavar="DEVOIR", help="le devoir à corriger")
    p.add_argument("--all", action="store_true", help="tous les devoirs qui ont des copies déposées")
    p.add_argument("--jobs", type=entier, default=2, metavar="N", help="copies corrigées en parallèle (par défaut : 2)")
    p.add_argument("--sans-bac-a-sable", dest="unsandboxed", action="store_true",
                   help="exécuter le code des apprenants hors du bac à sable (déconseillé)")
    p.add_argument("--feedback", action="store_true",
                   help="puis produire les retours des copies corrigées, en parallèle avec le même --jobs")
    p.add_argument("--sans-prechargement", dest="no_zygote", action="store_true",
                   help="démarrer chaque noyau par un Python neuf plutôt que par le noyau préchargé (plus lent)")
    p.set_defaults(func=cmd_autograde)

    p = command("restore", "lister les sauvegardes du carnet de notes, ou en restaurer une (l'état actuel est "
                           "sauvegardé d'abord)")
    p.add_argument("backup", nargs="?", metavar="SAUVEGARDE",
                   help="le fichier de sauvegarde à restaurer (sans lui : la liste des sauvegardes)")
    p.set_defaults(func=cmd_restore)

    p = command("bench", "mesures de performance : `casp bench autograde [--learners 40]` affiche les durées en JSON")
    p.add_argument("what", choices=["autograde"], help="ce qui est mesuré")
    p.add_argument("--learners", type=entier, default=40, metavar="N", help="apprenants fictifs (par défaut : 40)")
    p.add_argument("--jobs", type=entier, default=2, metavar="N", help="processus en parallèle (par défaut : 2)")
    p.set_defaults(func=cmd_bench)

    p = command("demo", "dérouler tout le cycle nbgrader sur une cohorte fictive")
    p.add_argument("--out", default="demo-output", metavar="DOSSIER",
                   help="dossier de sortie, vidé d'abord (par défaut : demo-output)")
    p.add_argument("--learners", type=entier, default=24, metavar="N", help="apprenants fictifs (par défaut : 24)")
    p.add_argument("--pdf", action="store_true", help="les livrets aussi en PDF (WeasyPrint, environ 1 s chacun)")
    p.set_defaults(func=cmd_demo)

    p = command("lab", "JupyterLab tel que le voit un apprenant (apprenant) ou un formateur (formateur)")
    p.add_argument("--role", metavar="RÔLE", help="apprenant ou formateur")
    p.add_argument("--apprenant", metavar="IDENTIFIANT",
                   help="identifiant de l'apprenant, qui nomme ses dépôts (par défaut : apprenant01)")
    p.add_argument("--dossier", metavar="DOSSIER",
                   help="espace de travail de l'apprenant (par défaut : <cours>/espace-apprenant/<identifiant>)")
    p.add_argument("--devoir", metavar="DEVOIR",
                   help="devoir sur lequel s'ouvre le lab de l'apprenant (par défaut : m13_cas_accueil_orientation)")
    p.add_argument("--port", metavar="PORT", help="port sur 127.0.0.1 (par défaut : un port libre)")
    p.add_argument("--navigateur", action="store_true", help="ouvrir aussi le lab dans le navigateur par défaut")
    p.set_defaults(func=cmd_lab)

    p = command("hub", "le cours sur JupyterHub, un compte Unix par personne (en root) : l'installer et le "
                       "démarrer, ou ajouter des comptes avec `casp hub comptes equipe.csv`")
    p.add_argument("--demo", action="store_true", help="comptes de démonstration (3 apprenants, 1 formateur), Bloc 1 "
                                                       "diffusé, dans /srv/casp-hub-demo sauf --dossier")
    p.add_argument("--dossier", metavar="DOSSIER", help="le dossier du hub (par défaut : /srv/casp-hub)")
    p.add_argument("--maisons", metavar="DOSSIER", help="où sont créés les dossiers personnels (par défaut : /home ; "
                                                        "<dossier>/maisons avec --demo)")
    p.add_argument("--port", metavar="PORT", help="le port du hub sur 127.0.0.1 (par défaut : 8000 ; gardé dans "
                                                  "jupyterhub_config.py)")
    p.add_argument("--comptes", metavar="FICHIER",
                   help="une liste de comptes CSV (identifiant;nom;courriel;rôle) à ajouter avant le démarrage")
    p.add_argument("--diffuser", nargs="+", metavar="DEVOIR", help="les devoirs à diffuser aux apprenants")
    p.add_argument("--authentification", default="demo", choices=("demo", "native", "lti13"),
                   help="la connexion : mot de passe de démonstration partagé (demo), NativeAuthenticator (native) "
                        "ou LTI 1.3 (lti13), écrite une fois dans la configuration ; par défaut : demo")
    p.add_argument("--carnet", default="postgresql", choices=("postgresql", "sqlite"),
                   help="le carnet de notes : une base PostgreSQL propre au hub (postgresql, par défaut) ou SQLite "
                        "dans le dossier du cours (sqlite)")
    hub = p.add_subparsers(dest="hub_action", required=False, title="action facultative",
                           help="sans action : installer et démarrer le hub")
    comptes = hub.add_parser("comptes", help="créer ou mettre à jour des comptes depuis une liste CSV (identifiant, "
                                             "nom, courriel, rôle) ; rien n'est créé si une ligne est fausse",
                             description="Créer ou mettre à jour des comptes du hub depuis une liste CSV "
                                         "(identifiant;nom;courriel;rôle) ; rien n'est créé si une ligne est fausse.")
    comptes.add_argument("fichier", metavar="equipe.csv", help="la liste des comptes")
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
    except KeyboardInterrupt:  # `casp lab` and `casp hub` stop on Ctrl+C themselves; the other commands end here
        print("\ncasp : commande interrompue (Ctrl + C).", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `casp blocs | head`: the reader left, nothing is wrong
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    sys.exit(main())
