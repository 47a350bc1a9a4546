"""Time the livrets and the dashboard on a synthetic cohort: 500 learners × 19 modalities by default.

The cohort is built in memory from a synthetic catalogue (one assignment per modality M1.1 … M5.3,
four criteria each, covering all 19 competences) with seeded random results, then run through the
real profile, bloc decisions and review. Prints one JSON object; target: total_s < 30 on 2 cores.

    .venv/bin/python benchmarks/bench_reports.py [--learners 500] [--processes N] [--keep DIR]
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import yaml

from course.catalogue import Catalogue, load_catalogue
from course.grading.agreement import agreement_report
from course.grading.blocs import decide_blocs
from course.grading.cohort import CohortData, LearnerInfo
from course.grading.double_marking import MarkPair
from course.grading.moderation import moderation_list
from course.grading.profile import competence_profile
from course.grading.results import CriterionResult
from course.grading.review import review
from course.referential import load_referential
from course.reports.dashboard import write_dashboard
from course.reports.livret import write_livrets
from course.rubric import LEVEL_KEYS

SEED = 7426
LEVELS = {
    "non_acquis": "Les éléments attendus sont absents ou erronés.",
    "en_cours": "Une partie des éléments attendus est présente, sans lien entre eux.",
    "acquis": "Les éléments attendus sont présents, exacts et reliés à la situation.",
    "maitrise": "En plus : l'analyse est nuancée, argumentée et transposable à d'autres situations.",
}
# kind, points, label
CRITERIA = (
    ("auto", 6, "Exploiter les données de la situation"),
    ("ecrit", 5, "Rédiger l'analyse de la situation"),
    ("ecrit", 5, "Formuler des hypothèses & des pistes d'action"),
    ("oral", 4, "Présenter et argumenter à l'oral"),
)
FIRST_NAMES = ("Amina", "Bruno", "Chloé", "Driss", "Élodie", "Farid", "Gaëlle", "Hugo", "Inès", "Jérôme",
               "Karima", "Léa", "Mathis", "Nadia", "Océane", "Patrice", "Rania", "Sébastien", "Thaïs", "Yanis")
LAST_NAMES = ("Abadie", "Benoît", "Carré", "Da Silva", "Éloi", "Fournier", "Gomez", "Hébert", "Ibrahim", "Joly",
              "Kone", "Lefèvre", "Marchand", "N'Guessan", "Olivier", "Perrin", "Quéré", "Roux", "Sanchez", "Traoré")
COMMENTS = (
    "Analyse claire ; les hypothèses mériteraient d'être reliées aux données.",
    "Bon repérage des dispositifs (CAF, France Travail), mais l'orientation reste générale.",
    "Attention au vocabulaire : « usager » plutôt que « client ».",
    "Écrit trop court : reprenez la consigne & les trois parties attendues.",
    "Très bonne posture <d'écoute> : reformulations justes, \"silences\" respectés.",
)


def synthetic_catalogue(folder: Path) -> Catalogue:
    """One assignment per modality, written as catalogue YAMLs and loaded by the real loader."""
    referential = load_referential()
    (folder / "assignments").mkdir(parents=True)
    for bloc in referential.blocs:
        competences = [c.id for c in bloc.competences]
        for index, modality in enumerate(bloc.modalities):
            rubric = []
            for number, (kind, points, label) in enumerate(CRITERIA):
                letter = "ABCD"[number]
                criterion = {
                    "id": f"{modality.id}-{letter}", "label": label, "kind": kind,
                    "competences": [competences[(index + number) % len(competences)]],
                    "points": points, "levels": LEVELS,
                }
                if kind == "auto":
                    criterion["grade_ids"] = [f"q{n}_tests" for n in range(1, 4)]
                else:
                    criterion["grade_ids"] = [f"{kind}_{letter.lower()}"]
                    criterion["consigne"] = "Répondez en vous appuyant sur la situation."
                if kind == "ecrit":
                    criterion["writing"] = {"words": [150, 400], "parts": ["Situation", "Analyse"]}
                rubric.append(criterion)
            assignment_id = "m" + modality.id[1:].replace(".", "") + "_synthetique"
            entry = {"id": assignment_id, "title": f"Épreuve synthétique {modality.id}", "modality": modality.id,
                     "duration_minutes": 120, "notebooks": [f"{assignment_id}.ipynb"],
                     "instructions": modality.text, "rubric": rubric}
            (folder / "assignments" / f"{assignment_id}.yaml").write_text(
                yaml.safe_dump(entry, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return load_catalogue(folder)


def synthetic_cohort(catalogue: Catalogue, learners: int) -> CohortData:
    rng = np.random.default_rng(SEED)
    people = [
        LearnerInfo(f"app{n:04d}", FIRST_NAMES[n % len(FIRST_NAMES)], LAST_NAMES[(n * 7) % len(LAST_NAMES)],
                    f"app{n:04d}@example.org" if n % 4 else "")
        for n in range(1, learners + 1)
    ]
    rows: list[CriterionResult] = []
    for person in people:
        ability = float(np.clip(rng.normal(0.64, 0.14), 0.1, 1.0))
        for assignment in catalogue.assignments.values():
            if rng.random() < 0.03:
                continue  # not handed in
            for criterion in assignment.rubric:
                share = float(np.clip(ability + rng.normal(0, 0.17), 0, 1))
                if criterion.kind == "auto":
                    points = round(share * criterion.points * 2) / 2
                else:  # graders give the points of a level
                    points = criterion.scale[min(int(share * 4), 3)].points
                level = criterion.level_for(points)
                pending = criterion.kind != "auto" and rng.random() < 0.01
                comment = COMMENTS[int(rng.integers(len(COMMENTS)))] if criterion.kind != "auto" and \
                    rng.random() < 0.3 else ""
                rows.append(CriterionResult(
                    person.id, assignment.id, assignment.modality or "", criterion.id, criterion.label,
                    criterion.kind, " ".join(criterion.competences), points, criterion.points, level.key,
                    level.label, level.descriptor, comment, pending,
                ))
    ids = [person.id for person in people]
    return CohortData(
        catalogue=catalogue, learners=people, rows=rows,
        profile=competence_profile(rows, list(catalogue.referential.competences), ids),
        decisions=decide_blocs(catalogue, rows, ids), flags=review(catalogue, rows, ids),
        remarks={sid: "Parcours régulier ; à encourager sur l'écrit." for sid in ids[::10]},
    )


def synthetic_double_marking(catalogue: Catalogue, cohort: CohortData):
    """A second marker for one written or oral criterion in ten, through the real agreement and moderation code."""
    rng = np.random.default_rng(SEED + 1)
    pairs = []
    for row in cohort.rows:
        if row.kind == "auto" or row.needs_manual_grade or rng.random() >= 0.1:
            continue
        criterion = catalogue.assignment(row.assignment_id).criterion(row.criterion_id)
        index = LEVEL_KEYS.index(row.level) + int(rng.choice([-2, -1, 0, 0, 0, 1, 1]))
        second = criterion.scale[min(max(index, 0), 3)]
        pairs.append(MarkPair(row.student_id, row.assignment_id, row.modality, row.criterion_id,
                              criterion.grade_ids[0], row.points, second.points, row.level, second.key,
                              second_marker="second correcteur"))
    return agreement_report(pairs), moderation_list(pairs)


def _cpu() -> float:
    """CPU seconds of this process and of its finished worker processes."""
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=500)
    parser.add_argument("--processes", type=int, default=1, help="worker processes for the livrets (default 1)")
    parser.add_argument("--keep", type=Path, default=None, help="write the reports here instead of a temp folder")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-rapports-") as scratch:
        scratch = Path(scratch)
        started = time.perf_counter()
        catalogue = synthetic_catalogue(scratch / "cours")
        cohort = synthetic_cohort(catalogue, args.learners)
        agreement, moderation = synthetic_double_marking(catalogue, cohort)
        setup = time.perf_counter() - started
        out = args.keep or scratch / "rapports"
        cpu, started = _cpu(), time.perf_counter()
        livrets = write_livrets(cohort, out / "livrets", agreement, processes=args.processes)
        livrets_s, livrets_cpu = time.perf_counter() - started, _cpu() - cpu
        cpu, started = _cpu(), time.perf_counter()
        dashboard = write_dashboard(cohort, out / "tableau_de_bord.html", agreement, moderation)
        dashboard_s, dashboard_cpu = time.perf_counter() - started, _cpu() - cpu
        result = {
            "learners": len(cohort.learners),
            "modalities": len({a.modality for a in catalogue.assignments.values()}),
            "rows": len(cohort.rows),
            "agreement_rows": len(agreement),
            "moderation": len(moderation),
            "livrets": len(livrets),
            "livrets_mb": round(sum(p.stat().st_size for p in livrets) / 1e6, 1),
            "dashboard_kb": round(dashboard.stat().st_size / 1e3),
            "cpus": os.cpu_count(),
            "load_1min": round(os.getloadavg()[0], 2),
            "livrets_cpu_s": round(livrets_cpu, 2),
            "dashboard_cpu_s": round(dashboard_cpu, 2),
            "setup_s": round(setup, 2),
            "livrets_s": round(livrets_s, 2),
            "dashboard_s": round(dashboard_s, 2),
            "total_s": round(livrets_s + dashboard_s, 2),
        }
    print(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
