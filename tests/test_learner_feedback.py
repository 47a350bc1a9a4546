"""Learners see their own results: their livret, filtered, inside the feedback nbgrader releases to them.

The first tests use the hand-built cohort of tests/test_livret_dashboard.py; the last one runs the whole path on
the mini course: release, fetch and submit as two learners, collect, autograde, marking, second marking and
moderation, jury remarks, feedback, `casp retours`, then nbgrader's fetch_feedback as each learner, and reads what
landed in their folder.
"""
from __future__ import annotations

import dataclasses
import re
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pytest
from nbgrader.api import Gradebook
from sqlalchemy import insert

from course import CourseError
from course.catalogue import load_catalogue
from course.cli import main
from course.grading.double_marking import first_and_second_marks, record_second_mark
from course.grading.marking import record_manual_mark
from course.grading.moderation import apply_moderation, audit_trail
from course.grading.store import jury_remarks, now, open_store
from course.nbgrader_ext.api import load_config, nbgrader_api
from course.nbgrader_ext.exchange import fetch, fetch_feedback, submit
from course.nbgrader_ext.scratch import make_scratch_course
from course.reports.learner_feedback import attach_livrets, with_livret
from course.reports.livret import LivretBook, french_date, read_agreement
from tests.conftest import write_mini_course
from tests.nbgrader_helpers import autograde
from tests.test_livret_dashboard import AGREEMENT, ISSUED, build_cohort

COURSE_ID = "casp-rncp7426"


class Page(HTMLParser):
    """A page's visible text, and the srcdoc of its iframes (unescaped, as a browser reads it)."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.frames: list[dict[str, str]] = []
        self._hidden = 0
        self.feed(html)
        self.text = " ".join(" ".join(self.parts).split())

    def handle_starttag(self, tag, attrs):
        if tag in ("style", "script"):
            self._hidden += 1
        if tag == "iframe":
            self.frames.append(dict(attrs))

    def handle_endtag(self, tag):
        if tag in ("style", "script"):
            self._hidden -= 1

    def handle_data(self, data):
        if not self._hidden:
            self.parts.append(data)


# The learner's copy of the livret ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def cohort(tmp_path_factory):
    return build_cohort(tmp_path_factory.mktemp("cours"))


def test_the_learner_copy_leaves_out_the_agreement_and_keeps_everything_of_their_own(cohort):
    alice = cohort.learners[0]
    agreement = read_agreement(AGREEMENT)
    team = Page(LivretBook(cohort, agreement, ISSUED).html(alice)).text
    own = Page(LivretBook(cohort, agreement, ISSUED, for_learner=True).html(alice)).text
    assert "Double correction" in team and "Kappa pondéré linéaire" in team
    for forbidden in ("Double correction", "Kappa", "kappa", "Accord exact", "0,6123"):
        assert forbidden not in own
    # The same results as the team's copy, sentence for sentence, up to the agreement section and the footer.
    head = team[:team.index("Double correction")]
    assert own.startswith(head.replace("Livret de certification Chargé",
                                       "Livret de certification — votre exemplaire Chargé"))
    for expected in ("Alice Dupré", "alice@example.org", "Très bon parcours ; « bravo ».",
                     'Analyse « fine » mais <b>&" à revoir', "Ce livret ne montre que vos propres résultats."):
        assert expected in own
    for other in ("bruno", "Bruno", "chloe", "Chloé", "Da Silva"):
        assert other not in own


def test_each_learner_gets_only_their_own_remark(cohort):
    bruno, chloe = cohort.learners[1], cohort.learners[2]
    with_remark = dataclasses.replace(cohort, remarks={"alice": "Remarque pour Alice seule.",
                                                       "chloe": "Remarque pour Chloé seule."})
    book = LivretBook(with_remark, None, ISSUED, for_learner=True)
    text = Page(book.html(bruno)).text
    assert "Aucune remarque du jury" in text
    assert "Remarque pour" not in text and "alice" not in text
    assert "Remarque pour Chloé seule." in Page(book.html(chloe)).text


# The livret inside a feedback page --------------------------------------------------------------------------

FEEDBACK_PAGE = """<!DOCTYPE html>
<html lang="fr">
<head><title>Retour : mini</title></head>
<body>
  <a name="top"></a>
  <main class="container">
    <h1>mini (note : 12 / 20)</h1>
  </main>
</body>
</html>
"""


def test_the_livret_goes_inside_the_page_once_even_when_released_again(cohort):
    livret = LivretBook(cohort, None, ISSUED, for_learner=True).html(cohort.learners[0])
    where = Path("feedback/alice/m11_recit/m11_recit.html")
    once = with_livret(FEEDBACK_PAGE, livret, "Alice Dupré", "3 novembre 2025", where)
    assert with_livret(once, livret, "Alice Dupré", "3 novembre 2025", where) == once
    page = Page(once)
    assert page.text == (
        "Retour : mini Votre livret de certification figure en bas de cette page. mini (note : 12 / 20) "
        "Votre livret de certification Votre livret à la date du 3 novembre 2025 : la décision de chaque bloc de "
        "compétences et son motif, vos notes et vos niveaux dans toutes les épreuves rendues, et les remarques du "
        "jury. Il est mis à jour à chaque nouveau retour."
    )
    (frame,) = page.frames
    assert frame["title"] == "Livret de certification de Alice Dupré"
    assert frame["srcdoc"] == livret
    assert once.index("<main") < once.index('href="#livret-certification"') < once.index("<h1>")
    assert once.index('id="livret-certification"') < once.index("</main>")
    # Everything nbgrader wrote is still there, unchanged.
    assert re.sub(r"\n?<!-- casp-livret:debut -->.*?<!-- casp-livret:fin -->\n", "", once, flags=re.S) == FEEDBACK_PAGE


def test_a_page_without_body_is_refused_with_its_name(cohort):
    with pytest.raises(CourseError) as error:
        with_livret("<p>fragment</p>", "<html></html>", "Alice Dupré", "3 novembre 2025",
                    Path("feedback/alice/mini/mini.html"))
    assert str(error.value) == (
        "feedback/alice/mini/mini.html : page de retour sans <main> ni <body> ; le livret ne peut pas y être "
        "inséré. Régénérez les retours (casp autograde DEVOIR --feedback)."
    )


def test_nothing_is_written_when_one_page_is_broken(cohort, tmp_path):
    course_dir = cohort.catalogue.course_dir
    (course_dir / "nbgrader_config.py").write_text("c = get_config()\n", encoding="utf-8")
    folders = {sid: course_dir / "feedback" / sid / "m11_recit" for sid in ("alice", "bruno")}
    for folder in folders.values():
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "m11_recit.html").write_text(FEEDBACK_PAGE, encoding="utf-8")
    (folders["bruno"] / "m11_recit.html").write_text("<p>coupée", encoding="utf-8")
    with pytest.raises(CourseError, match="bruno/m11_recit/m11_recit.html : page de retour sans <main>"):
        attach_livrets(course_dir, cohort, "m11_recit", issued=ISSUED)
    assert (folders["alice"] / "m11_recit.html").read_text(encoding="utf-8") == FEEDBACK_PAGE
    with pytest.raises(CourseError) as error:
        attach_livrets(course_dir, cohort, "m21_cartographie", issued=ISSUED)
    assert str(error.value) == ("Aucun retour n'a été généré pour le devoir « m21_cartographie » : lancez "
                                "d'abord `casp autograde m21_cartographie --feedback`.")
    (folders["bruno"] / "m11_recit.html").write_text(FEEDBACK_PAGE, encoding="utf-8")
    stranger = course_dir / "feedback" / "zoe" / "m11_recit"
    stranger.mkdir(parents=True)
    (stranger / "m11_recit.html").write_text(FEEDBACK_PAGE, encoding="utf-8")
    with pytest.raises(CourseError) as error:
        attach_livrets(course_dir, cohort, "m11_recit", issued=ISSUED)
    assert str(error.value) == ("Retours de m11_recit pour des apprenants absents du carnet de notes : zoe ; rien "
                                "n'a été modifié.")
    assert (folders["alice"] / "m11_recit.html").read_text(encoding="utf-8") == FEEDBACK_PAGE


def test_several_assignments_at_once_share_each_learners_livret(cohort, tmp_path):
    course_dir = cohort.catalogue.course_dir
    (course_dir / "nbgrader_config.py").write_text("c = get_config()\n", encoding="utf-8")
    for assignment_id in ("m22_enquete", "m23_negociation"):
        folder = course_dir / "feedback" / "chloe" / assignment_id
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{assignment_id}.html").write_text(FEEDBACK_PAGE, encoding="utf-8")
    pages = attach_livrets(course_dir, cohort, ["m22_enquete", "m23_negociation", "m22_enquete"], issued=ISSUED)
    assert pages == {assignment_id: {"chloe": [course_dir / "feedback" / "chloe" / assignment_id /
                                               f"{assignment_id}.html"]}
                     for assignment_id in ("m22_enquete", "m23_negociation")}
    livret = LivretBook(cohort, None, ISSUED, for_learner=True).html(cohort.learners[2])
    for by_learner in pages.values():
        (frame,) = Page(by_learner["chloe"][0].read_text(encoding="utf-8")).frames
        assert frame["srcdoc"] == livret
    with pytest.raises(CourseError) as error:
        attach_livrets(course_dir, cohort, ["m22_enquete", "m11_absent", "m21_absent"], issued=ISSUED)
    assert str(error.value) == ("Devoir inconnu « m11_absent ». Devoirs du catalogue : m11_recit, m21_cartographie, "
                                "m22_enquete, m23_negociation.")
    (course_dir / "feedback" / "chloe" / "m23_negociation" / "m23_negociation.html").unlink()
    (course_dir / "feedback" / "chloe" / "m23_negociation").rmdir()
    with pytest.raises(CourseError) as error:
        attach_livrets(course_dir, cohort, ["m23_negociation", "m21_cartographie"], issued=ISSUED)
    assert str(error.value) == ("Aucun retour n'a été généré pour les devoirs « m23_negociation », "
                                "« m21_cartographie » : lancez d'abord `casp autograde DEVOIR --feedback` pour chacun.")


# The whole path, on the mini course ------------------------------------------------------------------------

# learner → (first name, last name, what they write in each answer cell of the released notebook)
LEARNERS = {
    "alice": ("Alice", "Martin", {"a1": "x = 2 + 2", "a2": "y = x * 10",
                                  "ecrit1": "## Parcours\n\nMadame K. a quitté la logistique après un "
                                            "licenciement.\n\n## Hypothèses\n\nLe mal de dos limite les métiers."}),
    "bruno": ("Bruno", "Keller", {"a1": "x = 2 + 2"}),
}
# learner → grade id → (points, comment) the trainer gives in formgrader
MANUAL_MARKS = {
    "alice": {"ecrit1": (8.0, "Récit complet et bien construit."), "oral1": (5.5, "")},
    "bruno": {"ecrit1": (3.0, "Le récit manque."), "oral1": (3.0, "")},
}
SECOND_MARKER = "Mme Seconde-Lectrice"
SECOND_COMMENT = "Second regard : le récit reste à étoffer."
MODERATOR = "M. Arbitre"
MODERATION_REASON = "Écart de deux niveaux entre les correcteurs, arbitré en commission"
REMARKS = {"alice": "Parcours solide ; l'oral est à approfondir.", "bruno": "Reprenez le récit avec votre formateur."}


def hand_in(course_dir: Path, home: Path, student_id: str, answers: dict[str, str]) -> None:
    """What a learner does in the Assignments tab: fetch, write in the answer cells, submit."""
    folder = fetch(course_dir, "mini", student_id, home)
    notebook = nbformat.read(folder / "mini.ipynb", as_version=4)
    for cell in notebook.cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        if grade_id in answers:
            cell.source = answers[grade_id]
    nbformat.write(notebook, folder / "mini.ipynb")
    submit(course_dir, "mini", student_id, home)


def test_learners_fetch_their_feedback_with_their_own_livret(tmp_path, capsys):
    course_dir = make_scratch_course(tmp_path / "cours", write_mini_course(tmp_path / "depot"), ["mini"])
    catalogue = load_catalogue(course_dir)
    db_url = load_config(course_dir).CourseDirectory.db_url
    api = nbgrader_api(course_dir)
    assert api.generate_assignment("mini", force=True)["success"]
    assert api.release_assignment("mini")["success"]
    with Gradebook(db_url) as gradebook:
        for student_id, (first, last, _) in LEARNERS.items():
            gradebook.update_or_create_student(student_id, first_name=first, last_name=last,
                                               email=f"{student_id}@formation.example")
    homes = {student_id: tmp_path / "apprenants" / student_id for student_id in LEARNERS}
    for student_id, (_, _, answers) in LEARNERS.items():
        hand_in(course_dir, homes[student_id], student_id, answers)
    assert api.collect("mini")["success"]
    for student_id in LEARNERS:
        autograde(course_dir, "mini", student_id)
    with Gradebook(db_url) as gradebook:
        for student_id, marks in MANUAL_MARKS.items():
            for grade_id, (points, comment) in marks.items():
                record_manual_mark(gradebook, "mini", "mini", student_id, grade_id, points, comment)
    record_second_mark(db_url, student_id="alice", assignment_id="mini", grade_id="ecrit1", marker=SECOND_MARKER,
                       points=3.0, comment=SECOND_COMMENT, catalogue=catalogue)
    apply_moderation(db_url, catalogue, student_id="alice", assignment_id="mini", grade_id="ecrit1", points=5.5,
                     moderator=MODERATOR, reason=MODERATION_REASON)
    with open_store(db_url).begin() as connection:
        for student_id, remark in REMARKS.items():
            connection.execute(insert(jury_remarks).values(student_id=student_id, remark=remark, author="jury",
                                                           at=now()))
    assert api.generate_feedback("mini")["success"]
    assert main(["--course-dir", str(course_dir), "retours", "mini"]) == 0
    assert capsys.readouterr().out == (
        "Retours diffusés (mini) : 2 page(s) pour 2 apprenant(s), chacune avec le livret de son apprenant. "
        "Chacun les récupère dans l'onglet Devoirs (« Récupérer le retour »).\n"
    )

    # The data the learners must not see is in the gradebook: the second mark, the moderation and its reason.
    (pair,) = first_and_second_marks(db_url, catalogue)
    assert (pair.student_id, pair.second_marker, pair.second_level) == ("alice", SECOND_MARKER, "en_cours")
    assert [row["reason"] for row in audit_trail(db_url, "alice")] == [MODERATION_REASON]
    # Released again (after new feedback, or a jury's decision): each page still holds one livret, the latest.
    assert main(["--course-dir", str(course_dir), "retours", "mini"]) == 0
    released = sorted((course_dir / "exchange" / COURSE_ID / "feedback").iterdir())
    assert len(released) == 2 and all(path.suffix == ".html" for path in released)

    received = {}
    for student_id, home in homes.items():
        (path,) = fetch_feedback(course_dir, "mini", student_id, home)
        assert path.parent.parent == home / COURSE_ID / "mini" / "feedback" and path.name == "mini.html"
        raw = path.read_text(encoding="utf-8")
        page = Page(raw)
        (frame,) = page.frames
        livret = Page(frame["srcdoc"])
        received[student_id] = (raw, page.text, livret.text, frame["title"])

    raw, feedback, livret, title = received["alice"]
    for expected in ("mini (note : 15 / 20)",
                     "Grille : critère M1.1-A — Calcul : niveau Maîtrisé (4/4 points).",
                     "Grille : critère M1.1-B — Récit : niveau Acquis (5,5/8 points).",
                     "Commentaire du correcteur : Récit complet et bien construit.",
                     "Grille : critère M1.1-C — Oral : niveau Acquis (5,5/8 points).",
                     "Votre livret de certification figure en bas de cette page.",
                     f"Votre livret à la date du {french_date(date.today())} :"):
        assert expected in feedback
    assert title == "Livret de certification de Alice Martin"
    for expected in ("Livret de certification — votre exemplaire",
                     "Nom Alice Martin Identifiant alice Courriel alice@formation.example",
                     "0 bloc acquis sur 5 : aucune validation à ce jour",
                     "M1.1 Analyse de parcours, rédaction et partage d'un récit de vie. 15/20",
                     "M1.1 — Devoir miniature Note : 15/20",
                     "M1.1-A Calcul corrigé automatiquement ● Maîtrisé Tout est observable et argumenté. 4/4",
                     "M1.1-B Récit écrit, corrigé par l'équipe de formation ◑ Acquis L'essentiel est observable. "
                     "5,5/8 Récit complet et bien construit.",
                     "M1.1-C Oral oral, noté par le jury ◑ Acquis L'essentiel est observable. 5,5/8",
                     "Remarques du jury Parcours solide ; l'oral est à approfondir."):
        assert expected in livret
    raw, feedback, livret, title = received["bruno"]
    assert "mini (note : 8 / 20)" in feedback
    assert "Grille : critère M1.1-B — Récit : niveau En cours d'acquisition (3/8 points)." in feedback
    assert title == "Livret de certification de Bruno Keller"
    for expected in ("Nom Bruno Keller Identifiant bruno Courriel bruno@formation.example",
                     "Modalité(s) sous 10/20 : M1.1 (8/20).",
                     "M1.1 — Devoir miniature Note : 8/20",
                     "Remarques du jury Reprenez le récit avec votre formateur."):
        assert expected in livret

    hidden = [SECOND_MARKER, "Seconde-Lectrice", SECOND_COMMENT, "Second regard", MODERATOR, "Arbitre",
              MODERATION_REASON, "arbitré", "modération", "Modération", "Double correction", "Kappa", "kappa",
              "Accord exact"]
    others = {"alice": ["bruno", "Bruno", "Keller", REMARKS["bruno"], "8/20"],
              "bruno": ["alice", "Alice", "Martin", REMARKS["alice"], "15/20", "Madame K."]}
    for student_id, (raw, feedback, livret, _) in received.items():
        for text in (raw, feedback, livret):
            for forbidden in hidden + others[student_id]:
                assert forbidden not in text, (student_id, forbidden)
