"""The packaged referential is the official one: 5 blocs, 19 competences, 19 modalities."""
import re
from pathlib import Path

import pytest

from course.referential import load_referential

SHARED = Path(__file__).resolve().parents[2] / "shared" / "referentiel" / "RNCP7426.md"


def test_counts_and_ids():
    ref = load_referential()
    assert [b.id for b in ref.blocs] == ["B1", "B2", "B3", "B4", "B5"]
    assert [len(b.competences) for b in ref.blocs] == [5, 3, 4, 4, 3]
    assert [len(b.modalities) for b in ref.blocs] == [4, 3, 6, 3, 3]
    assert list(ref.competences)[0] == "C1.1" and list(ref.competences)[-1] == "C5.3"
    assert list(ref.modalities)[-1] == "M5.3"
    assert ref.bloc_of("M3.4").title.startswith("Accompagnement des personnes")
    assert ref.modalities["M1.4"].text == (
        "Note d'observation d'un espace public ou semi-public, d'un espace accueillant des publics."
    )


@pytest.mark.skipif(not SHARED.exists(), reason="shared/ referential not beside the checkout")
def test_wording_matches_shared_file():
    text = SHARED.read_text(encoding="utf-8")
    official = dict(re.findall(r"^- ([CM]\d\.\d) (.+)$", text, re.M))
    ref = load_referential()
    packaged = {**{k: v.text for k, v in ref.competences.items()}, **{k: v.text for k, v in ref.modalities.items()}}
    assert packaged == official
    titles = re.findall(r"^## Bloc \d — (.+)$", text, re.M)
    assert [b.title for b in ref.blocs] == titles
