"""Simulation de négociation : une réunion qui bifurque selon les réponses de la personne qui anime.

A branching sibling of the interview simulation (`entretien.py`): at each moment of a meeting the learner
picks what they would say (a reformulation, a question about interests, a recadrage, an option, a premature
promise…), reads why it helps or not, and the meeting goes on **from the answer chosen**, not from the best
one: a clumsy answer raises the tension, a good one brings out what each party needs. The end reached, the
points per answer, the techniques used and an expected reading of the case (each party's position,
interests and best alternative to an agreement) close the simulation.

Because it rates answers and shows an expected reading, its file holds a PRACTICE case only (the course's
rule: REVIEW-BLOC1 §2); in M2.3 it is the council of residents of a résidence autonomie, never the aire
d'accueil that the learners prepare, animate and write about for a grade.

Content and mechanics are apart: the moments, answers, feedback, ends and expected reading live in the
assignment's YAML file (`simulation_negociation.yaml`, released beside the notebook, in the format of
`entretien_scenarios.yaml` plus one key per answer, `suite`, naming the moment it leads to). The pure
functions (`valider_simulations`, `suite`, `jouer`, `chemins`, `bilan`) are tested on their own; the widget
on top keeps no rule of its own. No network, no file written.

Accessibility: the answers are buttons (reachable with Tab, pressed with Enter or Space) whose letter is
repeated in a visible text beside them; verdicts are words, colour only repeats them; the summary and the
expected reading are tables with column headers.

Usage in a notebook:

    from course.learner.widgets.simulation_negociation import simuler_negociation
    simuler_negociation()      # the file's first simulation; or simuler_negociation("restaurant")
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from html import escape
from pathlib import Path

import ipywidgets as widgets

from ... import CourseError
from ...palette import ACCENT, SOFT, VERDICT_COLOURS
from .contenu import lire_contenu
# The interview simulation's reader already checks the generic shapes (a text, a list, known keys) with
# messages naming the file and the place at fault: reused, so that both files fail the same way.
from .entretien import LecteurSimulation

__all__ = ["BOUTON_CONTINUER", "BOUTON_RECOMMENCER", "BOUTON_REVENIR", "FICHIER", "LETTRES", "POINTS", "Bilan",
           "Choix", "Etape", "Fin", "LigneLecture", "Parcours", "Scenario", "SimulationNegociation", "Simulations",
           "bilan", "chemins", "jouer", "lire_simulations", "simuler_negociation", "suite", "valider_simulations"]

FICHIER = "simulation_negociation.yaml"
POINTS = (2, 1, 0)  # 2 = well-judged answer, 1 = acceptable but incomplete, 0 = to avoid (as in entretien.py)
POINTS_MAX_ETAPE = max(POINTS)
LETTRES = "ABCD"
MIN_CHOIX = 2
BOUTON_CONTINUER = "Continuer la réunion"
BOUTON_REVENIR = "Revenir au moment précédent"
BOUTON_RECOMMENCER = "Recommencer"


@dataclass(frozen=True)
class Choix:
    texte: str
    technique: str  # a key of Simulations.techniques
    points: int
    retour: str
    suite: str  # the moment or the end this answer leads to


@dataclass(frozen=True)
class Etape:
    code: str
    situation: str
    choix: tuple[Choix, ...]


@dataclass(frozen=True)
class Fin:
    code: str
    titre: str
    texte: str


@dataclass(frozen=True)
class LigneLecture:
    """One party in the expected reading of the practice case."""

    partie: str
    position: str
    interets: str
    solution_de_rechange: str


@dataclass(frozen=True)
class Scenario:
    code: str
    titre: str
    contexte: str
    depart: str
    etapes: dict[str, Etape]
    fins: dict[str, Fin]
    lecture_attendue: tuple[LigneLecture, ...]
    a_retenir: str


@dataclass(frozen=True)
class Simulations:
    """Everything the file describes: techniques, verdicts, summary appraisals and the simulations."""

    fichier: str
    techniques: dict[str, str]  # short name -> label shown in the feedback and the summary
    verdicts: dict[int, str]  # points -> verdict shown after a choice
    appreciations: tuple[tuple[int, str], ...]  # (minimum share of the points in %, appraisal), best first
    scenarios: dict[str, Scenario]

    def scenario(self, code: str | None = None) -> Scenario:
        """A simulation by its code (case and spaces ignored), the first one when no code is given."""
        if code is None:
            return next(iter(self.scenarios.values()))
        cle = "_".join(str(code).strip().lower().split())
        if cle not in self.scenarios:
            raise CourseError(f"Simulation inconnue « {code} ». Choisissez parmi : {', '.join(self.scenarios)}.")
        return self.scenarios[cle]

    def appreciation(self, pourcentage: float) -> str:
        return next(texte for minimum, texte in self.appreciations if pourcentage >= minimum)


@dataclass(frozen=True)
class Parcours:
    """Where a sequence of choices leads: the moments passed, the choices made, and the current position."""

    etapes: tuple[str, ...]  # the moment of each choice, in order
    choix: tuple[int, ...]
    position: str  # the current moment, or the end reached

    def termine(self, scenario: Scenario) -> bool:
        return self.position in scenario.fins


@dataclass(frozen=True)
class Bilan:
    points: int
    points_max: int  # 2 per answer given: the paths have different lengths
    pourcentage: int
    appreciation: str
    techniques: dict[str, int]  # technique label -> number of answers, in the order first used
    fin: Fin | None  # None while the meeting is not over


# ---------------------------------------------------------------------------------------------
# Reading and checking the file
# ---------------------------------------------------------------------------------------------
class _Lecteur(LecteurSimulation):
    """The interview reader's checks, plus the branching: every `suite` exists, everything is reachable,
    no path comes back to a moment already passed (so every path ends)."""

    def simulations(self, contenu: dict) -> Simulations:
        self.rubriques(contenu, "rubriques principales", ("techniques", "verdicts", "bilan", "simulations"))
        techniques = {str(nom): self.texte(libelle, f"techniques, {nom}")
                      for nom, libelle in self.dictionnaire(contenu["techniques"], "techniques").items()}
        verdicts = self.verdicts(contenu)
        appreciations = []
        for numero, entree in enumerate(self.liste(contenu["bilan"], "bilan", "d'appréciations"), 1):
            ou = f"bilan, appréciation {numero}"
            entree = self.dictionnaire(entree, ou)
            self.rubriques(entree, ou, ("part_minimum", "appreciation"))
            minimum = entree["part_minimum"]
            if not isinstance(minimum, int) or isinstance(minimum, bool) or not 0 <= minimum <= 100:
                raise self.erreur(f"{ou}, part_minimum", "un pourcentage entier, de 0 à 100, est attendu.")
            appreciations.append((minimum, self.texte(entree["appreciation"], f"{ou}, appreciation")))
        if 0 not in {minimum for minimum, _ in appreciations}:
            raise self.erreur("bilan", "une appréciation doit avoir une part minimum de 0, pour que tout résultat "
                                       "ait la sienne.")
        scenarios = {}
        for code, valeur in self.dictionnaire(contenu["simulations"], "simulations").items():
            scenarios[str(code)] = self.scenario(str(code), valeur, techniques)
        return Simulations(self.fichier, techniques, verdicts,
                           tuple(sorted(appreciations, key=lambda entree: -entree[0])), scenarios)

    def scenario(self, code: str, valeur, techniques: dict[str, str]) -> Scenario:
        ou = f"simulations, {code}"
        valeur = self.dictionnaire(valeur, ou)
        self.rubriques(valeur, ou, ("titre", "contexte", "depart", "etapes", "fins", "lecture_attendue",
                                    "a_retenir"))
        etapes = {str(nom): self.etape(str(nom), entree, f"{ou}, étape {nom}", techniques)
                  for nom, entree in self.dictionnaire(valeur["etapes"], f"{ou}, etapes").items()}
        fins = {}
        for nom, entree in self.dictionnaire(valeur["fins"], f"{ou}, fins").items():
            lieu = f"{ou}, fin {nom}"
            entree = self.dictionnaire(entree, lieu)
            self.rubriques(entree, lieu, ("titre", "texte"))
            if str(nom) in etapes:
                raise self.erreur(lieu, f"« {nom} » est déjà le nom d'une étape : une fin a son propre nom.")
            fins[str(nom)] = Fin(str(nom), self.texte(entree["titre"], f"{lieu}, titre"),
                                 self.texte(entree["texte"], f"{lieu}, texte"))
        depart = valeur["depart"]
        if depart not in etapes:
            raise self.erreur(f"{ou}, depart", f"« {depart} » n'est pas le nom d'une étape.")
        for etape in etapes.values():
            for lettre, choix in zip(LETTRES, etape.choix):
                if choix.suite not in etapes and choix.suite not in fins:
                    raise self.erreur(f"{ou}, étape {etape.code}, réponse {lettre}, suite",
                                      f"« {choix.suite} » n'est ni une étape ni une fin de cette simulation.")
        self.graphe(ou, depart, etapes, fins)
        lecture = []
        for numero, entree in enumerate(self.liste(valeur["lecture_attendue"], f"{ou}, lecture_attendue",
                                                   "de parties"), 1):
            lieu = f"{ou}, lecture_attendue, partie {numero}"
            entree = self.dictionnaire(entree, lieu)
            cles = ("partie", "position", "interets", "solution_de_rechange")
            self.rubriques(entree, lieu, cles)
            lecture.append(LigneLecture(*(self.texte(entree[cle], f"{lieu}, {cle}") for cle in cles)))
        return Scenario(code, self.texte(valeur["titre"], f"{ou}, titre"),
                        self.texte(valeur["contexte"], f"{ou}, contexte"), depart, etapes, fins, tuple(lecture),
                        self.texte(valeur["a_retenir"], f"{ou}, a_retenir"))

    def etape(self, code: str, valeur, ou: str, techniques: dict[str, str]) -> Etape:
        valeur = self.dictionnaire(valeur, ou)
        self.rubriques(valeur, ou, ("situation", "choix"))
        entrees = self.liste(valeur["choix"], f"{ou}, choix", "de réponses")
        if not MIN_CHOIX <= len(entrees) <= len(LETTRES):
            raise self.erreur(f"{ou}, choix", f"de {MIN_CHOIX} à {len(LETTRES)} réponses sont attendues, il y en a "
                                             f"{len(entrees)}.")
        choix = tuple(self.choix(entree, f"{ou}, réponse {lettre}", techniques)
                      for lettre, entree in zip(LETTRES, entrees))
        if not any(c.points == POINTS_MAX_ETAPE for c in choix):
            raise self.erreur(f"{ou}, choix", f"au moins une réponse à {POINTS_MAX_ETAPE} points est attendue.")
        return Etape(code, self.texte(valeur["situation"], f"{ou}, situation"), choix)

    def choix(self, valeur, ou: str, techniques: dict[str, str]) -> Choix:
        valeur = self.dictionnaire(valeur, ou)
        self.rubriques(valeur, ou, ("texte", "technique", "points", "retour", "suite"))
        if valeur["technique"] not in techniques:
            raise self.erreur(f"{ou}, technique", f"« {valeur['technique']} » n'est pas dans la liste "
                                                  f"« techniques » en haut du fichier ({', '.join(techniques)}).")
        points = valeur["points"]
        if isinstance(points, bool) or points not in POINTS:
            raise self.erreur(f"{ou}, points", "2, 1 ou 0 est attendu.")
        return Choix(self.texte(valeur["texte"], f"{ou}, texte"), valeur["technique"], points,
                     self.texte(valeur["retour"], f"{ou}, retour"), str(self.texte(valeur["suite"], f"{ou}, suite")))

    def graphe(self, ou: str, depart: str, etapes: dict[str, Etape], fins: dict[str, Fin]) -> None:
        """Every moment and end reachable from the start; no path that comes back (a path always ends)."""
        etat: dict[str, str] = {}  # "en cours" while on the current path, "fait" once all its paths are seen

        def visiter(code: str, chemin: list[str]) -> None:
            if code in fins or etat.get(code) == "fait":
                etat.setdefault(code, "fait")
                return
            if etat.get(code) == "en cours":
                boucle = " → ".join([*chemin[chemin.index(code):], code])
                raise self.erreur(f"{ou}, etapes", f"une suite de réponses revient à une étape déjà passée "
                                                   f"({boucle}) : chaque chemin doit mener à une fin.")
            etat[code] = "en cours"
            for choix in etapes[code].choix:
                visiter(choix.suite, [*chemin, code])
            etat[code] = "fait"

        visiter(depart, [])
        oubliees = [code for code in (*etapes, *fins) if code not in etat]
        if oubliees:
            raise self.erreur(f"{ou}, etapes", f"aucune réponse ne mène à : {', '.join(oubliees)}.")


def valider_simulations(contenu: dict, fichier: str | Path = FICHIER) -> Simulations:
    """The file's content checked; a `CourseError` naming the file and the place at fault otherwise."""
    return _Lecteur(Path(fichier).name).simulations(contenu)


def lire_simulations(fichier: str | Path = FICHIER, dossier: str | Path | None = None) -> Simulations:
    """Read and check the simulations' file, from the notebook's folder (or `dossier`)."""
    return valider_simulations(lire_contenu(fichier, dossier), fichier)


# ---------------------------------------------------------------------------------------------
# Playing: pure functions
# ---------------------------------------------------------------------------------------------
def suite(scenario: Scenario, etape: str, index: int) -> str:
    """The moment (or end) answer `index` (0 = A) of moment `etape` leads to."""
    if etape not in scenario.etapes:
        raise CourseError(f"« {etape} » n'est pas un moment en cours de la simulation « {scenario.code} ».")
    choix = scenario.etapes[etape].choix
    if isinstance(index, bool) or not isinstance(index, int) or not 0 <= index < len(choix):
        raise CourseError(f"Choisissez une réponse entre A et {LETTRES[len(choix) - 1]}.")
    return choix[index].suite


def jouer(scenario: Scenario, choix: Iterable[int]) -> Parcours:
    """Follow a sequence of answers from the start; a `CourseError` if one is impossible or comes after the end."""
    position, etapes, faits = scenario.depart, [], []
    for index in choix:
        if position in scenario.fins:
            raise CourseError(f"La réunion est terminée (« {scenario.fins[position].titre} ») : plus de réponse "
                              "à donner.")
        etapes.append(position)
        faits.append(index)
        position = suite(scenario, position, index)
    return Parcours(tuple(etapes), tuple(faits), position)


def chemins(scenario: Scenario) -> list[tuple[int, ...]]:
    """Every complete sequence of answers, from the start to an end, in the order of the letters."""
    resultat: list[tuple[int, ...]] = []

    def parcourir(position: str, faits: tuple[int, ...]) -> None:
        if position in scenario.fins:
            resultat.append(faits)
            return
        for index, choix in enumerate(scenario.etapes[position].choix):
            parcourir(choix.suite, (*faits, index))

    parcourir(scenario.depart, ())
    return resultat


def bilan(simulations: Simulations, scenario: Scenario, choix: Iterable[int]) -> Bilan:
    """Points, share, appraisal, techniques used and the end reached (None while the meeting goes on)."""
    parcours = jouer(scenario, choix)
    donnes = [scenario.etapes[etape].choix[index] for etape, index in zip(parcours.etapes, parcours.choix)]
    points = sum(c.points for c in donnes)
    points_max = POINTS_MAX_ETAPE * len(donnes)
    pourcentage = round(100 * points / points_max) if points_max else 0
    techniques: dict[str, int] = {}
    for c in donnes:
        libelle = simulations.techniques[c.technique]
        techniques[libelle] = techniques.get(libelle, 0) + 1
    fin = scenario.fins.get(parcours.position)
    return Bilan(points, points_max, pourcentage, simulations.appreciation(pourcentage), techniques, fin)


# ---------------------------------------------------------------------------------------------
# The widget
# ---------------------------------------------------------------------------------------------
_STYLE_BULLE = (f"background:{SOFT};border-left:4px solid {ACCENT};padding:8px 12px;margin:6px 0;"
                "border-radius:4px;")
_COULEURS = VERDICT_COLOURS  # points → (background, text): the verdict is a word, its colour repeats it
_CELLULE = "style='text-align:left;padding:2px 8px;vertical-align:top'"


def _paragraphes(texte: str) -> str:
    return "".join(f"<p>{escape(ligne)}</p>" for ligne in texte.split("\n") if ligne.strip())


def _tableau(legende: str, entetes: list[str], lignes: list[list[str]]) -> str:
    tete = "".join(f"<th {_CELLULE}>{escape(e)}</th>" for e in entetes)
    corps = "".join("<tr>" + "".join(f"<td {_CELLULE}>{escape(c)}</td>" for c in ligne) + "</tr>" for ligne in lignes)
    return (f"<table style='border-collapse:collapse'><caption style='text-align:left'><b>{escape(legende)}</b>"
            f"</caption><tr>{tete}</tr>{corps}</table>")


class SimulationNegociation:
    """One simulation; its state is the list of answers confirmed and the answer chosen, not yet confirmed."""

    def __init__(self, code: str | None = None, fichier: str | Path = FICHIER,
                 dossier: str | Path | None = None) -> None:
        self.simulations = lire_simulations(fichier, dossier)
        self.scenario = self.simulations.scenario(code)
        self.choix: list[int] = []
        self.en_attente: int | None = None

        self._titre = widgets.HTML()
        self._progression = widgets.HTML()
        self._situation = widgets.HTML()
        self._boutons = [widgets.Button(description=f"Réponse {lettre}", tooltip=f"Choisir la réponse {lettre}",
                                        layout=widgets.Layout(width="110px", min_width="110px"))
                         for lettre in LETTRES]
        self._textes = [widgets.HTML(layout=widgets.Layout(width="100%")) for _ in LETTRES]
        for index, bouton in enumerate(self._boutons):
            bouton.on_click(lambda _b, i=index: self.choisir(i))
        self._lignes = [widgets.HBox([b, t], layout=widgets.Layout(align_items="center"))
                        for b, t in zip(self._boutons, self._textes)]
        self._options = widgets.VBox(self._lignes)
        self._retour = widgets.HTML()
        self._continuer = widgets.Button(description=BOUTON_CONTINUER, button_style="primary",
                                         layout=widgets.Layout(width="auto"))
        self._continuer.on_click(lambda _b: self.continuer())
        self._revenir = widgets.Button(description=BOUTON_REVENIR, layout=widgets.Layout(width="auto"))
        self._revenir.on_click(lambda _b: self.revenir())
        self._recommencer = widgets.Button(description=BOUTON_RECOMMENCER, layout=widgets.Layout(width="auto"))
        self._recommencer.on_click(lambda _b: self.recommencer())
        self.widget = widgets.VBox([self._titre, self._progression, self._situation, self._options, self._retour,
                                    widgets.HBox([self._continuer, self._revenir, self._recommencer])])
        self._afficher()

    def _ipython_display_(self):
        from IPython.display import display

        display(self.widget)

    # --- state -----------------------------------------------------------------------------
    @property
    def parcours(self) -> Parcours:
        return jouer(self.scenario, self.choix)

    @property
    def termine(self) -> bool:
        return self.parcours.termine(self.scenario)

    def bilan(self) -> Bilan:
        return bilan(self.simulations, self.scenario, self.choix)

    # --- actions -----------------------------------------------------------------------------
    def choisir(self, index: int) -> None:
        """Choose answer `index` (0 = A) at the current moment: its feedback shows; « Continuer » confirms it."""
        if self.termine or self.en_attente is not None:
            return
        suite(self.scenario, self.parcours.position, index)  # raises a French error on an impossible index
        self.en_attente = index
        self._afficher()

    def continuer(self) -> None:
        """Go on from the answer chosen: the next moment, or the end and the summary."""
        if self.en_attente is None:
            return
        self.choix.append(self.en_attente)
        self.en_attente = None
        self._afficher()

    def revenir(self) -> None:
        """Undo the last answer (chosen or confirmed), to try another way at that moment."""
        if self.en_attente is not None:
            self.en_attente = None
        elif self.choix:
            self.choix.pop()
        self._afficher()

    def recommencer(self) -> None:
        self.choix, self.en_attente = [], None
        self._afficher()

    # --- display -----------------------------------------------------------------------------
    def _technique(self, choix: Choix) -> str:
        return self.simulations.techniques[choix.technique]

    def _afficher(self) -> None:
        s = self.scenario
        self._titre.value = (f"<h4 style='margin:4px 0'>{escape(s.titre)}</h4>{_paragraphes(s.contexte)}"
                             "<p>Lisez ce qui se passe, puis choisissez ce que vous diriez : la réunion continue "
                             "à partir de votre réponse.</p>")
        self._revenir.disabled = not (self.choix or self.en_attente is not None)
        if self.termine:
            self._afficher_fin()
            return
        parcours = self.parcours
        etape = s.etapes[parcours.position]
        self._progression.value = f"<p><b>Moment {len(parcours.choix) + 1}</b></p>"
        self._situation.value = f"<div style='{_STYLE_BULLE}'>{_paragraphes(etape.situation)}</div>"
        self._options.layout.display = ""
        for numero, (ligne, bouton, texte) in enumerate(zip(self._lignes, self._boutons, self._textes)):
            if numero < len(etape.choix):
                ligne.layout.display = ""
                bouton.disabled = self.en_attente is not None
                bouton.button_style = "info" if numero == self.en_attente else ""
                texte.value = (f"<div style='padding:4px 8px'><b>{LETTRES[numero]}.</b> "
                               f"{escape(etape.choix[numero].texte)}</div>")
            else:
                ligne.layout.display = "none"
                texte.value = ""
        if self.en_attente is None:
            self._retour.value = ""
            self._continuer.layout.display = "none"
            return
        self._retour.value = self._retour_html(etape, self.en_attente)
        self._continuer.description = ("Voir la fin de la réunion" if etape.choix[self.en_attente].suite in s.fins
                                       else BOUTON_CONTINUER)
        self._continuer.layout.display = ""

    def _retour_html(self, etape: Etape, index: int) -> str:
        choisi = etape.choix[index]
        fond, couleur = _COULEURS[choisi.points]
        lignes = [
            f"<div style='background:{fond};border-left:4px solid {couleur};padding:8px 12px;border-radius:4px'>",
            f"<b style='color:{couleur}'>{escape(self.simulations.verdicts[choisi.points])}</b> — vous avez choisi "
            f"{LETTRES[index]} (<i>{escape(self._technique(choisi))}</i>).<br>{escape(choisi.retour)}</div>",
            f"<details style='margin-top:6px'><summary>Voir l'analyse des {len(etape.choix)} réponses</summary><ul>",
        ]
        for lettre, c in zip(LETTRES, etape.choix):
            lignes.append(f"<li><b>{lettre}</b> — <i>{escape(self._technique(c))}</i> "
                          f"({escape(self.simulations.verdicts[c.points].lower())}) : {escape(c.retour)}</li>")
        lignes.append("</ul></details>")
        lignes.append("<p><small>La réunion continue à partir de la réponse que vous avez choisie ; « Revenir au "
                      "moment précédent » permet d'en essayer une autre.</small></p>")
        return "".join(lignes)

    def _afficher_fin(self) -> None:
        s = self.scenario
        resultat = self.bilan()
        parcours = self.parcours
        self._progression.value = "<p><b>Fin de la réunion et bilan</b></p>"
        self._situation.value = (f"<div style='{_STYLE_BULLE}'><p><b>{escape(resultat.fin.titre)}</b></p>"
                                 f"{_paragraphes(resultat.fin.texte)}</div>")
        self._options.layout.display = "none"
        self._continuer.layout.display = "none"
        lignes = []
        for numero, (etape, index) in enumerate(zip(parcours.etapes, parcours.choix), start=1):
            c = s.etapes[etape].choix[index]
            lignes.append([str(numero), LETTRES[index], self._technique(c), f"{c.points} / {POINTS_MAX_ETAPE}"])
        techniques = ", ".join(f"{libelle} ({nombre})" for libelle, nombre in resultat.techniques.items())
        lecture = [[partie.partie, partie.position, partie.interets, partie.solution_de_rechange]
                   for partie in s.lecture_attendue]
        self._retour.value = "".join([
            f"<p><b>Points : {resultat.points} / {resultat.points_max} ({resultat.pourcentage} %)</b> — "
            f"{escape(resultat.appreciation)}</p>",
            _tableau("Vos réponses", ["Moment", "Votre réponse", "Technique", "Points"], lignes),
            f"<p><b>Techniques employées :</b> {escape(techniques)}</p>",
            _tableau("Lecture attendue de ce cas d'entraînement",
                     ["Partie", "Position (ce qu'elle demande)", "Intérêts (pourquoi)",
                      "Meilleure solution de rechange (sans accord)"], lecture),
            f"<p><b>À retenir :</b> {escape(s.a_retenir)}</p>",
            "<p><small>Cette simulation est un entraînement : elle n'est pas notée. Recommencez-la pour explorer "
            "une autre fin.</small></p>",
        ])


def simuler_negociation(code: str | None = None, fichier: str | Path = FICHIER) -> SimulationNegociation:
    """Lance la simulation de négociation `code` du fichier (la première si aucun nom n'est donné).

    Put the call on the cell's last line: the simulation shows under the cell.
    """
    return SimulationNegociation(code, fichier)
