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
    from .nbgrader_ext.api import load_config

    return load_config(catalogue.course_dir).CourseDirectory.db_url


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


def cmd_demo(args) -> int:
    from rich.console import Console

    from .demo.pipeline import run_demo

    console = Console() if sys.stdout.isatty() else Console(width=150)
    return run_demo(Path(args.out), learners=args.learners, console=console, pdf=args.pdf)


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

    p = sub.add_parser("demo", help="run the whole nbgrader cycle on a synthetic cohort")
    p.add_argument("--out", default="demo-output")
    p.add_argument("--learners", type=int, default=24)
    p.add_argument("--pdf", action="store_true", help="also render each livret as PDF (WeasyPrint, about 1 s each)")
    p.set_defaults(func=cmd_demo)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
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
