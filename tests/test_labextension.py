"""casp-nbgrader-fr, the course's lab extension that puts nbgrader's lab parts in French (no browser).

- its prebuilt output (course/lab/labextensions/, shipped in the wheel) was built from the source in
  labextension/ as it is now: `make labextension` records the source's digest beside the output;
- its dictionary (labextension/src/fr.json) names literals, commands and widgets that nbgrader's built
  JavaScript really has, so an nbgrader upgrade that changes them fails here rather than going back to English;
- the lab finds it: `casp lab` through `extra_labextensions_path`, the hub's users in their own environment.
"""
from __future__ import annotations

import importlib.util
import json
import re
import sys
from pathlib import Path

import pytest
from jupyterlab.labapp import LabApp
from jupyterlab_server.config import get_federated_extensions
from traitlets.config import Config

from course import CourseError
from course.hub import roles as hub_roles
from course.lab import settings
from tests.conftest import REPO

SOURCE = REPO / "labextension"
BUILT = settings.LABEXTENSIONS_DIR / "casp-nbgrader-fr"
NBGRADER_STATIC = Path(sys.prefix) / "share" / "jupyter" / "labextensions" / "@jupyter" / "nbgrader" / "static"


def load_digest_module():
    spec = importlib.util.spec_from_file_location("source_digest", SOURCE / "source_digest.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def dictionary() -> dict:
    return json.loads((SOURCE / "src" / "fr.json").read_text(encoding="utf-8"))


def nbgrader_javascript() -> str:
    return "\n".join(path.read_text(encoding="utf-8") for path in sorted(NBGRADER_STATIC.glob("*.js")))


# How nbgrader's built JavaScript writes what a user reads: text and attributes it sets, the labels, titles and
# bodies it gives to commands, tabs and dialogs, the cell types it offers, and its HTML's text and tooltips.
SHOWN = [re.compile(expression) for expression in (
    r'\.(?:innerText|textContent|title|label|caption|body)\s*=\s*"([^"]*)"',
    r'\b(?:label|title|body|tooltip|caption)\s*:\s*"([^"]*)"',
    r'createElement\("p",null,"([^"]*)"\)',
    r'setButtonLabel\("([^"]*)"\)',
    r'\["(?:manual|task|solution|tests|readonly)","([^"]+)"\]',
    r'>(?:\\n|\s)*([A-Z][A-Za-z ,.:!]+?)(?:\\n|\s)*<',
    r'title="([^"]*)"',
)]
# Shown as the label of a command or the title of a tab, which the dictionary names by their ids; and the menu's
# name, « Nbgrader », left as it is.
SHOWN_BY_ID = {"Assignment List", "Course List", "Formgrader", "Formgrader (local)", "Create assignment",
               "Assignments", "Courses", "Create Assignment", "Nbgrader Create Assignment", "Nbgrader"}


def shown_literals(code: str) -> set[str]:
    return {text.strip() for expression in SHOWN for text in expression.findall(code)} - {""}


def literal_parts(pattern: str) -> list[str]:
    """The fixed text of an anchored pattern: what lies between its groups, regex escapes undone."""
    parts = re.split(r"(?<!\\)\((?:\\.|[^)\\])*\)", pattern.removeprefix("^").removesuffix("$"))
    return [re.sub(r"\\(.)", r"\1", part) for part in parts if part]


def test_prebuilt_output_matches_its_source():
    digest = load_digest_module()
    assert digest.OUTPUT == BUILT
    assert [path.relative_to(SOURCE).as_posix() for path in digest.source_files()] == [
        "package-lock.json", "package.json", "src/commands.ts", "src/dictionary.ts", "src/dueDates.ts", "src/fr.json",
        "src/index.ts", "src/literals.ts", "src/widgetKeys.ts", "tsconfig.json"]
    assert digest.recorded() == digest.digest(), "labextension/ a changé : relancez `make labextension`"


def test_source_digest_changes_with_any_source_file(tmp_path):
    digest = load_digest_module()
    for name in ("package.json", "package-lock.json", "tsconfig.json"):
        (tmp_path / name).write_text("{}\n", encoding="utf-8")
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "fr.json").write_text('{"texts": {"Fetch": "Récupérer"}}\n', encoding="utf-8")
    before = digest.digest(tmp_path)
    (tmp_path / "src" / "fr.json").write_text('{"texts": {"Fetch": "Aller chercher"}}\n', encoding="utf-8")
    assert digest.digest(tmp_path) != before
    (tmp_path / "src" / "fr.json").write_text('{"texts": {"Fetch": "Récupérer"}}\n', encoding="utf-8")
    assert digest.digest(tmp_path) == before
    (tmp_path / "src" / "extra.ts").write_text("export {};\n", encoding="utf-8")
    assert digest.digest(tmp_path) != before


def test_prebuilt_output_is_a_complete_federated_extension():
    package = json.loads((BUILT / "package.json").read_text(encoding="utf-8"))
    source = json.loads((SOURCE / "package.json").read_text(encoding="utf-8"))
    assert (package["name"], package["version"]) == ("casp-nbgrader-fr", source["version"])
    entry = BUILT / package["jupyterlab"]["_build"]["load"]
    assert entry.is_file() and entry.parent == BUILT / "static"
    # Besides the entry point, its style module and the licences, only chunks that the entry point loads.
    chunks = [path for path in (BUILT / "static").iterdir()
              if path.name not in {entry.name, "style.js", "third-party-licenses.json"}]
    assert chunks and all(re.fullmatch(r"\d+\.[0-9a-f]{16}\.js", path.name) for path in chunks)
    loader = entry.read_text(encoding="utf-8")
    assert [path.name for path in chunks if path.name.split(".")[1] not in loader] == []
    code = "\n".join(path.read_text(encoding="utf-8") for path in (BUILT / "static").glob("*.js"))
    assert "casp-nbgrader-fr:plugin" in code and "notifyCommandChanged" in code and "MutationObserver" in code
    assert "casp-nbgrader-fr:widget-keys" in code and "data-lm-suppress-shortcuts" in code
    assert "casp-nbgrader-fr:due-dates" in code and "casp/echeances" in code


def test_every_english_entry_is_in_nbgrader_built_javascript():
    code, french = nbgrader_javascript(), dictionary()
    missing = [text for text in french["texts"] if text not in code]
    missing += [command for command in french["commands"] if f'"{command}"' not in code]
    missing += [widget for widget in french["titles"] if f'"{widget}"' not in code]
    missing += [part for pattern in french["patterns"] for part in literal_parts(pattern["english"])
                if part not in code]
    assert missing == []


def test_dictionary_covers_every_literal_nbgrader_shows():
    """Every English literal nbgrader's lab extension shows is translated (the templated messages are the
    dictionary's patterns, checked above): a new one in an nbgrader upgrade fails here."""
    shown, texts = shown_literals(nbgrader_javascript()), set(dictionary()["texts"])
    assert shown - texts == SHOWN_BY_ID
    assert texts - shown == set()
    assert literal_parts(r"^At least one cell has an old version \((.*)\) of the nbgrader metadata\.$") == [
        "At least one cell has an old version (", ") of the nbgrader metadata."]


def test_dictionary_french_is_typeset_like_the_course():
    french = dictionary()
    values = [*french["texts"].values(), *french["commands"].values(),
              *(text for title in french["titles"].values() for text in title.values()),
              *(pattern["french"] for pattern in french["patterns"])]
    assert [value for value in values if "..." in value] == []  # an ellipsis, not three dots
    assert [value for value in values if re.search(r"\S[:;!?»]|«\S", value)] == []  # a space before « : » etc.
    assert [value for value in values if "'" in value and "’" in value] == []
    assert french["commands"]["nbgrader:open-assignment-list"] == "Liste des devoirs"
    assert (french["texts"]["Fetch"], french["texts"]["Submit"], french["texts"]["Fetch Feedback"],
            french["texts"]["Validate"]) == ("Récupérer", "Rendre", "Récupérer le retour", "Valider")


def test_casp_lab_finds_the_extension():
    """JupyterLab's own lookup (extra paths, then the environment's), with the configuration `casp lab` writes."""
    config = settings.server_config("apprenant", Path("/x/racine"), Path("/x/lab-settings"))["LabApp"]
    assert config["extra_labextensions_path"] == [str(settings.LABEXTENSIONS_DIR)]
    app = LabApp(config=Config({"LabApp": config}))
    found = get_federated_extensions(app.extra_labextensions_path + app.labextensions_path)
    assert {"@jupyter/nbgrader", "casp-nbgrader-fr"} <= set(found)
    assert found["casp-nbgrader-fr"]["ext_path"] == str(BUILT)


def test_hub_users_find_the_extension_in_their_own_environment(tmp_path):
    venv = tmp_path / "python"
    installed = venv / "lib" / "python3.11" / "site-packages" / "course" / "lab" / "labextensions"
    with pytest.raises(CourseError, match="le paquet du cours n'y est pas installé"):
        hub_roles.users_labextensions_dir(venv)
    installed.mkdir(parents=True)
    assert hub_roles.users_labextensions_dir(venv) == installed
    config_dirs = hub_roles.write_role_configs(tmp_path / "roles", tmp_path / "echange", venv)
    for role, config_dir in config_dirs.items():
        server = json.loads((config_dir / "jupyter_server_config.json").read_text(encoding="utf-8"))
        assert server["LabApp"]["extra_labextensions_path"] == [str(installed)], role
