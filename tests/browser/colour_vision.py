"""A screenshot as a reader with a colour-vision deficiency sees it, for the guides' before/after pictures.

colorspacious simulates dichromacy with Machado, Oliveira & Fernandes (2009), the model `tests/test_palette.py`
uses to check the palette; severity 100 is the full deficiency (deuteranopia rather than deuteranomaly).
Same input, same output: the pixels go through a fixed matrix and PIL writes the PNG without a timestamp.
"""
from __future__ import annotations

from pathlib import Path

import colorspacious
import numpy as np
from PIL import Image


def simulated(pixels: np.ndarray, cvd_type: str = "deuteranomaly", severity: float = 100) -> np.ndarray:
    """RGB pixels (uint8, any shape ending in 3) as seen with the deficiency, rounded back to uint8."""
    flat = pixels.reshape(-1, 3)
    # A screenshot has a few thousand distinct colours among a million pixels: convert each colour once.
    colours, positions = np.unique(flat, axis=0, return_inverse=True)
    space = {"name": "sRGB1+CVD", "cvd_type": cvd_type, "severity": severity}
    seen = colorspacious.cspace_convert(colours / 255, space, "sRGB1")
    seen = np.round(np.clip(seen, 0, 1) * 255).astype(np.uint8)
    return seen[positions.reshape(-1)].reshape(pixels.shape)


def simulate_png(source: Path, target: Path, cvd_type: str = "deuteranomaly", severity: float = 100) -> Path:
    """Write `target`, the PNG `source` as seen with the deficiency (deuteranopia by default)."""
    with Image.open(source) as image:
        pixels = np.asarray(image.convert("RGB"))
    target.parent.mkdir(parents=True, exist_ok=True)
    Image.fromarray(simulated(pixels, cvd_type, severity)).save(target, format="PNG", optimize=True)
    return target
