"""Cohort exports (CSV for French Excel, XLSX, Moodle import) on a hand-built cohort with tricky names,
a learner without e-mail, a copy not handed in and a copy still awaiting a manual mark."""
from __future__ import annotations

import csv
import dataclasses

import pandas as pd
import pytest
from openpyxl import load_workbook

from course.catalogue import Catalogue
from course import CourseError
from course.grading.autograde_statuses import AutogradeStatus, load_statuses, status_path
from course.grading.blocs import BlocDecision
from course.grading.cohort import CohortData, LearnerInfo
from course.grading.results import CriterionResult
from course.reports.exports import (
    ExportError, write_bloc_decisions_csv, write_criteria_csv, write_criteria_xlsx, write_moodle_csv,
)
from course.rubric import LEVEL_LABELS
from tests.conftest import write_mini_course

ZOE_LAST = "d'Arc, \"la Pucelle\""
ANAIS_COMMENT = "Très bon récit ; la partie « Hypothèses » est \"solide\".\nPensez à citer la CAF, le CCAS."
M11 = "M1.1 Analyse de parcours, rédaction et partage d'un récit de vie (note sur 20)"
B1_TITLE = "Réception, analyse de la demande et élaboration d'un premier diagnostic"
B2_TITLE = "Information, orientation des personnes à partir des situations identifiées"


def result(catalogue, student_id, criterion_id, points, comment="", pending=False) -> CriterionResult:
    criterion = catalogue.assignment("mini").criterion(criterion_id)
    level = criterion.level_for(points)
    return CriterionResult(
        student_id, "mini", "M1.1", criterion_id, criterion.label, criterion.kind, " ".join(criterion.competences),
        points, criterion.points, level.key, LEVEL_LABELS[level.key], level.descriptor, comment, pending,
    )


@pytest.fixture
def cohort(tmp_path) -> CohortData:
    catalogue = Catalogue(write_mini_course(tmp_path / "cours"))
    learners = [
        LearnerInfo("anais", "Anaïs", "Lefèvre-Müller", "anais@formation.example"),
        LearnerInfo("karim", "Karim", "Benali", ""),
        LearnerInfo("lea", "Léa", "Martin", "lea@formation.example"),
        LearnerInfo("zoe", "Zoé", ZOE_LAST, "zoe.darc@formation.example"),
    ]
    rows = [
        result(catalogue, "anais", "M1.1-A", 4.0),
        result(catalogue, "anais", "M1.1-B", 6.0, ANAIS_COMMENT),
        result(catalogue, "anais", "M1.1-C", 5.5),
        result(catalogue, "karim", "M1.1-A", 0.0),
        result(catalogue, "karim", "M1.1-B", 3.0, "Trop court."),
        result(catalogue, "karim", "M1.1-C", 3.5),
        # lea handed nothing in; zoe's written answer still awaits its manual mark
        result(catalogue, "zoe", "M1.1-A", 2.0),
        result(catalogue, "zoe", "M1.1-B", 0.0, pending=True),
        result(catalogue, "zoe", "M1.1-C", 8.0, "=B2 : exposé clair"),
    ]
    b1 = {"M1.1": None, "M1.2": None, "M1.3": None, "M1.4": None}
    b2 = {"M2.1": None, "M2.2": None, "M2.3": None}
    not_offered = ["Aucune modalité du bloc 2 n'est encore proposée dans le catalogue."]
    decisions = []
    for sid, decision, reasons in [
        ("anais", "non_acquis", ["Aucune note pour M1.2, M1.3, M1.4."]),
        ("karim", "non_acquis", ["Modalité(s) sous 10/20 : M1.1 (6,5/20).", "Critère(s) non acquis : M1.1-A (M1.1)."]),
        ("lea", "non_acquis", ["Aucune note pour M1.1, M1.2, M1.3, M1.4."]),
        ("zoe", "en_attente", ["Correction manuelle à terminer : M1.1-B."]),
    ]:
        decisions += [BlocDecision(sid, "B1", decision, reasons, dict(b1)),
                      BlocDecision(sid, "B2", "non_evalue", list(not_offered), dict(b2))]
    return CohortData(catalogue, learners, rows, profile={}, decisions=decisions, flags=[])


CRITERIA_CSV = "\r\n".join([
    "apprenant;nom;prenom;courriel;devoir;modalite;critere;libelle;competences;points;points_max;niveau;descripteur;"
    "commentaire;correction_en_attente;correction_automatique;motifs_correction_automatique;retard",
    "anais;Lefèvre-Müller;Anaïs;anais@formation.example;mini;M1.1;M1.1-A;Calcul;C1.3, C5.1;4;4;Maîtrisé;"
    "Tout est observable et argumenté.;;non;;;",
    "anais;Lefèvre-Müller;Anaïs;anais@formation.example;mini;M1.1;M1.1-B;Récit;C1.1, C1.2;6;8;Acquis;"
    "L'essentiel est observable.;\"Très bon récit ; la partie « Hypothèses » est \"\"solide\"\".\n"
    "Pensez à citer la CAF, le CCAS.\";non;;;",
    "anais;Lefèvre-Müller;Anaïs;anais@formation.example;mini;M1.1;M1.1-C;Oral;C1.4, C1.5;5,5;8;Acquis;"
    "L'essentiel est observable.;;non;;;",
    "karim;Benali;Karim;;mini;M1.1;M1.1-A;Calcul;C1.3, C5.1;0;4;Non acquis;Rien d'observable.;;non;;;",
    "karim;Benali;Karim;;mini;M1.1;M1.1-B;Récit;C1.1, C1.2;3;8;En cours d'acquisition;"
    "Quelques éléments observables.;Trop court.;non;;;",
    "karim;Benali;Karim;;mini;M1.1;M1.1-C;Oral;C1.4, C1.5;3,5;8;En cours d'acquisition;"
    "Quelques éléments observables.;;non;;;",
    "lea;Martin;Léa;lea@formation.example;mini;M1.1;M1.1-A;Calcul;C1.3, C5.1;;4;Non rendu;;;non;;;",
    "lea;Martin;Léa;lea@formation.example;mini;M1.1;M1.1-B;Récit;C1.1, C1.2;;8;Non rendu;;;non;;;",
    "lea;Martin;Léa;lea@formation.example;mini;M1.1;M1.1-C;Oral;C1.4, C1.5;;8;Non rendu;;;non;;;",
    "zoe;\"d'Arc, \"\"la Pucelle\"\"\";Zoé;zoe.darc@formation.example;mini;M1.1;M1.1-A;Calcul;C1.3, C5.1;2;4;"
    "En cours d'acquisition;Quelques éléments observables.;;non;;;",
    "zoe;\"d'Arc, \"\"la Pucelle\"\"\";Zoé;zoe.darc@formation.example;mini;M1.1;M1.1-B;Récit;C1.1, C1.2;;8;"
    "En attente;;;oui;;;",
    "zoe;\"d'Arc, \"\"la Pucelle\"\"\";Zoé;zoe.darc@formation.example;mini;M1.1;M1.1-C;Oral;C1.4, C1.5;8;8;"
    "Maîtrisé;Tout est observable et argumenté.;=B2 : exposé clair;non;;;",
]) + "\r\n"


def test_criteria_csv_exact_bytes(cohort, tmp_path):
    path = tmp_path / "criteres.csv"
    assert write_criteria_csv(cohort, path) == 12
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: French Excel opens it as UTF-8
    assert raw.decode("utf-8-sig") == CRITERIA_CSV


def test_criteria_csv_round_trips_with_pandas_and_csv(cohort, tmp_path):
    path = tmp_path / "criteres.csv"
    write_criteria_csv(cohort, path)
    frame = pd.read_csv(path, sep=";", encoding="utf-8-sig", decimal=",")
    assert len(frame) == 12 and frame["points"].dtype == float
    zoe = frame[frame["apprenant"] == "zoe"]
    assert set(zoe["nom"]) == {ZOE_LAST}
    assert set(zoe["prenom"]) == {"Zoé"}
    anais = frame[(frame["apprenant"] == "anais")].set_index("critere")
    assert anais.loc["M1.1-B", "commentaire"] == ANAIS_COMMENT
    assert anais.loc["M1.1-B", "nom"] == "Lefèvre-Müller"
    assert anais["points"].tolist() == [4.0, 6.0, 5.5]
    assert frame.loc[frame["apprenant"] == "lea", "points"].isna().all()
    with path.open(encoding="utf-8-sig", newline="") as handle:
        records = list(csv.DictReader(handle, delimiter=";"))
    assert [r["niveau"] for r in records if r["apprenant"] == "zoe"] == [
        "En cours d'acquisition", "En attente", "Maîtrisé"]
    assert [r["correction_en_attente"] for r in records if r["apprenant"] == "zoe"] == ["non", "oui", "non"]
    assert [r["points"] for r in records if r["apprenant"] == "lea"] == ["", "", ""]
    assert records[1]["commentaire"] == ANAIS_COMMENT


BLOCS_CSV = "\r\n".join([
    "apprenant;nom;prenom;bloc;intitule_bloc;decision;motif;M1.1;M1.2;M1.3;M1.4;M2.1;M2.2;M2.3",
    f"anais;Lefèvre-Müller;Anaïs;B1;{B1_TITLE};Non acquis;Aucune note pour M1.2, M1.3, M1.4.;15,5;;;;;;",
    f"anais;Lefèvre-Müller;Anaïs;B2;{B2_TITLE};Non évalué;"
    "Aucune modalité du bloc 2 n'est encore proposée dans le catalogue.;;;;;;;",
    f"karim;Benali;Karim;B1;{B1_TITLE};Non acquis;"
    "Modalité(s) sous 10/20 : M1.1 (6,5/20). Critère(s) non acquis : M1.1-A (M1.1).;6,5;;;;;;",
    f"karim;Benali;Karim;B2;{B2_TITLE};Non évalué;"
    "Aucune modalité du bloc 2 n'est encore proposée dans le catalogue.;;;;;;;",
    f"lea;Martin;Léa;B1;{B1_TITLE};Non acquis;Aucune note pour M1.1, M1.2, M1.3, M1.4.;Non rendu;;;;;;",
    f"lea;Martin;Léa;B2;{B2_TITLE};Non évalué;"
    "Aucune modalité du bloc 2 n'est encore proposée dans le catalogue.;;;;;;;",
    f"zoe;\"d'Arc, \"\"la Pucelle\"\"\";Zoé;B1;{B1_TITLE};En attente;"
    "Correction manuelle à terminer : M1.1-B.;En attente;;;;;;",
    f"zoe;\"d'Arc, \"\"la Pucelle\"\"\";Zoé;B2;{B2_TITLE};Non évalué;"
    "Aucune modalité du bloc 2 n'est encore proposée dans le catalogue.;;;;;;;",
]) + "\r\n"


def test_bloc_decisions_csv_exact(cohort, tmp_path):
    path = tmp_path / "blocs.csv"
    assert write_bloc_decisions_csv(cohort, path) == 8
    assert path.read_bytes().decode("utf-8-sig") == BLOCS_CSV
    frame = pd.read_csv(path, sep=";", encoding="utf-8-sig", decimal=",", keep_default_na=False, dtype=str)
    assert frame.loc[frame["apprenant"] == "zoe", "nom"].tolist() == [ZOE_LAST, ZOE_LAST]


def test_xlsx_sheets_cells_and_layout(cohort, tmp_path):
    path = tmp_path / "cohorte.xlsx"
    assert write_criteria_xlsx(cohort, path) == {"Critères": 12, "Blocs": 8, "Notes": 4}
    workbook = load_workbook(path)
    assert workbook.sheetnames == ["Critères", "Blocs", "Notes"]

    criteria = workbook["Critères"]
    rows = [[cell.value for cell in row] for row in criteria.iter_rows()]
    assert rows[0] == ["apprenant", "nom", "prenom", "courriel", "devoir", "modalite", "critere", "libelle",
                       "competences", "points", "points_max", "niveau", "descripteur", "commentaire",
                       "correction_en_attente", "correction_automatique", "motifs_correction_automatique",
                       "retard"]
    assert rows[2] == ["anais", "Lefèvre-Müller", "Anaïs", "anais@formation.example", "mini", "M1.1", "M1.1-B",
                       "Récit", "C1.1, C1.2", 6, 8, "Acquis", "L'essentiel est observable.", ANAIS_COMMENT, "non",
                       None, None, None]
    assert rows[11] == ["zoe", ZOE_LAST, "Zoé", "zoe.darc@formation.example", "mini", "M1.1", "M1.1-B", "Récit",
                        "C1.1, C1.2", None, 8, "En attente", None, None, "oui", None, None, None]
    assert rows[12][13] == "=B2 : exposé clair" and criteria.cell(13, 14).data_type == "s"
    assert criteria.cell(4, 10).value == 5.5 and isinstance(criteria.cell(4, 10).value, float)
    assert len(rows) == 13
    for sheet in workbook.worksheets:
        assert sheet.freeze_panes == "A2"
        assert all(cell.font.bold for cell in sheet[1])
        assert sheet["A1"].fill.fgColor.rgb == "00005685"  # palette.TEXT_COLOURS["bleu"]
        assert sheet["A1"].font.color.rgb == "00FFFFFF"  # contrast 7.9:1 on that blue
    widths = {letter: criteria.column_dimensions[letter].width for letter in "ABMN"}
    assert widths == {"A": 11, "B": 21, "M": 35, "N": 57}  # longest line + 2
    assert workbook["Blocs"].column_dimensions["E"].width == 60  # capped
    assert criteria["N3"].alignment.wrap_text

    blocs = [[cell.value for cell in row] for row in workbook["Blocs"].iter_rows()]
    assert blocs[0] == ["apprenant", "nom", "prenom", "bloc", "intitule_bloc", "decision", "motif",
                        "M1.1", "M1.2", "M1.3", "M1.4", "M2.1", "M2.2", "M2.3"]
    assert blocs[1] == ["anais", "Lefèvre-Müller", "Anaïs", "B1", B1_TITLE, "Non acquis",
                        "Aucune note pour M1.2, M1.3, M1.4.", 15.5, None, None, None, None, None, None]
    assert blocs[7][5:8] == ["En attente", "Correction manuelle à terminer : M1.1-B.", "En attente"]

    notes = [[cell.value for cell in row] for row in workbook["Notes"].iter_rows()]
    assert notes == [
        ["apprenant", "nom", "prenom", M11],
        ["anais", "Lefèvre-Müller", "Anaïs", 15.5],
        ["karim", "Benali", "Karim", 6.5],
        ["lea", "Martin", "Léa", "Non rendu"],
        ["zoe", ZOE_LAST, "Zoé", "En attente"],
    ]
    assert workbook["Notes"]["D2"].number_format == "0.00"


def test_moodle_by_email_skips_learner_without_email(cohort, tmp_path):
    path = tmp_path / "moodle.csv"
    export = write_moodle_csv(cohort, path)
    assert path.read_bytes().decode("utf-8") == (
        f'Adresse de courriel,"{M11}"\r\n'
        "anais@formation.example,15.50\r\n"
        "lea@formation.example,-\r\n"
        "zoe.darc@formation.example,-\r\n"
    )
    assert export.written == ["anais", "lea", "zoe"]
    assert [(s.student_id, s.name, s.reason) for s in export.skipped] == [
        ("karim", "Karim Benali", "pas d'adresse de courriel dans le carnet de notes nbgrader")]
    assert [(b.student_id, b.modality, b.reason) for b in export.blanks] == [
        ("lea", "M1.1", "copie non rendue"), ("zoe", "M1.1", "correction manuelle en attente")]
    assert export.warning == (
        "1 apprenant(s) absent(s) de moodle.csv (à saisir à la main dans Moodle) :\n"
        "- karim (Karim Benali) : pas d'adresse de courriel dans le carnet de notes nbgrader"
    )


def test_moodle_by_username_writes_everyone(cohort, tmp_path):
    path = tmp_path / "moodle.csv"
    export = write_moodle_csv(cohort, path, key="username")
    assert path.read_text(encoding="utf-8") == (
        f"Nom d'utilisateur,\"{M11}\"\n" "anais,15.50\n" "karim,6.50\n" "lea,-\n" "zoe,-\n"
    )
    assert export.written == ["anais", "karim", "lea", "zoe"] and export.skipped == [] and export.warning == ""


def test_moodle_refuses_ambiguous_identifiers(cohort, tmp_path):
    learners = list(cohort.learners)
    learners[2] = dataclasses.replace(learners[2], email="Anais@formation.example")  # same address, other case
    learners[3] = dataclasses.replace(learners[3], email="zoe.darc@formation")
    export = write_moodle_csv(dataclasses.replace(cohort, learners=learners), tmp_path / "m.csv")
    assert export.written == []
    assert [(s.student_id, s.reason) for s in export.skipped] == [
        ("anais", "« anais@formation.example » est aussi l'identifiant d'un autre apprenant"),
        ("karim", "pas d'adresse de courriel dans le carnet de notes nbgrader"),
        ("lea", "« Anais@formation.example » est aussi l'identifiant d'un autre apprenant"),
        ("zoe", "adresse de courriel invalide « zoe.darc@formation »"),
    ]
    assert (tmp_path / "m.csv").read_bytes().decode("utf-8") == f'Adresse de courriel,"{M11}"\r\n'

    learners = [dataclasses.replace(cohort.learners[0], id="Anais")] + list(cohort.learners[1:])
    rows = [dataclasses.replace(r, student_id="Anais") if r.student_id == "anais" else r for r in cohort.rows]
    export = write_moodle_csv(dataclasses.replace(cohort, learners=learners, rows=rows, decisions=[]),
                              tmp_path / "u.csv", key="username")
    assert [(s.student_id, s.reason) for s in export.skipped] == [
        ("Anais", "l'identifiant « Anais » n'est pas un nom d'utilisateur Moodle "
                  "(minuscules, chiffres, « _ - . @ » seulement)")]


LEA_REASON = "le fichier « mini.ipynb » n'est pas un notebook lisible (JSON invalide, ligne 3)"
KARIM_REASON = "cellule notée « t1 » modifiée par l'apprenant : version du sujet rétablie"


def with_statuses(cohort: CohortData) -> CohortData:
    """anais graded, karim graded with reserves, lea handed in a copy `casp autograde` could not grade."""
    return dataclasses.replace(cohort, autograde={
        ("anais", "mini"): AutogradeStatus("corrigée"),
        ("karim", "mini"): AutogradeStatus("corrigée avec réserves", KARIM_REASON),
        ("lea", "mini"): AutogradeStatus("non corrigée", LEA_REASON),
    })


def test_autograde_statuses_reach_every_export(cohort, tmp_path):
    cohort = with_statuses(cohort)
    write_criteria_csv(cohort, tmp_path / "criteres.csv")
    with (tmp_path / "criteres.csv").open(encoding="utf-8-sig", newline="") as handle:
        records = list(csv.DictReader(handle, delimiter=";"))
    assert [(r["apprenant"], r["critere"], r["niveau"], r["correction_automatique"],
             r["motifs_correction_automatique"]) for r in records if r["critere"] == "M1.1-A"] == [
        ("anais", "M1.1-A", "Maîtrisé", "corrigée", ""),
        ("karim", "M1.1-A", "Non acquis", "corrigée avec réserves", KARIM_REASON),
        ("lea", "M1.1-A", "Non corrigée", "non corrigée", LEA_REASON),
        ("zoe", "M1.1-A", "En cours d'acquisition", "", ""),
    ]
    write_criteria_xlsx(cohort, tmp_path / "cohorte.xlsx")
    notes = [[cell.value for cell in row] for row in load_workbook(tmp_path / "cohorte.xlsx")["Notes"].iter_rows()]
    assert [row[3] for row in notes[1:]] == [15.5, 6.5, "Non corrigée", "En attente"]
    write_bloc_decisions_csv(cohort, tmp_path / "blocs.csv")
    lea_b1 = (tmp_path / "blocs.csv").read_text(encoding="utf-8-sig").splitlines()[5]
    assert lea_b1.startswith("lea;Martin;Léa;B1;") and lea_b1.endswith(";Non corrigée;;;;;;")
    export = write_moodle_csv(cohort, tmp_path / "moodle.csv")
    assert [(b.student_id, b.reason) for b in export.blanks] == [
        ("lea", "copie non corrigée (voir correction_automatique)"), ("zoe", "correction manuelle en attente")]


def test_autograde_status_file_is_read_back_and_checked(tmp_path):
    path = status_path(tmp_path, "mini")
    path.parent.mkdir()
    path.write_bytes(("apprenant;statut;motifs\r\nlea;non corrigée;" + LEA_REASON + "\r\nanais;corrigée;\r\n")
                     .encode("utf-8-sig"))
    assert load_statuses(tmp_path, ["mini", "absent"]) == {
        ("lea", "mini"): AutogradeStatus("non corrigée", LEA_REASON), ("anais", "mini"): AutogradeStatus("corrigée")}
    path.write_text("apprenant;statut;motifs\nlea;perdue;\n", encoding="utf-8")
    with pytest.raises(CourseError) as error:
        load_statuses(tmp_path, ["mini"])
    assert str(error.value) == (f"{path}, ligne 2 : apprenant ou statut invalide ('lea', 'perdue') ; "
                                "relancez `casp autograde`.")
    path.write_text("eleve,note\n", encoding="utf-8")
    with pytest.raises(CourseError, match="en-tête inattendu"):
        load_statuses(tmp_path, ["mini"])


def test_bad_input_writes_nothing(cohort, tmp_path):
    bad = dataclasses.replace(cohort, rows=cohort.rows + [dataclasses.replace(cohort.rows[0], assignment_id="autre")])
    for write in (write_criteria_csv, write_bloc_decisions_csv, write_criteria_xlsx, write_moodle_csv):
        with pytest.raises(ExportError) as error:
            write(bad, tmp_path / "sortie")
        assert str(error.value) == (
            "Données de cohorte incohérentes, aucun fichier écrit :\n"
            "- résultat n° 10 (anais, autre, M1.1-A) : devoir absent du catalogue"
        )
    with pytest.raises(ExportError) as error:
        write_moodle_csv(cohort, tmp_path / "m.csv", key="idnumber")
    assert "clé d'identification « idnumber » inconnue (attendu : email ou username)" in str(error.value)
    missing = tmp_path / "absent" / "criteres.csv"
    with pytest.raises(ExportError) as error:
        write_criteria_csv(cohort, missing)
    assert str(error.value) == f"{missing} : le dossier « {missing.parent} » n'existe pas ; aucun fichier écrit."
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cours"]
