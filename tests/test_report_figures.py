"""The reports' figures: the palette's colours, never colour alone (hatches, markers, legend), exact text
alternatives, and the same bytes for the same data."""
from __future__ import annotations

import io

import numpy as np
import pandas as pd
from matplotlib.colors import to_hex
from matplotlib.markers import MarkerStyle
from PIL import Image

from course import palette
from course.grading.blocs import DECISION_LABELS
from course.reports import alt_texts, charts
from course.reports.cohort import cohort_chart

NBSP = "\u00a0"
COMPETENCES = ["C1.1", "C1.2", "C1.3", "C2.1", "C2.2"]
RATES = {"acquis": [0.0, 100 / 3], "non_acquis": [100.0, 100 / 3], "en_attente": [0.0, 100 / 3],
         "non_evalue": [0.0, 0.0]}


def colours_of(png: bytes) -> set[str]:
    image = Image.open(io.BytesIO(png)).convert("RGB")
    return {"#%02X%02X%02X" % rgb for _count, rgb in image.getcolors(image.width * image.height)}


# --------------------------------------------------------------------------- text alternatives

def test_radar_alt_counts_then_lists_each_competence():
    assert alt_texts.radar_alt(COMPETENCES, [2, 3, None, 0, 2]) == (
        "Radar du profil de compétences : 4 compétences évaluées sur 5, dont 1 maîtrisée, 2 acquises et "
        "1 non acquise. C1.1 acquise ; C1.2 maîtrisée ; C2.1 non acquise ; C2.2 acquise. Non évaluée : C1.3.")
    assert alt_texts.radar_alt(COMPETENCES, [1, None, None, None, None]) == (
        "Radar du profil de compétences : 1 compétence évaluée sur 5, dont 1 en cours d'acquisition. "
        "C1.1 en cours d'acquisition. Non évaluées : C1.2, C1.3, C2.1, C2.2.")
    assert alt_texts.radar_alt(COMPETENCES, [None] * 5) == (
        "Radar du profil de compétences : aucune compétence évaluée sur 5.")


def test_radar_alt_the_example_of_the_issue():
    labels = [f"C{number}" for number in range(1, 20)]
    levels = [2] * 8 + [1] * 3 + [0] + [None] * 7
    text = alt_texts.radar_alt(labels, levels)
    assert text.startswith("Radar du profil de compétences : 12 compétences évaluées sur 19, dont 8 acquises, "
                           "3 en cours d'acquisition et 1 non acquise. C1 acquise ; ")
    assert text.endswith(" ; C12 non acquise. Non évaluées : C13, C14, C15, C16, C17, C18, C19.")


def test_boxplot_alt_gives_each_median():
    assert alt_texts.marks_boxplot_alt(["M1.1", "M2.1"], [[6, 15, 18], [9, 20]]) == (
        "Notes sur 20 par modalité, une boîte à moustaches par colonne et un point par apprenant, trait pointillé "
        "à 10/20. Médianes : M1.1 15/20 (3 copies) ; M2.1 14,5/20 (2 copies).")
    assert alt_texts.marks_boxplot_alt(["M1.1"], [[12.25]]) == (
        "Notes sur 20 par modalité, une boîte à moustaches par colonne et un point par apprenant, trait pointillé "
        "à 10/20. Médianes : M1.1 12,25/20 (1 copie).")
    assert alt_texts.marks_boxplot_alt([], []) == "Notes sur 20 par modalité : aucune note définitive pour l'instant."


def test_heatmap_alt_names_the_hardest_and_the_best_mastered_criteria():
    labels = ["M1.1-A Exploiter", "M1.1-B Rédiger", "M2.1-A Cartographier"]
    shares = [[0.5, 0, 0.5, 0], [0.25, 0.25, 0.25, 0.25], [0, 0, 0, 1]]
    assert alt_texts.level_heatmap_alt(labels, shares) == (
        "Carte de chaleur de la part des apprenants à chaque niveau, pour 3 critères, pourcentage écrit dans chaque "
        f"case. Critère le plus souvent non acquis : M1.1-A Exploiter (50{NBSP}% des apprenants). Critère le plus "
        f"souvent maîtrisé : M2.1-A Cartographier (100{NBSP}% des apprenants).")
    tied = [[1 / 3, 2 / 3, 0, 0], [1 / 3, 0, 2 / 3, 0]]
    assert alt_texts.level_heatmap_alt(labels[:2], tied) == (
        "Carte de chaleur de la part des apprenants à chaque niveau, pour 2 critères, pourcentage écrit dans chaque "
        f"case. Critères les plus souvent non acquis : M1.1-A Exploiter ; M1.1-B Rédiger (33,3{NBSP}% des "
        "apprenants chacun). Aucun critère maîtrisé.")


def test_bloc_rates_alt_gives_the_share_acquis_of_every_bloc():
    assert alt_texts.bloc_rates_alt(["Bloc 1", "Bloc 2"], RATES, DECISION_LABELS) == (
        f"Validation des blocs, part des apprenants par décision. Bloc 1 : 0{NBSP}% acquis, 100{NBSP}% non acquis ; "
        f"Bloc 2 : 33,3{NBSP}% acquis, 33,3{NBSP}% non acquis, 33,3{NBSP}% en attente.")


# --------------------------------------------------------------------------- the charts

def test_bloc_chart_hatches_each_decision_and_its_legend_shows_them():
    figure = charts.bloc_rates_figure(["Bloc 1", "Bloc 2"], RATES, DECISION_LABELS)
    legend = figure.legends[0]
    assert [text.get_text() for text in legend.get_texts()] == ["Acquis", "Non acquis", "En attente", "Non évalué"]
    assert [handle.get_hatch() for handle in legend.legend_handles] == ["", "xx", "..", "\\\\"]
    assert [to_hex(handle.get_facecolor()).upper() for handle in legend.legend_handles] == [
        "#0072B2", "#D55E00", "#F0E442", "#999999"]
    labels = [(text.get_text(), to_hex(text.get_color()).upper()) for text in figure.axes[0].texts]
    assert labels == [("33 %", "#FFFFFF"), ("100 %", "#000000"), ("33 %", "#000000"), ("33 %", "#000000")]
    png = charts.bloc_rates_chart(["Bloc 1", "Bloc 2"], RATES, DECISION_LABELS)
    assert {"#0072B2", "#D55E00", "#F0E442"} <= colours_of(png)
    assert "#1A9850" not in colours_of(png)  # the old ColorBrewer green
    assert png == charts.bloc_rates_chart(["Bloc 1", "Bloc 2"], RATES, DECISION_LABELS)


def test_heatmap_is_a_lightness_ramp_with_readable_figures():
    figure = charts.level_heatmap_figure(["A", "B"], [[0, 0, 0, 1], [0.5, 0.5, 0, 0]])
    image = figure.axes[0].images[0]
    assert to_hex(image.cmap(0.0)).upper() == "#FFFFFF" and to_hex(image.cmap(1.0)).upper() == "#0072B2"
    texts = {text.get_text(): to_hex(text.get_color()).upper() for text in figure.axes[0].texts}
    assert texts == {"0 %": "#000000", "100 %": "#FFFFFF", "50 %": "#000000"}


def test_radar_marks_each_level_by_shape_and_keeps_exact_colours():
    radar = charts.RadarChart(COMPETENCES, [False, False, False, True, True])
    legend = radar.figure.legends[0]
    assert [text.get_text() for text in legend.get_texts()] == ["Non acquis", "En cours", "Acquis", "Maîtrisé"]
    assert [handle.get_marker() for handle in legend.legend_handles] == ["X", "v", "o", "D"]
    for points, marker, colour in zip(radar.points, palette.LEVEL_MARKERS, palette.LEVEL_COLOURS):
        style = MarkerStyle(marker)
        assert np.allclose(points.get_paths()[0].vertices, style.get_path().transformed(style.get_transform()).vertices)
        assert to_hex(points.get_facecolor()[0]).upper() == colour
    png = radar.png([0, 1, 2, 3, None])
    offsets = [points.get_offsets().tolist() for points in radar.points]
    assert [len(at_level) for at_level in offsets] == [1, 1, 1, 1]
    image = Image.open(io.BytesIO(png))
    assert image.mode == "P" and image.convert("RGB").getpixel((1, 1)) == (255, 255, 255)
    assert set(palette.LEVEL_COLOURS) <= colours_of(png)
    assert png == charts.RadarChart(COMPETENCES, [False, False, False, True, True]).png([0, 1, 2, 3, None])


def test_indexed_image_keeps_the_key_colours_exactly():
    pixels = np.zeros((10, 300, 3), dtype=np.uint8)
    for index in range(300):  # a smooth ramp (more colours than the palette) beside two key colours
        pixels[:, index] = (index % 256, (index * 3) % 256, 200)
    pixels[0, 0] = (255, 255, 255)
    pixels[0, 1] = (0xD5, 0x5E, 0x00)
    image = charts.indexed_with_exact(Image.fromarray(pixels), 16, ("#FFFFFF", "#D55E00", "#0072B2"))
    rgb = image.convert("RGB")
    assert rgb.getpixel((0, 0)) == (255, 255, 255) and rgb.getpixel((1, 0)) == (0xD5, 0x5E, 0x00)
    assert "#0072B2" not in colours_of(_png(image))  # absent from the picture: not forced into it


def _png(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def test_cohort_chart_stores_its_text_alternative(tmp_path):
    from types import SimpleNamespace

    assignment = SimpleNamespace(label="M1.1", rubric=[SimpleNamespace(id="M1.1-A"), SimpleNamespace(id="M1.1-B")])
    catalogue = SimpleNamespace(assignments={"m11": assignment}, assignment=lambda _id: assignment)
    marks = pd.DataFrame({"apprenant": ["a", "b", "c"], "M1.1": [8.0, 12.5, None]})
    criteria = pd.DataFrame({"critere": ["M1.1-A", "M1.1-A", "M1.1-B", "M1.1-B"],
                             "niveau": ["non_acquis", "acquis", "maitrise", "maitrise"]})
    alt = cohort_chart(tmp_path / "cohorte.png", marks, criteria, catalogue)
    assert alt == (
        "À gauche : Notes de la cohorte sur 20 par modalité, une boîte à moustaches par colonne et un point par "
        "apprenant, trait pointillé à 10/20. Médianes : M1.1 10,25/20 (2 copies). À droite : Niveaux atteints par "
        f"critère, en barres empilées, pour 2 critères. Critère le plus souvent non acquis : M1.1-A (50{NBSP}% des "
        f"apprenants). Critère le plus souvent maîtrisé : M1.1-B (100{NBSP}% des apprenants).")
    with Image.open(tmp_path / "cohorte.png") as image:
        assert image.info["Description"] == alt
        assert "Software" not in image.info
    right = (tmp_path / "cohorte.png").read_bytes()
    cohort_chart(tmp_path / "encore.png", marks, criteria, catalogue)
    assert (tmp_path / "encore.png").read_bytes() == right
