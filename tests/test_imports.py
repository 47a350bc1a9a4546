"""Importing the course changes nothing: no PATH edit, no warnings filter, no matplotlib backend chosen."""
from __future__ import annotations

import json
import os
import subprocess
import sys

from tests.conftest import REPO

PROBE = r"""
import json, os, pkgutil, importlib, sys, warnings
import matplotlib
# Third-party libraries register warnings filters of their own when imported: import them first.
for library in ("jupytext", "nbformat", "nbclient", "jupyter_client", "nbgrader.apps", "ipywidgets", "pandas",
                "playwright.sync_api", "weasyprint", "openpyxl", "rich", "sklearn.feature_extraction.text",
                "sklearn.metrics.pairwise"):
    try:
        importlib.import_module(library)
    except (ImportError, OSError):
        pass
before = {"path": os.environ.get("PATH"), "filters": len(warnings.filters)}
import course
names = [m.name for m in pkgutil.walk_packages(course.__path__, "course.")]
for name in names:
    importlib.import_module(name)
print(json.dumps({"modules": len(names), "path": os.environ.get("PATH") == before["path"],
                  "filters": len(warnings.filters) == before["filters"],
                  "backend": matplotlib.rcParams._get_backend_or_none()}))
"""


def test_importing_every_module_has_no_side_effect():
    env = {k: v for k, v in os.environ.items() if k != "MPLBACKEND"}
    result = subprocess.run([sys.executable, "-c", PROBE], cwd=REPO, env=env, capture_output=True, text=True,
                            check=True)
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["modules"] > 50
    assert (report["path"], report["filters"], report["backend"]) == (True, True, None)
