"""The M1.1 timeline (frise): its controls, the course palette with markers, a sentence that says what it shows."""
from __future__ import annotations

import html
import re

import ipywidgets as widgets
import matplotlib.pyplot as plt
import pytest
from matplotlib.colors import to_hex
from matplotlib.markers import MarkerStyle

from course.learner.widgets.frise import RESSOURCES, RUPTURES, TOUT, Frise, frise_interactive

MARTINE = ("Frise du parcours de Martine (P0417) : 7 ruptures (▼) et 6 ressources (▲), soit 13 événements entre "
           "1989 et 2025, dans 6 domaines, un par ligne (Formation, Emploi, Santé, Famille, Logement, Ressources "
           "financières).")


@pytest.fixture
def frise() -> Frise:
    return Frise()


def test_labelled_controls_in_reading_order(frise):
    consigne, personne, nature, titre_domaines, cases, periode, sortie = frise.widget.children
    assert (personne.description, personne.value) == ("Personne :", "P0417")
    # Radio buttons: the choice is announced as checked; « Cliquez sur « Ruptures seulement » » still holds.
    assert isinstance(nature, widgets.RadioButtons)
    assert (nature.description, nature.options, nature.value) == ("Afficher :", (TOUT, RUPTURES, RESSOURCES), TOUT)
    assert titre_domaines.value == "<b>Domaines :</b>"
    assert [(c.description, c.value) for c in cases.children] == [
        ("Formation", True), ("Emploi", True), ("Santé", True), ("Famille", True), ("Logement", True),
        ("Ressources financières", True)]
    # Two number fields, not a range slider whose handles have no name for a screen reader.
    assert [(type(f).__name__, f.description, f.value, f.min, f.max) for f in periode.children] == [
        ("BoundedIntText", "Période : de l'année", 1977, 1977, 2025),
        ("BoundedIntText", "à l'année", 2025, 1977, 2025)]
    assert isinstance(sortie, widgets.Output)


def test_the_legend_says_it_with_symbols_and_words_in_the_palette(frise):
    consigne = frise.widget.children[0].value
    assert ("Chaque ligne de la frise est un domaine de la vie ; une rupture y est marquée "
            "<b style='color:#A04600'>▼</b>, une ressource <b style='color:#005685'>▲</b>.") in consigne
    assert "rouge" not in consigne and "vert" not in consigne


def test_the_figure_uses_the_palette_and_keeps_its_markers(frise):
    fig = frise.figure()
    ax = fig.axes[0]
    points = {collection.get_label(): (to_hex(collection.get_facecolor()[0]), len(collection.get_offsets()))
              for collection in ax.collections}
    assert points == {"Ruptures": ("#d55e00", 7), "Ressources": ("#0072b2", 6)}  # Okabe–Ito vermillon and blue
    def shape(marker: str) -> list:
        style = MarkerStyle(marker)
        return style.get_path().transformed(style.get_transform()).vertices.round(3).tolist()

    # ▼ for a rupture, ▲ for a ressource: two shapes, not only two colours.
    assert [c.get_paths()[0].vertices.round(3).tolist() for c in ax.collections] == [shape("v"), shape("^")]
    assert shape("v") != shape("^")
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Formation", "Emploi", "Santé", "Famille", "Logement",
                                                           "Ressources financières"]
    assert (ax.get_title(), ax.get_xlabel()) == ("Frise du parcours de Martine (P0417)", "Année")
    plt.close(fig)


def test_a_sentence_says_what_the_figure_shows(frise):
    assert frise.description() == MARTINE
    page = frise.figure_html()
    assert re.fullmatch(r'<figure style="margin:0"><img src="data:image/png;base64,[A-Za-z0-9+/=]+" '
                        rf'alt="{re.escape(html.escape(MARTINE))}" style="max-width:100%">'
                        rf'<figcaption>{re.escape(html.escape(MARTINE))}</figcaption></figure>', page)

    frise.nature.value = RUPTURES
    frise.debut.value = 2019
    assert frise.description() == ("Frise du parcours de Martine (P0417) : 6 ruptures (▼) entre 2019 et 2023, dans "
                                   "5 domaines, un par ligne (Emploi, Santé, Famille, Logement, Ressources "
                                   "financières).")
    frise.fin.value = 2018  # the two years the other way round: the period between them
    assert frise.periode() == (2018, 2019)
    assert frise.description() == ("Frise du parcours de Martine (P0417) : 1 rupture (▼) en 2019, dans 1 domaine "
                                   "(Santé).")
    frise.nature.value = RESSOURCES
    assert frise.description() == ("Frise du parcours de Martine (P0417) : aucun événement de 2018 à 2019 avec ces "
                                   "filtres, la frise est vide.")
    assert frise.selection().empty


def test_another_person_is_named_by_the_code_in_the_sentence():
    frise = Frise("P0010")
    assert frise.description().startswith("Frise du parcours de la personne P0010 : ")
    assert isinstance(frise_interactive("P0010"), widgets.VBox)
