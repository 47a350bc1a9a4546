"""Observation checklist of a space that receives the public (note d'observation, M1.4).

For each criterion the learner chooses « oui », « non » or « non observé »; the summary separates
what is missing (to improve) from what was not observed (a limit of the observation).

The module holds only the mechanics: the instructions, the sections, their criteria and the texts of
the summary are read from a YAML file released beside the notebook (`grille_observation.yaml`, kept in
the assignment's folder), so that the installed package carries no assignment content.

Accessibility: each section opens and closes with a button whose text says what it does (« ▸ Ouvrir »,
« ▾ Fermer »): ipywidgets' Accordion is not reached with the Tab key in JupyterLab 4 (its headers are plain
`div`s with a click handler). Each criterion is a group of radio buttons, so that the answer chosen is
announced as « coché » and shows as a filled dot, not only as a shade (ToggleButtons expose no state).
The closed sections are hidden (`display: none`), so the Tab key never stops on a control one cannot see.
"""
from __future__ import annotations

import html
import re
from pathlib import Path

import ipywidgets as widgets
from IPython.display import Markdown, display

from ... import CourseError
from .contenu import lire_contenu

OUI, NON, NON_OBSERVE = "oui", "non", "non observé"
FICHIER = "grille_observation.yaml"
OUVRIR, FERMER = "▸ Ouvrir", "▾ Fermer"


def libelle_rubrique(nom: str, nombre: int, ouverte: bool) -> str:
    """The text of a section's button: « ▸ Ouvrir « Confidentialité » (4 critères) », « ▾ Fermer … »."""
    criteres = "1 critère" if nombre == 1 else f"{nombre} critères"
    return f"{FERMER if ouverte else OUVRIR} « {nom} » ({criteres})"


def _texte(valeur) -> str | None:
    """A non-empty text on one line (a block scalar's line breaks read as spaces), or None."""
    if not isinstance(valeur, str) or not valeur.strip():
        return None
    return " ".join(valeur.split())


def valider_grille(contenu: dict, fichier: str = FICHIER) -> dict:
    """The checklist content in the shape the widget uses; a French error naming the file otherwise.

    Returns `{"consigne": str, "titre": str, "points_a_ameliorer": str, "a_verifier": str,
    "rubriques": {section name: [criterion, ...]}}`, each text on one line.
    """
    nom = Path(fichier).name

    def erreur(probleme: str) -> CourseError:
        return CourseError(f"Le fichier « {nom} » est mal rempli : {probleme}")

    consigne = _texte(contenu.get("consigne"))
    if consigne is None:
        raise erreur("la clé « consigne » doit contenir le texte affiché au-dessus de la grille.")
    bilan = contenu.get("bilan")
    if not isinstance(bilan, dict):
        raise erreur("la clé « bilan » doit contenir « titre », « points_a_ameliorer » et « a_verifier ».")
    textes = {}
    for cle in ("titre", "points_a_ameliorer", "a_verifier"):
        textes[cle] = _texte(bilan.get(cle))
        if textes[cle] is None:
            raise erreur(f"dans « bilan », la clé « {cle} » doit contenir un texte.")
    rubriques = contenu.get("rubriques")
    if not isinstance(rubriques, list) or not rubriques:
        raise erreur(
            "la clé « rubriques » doit être une liste de rubriques (« - nom: … » suivi de « criteres: »)."
        )
    grille: dict[str, list[str]] = {}
    for numero, rubrique in enumerate(rubriques, start=1):
        if not isinstance(rubrique, dict) or _texte(rubrique.get("nom")) is None:
            raise erreur(f"la rubrique n° {numero} doit avoir un « nom ».")
        nom_rubrique = _texte(rubrique["nom"])
        if nom_rubrique in grille:
            raise erreur(f"la rubrique « {nom_rubrique} » apparaît deux fois.")
        criteres = rubrique.get("criteres")
        if not isinstance(criteres, list) or not criteres:
            raise erreur(f"la rubrique « {nom_rubrique} » doit avoir une liste « criteres » non vide.")
        textes_criteres = [_texte(critere) for critere in criteres]
        if None in textes_criteres:
            raise erreur(f"dans la rubrique « {nom_rubrique} », chaque critère doit être une phrase.")
        grille[nom_rubrique] = textes_criteres
    return {"consigne": consigne, **textes, "rubriques": grille}


def lire_grille(fichier: str | Path = FICHIER, dossier: str | Path | None = None) -> dict:
    """Read and check the checklist file, from the notebook's folder unless `dossier` says otherwise."""
    return valider_grille(lire_contenu(fichier, dossier), str(fichier))


def _gras_html(texte: str) -> str:
    """**mot** → <b>mot</b>, the rest escaped for HTML."""
    return re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", html.escape(texte, quote=False))


class GrilleObservation:
    """The checklist and its summary; all state lives in the widgets."""

    def __init__(self, grille: dict) -> None:
        self.grille = grille
        self.choix: dict[str, list[tuple[str, widgets.RadioButtons]]] = {}
        self.rubriques: dict[str, tuple[widgets.Button, widgets.VBox]] = {}
        blocs: list[widgets.Widget] = []
        for dimension, criteres in grille["rubriques"].items():
            lignes = []
            self.choix[dimension] = []
            for critere in criteres:
                boutons = widgets.RadioButtons(
                    options=[OUI, NON, NON_OBSERVE],
                    value=NON_OBSERVE,
                    orientation="horizontal",
                    layout=widgets.Layout(width="auto"),
                )
                self.choix[dimension].append((critere, boutons))
                lignes.append(widgets.VBox([widgets.HTML(f"<b>{html.escape(critere, quote=False)}</b>"), boutons]))
            contenu = widgets.VBox(lignes, layout=widgets.Layout(display="none", margin="0 0 8px 16px"))
            bouton = widgets.Button(description=libelle_rubrique(dimension, len(criteres), ouverte=False),
                                    layout=widgets.Layout(width="auto"))
            bouton.on_click(lambda _bouton, nom=dimension: self.basculer(nom))
            self.rubriques[dimension] = (bouton, contenu)
            blocs.append(widgets.VBox([bouton, contenu]))
        self.bouton = widgets.Button(description="Faire le bilan", button_style="primary", icon="check")
        self.sortie = widgets.Output()
        self.bouton.on_click(self._afficher_bilan)
        consigne = widgets.HTML(f"<p>{_gras_html(grille['consigne'])}</p>")
        self.widget = widgets.VBox([consigne, widgets.VBox(blocs), self.bouton, self.sortie])

    def ouverte(self, dimension: str) -> bool:
        return self.rubriques[dimension][1].layout.display != "none"

    def basculer(self, dimension: str) -> None:
        """Open a closed section, close an open one; its button says which it will do next."""
        bouton, contenu = self.rubriques[dimension]
        ouverte = not self.ouverte(dimension)
        contenu.layout.display = "" if ouverte else "none"
        bouton.description = libelle_rubrique(dimension, len(contenu.children), ouverte)

    def bilan(self) -> str:
        """The summary, in Markdown: per dimension, what is in place, missing, not observed."""
        lignes = [f"### {self.grille['titre']}", ""]
        lignes += ["| Rubrique | Oui | Non | Non observé |", "|---|---|---|---|"]
        a_ameliorer, a_verifier = [], []
        for dimension, criteres in self.choix.items():
            valeurs = [boutons.value for _, boutons in criteres]
            lignes.append(
                f"| {dimension} | {valeurs.count(OUI)} | {valeurs.count(NON)} | {valeurs.count(NON_OBSERVE)} |"
            )
            a_ameliorer += [f"- *{dimension}* : {c}" for c, b in criteres if b.value == NON]
            a_verifier += [f"- *{dimension}* : {c}" for c, b in criteres if b.value == NON_OBSERVE]
        lignes += ["", self.grille["points_a_ameliorer"], ""]
        lignes += a_ameliorer or ["- aucun"]
        lignes += ["", self.grille["a_verifier"], ""]
        lignes += a_verifier or ["- aucun"]
        return "\n".join(lignes)

    def _afficher_bilan(self, _bouton=None) -> None:
        self.sortie.clear_output()
        with self.sortie:
            display(Markdown(self.bilan()))


def grille_observation_espace(fichier: str = FICHIER) -> widgets.VBox:
    """Affiche la grille d'observation de l'espace d'accueil (à cocher) et son bilan, lue dans `fichier`."""
    return GrilleObservation(lire_grille(fichier)).widget
