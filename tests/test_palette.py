"""The palette stays apart for colour-blind readers, and its text colours meet WCAG 2.1 AA contrast."""
import itertools

import colorspacious
import numpy as np
import pytest

from course import palette
from course.rubric import DEFAULT_LEVELS

VISIONS = ("normale", "deuteranopie", "protanopie", "tritanopie")
CVD_TYPES = {"deuteranopie": "deuteranomaly", "protanopie": "protanomaly", "tritanopie": "tritanomaly"}


def _rgb(colour: str) -> np.ndarray:
    value = colour.lstrip("#")
    return np.array([int(value[i:i + 2], 16) for i in (0, 2, 4)]) / 255


def seen(colour: str, vision: str) -> np.ndarray:
    """The colour as a reader with that vision sees it (severity 100: full dichromacy)."""
    if vision == "normale":
        return _rgb(colour)
    space = {"name": "sRGB1+CVD", "cvd_type": CVD_TYPES[vision], "severity": 100}
    return np.clip(colorspacious.cspace_convert(_rgb(colour), space, "sRGB1"), 0, 1)


def smallest_difference(colours, vision: str) -> float:
    return min(colorspacious.deltaE(seen(a, vision), seen(b, vision), input_space="sRGB1")
               for a, b in itertools.combinations(colours, 2))


@pytest.mark.parametrize("vision", VISIONS)
def test_levels_stay_apart(vision):
    assert smallest_difference(palette.LEVEL_COLOURS, vision) >= palette.MIN_DELTA_E


@pytest.mark.parametrize("vision", VISIONS)
def test_decisions_stay_apart(vision):
    assert smallest_difference(palette.DECISION_COLOURS.values(), vision) >= palette.MIN_DELTA_E


def test_simulation_is_real():
    """The simulation does change colours: vermillion and bluish green, apart for most, merge for deuteranopes."""
    pair = (palette.OKABE_ITO["vermillon"], "#4DAF4A")  # ColorBrewer's green, the old « acquis »
    assert smallest_difference(pair, "normale") > 40
    assert smallest_difference(pair, "deuteranopie") < 15


def test_levels_follow_the_rubric():
    assert len(palette.LEVEL_KEYS) == len(DEFAULT_LEVELS) == len(palette.LEVEL_COLOURS) == len(palette.LEVEL_TINTS)
    assert len(set(palette.LEVEL_HATCHES)) == len(set(palette.LEVEL_MARKERS)) == len(set(palette.LEVEL_SYMBOLS)) == 4
    assert len(set(palette.DECISION_HATCHES.values())) == len(set(palette.DECISION_SYMBOLS.values())) == 4


def test_text_contrast():
    for name, colour in palette.TEXT_COLOURS.items():
        assert palette.contrast_ratio(colour, "#FFFFFF") >= 4.5, name
    for background, text in palette.VERDICT_COLOURS.values():
        assert palette.contrast_ratio(background, text) >= 4.5
    for colour in palette.DECISION_COLOURS.values():
        assert palette.contrast_ratio(colour, palette.text_on(colour)) >= 4.5
    for tint in palette.LEVEL_TINTS:
        assert palette.contrast_ratio(tint, palette.INK) >= 4.5
    assert palette.contrast_ratio(palette.MUTED, palette.SOFT) >= 4.5


def test_contrast_ratio_exact():
    assert palette.contrast_ratio("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert palette.contrast_ratio("#777777", "#FFFFFF") == pytest.approx(4.48, abs=0.01)
    assert palette.text_on(palette.OKABE_ITO["bleu"]) == "#FFFFFF"
    assert palette.text_on(palette.OKABE_ITO["vermillon"]) == "#000000"
