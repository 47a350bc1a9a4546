"""`casp validate` and `casp new` on small courses: each check reports what it found, and a mutant the
hidden tests do not catch is a failure."""
from __future__ import annotations

import shutil

import pytest

from course import CourseError
from course.authoring.new import new_assignment
from course.catalogue import load_catalogue, write_entry
from course.cli import main
from course.nbgrader_ext.validate import validate_assignment
from tests.conftest import MINI_ASSIGNMENT, REPO

MYST = '''---
jupytext:
  text_representation:
    extension: .md
    format_name: myst
kernelspec:
  display_name: Python 3 (ipykernel)
  language: python
  name: python3
---

## Deux calculs

```{code-cell}
---
nbgrader:
  grade_id: a1
  solution: true
---
### BEGIN SOLUTION
x = 2 + 2
### END SOLUTION
```

```{code-cell}
---
nbgrader:
  grade_id: t1
  grade: true
  locked: true
  points: 2
---
existe("x")
### BEGIN HIDDEN TESTS
assert x == {{ quatre }}, "x n'est pas le bon total."
### END HIDDEN TESTS
```

```{code-cell}
---
nbgrader:
  grade_id: a2
  solution: true
---
### BEGIN SOLUTION
y = x * 10
### END SOLUTION
```

```{code-cell}
---
nbgrader:
  grade_id: t2
  grade: true
  locked: true
  points: 2
---
existe("y")
### BEGIN HIDDEN TESTS
proche(y, {{ quarante }}, "y doit valoir dix fois x.")
### END HIDDEN TESTS
```

+++ {"ecrit": "M1.1-B"}

#### Parcours

Madame K. a travaillé vingt ans dans la logistique avant un licenciement économique. Elle s'est séparée deux ans
plus tard et vit depuis chez sa sœur. Elle perçoit le RSA depuis six mois.

#### Hypothèses

La perte d'emploi et la séparation se renforcent l'une l'autre. Le mal de dos limite les métiers possibles. Un
appui de la CAF et de France Travail est proposé.

+++ {"oral": "M1.1-C"}

Partie orale.
'''

MUTANTS = '''a1:
  - pourquoi: "une multiplication au lieu d'une addition"
    code: x = 2 * 3
a2:
  - pourquoi: "le bon nombre écrit à la main"
    code: y = 40
'''


@pytest.fixture
def myst_course(tmp_path):
    root = tmp_path / "cours"
    (root / "assignments").mkdir(parents=True)
    shutil.copy(REPO / "nbgrader_config.py", root / "nbgrader_config.py")
    folder = write_entry(root, MINI_ASSIGNMENT).parent
    (folder / "mini.md").write_text(MYST, encoding="utf-8")
    (folder / "attendus.py").write_text("def attendus():\n    return {'quatre': 4, 'quarante': 40.0}\n",
                                        encoding="utf-8")
    (folder / "mutants.yaml").write_text(MUTANTS, encoding="utf-8")
    return root


def test_validate_reports_every_check_and_an_uncaught_mutant(myst_course, tmp_path):
    report = validate_assignment(myst_course, "mini", workdir=tmp_path)
    assert [(c.ok, c.label, c.detail) for c in report.checks] == [
        (True, "construction des notebooks", "1 notebook, 14 cellules, 0 fichier distribué"),
        (True, "contenu propre au devoir", "aucun texte d'exemple du modèle"),
        (True, "contrôles du catalogue (casp check)", "aucun problème"),
        (True, "génération de la version apprenant (nbgrader)", ""),
        (True, "le corrigé obtient tous les points automatiques", "4 sur 4 points, corrigé dans le bac à sable"),
        (True, "une copie vierge obtient 0 point automatique", "0 sur 4 points"),
        (True, "mutant a1 « une multiplication au lieu d'une addition »", "échoue à t1"),
        (False, "mutant a2 « le bon nombre écrit à la main »",
         "aucun test de la question n'échoue (t2) : ajoutez un test caché qui l'attrape"),
        (True, "le corrigé de mini.ipynb s'exécute sans erreur",
         "toutes les cellules, exemples et outils interactifs compris"),
    ]
    assert not report.ok
    assert report.text().splitlines()[-1].startswith("  Résultat : 1 échec (")
    assert "✗ ÉCHEC  mutant a2" in report.text()


def test_validate_flags_missing_mutants_and_a_broken_placeholder(myst_course, tmp_path):
    folder = myst_course / "assignments" / "mini"
    (folder / "mutants.yaml").write_text(MUTANTS.split("a2:")[0], encoding="utf-8")
    report = validate_assignment(myst_course, "mini", workdir=tmp_path)
    assert [(c.label, c.detail) for c in report.checks if not c.ok] == [
        ("question a2", "aucun mutant déclaré dans mutants.yaml")]

    (folder / "mini.md").write_text(MYST.replace("{{ quarante }}", "{{ quarente }}"), encoding="utf-8")
    report = validate_assignment(myst_course, "mini", workdir=tmp_path)
    assert [(c.ok, c.label) for c in report.checks] == [(False, "construction des notebooks")]
    assert report.checks[0].detail == (
        f"{folder / 'mini.md'} : l'espace réservé « quarente » n'a pas de valeur ; ajoutez-la au dictionnaire "
        "renvoyé par attendus.py.")


def test_cli_validate_exit_codes(myst_course, capsys):
    assert main(["--course-dir", str(myst_course), "validate", "mini"]) == 1
    out = capsys.readouterr().out
    assert out.startswith("Validation du devoir mini\n")
    assert main(["--course-dir", str(myst_course), "validate"]) == 2
    assert "Donnez un devoir" in capsys.readouterr().err


@pytest.fixture
def course_with_template(tmp_path):
    root = tmp_path / "cours"
    (root / "assignments").mkdir(parents=True)
    shutil.copy(REPO / "nbgrader_config.py", root / "nbgrader_config.py")
    shutil.copytree(REPO / "assignments" / "_modele", root / "assignments" / "_modele")
    return root


def test_new_assignment_from_template_validates_except_its_example_text(course_with_template, tmp_path, capsys):
    assert main(["--course-dir", str(course_with_template), "new", "m99_essai", "--modalite", "M2.1"]) == 0
    folder = course_with_template / "assignments" / "m99_essai"
    assert sorted(p.name for p in folder.iterdir()) == ["attendus.py", "devoir.yaml", "essai.md", "mutants.yaml"]
    assignment = load_catalogue(course_with_template).assignment("m99_essai")
    assert (assignment.modality, assignment.notebooks) == ("M2.1", ["essai.ipynb"])
    assert [c.id for c in assignment.rubric] == ["M2.1-A", "M2.1-B"]
    assert [c.competences for c in assignment.rubric] == [["C5.1"], ["C2.1"]]
    report = validate_assignment(course_with_template, "m99_essai", workdir=tmp_path)
    failures = [(c.label, c.detail) for c in report.checks if not c.ok]
    assert len(failures) == 1 and failures[0][0] == "contenu propre au devoir"
    assert failures[0][1].startswith("le texte d'exemple du modèle (_modele) est encore là (essai.ipynb cellule 5")
    assert len([c for c in report.checks if c.ok and c.label.startswith("mutant q1_part_jeunes")]) == 2


def test_validate_fails_when_an_example_cell_breaks(myst_course, tmp_path):
    folder = myst_course / "assignments" / "mini"
    text = MYST.replace("## Deux calculs\n", "## Deux calculs\n\n```{code-cell}\nundefined_name + 1\n```\n")
    (folder / "mini.md").write_text(text, encoding="utf-8")
    report = validate_assignment(myst_course, "mini", workdir=tmp_path)
    failed = {c.label: c.detail for c in report.checks if not c.ok}
    assert failed["le corrigé de mini.ipynb s'exécute sans erreur"].startswith("erreur dans cellule 6 ; si elle passe")


def test_new_refuses_bad_input_and_writes_nothing(course_with_template):
    catalogue = load_catalogue(course_with_template)
    with pytest.raises(CourseError, match="Modalité inconnue « M9.9 »"):
        new_assignment(catalogue, "m99_essai", "M9.9")
    with pytest.raises(CourseError, match="Identifiant invalide « M99 Essai »"):
        new_assignment(catalogue, "M99 Essai", "M2.1")
    new_assignment(catalogue, "m99_essai", "M2.1")
    with pytest.raises(CourseError, match="existe déjà"):
        new_assignment(catalogue, "m99_essai", "M2.2")
    assert sorted(p.name for p in (course_with_template / "assignments").iterdir()) == ["_modele", "m99_essai"]


PRODUCTION_CELL = '''
```{code-cell}
---
production: M1.1-P
---
# Chaque ligne du tableau : une structure, sa commune.
import pandas as pd
### BEGIN SOLUTION
repertoire = pd.DataFrame({"structure": ["CCAS", "Mission locale"], "commune": ["Corvalès", "Corvalès"]})
### END SOLUTION
repertoire.to_csv("mon_repertoire.csv", index=False)
repertoire
```
'''


def test_validate_a_production_criterion(myst_course, tmp_path):
    """A table the learner builds, graded by hand: prompt and answer cell rendered from the criterion, model
    code removed from the release, the model run writes the file the self-check counts."""
    import copy

    from tests.conftest import LEVELS

    entry = copy.deepcopy(MINI_ASSIGNMENT)
    entry["rubric"][1]["points"] = 4
    entry["rubric"].insert(2, {
        "id": "M1.1-P", "label": "Répertoire", "kind": "production", "competences": ["C1.2"], "points": 4,
        "grade_ids": ["production_repertoire"], "levels": LEVELS, "consigne": "Construisez le répertoire.",
        "production": {"objet": "répertoire", "fichier": "mon_repertoire.csv", "minimum": 2,
                       "colonnes": ["structure", "commune"]},
    })
    write_entry(myst_course, entry)
    folder = myst_course / "assignments" / "mini"
    (folder / "mini.md").write_text(MYST.replace("+++ {\"oral\"", PRODUCTION_CELL + "\n+++ {\"oral\""), encoding="utf-8")
    report = validate_assignment(myst_course, "mini", workdir=tmp_path)
    assert [(c.label, c.detail) for c in report.checks if not c.ok] == [
        ("mutant a2 « le bon nombre écrit à la main »",
         "aucun test de la question n'échoue (t2) : ajoutez un test caché qui l'attrape")]
    catalogue = load_catalogue(myst_course)
    from course.authoring.build import build_assignment
    cells = build_assignment(catalogue, catalogue.assignment("mini"))["mini.ipynb"].cells
    prompt, answer = next((cells[i], cells[i + 1]) for i, c in enumerate(cells)
                          if c.metadata.get("nbgrader", {}).get("grade_id") == "consigne_production_repertoire")
    assert prompt.source.startswith("### Production 1 — Répertoire\n\n*Critère M1.1-P · compétences C1.2 · 4 points*")
    assert ("**Ce qui est attendu :** votre répertoire, enregistré dans le fichier `mon_repertoire.csv` à côté du "
            "notebook, avec au moins 2 lignes et les colonnes `structure`, `commune`.") in prompt.source
    assert answer.metadata["nbgrader"] == {"grade": True, "grade_id": "production_repertoire", "locked": False,
                                           "points": 4, "schema_version": 3, "solution": True, "task": False}
    assert answer.metadata["casp"]["production"]["minimum"] == 2
