"""The livret and the dashboard meet WCAG 2.1 A and AA in Chromium (axe-core: no violation of any impact), every
figure has its key figures as text and its table within a click, and the guide's pictures show both pages as
seen normally and with simulated deuteranopia."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from course.grading.cohort import LearnerInfo
from course.reports.dashboard import write_dashboard
from course.reports.livret import write_livrets
from tests.browser.colour_vision import simulate_png
from tests.browser.conftest import SCREENSHOTS, axe_violations, screenshots_dir
from tests.test_livret_dashboard import AGREEMENT, ISSUED, LEARNERS, MODERATION, POINTS, build_cohort

ALL_IMPACTS = ("minor", "moderate", "serious", "critical")
# A fourth learner whose profile has all four levels, for the guide's pictures (points /10 for criteria A, B):
# C1.1 maîtrisé (M1.1-A 10), C1.2 acquis (M1.1-B 7), C2.1 en cours (M2.1-A 5, M2.3-B 5),
# C2.2 non acquis (M2.1-B 2, M2.2-A 2), C2.3 en cours (M2.2-B 5, M2.3-A 6).
DORA = LearnerInfo("dora", "Dora", "Nguyen", "dora@example.org")
DORA_POINTS = {"m11_recit": (10, 7), "m21_cartographie": (5, 2), "m22_enquete": (2, 5), "m23_negociation": (6, 5)}


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    """Livrets and dashboard of the hand-built cohort of tests/test_livret_dashboard.py, with Dora."""
    root = tmp_path_factory.mktemp("rapports")
    cohort = build_cohort(root / "cours", [*LEARNERS, DORA], {**POINTS, "dora": DORA_POINTS})
    livrets = write_livrets(cohort, root / "livrets", AGREEMENT, issued=ISSUED)
    dashboard = write_dashboard(cohort, root / "tableau_de_bord.html", AGREEMENT, MODERATION, issued=ISSUED)
    return {"livrets": {path.stem.removeprefix("livret_"): path for path in livrets}, "tableau": dashboard}


def normal_and_deuteranopia(browser_page, normal: str, deuteranopia: str) -> None:
    """The viewport as seen, then as a deuteranope sees it (docs/images/ with `make docs-images`)."""
    assert deuteranopia in SCREENSHOTS
    seen = browser_page.screenshot(normal)
    simulated = simulate_png(seen, screenshots_dir() / deuteranopia)
    assert simulated.read_bytes() != seen.read_bytes()


def test_livrets_pass_axe_with_alt_texts_and_symbols(reports, browser_page):
    page = browser_page.page
    for learner, path in reports["livrets"].items():
        page.goto(path.as_uri())
        expect(page.locator("h1")).to_have_text("Chargé d'accompagnement social et professionnel")
        assert axe_violations(page, impacts=ALL_IMPACTS) == [], learner
    # bruno's livret: each level the radar shows is also a word in the table beside it, after a hidden symbol.
    page.goto(reports["livrets"]["bruno"].as_uri())
    radar = page.locator(".profile img")
    assert radar.get_attribute("alt").startswith(
        "Radar du profil de compétences : 3 compétences évaluées sur 19, dont 1 acquise, 1 en cours "
        "d'acquisition et 1 non acquise. C1.1 non acquise ; C1.2 en cours d'acquisition ; C2.1 acquise.")
    assert page.locator(".profile > img + table").count() == 1
    assert page.locator(".profile tr", has_text="C1.1").locator(".level").inner_text() == "✗\u00a0Non acquis"
    assert page.locator(".badge .symbol[aria-hidden='true']").all_inner_texts() == ["✗", "…", "–", "–", "–"]
    # A screen reader reads the word, not the symbol: the heading's accessible name ends with the decision.
    expect(page.get_by_role("heading", name=re.compile(r"^Bloc 1 — .*diagnostic\s+Non acquis$"))).to_have_count(1)
    # Dora's livret, every level on her radar: the picture for the guide.
    page.goto(reports["livrets"]["dora"].as_uri())
    assert page.locator(".profile img").get_attribute("alt").startswith(
        "Radar du profil de compétences : 5 compétences évaluées sur 19, dont 1 maîtrisée, 1 acquise, 2 en cours "
        "d'acquisition et 1 non acquise. C1.1 maîtrisée ; C1.2 acquise ; C2.1 en cours d'acquisition ; "
        "C2.2 non acquise ; C2.3 en cours d'acquisition. Non évaluées : C1.3, ")
    assert page.locator(".profile .level .symbol").all_inner_texts()[:5] == ["●", "◑", "–", "–", "–"]
    assert page.locator(".profile img").evaluate("e => [e.clientWidth, e.naturalWidth]") == [460, 460]
    page.get_by_role("heading", name="Profil de compétences").evaluate("e => e.scrollIntoView()")
    normal_and_deuteranopia(browser_page, "livret-vision-normale.png", "livret-deuteranopie.png")
    browser_page.assert_no_js_errors()


def test_dashboard_passes_axe_and_each_figure_has_its_table(reports, browser_page):
    page = browser_page.page
    page.goto(reports["tableau"].as_uri())
    expect(page.locator("h1")).to_have_text("Chargé d'accompagnement social et professionnel")
    assert axe_violations(page, impacts=ALL_IMPACTS) == []
    alts = page.locator("figure img").evaluate_all("images => images.map(image => image.alt)")
    assert [alt.split(".")[0] for alt in alts] == [
        "Validation des blocs, part des apprenants par décision",
        "Notes sur 20 par modalité, une boîte à moustaches par colonne et un point par apprenant, trait pointillé "
        "à 10/20",
        "Carte de chaleur de la part des apprenants à chaque niveau, pour 8 critères, pourcentage écrit dans "
        "chaque case",
    ]
    assert "Bloc 1 : 0\u00a0% acquis, 100\u00a0% non acquis" in alts[0]
    # The tables behind the figures: two follow their figure, the heat map's opens with one click.
    for table in ("#taux-blocs", "#notes-modalites"):
        expect(page.locator(table)).to_be_visible()
    expect(page.locator("#niveaux-criteres")).to_be_hidden()
    page.get_by_text("Données du graphique").click()
    expect(page.locator("#niveaux-criteres")).to_be_visible()
    expect(page.locator("#niveaux-criteres tr", has_text="M2.3-A")).to_contain_text("33,3\u00a0%")
    page.get_by_role("heading", name="Validation des blocs").evaluate("e => e.scrollIntoView()")
    normal_and_deuteranopia(browser_page, "tableau-de-bord-vision-normale.png", "tableau-de-bord-deuteranopie.png")
    browser_page.assert_no_js_errors()
