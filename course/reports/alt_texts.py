"""Text alternatives of the reports' charts: what each figure shows, in one French sentence or three.

A screen reader, a text-only browser or a reader who cannot tell the colours apart gets the key figures,
not « graphique ». Each function takes exactly the data its chart in `charts.py` draws (or `cohort_chart`,
for `cohorte.png`), so the sentence and the picture cannot disagree; the full table stays beside the figure.
"""
from __future__ import annotations

import statistics
from collections.abc import Sequence

from ..formatting import count_fr, mark_fr, trimmed_fr
from ..rubric import LEVEL_KEYS

NBSP = "\u00a0"
# A competence (feminine in French) at each level, singular and plural: « 1 acquise », « 8 acquises ».
COMPETENCE_LEVELS = {
    "non_acquis": ("non acquise", "non acquises"),
    "en_cours": ("en cours d'acquisition", "en cours d'acquisition"),
    "acquis": ("acquise", "acquises"),
    "maitrise": ("maîtrisée", "maîtrisées"),
}


def french_list(items: Sequence[str]) -> str:
    """« a », « a et b », « a, b et c »."""
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " et " + items[-1]


def percent(value: float) -> str:
    """A percentage 0–100 as « 33,3 % » (one decimal at most, non-breaking space)."""
    return f"{trimmed_fr(value, 1)}{NBSP}%"


def radar_alt(labels: Sequence[str], levels: Sequence[int | None]) -> str:
    """The competence radar: how many competences are assessed, at which level, then each one."""
    assessed = [(label, LEVEL_KEYS[level]) for label, level in zip(labels, levels) if level is not None]
    missing = [label for label, level in zip(labels, levels) if level is None]
    total = len(labels)
    if not assessed:
        return f"Radar du profil de compétences : aucune compétence évaluée sur {total}."
    counts = []
    for key in reversed(LEVEL_KEYS):  # maîtrisé first: the order a reader expects from a profile
        number = sum(1 for _, level in assessed if level == key)
        if number:
            singular, plural = COMPETENCE_LEVELS[key]
            counts.append(f"{number} {singular if number < 2 else plural}")
    evaluated = "compétence évaluée" if len(assessed) < 2 else "compétences évaluées"
    text = (f"Radar du profil de compétences : {len(assessed)} {evaluated} sur {total}, dont {french_list(counts)}. "
            + " ; ".join(f"{label} {COMPETENCE_LEVELS[level][0]}" for label, level in assessed) + ".")
    if missing:
        text += f" {'Non évaluée' if len(missing) == 1 else 'Non évaluées'} : {', '.join(missing)}."
    return text


def marks_boxplot_alt(labels: Sequence[str], series: Sequence[Sequence[float]],
                      title: str = "Notes sur 20 par modalité") -> str:
    """The marks' box plot: the median mark and the number of copies of each box."""
    if not labels:
        return f"{title} : aucune note définitive pour l'instant."
    medians = " ; ".join(f"{label} {mark_fr(statistics.median(values))} ({count_fr(len(values), 'copie')})"
                         if len(values) else f"{label} aucune note" for label, values in zip(labels, series))
    return (f"{title}, une boîte à moustaches par colonne et un point par apprenant, trait pointillé à 10/20. "
            f"Médianes : {medians}.")


def _most_often(row_labels: Sequence[str], shares: Sequence[Sequence[float]], level: str,
                words: tuple[str, str]) -> str:
    """« Critère le plus souvent non acquis : X (50 % des apprenants). », ties named together."""
    column = LEVEL_KEYS.index(level)
    highest = max((row[column] for row in shares), default=0)
    if highest == 0:
        return f"Aucun critère {words[0]}."
    top = [label for label, row in zip(row_labels, shares) if row[column] == highest]
    if len(top) == 1:
        return f"Critère le plus souvent {words[0]} : {top[0]} ({percent(highest * 100)} des apprenants)."
    return (f"Critères les plus souvent {words[1]} : {' ; '.join(top)} "
            f"({percent(highest * 100)} des apprenants chacun).")


def _criteria_extremes(row_labels: Sequence[str], shares: Sequence[Sequence[float]]) -> str:
    return " ".join((_most_often(row_labels, shares, "non_acquis", ("non acquis", "non acquis")),
                     _most_often(row_labels, shares, "maitrise", ("maîtrisé", "maîtrisés"))))


def level_heatmap_alt(row_labels: Sequence[str], shares: Sequence[Sequence[float]]) -> str:
    """The criteria × levels heat map (shares 0–1): the hardest criterion and the best mastered one."""
    return (f"Carte de chaleur de la part des apprenants à chaque niveau, pour {count_fr(len(row_labels), 'critère')}"
            f", pourcentage écrit dans chaque case. {_criteria_extremes(row_labels, shares)}")


def level_bars_alt(row_labels: Sequence[str], shares: Sequence[Sequence[float]]) -> str:
    """The stacked bars of `cohorte.png` (levels reached per criterion, shares 0–1)."""
    return (f"Niveaux atteints par critère, en barres empilées, pour {count_fr(len(row_labels), 'critère')}. "
            f"{_criteria_extremes(row_labels, shares)}")


def bloc_rates_alt(bloc_labels: Sequence[str], rates: dict[str, Sequence[float]], legend: dict[str, str]) -> str:
    """The bloc validation bars (percentages 0–100 per decision): % acquis for every bloc, then the rest."""
    parts = []
    for index, bloc in enumerate(bloc_labels):
        shares = [f"{percent(values[index])} {legend[decision].lower()}" for decision, values in rates.items()
                  if decision == "acquis" or values[index] > 0]
        parts.append(f"{bloc} : {', '.join(shares)}")
    return f"Validation des blocs, part des apprenants par décision. {' ; '.join(parts)}."


def cohort_chart_alt(box_labels: Sequence[str], box_series: Sequence[Sequence[float]],
                     row_labels: Sequence[str], shares: Sequence[Sequence[float]]) -> str:
    """`cohorte.png`: the marks per modality or formative assignment (left) and the levels per criterion (right)."""
    return (f"À gauche : {marks_boxplot_alt(box_labels, box_series, 'Notes de la cohorte sur 20 par modalité')} "
            f"À droite : {level_bars_alt(row_labels, shares)}")
