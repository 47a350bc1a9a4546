"""Progress bars of `casp release`, `casp validate --all`, `casp autograde` and `casp reports` (course/progress.py).

Off a terminal (here pytest's captured stdout) the commands write what they wrote before, plain text without a
single control character; on a terminal, simulated by a rich Console forced into terminal mode and writing into
a StringIO, the bar is drawn with its French description and its step count.
"""
from __future__ import annotations

import io
import re

import pytest
from rich.console import Console

from course import progress
from course.cli import main
from course.progress import steps, terminal_console
from tests.conftest import write_mini_course
from tests.test_parallel_feedback import course_copy, graded, writing_only  # noqa: F401  (graded: fixture)


@pytest.fixture
def terminal(monkeypatch) -> io.StringIO:
    """Every command's console is a terminal of 120 columns writing into the returned buffer."""
    screen = io.StringIO()
    monkeypatch.setattr(progress, "terminal_console",
                        lambda: Console(force_terminal=True, file=screen, width=120, color_system="standard"))
    return screen


def plain(text: str) -> str:
    """What a terminal shows of `text`, colours and cursor moves left out."""
    return re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", text)


def no_control_characters(captured) -> None:
    """Off a terminal: no escape sequence, no carriage return, and no bar, not even its last state."""
    for stream in (captured.out, captured.err):
        assert "\x1b" not in stream and "\r" not in stream
        assert not re.search(r"━ +\d+/\d+ ", stream)  # a bar: its line, then done/total


def test_steps_draw_nothing_off_a_terminal_and_a_bar_on_one():
    pipe = io.StringIO()
    with steps(Console(file=pipe, force_terminal=False), "génération des versions apprenant", 2) as bar:
        bar.advance(detail="m13")
        bar.advance(detail="m14")
    assert pipe.getvalue() == ""

    screen = io.StringIO()
    with steps(Console(file=screen, force_terminal=True, width=100), "génération des versions apprenant", 2) as bar:
        bar.show("m13…")
        bar.advance(detail="m13")
        bar.advance(detail="m14")
    text = screen.getvalue()
    assert "\x1b[" in text  # drawn and redrawn in place
    last = plain(text.rsplit("\r", 1)[-1]).strip()
    assert re.fullmatch(r"génération des versions apprenant ━{40} 2/2 \d:\d\d:\d\d m14", last), last


def test_the_console_is_plain_off_a_terminal_even_when_colour_is_forced(monkeypatch):
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.setenv("TTY_COMPATIBLE", "1")
    console = terminal_console()  # pytest's stdout is no terminal
    assert not console.is_terminal and console.width == progress.PLAIN_WIDTH
    assert progress.progress_bar(console).disable


@pytest.fixture
def two_assignments(tmp_path):
    repo = write_mini_course(tmp_path / "cours")
    write_mini_course(repo, *writing_only())
    return repo


def test_release_quiet_off_a_terminal(mini_course, capsys):
    assert main(["--course-dir", str(mini_course), "release"]) == 0
    captured = capsys.readouterr()
    no_control_characters(captured)
    assert (captured.out, captured.err) == ("release/mini généré\n", "")
    assert (mini_course / "release" / "mini" / "mini.ipynb").is_file()


def test_release_bar_on_a_terminal(two_assignments, terminal, capsys):
    assert main(["--course-dir", str(two_assignments), "release", "mini", "ecrit_seul"]) == 0
    screen = terminal.getvalue()
    assert re.search(r"génération des versions apprenant +━+ 2/2 ", plain(screen))
    # print() goes through the live display, above the bar
    assert "release/mini généré" in screen and "release/ecrit_seul généré" in screen
    assert capsys.readouterr().out == ""


def test_validate_all_quiet_off_a_terminal_then_with_its_bar(two_assignments, capsys, monkeypatch):
    assert main(["--course-dir", str(two_assignments), "validate", "--all"]) == 1
    captured = capsys.readouterr()
    no_control_characters(captured)
    lines = captured.out.splitlines()
    assert [line for line in lines if line.startswith("Validation du devoir")] == [
        "Validation du devoir ecrit_seul", "Validation du devoir mini"]
    assert lines[-1] == "0 devoir(s) valide(s) sur 2 ; à reprendre : ecrit_seul, mini."

    screen = io.StringIO()
    monkeypatch.setattr(progress, "terminal_console", lambda: Console(force_terminal=True, file=screen, width=120))
    assert main(["--course-dir", str(two_assignments), "validate", "--all"]) == 1
    text = screen.getvalue()
    assert re.search(r"validation des devoirs +━+ 2/2 \d:\d\d:\d\d mini : à reprendre", plain(text))


def test_autograde_and_reports_quiet_off_a_terminal(graded, tmp_path, capsys):  # noqa: F811
    course_dir = course_copy(graded, tmp_path / "cours")
    assert main(["--course-dir", str(course_dir), "autograde", "--all", "--jobs", "2", "--sans-bac-a-sable"]) == 0
    captured = capsys.readouterr()
    no_control_characters(captured)
    assert captured.err == ""
    lines = captured.out.splitlines()
    assert lines[0].strip() == "Correction automatique (bac à sable : désactivé)"  # the status table's title
    assert [line.split("│")[1:4] for line in lines if "│ mini " in line] == [
        [" mini       ", f" {learner:<9} ", " corrigée "] for learner in ("bon", "excellent", "partiel")]
    assert lines[-1] == "6 copie(s) : 6 corrigée(s), 0 corrigée(s) avec réserves, 0 non corrigée(s)."

    out = tmp_path / "rapports"
    assert main(["--course-dir", str(course_dir), "reports", "--out", str(out)]) == 0
    captured = capsys.readouterr()
    no_control_characters(captured)
    summary = " ".join(captured.out[captured.out.index("Écrit sous"):].split())
    assert summary == (
        f"Écrit sous {out} : 3 livrets sous livrets/, tableau_de_bord.html, notes_sur_20.csv, exports/ (CSV, XLSX, "
        "décisions par bloc, import Moodle, export nbgrader), accord_correcteurs.csv, liste_moderation.csv, "
        "journal_audit.csv, similarite.csv, 0 retours HTML sous feedback/, cohorte.png.")
    assert sorted(p.name for p in (out / "livrets").iterdir()) == [
        "livret_bon.html", "livret_excellent.html", "livret_partiel.html"]


def test_autograde_feedback_and_reports_bars_on_a_terminal(graded, tmp_path, terminal):  # noqa: F811
    course_dir = course_copy(graded, tmp_path / "cours")
    assert main(["--course-dir", str(course_dir), "autograde", "--all", "--jobs", "2", "--sans-bac-a-sable",
                 "--feedback"]) == 0
    screen = plain(terminal.getvalue())
    assert re.search(r"correction automatique +━+ 6/6 ", screen)
    assert re.search(r"retours aux apprenants +━+ 6/6 ", screen)
    assert "6 copie(s) : 6 corrigée(s), 0 corrigée(s) avec réserves, 0 non corrigée(s)." in screen

    terminal.seek(0)
    terminal.truncate()
    assert main(["--course-dir", str(course_dir), "reports", "--out", str(tmp_path / "rapports")]) == 0
    screen = plain(terminal.getvalue())
    assert re.search(r"rapports +━+ 11/11 \d:\d\d:\d\d graphique de la cohorte", screen)  # 8 outputs, 3 livrets


@pytest.mark.parametrize("forked", [False, True])
def test_livrets_report_each_learner_to_the_bar(tmp_path, monkeypatch, forked):
    """write_livrets tells `progress` of each learner, in one process or from its forked workers' batches."""
    from course.reports import livret as livret_module
    from tests.test_livret_dashboard import AGREEMENT, ISSUED, build_cohort

    cohort = build_cohort(tmp_path / "cours")
    if forked:
        monkeypatch.setattr(livret_module, "PARALLEL_FROM", 0)
    told = []
    paths = livret_module.write_livrets(cohort, tmp_path / "livrets", AGREEMENT, issued=ISSUED, processes=2,
                                        progress=told.append)
    assert told == ["alice", "bruno", "chloe"]
    assert [p.name for p in paths] == ["livret_alice.html", "livret_bruno.html", "livret_chloe.html"]
    assert livret_module._workers(2, len(cohort.learners)) == (2 if forked else 1)
