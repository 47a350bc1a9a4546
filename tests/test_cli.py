"""The trainers' CLI: clear errors, JSON catalogue."""
import json
import subprocess
import sys
from pathlib import Path

from course.cli import main

CASP = [sys.executable, "-m", "course.cli"]


def test_unknown_assignment_is_a_clear_error(mini_course, capsys):
    assert main(["--course-dir", str(mini_course), "release", "m99_inconnu"]) == 2
    err = capsys.readouterr().err
    assert err.strip() == "casp : Devoir inconnu « m99_inconnu ». Devoirs du catalogue : mini."


def test_malformed_yaml_is_a_clear_error(mini_course):
    path = mini_course / "assignments" / "mini" / "devoir.yaml"
    path.write_text("id: mini\nrubric:\n  - id: A\n   label: mal indenté\n", encoding="utf-8")
    result = subprocess.run([*CASP, "--course-dir", str(mini_course), "check"], capture_output=True, text=True)
    assert result.returncode == 2
    assert result.stderr.startswith(f"casp : {path} : YAML invalide (ligne 4")
    assert "Traceback" not in result.stderr


def test_check_reports_problems_with_exit_1(mini_course, capsys):
    notebook = mini_course / "source" / "mini" / "mini.ipynb"
    notebook.write_text("{ pas du json", encoding="utf-8")
    assert main(["--course-dir", str(mini_course), "check"]) == 1
    err = capsys.readouterr().err
    assert f"ERREUR {notebook} : notebook illisible (JSON invalide" in err


def test_catalogue_json(mini_course, capsys):
    assert main(["--course-dir", str(mini_course), "catalogue", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [a["id"] for a in data["assignments"]] == ["mini"]
    assert data["assignments"][0]["criteria"][0]["grade_ids"] == ["t1", "t2"]
    assert len(data["competences"]) == 19 and len(data["modalities"]) == 19
