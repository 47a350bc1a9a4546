"""The course's one colour palette: Okabe–Ito, safe for the three common colour-vision deficiencies.

Every figure, report, widget and notebook of the course takes its colours from here, so that a level or a
decision always looks the same and a change is made once. Colour never carries information alone: each
level and decision also has a label, a hatch pattern (filled areas) and a marker shape (points).

Why these colours: Okabe & Ito, « Color Universal Design » (2008), chose eight colours that stay apart for
deuteranopes, protanopes and tritanopes. The four levels run warm to cool (vermillion, yellow, sky blue,
blue), so their order reads without hue. `tests/test_palette.py` simulates deuteranopia, protanopia and
tritanopia (colorspacious, CAM02-UCS) and asserts that every pair of levels, and of decisions, stays at
least `MIN_DELTA_E` apart; and that every text colour meets WCAG 2.1 AA contrast on its background.
"""
from __future__ import annotations

OKABE_ITO = {
    "noir": "#000000",
    "orange": "#E69F00",
    "bleu_ciel": "#56B4E9",
    "vert_bleute": "#009E73",
    "jaune": "#F0E442",
    "bleu": "#0072B2",
    "vermillon": "#D55E00",
    "pourpre": "#CC79A7",
}

# Smallest colour difference (ΔE, CAM02-UCS) between two levels or two decisions, for normal vision and the
# three simulated dichromacies. About 2 is a just-noticeable difference between two patches side by side;
# 20 keeps colours apart when they are small (a dot, a badge) and seen one at a time against a legend.
MIN_DELTA_E = 20.0

INK = "#1D2733"        # body text
MUTED = "#5B6673"      # secondary text: 6.0:1 on white
LINE = "#D5DBE1"       # rules and table borders (decoration, no information)
SOFT = "#F4F6F8"       # table headers, panels
GREY = "#999999"       # "not assessed": no hue at all
ACCENT = OKABE_ITO["bleu"]  # a single data series (dots, bars) that codes nothing by colour

# The rubric's four levels, from non acquis to maîtrisé (course.rubric.DEFAULT_LEVELS, same order).
LEVEL_KEYS = ("non_acquis", "en_cours", "acquis", "maitrise")
LEVEL_COLOURS = (OKABE_ITO["vermillon"], OKABE_ITO["jaune"], OKABE_ITO["bleu_ciel"], OKABE_ITO["bleu"])
LEVEL_HATCHES = ("xx", "..", "//", "")         # matplotlib hatches: a bar's level reads in black and white
LEVEL_MARKERS = ("X", "v", "o", "D")           # matplotlib markers: a dot's level reads by its shape
LEVEL_SYMBOLS = ("✗", "◔", "◑", "●")           # in text, before the level's name (never instead of it)
LEVEL_TINTS = ("#F7DFCC", "#FCFAD9", "#DDF0FB", "#CCE3F0")  # 20 % of each colour on white: level chips

# Bloc decisions (course.grading.blocs).
DECISION_KEYS = ("acquis", "non_acquis", "en_attente", "non_evalue")
DECISION_COLOURS = {
    "acquis": OKABE_ITO["bleu"],
    "non_acquis": OKABE_ITO["vermillon"],
    "en_attente": OKABE_ITO["jaune"],
    "non_evalue": GREY,
}
DECISION_HATCHES = {"acquis": "", "non_acquis": "xx", "en_attente": "..", "non_evalue": "\\\\"}
DECISION_SYMBOLS = {"acquis": "✓", "non_acquis": "✗", "en_attente": "…", "non_evalue": "–"}

# The same hues dark enough to be text on white (contrast ≥ 4.5:1), for words coloured by meaning.
TEXT_COLOURS = {
    "vermillon": "#A04600",
    "jaune": "#6B6200",
    "bleu_ciel": "#2F6380",
    "bleu": "#005685",
    "vert_bleute": "#00674B",
    "orange": "#7F5700",
    "gris": MUTED,
}

# Feedback in widgets (good / partial / off the mark): words say it, colour repeats it.
VERDICT_COLOURS = {  # points → (background, text)
    2: ("#DDF0FB", TEXT_COLOURS["bleu"]),
    1: ("#FCFAD9", TEXT_COLOURS["jaune"]),
    0: ("#F7DFCC", TEXT_COLOURS["vermillon"]),
}

# Categories with no order (publics, champs, séries): Okabe–Ito without black, most distinct first.
CATEGORY_COLOURS = (OKABE_ITO["bleu"], OKABE_ITO["vermillon"], OKABE_ITO["vert_bleute"], OKABE_ITO["orange"],
                    OKABE_ITO["bleu_ciel"], OKABE_ITO["pourpre"], OKABE_ITO["jaune"])


def _linear(channel: float) -> float:
    return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4


def relative_luminance(colour: str) -> float:
    """WCAG 2.1 relative luminance of an sRGB colour '#RRGGBB'."""
    value = colour.lstrip("#")
    red, green, blue = (_linear(int(value[i:i + 2], 16) / 255) for i in (0, 2, 4))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_ratio(first: str, second: str) -> float:
    """WCAG 2.1 contrast ratio, from 1 (none) to 21 (black on white)."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def text_on(background: str) -> str:
    """Black or white, whichever reads better on `background`."""
    return "#000000" if contrast_ratio(background, "#000000") >= contrast_ratio(background, "#FFFFFF") else "#FFFFFF"


def css_variables() -> str:
    """The palette as CSS custom properties, for the HTML reports' and widgets' style sheets."""
    lines = [f"--ink: {INK};", f"--muted: {MUTED};", f"--line: {LINE};", f"--soft: {SOFT};",
             f"--accent: {ACCENT};"]
    for key, colour in DECISION_COLOURS.items():
        lines.append(f"--{key}: {colour}; --{key}-text: {text_on(colour)};")
    for key, tint in zip(LEVEL_KEYS, LEVEL_TINTS):
        lines.append(f"--level-{key}: {tint};")
    for name, colour in TEXT_COLOURS.items():
        lines.append(f"--text-{name}: {colour};")
    return " ".join(lines)
