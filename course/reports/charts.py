"""Matplotlib charts shared by the livrets and the dashboard, returned as PNG bytes.

Figures are built with the object API (no pyplot state), on the Agg backend, at a fixed dpi,
so that the same data always gives the same image and nothing needs a display.
The radar is drawn for hundreds of learners: its frame is rendered once and only the
learner's polygon is redrawn on a copy of it (blitting).
"""
from __future__ import annotations

import base64
import io
from collections.abc import Sequence

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg  # each figure gets its own Agg canvas: no global backend
from matplotlib.figure import Figure
from PIL import Image

from ..formatting import decimal_fr
from ..rubric import DEFAULT_LEVELS

DPI = 100
LEVEL_COLOURS = ("#d7301f", "#fc8d59", "#91cf60", "#1a9850")  # non acquis → maîtrisé
DECISION_COLOURS = {"acquis": "#1a9850", "non_acquis": "#d7301f", "en_attente": "#f0a500", "non_evalue": "#9e9e9e"}
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
        ax.set_yticks(range(4), SHORT_LEVEL_LABELS, fontsize=7, color="#555555")
        ax.set_rlabel_position(360 - 180 / self.count)  # between the last competence and the first
        ax.set_xticks(self.theta, list(labels), fontsize=8)
        ax.grid(color="#bbbbbb", linewidth=0.6)
        width = 2 * np.pi / self.count
        for angle, grey in zip(self.theta, greyed):
            if grey:
                ax.bar(angle, 3 - RADAR_CENTRE, width=width, bottom=RADAR_CENTRE, color="#e6e6e6", zorder=0)
        self.figure.text(0.5, 0.035, "Zone grisée : bloc non évalué. Centre : compétence non évaluée.",
                         ha="center", fontsize=7, color="#555555")
        closed = np.append(self.theta, self.theta[0])
        self.fill = ax.fill(closed, np.full(len(closed), RADAR_CENTRE), color="#2c7fb8", alpha=0.25,
                            animated=True)[0]
        self.line = ax.plot(closed, np.full(len(closed), np.nan), color="#2c7fb8", linewidth=1.6, animated=True)[0]
        self.points = ax.scatter(self.theta, np.zeros(self.count), s=28, zorder=3, edgecolors="white",
                                 linewidths=0.6, animated=True)
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
        shown = ~np.isnan(radius)
        self.points.set_offsets(np.column_stack([self.theta[shown], radius[shown]]))
        self.points.set_facecolors([LEVEL_COLOURS[int(level)] for level in radius[shown]])
        self.canvas.restore_region(self.background)
        for artist in (self.fill, self.line, self.points):
            self.ax.draw_artist(artist)
        width, height = self.canvas.get_width_height()
        image = Image.frombuffer("RGBA", (width, height), self.canvas.buffer_rgba(), "raw", "RGBA", 0, 1)
        buffer = io.BytesIO()
        # 64 colours are plenty for this chart and make each livret about four times lighter.
        image.convert("RGB").quantize(64, method=Image.Quantize.FASTOCTREE).save(buffer, format="PNG")
        return buffer.getvalue()


def marks_boxplot(labels: Sequence[str], series: Sequence[Sequence[float]]) -> bytes:
    """Box plot of marks /20 per modality, with every learner's mark as a jittered dot."""
    figure = Figure(figsize=(max(7.0, 0.6 * len(labels) + 2.5), 4.6), dpi=DPI, facecolor="white")
    FigureCanvasAgg(figure)
    ax = figure.add_subplot()
    if labels:
        ax.boxplot([list(values) for values in series], tick_labels=list(labels), showfliers=False, widths=0.6,
                   medianprops={"color": "#b2182b", "linewidth": 1.5})
        rng = np.random.default_rng(0)
        crowded = max(len(values) for values in series) > 60
        for position, values in enumerate(series, start=1):
            jitter = rng.uniform(-0.2, 0.2, len(values))
            ax.scatter(position + jitter, values, s=7 if crowded else 20, alpha=0.35 if crowded else 0.8,
                       color="#2c7fb8", linewidths=0)
    else:
        ax.text(0.5, 0.5, "Aucune note définitive", ha="center", va="center", transform=ax.transAxes)
    ax.axhline(10, color="grey", linestyle="--", linewidth=1)
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
    data = np.array(shares, dtype=float).reshape(len(row_labels), len(DEFAULT_LEVELS)) * 100
    figure = Figure(figsize=(8.5, 1.6 + 0.3 * max(len(row_labels), 1)), dpi=DPI, facecolor="white")
    FigureCanvasAgg(figure)
    ax = figure.add_subplot()
    image = ax.imshow(data, cmap="Blues", vmin=0, vmax=100, aspect="auto")
    ax.set_xticks(range(len(DEFAULT_LEVELS)), [level.label for level in DEFAULT_LEVELS], fontsize=8)
    ax.xaxis.tick_top()
    ax.set_yticks(range(len(row_labels)), list(row_labels), fontsize=8)
    for (row, column), value in np.ndenumerate(data):
        ax.text(column, row, f"{decimal_fr(value, 0)} %", ha="center", va="center", fontsize=7,
                color="white" if value > 60 else "black")
    colourbar = figure.colorbar(image, ax=ax, fraction=0.04, pad=0.02)
    colourbar.set_label("Part des apprenants (%)")
    figure.tight_layout()
    return _save(figure)


def bloc_rates_chart(bloc_labels: Sequence[str], rates: dict[str, Sequence[float]],
                     legend: dict[str, str]) -> bytes:
    """Stacked horizontal bars: share of learners (in %) per decision, one bar per bloc."""
    figure = Figure(figsize=(8.5, 1.2 + 0.55 * len(bloc_labels)), dpi=DPI, facecolor="white")
    FigureCanvasAgg(figure)
    ax = figure.add_subplot()
    positions = np.arange(len(bloc_labels))[::-1]
    left = np.zeros(len(bloc_labels))
    for decision, values in rates.items():
        values = np.array(values, dtype=float)
        ax.barh(positions, values, left=left, color=DECISION_COLOURS[decision], label=legend[decision], height=0.6)
        for y, start, value in zip(positions, left, values):
            if value >= 8:
                ax.text(start + value / 2, y, f"{decimal_fr(value, 0)} %", ha="center", va="center", fontsize=8,
                        color="white" if decision in ("acquis", "non_acquis") else "black")
        left += values
    ax.set_yticks(positions, list(bloc_labels))
    ax.set_xlim(0, 100)
    ax.set_xlabel("Part des apprenants (%)")
    ax.set_title("Validation des blocs de compétences")
    figure.legend(loc="lower center", ncol=4, frameon=False, fontsize=8)
    figure.tight_layout(rect=(0, 0.1, 1, 1))
    return _save(figure)
