"""Observation checklist of a space that receives the public (note d'observation, M1.4).

For each criterion the learner chooses « oui », « non » or « non observé »; the summary separates
what is missing (to improve) from what was not observed (a limit of the observation).
"""
from __future__ import annotations

import ipywidgets as widgets
from IPython.display import Markdown, display

OUI, NON, NON_OBSERVE = "oui", "non", "non observé"

GRILLE: dict[str, list[str]] = {
    "Accès et signalétique": [
        "Les horaires d'ouverture sont lisibles depuis l'extérieur.",
        "On comprend sans aide où prendre un ticket et où attendre.",
        "L'affichage se comprend sans bien lire le français (pictogrammes, autres langues, facile à lire et à comprendre).",
    ],
    "Confidentialité": [
        "Les échanges aux guichets ne s'entendent pas depuis les chaises.",
        "Un bureau fermé est proposé, de façon visible, pour les situations sensibles.",
        "L'écran de la borne numérique n'est pas visible par les autres personnes.",
        "L'appel se fait par numéro de ticket, sans prononcer les noms.",
    ],
    "Confort de l'attente": [
        "Il y a assez de chaises aux heures de pointe.",
        "Le temps d'attente estimé est affiché.",
        "Un espace est prévu pour les enfants.",
        "Eau et toilettes sont accessibles sans avoir à les demander.",
    ],
    "Accessibilité": [
        "L'entrée est praticable en fauteuil roulant ou avec une poussette.",
        "Un guichet abaissé permet d'être reçu assis.",
        "L'appel des tickets est à la fois affiché et annoncé à voix haute.",
        "Une solution d'interprétariat est prévue (interprétariat par téléphone, par exemple).",
    ],
    "Numérique": [
        "Une aide humaine est disponible près de la borne numérique.",
        "La borne fonctionne, et une solution de repli est prévue en cas de panne.",
    ],
    "Documents et affichage": [
        "Les documents du présentoir sont à jour.",
        "Des documents existent en plusieurs langues ou en version facile à lire.",
        "Les permanences des partenaires sont affichées avec leurs jours et horaires.",
    ],
}


class GrilleObservation:
    """The checklist and its summary; all state lives in the widgets."""

    def __init__(self) -> None:
        self.choix: dict[str, list[tuple[str, widgets.ToggleButtons]]] = {}
        pages = []
        for dimension, criteres in GRILLE.items():
            lignes = []
            self.choix[dimension] = []
            for critere in criteres:
                boutons = widgets.ToggleButtons(
                    options=[OUI, NON, NON_OBSERVE],
                    value=NON_OBSERVE,
                    style={"button_width": "95px"},
                )
                self.choix[dimension].append((critere, boutons))
                lignes.append(widgets.VBox([widgets.HTML(f"<b>{critere}</b>"), boutons]))
            pages.append(widgets.VBox(lignes))
        self.accordeon = widgets.Accordion(children=pages, titles=tuple(GRILLE))
        self.bouton = widgets.Button(description="Faire le bilan", button_style="primary", icon="check")
        self.sortie = widgets.Output()
        self.bouton.on_click(self._afficher_bilan)
        consigne = widgets.HTML(
            "<p>Ouvrez chaque rubrique et répondez pour chaque critère d'après vos notes de terrain : "
            "<b>oui</b> (constaté), <b>non</b> (constaté absent) ou <b>non observé</b> (vous ne pouvez pas le "
            "savoir avec ce que vous avez vu). Cliquez ensuite sur « Faire le bilan ».</p>"
        )
        self.widget = widgets.VBox([consigne, self.accordeon, self.bouton, self.sortie])

    def bilan(self) -> str:
        """The summary, in Markdown: per dimension, what is in place, missing, not observed."""
        lignes = ["### Bilan de la grille d'observation de l'espace", ""]
        lignes += ["| Rubrique | Oui | Non | Non observé |", "|---|---|---|---|"]
        a_ameliorer, a_verifier = [], []
        for dimension, criteres in self.choix.items():
            valeurs = [boutons.value for _, boutons in criteres]
            lignes.append(
                f"| {dimension} | {valeurs.count(OUI)} | {valeurs.count(NON)} | {valeurs.count(NON_OBSERVE)} |"
            )
            a_ameliorer += [f"- *{dimension}* : {c}" for c, b in criteres if b.value == NON]
            a_verifier += [f"- *{dimension}* : {c}" for c, b in criteres if b.value == NON_OBSERVE]
        lignes += ["", "**Points à améliorer** (critères constatés absents : à étayer avec les données, "
                   "puis à reprendre dans vos préconisations) :", ""]
        lignes += a_ameliorer or ["- aucun"]
        lignes += ["", "**À vérifier** (critères non observés : une limite de votre observation, à signaler "
                   "comme telle plutôt qu'à deviner) :", ""]
        lignes += a_verifier or ["- aucun"]
        return "\n".join(lignes)

    def _afficher_bilan(self, _bouton=None) -> None:
        self.sortie.clear_output()
        with self.sortie:
            display(Markdown(self.bilan()))


def grille_observation_espace() -> widgets.VBox:
    """Affiche la grille d'observation de l'espace d'accueil (à cocher) et son bilan."""
    return GrilleObservation().widget
