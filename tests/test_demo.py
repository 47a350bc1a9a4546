"""`casp demo` on a four-learner cohort: every output is written, with exact marks and decisions.

Marks and decisions are asserted for the onboarding, Bloc 1 and Bloc 2 (M2.3 with its team); columns and counts are
derived from the demo's catalogue, so that adding an assignment breaks no test (the simulated work and
marking are seeded per learner and assignment, so Bloc 1's marks do not move when the catalogue grows).
"""
from __future__ import annotations

import csv
import re

import pandas as pd
import pytest
from rich.console import Console

from course.catalogue import load_catalogue
from course.demo.pipeline import run_demo

LABELS = ["Prise en main", "M1.1", "M1.2", "M1.3", "M1.4", "M2.1", "M2.2", "M2.3"]
LEARNERS = 4  # the smallest cohort with both bloc decisions and a moderation


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    out = tmp_path_factory.mktemp("demo") / "sortie"
    log = out.parent / "console.txt"
    with log.open("w", encoding="utf-8") as handle:
        assert run_demo(out, learners=LEARNERS, console=Console(file=handle, width=160)) == 0
    return out, log.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def catalogue(demo):
    return load_catalogue(demo[0] / "cours")


def test_marks_and_bloc_decisions(demo, catalogue):
    out, console = demo
    marks = pd.read_csv(out / "notes_sur_20.csv")
    blocs = [c for c in marks.columns if c.startswith("Bloc ")]
    assert list(marks.columns) == ["apprenant", "nom", *[a.label for a in catalogue.assignments.values()], *blocs]
    assert blocs[:2] == ["Bloc 1", "Bloc 2"]
    assert marks.set_index("apprenant")[[*LABELS, "Bloc 1", "Bloc 2"]].to_dict("index") == {
        # M1.3 after moderation: M1.3-B went from « en cours » (1st marker) and « maîtrisé » (2nd) to « acquis ».
        "apprenant01": {"Prise en main": 18.0, "M1.1": 8.5, "M1.2": 8.0, "M1.3": 10.0, "M1.4": 8.5, "M2.1": 13.0,
                        "M2.2": 6.0, "M2.3": 7.0, "Bloc 1": "Non acquis", "Bloc 2": "Non acquis"},
        "apprenant02": {"Prise en main": 20.0, "M1.1": 20.0, "M1.2": 19.0, "M1.3": 13.0, "M1.4": 19.5, "M2.1": 19.0,
                        "M2.2": 18.25, "M2.3": 19.5, "Bloc 1": "Acquis", "Bloc 2": "Acquis"},
        # The onboarding is formative: 6.5/20 there does not stop Bloc 1.
        "apprenant03": {"Prise en main": 6.5, "M1.1": 20.0, "M1.2": 16.0, "M1.3": 10.0, "M1.4": 14.5, "M2.1": 19.0,
                        "M2.2": 17.5, "M2.3": 12.5, "Bloc 1": "Acquis", "Bloc 2": "Acquis"},
        # M2.3's collective parts (B, D: 7 points) reach the whole team, apprenant04's empty copy included.
        "apprenant04": {"Prise en main": 6.5, "M1.1": 2.0, "M1.2": 1.5, "M1.3": 0.0, "M1.4": 0.0, "M2.1": 0.0,
                        "M2.2": 6.0, "M2.3": 7.0, "Bloc 1": "Non acquis", "Bloc 2": "Non acquis"},
    }
    assert "Notes sur 20 par apprenant et par modalité, décision par bloc" in console
    # One team of four for M2.3, two collective criteria: 8 copies, the secrétaire's included (its comment gains
    # the « Note collective de l'équipe E1 » prefix); every member handed in the same collective text.
    assert ("Équipes : 1 (note collective reportée sur 8 copies, 0 copie(s) dont la partie collective "
            "diffère)") in console


def test_similarity_finds_the_planted_copy_and_nothing_else(demo):
    out, console = demo
    # apprenant03 hands in apprenant02's M1.1-C answer with sentences reordered; every other copy is in its
    # learner's own words (course/demo/voices.py), so nothing else reaches the threshold.
    match = re.search(r"Similarité des copies \(seuil 0,3\) : 1 paire\(s\) signalée\(s\), dont la copie plantée : "
                      r"apprenant03 reprend la réponse de apprenant02 au critère M1.1-C, similarité (\d,\d+)\.",
                      " ".join(console.split()))  # rich wraps long lines
    assert match and float(match.group(1).replace(",", ".")) >= 0.9, console
    rows = (out / "similarite.csv").read_text(encoding="utf-8-sig").splitlines()
    assert rows[0] == "devoir;critère;copie A;copie B;similarité;passages communs"
    assert [row.split(";")[:4] for row in rows[1:]] == [["m11_recit_de_vie", "M1.1-C", "apprenant02", "apprenant03"]]
    dashboard = (out / "tableau_de_bord.html").read_text(encoding="utf-8")
    assert "<h2>Copies très proches</h2>" in dashboard and "1 paire de copies à examiner" in dashboard


def test_agreement_moderation_and_audit(demo):
    out, _ = demo
    agreement = (out / "accord_correcteurs.csv").read_text(encoding="utf-8").splitlines()
    assert agreement[0] == "portee,identifiant,copies,accord_exact,kappa_lineaire,kappa_quadratique"
    assert "Ensemble,ensemble,24,0.7917,0.7654,0.8172" in agreement
    with (out / "liste_moderation.csv").open(encoding="utf-8") as handle:
        moderation = list(csv.DictReader(handle))
    assert [(m["apprenant"], m["critere"], m["niveau_correcteur_1"], m["niveau_correcteur_2"]) for m in moderation] == [
        ("apprenant04", "M1.1-D", "non_acquis", "acquis"), ("apprenant01", "M1.3-B", "en_cours", "maitrise"),
    ]
    with (out / "journal_audit.csv").open(encoding="utf-8") as handle:
        audit = list(csv.DictReader(handle))
    actions = sorted(row["action"] for row in audit)
    assert actions.count("moderation") == 2 and actions.count("equipe") == 8 and actions.count("jury") == 20
    moderated = [(row["student_id"], row["old_points"], row["new_points"]) for row in audit if row["action"] == "moderation"]
    assert moderated == [("apprenant04", "0.0", "2.0"), ("apprenant01", "1.5", "3.0")]


def test_exports(demo, catalogue):
    out, _ = demo
    assignments = len(catalogue.assignments)
    criteria = pd.read_csv(out / "exports" / "notes_par_critere.csv", sep=";", encoding="utf-8-sig")
    assert len(criteria) == LEARNERS * sum(len(a.rubric) for a in catalogue.assignments.values())
    assert not (criteria["correction_en_attente"] == "oui").any()
    # the demo grades through `casp autograde`: every copy « corrigée », nothing to report (nbgrader's own
    # submission_secret.txt is not an extra file)
    assert set(criteria["correction_automatique"]) == {"corrigée"}
    assert criteria["motifs_correction_automatique"].isna().all()
    decisions = (out / "exports" / "decisions_blocs.csv").read_text(encoding="utf-8-sig").splitlines()
    assert len(decisions) == 1 + LEARNERS * 5
    with (out / "exports" / "import_moodle.csv").open(encoding="utf-8") as handle:
        moodle = list(csv.reader(handle))
    bloc1 = [moodle[0].index(name) for name in moodle[0] if name.startswith("M1.")]
    assert [[row[0], *[row[i] for i in bloc1]] for row in moodle[1:]] == [
        ["apprenant01@formation.example", "8.50", "8.00", "10.00", "8.50"],
        ["apprenant02@formation.example", "20.00", "19.00", "13.00", "19.50"],
        ["apprenant03@formation.example", "20.00", "16.00", "10.00", "14.50"],
        ["apprenant04@formation.example", "2.00", "1.50", "0.00", "0.00"],
    ]
    bloc2 = [moodle[0].index(name) for name in moodle[0] if name.startswith("M2.")]
    assert [[row[0], *[row[i] for i in bloc2]] for row in moodle[1:]] == [
        ["apprenant01@formation.example", "13.00", "6.00", "7.00"],
        ["apprenant02@formation.example", "19.00", "18.25", "19.50"],
        ["apprenant03@formation.example", "19.00", "17.50", "12.50"],
        ["apprenant04@formation.example", "0.00", "6.00", "7.00"],
    ]
    assert (out / "exports" / "notes_par_critere.xlsx").read_bytes()[:2] == b"PK"
    export = (out / "exports" / "export_nbgrader.csv").read_text(encoding="utf-8").splitlines()
    assert len(export) == 1 + LEARNERS * assignments


def test_livrets_dashboard_feedback_and_sheets(demo, catalogue):
    out, _ = demo
    livrets = sorted(p.name for p in (out / "livrets").iterdir())
    assert livrets == [f"livret_apprenant{n:02d}.html" for n in range(1, LEARNERS + 1)]
    livret = (out / "livrets" / "livret_apprenant01.html").read_text(encoding="utf-8")
    assert "Amina Abadie" in livret and "data:image/png;base64," in livret and "Non acquis" in livret
    assert "Modalité(s) sous 10/20 : M1.1 (8,5/20), M1.2 (8/20), M1.4 (8,5/20)." in livret
    assert ("Modalité(s) sous 10/20 : M2.2 (6/20), M2.3 (7/20). Critère(s) écrit ou oral non acquis : M2.2-E (M2.2), "
            "M2.3-C (M2.3), M2.3-E (M2.3).") in livret
    teams = (out / "feuilles" / "verification_equipes.txt").read_text(encoding="utf-8")
    assert "# m23_negociation_groupe — parties collectives (casp teams compare)" in teams
    assert "partie collective identique pour les 4 membres" in teams
    dashboard = (out / "tableau_de_bord.html").read_text(encoding="utf-8")
    assert "0,7654" in dashboard and "M1.3-B" in dashboard
    feedback = sorted(p.relative_to(out / "feedback").as_posix() for p in (out / "feedback").rglob("*.html"))
    assert len(feedback) == LEARNERS * len(catalogue.assignments)
    html = (out / "feedback" / "apprenant01" / "m13_cas_accueil_orientation" / "cas_accueil_orientation.html")
    assert "Note de modération : Acquis." in html.read_text(encoding="utf-8")
    sheet = (out / "feuilles" / "fiche_jury_remplie.csv").read_text(encoding="utf-8-sig").splitlines()
    assert sheet[0] == "apprenant;nom;devoir;modalite;critere;libelle;points_max;points_possibles;note;commentaire"
    orals = sum(c.kind == "oral" for a in catalogue.assignments.values() for c in a.rubric)
    assert len(sheet) == 1 + LEARNERS * (orals + 1)  # the oral criteria and the jury's remarks per learner
    assert (out / "cohorte.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_grading_commands_on_the_demo_course(demo, catalogue, tmp_path, capsys):
    from course.cli import main

    out, _ = demo
    course = ["--course-dir", str(out / "cours")]
    assert main([*course, "agreement"]) == 0
    text = capsys.readouterr().out
    assert "Ensemble   ensemble       24    79.2%      0.7654         0.8172" in text
    assert "apprenant01 m13_cas_accueil_orientation M1.3-B : en_cours / maitrise" in text
    assert main([*course, "blocs"]) == 0
    assert ("  B1 Acquis      Toutes les modalités sont évaluées (M1.1 20/20 ; M1.2 19/20 ; M1.3 13/20 ; "
            "M1.4 19,5/20) ; chaque modalité ≥ 10/20 ; aucun critère écrit ou oral non acquis.") in (blocs := capsys.readouterr().out)
    assert ("  B2 Acquis      Toutes les modalités sont évaluées (M2.1 19/20 ; M2.2 18,25/20 ; M2.3 19,5/20) ; "
            "chaque modalité ≥ 10/20 ; aucun critère écrit ou oral non acquis.") in blocs
    assert main([*course, "review"]) == 0  # nothing pending, nothing between levels
    assert "Correction manuelle en attente : 0" in capsys.readouterr().out
    assert main([*course, "reports", "--out", str(tmp_path / "rapports")]) == 0
    reports = tmp_path / "rapports"
    # One report path: `casp reports` writes the demo's layout, from the same gradebook the same files.
    assert sorted(p.name for p in reports.iterdir()) == [
        "accord_correcteurs.csv", "cohorte.png", "exports", "feedback", "journal_audit.csv", "liste_moderation.csv",
        "livrets", "notes_sur_20.csv", "similarite.csv", "tableau_de_bord.html",
    ]
    assert sorted(p.name for p in (reports / "exports").iterdir()) == sorted(p.name for p in (out / "exports").iterdir())
    for name in ("accord_correcteurs.csv", "liste_moderation.csv", "journal_audit.csv", "notes_sur_20.csv", "similarite.csv",
                 "exports/notes_par_critere.csv", "exports/decisions_blocs.csv", "exports/import_moodle.csv"):
        assert (reports / name).read_text(encoding="utf-8") == (out / name).read_text(encoding="utf-8"), name
    audit = (reports / "journal_audit.csv").read_text(encoding="utf-8").splitlines()
    assert audit[0] == ("id,at,actor,action,student_id,assignment_id,grade_id,old_points,new_points,old_comment,"
                        "new_comment,reason")
    sheet = tmp_path / "jury.csv"
    assert main([*course, "jury", "sheet", str(sheet)]) == 0
    orals = sum(c.kind == "oral" for a in catalogue.assignments.values() for c in a.rubric)
    assert len(sheet.read_text(encoding="utf-8-sig").splitlines()) == 1 + LEARNERS * (orals + 1)
    bad = tmp_path / "moderation.csv"
    bad.write_text("apprenant,devoir,critere,points,motif,commentaire\nzz,m11_recit_de_vie,M1.1-C,5,relu,\n",
                   encoding="utf-8")
    assert main([*course, "moderate", str(bad), "--moderator", "Mme R."]) == 2
    assert "ligne 2" in capsys.readouterr().err
