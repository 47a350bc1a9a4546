"""The trainers' CLI: clear errors, JSON catalogue, and French everywhere, argparse's own words included."""
import argparse
import ast
import gettext
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from course.cli import build_parser, main
from course.cli_french import MESSAGES, PLURALS, gettext_fr, ngettext_fr

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


# --------------------------------------------------------------------------- casp speaks French (course/cli_french.py)

AUTOGRADE_HELP = """\
utilisation : casp autograde [-h] [--all] [--jobs N] [--sans-bac-a-sable] [--feedback]
                             [--sans-prechargement]
                             [DEVOIR]

Corriger automatiquement toute une cohorte, en parallèle, dans le bac à sable, en écartant les
copies cassées.

arguments positionnels :
  DEVOIR                le devoir à corriger

options :
  -h, --help            afficher ce message d'aide et quitter
  --all                 tous les devoirs qui ont des copies déposées
  --jobs N              copies corrigées en parallèle (par défaut : 2)
  --sans-bac-a-sable    exécuter le code des apprenants hors du bac à sable (déconseillé)
  --feedback            puis produire les retours des copies corrigées, en parallèle avec le même
                        --jobs
  --sans-prechargement  démarrer chaque noyau par un Python neuf plutôt que par le noyau préchargé
                        (plus lent)
"""


def help_of(argv, capsys) -> str:
    with pytest.raises(SystemExit) as exit_:
        main([*argv, "--help"])
    assert exit_.value.code == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    return captured.out


@pytest.fixture
def columns(monkeypatch):
    """argparse wraps its help to the terminal's width (shutil.get_terminal_size reads COLUMNS first)."""
    monkeypatch.setenv("COLUMNS", "100")


def test_casp_help_is_french(columns, capsys):
    lines = help_of([], capsys).splitlines()
    assert lines[:2] == ["utilisation : casp [-h] [--course-dir DOSSIER] COMMANDE ...", ""]
    assert lines[2] == "Outils de l'équipe de formation du cours RNCP 7426 (Chargé d'accompagnement social et"
    assert lines[6:10] == [
        "options :",
        "  -h, --help            afficher ce message d'aide et quitter",
        "  --course-dir DOSSIER  dossier du cours nbgrader (par défaut : trouvé à partir du dossier",
        "                        courant)",
    ]
    assert lines[11:13] == ["commandes :", "  COMMANDE              l'une des commandes suivantes"]
    assert "    autograde           corriger automatiquement toute une cohorte, en parallèle, dans le bac à" in lines
    assert "    reports             livrets, tableau de bord de la cohorte et exports CSV, XLSX et Moodle" in lines
    assert lines[-1] == "Aide d'une commande : casp COMMANDE --help."


def test_subcommand_help_is_french(columns, capsys):
    assert help_of(["autograde"], capsys) == AUTOGRADE_HELP


def test_every_command_and_option_has_french_help(capsys):
    """No argparse English left, and nothing without its own help, in any help casp can print."""
    parser = build_parser()
    parsers = {"casp": parser}
    while True:
        found = {p.prog: p for parent in parsers.values() for action in parent._actions
                 if isinstance(action, argparse._SubParsersAction) for p in action.choices.values()}
        if found.keys() <= parsers.keys():
            break
        parsers.update(found)
    assert len(parsers) == 34  # casp, its 27 commands, `casp hub comptes` and the 5 actions of `casp jury`
    for prog, sub in parsers.items():
        text = sub.format_help()
        for english in ("usage:", "positional arguments", "options:", "show this help", "subcommands"):
            assert english not in text, (prog, english)
        assert text.startswith(f"utilisation : {prog} ")
        assert sub.description, prog
        for action in sub._actions:
            assert action.help, (prog, action.dest)


@pytest.mark.parametrize("argv, usage, message", [
    (["new"], "casp new [-h] --modalite MODALITÉ IDENTIFIANT",
     "casp new : erreur : arguments requis manquants : IDENTIFIANT, --modalite"),
    (["new", "m21_cartographie"], "casp new [-h] --modalite MODALITÉ IDENTIFIANT",
     "casp new : erreur : argument requis manquant : --modalite"),
    (["reports", "--moodle-key", "emial"], "casp reports [-h] [--out DOSSIER] [--pdf] [--moodle-key {email,username}]",
     "casp reports : erreur : argument --moodle-key : choix invalide : « emial » (choisissez parmi 'email', "
     "'username')"),
    (["validate", "--jobs", "deux"], "casp validate [-h] [--all] [--jobs N] [DEVOIR ...]",
     "casp validate : erreur : argument --jobs : « deux » n'est pas un nombre entier"),
    (["validate", "--jobs"], "casp validate [-h] [--all] [--jobs N] [DEVOIR ...]",
     "casp validate : erreur : argument --jobs : une valeur est attendue"),
    (["check", "--vite"], "casp [-h] [--course-dir DOSSIER] COMMANDE ...",
     "casp : erreur : argument non reconnu : --vite"),
    ([], "casp [-h] [--course-dir DOSSIER] COMMANDE ...", "casp : erreur : argument requis manquant : COMMANDE"),
])
def test_usage_errors_are_french(columns, capsys, argv, usage, message):
    with pytest.raises(SystemExit) as exit_:
        main(argv)
    assert exit_.value.code == 2
    assert capsys.readouterr().err == f"utilisation : {usage}\n{message}\n"


def test_usage_error_of_the_installed_command():
    result = subprocess.run([*CASP, "relese"], capture_output=True, text=True, env={**os.environ, "COLUMNS": "100"})
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        "utilisation : casp [-h] [--course-dir DOSSIER] COMMANDE ...",
        "casp : erreur : argument COMMANDE : choix invalide : « relese » (choisissez parmi 'build', 'release', "
        "'new', 'validate', 'data', 'check', 'catalogue', 'review', 'similarity', 'blocs', 'profil', 'teams', "
        "'second-marks', 'second-marking', 'agreement', 'moderate', 'echeances', 'prolongations', 'jury', 'reports', "
        "'retours', 'autograde', "
        "'restore', 'bench', 'demo', 'lab', 'hub')",
    ]


def argparse_messages(path: str) -> tuple[set[str], set[tuple[str, str]]]:
    """The messages argparse looks up: first argument of each `_()` call, both of each `ngettext()`."""
    singles, plurals = set(), set()
    for node in ast.walk(ast.parse(Path(path).read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.args:
            texts = [a.value for a in node.args[:2] if isinstance(a, ast.Constant) and isinstance(a.value, str)]
            if node.func.id == "_" and texts:
                singles.add(texts[0])
            elif node.func.id == "ngettext" and len(texts) == 2:
                plurals.add((texts[0], texts[1]))
    return singles, plurals


def test_the_catalogue_covers_this_pythons_argparse():
    singles, plurals = argparse_messages(argparse.__file__)
    assert len(singles) >= 30 and plurals  # the extraction did find argparse's messages
    assert sorted(singles - set(MESSAGES)) == []
    assert sorted(plurals - set(PLURALS)) == []
    for english, french in MESSAGES.items():  # argparse fills them with the same keys
        assert re.findall(r"%\((\w+)\)", english) == re.findall(r"%\((\w+)\)", french), english


def test_french_only_inside_casp_parsers(capsys):
    """The hooks are argparse's again once casp's parser is done: another parser of the process keeps English."""
    build_parser().format_help()
    assert argparse._ is gettext.gettext and argparse.ngettext is gettext.ngettext
    other = argparse.ArgumentParser(prog="autre")
    other.add_argument("fichier")
    with pytest.raises(SystemExit):
        other.parse_args([])
    assert capsys.readouterr().err.endswith("autre: error: the following arguments are required: fichier\n")
    assert gettext_fr("usage: ") == "utilisation : " and gettext_fr("message inconnu") == "message inconnu"
    assert ngettext_fr("expected %s argument", "expected %s arguments", 1) % 1 == "1 valeur attendue"
    assert ngettext_fr("expected %s argument", "expected %s arguments", 3) % 3 == "3 valeurs attendues"


def test_ctrl_c_ends_a_command_with_a_french_message(mini_course, capsys, monkeypatch):
    import course.cli

    def interrupted(args):
        raise KeyboardInterrupt

    monkeypatch.setattr(course.cli, "cmd_check", interrupted)
    assert main(["--course-dir", str(mini_course), "check"]) == 130
    assert capsys.readouterr().err == "\ncasp : commande interrompue (Ctrl + C).\n"
