"""Team widgets: the task board (`repartition_taches`) and each member's journal (`journal_equipe`).

Thin forms over the pure functions of `course.learner.equipe`: every rule (dates, logins, statuses,
anonymisation of free text) is applied there, and a refused line is explained in French with nothing
written. The files are rewritten whole from the checked rows, so the CSV stays valid.

Accessibility: each field has a visible label, fields come in the table's column order (so does the Tab
key), the status is a word in the table, and the tables have a caption and column headers.
"""
from __future__ import annotations

import datetime as dt
import html
from collections.abc import Mapping
from pathlib import Path

import ipywidgets as widgets

from ... import CourseError
from ..equipe import (DUREE_MAX, FICHIER_REPARTITION, JOURNAL, REPARTITION, STATUTS, ajouter_contribution,
                      enregistrer_journal, enregistrer_repartition, fichier_journal, lire_declaration, lire_journal,
                      lire_repartition, maj_tache, tache_existe)
from ..terrain import Dictionnaire

__all__ = ["BOUTON_JOURNAL", "BOUTON_TACHE", "JournalEquipe", "RepartitionTaches", "journal_equipe",
           "repartition_taches", "tableau_html"]

BOUTON_TACHE = "Enregistrer la tâche"
BOUTON_JOURNAL = "Ajouter au journal"
CHOISIR = "(choisir)"
_STYLE = {"description_width": "initial"}


def _e(texte: str) -> str:
    return html.escape(texte, quote=False)


def tableau_html(dico: Dictionnaire, lignes: list[Mapping[str, str]]) -> str:
    """The rows as an HTML table with a caption and column headers (read in order by screen readers)."""
    if not lignes:
        return f"<p>{_e(dico.titre or '')} : aucune ligne pour l'instant.</p>"
    entete = "".join(f'<th scope="col">{_e(c.libelle)}</th>' for c in dico.colonnes)
    corps = "".join("<tr>" + "".join(f"<td>{_e(ligne.get(c.nom, ''))}</td>" for c in dico.colonnes) + "</tr>"
                    for ligne in lignes)
    return (f"<table><caption>{_e(dico.titre or '')}</caption><thead><tr>{entete}</tr></thead>"
            f"<tbody>{corps}</tbody></table>")


def _refus(erreur: CourseError) -> str:
    return f"<p><b>Rien n'a été enregistré.</b> {_e(str(erreur))}</p>"


class RepartitionTaches:
    """Task × member × status × due date; the members come from equipe/declaration.yaml."""

    def __init__(self, dossier: str | Path | None = None, fichier: str | Path = FICHIER_REPARTITION) -> None:
        self.dossier = Path(dossier or Path.cwd())
        self.fichier = fichier
        self.membres = lire_declaration(self.dossier)["membres"]
        self.lignes = lire_repartition(fichier, self.dossier)
        self.tache = widgets.Text(description="Tâche", placeholder="Par exemple : rédiger l'ordre du jour",
                                  continuous_update=False,  # sent when left: see saisie.SaisieTerrain._champ
                                  style=_STYLE, layout=widgets.Layout(width="90%"))
        self.membre = widgets.Dropdown(description="Membre", options=[(CHOISIR, "")] + [(m, m) for m in self.membres],
                                       value="", style=_STYLE)
        self.statut = widgets.Dropdown(description="Statut", options=list(STATUTS), value=STATUTS[0], style=_STYLE)
        self.echeance = widgets.DatePicker(description="Échéance", style=_STYLE)
        aide = widgets.HTML("<small>Une même tâche peut avoir une ligne par membre. Pour changer le statut ou "
                            "l'échéance, saisissez la même tâche et le même membre.</small>")
        self.bouton = widgets.Button(description=BOUTON_TACHE, button_style="primary", icon="save",
                                     layout=widgets.Layout(width="auto"))
        self.bouton.on_click(lambda _b: self.enregistrer())
        self.message = widgets.HTML()
        self.tableau = widgets.HTML(tableau_html(REPARTITION, self.lignes))
        self.widget = widgets.VBox([widgets.HTML(f"<h4>{_e(REPARTITION.titre)}</h4>"), self.tache, self.membre,
                                    self.statut, self.echeance, aide, self.bouton, self.message, self.tableau])

    def enregistrer(self) -> bool:
        """Add or update the line; True when the file was written."""
        try:
            existe = tache_existe(self.lignes, self.tache.value, self.membre.value)
            lignes = maj_tache(self.lignes, self.tache.value, self.membre.value, self.statut.value,
                               self.echeance.value)
        except CourseError as erreur:
            self.message.value = _refus(erreur)
            return False
        enregistrer_repartition(lignes, self.fichier, self.dossier)
        self.lignes = lignes
        self.message.value = f"<p>Tâche {'mise à jour' if existe else 'ajoutée'} dans {_e(str(self.fichier))}.</p>"
        self.tableau.value = tableau_html(REPARTITION, lignes)
        return True


def _total(lignes: list[Mapping[str, str]], fichier: str) -> str:
    """« 2 contributions dans equipe/journal_x.csv, 150 minutes au total. »"""
    n = len(lignes)
    minutes = sum(int(ligne["duree_minutes"]) for ligne in lignes)
    contributions = "1 contribution" if n == 1 else f"{n} contributions"
    return f"{contributions} dans {fichier}, {minutes} minute{'s' if minutes >= 2 else ''} au total."


class JournalEquipe:
    """One member's dated contributions: date, minutes, what I did, where the trace is."""

    def __init__(self, login: str, dossier: str | Path | None = None, fichier: str | Path | None = None,
                 aujourd_hui: dt.date | None = None) -> None:
        self.dossier = Path(dossier or Path.cwd())
        self.login = login.strip() if isinstance(login, str) else login
        self.fichier = str(fichier or fichier_journal(self.login))
        self._verifier_membre()
        self.lignes = lire_journal(self.login, self.fichier, self.dossier)
        self.date = widgets.DatePicker(description="Date", value=aujourd_hui or dt.date.today(), style=_STYLE)
        self.duree = widgets.BoundedIntText(description="Durée (minutes)", value=0, min=0, max=DUREE_MAX,
                                            style=_STYLE)
        self.contribution = widgets.Textarea(description="Ce que j'ai fait", style=_STYLE, continuous_update=False,
                                             layout=widgets.Layout(width="90%"))
        self.trace = widgets.Text(description="Trace (facultatif)", style=_STYLE, continuous_update=False,
                                  layout=widgets.Layout(width="90%"))
        aide = widgets.HTML("<small>Trace : où retrouver ce travail (un fichier, une partie du notebook, un compte "
                            "rendu). Texte anonyme : aucun nom, adresse, téléphone ni courriel.</small>")
        self.bouton = widgets.Button(description=BOUTON_JOURNAL, button_style="primary", icon="plus",
                                     layout=widgets.Layout(width="auto"))
        self.bouton.on_click(lambda _b: self.ajouter())
        self.message = widgets.HTML(f"<p>{_e(_total(self.lignes, self.fichier))}</p>")
        self.tableau = widgets.HTML(tableau_html(JOURNAL, self.lignes))
        self.widget = widgets.VBox([widgets.HTML(f"<h4>{_e(JOURNAL.titre)} — {_e(self.login)}</h4>"), self.date,
                                    self.duree, self.contribution, self.trace, aide, self.bouton, self.message,
                                    self.tableau])

    def _verifier_membre(self) -> None:
        """A login outside the declared team is most likely a typo: it would start a journal nobody reads."""
        try:
            membres = lire_declaration(self.dossier)["membres"]
        except CourseError:
            return  # no (valid) declaration yet: the journal does not depend on it
        if self.login not in membres:
            raise CourseError(f"Journal : « {self.login} » ne figure pas parmi les membres déclarés dans "
                              f"equipe/declaration.yaml ({', '.join(membres)}).")

    def ajouter(self) -> bool:
        """Append the contribution; True when the file was written."""
        try:
            lignes = ajouter_contribution(self.lignes, self.date.value, self.duree.value, self.contribution.value,
                                          self.trace.value)
        except CourseError as erreur:
            self.message.value = _refus(erreur)
            return False
        enregistrer_journal(self.login, lignes, self.fichier, self.dossier)
        self.lignes = lignes
        self.duree.value, self.contribution.value, self.trace.value = 0, "", ""
        self.message.value = f"<p>Contribution ajoutée. {_e(_total(lignes, self.fichier))}</p>"
        self.tableau.value = tableau_html(JOURNAL, lignes)
        return True


def repartition_taches(fichier: str | Path = FICHIER_REPARTITION) -> widgets.VBox:
    """Affiche l'outil de répartition des tâches de l'équipe, enregistré dans `fichier` (à côté du notebook)."""
    return RepartitionTaches(fichier=fichier).widget


def journal_equipe(login: str, fichier: str | Path | None = None) -> widgets.VBox:
    """Affiche votre journal de contributions, enregistré dans equipe/journal_<login>.csv."""
    return JournalEquipe(login, fichier=fichier).widget
