"""Test one's répertoire on practice situations: search it as at the reception desk, then compare.

A répertoire is only useful if it answers the situations people bring. For a PRACTICE situation of the
assignment's file (`situations_entrainement.yaml`, released beside the notebook), the learner ticks the
champs to search, types a few words about the public, keeps the person's commune (to sort by distance),
searches their own répertoire, ticks the structures they would propose, and compares with the expected
reading: needs covered, needs missed (and whether the répertoire even holds a structure for them),
structures to avoid at this stage, points to tell the person.

Mechanics only: `filtrer_repertoire`, `comparer_orientations` and `retour_orientations` (module
`course.learner.repertoire`) do the work; the situations and their readings come from the file. The file
never holds a graded situation (course rule): the graded situations are written about, not tested here.

Accessibility: every control has a visible label and is reached with the Tab key (check boxes, text
field, drop-down lists and buttons are standard ipywidgets controls); results and feedback are text,
never colour alone.
"""
from __future__ import annotations

import html
from pathlib import Path

import ipywidgets as widgets
import pandas as pd

from ... import CourseError
from ..repertoire import (CHAMPS, FICHIER_REPERTOIRE, FICHIER_SITUATIONS, charger_territoire, comparer_orientations,
                          filtrer_repertoire, lire_situations, retour_orientations)

__all__ = ["BOUTON_CHERCHER", "BOUTON_COMPARER", "TesterRepertoire", "tester_mon_repertoire"]

BOUTON_CHERCHER = "Chercher dans mon répertoire"
BOUTON_COMPARER = "Comparer avec la lecture attendue"
_STYLE = {"description_width": "initial"}
_LARGE = widgets.Layout(width="auto")


def _echapper(texte: str) -> str:
    return html.escape(str(texte), quote=False)


def lire_repertoire(repertoire: pd.DataFrame | str | Path) -> pd.DataFrame:
    """The répertoire to search: a table, or the CSV the learner saved (every cell read as text)."""
    if isinstance(repertoire, pd.DataFrame):
        return repertoire
    chemin = Path(repertoire)
    if not chemin.is_file():
        raise CourseError(f"Le fichier « {chemin.name} » n'existe pas encore à côté du notebook : exécutez d'abord la "
                          "cellule qui enregistre votre répertoire.")
    try:
        return pd.read_csv(chemin, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as exc:
        raise CourseError(f"Le fichier « {chemin.name} » est illisible ({exc}) : enregistrez-le de nouveau en CSV "
                          "UTF-8.") from None


class TesterRepertoire:
    """The widget's controls and state; `widget` is what the notebook shows."""

    def __init__(self, repertoire: pd.DataFrame | str | Path = FICHIER_REPERTOIRE,
                 fichier: str | Path = FICHIER_SITUATIONS, *, communes: pd.DataFrame | None = None,
                 dossier: str | Path | None = None) -> None:
        self.contenu = lire_situations(fichier, dossier)
        self.repertoire = lire_repertoire(repertoire)
        self.communes = communes
        self.choisies: list[str] = []  # kept across searches, in the order of ticking
        self.resultats = pd.DataFrame()

        situations = self.contenu.situations
        self.choix_situation = widgets.Dropdown(
            options=[(s.titre, cle) for cle, s in situations.items()], description="Situation d'entraînement",
            style=_STYLE, layout=_LARGE)
        self.resume = widgets.HTML()
        self.champs = {champ: widgets.Checkbox(value=False, description=champ, indent=False,
                                               tooltip=f"Chercher dans le champ {champ}") for champ in CHAMPS}
        self.public = widgets.Text(description="Public (mots-clés)", placeholder="par exemple : jeunes",
                                   continuous_update=False,  # sent when left: see saisie.SaisieTerrain._champ
                                   style=_STYLE, layout=widgets.Layout(width="60%"))
        noms = list(communes["commune"]) if communes is not None else []
        self.commune = widgets.Dropdown(options=[("(sans tri par distance)", "")] + [(n, n) for n in noms],
                                        description="Commune de la personne", style=_STYLE, disabled=not noms)
        self.bouton_chercher = widgets.Button(description=BOUTON_CHERCHER, icon="search", layout=_LARGE,
                                              tooltip="Afficher les structures du répertoire qui répondent aux filtres")
        self.message = widgets.HTML()
        self.liste = widgets.VBox()
        self.cases: dict[str, widgets.Checkbox] = {}
        self.bouton_comparer = widgets.Button(description=BOUTON_COMPARER, icon="check", layout=_LARGE,
                                              tooltip="Comparer les structures cochées avec la lecture attendue")
        self.selection = widgets.HTML()
        self.retour = widgets.HTML()

        self.choix_situation.observe(lambda _: self.afficher_situation(), names="value")
        self.bouton_chercher.on_click(lambda _: self.chercher())
        self.bouton_comparer.on_click(lambda _: self.comparer())
        self.widget = widgets.VBox([
            widgets.HTML(f"<h4>{_echapper(self.contenu.titre)}</h4><p>{_echapper(self.contenu.consigne)}</p>"),
            self.choix_situation, self.resume,
            widgets.HTML("<p><b>Champs à chercher</b> (cochez-en un ou plusieurs) :</p>"),
            widgets.GridBox(list(self.champs.values()),
                            layout=widgets.Layout(grid_template_columns="repeat(3, minmax(12em, 1fr))")),
            self.public, self.commune, self.bouton_chercher, self.message, self.liste,
            self.selection, self.bouton_comparer, self.retour,
        ])
        self.afficher_situation()

    @property
    def situation(self):
        return self.contenu.situations[self.choix_situation.value]

    def afficher_situation(self) -> None:
        """A new situation starts from scratch: nothing ticked, no search, no feedback."""
        situation = self.situation
        self.resume.value = f"<p>{_echapper(situation.resume)}</p>"
        for case in self.champs.values():
            case.value = False
        self.public.value = ""
        if situation.commune in {valeur for _, valeur in self.commune.options}:
            self.commune.value = situation.commune
        else:
            self.commune.value = ""
        self.choisies = []
        self.resultats = pd.DataFrame()
        self.cases = {}
        self.liste.children = ()
        self.message.value = self.selection.value = self.retour.value = ""

    def chercher(self) -> None:
        """Filter the répertoire; each structure found gets a check box, ticked if already chosen."""
        champs = [champ for champ, case in self.champs.items() if case.value]
        try:
            self.resultats = filtrer_repertoire(self.repertoire, champs=champs, public=self.public.value,
                                                commune=self.commune.value or None, communes=self.communes)
        except CourseError as erreur:
            self.message.value = f"<p><b>Recherche impossible.</b> {_echapper(erreur)}</p>"
            return
        n = len(self.resultats)
        if n == 0:
            self.message.value = ("<p>Aucune structure de votre répertoire ne répond à ces filtres : essayez un autre "
                                  "champ ou d'autres mots, ou complétez votre répertoire.</p>")
        else:
            self.message.value = (f"<p>{n} structure{'s' if n > 1 else ''} trouvée{'s' if n > 1 else ''} : cochez "
                                  "celles que vous proposeriez.</p>")
        self.cases = {}
        lignes = []
        for _, ligne in self.resultats.iterrows():
            nom = str(ligne["structure"])
            if nom in self.cases:  # the same structure in two communes: one box is enough to choose it
                continue
            distance = ligne.get("distance_km")
            lieu = str(ligne["commune"]) + (f", à {str(distance).replace('.', ',')} km" if pd.notna(distance) else "")
            case = widgets.Checkbox(value=nom in self.choisies, description=f"{nom} ({lieu})", indent=False,
                                    layout=_LARGE)
            case.observe(lambda change, nom=nom: self._cocher(nom, change["new"]), names="value")
            self.cases[nom] = case
            details = " ; ".join(str(ligne.get(c, "")) for c in ("publics", "conditions_acces", "jours_horaires")
                                 if str(ligne.get(c, "")).strip())
            lignes.append(widgets.VBox([case, widgets.HTML(f"<small>{_echapper(details)}</small>")]))
        self.liste.children = tuple(lignes)

    def _cocher(self, nom: str, coche: bool) -> None:
        if coche and nom not in self.choisies:
            self.choisies.append(nom)
        elif not coche and nom in self.choisies:
            self.choisies.remove(nom)
        self.selection.value = (f"<p>Structures choisies : {_echapper(', '.join(self.choisies))}.</p>"
                                if self.choisies else "")

    def comparer(self) -> None:
        """Show the feedback on the structures chosen so far, for the current practice situation."""
        if not self.choisies:
            self.retour.value = "<p>Cochez d'abord au moins une structure dans les résultats de la recherche.</p>"
            return
        comparaison = comparer_orientations(self.choisies, self.situation, self.repertoire)
        lignes = retour_orientations(comparaison)
        items = "".join(f"<li>{_echapper(ligne)}</li>" for ligne in lignes)
        self.retour.value = (f"<p><b>Lecture attendue — {_echapper(self.situation.titre)}</b></p><ul>{items}</ul>"
                             f"<p><i>{_echapper(self.contenu.conclusion)}</i></p>")


def tester_mon_repertoire(repertoire: pd.DataFrame | str | Path = FICHIER_REPERTOIRE,
                          fichier: str | Path = FICHIER_SITUATIONS, *,
                          communes: pd.DataFrame | None = None) -> widgets.VBox:
    """Affiche l'outil : chercher dans votre répertoire pour une situation d'entraînement, puis comparer.

    Without `communes`, the communes of the course's territory are used to sort by distance.
    """
    if communes is None:
        communes = charger_territoire()[0]
    return TesterRepertoire(repertoire, fichier, communes=communes).widget
