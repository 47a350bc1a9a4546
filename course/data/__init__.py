"""Synthetic datasets: seeded generators, their committed CSVs and data cards.

Each module in `generators/` defines NAME, SEED and `generate() -> DataFrame`.
The CSVs under `csv/` are exactly what `write_all()` produces; a test regenerates them.
"""
from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path
from types import ModuleType

import pandas as pd

from .. import CourseError

DATA_DIR = Path(__file__).resolve().parent
CSV_DIR = DATA_DIR / "csv"
CARD_DIR = DATA_DIR / "cards"


def generator_modules() -> dict[str, ModuleType]:
    package = importlib.import_module(f"{__name__}.generators")
    modules = {}
    for info in pkgutil.iter_modules(package.__path__):
        module = importlib.import_module(f"{package.__name__}.{info.name}")
        modules[module.NAME] = module
    return dict(sorted(modules.items()))


def to_csv_text(frame: pd.DataFrame) -> str:
    """The one CSV dialect of the course: UTF-8, comma, '\\n', floats to 2 decimals."""
    return frame.to_csv(index=False, lineterminator="\n", float_format="%.2f")


def csv_path(name: str) -> Path:
    return CSV_DIR / f"{name}.csv"


def card_path(name: str) -> Path:
    return CARD_DIR / f"{name}.md"


def write_all(check: bool = False) -> list[str]:
    """Regenerate every CSV; with check=True, write nothing and return the names that differ."""
    differing = []
    for name, module in generator_modules().items():
        text = to_csv_text(module.generate())
        path = csv_path(name)
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            differing.append(name)
            if not check:
                CSV_DIR.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8")
    return differing


def load(name: str) -> pd.DataFrame:
    path = csv_path(name)
    if not path.exists():
        known = ", ".join(p.stem for p in sorted(CSV_DIR.glob("*.csv")))
        raise CourseError(f"Jeu de données inconnu « {name} ». Jeux disponibles : {known}.")
    return pd.read_csv(path, encoding="utf-8")
