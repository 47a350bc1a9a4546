"""Blind second marking: anonymous codes, the marking screen, the anonymised sheet, on a real nbgrader gradebook.

The mini course (tests/conftest.py: one written criterion M1.1-B, 8 points, levels at 0, 3, 5,5 and 8) is run
once for the module with four learners whose logins, names and e-mails appear nowhere else, so that finding
one in the marker's files means a leak. Before each test works on its own copy of the course, the first
marker's marks and comments on M1.1-B are made unmistakable too: points between levels (0,25 · 3,25 · 7,75 ·
6,75, so levels non acquis, en cours, acquis, acquis) and comments naming the learner. One learner signed the
answer with their name and e-mail, which the screen must scrub.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient
from nbgrader.api import Gradebook
from rich.console import Console
from sqlalchemy import select

from course import CourseError
from course.catalogue import load_catalogue
from course.cli import main
from course.config import gradebook_url
from course.demo.cohort import Learner
from course.demo.pipeline import run_cycle
from course.grading.blind import (
    CODE_RE, EMAIL_MARK, FIRST_NAME_MARK, LAST_NAME_MARK, NO_ANSWER, answer_text, blind_copies, codes_by_submission,
    ensure_codes, hide_logins, marking_order, marker_slug, prepare_blind_marking, production_text, scrub_names,
    write_blind_sheet,
)
from course.grading.double_marking import first_and_second_marks, import_second_marks_csv
from course.grading.marking_screen import EcranDeCorrection
from course.grading.store import anonymous_codes, audit, open_store, second_marks
from course.nbgrader_ext.scratch import make_scratch_course
from course.rubric import Criterion
from tests.conftest import LEVELS, write_mini_course
from tests.test_double_marking import count, stored_second_marks
from tests.test_widget_accessibilite import PASSIVE, controls, problems

LEARNERS = [
    Learner("u4821", "Sidonie", "Marchetti", "sidonie.marchetti@exemple.org", 0.0),
    Learner("u5930", "Baptiste", "Quillevéré", "b.quillevere@exemple.org", 0.0),
    Learner("u6047", "Ophélie", "Tranchant-Delmas", "ophelie.td@exemple.org", 0.0),
    Learner("u7156", "Gwendal", "Yvinec", "gyvinec@exemple.org", 0.0),
]
QUALITY = {"u4821": "vide", "u5930": "partiel", "u6047": "bon", "u7156": "excellent"}
FIRST_MARKS = {"u4821": 0.25, "u5930": 3.25, "u6047": 7.75, "u7156": 6.75}
FIRST_COMMENTS = {learner.id: f"Premier regard sur {learner.first_name} : copie {index} à revoir."
                  for index, learner in enumerate(LEARNERS, 1)}
SIGNATURE = "\n\nRédigé par Sidonie MARCHETTI (sidonie.marchetti@exemple.org), relu par sidonie."
MARKER = "M. D."
LEVELS_TEXT = "Non acquis 0 ; En cours d'acquisition 3 ; Acquis 5,5 ; Maîtrisé 8"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """The mini course after the nbgrader cycle, with the first marks and comments described above."""
    root = tmp_path_factory.mktemp("aveugle")
    repo = write_mini_course(root / "depot")
    course_dir = make_scratch_course(root / "cours", repo, ["mini"])
    with open("/dev/null", "w") as sink:
        run_cycle(course_dir, root / "sortie", LEARNERS, load_catalogue(course_dir), Console(file=sink), jobs=2,
                  quality_of=lambda learner, assignment_id: QUALITY[learner.id])
    with Gradebook(gradebook_url(course_dir)) as gradebook:
        for student_id, points in FIRST_MARKS.items():
            gradebook.find_grade("ecrit1", "mini", "mini", student_id).manual_score = points
            gradebook.find_comment("ecrit1", "mini", "mini", student_id).manual_comment = FIRST_COMMENTS[student_id]
        gradebook.db.commit()
    copy = course_dir / "autograded" / "u4821" / "mini" / "mini.ipynb"
    notebook = nbformat.read(copy, as_version=4)
    [cell] = [c for c in notebook.cells if c.metadata.get("nbgrader", {}).get("grade_id") == "ecrit1"]
    cell.source += SIGNATURE
    nbformat.write(notebook, copy)
    return course_dir


@pytest.fixture
def course(built, tmp_path) -> Path:
    """This test's own copy of the course (its gradebook.db is found from its nbgrader_config.py)."""
    return Path(shutil.copytree(built, tmp_path / "cours"))


@pytest.fixture
def catalogue(course):
    return load_catalogue(course)


@pytest.fixture
def db(course) -> str:
    return gradebook_url(course)


def the_key(db_url: str) -> dict[str, str]:
    """code → learner, read as the moderator's side does."""
    return {code: student for (_, student), code in codes_by_submission(db_url).items()}


def stored(db_url: str) -> list[tuple]:
    """The second marks, by learner (in the order they were saved for each)."""
    return sorted(stored_second_marks(db_url), key=lambda row: row[0])


# --- codes and order --------------------------------------------------------------------------------

def test_codes_are_random_unique_and_kept(course, catalogue, db, built, tmp_path):
    codes = ensure_codes(db, "mini", [learner.id for learner in LEARNERS])
    assert list(codes) == ["u4821", "u5930", "u6047", "u7156"]
    assert all(CODE_RE.match(code) for code in codes.values())
    assert len(set(codes.values())) == 4
    assert ensure_codes(db, "mini", ["u7156", "u4821"]) == {"u7156": codes["u7156"], "u4821": codes["u4821"]}
    blind_copies(catalogue, db, "mini", MARKER)
    assert count(db, anonymous_codes) == 4 and the_key(db) == {code: sid for sid, code in codes.items()}
    # Not derived from the login: another gradebook gives the same learners other codes.
    other = Path(shutil.copytree(built, tmp_path / "autre"))
    assert set(ensure_codes(gradebook_url(other), "mini", list(codes)).values()).isdisjoint(codes.values())


def test_order_is_shuffled_reproducibly_per_marker():
    codes = [f"C-{letters}" for letters in ("AAAA", "BBBB", "CCCC", "DDDD", "EEEE", "FFFF", "GGGG", "HHHH")]
    order = marking_order(codes, "mini", MARKER)
    # random.Random(zlib.crc32(b"mini\nM. D.")).shuffle of the sorted codes: the same on every machine.
    assert order == ["C-EEEE", "C-HHHH", "C-GGGG", "C-DDDD", "C-AAAA", "C-CCCC", "C-FFFF", "C-BBBB"]
    assert marking_order(list(reversed(codes)), "mini", " M. D. ") == order  # same marker, same order
    assert marking_order(codes, "mini", "L. P.") == [
        "C-GGGG", "C-AAAA", "C-FFFF", "C-HHHH", "C-EEEE", "C-CCCC", "C-DDDD", "C-BBBB"]
    assert marking_order(codes, "m13_cas_accueil_orientation", MARKER) != order


def test_prepared_copies_follow_the_markers_order(catalogue, db):
    first = [copy["code"] for copy in blind_copies(catalogue, db, "mini", MARKER)["copies"]]
    assert first == marking_order(first, "mini", MARKER)
    assert [copy["code"] for copy in blind_copies(catalogue, db, "mini", MARKER)["copies"]] == first
    other = [copy["code"] for copy in blind_copies(catalogue, db, "mini", "L. P.")["copies"]]
    assert sorted(other) == sorted(first) and other == marking_order(first, "mini", "L. P.")


# --- the learner's text -------------------------------------------------------------------------------

def test_names_and_email_are_scrubbed():
    text = ("Je suis Ophélie TRANCHANT-DELMAS (ophelie.td@exemple.org). Ophélie Tranchant ; Delmas. "
            "Un délmas, Delmasson et Ophélia restent.")
    assert scrub_names(text, "Ophélie", "Tranchant-Delmas", "ophelie.td@exemple.org") == (
        f"Je suis {FIRST_NAME_MARK} {LAST_NAME_MARK} ({EMAIL_MARK}). {FIRST_NAME_MARK} {LAST_NAME_MARK} ; "
        f"{LAST_NAME_MARK}. Un délmas, Delmasson et Ophélia restent.")
    assert scrub_names("Lu par Al.", "Al", None) == "Lu par Al."  # parts under three letters are kept


def test_answer_text_drops_the_placeholder_not_the_headings():
    released = "#### Parcours\n_Écrivez votre réponse ici._\n\n#### Hypothèses\n_Écrivez votre réponse ici._"
    answer = "#### Parcours\nMadame K. a travaillé.\n\n#### Hypothèses\n_Écrivez votre réponse ici._<!-- note -->"
    assert answer_text(answer, released) == "#### Parcours\nMadame K. a travaillé.\n\n#### Hypothèses"
    assert answer_text(released, released) == NO_ANSWER


def test_a_production_is_shown_as_its_table(tmp_path):
    criterion = Criterion.model_validate({
        "id": "M2.1-A", "label": "Répertoire", "kind": "production", "points": 5, "grade_ids": ["prod"],
        "levels": LEVELS, "consigne": "Construisez le répertoire.",
        "production": {"objet": "répertoire", "fichier": "mon_repertoire.csv", "minimum": 2,
                       "colonnes": ["structure", "commune"]}})
    assert production_text(tmp_path, criterion) == "(le fichier mon_repertoire.csv n'est pas dans la copie)"
    (tmp_path / "mon_repertoire.csv").write_text("structure;commune\nCCAS;Lestrac\nMission locale;Aurelle\n",
                                                 encoding="utf-8")
    assert production_text(tmp_path, criterion) == (
        "mon_repertoire.csv (2 lignes) :\n\n```text\nstructure ; commune\nCCAS ; Lestrac\n"
        "Mission locale ; Aurelle\n```")


# --- the marking screen ------------------------------------------------------------------------------

def test_a_marking_session_saves_exactly_the_levels_clicked(course, catalogue, db):
    notebook = prepare_blind_marking(catalogue, db, "mini", MARKER)
    assert notebook == course / "double-correction" / "mini" / "m-d" / "correction.ipynb"
    screen = EcranDeCorrection(notebook.parent / "copies.json")
    key = the_key(db)
    order = [copy["code"] for copy in screen.copies]
    assert screen.position.value == f"<p><b>Copie 1 sur 4</b>, code {order[0]}</p>"
    assert screen.progress.value == "<p>Niveaux enregistrés : 0 sur 4 ; copies terminées : 0 sur 4.</p>"
    assert screen.previous_button.disabled and not screen.next_button.disabled

    screen.write_comment("M1.1-B", "Hypothèses à étayer.")  # no level yet: nothing saved, the marker is told
    assert screen.status("M1.1-B") == (
        "<p>Choisissez d'abord un niveau : le commentaire sera enregistré avec lui.</p>")
    assert count(db, second_marks) == 0
    screen.choose_level("M1.1-B", "acquis")  # saved with the comment typed before
    assert screen.status("M1.1-B") == "<p>Enregistré : Acquis (5,5 points), avec le commentaire.</p>"
    screen.next()
    screen.choose_level("M1.1-B", "non_acquis")
    screen.next()
    screen.choose_level("M1.1-B", "maitrise")
    screen.write_comment("M1.1-B", "  Complet.  ")
    screen.previous_button.click()  # the buttons do what next()/previous() do
    assert screen.index == 1 and screen.selected_level("M1.1-B") == "non_acquis"
    screen.choose_level("M1.1-B", "en_cours")  # a change of mind replaces the mark, with an audit row
    assert screen.progress.value == "<p>Niveaux enregistrés : 3 sur 4 ; copies terminées : 3 sur 4.</p>"

    assert stored(db) == sorted([
        (key[order[0]], "mini", "mini", "ecrit1", MARKER, 5.5, "Hypothèses à étayer."),
        (key[order[1]], "mini", "mini", "ecrit1", MARKER, 3.0, ""),
        (key[order[2]], "mini", "mini", "ecrit1", MARKER, 8.0, "Complet."),
    ])
    # Three marks, and the audit keeps the two replacements: the comment added to copy 3, copy 2's new level.
    engine = open_store(db)
    with engine.connect() as connection:
        audits = connection.execute(select(audit).order_by(audit.c.id)).all()
        times = connection.execute(select(second_marks.c.marked_at)).scalars().all()
    engine.dispose()
    assert [(a.actor, a.action, a.student_id, a.old_points, a.new_points, a.old_comment, a.new_comment)
            for a in audits] == [
        (MARKER, "second_mark", key[order[2]], 8.0, 8.0, "", "Complet."),
        (MARKER, "second_mark", key[order[1]], 0.0, 3.0, "", ""),
    ]
    assert all(at is not None for at in times)

    # Closed and reopened: the same order, what was saved shown, nothing written by showing it.
    again = EcranDeCorrection(notebook.parent / "copies.json")
    assert [copy["code"] for copy in again.copies] == order
    shown = []
    for index in range(4):
        again.go_to(index)
        shown.append((again.selected_level("M1.1-B"), again.panels["M1.1-B"].comment.value))
    assert shown == [("acquis", "Hypothèses à étayer."), ("en_cours", ""), ("maitrise", "Complet."), (None, "")]
    assert again.progress.value == "<p>Niveaux enregistrés : 3 sur 4 ; copies terminées : 3 sur 4.</p>"
    assert count(db, audit) == 2
    with pytest.raises(CourseError) as error:
        again.go_to(4)
    assert str(error.value) == "Copie 5 : il y a 4 copie(s), de 1 à 4."


def test_the_screen_shows_the_answer_scrubbed_and_the_descriptors(catalogue, db):
    folder = prepare_blind_marking(catalogue, db, "mini", MARKER).parent
    screen = EcranDeCorrection(folder / "copies.json")
    signed = {code for code, student in the_key(db).items() if student == "u4821"}.pop()
    screen.go_to([copy["code"] for copy in screen.copies].index(signed))
    assert screen.answer_html("M1.1-B").endswith(
        f"<p>Rédigé par {FIRST_NAME_MARK} {LAST_NAME_MARK} ({EMAIL_MARK}), relu par {FIRST_NAME_MARK}.</p>\n</div>")
    panel = screen.panels["M1.1-B"]
    assert panel.levels.options == (
        ("Non acquis (0 point)", "non_acquis"), ("En cours d'acquisition (3 points)", "en_cours"),
        ("Acquis (5,5 points)", "acquis"), ("Maîtrisé (8 points)", "maitrise"))
    descriptors = panel.widget.children[3].value
    assert "<li><b>Maîtrisé</b> (8 points) : Tout est observable et argumenté.</li>" in descriptors
    assert "<p>Racontez.</p>" in panel.widget.children[0].value


def test_the_screen_is_labelled_and_keyboard_usable(catalogue, db):
    folder = prepare_blind_marking(catalogue, db, "mini", MARKER).parent
    screen = EcranDeCorrection(folder / "copies.json")
    assert problems(screen.widget) == []
    assert [type(control).__name__ for control, _, _ in controls(screen.widget)
            if not isinstance(control, PASSIVE)] == ["RadioButtons", "Textarea", "Button", "Button", "Button"]
    assert screen.panels["M1.1-B"].comment.continuous_update is False


def test_nothing_identifies_a_learner_in_the_markers_files_nor_the_executed_screen(course, catalogue, db):
    notebook_path = prepare_blind_marking(catalogue, db, "mini", MARKER)
    folder = notebook_path.parent
    notebook = nbformat.read(notebook_path, as_version=4)
    NotebookClient(notebook, kernel_name="python3", timeout=120, store_widget_state=True,
                   resources={"metadata": {"path": str(folder)}}).execute()
    executed = nbformat.writes(notebook)
    state = json.dumps(notebook.metadata["widgets"], ensure_ascii=False)
    codes = [copy["code"] for copy in json.loads((folder / "copies.json").read_text(encoding="utf-8"))["copies"]]
    assert f"Copie 1 sur 4</b>, code {codes[0]}" in state and "Tout est observable et argumenté." in state
    texts = {"notebook exécuté": executed, **{path.name: path.read_text(encoding="utf-8")
                                               for path in sorted(folder.iterdir())}}
    assert sorted(texts) == ["copies.json", "correction.ipynb", "notebook exécuté"]
    forbidden = [*(learner.id for learner in LEARNERS), *(learner.email for learner in LEARNERS),
                 *(name for learner in LEARNERS for name in (learner.first_name, learner.last_name, "Delmas")),
                 *FIRST_COMMENTS.values(), "Premier regard", "0,25", "3,25", "7,75", "6,75", "0.25", "3.25", "7.75",
                 "6.75", "Jury (oral simulé)"]
    leaks = {name: [word for word in forbidden if word.lower() in text.lower()] for name, text in texts.items()}
    assert leaks == {name: [] for name in texts}
    data = json.loads(texts["copies.json"])
    assert sorted(data) == ["copies", "correcteur", "cours", "criteres", "devoir", "titre"]
    assert [sorted(copy) for copy in data["copies"]] == [["code", "reponses"]] * 4
    assert [criterion["id"] for criterion in data["criteres"]] == ["M1.1-B"]  # not the oral M1.1-C: the jury's


# --- the anonymised sheet -----------------------------------------------------------------------------

def test_anonymised_sheet_round_trip(course, catalogue, db, tmp_path):
    sheet = tmp_path / "feuille.csv"
    assert write_blind_sheet(sheet, catalogue, db, "mini", MARKER) == 4
    data = sheet.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    lines = data.decode("utf-8-sig").splitlines()
    order = marking_order(list(the_key(db)), "mini", MARKER)
    assert lines == ["code;devoir;critere;libelle;niveaux;points;commentaire"] + [
        f"{code};mini;M1.1-B;Récit;{LEVELS_TEXT.replace(' ; ', ' / ')};;" for code in order]
    points = ["5,5", "0", "8", "3"]
    sheet.write_text("\n".join([lines[0]] + [line.replace(";;", f";{p};Vu." if i == 0 else f";{p};")
                                             for i, (line, p) in enumerate(zip(lines[1:], points))]) + "\n",
                     encoding="utf-8-sig")
    assert import_second_marks_csv(db, sheet, catalogue, MARKER) == 4
    key = the_key(db)
    assert stored(db) == sorted((key[code], "mini", "mini", "ecrit1", MARKER, float(p.replace(",", ".")),
                                 "Vu." if i == 0 else "") for i, (code, p) in enumerate(zip(order, points)))
    # The moderator's pairs are those of any second marking: first marks from nbgrader, second ones by code.
    level_of = {"5,5": "acquis", "0": "non_acquis", "8": "maitrise", "3": "en_cours"}
    second = {key[code]: level_of[p] for code, p in zip(order, points)}
    assert sorted((p.student_id, p.first_level, p.second_level) for p in first_and_second_marks(db, catalogue)) == [
        ("u4821", "non_acquis", second["u4821"]), ("u5930", "en_cours", second["u5930"]),
        ("u6047", "acquis", second["u6047"]), ("u7156", "acquis", second["u7156"])]


def the_codes(db_url: str) -> dict[str, str]:
    return {student: code for code, student in the_key(db_url).items()}


def test_unknown_code_and_bad_points_name_the_line_not_the_login(catalogue, db, tmp_path):
    write_blind_sheet(tmp_path / "vierge.csv", catalogue, db, "mini", MARKER)
    code = the_codes(db)["u5930"]
    sheet = tmp_path / "feuille.csv"
    sheet.write_text("code;devoir;critere;points;commentaire\n"
                     f"{code};mini;M1.1-B;5,5;\n"
                     "C-ZZZZ;mini;M1.1-B;3;\n"
                     f"{code.lower()};mini;M1.1-B;4;\n"
                     f"{code};maxi;M1.1-B;3;\n", encoding="utf-8")
    with pytest.raises(CourseError) as error:
        import_second_marks_csv(db, sheet, catalogue, MARKER)
    assert str(error.value) == "\n".join([
        f"{sheet} : 3 erreur(s), rien n'a été enregistré.",
        "ligne 3 : code anonyme inconnu « C-ZZZZ » pour le devoir « mini »",
        f"ligne 4 : 4 points ne correspondent à aucun niveau du critère M1.1-B (niveaux : {LEVELS_TEXT})",
        "ligne 5 : aucun code anonyme pour le devoir « maxi » (préparez d'abord sa double correction : "
        "casp second-marking)",
    ])
    assert count(db, second_marks) == 0 and count(db, audit) == 0
    assert hide_logins(["ligne 2 : aucune copie de « u5930 » pour le devoir « mini »"], {2: ("u5930", code)}) == [
        f"ligne 2 : aucune copie de « {code} » pour le devoir « mini »"]


def test_login_sheets_still_work_beside_codes(catalogue, db, tmp_path):
    ensure_codes(db, "mini", ["u7156"])
    sheet = tmp_path / "feuille.csv"
    sheet.write_text("apprenant;devoir;critere;points\nu7156;mini;M1.1-B;3\n", encoding="utf-8")
    assert import_second_marks_csv(db, sheet, catalogue, "L. P.") == 1
    assert stored(db) == [("u7156", "mini", "mini", "ecrit1", "L. P.", 3.0, "")]


# --- the commands ---------------------------------------------------------------------------------------

def test_commands_prepare_the_screen_write_the_sheet_and_show_codes_to_the_moderator(course, db, capsys, tmp_path):
    assert main(["--course-dir", str(course), "second-marking", "open", "mini", "--marker", MARKER]) == 0
    assert capsys.readouterr().out == (
        "Écran de double correction prêt : double-correction/mini/m-d/correction.ipynb\n"
        "Ouvrez-le dans `casp lab --role formateur` et exécutez sa cellule.\n")
    sheet = tmp_path / "feuille.csv"
    assert main(["--course-dir", str(course), "second-marking", "sheet", "mini", str(sheet), "--marker", MARKER]) == 0
    assert capsys.readouterr().out == (f"Feuille anonyme écrite : {sheet} (4 ligne(s) à noter). Une fois remplie : "
                                       f"casp second-marks {sheet} --marker \"M. D.\"\n")
    screen = EcranDeCorrection(course / "double-correction" / "mini" / "m-d" / "copies.json")
    screen.go_to([copy["code"] for copy in screen.copies].index(the_codes(db)["u4821"]))
    screen.choose_level("M1.1-B", "acquis")  # first marker: 0,25 (non acquis); two levels apart
    assert main(["--course-dir", str(course), "agreement"]) == 0
    out = capsys.readouterr().out
    assert out.endswith("À modérer (écart de 2 niveaux ou plus) : 1\n"
                        f"  u4821 ({the_codes(db)['u4821']}) mini M1.1-B : non_acquis / acquis\n")

    assert main(["--course-dir", str(course), "second-marking", "sheet", "mini", "--marker", MARKER]) == 2
    assert capsys.readouterr().err == (
        "casp : casp second-marking sheet : indiquez le fichier de la feuille à écrire (CSV).\n")
    assert main(["--course-dir", str(course), "second-marking", "open", "mini", "--marker", " ; "]) == 2
    assert capsys.readouterr().err == (
        "casp : Nom du second correcteur « ; » : il faut au moins une lettre ou un chiffre.\n")


def test_unknown_assignment_and_marker_folder_names(catalogue, db):
    with pytest.raises(CourseError) as error:
        blind_copies(catalogue, db, "inconnu", MARKER)
    assert str(error.value) == "Devoir inconnu « inconnu ». Devoirs du catalogue : mini."
    assert marker_slug("Mme Éléonore D'Arc") == "mme-eleonore-d-arc"
