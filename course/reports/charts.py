"""Matplotlib charts shared by the livrets and the dashboard, returned as PNG bytes.

Figures are built with the object API (no pyplot state), on the Agg backend, at a fixed dpi,
so that the same data always gives the same image and nothing needs a display.
The radar is drawn for hundreds of learners: its frame is rendered once and only the
learner's polygon is redrawn on a copy of it (blitting).
Colours come from `course.palette` (Okabe–Ito) and never carry information alone: a level's dot also has
its marker shape, a decision's bar its hatch pattern, each shown in the legend; every cell and bar big
enough carries its percentage. `alt_texts.py` says in words what each chart shows.
"""
from __future__ import annotations

import base64
import io
from collections.abc import Sequence

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg  # each figure gets its own Agg canvas: no global backend
from matplotlib.colors import LinearSegmentedColormap, Normalize, to_hex
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from PIL import Image

from ..formatting import decimal_fr
from ..palette import (
    ACCENT, DECISION_COLOURS, DECISION_HATCHES, GREY, INK, LEVEL_COLOURS, LEVEL_MARKERS, LINE, MUTED, SOFT,
    text_on,
)
from ..rubric import DEFAULT_LEVELS

DPI = 100
# Shares 0–100 %: white to the palette's blue, a ramp of lightness alone, read alike by every colour vision.
SHARE_MAP = LinearSegmentedColormap.from_list("part_des_apprenants", ["#FFFFFF", ACCENT])
HATCH_WIDTH = 0.8
RADAR_KEY_COLOURS = ("#FFFFFF", INK, MUTED, GREY, SOFT, *LEVEL_COLOURS)  # kept exact in the indexed radar
SHORT_LEVEL_LABELS = ("Non acquis", "En cours", "Acquis", "Maîtrisé")
RADAR_CENTRE = -0.9  # radius of the centre: level index 0 (non acquis) sits on a ring, the centre means "not assessed"
PNG_METADATA = {"Software": None}  # keep matplotlib's URL out of the files


def to_base64(png: bytes) -> str:
    return base64.b64encode(png).decode("ascii")


def data_uri(png: bytes) -> str:
    """An <img src> that needs no file and no network."""
    return "data:image/png;base64," + to_base64(png)


def _save(figure: Figure) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=DPI, metadata=PNG_METADATA)
    figure.clear()
    return buffer.getvalue()


class RadarChart:
    """Competence profile radar: level index 0–3 per competence, greyed sectors for blocs not assessed.

    Build one per cohort (the frame is the same for every learner), then call `png(levels)`.
    """

    def __init__(self, labels: Sequence[str], greyed: Sequence[bool], size: float = 4.6):
        if len(labels) < 3:
            raise ValueError("un radar a besoin d'au moins trois compétences")
        self.count = len(labels)
        self.figure = Figure(figsize=(size, size), dpi=DPI, facecolor="white")
        self.canvas = FigureCanvasAgg(self.figure)
        ax = self.ax = self.figure.add_axes((0.12, 0.14, 0.76, 0.76), projection="polar")
        self.theta = np.linspace(0, 2 * np.pi, self.count, endpoint=False)
        ax.set_theta_offset(np.pi / 2)
        ax.set_theta_direction(-1)
        ax.set_ylim(RADAR_CENTRE, 3)
        ax.set_yticks(range(4), SHORT_LEVEL_LABELS, fontsize=7, color=MUTED)
        ax.set_rlabel_position(360 - 180 / self.count)  # between the last competence and the first
        ax.set_xticks(self.theta, list(labels), fontsize=8)
        ax.grid(color=GREY, linewidth=0.5)
        width = 2 * np.pi / self.count
        for angle, grey in zip(self.theta, greyed):
            if grey:  # a bloc not assessed: hatched like « non évalué » in the bloc chart
                ax.bar(angle, 3 - RADAR_CENTRE, width=width, bottom=RADAR_CENTRE, color=SOFT, zorder=0,
                       hatch=DECISION_HATCHES["non_evalue"], hatchcolor=GREY, hatch_linewidth=0.5, linewidth=0)
        # The level of a dot reads from its marker too (and from its ring): the legend shows both.
        handles = [Line2D([], [], linestyle="", marker=marker, markersize=6, markerfacecolor=colour,
                          markeredgecolor=INK, markeredgewidth=0.6, label=label)
                   for marker, colour, label in zip(LEVEL_MARKERS, LEVEL_COLOURS, SHORT_LEVEL_LABELS)]
        self.figure.legend(handles=handles, loc="lower center", bbox_to_anchor=(0.5, 0.045), ncol=4,
                           frameon=False, fontsize=7, handletextpad=0.3, columnspacing=1.2)
        self.figure.text(0.5, 0.02, "Zone hachurée : bloc non évalué. Centre : compétence non évaluée.",
                         ha="center", fontsize=7, color=MUTED)
        closed = np.append(self.theta, self.theta[0])
        self.fill = ax.fill(closed, np.full(len(closed), RADAR_CENTRE), color=ACCENT, alpha=0.2, animated=True)[0]
        self.line = ax.plot(closed, np.full(len(closed), np.nan), color=ACCENT, linewidth=1.6, animated=True)[0]
        self.points = [ax.scatter([], [], s=34, zorder=3, marker=marker, color=colour, edgecolors=INK,
                                  linewidths=0.6, animated=True)
                       for marker, colour in zip(LEVEL_MARKERS, LEVEL_COLOURS)]  # one artist per level
        self.canvas.draw()
        self.background = self.canvas.copy_from_bbox(self.figure.bbox)
        self._cache: dict[tuple, bytes] = {}

    def png(self, levels: Sequence[int | None]) -> bytes:
        """PNG of one profile: levels[i] is the level index of competence i, None when not assessed."""
        key = tuple(levels)
        if len(key) != self.count:
            raise ValueError(f"{len(key)} niveaux pour {self.count} compétences")
        if key not in self._cache:
            self._cache[key] = self._draw(key)
        return self._cache[key]

    def _draw(self, levels: tuple[int | None, ...]) -> bytes:
        radius = np.array([np.nan if level is None else float(level) for level in levels])
        closed_theta = np.append(self.theta, self.theta[0])
        closed_radius = np.append(radius, radius[0])
        filled = np.where(np.isnan(closed_radius), RADAR_CENTRE, closed_radius)  # not assessed: down to the centre
        self.fill.set_xy(np.column_stack([closed_theta, filled]))
        self.line.set_data(closed_theta, closed_radius)
        for level, points in enumerate(self.points):
            at_level = radius == level
            points.set_offsets(np.column_stack([self.theta[at_level], radius[at_level]]))
        self.canvas.restore_region(self.background)
        for artist in (self.fill, self.line, *self.points):
            self.ax.draw_artist(artist)
        width, height = self.canvas.get_width_height()
        image = Image.frombuffer("RGBA", (width, height), self.canvas.buffer_rgba(), "raw", "RGBA", 0, 1)
        buffer = io.BytesIO()
        # 64 colours are plenty for this chart and make each livret about four times lighter.
        indexed_with_exact(image.convert("RGB"), 64, RADAR_KEY_COLOURS).save(buffer, format="PNG")
        return buffer.getvalue()


def indexed_with_exact(image: Image.Image, colours: int, exact: Sequence[str]) -> Image.Image:
    """`image` reduced to `colours` colours, the `exact` ones among them kept exactly.

    Plain quantization moves every colour a little: the white background turned light grey and the
    palette's level colours drifted. Each palette entry nearest a key colour present in the picture is set
    back to that colour (the pixels it stands for are those closest to it)."""
    quantized = image.quantize(colours, method=Image.Quantize.FASTOCTREE)
    entries = np.array(quantized.getpalette()[: colours * 3], dtype=int).reshape(-1, 3)
    present = {rgb for _count, rgb in image.getcolors(image.width * image.height)}
    for colour in exact:
        rgb = tuple(int(colour.lstrip("#")[i:i + 2], 16) for i in (0, 2, 4))
        if rgb in present:
            entries[np.argmin(((entries - rgb) ** 2).sum(axis=1))] = rgb
    quantized.putpalette(entries.flatten().tolist())
    return quantized


def marks_boxplot(labels: Sequence[str], series: Sequence[Sequence[float]]) -> bytes:
    """Box plot of marks /20 per modality, with every learner's mark as a jittered dot."""
    figure = Figure(figsize=(max(7.0, 0.6 * len(labels) + 2.5), 4.6), dpi=DPI, facecolor="white")
    FigureCanvasAgg(figure)
    ax = figure.add_subplot()
    if labels:
        ax.boxplot([list(values) for values in series], tick_labels=list(labels), showfliers=False, widths=0.6,
                   medianprops={"color": INK, "linewidth": 2.2})
        rng = np.random.default_rng(0)
        crowded = max(len(values) for values in series) > 60
        for position, values in enumerate(series, start=1):
            jitter = rng.uniform(-0.2, 0.2, len(values))
            ax.scatter(position + jitter, values, s=7 if crowded else 20, alpha=0.35 if crowded else 0.8,
                       color=ACCENT, linewidths=0)
    else:
        ax.text(0.5, 0.5, "Aucune note définitive", ha="center", va="center", transform=ax.transAxes)
    ax.axhline(10, color=MUTED, linestyle="--", linewidth=1)
    ax.set_ylim(-0.5, 20.5)
    ax.set_yticks(range(0, 21, 2))
    ax.set_ylabel("Note sur 20")
    ax.set_xlabel("Modalité d'évaluation")
    ax.set_title("Répartition des notes par modalité")
    ax.tick_params(axis="x", labelrotation=45 if len(labels) > 10 else 0)
    figure.tight_layout()
    return _save(figure)


def level_heatmap(row_labels: Sequence[str], shares: Sequence[Sequence[float]]) -> bytes:
    """Criteria × levels: share of learners (0–1) at each level, annotated in percent."""
    return _save(level_heatmap_figure(row_labels, shares))


def level_heatmap_figure(row_labels: Sequence[str], shares: Sequence[Sequence[float]]) -> Figure:
    data = np.array(shares, dtype=float).reshape(len(row_labels), len(DEFAULT_LEVELS)) * 100
    figure = Figure(figsize=(8.5, 1.6 + 0.3 * max(len(row_labels), 1)), dpi=DPI, facecolor="white")
    FigureCanvasAgg(figure)
    ax = figure.add_subplot()
    norm = Normalize(vmin=0, vmax=100)
    image = ax.imshow(data, cmap=SHARE_MAP, norm=norm, aspect="auto")
    ax.set_xticks(range(len(DEFAULT_LEVELS)), [level.label for level in DEFAULT_LEVELS], fontsize=8)
    ax.xaxis.tick_top()
    ax.set_yticks(range(len(row_labels)), list(row_labels), fontsize=8)
    ax.set_xticks(np.arange(len(DEFAULT_LEVELS) + 1) - 0.5, minor=True)  # cell borders: a 0 % cell stays a cell
    ax.set_yticks(np.arange(len(row_labels) + 1) - 0.5, minor=True)
    ax.grid(which="minor", color=LINE, linewidth=1)
    ax.tick_params(which="minor", length=0)
    for (row, column), value in np.ndenumerate(data):
        ax.text(column, row, f"{decimal_fr(value, 0)} %", ha="center", va="center", fontsize=7,
                color=text_on(to_hex(SHARE_MAP(norm(value)))))
    colourbar = figure.colorbar(image, ax=ax, fraction=0.04, pad=0.02)
    colourbar.set_label("Part des apprenants (%)")
    figure.tight_layout()
    return figure


def bloc_rates_chart(bloc_labels: Sequence[str], rates: dict[str, Sequence[float]],
                     legend: dict[str, str]) -> bytes:
    """Stacked horizontal bars: share of learners (in %) per decision, one bar per bloc, hatched by decision."""
    return _save(bloc_rates_figure(bloc_labels, rates, legend))


def bloc_rates_figure(bloc_labels: Sequence[str], rates: dict[str, Sequence[float]],
                      legend: dict[str, str]) -> Figure:
    figure = Figure(figsize=(8.5, 1.2 + 0.55 * len(bloc_labels)), dpi=DPI, facecolor="white")
    FigureCanvasAgg(figure)
    ax = figure.add_subplot()
    positions = np.arange(len(bloc_labels))[::-1]
    left = np.zeros(len(bloc_labels))
    for decision, values in rates.items():
        values = np.array(values, dtype=float)
        colour, ink = DECISION_COLOURS[decision], text_on(DECISION_COLOURS[decision])
        ax.barh(positions, values, left=left, color=colour, label=legend[decision], height=0.6,
                hatch=DECISION_HATCHES[decision], hatchcolor=ink, hatch_linewidth=HATCH_WIDTH, edgecolor=INK,
                linewidth=0.5)
        for y, start, value in zip(positions, left, values):
            if value >= 8:  # the label sits on a plain patch of the bar's colour, above the hatching
                ax.text(start + value / 2, y, f"{decimal_fr(value, 0)} %", ha="center", va="center", fontsize=8,
                        color=ink, bbox={"boxstyle": "round,pad=0.2", "facecolor": colour, "edgecolor": "none"})
        left += values
    ax.set_yticks(positions, list(bloc_labels))
    ax.set_xlim(0, 100)
    ax.set_xlabel("Part des apprenants (%)")
    ax.set_title("Validation des blocs de compétences")
    figure.legend(loc="lower center", ncol=4, frameon=False, fontsize=8, handlelength=2.6, handleheight=1.5)
    figure.tight_layout(rect=(0, 0.1, 1, 1))
    return figure
