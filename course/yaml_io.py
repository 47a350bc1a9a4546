"""YAML with libyaml's C parser when PyYAML was built with it, the pure-Python one otherwise.

The catalogue (every devoir.yaml) is read by each grading, feedback and report process; the pure-Python
parser spends about 30 ms per file there, the C one about 3 ms. Both build the same Python objects, and
both raise yaml.YAMLError with a `problem_mark` for the French messages that name the line.
"""
from __future__ import annotations

import yaml

SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def safe_load(stream):
    """yaml.safe_load, through the C parser when there is one."""
    return yaml.load(stream, Loader=SafeLoader)
