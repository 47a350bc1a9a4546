"""A small collective exercise added to the demo's scratch course to show team marking.

The certification's collective modalities (M2.3, M5.2, M5.3) get their notebooks with their
blocs; until then this formative exercise carries one collective criterion, marked once per
team, and one individual criterion, so that the mechanism runs end to end in `casp demo`.
"""
from __future__ import annotations

from pathlib import Path


from ..authoring.build import build_assignment, dumps
from ..authoring.cells import md, written
from ..catalogue import load_assignment, load_catalogue, write_entry

ASSIGNMENT_ID = "demo_travail_equipe"
NOTEBOOK = "travail_equipe.ipynb"
TEAM_SIZE = 3

ASSIGNMENT = {
    "id": ASSIGNMENT_ID,
    "title": "Exercice collectif : synthèse d'une enquête de terrain",
    "short_title": "Travail d'équipe",
    "modality": None,
    "duration_minutes": 90,
    "notebooks": [NOTEBOOK],
    "instructions": (
        "Exercice formatif réalisé en équipe de trois. L'équipe rédige **une seule synthèse collective** "
        "(un membre la saisit, la note s'applique à toute l'équipe) ; chacun rédige ensuite **sa propre partie "
        "individuelle**, notée séparément. Les personnes rencontrées pendant l'enquête sont fictives : aucun nom, "
        "aucune coordonnée."
    ),
    "rubric": [
        {
            "id": "EQ-A", "label": "Synthèse collective de l'enquête", "kind": "ecrit", "collective": True,
            "competences": [], "points": 12, "grade_ids": ["synthese_collective"],
            "consigne": (
                "Rédigez en équipe la synthèse de votre enquête sur l'accès aux droits des jeunes de 16 à 25 ans "
                "du territoire : la question posée, la méthode suivie et les principaux constats."
            ),
            "writing": {"words": [150, 400], "parts": ["Question d'enquête", "Méthode", "Principaux constats"]},
            "levels": {
                "non_acquis": "La synthèse manque ou ne dit ni la question, ni la méthode, ni des constats.",
                "en_cours": "La question ou la méthode est floue ; les constats sont des impressions sans appui.",
                "acquis": "Question, méthode (qui, combien, comment) et constats appuyés sur l'enquête sont présents.",
                "maitrise": "En plus, les constats sont hiérarchisés et leurs limites (taille, biais) sont dites.",
            },
        },
        {
            "id": "EQ-B", "label": "Contribution et regard individuels", "kind": "ecrit",
            "competences": [], "points": 8, "grade_ids": ["partie_individuelle"],
            "consigne": "Dites ce que vous avez fait dans l'équipe et ce que cette enquête change dans votre pratique.",
            "writing": {"words": [80, 250], "parts": ["Ma contribution", "Ce que j'en retiens"]},
            "levels": {
                "non_acquis": "La partie individuelle manque ou recopie la synthèse collective.",
                "en_cours": "La contribution est citée sans exemple ; l'apport pour la pratique reste général.",
                "acquis": "La contribution est précise et illustrée ; un apport concret pour la pratique est nommé.",
                "maitrise": "En plus, l'écrit analyse le fonctionnement de l'équipe et en tire une piste d'amélioration.",
            },
        },
    ],
}

MODEL = {
    "EQ-A": {
        "Question d'enquête": (
            "Pourquoi des jeunes de 16 à 25 ans du territoire ne demandent-ils pas les aides auxquelles ils ont "
            "droit ? Nous nous sommes centrés sur le contrat d'engagement jeune et la Complémentaire santé solidaire."
        ),
        "Méthode": (
            "Nous avons rencontré douze jeunes à la Mission locale et au point information jeunesse, et trois "
            "professionnels. Chaque entretien suivait la même grille de dix questions. Les réponses ont été "
            "anonymisées le jour même."
        ),
        "Principaux constats": (
            "Le premier frein est la méconnaissance des dispositifs : huit jeunes sur douze ne connaissaient pas la "
            "Complémentaire santé solidaire. Le deuxième est la démarche en ligne, jugée décourageante. Le troisième "
            "est la crainte d'être jugé au guichet. L'échantillon est petit et recruté dans des lieux d'accueil : "
            "les jeunes les plus éloignés des institutions n'y figurent pas."
        ),
    },
    "EQ-B": {
        "Ma contribution": (
            "J'ai conduit quatre entretiens et construit le tableau de synthèse des réponses. J'ai aussi proposé "
            "de vérifier chaque reformulation avec le jeune à la fin de l'entretien."
        ),
        "Ce que j'en retiens": (
            "Je présenterai désormais les droits possibles avant que la personne ne les demande. L'équipe a bien "
            "partagé les entretiens, mais la rédaction a reposé sur deux personnes : nous fixerons plus tôt qui "
            "écrit quoi."
        ),
    },
}


def contents() -> dict[str, list]:
    return {NOTEBOOK: [
        md("""
            ## La situation (fictive)

            Votre équipe a mené une petite enquête de terrain pour le service jeunesse d'une communauté de
            communes : pourquoi des jeunes de 16 à 25 ans ne demandent-ils pas les aides auxquelles ils ont droit
            (contrat d'engagement jeune avec la Mission locale ou France Travail, Complémentaire santé solidaire,
            aides au logement de la CAF) ? Vous rendez une synthèse commune puis chacun sa partie.
        """),
        written("EQ-A", MODEL["EQ-A"]),
        written("EQ-B", MODEL["EQ-B"]),
    ]}


def install(course_dir: Path) -> None:
    """Write the exercise's catalogue entry and source notebook into a scratch course directory."""
    assignment = load_assignment(write_entry(course_dir, ASSIGNMENT))
    notebook = build_assignment(load_catalogue(course_dir), assignment, contents())[NOTEBOOK]
    target = course_dir / "source" / ASSIGNMENT_ID / NOTEBOOK
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(dumps(notebook), encoding="utf-8")


def teams_for(learner_ids: list[str]) -> dict[str, list[str]]:
    """Teams of three in cohort order, named A, B, C…"""
    return {
        chr(ord("A") + index // TEAM_SIZE): learner_ids[index:index + TEAM_SIZE]
        for index in range(0, len(learner_ids), TEAM_SIZE)
        if len(learner_ids[index:index + TEAM_SIZE]) > 1
    }
