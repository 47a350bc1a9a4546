"""The course's own catalogue: consistent, and Bloc 1 fully assessed."""
import json

from course.catalogue import load_catalogue
from course.checks import catalogue_summary, check_course
from course.cli import main
from tests.conftest import REPO


def test_casp_check_passes_on_the_course():
    assert check_course(load_catalogue(REPO)) == []


def test_catalogue_json_lists_bloc1(capsys):
    assert main(["--course-dir", str(REPO), "catalogue", "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    by_modality = {m["id"]: m["assignments"] for m in summary["modalities"]}
    assert by_modality["M1.1"] == ["m11_recit_de_vie"]
    assert by_modality["M1.2"] == ["m12_entretiens_accueil"]
    assert by_modality["M1.3"] == ["m13_cas_accueil_orientation"]
    assert by_modality["M1.4"] == ["m14_note_observation"]
    assessed = sorted(c["id"] for c in summary["competences"] if c["assessed"])
    blocs_with_assignments = [b for b in summary["blocs"] if any(by_modality[m] for m in b["modalities"])]
    # every competence of the blocs with assignments, and the Bloc 5 competences that criteria of other blocs
    # evidence (BLOCS-2-5 §c): C5.1 on every data-work criterion, C5.2 and C5.3 in M2.1's répertoire
    assert assessed == sorted({c for b in blocs_with_assignments for c in b["competences"]} | {"C5.1", "C5.2", "C5.3"})
    assert {"C1.1", "C1.2", "C1.3", "C1.4", "C1.5"} <= set(assessed)
    assert [a["id"] for a in summary["assignments"]][0] == "prise_en_main"


def test_every_assignment_is_out_of_20_with_described_levels():
    summary = catalogue_summary(load_catalogue(REPO))
    for assignment in summary["assignments"]:
        assert assignment["max_points"] == 20
        for criterion in assignment["criteria"]:
            assert [lvl["key"] for lvl in criterion["levels"]] == ["non_acquis", "en_cours", "acquis", "maitrise"]
            assert all(len(lvl["descriptor"]) > 20 for lvl in criterion["levels"]), criterion["id"]


def test_each_bloc1_modality_has_writing_and_m12_has_oral_parts():
    catalogue = load_catalogue(REPO)
    kinds = {a.modality: {c.kind for c in a.rubric} for a in catalogue.assignments.values() if a.modality}
    assert kinds["M1.2"] == {"auto", "ecrit", "oral"}
    assert all({"auto", "ecrit"} <= value for modality, value in kinds.items() if modality.startswith("M1."))
