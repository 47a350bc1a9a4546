"""Chronomètre de répétition d'un oral : Démarrer, Arrêter, Remettre à zéro, temps restant écrit en clair.

A learner rehearses the oral aloud with the timer running. The state machine (ready → running ⇄ paused
→ reset) reads an injected clock, so that it is tested without waiting; while running, an asyncio task
on the kernel's event loop refreshes the text every second without blocking the kernel (cells still run).

Accessibility: the remaining time is text (« 9 min 58 s », read well by screen readers), the last minute
and the overrun are said in words, never by colour; the buttons' labels are visible, in reading order.
"""
from __future__ import annotations

import asyncio
import html
import math
import time
from collections.abc import Callable

import ipywidgets as widgets

from ... import CourseError
from ..oral import format_minutes

__all__ = ["ARRETER", "Chronometre", "DEMARRER", "EN_COURS", "EN_PAUSE", "PRET", "REMETTRE", "chronometre",
           "format_duree", "texte_chronometre"]

PRET, EN_COURS, EN_PAUSE = "prêt", "en cours", "en pause"
DEMARRER, ARRETER, REMETTRE = "Démarrer", "Arrêter", "Remettre à zéro"
MAX_MINUTES = 180


def format_duree(secondes: int) -> str:
    """Whole seconds as « 9 min 58 s » (seconds on two digits, so the text keeps its width)."""
    minutes, reste = divmod(int(secondes), 60)
    return f"{minutes} min {reste:02d} s"


def texte_chronometre(restant: float, etat: str) -> str:
    """What the timer shows: the remaining time rounded up (it reads « 10 min 00 s » at the start and reaches
    « 0 min 00 s » exactly at the end), « dernière minute » under 60 s, then the overrun in whole seconds."""
    if restant > 0:
        texte = f"Temps restant : {format_duree(math.ceil(restant - 1e-9))}"
        if restant <= 60:
            texte += " — dernière minute"
    else:
        texte = f"Temps écoulé — dépassement : {format_duree(math.floor(-restant + 1e-9))}"
    return texte + " (en pause)" if etat == EN_PAUSE else texte


class Chronometre:
    """The timer's state and widgets; `horloge` is any monotonic clock in seconds (time.monotonic by default)."""

    def __init__(self, minutes: float, horloge: Callable[[], float] = time.monotonic, intervalle: float = 1.0) -> None:
        self.duree = float(minutes) * 60
        self.horloge = horloge
        self.intervalle = intervalle
        self.etat = PRET
        self._cumul = 0.0  # seconds run before the current start
        self._depart: float | None = None
        self._tache: asyncio.Task | None = None
        self.affichage = widgets.HTML()
        self.demarrer_bouton = widgets.Button(description=DEMARRER, icon="play", button_style="primary")
        self.arreter_bouton = widgets.Button(description=ARRETER, icon="pause")
        self.remettre_bouton = widgets.Button(description=REMETTRE, icon="undo")
        self.demarrer_bouton.on_click(lambda _b: self.demarrer())
        self.arreter_bouton.on_click(lambda _b: self.arreter())
        self.remettre_bouton.on_click(lambda _b: self.remettre_a_zero())
        titre = widgets.HTML(f"<p><b>Chronomètre — {html.escape(format_minutes(minutes), quote=False)}</b></p>")
        boutons = widgets.HBox([self.demarrer_bouton, self.arreter_bouton, self.remettre_bouton])
        self.widget = widgets.VBox([titre, self.affichage, boutons])
        self.actualiser()

    def ecoule(self) -> float:
        """Seconds run so far, pauses excluded."""
        en_cours = self.horloge() - self._depart if self._depart is not None else 0.0
        return self._cumul + en_cours

    def restant(self) -> float:
        """Seconds left; negative once the time is over."""
        return self.duree - self.ecoule()

    def texte(self) -> str:
        return texte_chronometre(self.restant(), self.etat)

    def actualiser(self) -> None:
        """Show the time and enable only the buttons that make sense in this state."""
        self.affichage.value = f'<p style="font-size:1.6em">{html.escape(self.texte(), quote=False)}</p>'
        self.demarrer_bouton.disabled = self.etat == EN_COURS
        self.arreter_bouton.disabled = self.etat != EN_COURS

    def demarrer(self) -> None:
        """Start, or resume after a pause; the refreshing task starts when an event loop runs (the kernel's)."""
        if self.etat == EN_COURS:
            return
        self._depart = self.horloge()
        self.etat = EN_COURS
        self.actualiser()
        try:
            boucle = asyncio.get_running_loop()
        except RuntimeError:
            return  # no loop (plain Python): the learner sees the time when the buttons are pressed
        self._tache = boucle.create_task(self._rafraichir())

    def arreter(self) -> None:
        """Pause: the time run so far is kept, the refreshing task stops."""
        if self.etat != EN_COURS:
            return
        self._cumul = self.ecoule()
        self._depart = None
        self.etat = EN_PAUSE
        self._annuler()
        self.actualiser()

    def remettre_a_zero(self) -> None:
        """Back to the full time, stopped."""
        self._annuler()
        self._cumul, self._depart, self.etat = 0.0, None, PRET
        self.actualiser()

    def _annuler(self) -> None:
        if self._tache is not None and not self._tache.done():
            self._tache.cancel()
        self._tache = None

    async def _rafraichir(self) -> None:
        while self.etat == EN_COURS:
            self.actualiser()
            await asyncio.sleep(self.intervalle)


def chronometre(minutes: float) -> widgets.VBox:
    """Affiche un chronomètre de répétition réglé sur `minutes` (par exemple chronometre(10))."""
    if isinstance(minutes, bool) or not isinstance(minutes, (int, float)) or not 0 < minutes <= MAX_MINUTES:
        raise CourseError(f"chronometre(minutes) : donnez une durée en minutes entre 0 et {MAX_MINUTES}, par "
                          f"exemple chronometre(10), pas « {minutes} ».")
    return Chronometre(minutes).widget
