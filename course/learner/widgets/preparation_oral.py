"""Préparer l'oral : minutes et notes par moment, avertissements, fil conducteur.

The moments, the allotted time and their hints come from the assignment's oral file (`oral.yaml`,
released beside the notebook); the learner gives each moment minutes and keywords. Saving writes
`mon_oral.yaml` beside the notebook (reloaded when the cell runs again, so nothing typed is lost), then
shows the mechanical warnings of `deroule_oral` and the running order of `fil_conducteur`.

Notes holding a direct identification are refused (nothing is written), as in the data-entry widget.
Accessibility: each field has a visible label, fields follow the moments' order (so does the Tab key),
every warning is text.
"""
from __future__ import annotations

import html
from pathlib import Path

import ipywidgets as widgets
import yaml
from IPython.display import Markdown, display

from ... import CourseError
from ..oral import (FICHIER_MON_ORAL, FICHIER_ORAL, Moment, Oral, anonymat, avertissements_notes, deroule_oral,
                    fil_conducteur, format_minutes, lire_oral)

__all__ = ["BOUTON", "PreparationOral", "lire_mon_oral", "preparer_oral"]

BOUTON = "Enregistrer et vérifier"
MAX_MINUTES = 120  # a field's upper bound: high enough that an overlong plan is typed, and then flagged
_STYLE = {"description_width": "initial"}


def lire_mon_oral(chemin: Path) -> dict[str, tuple[float, str]]:
    """What the learner saved: moment name → (minutes, notes); empty when nothing was saved yet."""
    if not chemin.exists():
        return {}
    try:
        contenu = yaml.safe_load(chemin.read_text(encoding="utf-8")) or {}
        return {str(m["nom"]): (float(m.get("minutes") or 0), str(m.get("notes") or ""))
                for m in contenu.get("moments", [])}
    except (yaml.YAMLError, UnicodeDecodeError, AttributeError, TypeError, KeyError, ValueError):
        raise CourseError(f"Le fichier « {chemin.name} » est illisible : corrigez-le ou supprimez-le pour repartir "
                          "d'une préparation vide.") from None


def _e(texte: str) -> str:
    return html.escape(texte, quote=False)


def _temps_imparti(oral: Oral) -> str:
    texte = f"Temps imparti : {format_minutes(oral.duree_minutes)} de présentation"
    if oral.echange_minutes:
        texte += f", puis {format_minutes(oral.echange_minutes)} d'échange avec le jury"
    return texte + "."


class PreparationOral:
    """The form; the learner's plan lives in `mon_oral.yaml`, reread when the widget is built."""

    def __init__(self, oral: Oral, dossier: str | Path | None = None) -> None:
        self.oral = oral
        self.fichier = Path(dossier or Path.cwd()) / FICHIER_MON_ORAL
        sauvegarde = lire_mon_oral(self.fichier)
        self.minutes: dict[str, widgets.BoundedFloatText] = {}
        self.notes: dict[str, widgets.Textarea] = {}
        blocs: list[widgets.Widget] = [widgets.HTML(f"<h4>{_e(oral.titre)}</h4>")]
        if oral.consigne:
            blocs.append(widgets.HTML(f"<p>{_e(oral.consigne)}</p>"))
        blocs.append(widgets.HTML(f"<p>{_e(_temps_imparti(oral))}</p>"))
        for numero, moment in enumerate(oral.moments, start=1):
            minutes, notes = sauvegarde.get(moment.nom, (0.0, ""))
            statut = "obligatoire" if moment.obligatoire else "facultatif"
            entete = f"<p><b>{numero}. {_e(moment.nom)}</b> ({statut})"
            entete += f"<br><small>{_e(moment.aide)}</small></p>" if moment.aide else "</p>"
            self.minutes[moment.nom] = widgets.BoundedFloatText(
                value=min(minutes, MAX_MINUTES), min=0, max=MAX_MINUTES, step=0.5, description="Durée (minutes)",
                tooltip=f"{moment.nom} : durée en minutes", style=_STYLE)
            self.notes[moment.nom] = widgets.Textarea(
                value=notes, description="Notes", placeholder="Mots-clés, chiffres à citer, transition",
                continuous_update=False,  # sent when left, before the button: see saisie.SaisieTerrain._champ
                tooltip=f"{moment.nom} : notes", style=_STYLE, layout=widgets.Layout(width="90%"))
            blocs.append(widgets.VBox([widgets.HTML(entete), self.minutes[moment.nom], self.notes[moment.nom]]))
        self.bouton = widgets.Button(description=BOUTON, button_style="primary", icon="save",
                                     layout=widgets.Layout(width="auto"))
        self.bouton.on_click(self._clic)
        self.message = widgets.HTML()
        self.sortie = widgets.Output()
        self.fil = ""
        self.widget = widgets.VBox(blocs + [self.bouton, self.message, self.sortie])

    def moments(self) -> list[Moment]:
        """The running order: every required moment, and the optional ones given some minutes."""
        return [Moment(m.nom, float(self.minutes[m.nom].value)) for m in self.oral.moments
                if m.obligatoire or self.minutes[m.nom].value > 0]

    def textes_notes(self) -> dict[str, str]:
        return {m.nom: self.notes[m.nom].value.strip() for m in self.moments()}

    def avertissements(self) -> list[str]:
        return (deroule_oral(self.moments(), self.oral.duree_minutes, self.oral.obligatoires)
                + avertissements_notes(self.textes_notes()))

    def enregistrer(self) -> bool:
        """Save the plan and show warnings and running order; False (nothing written) when notes identify someone."""
        notes = self.textes_notes()
        a_retirer = anonymat((f"Notes de « {nom} »", texte) for nom, texte in notes.items())[0]
        if a_retirer:
            items = "".join(f"<li>{html.escape(p, quote=False)}</li>" for p in a_retirer)
            self.message.value = f"<p><b>Préparation non enregistrée.</b> À corriger :</p><ul>{items}</ul>"
            return False
        contenu = {"oral": self.oral.titre, "duree_minutes": self.oral.duree_minutes,
                   "moments": [{"nom": m.nom, "minutes": m.minutes, "notes": notes[m.nom]} for m in self.moments()]}
        self.fichier.write_text(yaml.safe_dump(contenu, allow_unicode=True, sort_keys=False), encoding="utf-8")
        avertissements = self.avertissements()
        texte = f"<p>Préparation enregistrée dans {html.escape(self.fichier.name, quote=False)}.</p>"
        if avertissements:
            items = "".join(f"<li>{html.escape(a, quote=False)}</li>" for a in avertissements)
            texte += f"<p><b>À revoir :</b></p><ul>{items}</ul>"
        else:
            texte += "<p>Aucun avertissement : le déroulé tient dans le temps imparti.</p>"
        self.message.value = texte
        self.fil = fil_conducteur(self.moments(), notes, titre=self.oral.titre, duree_totale=self.oral.duree_minutes)
        self.sortie.clear_output()
        with self.sortie:
            display(Markdown(self.fil))
        return True

    def _clic(self, _bouton=None) -> None:
        self.enregistrer()


def preparer_oral(fichier: str | Path = FICHIER_ORAL) -> widgets.VBox:
    """Affiche l'outil de préparation de l'oral décrit dans `fichier` (à côté du notebook)."""
    return PreparationOral(lire_oral(fichier)).widget
