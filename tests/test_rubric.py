"""Points ↔ levels and marks out of 20."""
import pytest
from pydantic import ValidationError

from course.rubric import Criterion, mark_out_of_20
from tests.conftest import LEVELS


def criterion(points, kind="auto", **extra):
    return Criterion(id="X-A", label="Critère", kind=kind, points=points, grade_ids=["g"], levels=LEVELS, **extra)


def test_scale_points_for_five_points():
    assert [(lvl.key, lvl.points) for lvl in criterion(5).scale] == [
        ("non_acquis", 0.0), ("en_cours", 2.0), ("acquis", 3.5), ("maitrise", 5.0)
    ]


@pytest.mark.parametrize("points,level", [(0, "non_acquis"), (1.5, "non_acquis"), (2, "en_cours"),
                                          (3.4, "en_cours"), (3.5, "acquis"), (4.5, "acquis"), (5, "maitrise")])
def test_level_for(points, level):
    assert criterion(5).level_for(points).key == level


def test_level_out_of_range():
    with pytest.raises(ValueError, match="hors de l'échelle 0–5"):
        criterion(5).level_for(6)


def test_every_level_needs_a_descriptor():
    with pytest.raises(ValidationError, match="manquant\\(s\\) : maitrise"):
        Criterion(id="X", label="x", kind="auto", points=2, grade_ids=["g"],
                  levels={k: v for k, v in LEVELS.items() if k != "maitrise"})


def test_written_criterion_needs_writing_and_one_cell():
    with pytest.raises(ValidationError, match="besoin de « writing »"):
        criterion(4, kind="ecrit", consigne="Écrivez.")
    with pytest.raises(ValidationError, match="exactement une cellule"):
        Criterion(id="X", label="x", kind="oral", points=2, grade_ids=["a", "b"], levels=LEVELS, consigne="Parlez.")


def test_mark_out_of_20():
    assert mark_out_of_20(13.5, 20) == 13.5
    assert mark_out_of_20(7, 14) == 10.0
    assert mark_out_of_20(0, 0) == 0.0
