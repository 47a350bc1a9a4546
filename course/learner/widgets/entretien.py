"""Reception interview simulation: the mechanics only; the content is a YAML file released beside the notebook.

At each line the person says, the learner picks one of four answers (open question, reformulation,
premature advice, judgement…) and reads why it helps the interview or not; a summary closes the
simulation. The simulations, their lines, answers and feedback, the answer types, the verdicts and the
summary's appraisals live in the assignment's file (`assignments/m12_entretiens_accueil/entretien_scenarios.yaml`),
read when a simulation is shown. All state stays in the widget; no network access.

Accessibility: the answers are buttons named « Réponse A » to « Réponse D » (reached with Tab, pressed with
Enter or Space), each beside its text; the verdict is a word, the course palette's colours only repeat it.

Because a simulation rates answers, its file holds practice cases only: no person or situation of a graded
writing or oral (the course's rule, REVIEW-BLOC1 §2; tests/test_widget_entretien.py checks the M1.2 file).

Usage in a notebook:

    from course.learner.widgets.entretien import simuler_entretien
    simuler_entretien("telephone")     # a simulation named in the file; the first one when no name is given
"""
from __future__ import annotations

from dataclasses import dataclass
from html import escape
from pathlib import Path

import ipywidgets as widgets
from IPython.display import display

from ... import CourseError
from ...palette import ACCENT, SOFT, VERDICT_COLOURS
from .contenu import lire_contenu

__all__ = ["simuler_entretien", "scenarios_disponibles", "lire_scenarios", "SimulationEntretien", "Simulations"]

FICHIER = "entretien_scenarios.yaml"
POINTS = (2, 1, 0)  # 2 = well-judged answer, 1 = acceptable but incomplete, 0 = to avoid
POINTS_MAX_ETAPE = max(POINTS)
LETTRES = "ABCD"  # every line offers exactly four answers ("Voir l'analyse des quatre réponses")


@dataclass(frozen=True)
class Reponse:
    texte: str
    type: str  # a key of Simulations.types
    points: int
    retour: str


@dataclass(frozen=True)
class Etape:
    personne: str
    reponses: tuple[Reponse, ...]


@dataclass(frozen=True)
class Scenario:
    code: str
    titre: str
    contexte: str
    etapes: tuple[Etape, ...]
    a_retenir: str


@dataclass(frozen=True)
class Simulations:
    """Everything the file describes: answer types, verdicts, summary appraisals and the simulations."""

    fichier: str
    types: dict[str, str]  # short name -> label shown in the feedback and the summary
    verdicts: dict[int, str]  # points -> verdict shown after a choice
    appreciations: tuple[tuple[int, str], ...]  # (minimum score, appraisal), best first
    scenarios: dict[str, Scenario]
    noms: dict[str, str]  # every accepted name (lower case) -> simulation code

    def code(self, nom) -> str | None:
        return self.noms.get(str(nom).strip().lower())

    def appreciation(self, score: int) -> str:
        return next(texte for minimum, texte in self.appreciations if score >= minimum)


class LecteurSimulation:
    """Checks the file's structure, each error naming the file and the place at fault, in French."""

    def __init__(self, fichier: str):
        self.fichier = fichier

    def erreur(self, ou: str, probleme: str) -> CourseError:
        return CourseError(f"{self.fichier} (rubrique « {ou} ») : {probleme}")

    def dictionnaire(self, valeur, ou: str) -> dict:
        if not isinstance(valeur, dict) or not valeur:
            raise self.erreur(ou, "une liste de rubriques « nom: texte » est attendue.")
        return valeur

    def liste(self, valeur, ou: str, quoi: str) -> list:
        if not isinstance(valeur, list) or not valeur:
            raise self.erreur(ou, f"une liste {quoi} est attendue (une ligne « - … » par élément).")
        return valeur

    def texte(self, valeur, ou: str) -> str:
        if not isinstance(valeur, str) or not valeur.strip():
            raise self.erreur(ou, "un texte est attendu.")
        return valeur

    def rubriques(self, valeur: dict, ou: str, obligatoires: tuple[str, ...],
                  facultatives: tuple[str, ...] = ()) -> None:
        inconnues = sorted(map(str, set(valeur) - set(obligatoires) - set(facultatives)))
        if inconnues:
            raise self.erreur(ou, f"rubrique inconnue : {', '.join(inconnues)}.")
        manquantes = [cle for cle in obligatoires if cle not in valeur]
        if manquantes:
            raise self.erreur(ou, f"il manque {', '.join(manquantes)}.")

    def verdicts(self, contenu: dict) -> dict[int, str]:
        """The verdict said for each number of points an answer can earn (2, 1, 0): one for each."""
        verdicts = {}
        for points, verdict in self.dictionnaire(contenu["verdicts"], "verdicts").items():
            if str(points).strip() not in {str(p) for p in POINTS}:
                raise self.erreur("verdicts", f"« {points} » n'est pas un nombre de points possible (2, 1 ou 0).")
            verdicts[int(points)] = self.texte(verdict, f"verdicts, {points}")
        if set(verdicts) != set(POINTS):
            raise self.erreur("verdicts", "un verdict est attendu pour 2, pour 1 et pour 0 point.")
        return verdicts

    def simulations(self, contenu: dict) -> Simulations:
        manquantes = [cle for cle in ("types_de_reponse", "verdicts", "bilan", "simulations") if cle not in contenu]
        if manquantes:
            raise self.erreur("rubriques principales", f"il manque {', '.join(manquantes)}.")
        types = {str(nom): self.texte(libelle, f"types_de_reponse, {nom}")
                 for nom, libelle in self.dictionnaire(contenu["types_de_reponse"], "types_de_reponse").items()}
        verdicts = self.verdicts(contenu)
        appreciations = []
        for numero, entree in enumerate(self.liste(contenu["bilan"], "bilan", "d'appréciations"), 1):
            ou = f"bilan, appréciation {numero}"
            entree = self.dictionnaire(entree, ou)
            self.rubriques(entree, ou, ("score_minimum", "appreciation"))
            minimum = entree["score_minimum"]
            if not isinstance(minimum, int) or isinstance(minimum, bool) or minimum < 0:
                raise self.erreur(f"{ou}, score_minimum", "un nombre entier, 0 ou plus, est attendu.")
            appreciations.append((minimum, self.texte(entree["appreciation"], f"{ou}, appreciation")))
        if 0 not in {minimum for minimum, _ in appreciations}:
            raise self.erreur("bilan", "une appréciation doit avoir un score minimum de 0, pour que tout score "
                                       "ait la sienne.")
        scenarios, noms = {}, {}
        for code, valeur in self.dictionnaire(contenu["simulations"], "simulations").items():
            scenario, autres = self.scenario(str(code), valeur, types)
            scenarios[scenario.code] = scenario
            for nom in (scenario.code, *autres):
                cle = nom.strip().lower()
                if noms.get(cle, scenario.code) != scenario.code:
                    raise self.erreur(f"simulations, {code}", f"le nom « {nom} » est déjà celui de la simulation "
                                                              f"« {noms[cle]} ».")
                noms[cle] = scenario.code
        return Simulations(self.fichier, types, verdicts,
                           tuple(sorted(appreciations, key=lambda entree: -entree[0])), scenarios, noms)

    def scenario(self, code: str, valeur, types: dict[str, str]) -> tuple[Scenario, list[str]]:
        ou = f"simulations, {code}"
        valeur = self.dictionnaire(valeur, ou)
        self.rubriques(valeur, ou, ("titre", "contexte", "repliques", "a_retenir"), ("autres_noms",))
        autres = valeur.get("autres_noms") or []
        if not isinstance(autres, list):
            raise self.erreur(f"{ou}, autres_noms", "une liste de noms est attendue, [nom, autre nom].")
        autres = [self.texte(nom, f"{ou}, autres_noms") for nom in autres]
        etapes = tuple(self.etape(entree, f"{ou}, réplique {numero}", types)
                       for numero, entree in enumerate(self.liste(valeur["repliques"], f"{ou}, repliques",
                                                                  "de répliques"), 1))
        return Scenario(
            code=code,
            titre=self.texte(valeur["titre"], f"{ou}, titre"),
            contexte=self.texte(valeur["contexte"], f"{ou}, contexte"),
            etapes=etapes,
            a_retenir=self.texte(valeur["a_retenir"], f"{ou}, a_retenir"),
        ), autres

    def etape(self, valeur, ou: str, types: dict[str, str]) -> Etape:
        valeur = self.dictionnaire(valeur, ou)
        self.rubriques(valeur, ou, ("personne", "reponses"))
        entrees = self.liste(valeur["reponses"], f"{ou}, reponses", "de réponses")
        if len(entrees) != len(LETTRES):
            raise self.erreur(f"{ou}, reponses", f"exactement {len(LETTRES)} réponses sont attendues (A, B, C, D), "
                                                 f"il y en a {len(entrees)}.")
        reponses = tuple(self.reponse(entree, f"{ou}, réponse {lettre}", types)
                         for lettre, entree in zip(LETTRES, entrees))
        if not any(reponse.points == POINTS_MAX_ETAPE for reponse in reponses):
            raise self.erreur(f"{ou}, reponses", f"au moins une réponse à {POINTS_MAX_ETAPE} points est attendue : "
                                                 "la suite du dialogue part de la réponse la plus ajustée.")
        return Etape(self.texte(valeur["personne"], f"{ou}, personne"), reponses)

    def reponse(self, valeur, ou: str, types: dict[str, str]) -> Reponse:
        valeur = self.dictionnaire(valeur, ou)
        self.rubriques(valeur, ou, ("texte", "type", "points", "retour"))
        if valeur["type"] not in types:
            raise self.erreur(f"{ou}, type", f"« {valeur['type']} » n'est pas dans la liste « types_de_reponse » "
                                             f"en haut du fichier ({', '.join(types)}).")
        points = valeur["points"]
        if isinstance(points, bool) or points not in POINTS:
            raise self.erreur(f"{ou}, points", "2, 1 ou 0 est attendu.")
        return Reponse(self.texte(valeur["texte"], f"{ou}, texte"), valeur["type"], points,
                       self.texte(valeur["retour"], f"{ou}, retour"))


def lire_scenarios(fichier: str | Path = FICHIER) -> Simulations:
    """Read and check the simulations' file, from the notebook's folder (or the path given)."""
    return LecteurSimulation(Path(fichier).name).simulations(lire_contenu(fichier))


def scenarios_disponibles(fichier: str | Path = FICHIER) -> list[str]:
    """The codes of the simulations the file offers, in its order."""
    return list(lire_scenarios(fichier).scenarios)


_STYLE_BULLE = (f"background:{SOFT};border-left:4px solid {ACCENT};padding:8px 12px;margin:6px 0;"
                "border-radius:4px;")
_COULEURS = VERDICT_COLOURS  # points → (background, text): the verdict is a word, its colour repeats it


class SimulationEntretien:
    """One simulation: all its state (current line, choices made) is kept in the object."""

    def __init__(self, code: str | None = None, fichier: str | Path = FICHIER):
        self.simulations = lire_scenarios(fichier)
        cle = next(iter(self.simulations.scenarios)) if code is None else self.simulations.code(code)
        if cle is None:
            raise ValueError(
                f"Simulation inconnue « {code} ». Choisissez parmi : {', '.join(self.simulations.scenarios)}."
            )
        self.code = cle
        self.scenario = self.simulations.scenarios[cle]
        self.choix: list[int] = []
        self.etape = 0
        self._repondu = False

        self._titre = widgets.HTML()
        self._progression = widgets.HTML()
        self._personne = widgets.HTML()
        self._boutons = [
            widgets.Button(description=f"Réponse {lettre}", tooltip=f"Choisir la réponse {lettre}",
                           layout=widgets.Layout(width="110px", min_width="110px"))
            for lettre in LETTRES
        ]
        self._textes = [widgets.HTML(layout=widgets.Layout(width="100%")) for _ in LETTRES]
        for index, bouton in enumerate(self._boutons):
            bouton.on_click(lambda _b, i=index: self.choisir(i))
        self._options = widgets.VBox(
            [widgets.HBox([b, t], layout=widgets.Layout(align_items="center")) for b, t in zip(self._boutons, self._textes)]
        )
        self._retour = widgets.HTML()
        self._suivant = widgets.Button(description="Réplique suivante", button_style="primary",
                                       layout=widgets.Layout(width="220px"))
        self._suivant.on_click(lambda _b: self.suivant())
        self._recommencer = widgets.Button(description="Recommencer", layout=widgets.Layout(width="220px"))
        self._recommencer.on_click(lambda _b: self.recommencer())
        self.widget = widgets.VBox(
            [self._titre, self._progression, self._personne, self._options, self._retour,
             widgets.HBox([self._suivant, self._recommencer])]
        )
        self._afficher_etape()

    # --- display ---------------------------------------------------------------------------
    def _ipython_display_(self):
        display(self.widget)

    @property
    def termine(self) -> bool:
        return self.etape >= len(self.scenario.etapes)

    @property
    def score(self) -> int:
        return sum(self.scenario.etapes[i].reponses[c].points for i, c in enumerate(self.choix))

    @property
    def score_max(self) -> int:
        return POINTS_MAX_ETAPE * len(self.scenario.etapes)

    def _type(self, reponse: Reponse) -> str:
        return self.simulations.types[reponse.type]

    def _afficher_etape(self):
        s = self.scenario
        self._titre.value = (
            f"<h4 style='margin:4px 0'>{escape(s.titre)}</h4><p><em>{escape(s.contexte)}</em></p>"
            "<p>Lisez ce que dit la personne, puis choisissez votre réponse : cliquez sur son bouton (« Réponse A » "
            "à « Réponse D »), ou atteignez-le avec la touche Tab et appuyez sur Entrée.</p>"
        )
        self._retour.value = ""
        self._suivant.layout.display = "none"
        if self.termine:
            self._afficher_bilan()
            return
        etape = s.etapes[self.etape]
        self._progression.value = f"<b>Réplique {self.etape + 1} sur {len(s.etapes)}</b>"
        self._personne.value = f"<div style='{_STYLE_BULLE}'>{escape(etape.personne)}</div>"
        self._options.layout.display = ""
        for bouton, texte, reponse in zip(self._boutons, self._textes, etape.reponses):
            bouton.disabled = False
            bouton.button_style = ""
            texte.value = f"<div style='padding:4px 8px'>{escape(reponse.texte)}</div>"
        self._repondu = False

    def choisir(self, index: int) -> None:
        """Record the choice of answer `index` (0 = A, 1 = B…) and show the feedback."""
        if self.termine or self._repondu:
            return
        etape = self.scenario.etapes[self.etape]
        if not 0 <= index < len(etape.reponses):
            raise ValueError(f"Choisissez une réponse entre A et {LETTRES[len(etape.reponses) - 1]}.")
        self.choix.append(index)
        self._repondu = True
        for i, bouton in enumerate(self._boutons):
            bouton.disabled = True
            bouton.button_style = "info" if i == index else ""
        choisie = etape.reponses[index]
        fond, couleur = _COULEURS[choisie.points]
        lignes = [
            f"<div style='background:{fond};border-left:4px solid {couleur};padding:8px 12px;border-radius:4px'>",
            f"<b style='color:{couleur}'>{escape(self.simulations.verdicts[choisie.points])}</b> — vous avez choisi "
            f"{LETTRES[index]} (<i>{escape(self._type(choisie))}</i>).<br>{escape(choisie.retour)}</div>",
            "<details style='margin-top:6px'><summary>Voir l'analyse des quatre réponses</summary><ul>",
        ]
        for lettre, reponse in zip(LETTRES, etape.reponses):
            lignes.append(
                f"<li><b>{lettre}</b> — <i>{escape(self._type(reponse))}</i> "
                f"({escape(self.simulations.verdicts[reponse.points].lower())}) : {escape(reponse.retour)}</li>"
            )
        lignes.append("</ul></details>")
        if self.etape + 1 < len(self.scenario.etapes):
            lignes.append("<p><small>La suite du dialogue part de la réponse la plus ajustée.</small></p>")
        self._retour.value = "".join(lignes)
        self._suivant.description = (
            "Réplique suivante" if self.etape + 1 < len(self.scenario.etapes) else "Voir le bilan"
        )
        self._suivant.layout.display = ""

    def suivant(self) -> None:
        """Go to the next line (or to the summary), once an answer is chosen."""
        if not self._repondu or self.termine:
            return
        self.etape += 1
        self._afficher_etape()

    def recommencer(self) -> None:
        self.choix = []
        self.etape = 0
        self._afficher_etape()

    def bilan(self) -> dict:
        """The summary as a dictionary: score, number of answers per type."""
        par_type: dict[str, int] = {}
        for i, c in enumerate(self.choix):
            libelle = self._type(self.scenario.etapes[i].reponses[c])
            par_type[libelle] = par_type.get(libelle, 0) + 1
        return {"score": self.score, "score_max": self.score_max, "reponses_par_type": par_type}

    def _afficher_bilan(self):
        s = self.scenario
        self._progression.value = "<b>Bilan de la simulation</b>"
        self._personne.value = ""
        self._options.layout.display = "none"
        resultat = self.bilan()
        appreciation = self.simulations.appreciation(self.score)
        lignes = [
            f"<p><b>Score : {self.score} / {self.score_max}</b> — {escape(appreciation)}</p>",
            "<table style='border-collapse:collapse'><tr><th style='text-align:left;padding:2px 8px'>Réplique</th>"
            "<th style='text-align:left;padding:2px 8px'>Votre choix</th>"
            "<th style='text-align:left;padding:2px 8px'>Type de réponse</th>"
            "<th style='text-align:left;padding:2px 8px'>Points</th></tr>",
        ]
        for i, c in enumerate(self.choix):
            reponse = s.etapes[i].reponses[c]
            lignes.append(
                f"<tr><td style='padding:2px 8px'>{i + 1}</td><td style='padding:2px 8px'>{LETTRES[c]}</td>"
                f"<td style='padding:2px 8px'>{escape(self._type(reponse))}</td>"
                f"<td style='padding:2px 8px'>{reponse.points} / {POINTS_MAX_ETAPE}</td></tr>"
            )
        lignes.append("</table><p><b>Vos réponses par type :</b> ")
        lignes.append(", ".join(f"{escape(k)} ({v})" for k, v in resultat["reponses_par_type"].items()))
        lignes.append(f"</p><p><b>À retenir :</b> {escape(s.a_retenir)}</p>")
        lignes.append("<p><small>Cette simulation est un entraînement : elle n'est pas notée.</small></p>")
        self._retour.value = "".join(lignes)


def simuler_entretien(code: str | None = None, fichier: str | Path = FICHIER) -> SimulationEntretien:
    """Start a reception interview simulation.

    `code` names a simulation of `fichier` (read beside the notebook), « telephone », « sans_rendez_vous »
    or « sur_rendez_vous » in the assignment's file; the file's first simulation when no name is given.
    Put the call on the cell's last line: the simulation shows under the cell.
    """
    return SimulationEntretien(code, fichier)
