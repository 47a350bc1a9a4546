"""M1.2 interview simulation: the widget reads its content from the assignment's YAML file and behaves as before.

The widget is built in plain Python (no kernel) from the real `entretien_scenarios.yaml` and driven through
its Python API: click the letter buttons and « Réplique suivante », read the HTML it shows.
"""
from __future__ import annotations

import inspect
import re
from html import unescape
from pathlib import Path

import pytest
import yaml

from course import CourseError
from course.catalogue import load_catalogue
from course.learner.widgets import entretien
from course.learner.widgets.entretien import SimulationEntretien, lire_scenarios, scenarios_disponibles, simuler_entretien

REPO = Path(__file__).resolve().parents[1]
DOSSIER = REPO / "assignments" / "m12_entretiens_accueil"
FICHIER = DOSSIER / "entretien_scenarios.yaml"


def texte(html: str) -> list[str]:
    """The lines a learner reads: one per paragraph, list item or table row (cells joined by « | »)."""
    html = re.sub(r"</t[dh]>\s*<t[dh][^>]*>", " | ", html)
    lignes = re.split(r"</?(?:p|li|ul|h4|br|div|tr|table|summary|details)(?:\s[^>]*)?>", html)
    lignes = (unescape(re.sub(r"<[^>]+>", "", ligne)).strip() for ligne in lignes)
    return [ligne for ligne in lignes if ligne]


@pytest.fixture
def simulation() -> SimulationEntretien:
    return simuler_entretien("sans_rendez_vous", fichier=FICHIER)


def test_the_assignment_releases_the_file_beside_its_notebook():
    catalogue = load_catalogue(REPO)
    assert catalogue.assignments["m12_entretiens_accueil"].files == ["entretien_scenarios.yaml"]
    notebook = (DOSSIER / "entretiens_accueil.md").read_text(encoding="utf-8")
    for code in ("telephone", "sans_rendez_vous", "sur_rendez_vous"):
        assert f'simuler_entretien("{code}")' in notebook


def test_reads_the_file_from_the_notebook_folder_and_opens_on_the_first_simulation(monkeypatch):
    monkeypatch.chdir(DOSSIER)
    assert scenarios_disponibles() == ["telephone", "sans_rendez_vous", "sur_rendez_vous"]
    assert simuler_entretien().code == "telephone"
    assert [simuler_entretien(nom).code for nom in ("Téléphone", " guichet ", "sur rendez-vous", "rendez-vous")] == [
        "telephone", "sans_rendez_vous", "sur_rendez_vous", "sur_rendez_vous"]


def test_a_simulation_played_through(simulation):
    assert texte(simulation._titre.value) == [
        "Accueil sans rendez-vous — Sylvie, 47 ans, vient pendant sa pause pour sa déclaration de revenus",
        "Mardi, 12 h 20, espace France Services du CCAS. Plusieurs personnes attendent. Sylvie, 47 ans, aide à "
        "domicile, arrive au guichet en tenue de travail, son téléphone à la main. Situation d'entraînement, "
        "fictive : elle ne fait l'objet d'aucun écrit ni d'aucun oral.",
        "Lisez ce que dit la personne, puis choisissez votre réponse : cliquez sur son bouton (« Réponse A » à "
        "« Réponse D »), ou atteignez-le avec la touche Tab et appuyez sur Entrée.",
    ]
    assert texte(simulation._progression.value) == ["Réplique 1 sur 5"]
    assert texte(simulation._personne.value) == [
        "« Bonjour. Je n'ai que vingt minutes, c'est ma pause. Il faut que je fasse ma déclaration de revenus sur "
        "Internet et je n'y arrive pas. Vous pouvez la faire ? »"]
    # A button's text is its name for a screen reader: « Réponse B », not a bare « B ».
    assert [bouton.description for bouton in simulation._boutons] == ["Réponse A", "Réponse B", "Réponse C",
                                                                      "Réponse D"]
    assert [texte(option.value)[0] for option in simulation._textes] == [
        "« La déclaration, c'est sur le site des impôts : il suffit de suivre les étapes. »",
        "« Vous auriez dû venir plus tôt : la date limite approche. »",
        "« Bonjour madame. Vingt minutes, c'est court : voyons ensemble ce qu'on peut faire aujourd'hui. "
        "Qu'est-ce qui vous bloque, dans votre déclaration ? »",
        "« Vous avez votre numéro fiscal ? »",
    ]
    assert simulation._suivant.layout.display == "none"

    simulation._boutons[2].click()
    assert texte(simulation._retour.value) == [
        "Réponse ajustée — vous avez choisi C (Question ouverte).",
        "Vous tenez compte de son temps, vous annoncez que vous ferez avec elle, et vous ouvrez par une question qui "
        "lui permet d'expliquer son problème avec ses mots.",
        "Voir l'analyse des quatre réponses",
        "A — Conseil prématuré (réponse à éviter) : Vous renvoyez vers Internet une personne qui vient justement "
        "parce qu'elle n'y arrive pas, sans savoir ce qui la bloque. Elle repartira sans réponse.",
        "B — Jugement ou morale (réponse à éviter) : Le reproche ne sert à rien : elle est venue, c'est ce qui "
        "compte. Il ajoute de la pression à une personne déjà pressée.",
        "C — Question ouverte (réponse ajustée) : Vous tenez compte de son temps, vous annoncez que vous ferez avec "
        "elle, et vous ouvrez par une question qui lui permet d'expliquer son problème avec ses mots.",
        "D — Question fermée (réponse acceptable mais incomplète) : Le numéro servira peut-être, mais commencer par "
        "là ne l'accueille pas : vous ne savez pas encore ce qui la bloque.",
        "La suite du dialogue part de la réponse la plus ajustée.",
    ]
    # The verdict is a word; the course palette's colours (VERDICT_COLOURS[2]: blue) only repeat it.
    assert simulation._retour.value.startswith(
        "<div style='background:#DDF0FB;border-left:4px solid #005685;padding:8px 12px;border-radius:4px'>"
        "<b style='color:#005685'>Réponse ajustée</b> — vous avez choisi C")
    assert simulation._personne.value.startswith(
        "<div style='background:#F4F6F8;border-left:4px solid #0072B2;padding:8px 12px;margin:6px 0;")
    assert [(bouton.disabled, bouton.button_style) for bouton in simulation._boutons] == [
        (True, ""), (True, ""), (True, "info"), (True, "")]
    assert (simulation._suivant.description, simulation._suivant.layout.display) == ("Réplique suivante", "")
    simulation._boutons[0].click()  # a second click on the same line changes nothing
    assert simulation.choix == [2]

    simulation._suivant.click()
    assert texte(simulation._progression.value) == ["Réplique 2 sur 5"]
    assert texte(simulation._personne.value)[0].startswith("« Je ne sais pas si je dois déclarer ma mère.")
    simulation._boutons[1].click()
    assert texte(simulation._retour.value)[0] == "Réponse à éviter — vous avez choisi B (Question fermée)."
    assert "<b style='color:#A04600'>Réponse à éviter</b>" in simulation._retour.value  # VERDICT_COLOURS[0]
    simulation._suivant.click()
    simulation._boutons[3].click()
    simulation._suivant.click()
    simulation._boutons[3].click()
    assert texte(simulation._retour.value)[0] == ("Réponse acceptable mais incomplète — vous avez choisi D "
                                                  "(Question fermée).")
    assert simulation._retour.value.startswith("<div style='background:#FCFAD9;border-left:4px solid #6B6200;")
    simulation._suivant.click()
    simulation._boutons[1].click()
    assert "La suite du dialogue part de la réponse la plus ajustée." not in texte(simulation._retour.value)
    assert simulation._suivant.description == "Voir le bilan"
    simulation._suivant.click()

    assert simulation.termine
    assert texte(simulation._progression.value) == ["Bilan de la simulation"]
    assert simulation._personne.value == "" and simulation._options.layout.display == "none"
    assert texte(simulation._retour.value) == [
        "Score : 5 / 10 — Posture en construction : relisez les réponses à éviter, en particulier les conseils "
        "donnés trop tôt et les jugements.",
        "Réplique | Votre choix | Type de réponse | Points",
        "1 | C | Question ouverte | 2 / 2",
        "2 | B | Question fermée | 0 / 2",
        "3 | D | Reformulation | 2 / 2",
        "4 | D | Question fermée | 1 / 2",
        "5 | B | Faire à la place de la personne | 0 / 2",
        "Vos réponses par type : Question ouverte (1), Question fermée (2), Reformulation (1), "
        "Faire à la place de la personne (1)",
        "À retenir : Au guichet : tenir compte du temps dont la personne dispose, l'installer à l'écart dès qu'elle "
        "parle de sa vie privée, faire avec elle (ses mots de passe restent les siens), reformuler les faits et les "
        "émotions, et proposer un rendez-vous pour ce qui demande plus de temps.",
        "Cette simulation est un entraînement : elle n'est pas notée.",
    ]
    assert simulation.bilan() == {"score": 5, "score_max": 10, "reponses_par_type": {
        "Question ouverte": 1, "Question fermée": 2, "Reformulation": 1, "Faire à la place de la personne": 1}}

    simulation._recommencer.click()
    assert simulation.choix == [] and simulation.etape == 0
    assert texte(simulation._progression.value) == ["Réplique 1 sur 5"]
    assert simulation._retour.value == "" and simulation._options.layout.display == ""
    assert [bouton.disabled for bouton in simulation._boutons] == [False] * 4


def test_the_simulations_run_on_practice_cases_only():
    """REVIEW-BLOC1 §2: a widget that rates answers works on practice cases, never on a graded writing or oral.

    The released file names none of the people of the graded writings (M. O., Nadia) or of the jury's cards,
    nor their situations, and every simulation says it is a practice case.
    """
    contenu = FICHIER.read_text(encoding="utf-8")
    for trace in ("M. O.", "Nadia", "Kevin", "Mme L.", "Mme T.", "Mme R.", "M. G.", "Yanis", "voisine", "ASPA",
                  "assignation", "expulsion", "domiciliation", "cantine", "RSA"):
        assert trace not in contenu, trace
    for simulation in lire_scenarios(FICHIER).scenarios.values():
        assert "Situation d'entraînement" in simulation.contexte
        assert "aucun écrit ni d'aucun oral" in simulation.contexte
    catalogue = load_catalogue(REPO)
    graded = " ".join(c.consigne + (c.mark_scheme or "")
                      for c in catalogue.assignments["m12_entretiens_accueil"].rubric if c.consigne)
    for personne in ("Léa", "Sylvie", "Thomas"):
        assert personne not in graded, personne


def test_the_summary_appraisal_follows_the_score():
    meilleure = simuler_entretien("telephone", fichier=FICHIER)
    for etape in meilleure.scenario.etapes:
        meilleure.choisir(next(i for i, reponse in enumerate(etape.reponses) if reponse.points == 2))
        meilleure.suivant()
    assert texte(meilleure._retour.value)[0] == ("Score : 10 / 10 — Très bonne posture d'accueil : écoute, "
                                                 "reformulation et cadre sont au rendez-vous.")
    pire = simuler_entretien("sur_rendez_vous", fichier=FICHIER)
    for _ in pire.scenario.etapes:
        pire.choisir(0)
        pire.suivant()
    assert texte(pire._retour.value)[0] == (
        "Score : 2 / 10 — Plusieurs réponses ont fermé l'échange. Recommencez la simulation en vous demandant, "
        "avant chaque choix : « ai-je bien compris ce que la personne demande ? »")


def test_unknown_simulation_and_answer_are_named(simulation):
    with pytest.raises(ValueError, match="Simulation inconnue « visite ». Choisissez parmi : telephone, "
                                         "sans_rendez_vous, sur_rendez_vous."):
        simuler_entretien("visite", fichier=FICHIER)
    with pytest.raises(ValueError, match="Choisissez une réponse entre A et D."):
        simulation.choisir(4)


def test_no_simulation_text_stays_in_the_package():
    source = inspect.getsource(entretien)
    contenu = yaml.safe_load(FICHIER.read_text(encoding="utf-8"))
    textes = [*contenu["types_de_reponse"].values(), *contenu["verdicts"].values(),
              *(entree["appreciation"] for entree in contenu["bilan"])]
    for simulation in contenu["simulations"].values():
        textes += [simulation["titre"], simulation["contexte"], simulation["a_retenir"]]
        for replique in simulation["repliques"]:
            textes.append(replique["personne"])
            textes += [texte for reponse in replique["reponses"] for texte in (reponse["texte"], reponse["retour"])]
    assert len(textes) > 140
    for phrase in textes:
        assert phrase[:30] not in source, phrase
    for phrase in ("Vous travaillez à l'accueil du CCAS", "Je n'ai que vingt minutes, c'est ma pause",
                   "Mon médecin m'a dit de remplir ce dossier", "Très bonne posture d'accueil"):
        assert phrase not in source


def test_a_missing_file_is_named(tmp_path, monkeypatch):
    with pytest.raises(CourseError, match="Le fichier « entretien_scenarios.yaml » n'est pas à côté du notebook"):
        simuler_entretien("telephone", fichier=tmp_path / "entretien_scenarios.yaml")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(CourseError, match="Le fichier « entretien_scenarios.yaml » n'est pas à côté du notebook"):
        simuler_entretien("telephone")


def test_a_malformed_file_is_named(tmp_path):
    chemin = tmp_path / "entretien_scenarios.yaml"
    chemin.write_text("simulations: [telephone\n", encoding="utf-8")
    with pytest.raises(CourseError, match="entretien_scenarios.yaml : fichier illisible"):
        simuler_entretien(fichier=chemin)

    chemin.write_text("- une liste\n- au lieu d'un dictionnaire\n", encoding="utf-8")
    with pytest.raises(CourseError, match="entretien_scenarios.yaml : le contenu doit être un dictionnaire YAML."):
        lire_scenarios(chemin)

    def erreur(modifier) -> str:
        contenu = yaml.safe_load(FICHIER.read_text(encoding="utf-8"))
        modifier(contenu)
        chemin.write_text(yaml.safe_dump(contenu, allow_unicode=True, sort_keys=False), encoding="utf-8")
        with pytest.raises(CourseError) as exc:
            lire_scenarios(chemin)
        return str(exc.value)

    assert erreur(lambda c: c.pop("bilan")) == (
        "entretien_scenarios.yaml (rubrique « rubriques principales ») : il manque bilan.")
    assert erreur(lambda c: c["simulations"]["telephone"].pop("titre")) == (
        "entretien_scenarios.yaml (rubrique « simulations, telephone ») : il manque titre.")
    assert erreur(lambda c: c["simulations"]["sur_rendez_vous"]["repliques"][1]["reponses"][2].update(
        type="ecoute")).startswith(
        "entretien_scenarios.yaml (rubrique « simulations, sur_rendez_vous, réplique 2, réponse C, type ») : "
        "« ecoute » n'est pas dans la liste « types_de_reponse » en haut du fichier (question_ouverte, ")
    assert erreur(lambda c: c["simulations"]["telephone"]["repliques"][0]["reponses"][0].update(points=3)) == (
        "entretien_scenarios.yaml (rubrique « simulations, telephone, réplique 1, réponse A, points ») : "
        "2, 1 ou 0 est attendu.")
    assert erreur(lambda c: c["simulations"]["telephone"]["repliques"][4]["reponses"].pop()) == (
        "entretien_scenarios.yaml (rubrique « simulations, telephone, réplique 5, reponses ») : exactement 4 "
        "réponses sont attendues (A, B, C, D), il y en a 3.")
    assert erreur(lambda c: c["simulations"]["sans_rendez_vous"]["repliques"][0].update(personne="")) == (
        "entretien_scenarios.yaml (rubrique « simulations, sans_rendez_vous, réplique 1, personne ») : "
        "un texte est attendu.")
    assert erreur(lambda c: c["verdicts"].pop(1)) == (
        "entretien_scenarios.yaml (rubrique « verdicts ») : un verdict est attendu pour 2, pour 1 et pour 0 point.")
    assert erreur(lambda c: c["bilan"].pop()) == (
        "entretien_scenarios.yaml (rubrique « bilan ») : une appréciation doit avoir un score minimum de 0, pour "
        "que tout score ait la sienne.")
    assert erreur(lambda c: c["simulations"]["sur_rendez_vous"]["autres_noms"].append("guichet")) == (
        "entretien_scenarios.yaml (rubrique « simulations, sur_rendez_vous ») : le nom « guichet » est déjà celui "
        "de la simulation « sans_rendez_vous ».")
