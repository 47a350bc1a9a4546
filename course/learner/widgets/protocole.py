"""The survey protocol form: ten labelled fields, saved to `protocole.yaml` beside the notebook.

A protocol is written over several sessions (the question first, the sample after a talk with the tutor,
the calendar last), so the form rereads `protocole.yaml` each time the cell runs: nothing typed is lost.
Saving writes the file, lists what is still empty or should be checked (an employer or a commune named),
and shows the protocol as Markdown the learner may quote in the written answer on method.

A field holding a direct identification (phone, e-mail, full name…) is refused and nothing is written, as
in the data-entry widget. Mechanics only: the fields and their help lines are the same for every survey;
nothing judges the content. Accessibility: each field has a visible label and a visible help line, the
fields follow the protocol's order (so does the Tab key), every message is text.
"""
from __future__ import annotations

import html
from pathlib import Path

import ipywidgets as widgets
from IPython.display import Markdown, display

from ..enquete import (CHAMPS_PROTOCOLE, FICHIER_PROTOCOLE, afficher_protocole, avertissements_protocole,
                       ecrire_protocole, lire_protocole, problemes_protocole, protocole_vide)

__all__ = ["BOUTON", "FormulaireProtocole", "nouveau_protocole"]

BOUTON = "Enregistrer le protocole"
TITRE = "Protocole d'enquête"
_STYLE = {"description_width": "initial"}


def consigne(nom_fichier: str) -> str:
    """The line under the title: what the button does and where the protocol goes."""
    return (f"Remplissez les rubriques dans l'ordre, en plusieurs fois si besoin. « {BOUTON} » les écrit dans "
            f"{nom_fichier}, à côté du notebook, puis les affiche en Markdown, à citer dans votre écrit.")


def _e(texte: str) -> str:
    return html.escape(texte, quote=False)


def _liste(titre: str, elements: list[str]) -> str:
    items = "".join(f"<li>{_e(element)}</li>" for element in elements)
    return f"<p><b>{_e(titre)}</b></p><ul>{items}</ul>"


class FormulaireProtocole:
    """The form, its button, its message and the Markdown output; the protocol lives in the YAML file."""

    def __init__(self, fichier: str | Path = FICHIER_PROTOCOLE, dossier: str | Path | None = None) -> None:
        self.fichier = Path(dossier or Path.cwd()) / fichier
        existe = self.fichier.exists()
        sauvegarde = lire_protocole(self.fichier.name, self.fichier.parent) if existe else protocole_vide()
        self.champs: dict[str, widgets.Textarea] = {}
        blocs: list[widgets.Widget] = [
            widgets.HTML(f"<h4>{_e(TITRE)}</h4>"),
            widgets.HTML(f"<p>{_e(consigne(self.fichier.name))}</p>"),
        ]
        for cle, libelle, aide in CHAMPS_PROTOCOLE:
            champ = widgets.Textarea(value=sauvegarde[cle], description=libelle, rows=3, style=_STYLE,
                                     continuous_update=False,  # sent when left: see saisie.SaisieTerrain._champ
                                     layout=widgets.Layout(width="90%"))
            self.champs[cle] = champ
            blocs.append(widgets.VBox([champ, widgets.HTML(f"<small>{_e(aide)}</small>")]))
        self.bouton = widgets.Button(description=BOUTON, button_style="primary", icon="save",
                                     layout=widgets.Layout(width="auto"))
        self.bouton.on_click(self._clic)
        self.message = widgets.HTML()
        self.sortie = widgets.Output()
        self.markdown = ""  # what the output shows after a save: the protocol as reread from the file
        self.widget = widgets.VBox(blocs + [self.bouton, self.message, self.sortie])

    def valeurs(self) -> dict[str, str]:
        """The protocol as typed, field by field, in the protocol's order."""
        return {cle: champ.value for cle, champ in self.champs.items()}

    def enregistrer(self) -> bool:
        """Save the protocol and show it; False (nothing written) when a field identifies someone directly."""
        protocole = self.valeurs()
        problemes = problemes_protocole(protocole)
        if problemes:
            self.message.value = "<p><b>Protocole non enregistré.</b></p>" + _liste("À corriger :", problemes)
            return False
        ecrire_protocole(protocole, self.fichier)
        texte = f"<p>Protocole enregistré dans {_e(self.fichier.name)}.</p>"
        avertissements = avertissements_protocole(protocole)
        if avertissements:
            texte += _liste("À compléter ou à vérifier :", avertissements)
        self.message.value = texte
        self.markdown = str(afficher_protocole(lire_protocole(self.fichier.name, self.fichier.parent)))
        self.sortie.clear_output()
        with self.sortie:
            display(Markdown(self.markdown))
        return True

    def _clic(self, _bouton=None) -> None:
        self.enregistrer()


def nouveau_protocole(fichier: str | Path = FICHIER_PROTOCOLE) -> widgets.VBox:
    """Affiche le formulaire du protocole d'enquête, rempli avec `fichier` s'il existe déjà."""
    return FormulaireProtocole(fichier).widget
