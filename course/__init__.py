"""Course kit for the RNCP 7426 certification "Chargé d'accompagnement social et professionnel".

The package is what nbgrader notebooks, the trainers' CLI (`casp`) and the tests import.
"""
from pathlib import Path

__version__ = "0.1.0"

PACKAGE_DIR = Path(__file__).resolve().parent


class CourseError(Exception):
    """An error a user can act on: the message names the file and the problem."""
