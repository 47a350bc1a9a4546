"""Due dates, extensions and late copies: sheets, nbgrader's fields, the flags and both penalty modes."""
from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from nbgrader.api import Gradebook
from sqlalchemy import select
from traitlets.config import Config

from course import CourseError
from course.catalogue import load_catalogue
from course.cli import main
from course.grading.deadlines import (
    DEFAULT_PENALTY, LateCopy, PointsPerDayPenalty, grant_extensions, late_submissions, lateness_text,
    parse_due_date, penalty_setting, read_due_dates, read_extensions, set_due_dates,
)
from course.grading.review import review
from course.grading.store import extensions, open_store
from course.nbgrader_ext.api import ensure_tools_on_path
from tests.conftest import write_mini_course

LEARNERS = ("alice", "bruno", "chloe", "dina")


@pytest.fixture
def course(tmp_path):
    """The mini course with a gradebook: four learners, three of whom handed « mini » in (UTC timestamps)."""
    ensure_tools_on_path()  # nbgrader runs `alembic` when it creates a gradebook
    root = write_mini_course(tmp_path / "cours")
    db_url = f"sqlite:///{tmp_path / 'gradebook.db'}"
    (root / "nbgrader_config.py").write_text(
        (root / "nbgrader_config.py").read_text(encoding="utf-8") + f"\nc.CourseDirectory.db_url = {db_url!r}\n",
        encoding="utf-8")
    with Gradebook(db_url) as gradebook:
        gradebook.add_assignment("mini")
        for sid in LEARNERS:
            gradebook.add_student(sid)
        # due 15/12/2026 18:00 Paris = 17:00 UTC
        gradebook.add_submission("mini", "alice", timestamp=datetime(2026, 12, 15, 16, 59))  # on time
        gradebook.add_submission("mini", "bruno", timestamp=datetime(2026, 12, 17, 20, 0))  # 2 d 3 h late
        gradebook.add_submission("mini", "chloe", timestamp=datetime(2026, 12, 16, 17, 30))  # 1 d 30 min late
    return load_catalogue(root), db_url, tmp_path


def write(path, text: str):
    path.write_text(text, encoding="utf-8")
    return path


# --------------------------------------------------------------------------- dates


def test_due_dates_are_read_in_paris_time_and_stored_in_utc():
    assert parse_due_date("2026-12-15 18:00") == datetime(2026, 12, 15, 17, 0)  # winter: UTC+1
    assert parse_due_date("15/12/2026 18:00") == datetime(2026, 12, 15, 17, 0)
    assert parse_due_date("15/12/2026 18h") == datetime(2026, 12, 15, 17, 0)
    assert parse_due_date("2026-06-15T18:30") == datetime(2026, 6, 15, 16, 30)  # summer: UTC+2
    with pytest.raises(ValueError) as error:
        parse_due_date("31/02/2026 18:00")
    assert str(error.value) == "date « 31/02/2026 18:00 » impossible (jour, mois ou heure hors limites)"
    with pytest.raises(ValueError) as error:
        parse_due_date("2026-03-29 02:30")
    assert str(error.value) == ("date « 2026-03-29 02:30 » impossible : cette heure n'existe pas à Paris "
                                "(passage à l'heure d'été)")
    with pytest.raises(ValueError) as error:
        parse_due_date("demain soir")
    assert str(error.value) == ("date « demain soir » illisible : écrivez « 2026-12-15 18:00 » ou "
                                "« 15/12/2026 18:00 » (heure de Paris)")
    seconds = (59, 60, 3600, 5400, 86400, 86400 + 1800, 2 * 86400 + 3 * 3600, 86400 * 2 - 1)
    assert [lateness_text(s) for s in seconds] == [
        "1 min", "1 min", "1 h", "1 h 30 min", "1 j", "1 j 1 h", "2 j 3 h", "2 j"]


def test_due_date_sheet_sets_nbgrader_duedate(course, capsys):
    catalogue, db_url, tmp = course
    sheet = write(tmp / "echeances.csv", "devoir;echeance\nmini;15/12/2026 18:00\n")
    assert read_due_dates(sheet, catalogue) == {"mini": datetime(2026, 12, 15, 17, 0)}
    assert main(["--course-dir", str(catalogue.course_dir), "echeances", str(sheet)]) == 0
    assert capsys.readouterr().out == (
        "mini : échéance le 15/12/2026 18:00 (heure de Paris)\n"
        "Échéances enregistrées : 1. Retard : aucune pénalité, signalé au jury.\n")
    with Gradebook(db_url) as gradebook:
        assert gradebook.find_assignment("mini").duedate == datetime(2026, 12, 15, 17, 0)


def test_learners_read_the_due_date_first_in_their_notebook(tmp_path):
    import nbformat

    from course.nbgrader_ext.api import nbgrader_api
    from course.nbgrader_ext.due_date import CELL_MARK

    ensure_tools_on_path()
    catalogue = load_catalogue(write_mini_course(tmp_path / "cours"))
    db_url = f"sqlite:///{catalogue.course_dir / 'gradebook.db'}"
    api = nbgrader_api(catalogue.course_dir)
    released = catalogue.course_dir / "release" / "mini" / "mini.ipynb"
    assert api.generate_assignment("mini", force=True)["success"]
    first = nbformat.read(released, as_version=4).cells[0]
    assert not first.metadata.get(CELL_MARK)  # no due date: the notebook is what source/ gives
    set_due_dates(db_url, {"mini": datetime(2026, 12, 15, 17, 0)})
    assert api.generate_assignment("mini", force=True)["success"]
    cells = nbformat.read(released, as_version=4).cells
    assert cells[0].source == (
        "**À rendre au plus tard le 15 décembre 2026 à 18 h 00 (heure de Paris).** Une copie rendue après cette "
        "heure est signalée comme en retard au jury, sauf prolongation accordée par l'équipe de formation.")
    assert cells[0].metadata["editable"] is False and cells[0].metadata["deletable"] is False
    set_due_dates(db_url, {"mini": datetime(2026, 6, 30, 20, 30)})  # summer time; generated again: one cell
    assert api.generate_assignment("mini", force=True)["success"]
    cells = nbformat.read(released, as_version=4).cells
    assert [cell.source[:62] for cell in cells if cell.metadata.get(CELL_MARK)] == [
        "**À rendre au plus tard le 30 juin 2026 à 22 h 30 (heure de Pa"]


def test_bad_due_date_sheets_are_refused_whole(course):
    catalogue, db_url, tmp = course
    sheet = write(tmp / "echeances.csv", "devoir;echeance\nmini;31/02/2026 18:00\nm99;15/12/2026 18:00\n"
                                         "mini;\n")
    with pytest.raises(CourseError) as error:
        read_due_dates(sheet, catalogue)
    assert str(error.value) == (
        f"{sheet} : 3 erreur(s), rien n'a été enregistré :\n"
        "  - ligne 2 : date « 31/02/2026 18:00 » impossible (jour, mois ou heure hors limites).\n"
        "  - ligne 3 : devoir inconnu « m99 » (devoirs du catalogue : mini).\n"
        "  - ligne 4 : colonne « echeance » vide.")
    doubled = write(tmp / "double.csv", "devoir;echeance\nmini;15/12/2026 18:00\nmini;16/12/2026 18:00\n")
    with pytest.raises(CourseError) as error:
        read_due_dates(doubled, catalogue)
    assert str(error.value) == (f"{doubled} : 1 erreur(s), rien n'a été enregistré :\n"
                                "  - ligne 3 : devoir « mini » déjà daté ligne 2.")
    header = write(tmp / "entete.csv", "devoir;date\nmini;15/12/2026 18:00\n")
    with pytest.raises(CourseError) as error:
        read_due_dates(header, catalogue)
    assert str(error.value) == (f"{header} : en-tête attendu « devoir;echeance » (séparateur « ; » ou « , »), "
                                "trouvé « devoir;date » ; rien n'a été enregistré.")
    assert main(["--course-dir", str(catalogue.course_dir), "echeances", str(sheet)]) == 2
    with Gradebook(db_url) as gradebook:
        assert gradebook.find_assignment("mini").duedate is None


# --------------------------------------------------------------------------- extensions


def test_extension_sheet_is_checked_line_by_line(course):
    catalogue, db_url, tmp = course
    sheet = write(tmp / "prolongations.csv",
                  "apprenant;devoir;prolongation_jours;motif\n"
                  "bruno;mini;2,5;Hospitalisation\n"
                  "inconnu;mini;2;Maladie\n"
                  "chloe;m99;2;Maladie\n"
                  "chloe;mini;deux;Maladie\n"
                  "chloe;mini;-1;Maladie\n"
                  "dina;mini;3;\n"
                  "bruno;mini;1;Encore\n")
    with pytest.raises(CourseError) as error:
        read_extensions(sheet, catalogue, LEARNERS)
    bad_number = ("invalide : un nombre de jours supérieur à 0 et au plus 365 (par exemple 2 ou 1,5)")
    assert str(error.value) == (
        f"{sheet} : 6 erreur(s), rien n'a été enregistré :\n"
        "  - ligne 3 : apprenant inconnu « inconnu » (absent du carnet de notes).\n"
        "  - ligne 4 : devoir inconnu « m99 » (devoirs du catalogue : mini).\n"
        f"  - ligne 5 : prolongation « deux » {bad_number}.\n"
        f"  - ligne 6 : prolongation « -1 » {bad_number}.\n"
        "  - ligne 7 : colonne « motif » vide (le motif est gardé pour le jury).\n"
        "  - ligne 8 : prolongation déjà donnée à « bruno » pour « mini » ligne 2.")
    assert main(["--course-dir", str(catalogue.course_dir), "prolongations", str(sheet)]) == 2
    with open_store(db_url).connect() as connection:
        assert connection.execute(select(extensions)).all() == []
    with Gradebook(db_url) as gradebook:
        assert gradebook.find_submission("mini", "bruno").extension is None


def test_extension_goes_to_nbgrader_field_with_its_reason(course, capsys):
    catalogue, db_url, tmp = course
    sheet = write(tmp / "prolongations.csv", "apprenant;devoir;prolongation_jours;motif\n"
                                             "bruno;mini;2;Hospitalisation\ndina;mini;1;Deuil\n")
    assert main(["--course-dir", str(catalogue.course_dir), "prolongations", str(sheet), "--author", "Mme Roux"]) == 0
    assert capsys.readouterr().out == ("Prolongations enregistrées : 2, dont 1 sur une copie déjà relevée "
                                       "(les autres s'appliqueront aux copies relevées ensuite).\n")
    with Gradebook(db_url) as gradebook:
        assert gradebook.find_submission("mini", "bruno").extension == timedelta(days=2)
    with open_store(db_url).connect() as connection:
        rows = connection.execute(select(extensions.c.student_id, extensions.c.days, extensions.c.reason,
                                         extensions.c.author).order_by(extensions.c.student_id)).all()
    assert [tuple(row) for row in rows] == [("bruno", 2.0, "Hospitalisation", "Mme Roux"),
                                            ("dina", 1.0, "Deuil", "Mme Roux")]


# --------------------------------------------------------------------------- late copies


def test_late_and_on_time_copies_with_and_without_extension(course):
    catalogue, db_url, tmp = course
    assert late_submissions(db_url) == {}  # no due date, nothing is late
    set_due_dates(db_url, {"mini": datetime(2026, 12, 15, 17, 0)})
    late = late_submissions(db_url)
    assert late == {
        ("bruno", "mini"): LateCopy("bruno", "mini", 2 * 86400 + 3 * 3600, 0.0, ""),
        ("chloe", "mini"): LateCopy("chloe", "mini", 86400 + 1800, 0.0, ""),
    }
    assert [copy.text for copy in late.values()] == ["rendu en retard de 2 j 3 h", "rendu en retard de 1 j 1 h"]
    with Gradebook(db_url) as gradebook:
        assert gradebook.find_submission("mini", "bruno").total_seconds_late == 2 * 86400 + 3 * 3600
    # bruno gets 3 days: on time; chloe gets 1 day: still 30 minutes late
    granted = read_extensions(write(tmp / "p.csv", "apprenant;devoir;prolongation_jours;motif\n"
                                                   "bruno;mini;3;Hospitalisation\nchloe;mini;1;Panne de train\n"),
                              catalogue, LEARNERS)
    assert grant_extensions(db_url, granted, "formateur") == 2
    late = late_submissions(db_url)
    assert late == {("chloe", "mini"): LateCopy("chloe", "mini", 1800, 1.0, "Panne de train")}
    with Gradebook(db_url) as gradebook:
        assert gradebook.find_submission("mini", "bruno").total_seconds_late == 0
        assert gradebook.find_submission("mini", "chloe").total_seconds_late == 1800
    flags = [f for f in review(catalogue, [], list(LEARNERS), late) if f.kind == "en_retard"]
    assert [f.message for f in flags] == [
        "chloe : mini rendu en retard de 30 min malgré une prolongation de 1 j (Panne de train)."]


def test_extension_granted_before_collection_counts(course):
    catalogue, db_url, tmp = course
    set_due_dates(db_url, {"mini": datetime(2026, 12, 15, 17, 0)})
    granted = read_extensions(write(tmp / "p.csv", "apprenant;devoir;prolongation_jours;motif\n"
                                                   "dina;mini;1;Deuil\n"), catalogue, LEARNERS)
    assert grant_extensions(db_url, granted, "formateur") == 0
    with Gradebook(db_url) as gradebook:  # dina's copy is collected afterwards, 1 day 2 hours after the due date
        gradebook.add_submission("mini", "dina", timestamp=datetime(2026, 12, 16, 19, 0))
    assert late_submissions(db_url)[("dina", "mini")] == LateCopy("dina", "mini", 7200, 1.0, "Deuil")


# --------------------------------------------------------------------------- penalty modes


def test_default_penalty_is_none_reported_to_the_jury(course):
    catalogue, _, _ = course
    from course.config import load_config

    config = load_config(catalogue.course_dir)
    assert penalty_setting(config) == DEFAULT_PENALTY == "aucune pénalité, signalé au jury"
    from nbgrader.plugins import LateSubmissionPlugin

    assert LateSubmissionPlugin(config=config).late_submission_penalty("bruno", 12.0, 3600) is None


def test_points_per_day_penalty_through_nbgrader_plugin(course):
    catalogue, _, _ = course
    config_file = catalogue.course_dir / "nbgrader_config.py"
    config_file.write_text(config_file.read_text(encoding="utf-8")
                           + '\nc.AssignLatePenalties.plugin_class = "course.grading.deadlines.PointsPerDayPenalty"'
                           + "\nc.PointsPerDayPenalty.points_per_day = 1.5\n", encoding="utf-8")
    from course.config import load_config
    from nbgrader.preprocessors import AssignLatePenalties

    config = load_config(catalogue.course_dir)
    assert penalty_setting(config) == "1,5 point(s) retiré(s) par jour de retard commencé"
    preprocessor = AssignLatePenalties(config=config)
    plugin = preprocessor.plugin_class(parent=preprocessor)
    assert isinstance(plugin, PointsPerDayPenalty)
    assert plugin.late_submission_penalty("alice", 12.0, 0) is None
    assert plugin.late_submission_penalty("chloe", 12.0, 1800) == 1.5  # a started day counts
    assert plugin.late_submission_penalty("bruno", 12.0, 2 * 86400 + 3 * 3600) == 4.5  # three started days
    assert plugin.late_submission_penalty("zoe", 2.0, 5 * 86400) == 2.0  # never below zero
    zero = Config()
    zero.LateSubmissionPlugin.penalty_method = "zero"
    assert penalty_setting(zero) == "note mise à zéro"


# --------------------------------------------------------------------------- where late copies show


def test_late_copies_reach_review_livret_and_export(course, capsys):
    from datetime import date

    from course.grading.cohort import load_cohort
    from course.reports.exports import criteria_table
    from course.reports.livret import LivretBook

    catalogue, db_url, tmp = course
    set_due_dates(db_url, {"mini": datetime(2026, 12, 15, 17, 0)})
    cohort = load_cohort(catalogue, db_url)
    assert sorted(cohort.late) == [("bruno", "mini"), ("chloe", "mini")]
    assert main(["--course-dir", str(catalogue.course_dir), "review"]) == 0
    out = capsys.readouterr().out
    assert ("Copie rendue en retard (signalée au jury) : 2\n"
            "  - bruno : mini rendu en retard de 2 j 3 h.\n"
            "  - chloe : mini rendu en retard de 1 j 1 h.\n") in out
    book = LivretBook(cohort, None, date(2026, 12, 20))
    learners = {learner.id: learner for learner in cohort.learners}
    assert '<p class="late-note">Rendu en retard de 2 j 3 h.</p>' in book.html(learners["bruno"])
    assert "Rendu en retard" not in book.html(learners["alice"])
    late = {(r["apprenant"], r["critere"]): r["retard"] for r in criteria_table(cohort)}
    assert late == {(sid, criterion): {"bruno": "2 j 3 h", "chloe": "1 j 1 h"}.get(sid, "")
                    for sid in LEARNERS for criterion in ("M1.1-A", "M1.1-B", "M1.1-C")}


def test_points_per_day_penalty_counts_an_extension_granted_before_collection(course):
    from nbgrader.preprocessors import AssignLatePenalties

    catalogue, db_url, tmp = course
    set_due_dates(db_url, {"mini": datetime(2026, 12, 15, 17, 0)})
    granted = read_extensions(write(tmp / "p.csv", "apprenant;devoir;prolongation_jours;motif\n"
                                                   "dina;mini;1;Deuil\n"), catalogue, LEARNERS)
    grant_extensions(db_url, granted, "formateur")
    config = Config()
    config.AssignLatePenalties.plugin_class = "course.grading.deadlines.PointsPerDayPenalty"
    config.PointsPerDayPenalty.points_per_day = 1.5
    preprocessor = AssignLatePenalties(config=config)
    with Gradebook(db_url) as gradebook:  # what nbgrader's preprocessor holds while autograding dina's copy
        gradebook.add_submission("mini", "dina", timestamp=datetime(2026, 12, 16, 19, 0))  # due + 1 d 2 h
        preprocessor.gradebook, preprocessor.assignment_id, preprocessor.student_id = gradebook, "mini", "dina"
        plugin = preprocessor.plugin_class(parent=preprocessor)
        seconds = gradebook.find_submission("mini", "dina").total_seconds_late
        assert seconds == 86400 + 7200  # nbgrader's field is still empty
        assert plugin.late_submission_penalty("dina", 12.0, seconds) == 1.5  # 2 h late after the extension
        preprocessor.student_id = "bruno"  # no extension: 2 d 3 h late, three started days
        assert plugin.late_submission_penalty("bruno", 12.0, 2 * 86400 + 3 * 3600) == 4.5
