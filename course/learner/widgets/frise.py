"""Interactive timeline (frise) of one person's life events, from the « parcours_de_vie » panel (M1.1).

The learner picks a person, the kind of events (ruptures, ressources or both), the domains and a
period; the timeline shows one line per domain, and a summary names the busiest three-year window
of ruptures: the « cascade » that a récit de vie and a multi-factor analysis have to explain.
"""
from __future__ import annotations

import ipywidgets as widgets
import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import Markdown, display

from ... import data

JEU = "parcours_de_vie"
CAS = "P0417"
DOMAINES = ["Formation", "Emploi", "Santé", "Famille", "Logement", "Ressources financières"]
TOUT, RUPTURES, RESSOURCES = "Tout", "Ruptures seulement", "Ressources seulement"
FENETRE = 3  # years: width of the window in which ruptures are said to « cascade »


def _date(frame: pd.DataFrame) -> pd.Series:
    """Year and month as one decimal number, to place events on the timeline."""
    return frame["annee"] + (frame["mois"] - 0.5) / 12


def fenetre_la_plus_chargee(ruptures: pd.DataFrame, largeur: int = FENETRE):
    """(first year, number of ruptures, number of domains) of the busiest window, or None."""
    if ruptures.empty:
        return None
    meilleure = None
    for debut in sorted(ruptures["annee"].unique()):
        dedans = ruptures[(ruptures["annee"] >= debut) & (ruptures["annee"] < debut + largeur)]
        candidat = (int(debut), len(dedans), dedans["domaine"].nunique())
        if meilleure is None or candidat[1:] > meilleure[1:]:
            meilleure = candidat
    return meilleure


class Frise:
    """The controls, the timeline and its summary; all state lives in the widgets."""

    def __init__(self, personne: str = CAS) -> None:
        self.panel = data.load(JEU)
        taille = self.panel.groupby("id_personne").size()
        autres = [pid for pid in taille.index if taille[pid] >= 4 and pid != CAS]
        options = [(f"{CAS} — Martine (le cas étudié)", CAS)] + [(f"{pid} ({taille[pid]} événements)", pid)
                                                                  for pid in autres]
        if personne not in [valeur for _, valeur in options]:
            options.append((f"{personne} ({taille.get(personne, 0)} événements)", personne))
        self.personne = widgets.Dropdown(options=options, value=personne, description="Personne :",
                                         layout=widgets.Layout(width="420px"))
        self.nature = widgets.ToggleButtons(options=[TOUT, RUPTURES, RESSOURCES], value=TOUT,
                                            description="Afficher :", style={"button_width": "150px"})
        self.domaines = {d: widgets.Checkbox(value=True, description=d, indent=False,
                                             layout=widgets.Layout(width="190px")) for d in DOMAINES}
        debut, fin = int(self.panel["annee"].min()), int(self.panel["annee"].max())
        self.periode = widgets.IntRangeSlider(value=(debut, fin), min=debut, max=fin, step=1,
                                              description="Période :", continuous_update=False,
                                              layout=widgets.Layout(width="600px"))
        self.sortie = widgets.Output()
        for controle in [self.personne, self.nature, self.periode, *self.domaines.values()]:
            controle.observe(self._redessiner, names="value")
        consigne = widgets.HTML(
            "<p>Choisissez une personne, puis filtrez : nature des événements, domaines, période. "
            "Chaque ligne de la frise est un domaine de la vie ; <b style='color:#c0392b'>▼ rouge</b> = rupture, "
            "<b style='color:#1e8449'>▲ vert</b> = ressource. Sous la frise, un tableau liste les événements "
            f"affichés et un bilan repère la période de {FENETRE} ans où les ruptures se sont le plus "
            "accumulées.</p>"
        )
        cases = widgets.HBox(list(self.domaines.values()), layout=widgets.Layout(flex_flow="row wrap"))
        self.widget = widgets.VBox([consigne, self.personne, self.nature, widgets.HTML("<b>Domaines :</b>"),
                                    cases, self.periode, self.sortie])
        self._redessiner()

    def selection(self) -> pd.DataFrame:
        """The events currently shown, in chronological order."""
        lignes = self.panel[self.panel["id_personne"] == self.personne.value]
        if self.nature.value == RUPTURES:
            lignes = lignes[lignes["nature"] == "rupture"]
        elif self.nature.value == RESSOURCES:
            lignes = lignes[lignes["nature"] == "ressource"]
        choisis = [d for d, case in self.domaines.items() if case.value]
        debut, fin = self.periode.value
        lignes = lignes[lignes["domaine"].isin(choisis) & lignes["annee"].between(debut, fin)]
        return lignes.sort_values(["annee", "mois"])

    def bilan(self) -> str:
        """Summary in Markdown of the events shown."""
        lignes = self.selection()
        ruptures = lignes[lignes["nature"] == "rupture"]
        n_ressources = int((lignes["nature"] == "ressource").sum())
        texte = [f"**{len(lignes)} événement(s) affiché(s)** : {len(ruptures)} rupture(s), "
                 f"{n_ressources} ressource(s), dans {lignes['domaine'].nunique()} domaine(s)."]
        pic = fenetre_la_plus_chargee(ruptures)
        if pic and pic[1] >= 2:
            texte.append(f"Période de {FENETRE} ans la plus chargée en ruptures : **{pic[0]} à {pic[0] + FENETRE - 1}**, "
                         f"avec {pic[1]} ruptures dans {pic[2]} domaine(s) différent(s). Une rupture en a-t-elle "
                         "entraîné une autre ? C'est une hypothèse à vérifier avec la personne, pas une certitude.")
        return "\n\n".join(texte)

    def figure(self):
        """The timeline of the events shown (a new matplotlib figure)."""
        lignes = self.selection()
        fig, ax = plt.subplots(figsize=(10, 3.8))
        rang = {d: i for i, d in enumerate(DOMAINES)}
        for nature, couleur, marque in [("rupture", "#c0392b", "v"), ("ressource", "#1e8449", "^")]:
            part = lignes[lignes["nature"] == nature]
            ax.scatter(_date(part), part["domaine"].map(rang), color=couleur, marker=marque, s=90,
                       label=nature.capitalize() + "s", zorder=3)
        ax.set_yticks(range(len(DOMAINES)), DOMAINES)
        ax.set_ylim(-0.7, len(DOMAINES) - 0.3)
        debut, fin = self.periode.value
        if not lignes.empty:
            debut, fin = max(debut, int(lignes["annee"].min()) - 1), min(fin, int(lignes["annee"].max()) + 1)
        ax.set_xlim(debut, fin + 1)
        ax.grid(axis="x", alpha=0.3)
        ax.set_xlabel("Année")
        qui = f"Martine ({CAS})" if self.personne.value == CAS else f"la personne {self.personne.value}"
        ax.set_title(f"Frise du parcours de {qui}")
        if not lignes.empty:
            ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8)
        fig.tight_layout()
        return fig

    def _redessiner(self, _changement=None) -> None:
        lignes = self.selection()
        self.sortie.clear_output(wait=True)
        with self.sortie:
            fig = self.figure()
            display(fig)
            plt.close(fig)
            if lignes.empty:
                display(Markdown("*Aucun événement avec ces filtres : cochez d'autres domaines ou élargissez la période.*"))
                return
            tableau = lignes[["annee", "mois", "age_evenement", "domaine", "type_evenement", "nature"]].rename(
                columns={"annee": "Année", "mois": "Mois", "age_evenement": "Âge", "domaine": "Domaine",
                         "type_evenement": "Événement", "nature": "Nature"})
            display(tableau.style.hide(axis="index"))
            display(Markdown(self.bilan()))


def frise_interactive(personne: str = CAS) -> widgets.VBox:
    """Affiche la frise interactive du parcours d'une personne du panel « parcours_de_vie »."""
    return Frise(personne).widget
