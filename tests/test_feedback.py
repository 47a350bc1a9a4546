"""The rubric in nbgrader's feedback: the French note's text, where it goes, and a real
generate_feedback run on the mini course."""
from __future__ import annotations

import copy
import logging
import re

import nbformat
import pytest
from nbconvert.exporters import HTMLExporter
from nbconvert.preprocessors import CSSHTMLHeaderPreprocessor
from nbgrader.api import Gradebook
from nbgrader.preprocessors import ClearHiddenTests, ClearMarkScheme, GetGrades
from rich.console import Console
from traitlets.config import Config

from course.catalogue import load_catalogue
from course.demo.cohort import Learner
from course.demo.pipeline import run_cycle
from course.grading.marking import record_manual_mark
from course.grading.results import CriterionResult
from course.nbgrader_ext.api import load_config, nbgrader_api
from course.nbgrader_ext.feedback import (
    FeedbackClearHiddenTests, FeedbackClearMarkScheme, RubricFeedback, FailedTestMessagesOnly, configure_feedback,
    feedback_preprocessors, insert_rubric_feedback, rubric_text,
)
from course.nbgrader_ext.html_pages import FIGURE_ALT, NBGRADER_TEMPLATES, TEMPLATES, PageResources
from course.palette import css_variables
from course.nbgrader_ext.scratch import make_scratch_course
from course.rubric import LEVEL_LABELS
from tests.conftest import MINI_ASSIGNMENT, mini_notebook, write_mini_course

FEEDBACK_CONFIG = """
from course.nbgrader_ext.feedback import configure_feedback
configure_feedback(c)
"""
ORAL_COMMENT = "Présentation structurée, « écoute active » à travailler."
COMMENT = "Récit clair ; les « hypothèses » restent à étayer.\nPensez à citer la CAF."


def result(assignment, criterion_id, points, comment="", pending=False) -> CriterionResult:
    criterion = assignment.criterion(criterion_id)
    level = criterion.level_for(points)
    return CriterionResult("bon", assignment.id, "M1.1", criterion_id, criterion.label, criterion.kind,
                           " ".join(criterion.competences), points, criterion.points, level.key,
                           LEVEL_LABELS[level.key], level.descriptor, comment, pending)


@pytest.fixture
def mini(mini_course):
    return load_catalogue(mini_course).assignment("mini")


def test_rubric_text_in_french(mini):
    criterion = mini.criterion("M1.1-B")
    assert rubric_text(criterion, result(mini, "M1.1-B", 6.0, COMMENT)) == (
        "> Grille : critère M1.1-B — Récit : niveau **Acquis** (6/8 points).\n"
        ">\n"
        "> Ce niveau signifie : L'essentiel est observable.\n"
        ">\n"
        "> Commentaire du correcteur : Récit clair ; les « hypothèses » restent à étayer.  \n"
        "> Pensez à citer la CAF."
    )
    assert rubric_text(mini.criterion("M1.1-C"), result(mini, "M1.1-C", 5.5)) == (
        "> Grille : critère M1.1-C — Oral : niveau **Acquis** (5,5/8 points).\n"
        ">\n"
        "> Ce niveau signifie : L'essentiel est observable."
    )
    assert rubric_text(criterion, result(mini, "M1.1-B", 0.0, pending=True)) == (
        "> Grille : critère M1.1-B — Récit : correction en attente ; le niveau sera indiqué quand un formateur "
        "aura noté cette partie."
    )


def test_notes_go_after_the_last_graded_cell_of_each_criterion(mini):
    nb = mini_notebook(MINI_ASSIGNMENT)
    results = [result(mini, "M1.1-A", 2.0), result(mini, "M1.1-B", 6.0, COMMENT), result(mini, "M1.1-C", 8.0)]
    insert_rubric_feedback(nb, mini, results)
    expected = ["c0", "c1", "c2", "c3", "casp-grille-M1-1-A", "c4", "casp-grille-M1-1-B", "c5", "casp-grille-M1-1-C"]
    assert [cell.id for cell in nb.cells] == expected
    assert nb.cells[4].metadata == {"casp": {"rubric_feedback": "M1.1-A"}}
    assert "nbgrader" not in nb.cells[4].metadata  # nbgrader's TOC and scores ignore it
    insert_rubric_feedback(nb, mini, results)  # running twice does not duplicate
    assert [cell.id for cell in nb.cells] == expected
    bare = mini_notebook(MINI_ASSIGNMENT)
    insert_rubric_feedback(bare, mini, [])  # nothing submitted: nothing to show
    assert [cell.id for cell in bare.cells] == ["c0", "c1", "c2", "c3", "c4", "c5"]


def test_preprocessor_leaves_other_notebooks_unchanged(mini_course, tmp_path, caplog):
    config = Config()
    config.CourseDirectory.root = str(mini_course)
    resources = {"nbgrader": {"assignment": "hors_catalogue", "student": "bon", "db_url": "sqlite:///absent.db"}}
    nb = mini_notebook(MINI_ASSIGNMENT)
    before = copy.deepcopy(nb)
    assert RubricFeedback(config=config).preprocess(nb, resources)[0] == before

    broken = write_mini_course(tmp_path / "casse")
    (broken / "assignments" / "mini" / "devoir.yaml").write_text("id: mini\ntitle: [\n", encoding="utf-8")
    config.CourseDirectory.root = str(broken)
    preprocessor = RubricFeedback(config=config)
    preprocessor.log = logging.getLogger("casp-test")
    with caplog.at_level(logging.WARNING, logger="casp-test"):
        resources["nbgrader"]["assignment"] = "mini"
        assert preprocessor.preprocess(nb, resources)[0] == before
    assert "Retour sans grille d'évaluation : catalogue illisible." in caplog.text
    assert "devoir.yaml : YAML invalide" in caplog.text


def test_feedback_preprocessors_keep_nbgrader_defaults():
    assert feedback_preprocessors() == [GetGrades, RubricFeedback, FeedbackClearHiddenTests, FailedTestMessagesOnly,
                                        FeedbackClearMarkScheme, CSSHTMLHeaderPreprocessor]
    assert issubclass(FeedbackClearHiddenTests, ClearHiddenTests) and issubclass(FeedbackClearMarkScheme, ClearMarkScheme)


def test_feedback_keeps_hidden_tests_and_mark_schemes_from_learners():
    test = nbformat.v4.new_code_cell(
        "assert len(tableau) > 0, \"Le tableau est vide.\"\n### BEGIN HIDDEN TESTS\n"
        "assert len(tableau) == 120, \"Il manque des lignes.\"\n### END HIDDEN TESTS",
        metadata={"nbgrader": {"grade": True, "solution": False, "grade_id": "t1", "points": 2}},
        outputs=[nbformat.v4.new_output("error", ename="AssertionError", evalue="Il manque des lignes.", traceback=[
            "\x1b[0;31mAssertionError\x1b[0m Traceback", "----> 3 assert len(tableau) == 120, \"Il manque des lignes.\"",
            "AssertionError: Il manque des lignes."])])
    task = nbformat.v4.new_markdown_cell(
        "Mise en situation orale.\n=== BEGIN MARK SCHEME ===\nBarème du jury : 8 points si…\n=== END MARK SCHEME ===",
        metadata={"nbgrader": {"task": True, "grade": False, "solution": False, "grade_id": "oral1", "points": 8}})
    answer = nbformat.v4.new_code_cell("1 / 0", metadata={"nbgrader": {"grade": True, "solution": True,
                                                                        "grade_id": "c1", "points": 1}},
                                       outputs=[nbformat.v4.new_output("error", ename="ZeroDivisionError",
                                                                       evalue="division by zero",
                                                                       traceback=["----> 1 1 / 0", "ZeroDivisionError"])])
    nb = nbformat.v4.new_notebook(cells=[test, task, answer])
    resources = {"nbgrader": {}}
    for preprocessor in (FeedbackClearHiddenTests(), FailedTestMessagesOnly(), FeedbackClearMarkScheme()):
        nb, resources = preprocessor.preprocess(nb, resources)
    assert nb.cells[0].source == "assert len(tableau) > 0, \"Le tableau est vide.\""
    assert nb.cells[0].outputs[0].traceback == ["AssertionError: Il manque des lignes."]
    assert nb.cells[1].source == "Mise en situation orale."
    assert nb.cells[2].outputs[0].traceback == ["----> 1 1 / 0", "ZeroDivisionError"]  # the learner's own code


def test_generate_feedback_shows_level_descriptor_and_comment(tmp_path):
    repo = write_mini_course(tmp_path / "depot")
    course_dir = make_scratch_course(tmp_path / "cours", repo, ["mini"])
    with (course_dir / "nbgrader_config.py").open("a", encoding="utf-8") as config:
        config.write(FEEDBACK_CONFIG)
    catalogue = load_catalogue(course_dir)
    learners = [Learner(q, q.capitalize(), "Fictif", f"{q}@formation.example", 0.0) for q in ("bon", "partiel")]
    run_cycle(course_dir, tmp_path / "sortie", learners, catalogue, Console(file=open("/dev/null", "w")),
              jobs=2, quality_of=lambda learner, assignment_id: learner.id)
    with Gradebook(load_config(course_dir).CourseDirectory.db_url) as gradebook:
        # a trainer re-marks bon's written answer; partiel's is back to "not yet marked"
        record_manual_mark(gradebook, "mini", "mini", "bon", "ecrit1", 6.0, COMMENT)
        record_manual_mark(gradebook, "mini", "mini", "bon", "oral1", 5.5, ORAL_COMMENT)
        grade = gradebook.find_grade("ecrit1", "mini", "mini", "partiel")
        grade.manual_score, grade.needs_manual_grade = None, True
        gradebook.find_comment("ecrit1", "mini", "mini", "partiel").manual_comment = None
        gradebook.db.commit()
    generated = nbgrader_api(course_dir).generate_feedback("mini", force=True)
    assert generated["success"], generated.get("log", "") + generated.get("error", "")
    assert "Converting notebook" in generated["log"] and "not recognized" not in generated["log"]

    html = (course_dir / "feedback" / "bon" / "mini" / "mini.html").read_text(encoding="utf-8")
    assert (
        "<blockquote>\n"
        "<p>Grille : critère M1.1-B — Récit : niveau <strong>Acquis</strong> (6/8 points).</p>\n"
        "<p>Ce niveau signifie : L'essentiel est observable.</p>\n"
        "<p>Commentaire du correcteur : Récit clair ; les « hypothèses » restent à étayer.<br/>\n"
        "Pensez à citer la CAF.</p>\n"
        "</blockquote>"
    ) in html
    assert (
        "<p>Grille : critère M1.1-A — Calcul : niveau <strong>En cours d'acquisition</strong> (2/4 points).</p>\n"
        "<p>Ce niveau signifie : Quelques éléments observables.</p>\n"
        "</blockquote>"
    ) in html
    assert (
        "<p>Grille : critère M1.1-C — Oral : niveau <strong>Acquis</strong> (5,5/8 points).</p>\n"
        "<p>Ce niveau signifie : L'essentiel est observable.</p>\n"
        "<p>Commentaire du correcteur : Présentation structurée, « écoute active » à travailler.</p>"
    ) in html
    # each note right after its criterion's last graded cell: t2 (not t1), the written answer, the oral task
    order = [html.index(marker) for marker in (
        '<a name="t1">', '<a name="t2">', "critère M1.1-A", '<a name="ecrit1">', "critère M1.1-B",
        '<a name="comment-oral1">', "critère M1.1-C")]
    assert order == sorted(order)
    assert html.count("Grille : critère") == 3
    # nbgrader's own feedback is still there, in French: total, per-cell marks, the grader's comment
    assert '<html lang="fr">' in html and "<title>Retour : mini</title>" in html
    assert '<h1 class="feedback-title">mini (note : 13,5 / 20)</h1>' in html
    assert '<li><a href="#t1">Cellule de test</a> (note : 2 / 2)</li>' in html
    assert '<li><a href="#ecrit1">Réponse écrite</a> (note : 6 / 8)</li>' in html
    assert '<li><a href="#oral1">Tâche</a> (note : 5,5 / 8)</li>' in html
    assert '<li><a href="#comment-ecrit1">Commentaire</a></li>' in html
    assert ('<span class="nbgrader-label">Réponse de l\'apprenant</span><span class="pull-right">\n'
            '      Note : 6 / 8 <a href="#top">(haut de page)</a>') in html
    assert "<span class=\"nbgrader-label\">Tâche de l'apprenant</span>" in html
    assert ("<b>Commentaires :</b> <p>Récit clair ; les « hypothèses » restent à étayer.\nPensez à citer la CAF.</p>"
            in html)
    # none of nbgrader's English words; nbconvert's « In [ ]: » prompts are JupyterLab's « [ ]: »
    assert [word for word in ("Score", "Comment:", "Comments", "Student's", "Test cell", "Written response",
                              "Task", "(Top)", "In&nbsp;[", "Out[") if word in html] == []
    assert '<div class="prompt input_prompt">[1]:</div>' in html

    pending = (course_dir / "feedback" / "partiel" / "mini" / "mini.html").read_text(encoding="utf-8")
    assert (
        "<blockquote>\n"
        "<p>Grille : critère M1.1-B — Récit : correction en attente ; le niveau sera indiqué quand un formateur "
        "aura noté cette partie.</p>\n"
        "</blockquote>"
    ) in pending


def test_course_templates_come_before_nbgrader_s(tmp_path):
    """As nbgrader builds its exporters from nbgrader_config.py: the course's feedback and grading page first,
    each with the preprocessor its conf.json declares; nbgrader's folder stays on the path."""
    config = Config()
    configure_feedback(config)
    assert config.HTMLExporter.extra_template_basedirs == [str(TEMPLATES), str(NBGRADER_TEMPLATES)]
    for name in ("feedback", "formgrade"):
        exporter = HTMLExporter(config=config, template_name=name)
        assert exporter.template_paths[:2] == [str(TEMPLATES / name), str(NBGRADER_TEMPLATES / name)]
        assert exporter.environment.get_template("index.html.j2").filename == str(TEMPLATES / name / "index.html.j2")
        assert [type(p) for p in exporter._preprocessors if isinstance(p, PageResources)] == [PageResources]
        assert exporter._preprocessors[-1].enabled


def test_page_resources_palette_numbers_and_a_french_text_for_figures():
    png = {"output_type": "display_data", "metadata": {},
           "data": {"image/png": "iVBORw0KGgo=", "text/plain": "<Figure>"}}
    described = copy.deepcopy(png)
    described["metadata"] = {"image/png": {"alt": "Durée moyenne par type : 32, 18 et 45 minutes."}}
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell("plt.show()", outputs=[nbformat.from_dict(png), nbformat.from_dict(described)]),
        nbformat.v4.new_code_cell("plt.show()", outputs=[nbformat.from_dict(png)], metadata={"alt": "Courbe."}),
    ])
    nb, resources = PageResources(enabled=True).preprocess(nb, {})
    assert resources["casp"]["css_variables"] == css_variables()
    assert resources["casp"]["number"](12.5) == "12,5" and resources["casp"]["number"](4.0) == "4"
    assert nb.cells[0].outputs[0].metadata == {"image/png": {"alt": FIGURE_ALT}}
    assert nb.cells[0].outputs[1].metadata == {"image/png": {"alt": "Durée moyenne par type : 32, 18 et 45 minutes."}}
    assert nb.cells[1].outputs[0].metadata == {}  # the cell's own « alt » is nbconvert's second choice


def test_feedback_template_colours_are_the_palette_s():
    """Every colour of the feedback page's own style sheet is a custom property that course.palette defines."""
    template = (TEMPLATES / "feedback" / "index.html.j2").read_text(encoding="utf-8")
    style = template[template.index("<style>"):template.index("</style>", template.index("<style>"))]
    defined = set(re.findall(r"--([\w-]+):", css_variables()))
    used = set(re.findall(r"var\(--([\w-]+)\)", style))
    assert used <= defined and {"ink", "text-bleu", "accent", "line", "muted", "text-vermillon"} <= used
    assert set(re.findall(r"#[0-9a-fA-F]{3,6}\b", style)) == {"#fff"}  # no colour of its own, but white
