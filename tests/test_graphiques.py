"""The notebooks' figures: the course's palette for the learners' charts, a sentence for every chart the course
draws, and a title and two named axes checked on every chart a learner draws for marks."""
from __future__ import annotations

import json
import re
import subprocess
import sys

import matplotlib
import nbformat
import nbformat.v4 as nbf
import pandas as pd
import pytest
from matplotlib.colors import to_hex
from matplotlib.figure import Figure
from nbclient import NotebookClient

from course.authoring.build import SETUP_IMPORTS
from course.catalogue import load_catalogue
from course.learner import palette_du_cours
from course.learner.verifications import axe_nomme
from course.palette import ACCENT, CATEGORY_COLOURS
from tests.conftest import REPO

CATALOGUE = load_catalogue(REPO)
TEXT_ALTERNATIVE = "*Texte de remplacement du graphique : "
NBSP = "\u00a0"


def _notebook(assignment_id: str) -> nbformat.NotebookNode:
    assignment = CATALOGUE.assignment(assignment_id)
    (name,) = assignment.notebooks
    return nbformat.read(CATALOGUE.source_notebook(assignment, name), as_version=4)


def _nbgrader(cell) -> dict:
    return cell.metadata.get("nbgrader", {})


# ---------------------------------------------------------------------------------------------
# The palette of the learners' charts
# ---------------------------------------------------------------------------------------------
def test_the_palette_gives_matplotlib_the_course_category_colours():
    with matplotlib.rc_context():
        palette_du_cours()
        assert matplotlib.rcParams["axes.prop_cycle"].by_key()["color"] == list(CATEGORY_COLOURS)
        figure = Figure()
        ax = figure.subplots()
        pd.Series({"Logement": 79, "Santé": 40}).plot.bar(ax=ax)  # one series: the first colour, ACCENT
        layers = [ax.scatter([i], [i], label=str(i)) for i in range(3)]  # several layers: the next ones, in order
        assert {to_hex(bar.get_facecolor()) for bar in ax.patches} == {ACCENT.lower()}
        assert [to_hex(layer.get_facecolor()[0]) for layer in layers] == [c.lower() for c in CATEGORY_COLOURS[:3]]


def test_importing_the_learner_toolkit_leaves_matplotlib_colours_alone():
    probe = ("import json, matplotlib; before = matplotlib.rcParams['axes.prop_cycle'].by_key()['color']; "
             "import course.learner, course.learner.graphiques; "
             "print(json.dumps(before == matplotlib.rcParams['axes.prop_cycle'].by_key()['color']))")
    result = subprocess.run([sys.executable, "-c", probe], cwd=REPO, capture_output=True, text=True, check=True)
    assert json.loads(result.stdout.strip().splitlines()[-1]) is True


def test_every_notebook_setup_cell_applies_the_palette():
    assert SETUP_IMPORTS[-5:-2] == [
        "# Vos graphiques prennent les couleurs du cours, qui restent distinctes pour les personnes daltoniennes :",
        "from course.learner.graphiques import palette_du_cours",
        "palette_du_cours()",
    ]
    for assignment_id in CATALOGUE.assignments:
        setup = [c for c in _notebook(assignment_id).cells if c.cell_type == "code"][0]
        assert setup.source == "\n".join(SETUP_IMPORTS), assignment_id


def test_in_a_kernel_the_setup_cell_colours_a_chart_with_the_course_accent(tmp_path):
    """`%matplotlib inline` comes first in the setup cell: the palette must survive it, in a real kernel."""
    notebook = nbf.new_notebook(cells=[
        nbf.new_code_cell("\n".join(SETUP_IMPORTS)),
        nbf.new_code_cell("fig, ax = plt.subplots()\npd.Series({'a': 1, 'b': 2}).plot.bar(ax=ax)\n"
                          "from matplotlib.colors import to_hex\nprint(sorted({to_hex(p.get_facecolor()) "
                          "for p in ax.patches}), plt.rcParams['axes.prop_cycle'].by_key()['color'][:2])"),
    ])
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    NotebookClient(notebook, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(REPO)}}).execute()
    printed = "".join(o.get("text", "") for o in notebook.cells[1].outputs if o.output_type == "stream")
    assert printed.strip() == f"['{ACCENT.lower()}'] ['{CATEGORY_COLOURS[0]}', '{CATEGORY_COLOURS[1]}']"


# ---------------------------------------------------------------------------------------------
# The check a test cell calls for a named axis
# ---------------------------------------------------------------------------------------------
def _bars(xlabel: str | None = None):
    ax = Figure().subplots()
    pd.Series({"Logement": 79, "Santé": 40}).rename_axis("motif").plot.bar(ax=ax)  # pandas writes « motif »
    ax.set_ylabel("Nombre de passages")
    if xlabel is not None:
        ax.set_xlabel(xlabel)
    return ax


def test_a_named_axis_passes_and_the_column_name_pandas_writes_does_not():
    axe_nomme(_bars("Motif principal de la demande"), "x", colonne="motif")
    axe_nomme(_bars(), "y")
    axe_nomme(_bars(), "x")  # without `colonne`, pandas' name counts as a title, as before
    with pytest.raises(AssertionError) as pandas_name:
        axe_nomme(_bars(), "x", colonne="motif")
    assert str(pandas_name.value) == ("L'axe horizontal porte encore le nom de la colonne (motif), écrit par pandas : "
                                      'donnez-lui un titre lisible avec ax.set_xlabel("...").')
    with pytest.raises(AssertionError) as empty:
        axe_nomme(_bars("  "), "x", colonne="motif")
    assert str(empty.value) == 'L\'axe horizontal n\'a pas de titre : ajoutez ax.set_xlabel("...").'


# ---------------------------------------------------------------------------------------------
# Every chart the course draws in a notebook comes with a sentence that says what it shows
# ---------------------------------------------------------------------------------------------
# The sentence under each example chart, as the learner reads it, on the committed (seeded) data.
EXAMPLE_SENTENCES = {
    "prise_en_main": "diagramme en barres des passages au Point d'accueil social selon le genre déclaré, en mars "
                     "2026 : 238 passages de femmes et 188 passages d'hommes.",
    "m11_recit_de_vie": f"barres horizontales des 401 ressources notées dans le fichier, par domaine : Emploi, 136 ; "
                        f"Ressources financières, 88 ; Formation, 82 ; Santé, 49 ; Logement, 29 ; Famille, 17.",
    "m12_entretiens_accueil": "diagramme en barres des 500 entretiens du registre selon leur type : sans rendez-vous, "
                              "247 ; téléphone, 137 ; sur rendez-vous, 116.",
    "m13_cas_accueil_orientation": "diagramme en barres de la part des 800 demandes du registre qui concernent chaque "
                                   "problématique, de la plus fréquente à la moins fréquente : logement, 65,3 % ; "
                                   "emploi, 53,8 % ; santé, 34,9 %.",
    "m14_note_observation": "diagramme en barres des 394 arrivées dans la salle d'attente pendant la semaine observée, "
                            "par jour : lundi, 89 ; mardi, 65 ; mercredi, 66 ; jeudi, 100 ; vendredi, 56 ; samedi, 18.",
    "m22_enquete_professionnels_orientation": "barres horizontales de l'ancienneté des 42 professionnels auprès des "
                                              "personnes sortant de détention : 2 à 5 ans, 31,0 % ; 6 à 10 ans, "
                                              "28,6 % ; moins de 2 ans, 23,8 % ; plus de 10 ans, 16,7 %.",
    "m23_negociation_groupe": "courbe du nombre de ménages présents chaque mois sur l'aire, de janvier 2023 à "
                              "décembre 2025, entre 11 et 16 ménages, avec les mois d'été (juin, juillet, août) grisés "
                              "et hachurés : le nombre de ménages baisse un peu en juillet et en août, sans chute.",
}
# Course-drawn charts that describe themselves: the map prints its sentences, the analysis plan shows a caption.
DESCRIBED_BY_CODE = ("decrire_carte(", "appliquer_plan(")


def _draws(cell) -> bool:
    return cell.cell_type == "code" and bool(re.search(r"plt\.subplots\(|appliquer_plan\(", cell.source))


def _example_charts(notebook) -> list[int]:
    """The charts the course draws: cells that draw, neither an answer (solution) nor a test."""
    return [i for i, cell in enumerate(notebook.cells)
            if _draws(cell) and not _nbgrader(cell).get("solution") and not _nbgrader(cell).get("grade")]


def _sentence_after(notebook, index: int) -> str | None:
    """The text alternative of the chart drawn by cell `index`: the italic sentence right under it, or code
    that prints or shows the chart's description (the cell itself, or the first code cell after it)."""
    following = notebook.cells[index + 1:]
    if following and following[0].cell_type == "markdown" and following[0].source.startswith(TEXT_ALTERNATIVE):
        return " ".join(following[0].source.split("\n\n")[0].split())  # its first paragraph
    codes = [notebook.cells[index]] + [c for c in following if c.cell_type == "code"][:1]
    return next((c.source for c in codes if any(call in c.source for call in DESCRIBED_BY_CODE)), None)


@pytest.mark.parametrize("assignment_id", list(CATALOGUE.assignments))
def test_every_chart_the_course_draws_has_a_text_alternative(assignment_id):
    notebook = _notebook(assignment_id)
    charts = _example_charts(notebook)
    missing = [notebook.cells[i].source.splitlines()[0] for i in charts if _sentence_after(notebook, i) is None]
    assert missing == [], f"{assignment_id} : graphique sans phrase qui dit ce qu'il montre"
    if assignment_id in EXAMPLE_SENTENCES:
        sentences = [_sentence_after(notebook, i) for i in charts]
        assert f"{TEXT_ALTERNATIVE}{EXAMPLE_SENTENCES[assignment_id]}*" in sentences


def test_the_course_draws_a_chart_in_every_assignment_with_data():
    counted = {a: len(_example_charts(_notebook(a))) for a in CATALOGUE.assignments}
    assert counted == {"prise_en_main": 1, "m11_recit_de_vie": 1, "m12_entretiens_accueil": 1,
                       "m13_cas_accueil_orientation": 1, "m14_note_observation": 1,
                       "m21_cartographie_dispositifs": 2, "m22_enquete_professionnels_orientation": 2,
                       "m23_negociation_groupe": 1}


# ---------------------------------------------------------------------------------------------
# Every chart a learner draws for marks is checked for a title and two named axes
# ---------------------------------------------------------------------------------------------
def _graded_charts(notebook) -> dict[str, str]:
    """grade_id of each answer cell that draws a chart → the source of the test cells that follow it."""
    charts, current = {}, None
    for cell in notebook.cells:
        meta = _nbgrader(cell)
        if meta.get("solution") and cell.cell_type == "code":
            current = meta["grade_id"] if "plt.subplots(" in cell.source else None
            if current:
                charts[current] = ""
        elif meta.get("grade") and current:
            charts[current] += cell.source + "\n"
    return charts


def test_every_graded_chart_has_its_title_and_both_axes_checked():
    checked = {}
    for assignment_id in CATALOGUE.assignments:
        for grade_id, tests in _graded_charts(_notebook(assignment_id)).items():
            named_by_course = "fond_de_carte" in tests or grade_id == "q4_carte"  # the base map names both axes
            checked[f"{assignment_id}/{grade_id}"] = ("titre(ax)" in tests,
                                                      named_by_course or tests.count("axe_nomme(ax") >= 2)
    assert checked == {
        "prise_en_main/d_graphique": (True, True),
        "m11_recit_de_vie/q7_graphique": (True, True),
        "m12_entretiens_accueil/q4_graphique": (True, True),
        "m13_cas_accueil_orientation/q4_graphique": (True, True),
        "m14_note_observation/q4_graphique_heure": (True, True),
        "m21_cartographie_dispositifs/q4_carte": (True, True),
        "m22_enquete_professionnels_orientation/q4_graphique_freins": (True, True),
        "m23_negociation_groupe/q4_graphique": (True, True),
    }


def test_the_onboarding_says_why_a_chart_needs_a_title_and_named_axes():
    text = "\n".join(c.source for c in _notebook("prise_en_main").cells if c.cell_type == "markdown")
    flat = " ".join(text.split())
    for taught in ("un **lecteur d'écran**, un logiciel qui lit à voix haute ce qui est écrit à l'écran. Il lit le titre "
                   "du graphique et le titre des axes, mais il ne voit ni les barres ni leurs couleurs",
                   "une information ne doit jamais être donnée par la couleur seule",
                   "la ligne `palette_du_cours()` : elle donne à tous vos graphiques les **couleurs du cours**"):
        assert taught in flat
