"""`casp demo` on a four-learner cohort: every output is written, with exact marks and decisions.

Marks and decisions are asserted for the onboarding, Bloc 1 and Bloc 2 (M2.3 with its team); columns and counts are
derived from the demo's catalogue, so that adding an assignment breaks no test (the simulated work and
marking are seeded per learner and assignment, so Bloc 1's marks do not move when the catalogue grows).
"""
from __future__ import annotations

import csv
import re
from datetime import date, timedelta

import nbformat
import pandas as pd
import pytest
from rich.console import Console

from course.catalogue import load_catalogue
from course.formatting import date_fr
from course.demo.cohort import make_cohort
from course.demo.pipeline import run_demo

LABELS = ["Prise en main", "M1.1", "M1.2", "M1.3", "M1.4", "M2.1", "M2.2", "M2.3"]
LEARNERS = 4  # the smallest cohort with both bloc decisions and a moderation
TODAY = date_fr(date.today())  # the demo's jury deliberates on the day it runs


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
        "apprenant01": {"Prise en main": 18.0, "M1.1": 8.5, "M1.2": 8.0, "M1.3": 8.5, "M1.4": 8.5, "M2.1": 13.0,
                        "M2.2": 6.0, "M2.3": 7.0, "Bloc 1": "Non acquis", "Bloc 2": "Non acquis"},
        # M1.1 after moderation: M1.1-E went from « maîtrisé » (1st marker) and « en cours » (2nd, blind) to « acquis ».
        "apprenant02": {"Prise en main": 20.0, "M1.1": 19.0, "M1.2": 19.0, "M1.3": 13.0, "M1.4": 19.5, "M2.1": 19.0,
                        "M2.2": 18.25, "M2.3": 19.5, "Bloc 1": "Acquis", "Bloc 2": "Acquis"},
        # The onboarding is formative: 6.5/20 there does not stop Bloc 1.
        "apprenant03": {"Prise en main": 6.5, "M1.1": 20.0, "M1.2": 16.0, "M1.3": 10.0, "M1.4": 14.5, "M2.1": 19.0,
                        "M2.2": 17.5, "M2.3": 12.5, "Bloc 1": "Acquis", "Bloc 2": "Acquis"},
        # M2.3's collective parts (B, D: 7 points) reach the whole team, apprenant04's empty copy included.
        "apprenant04": {"Prise en main": 6.5, "M1.1": 0.0, "M1.2": 1.5, "M1.3": 0.0, "M1.4": 0.0, "M2.1": 0.0,
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


def test_due_dates_late_copies_and_extension(demo):
    out, console = demo
    text = " ".join(console.split())
    assert (f"Échéances : tous les devoirs pour le {date_fr(date.today() + timedelta(days=7))} à 18 h 00 (heure de "
            "Paris), affichée en tête des notebooks ; 2 copie(s) en retard signalée(s) au jury : apprenant02 "
            "(m14_note_observation, 1 j 3 h), apprenant03 (m14_note_observation, 5 h) ; 1 prolongation(s) accordée(s) "
            "avec leur motif.") in text
    notebook = nbformat.read(out / "apprenants" / "apprenant01" / "casp-rncp7426" / "m13_cas_accueil_orientation"
                             / "cas_accueil_orientation.ipynb", as_version=4)
    assert notebook.cells[0].source.startswith("**À rendre au plus tard le ")
    criteria = pd.read_csv(out / "exports" / "notes_par_critere.csv", sep=";", encoding="utf-8-sig")
    late = criteria.dropna(subset=["retard"]).groupby(["apprenant", "devoir"])["retard"].first().to_dict()
    assert late == {("apprenant02", "m14_note_observation"): "1 j 3 h", ("apprenant03", "m14_note_observation"): "5 h"}


def test_blind_second_marking_leaves_no_name_with_the_marker(demo):
    out, _ = demo
    folder = out / "cours" / "double-correction" / "m13_cas_accueil_orientation" / "m-d-second-correcteur"
    assert sorted(p.name for p in folder.iterdir()) == ["copies.json", "correction.ipynb"]
    marker_files = "\n".join(p.read_text(encoding="utf-8") for p in folder.iterdir())
    for learner in make_cohort(LEARNERS):
        assert not {learner.id, learner.first_name, learner.last_name, learner.email} & set(re.findall(
            r"[\w.@'-]+", marker_files))
    sheet = (out / "feuilles" / "double_correction_m11_recit_de_vie.csv").read_text(encoding="utf-8-sig")
    assert sheet.splitlines()[0] == "code;devoir;critere;libelle;niveaux;points;commentaire"
    assert "apprenant" not in sheet


def test_jury_minutes_certificates_and_what_learners_fetch(demo, catalogue):
    out, _ = demo
    pv = out / "jury" / "session-de-demonstration" / "pv-1"
    assert sorted(p.name for p in pv.iterdir()) == [
        "attestation_apprenant02.html", "attestation_apprenant03.html", "proces-verbal.html"]
    minutes = " ".join(re.sub(r"<style.*?</style>|<[^>]+>", " ", (pv / "proces-verbal.html").read_text(
        encoding="utf-8"), flags=re.S).split())
    assert ("Totaux de la session Candidats 4 Blocs validés (toutes candidatures) 4 sur 20 Certifications complètes "
            "(les 5 blocs acquis) 0 Validations partielles (au moins un bloc acquis) 2") in minutes
    assert f"Date de la délibération {TODAY} Lieu Lyon, centre de formation, salle 204" in minutes
    attestation = (pv / "attestation_apprenant02.html").read_text(encoding="utf-8")
    assert "<strong>Bastien Hoarau</strong> a validé" in attestation and "les 2 blocs de compétences suivants" in attestation
    fetched = sorted((out / "apprenants").glob("*/casp-rncp7426/*/feedback/*/*.html"))
    assert len(fetched) == LEARNERS * len(catalogue.assignments)
    page = next(p for p in fetched if "apprenant01" in p.parts and "m13_cas_accueil_orientation" in p.parts)
    html = page.read_text(encoding="utf-8")
    assert "Livret de certification — votre exemplaire" in html and "Amina Abadie" in html
    assert "Double correction" not in html and "Bastien Hoarau" not in html and "second correcteur" not in html


def test_agreement_moderation_and_audit(demo):
    out, _ = demo
    agreement = (out / "accord_correcteurs.csv").read_text(encoding="utf-8").splitlines()
    assert agreement[0] == "portee,identifiant,copies,accord_exact,kappa_lineaire,kappa_quadratique"
    # The second marker read M1.3 on the blind screen and M1.1 on the anonymised sheet: 24 criteria in all.
    assert "Ensemble,ensemble,24,0.7083,0.7209,0.8204" in agreement
    with (out / "liste_moderation.csv").open(encoding="utf-8") as handle:
        moderation = list(csv.DictReader(handle))
    assert [(m["apprenant"], m["critere"], m["niveau_correcteur_1"], m["niveau_correcteur_2"]) for m in moderation] == [
        ("apprenant02", "M1.1-E", "maitrise", "en_cours"),
    ]
    assert re.fullmatch(r"C-[A-Z2-9]{4}", moderation[0]["code_anonyme"])  # the code the second marker saw
    with (out / "journal_audit.csv").open(encoding="utf-8") as handle:
        audit = list(csv.DictReader(handle))
    actions = sorted(row["action"] for row in audit)
    # One blind mark per criterion: the comment waits for the level, no second save, no « second_mark » row.
    assert {action: actions.count(action) for action in set(actions)} == {
        "moderation": 1, "equipe": 8, "jury": 20, "jury_pv": 1}
    moderated = [(row["student_id"], row["old_points"], row["new_points"]) for row in audit if row["action"] == "moderation"]
    assert moderated == [("apprenant02", "3.5", "2.5")]


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
        ["apprenant01@formation.example", "8.50", "8.00", "8.50", "8.50"],
        ["apprenant02@formation.example", "19.00", "19.00", "13.00", "19.50"],
        ["apprenant03@formation.example", "20.00", "16.00", "10.00", "14.50"],
        ["apprenant04@formation.example", "0.00", "1.50", "0.00", "0.00"],
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
    assert "Modalité(s) sous 10/20 : M1.1 (8,5/20), M1.2 (8/20), M1.3 (8,5/20), M1.4 (8,5/20)." in livret
    assert f"Décision arrêtée par le jury (session « Session de démonstration », procès-verbal n° 1 du {TODAY})." in livret
    assert ("Modalité(s) sous 10/20 : M2.2 (6/20), M2.3 (7/20). Critère(s) écrit ou oral non acquis : M2.2-E (M2.2), "
            "M2.3-C (M2.3), M2.3-E (M2.3).") in livret
    teams = (out / "feuilles" / "verification_equipes.txt").read_text(encoding="utf-8")
    assert "# m23_negociation_groupe — parties collectives (casp teams compare)" in teams
    assert "partie collective identique pour les 4 membres" in teams
    dashboard = (out / "tableau_de_bord.html").read_text(encoding="utf-8")
    assert "0,7209" in dashboard and "M1.3-B" in dashboard
    feedback = sorted(p.relative_to(out / "feedback").as_posix() for p in (out / "feedback").rglob("*.html"))
    assert len(feedback) == LEARNERS * len(catalogue.assignments)
    html = (out / "feedback" / "apprenant02" / "m11_recit_de_vie" / "recit_de_vie.html")
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
    assert "Ensemble   ensemble       24    70.8%      0.7209         0.8204" in text
    # the moderator sees the learner and the anonymous code the second marker saw (random: C- and four characters)
    assert re.search(r"  apprenant02 \(C-[A-Z2-9]{4}\) m11_recit_de_vie M1.1-E : maitrise / en_cours", text)
    assert main([*course, "blocs"]) == 0
    locked = f" Décision arrêtée par le jury (session « Session de démonstration », procès-verbal n° 1 du {TODAY})."
    assert ("  B1 Acquis      Toutes les modalités sont évaluées (M1.1 19/20 ; M1.2 19/20 ; M1.3 13/20 ; "
            "M1.4 19,5/20) ; chaque modalité ≥ 10/20 ; aucun critère écrit ou oral non acquis." + locked
            ) in (blocs := capsys.readouterr().out)
    assert ("  B2 Acquis      Toutes les modalités sont évaluées (M2.1 19/20 ; M2.2 18,25/20 ; M2.3 19,5/20) ; "
            "chaque modalité ≥ 10/20 ; aucun critère écrit ou oral non acquis." + locked) in blocs
    assert "  B3 Non évalué  Aucune modalité du bloc 3 n'est encore proposée dans le catalogue.\n" in blocs
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
