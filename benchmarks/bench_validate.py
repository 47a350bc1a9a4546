"""Time `casp validate` on assignments of the course: the author's loop, target < 30 s per assignment on 2 cores.

Each run builds the assignment in a scratch course, runs the catalogue checks, has nbgrader generate the
release, autogrades the model answers and a blank copy (sandboxed when bubblewrap works) and runs every
mutant in one kernel. Prints one JSON object: per assignment, the number of mutants and the minimum, median
and maximum wall time over `--runs` runs, and whether every check passed.

    .venv/bin/python benchmarks/bench_validate.py [ASSIGNMENT…] [--runs 3] [--jobs 2]
"""
from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

from course.authoring.mutants import load_mutants
from course.catalogue import load_catalogue
from course.nbgrader_ext.api import ensure_tools_on_path, quiet_nbgrader_warnings
from course.nbgrader_ext.validate import validate_assignment

REPO = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("assignments", nargs="*", help="default: every assignment of the catalogue")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    ensure_tools_on_path()
    quiet_nbgrader_warnings()
    catalogue = load_catalogue(REPO)
    results = {}
    for assignment_id in args.assignments or list(catalogue.assignments):
        assignment = catalogue.assignment(assignment_id)
        seconds, ok = [], True
        for _ in range(args.runs):
            started = time.perf_counter()
            report = validate_assignment(REPO, assignment_id, jobs=args.jobs)
            seconds.append(time.perf_counter() - started)
            ok = ok and report.ok
        results[assignment_id] = {
            "mutants": sum(len(m) for m in load_mutants(catalogue.assignment_dir(assignment)).values()),
            "min_s": round(min(seconds), 2), "median_s": round(statistics.median(seconds), 2),
            "max_s": round(max(seconds), 2), "all_checks_passed": ok,
        }
    print(json.dumps(results, ensure_ascii=False))


if __name__ == "__main__":
    main()
