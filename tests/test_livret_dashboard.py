"""Livrets and cohort dashboard on a hand-built cohort: exact French labels, marks, escaping, self-contained files."""
from __future__ import annotations

import base64
import dataclasses
import re
from datetime import date
from types import SimpleNamespace

import pytest
from markupsafe import escape

from course.catalogue import load_catalogue, write_entry
from course.grading.agreement import AgreementRow
from course.grading.autograde_statuses import AutogradeStatus
from course.grading.blocs import decide_blocs
from course.grading.cohort import CohortData, LearnerInfo
from course.grading.double_marking import MarkPair
from course.grading.profile import competence_profile
from course.grading.results import CriterionResult
from course.grading.review import review
from course.palette import css_variables
from course.reports import livret as livret_module
from course.reports.dashboard import write_dashboard
from course.reports.livret import ReportError, write_livrets

ISSUED = date(2025, 11, 3)
NBSP = "\u00a0"
LEVELS = {
    "non_acquis": "Rien d'observable.",
    "en_cours": "Analyse ébauchée : demande & besoins confondus.",
    "acquis": "L'essentiel est observable.",
    "maitrise": "Tout est observable et argumenté.",
}
# modality → (assignment id, competences of criterion A, competences of criterion B)
MODALITIES = {
    "M1.1": ("m11_recit", ["C1.1"], ["C1.2"]),
    "M2.1": ("m21_cartographie", ["C2.1"], ["C2.2"]),
    "M2.2": ("m22_enquete", ["C2.2"], ["C2.3"]),
    "M2.3": ("m23_negociation", ["C2.3"], ["C2.1"]),
}
# learner → assignment → (points A /10, points B /10); None for B = awaiting the trainer's mark
POINTS = {
    "alice": {"m11_recit": (8, 7), "m21_cartographie": (10, 10), "m22_enquete": (6, 6.5), "m23_negociation": (7, 7)},
    "bruno": {"m11_recit": (2, 4), "m21_cartographie": (9, None)},
    "chloe": {"m11_recit": (10, 10), "m21_cartographie": (10, 10), "m22_enquete": (10, 10),
              "m23_negociation": (3, 10)},
}
COMMENT = 'Analyse « fine » mais <b>&" à revoir'
LEARNERS = [
    LearnerInfo("alice", "Alice", "Dupré", "alice@example.org"),
    LearnerInfo("bruno", "Bruno", "L'Hôte", ""),
    LearnerInfo("chloe", "Chloé", "Da Silva & <Fils>", "chloe@example.org"),
]
# Rows as course.grading.agreement makes them, and any object or mapping with the same fields.
AGREEMENT = [
    AgreementRow("modality", "M2.2", 12, 0.5, 0.4, 0.45),
    AgreementRow("criterion", "M2.2-B", 12, 0.75, 0.61234, 0.8),
    {"scope": "overall", "id": "ensemble", "n": 30, "exact": 2 / 3, "kappa_linear": None, "kappa_quadratic": -0.05},
]
MODERATION = [
    SimpleNamespace(student_id="alice", criterion_id="M2.2-B", first_level="acquis", second_level="en_cours"),
    MarkPair("chloe", "m23_negociation", "M2.3", "M2.3-A", "q1_tests", 3, 7, "non_acquis", "acquis",
             second_marker="Mme R."),
]


def write_catalogue(root):
    (root / "assignments").mkdir(parents=True)
    for modality, (assignment_id, first, second) in MODALITIES.items():
        entry = {
            "id": assignment_id, "title": f"Épreuve {modality} : l'essentiel", "modality": modality,
            "duration_minutes": 60, "notebooks": [f"{assignment_id}.ipynb"], "instructions": "Répondez.",
            "rubric": [
                {"id": f"{modality}-A", "label": "Exploiter les données", "kind": "auto", "competences": first,
                 "points": 10, "grade_ids": ["q1_tests"], "levels": LEVELS},
                {"id": f"{modality}-B", "label": "Rédiger l'analyse", "kind": "ecrit", "competences": second,
                 "points": 10, "grade_ids": ["redaction"], "levels": LEVELS, "consigne": "Rédigez.",
                 "writing": {"words": [50, 200], "parts": ["Analyse"]}},
            ],
        }
        write_entry(root, entry)
    # The values below were computed with every criterion under the « no non acquis » rule.
    (root / "assignments" / "blocs.yaml").write_text("default:\n  no_non_acquis: all\n", encoding="utf-8")
    return load_catalogue(root)


def results(catalogue, points: dict = POINTS) -> list[CriterionResult]:
    rows = []
    for student_id, assignments in points.items():
        for assignment_id, pair in assignments.items():
            assignment = catalogue.assignment(assignment_id)
            for criterion, points in zip(assignment.rubric, pair):
                pending = points is None
                level = criterion.level_for(points or 0)
                comment = COMMENT if (student_id, criterion.id) == ("alice", "M2.2-B") else ""
                rows.append(CriterionResult(
                    student_id, assignment_id, assignment.modality, criterion.id, criterion.label, criterion.kind,
                    " ".join(criterion.competences), points or 0, criterion.points, level.key, level.label,
                    level.descriptor, comment, pending,
                ))
    return rows


def build_cohort(root, learners: list[LearnerInfo] = LEARNERS, points: dict = POINTS) -> CohortData:
    """The three learners' cohort (or others), its catalogue written under `root` (also used by tests/browser)."""
    catalogue = write_catalogue(root)
    rows = results(catalogue, points)
    ids = [learner.id for learner in learners]
    return CohortData(
        catalogue=catalogue, learners=learners, rows=rows,
        profile=competence_profile(rows, list(catalogue.referential.competences), ids),
        decisions=decide_blocs(catalogue, rows, ids), flags=review(catalogue, rows, ids),
        remarks={"alice": "Très bon parcours ; « bravo »."},
    )


@pytest.fixture(scope="module")
def cohort(tmp_path_factory) -> CohortData:
    return build_cohort(tmp_path_factory.mktemp("cours"))


@pytest.fixture(scope="module")
def livrets(cohort, tmp_path_factory) -> dict[str, str]:
    out = tmp_path_factory.mktemp("livrets")
    paths = write_livrets(cohort, out, AGREEMENT, issued=ISSUED)
    assert paths == [out / f"livret_{sid}.html" for sid in ("alice", "bruno", "chloe")]
    assert sorted(p.name for p in out.iterdir()) == ["livret_alice.html", "livret_bruno.html", "livret_chloe.html"]
    return {p.stem.removeprefix("livret_"): p.read_text(encoding="utf-8") for p in paths}


@pytest.fixture(scope="module")
def dashboard(cohort, tmp_path_factory) -> str:
    path = tmp_path_factory.mktemp("tableau") / "tableau.html"
    assert write_dashboard(cohort, path, AGREEMENT, MODERATION, issued=ISSUED) == path
    return path.read_text(encoding="utf-8")


def e(text: str) -> str:
    return str(escape(text))


# The palette's symbols, written out: each sits before the word, hidden from screen readers.
DECISION_SYMBOLS = {"acquis": "✓", "non_acquis": "✗", "en_attente": "…", "non_evalue": "–"}
LEVEL_SYMBOLS = {"non_acquis": "✗", "en_cours": "◔", "acquis": "◑", "maitrise": "●", "en_attente": "…",
                 "non_evalue": "–"}


def badge(key: str, label: str) -> str:
    symbol = f'<span class="symbol" aria-hidden="true">{DECISION_SYMBOLS[key]}</span>'
    return f'<span class="badge {key}">{symbol}{NBSP}{label}</span>'


def chip(key: str, label: str) -> str:
    symbol = f'<span class="symbol" aria-hidden="true">{LEVEL_SYMBOLS[key]}</span>'
    return f'<span class="level {key}">{symbol}{NBSP}{label}</span>'


def bloc_card(html: str, number: int) -> str:
    return re.search(rf'<article class="bloc [a-z_]+">\s*<h3>Bloc {number} —.*?</article>', html, re.S).group(0)


def modality_marks(html: str) -> dict[str, str]:
    rows = re.findall(r"<tr><td><strong>(M\d\.\d)</strong>(.*?)</tr>", html, re.S)
    return {modality: re.search(r'<span class="mark [a-z]+">(.*?)</span>', row).group(1) for modality, row in rows}


def assert_self_contained(html: str) -> None:
    for banned in ("http://", "https://", "<script", "<link", "url(", "@import", "@font-face"):
        assert banned not in html


def test_one_self_contained_livret_per_learner(livrets):
    for html in livrets.values():
        assert_self_contained(html)
        images = re.findall(r'<img src="data:image/png;base64,([A-Za-z0-9+/=]+)"', html)
        assert len(images) == 1  # the radar
        assert base64.b64decode(images[0]).startswith(b"\x89PNG\r\n\x1a\n")
        assert html.count("<img ") == 1
    assert livrets["alice"] != livrets["chloe"]


def test_identity_certification_and_summary(livrets):
    alice, bruno = livrets["alice"], livrets["bruno"]
    assert "<dt>Nom</dt><dd>Alice Dupré</dd>" in alice
    assert "<dt>Identifiant</dt><dd>alice</dd>" in alice
    assert "<dt>Courriel</dt><dd>alice@example.org</dd>" in alice
    assert "<dt>Courriel</dt><dd>non renseigné</dd>" in bruno
    assert "<dt>Nom</dt><dd>Bruno L&#39;Hôte</dd>" in bruno
    assert "<dt>Nom</dt><dd>Chloé Da Silva &amp; &lt;Fils&gt;</dd>" in livrets["chloe"]
    assert "<h1>Chargé d&#39;accompagnement social et professionnel</h1>" in alice
    assert "<strong>RNCP7426</strong>" in alice
    assert "Édité le 3 novembre 2025" in alice
    assert '<p class="summary">1 bloc acquis sur 5 : validation partielle</p>' in alice
    assert '<p class="summary">0 bloc acquis sur 5 : aucune validation à ce jour</p>' in bruno
    assert "1 bloc en attente de la fin des corrections." in bruno


def test_bloc_decisions_with_labels_and_reasons(livrets):
    alice, bruno, chloe = livrets["alice"], livrets["bruno"], livrets["chloe"]
    card = bloc_card(alice, 2)
    assert card.startswith('<article class="bloc acquis">')
    assert badge("acquis", "Acquis") in card
    assert e("Toutes les modalités sont évaluées (M2.1 20/20 ; M2.2 12,5/20 ; M2.3 14/20) ; chaque modalité ≥ 10/20 ; "
             "aucun critère non acquis.") in card
    card = bloc_card(alice, 1)
    assert badge("non_acquis", "Non acquis") in card
    assert e("Aucune note pour M1.2, M1.3, M1.4 (copie non rendue ou modalité non évaluée).") in card
    card = bloc_card(bruno, 2)
    assert badge("en_attente", "En attente") in card
    assert "Correction manuelle à terminer : M2.1-B." in card
    card = bloc_card(bruno, 1)
    assert e("Aucune note pour M1.2, M1.3, M1.4 (copie non rendue ou modalité non évaluée). "
             "Modalité(s) sous 10/20 : M1.1 (6/20). Critère(s) non acquis : M1.1-A (M1.1).") in card
    card = bloc_card(chloe, 2)
    assert badge("non_acquis", "Non acquis") in card
    assert e("Critère(s) non acquis : M2.3-A (M2.3).") in card
    card = bloc_card(chloe, 3)
    assert badge("non_evalue", "Non évalué") in card
    assert e("Aucune modalité du bloc 3 n'est encore proposée dans le catalogue.") in card


def test_modality_marks_in_french(livrets):
    assert modality_marks(livrets["alice"]) == {
        "M1.1": "15/20", "M1.2": "non proposée", "M1.3": "non proposée", "M1.4": "non proposée",
        "M2.1": "20/20", "M2.2": "12,5/20", "M2.3": "14/20",
        **{m: "non proposée" for m in ("M3.1", "M3.2", "M3.3", "M3.4", "M3.5", "M3.6", "M4.1", "M4.2", "M4.3",
                                       "M5.1", "M5.2", "M5.3")},
    }
    bruno = modality_marks(livrets["bruno"])
    assert (bruno["M1.1"], bruno["M2.1"], bruno["M2.2"], bruno["M2.3"]) == (
        "6/20", "9/20 (provisoire)", "non rendu", "non rendu")
    assert '<span class="mark missing">non rendu</span>' in livrets["bruno"]
    assert "<h3>M2.2 — Épreuve M2.2 : l&#39;essentiel</h3>" in livrets["alice"]
    assert 'Note : <span class="mark">12,5/20</span>' in livrets["alice"]
    assert 'Note : <span class="mark missing">non rendu</span>' in livrets["bruno"]
    assert 'Note : <span class="mark provisional">9/20 (provisoire)</span>' in livrets["bruno"]


def test_criterion_level_descriptor_points_and_escaped_comment(livrets):
    alice = livrets["alice"]
    row = re.search(r"<tr><td><strong>M2\.2-B</strong>.*?</tr>", alice, re.S).group(0)
    assert "Rédiger l&#39;analyse" in row
    assert chip("en_cours", "En cours d&#39;acquisition") in row
    assert "Analyse ébauchée : demande &amp; besoins confondus." in row
    assert '<td class="num">6,5/10</td>' in row
    assert "Analyse « fine » mais &lt;b&gt;&amp;&#34; à revoir" in row
    assert COMMENT not in alice and "<b>" not in alice
    pending = re.search(r"<tr><td><strong>M2\.1-B</strong>.*?</tr>", livrets["bruno"], re.S).group(0)
    assert chip("en_attente", "En attente de correction") in pending


def test_competence_profile_and_remarks(livrets):
    alice = livrets["alice"]
    row = re.search(r"<tr><td><strong>C2\.3</strong>.*?</tr>", alice, re.S).group(0)
    # C2.3 rests on M2.2-B (6,5/10, en cours) and M2.3-A (7/10, acquis): mean index 1.5 → acquis.
    assert chip("acquis", "Acquis") in row
    assert "M2.2-B en cours d&#39;acquisition ; M2.3-A acquis" in row
    row = re.search(r"<tr><td><strong>C1\.3</strong>.*?</tr>", alice, re.S).group(0)
    assert chip("non_evalue", "Non évaluée") in row
    assert "Aucun critère du catalogue n&#39;évalue encore cette compétence." in row
    row = re.search(r"<tr><td><strong>C4\.1</strong>.*?</tr>", alice, re.S).group(0)
    assert "Aucune modalité de ce bloc n&#39;est encore proposée." in row
    assert '<div class="remark">Très bon parcours ; « bravo ».</div>' in alice
    assert "Aucune remarque du jury" in livrets["bruno"] and "Aucune remarque du jury" not in alice


def test_radar_text_alternative_and_its_table(livrets):
    """The radar's alt states each competence's level; the same levels are in the table beside it."""
    profile = re.search(r'<div class="profile">\s*<img src="data:image/png;base64,[^"]+" alt="([^"]*)">\s*<table>',
                        livrets["bruno"])
    assert profile.group(1) == (
        "Radar du profil de compétences : 3 compétences évaluées sur 19, dont 1 acquise, 1 en cours "
        "d&#39;acquisition et 1 non acquise. C1.1 non acquise ; C1.2 en cours d&#39;acquisition ; C2.1 acquise. "
        "Non évaluées : C1.3, C1.4, C1.5, C2.2, C2.3, C3.1, C3.2, C3.3, C3.4, C4.1, C4.2, C4.3, C4.4, C5.1, C5.2, "
        "C5.3.")
    row = re.search(r"<tr><td><strong>C1\.1</strong>.*?</tr>", livrets["bruno"], re.S).group(0)
    assert chip("non_acquis", "Non acquis") in row
    alice = re.search(r'<img src="[^"]+" alt="([^"]*)">', livrets["alice"]).group(1)
    assert alice.startswith("Radar du profil de compétences : 5 compétences évaluées sur 19, dont 1 maîtrisée et "
                            "4 acquises. C1.1 acquise ; C1.2 acquise ; C2.1 maîtrisée ; C2.2 acquise ; C2.3 acquise.")


def test_reports_take_their_colours_from_the_palette(livrets, dashboard):
    for html in (livrets["alice"], dashboard):
        style = re.search(r"<style>(.*?)</style>", html, re.S).group(1)
        root = re.search(r":root \{ (.*?) \}", style).group(1)
        assert root == css_variables()
        assert "--non_evalue: #999999; --non_evalue-text: #000000;" in root  # 7.4:1, was white on grey (3.25:1)
        assert re.findall(r"#[0-9A-Fa-f]{3,6}\b", style.replace(root, "")) == ["#fff"]  # the page itself
        assert ".badge.non_evalue { background: var(--non_evalue); color: var(--non_evalue-text); }" in style


def test_livret_agreement_rows_concern_the_learner(livrets):
    alice, bruno = livrets["alice"], livrets["bruno"]
    assert ("<tr><td>Modalité</td><td>M2.2</td><td class=\"num\">12</td><td class=\"num\">50" + NBSP + "%</td>"
            "<td class=\"num\">0,4000</td><td class=\"num\">0,4500</td></tr>") in alice
    assert "<td>M2.2-B</td>" not in alice  # per-criterion agreement is for the dashboard
    assert "<td>Ensemble</td><td>ensemble</td>" in alice and "<td>Ensemble</td><td>ensemble</td>" in bruno
    assert "<td>M2.2-B</td>" not in bruno and "<td>M2.2</td>" not in bruno  # bruno handed in no M2.2 copy


def test_dashboard_bloc_rates(dashboard):
    assert_self_contained(dashboard)
    assert dashboard.count('<img src="data:image/png;base64,') == 3

    def rates(number):
        row = re.search(rf"<tr><td><strong>Bloc {number}</strong>.*?</tr>", dashboard, re.S).group(0)
        return dict((k, (p, int(n))) for k, p, n in re.findall(
            r'data-decision="([a-z_]+)"><strong>(.*?)</strong> <span class="muted">\((\d+)\)', row))

    third = f"33,3{NBSP}%"
    assert rates(2) == {"acquis": (third, 1), "non_acquis": (third, 1), "en_attente": (third, 1),
                        "non_evalue": (f"0{NBSP}%", 0)}
    assert rates(1) == {"acquis": (f"0{NBSP}%", 0), "non_acquis": (f"100{NBSP}%", 3),
                        "en_attente": (f"0{NBSP}%", 0), "non_evalue": (f"0{NBSP}%", 0)}
    assert rates(5)["non_evalue"] == (f"100{NBSP}%", 3)


def test_dashboard_figures_have_text_alternatives_and_tables(dashboard):
    """Each figure's alt gives its key figures; the table with every figure follows it (folded for the heat map)."""
    figures = re.findall(r'<figure>\s*<img src="data:image/png;base64,[^"]+" alt="([^"]*)">.*?</figure>\s*'
                         r'(<table id="[a-z-]+">|<details>\s*<summary>Données du graphique</summary>\s*'
                         r'<table id="[a-z-]+">)', dashboard, re.S)
    assert [alt for alt, _ in figures] == [
        f"Validation des blocs, part des apprenants par décision. Bloc 1 : 0{NBSP}% acquis, 100{NBSP}% non acquis ; "
        f"Bloc 2 : 33,3{NBSP}% acquis, 33,3{NBSP}% non acquis, 33,3{NBSP}% en attente ; Bloc 3 : 0{NBSP}% acquis, "
        f"100{NBSP}% non évalué ; Bloc 4 : 0{NBSP}% acquis, 100{NBSP}% non évalué ; Bloc 5 : 0{NBSP}% acquis, "
        f"100{NBSP}% non évalué.",
        "Notes sur 20 par modalité, une boîte à moustaches par colonne et un point par apprenant, trait pointillé "
        "à 10/20. Médianes : M1.1 15/20 (3 copies) ; M2.1 20/20 (2 copies) ; M2.2 16,25/20 (2 copies) ; "
        "M2.3 13,5/20 (2 copies).",
        "Carte de chaleur de la part des apprenants à chaque niveau, pour 8 critères, pourcentage écrit dans chaque "
        f"case. Critère le plus souvent non acquis : M2.3-A Exploiter les données (50{NBSP}% des apprenants). "
        f"Critère le plus souvent maîtrisé : M2.1-B Rédiger l&#39;analyse (100{NBSP}% des apprenants).",
    ]
    assert [table.split('id="')[1] for _, table in figures] == ['taux-blocs">', 'notes-modalites">',
                                                                'niveaux-criteres">']


def test_dashboard_marks_and_criteria(dashboard):
    cells = lambda row: re.findall(r"<td[^>]*>(.*?)</td>", row)  # noqa: E731
    row = re.search(r"<tr><td>M2\.2</td>.*?</tr>", dashboard).group(0)
    assert cells(row) == ["M2.2", "2", "0", "16,25", "16,25", "12,5", "20", f"100{NBSP}%"]
    row = re.search(r"<tr><td>M2\.1</td>.*?</tr>", dashboard).group(0)
    assert cells(row) == ["M2.1", "2", "1", "20", "20", "20", "20", f"100{NBSP}%"]
    assert "<tr><td>M3.1</td>" not in dashboard  # modality not offered
    row = re.search(r"<tr><td><strong>M2\.3-A</strong>.*?</tr>", dashboard).group(0)
    assert cells(row)[1:] == ["2", f"50{NBSP}%", f"0{NBSP}%", f"50{NBSP}%", f"0{NBSP}%"]


def test_dashboard_agreement_moderation_and_flags(dashboard):
    assert ("<tr><td>Critère</td><td>M2.2-B</td><td class=\"num\">12</td><td class=\"num\">75" + NBSP + "%</td>"
            "<td class=\"num\">0,6123</td><td class=\"num\">0,8000</td></tr>") in dashboard
    assert ("<tr><td>Ensemble</td><td>ensemble</td><td class=\"num\">30</td><td class=\"num\">66,7" + NBSP + "%</td>"
            "<td class=\"num\">non calculable</td><td class=\"num\">-0,0500</td></tr>") in dashboard
    assert "<summary>2 écarts à examiner</summary>" in dashboard
    moderation = re.search(r'<table id="moderation">.*?</table>', dashboard, re.S).group(0)
    students = re.findall(r"<tr><td>(.*?)</td><td>(.*?)</td>.*?<td class=\"num\">(.*?)</td></tr>", moderation)
    assert students == [
        ("Chloé Da Silva &amp; &lt;Fils&gt; (chloe)", 'M2.3-A <span class="muted">(m23_negociation)</span>',
         "2 niveaux"),
        ("Alice Dupré (alice)", "M2.2-B", "1 niveau"),
    ]
    assert chip("acquis", "Acquis") + ' <span class="muted">Mme R.</span>' in moderation
    assert chip("non_acquis", "Non acquis") in moderation
    assert chip("en_cours", "En cours d&#39;acquisition") in moderation
    groups = re.findall(r"<summary><strong>(.*?)</strong> \((\d+)\)</summary>", dashboard)
    assert groups == [("Copie non rendue", "2"), ("Correction manuelle en attente", "1"),
                      ("Note qui ne correspond à aucun niveau", "1")]
    assert "bruno : aucune copie pour m22_enquete." in dashboard


def test_dashboard_without_double_marking(cohort, tmp_path):
    html = write_dashboard(cohort, tmp_path / "t.html", issued=ISSUED).read_text(encoding="utf-8")
    assert "Pas de double correction pour cette cohorte." in html
    assert "Copies à modérer" not in html
    assert sorted(p.name for p in tmp_path.iterdir()) == ["t.html"]


def test_two_processes_write_the_same_livrets(cohort, livrets, tmp_path, monkeypatch):
    used = []
    workers = livret_module._workers
    monkeypatch.setattr(livret_module, "PARALLEL_FROM", 0)
    monkeypatch.setattr(livret_module, "_workers", lambda *args: used.append(workers(*args)) or used[-1])
    paths = write_livrets(cohort, tmp_path, AGREEMENT, issued=ISSUED, processes=2)
    assert used == [2]
    assert {p.stem.removeprefix("livret_"): p.read_text(encoding="utf-8") for p in paths} == livrets
    assert sorted(p.name for p in tmp_path.iterdir()) == ["livret_alice.html", "livret_bruno.html", "livret_chloe.html"]


def test_bad_input_is_reported_in_french_and_writes_nothing(cohort, tmp_path):
    out = tmp_path / "livrets"
    bad_id = CohortData(cohort.catalogue, [*cohort.learners, LearnerInfo("../x", "X", "Y", "")], cohort.rows,
                        cohort.profile, cohort.decisions, cohort.flags)
    with pytest.raises(ReportError, match=re.escape("Apprenant n° 4 : l'identifiant « ../x » ne peut pas servir "
                                                    "de nom de fichier")):
        write_livrets(bad_id, out)
    missing = [AGREEMENT[0], {"scope": "overall", "id": "ensemble", "n": 3, "exact": 0.5, "kappa_linear": 0.1}]
    with pytest.raises(ReportError, match=re.escape("Accord entre correcteurs, ligne 2 : champ(s) manquant(s) : "
                                                    "kappa_quadratic.")):
        write_livrets(cohort, out, missing)
    no_share = [SimpleNamespace(scope="criterion", id="M2.2-B", n=12, kappa_linear=0.6, kappa_quadratic=0.8)]
    with pytest.raises(ReportError, match=re.escape("Accord entre correcteurs, ligne 1 : champ(s) manquant(s) : "
                                                    "exact.")):
        write_dashboard(cohort, out / "t.html", no_share)
    percent = [SimpleNamespace(scope="criterion", id="M2.2-B", n=12, exact=75, kappa_linear=0.6, kappa_quadratic=0.8)]
    with pytest.raises(ReportError, match=re.escape("Accord entre correcteurs, ligne 1 : « exact » doit être compris "
                                                    "entre 0 et 1 (reçu « 75 »).")):
        write_dashboard(cohort, out / "t.html", percent)
    wrong_level = [SimpleNamespace(student_id="alice", criterion_id="M2.2-B", first_level="acquis",
                                   second_level="excellent")]
    with pytest.raises(ReportError, match=re.escape("Liste de modération, ligne 1 : niveau « excellent » inconnu pour "
                                                    "« second_level » (attendu : non_acquis, en_cours, acquis, "
                                                    "maitrise).")):
        write_dashboard(cohort, out / "t.html", None, wrong_level)
    assert not out.exists()


def test_a_failure_midway_leaves_previous_livrets_untouched(cohort, tmp_path, monkeypatch):
    (tmp_path / "livret_alice.html").write_text("ancien", encoding="utf-8")
    original = livret_module.LivretBook.html

    def failing(self, learner):
        if learner.id == "bruno":
            raise RuntimeError("panne simulée")
        return original(self, learner)

    monkeypatch.setattr(livret_module.LivretBook, "html", failing)
    with pytest.raises(RuntimeError, match="panne simulée"):
        write_livrets(cohort, tmp_path, processes=1)
    assert [p.name for p in tmp_path.iterdir()] == ["livret_alice.html"]
    assert (tmp_path / "livret_alice.html").read_text(encoding="utf-8") == "ancien"


def test_pdf_livret(cohort, tmp_path):
    pytest.importorskip("weasyprint")
    one = CohortData(cohort.catalogue, cohort.learners[:1], cohort.rows, cohort.profile, cohort.decisions,
                     cohort.flags)
    paths = write_livrets(one, tmp_path, issued=ISSUED, pdf=True)
    assert [p.name for p in paths] == ["livret_alice.html", "livret_alice.pdf"]
    assert paths[1].read_bytes().startswith(b"%PDF-")


def test_livret_shows_autograde_statuses(cohort, tmp_path):
    """A copy `casp autograde` could not grade reads « copie non corrigée » with its reason, never « non rendu »;
    reserves are shown beside the mark; a plainly graded copy carries no notice."""
    reason = "le fichier « m22_enquete.ipynb » est vide (0 octet)"
    reserve = "cellule notée « q1_tests » modifiée : version du sujet rétablie"
    with_statuses = dataclasses.replace(cohort, autograde={
        ("bruno", "m22_enquete"): AutogradeStatus("non corrigée", reason),
        ("bruno", "m11_recit"): AutogradeStatus("corrigée avec réserves", reserve),
        ("bruno", "m21_cartographie"): AutogradeStatus("corrigée"),
    })
    write_livrets(with_statuses, tmp_path, AGREEMENT, issued=ISSUED)
    page = (tmp_path / "livret_bruno.html").read_text(encoding="utf-8")
    section = re.search(r"<h3>M2\.2 — .*?</article>", page, re.S).group(0)
    assert 'Note : <span class="mark missing">copie non corrigée</span>' in section
    assert (f'<p class="autograde-note">Correction automatique : non corrigée : '
            f'{escape(reason)}</p>') in section
    assert "La copie rendue n'a pas pu être corrigée : voir le motif ci-dessus." in section
    m11 = re.search(r"<h3>M1\.1 — .*?</article>", page, re.S).group(0)
    assert f"Correction automatique : corrigée avec réserves : {escape(reserve)}" in m11
    m21 = re.search(r"<h3>M2\.1 — .*?</article>", page, re.S).group(0)
    assert "autograde-note" not in m21
    m23 = re.search(r"<h3>M2\.3 — .*?</article>", page, re.S).group(0)
    assert 'Note : <span class="mark missing">non rendu</span>' in m23 and "autograde-note" not in m23
