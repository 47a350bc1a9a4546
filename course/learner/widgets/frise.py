"""Interactive timeline (frise) of one person's life events, from the « parcours_de_vie » panel (M1.1).

The learner picks a person, the kind of events (ruptures, ressources or both), the domains and a
period; the timeline shows one line per domain, and a summary names the busiest three-year window
of ruptures: the « cascade » that a récit de vie and a multi-factor analysis have to explain.

Accessibility: every control has a visible label and is operated with the keyboard in JupyterLab (radio
buttons for the kind of events, so that the one chosen is announced as checked; two number fields for the
period, because ipywidgets' range slider gives its handles no accessible name); a rupture and a ressource
differ by their marker (▼, ▲) and their name as much as by their colour, taken from the course's palette;
the timeline is an image with a text alternative and, under it, the same sentence for everyone, then the
table of the events it shows.
"""
from __future__ import annotations

import base64
import html
import io

import ipywidgets as widgets
import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import HTML, Markdown, display

from ... import data
from ...formatting import count_fr
from ...palette import OKABE_ITO, TEXT_COLOURS

JEU = "parcours_de_vie"
CAS = "P0417"
DOMAINES = ["Formation", "Emploi", "Santé", "Famille", "Logement", "Ressources financières"]
TOUT, RUPTURES, RESSOURCES = "Tout", "Ruptures seulement", "Ressources seulement"
FENETRE = 3  # years: width of the window in which ruptures are said to « cascade »
# nature → (colour of the marker, colour of the word on white, matplotlib marker, symbol in text)
NATURES = {
    "rupture": (OKABE_ITO["vermillon"], TEXT_COLOURS["vermillon"], "v", "▼"),
    "ressource": (OKABE_ITO["bleu"], TEXT_COLOURS["bleu"], "^", "▲"),
}


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


def _annees(debut: int, fin: int) -> str:
    """« entre 1989 et 2025 », or « en 2019 » for a single year."""
    return f"en {debut}" if debut == fin else f"entre {debut} et {fin}"


def _symbole(nature: str) -> str:
    """« ▼ » or « ▲ » in the palette's text colour; the words beside it name the kind of event."""
    _, texte, _, symbole = NATURES[nature]
    return f"<b style='color:{texte}'>{symbole}</b>"


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
        self.nature = widgets.RadioButtons(options=[TOUT, RUPTURES, RESSOURCES], value=TOUT,
                                           description="Afficher :", orientation="horizontal",
                                           layout=widgets.Layout(width="auto"))
        self.domaines = {d: widgets.Checkbox(value=True, description=d, indent=False,
                                             layout=widgets.Layout(width="auto", min_width="190px"))
                         for d in DOMAINES}
        self.premiere, self.derniere = int(self.panel["annee"].min()), int(self.panel["annee"].max())
        bornes = {"min": self.premiere, "max": self.derniere, "continuous_update": False,
                  "style": {"description_width": "initial"}, "layout": widgets.Layout(width="auto")}
        self.debut = widgets.BoundedIntText(value=self.premiere, description="Période : de l'année", **bornes)
        self.fin = widgets.BoundedIntText(value=self.derniere, description="à l'année", **bornes)
        self.sortie = widgets.Output()
        for controle in [self.personne, self.nature, self.debut, self.fin, *self.domaines.values()]:
            controle.observe(self._redessiner, names="value")
        consigne = widgets.HTML(
            "<p>Choisissez une personne, puis filtrez : nature des événements, domaines, période. "
            f"Chaque ligne de la frise est un domaine de la vie ; une rupture y est marquée {_symbole('rupture')}, "
            f"une ressource {_symbole('ressource')}. Sous la frise, une phrase la résume, un tableau liste les "
            f"événements affichés et un bilan repère la période de {FENETRE} ans où les ruptures se sont le plus "
            "accumulées.</p>"
        )
        cases = widgets.HBox(list(self.domaines.values()), layout=widgets.Layout(flex_flow="row wrap"))
        self.widget = widgets.VBox([consigne, self.personne, self.nature, widgets.HTML("<b>Domaines :</b>"),
                                    cases, widgets.HBox([self.debut, self.fin]), self.sortie])
        self._redessiner()

    def periode(self) -> tuple[int, int]:
        """The period chosen, first year first (whichever field holds it)."""
        debut, fin = sorted((int(self.debut.value), int(self.fin.value)))
        return debut, fin

    def selection(self) -> pd.DataFrame:
        """The events currently shown, in chronological order."""
        lignes = self.panel[self.panel["id_personne"] == self.personne.value]
        if self.nature.value == RUPTURES:
            lignes = lignes[lignes["nature"] == "rupture"]
        elif self.nature.value == RESSOURCES:
            lignes = lignes[lignes["nature"] == "ressource"]
        choisis = [d for d, case in self.domaines.items() if case.value]
        debut, fin = self.periode()
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

    def _qui(self) -> str:
        return f"Martine ({CAS})" if self.personne.value == CAS else f"la personne {self.personne.value}"

    def description(self) -> str:
        """What the timeline shows, in one sentence: its text alternative, also printed under it."""
        lignes = self.selection()
        if lignes.empty:
            debut, fin = self.periode()
            return (f"Frise du parcours de {self._qui()} : aucun événement de {debut} à {fin} avec ces filtres, "
                    "la frise est vide.")
        comptes = [f"{count_fr(int((lignes['nature'] == nature).sum()), nature)} ({NATURES[nature][3]})"
                   for nature in NATURES if (lignes["nature"] == nature).any()]
        total = f", soit {count_fr(len(lignes), 'événement')}" if len(comptes) > 1 else ""
        annees = _annees(int(lignes["annee"].min()), int(lignes["annee"].max()))
        domaines = [d for d in DOMAINES if d in set(lignes["domaine"])]
        par_ligne = ", un par ligne" if len(domaines) > 1 else ""
        return (f"Frise du parcours de {self._qui()} : {' et '.join(comptes)}{total} {annees}, "
                f"dans {count_fr(len(domaines), 'domaine')}{par_ligne} ({', '.join(domaines)}).")

    def figure(self):
        """The timeline of the events shown (a new matplotlib figure)."""
        lignes = self.selection()
        fig, ax = plt.subplots(figsize=(10, 3.8))
        rang = {d: i for i, d in enumerate(DOMAINES)}
        for nature, (couleur, _, marque, _) in NATURES.items():
            part = lignes[lignes["nature"] == nature]
            ax.scatter(_date(part), part["domaine"].map(rang), color=couleur, marker=marque, s=90,
                       label=nature.capitalize() + "s", zorder=3)
        ax.set_yticks(range(len(DOMAINES)), DOMAINES)
        ax.set_ylim(-0.7, len(DOMAINES) - 0.3)
        debut, fin = self.periode()
        if not lignes.empty:
            debut, fin = max(debut, int(lignes["annee"].min()) - 1), min(fin, int(lignes["annee"].max()) + 1)
        ax.set_xlim(debut, fin + 1)
        ax.grid(axis="x", alpha=0.3)
        ax.set_xlabel("Année")
        ax.set_title(f"Frise du parcours de {self._qui()}")
        if not lignes.empty:
            ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8)
        fig.tight_layout()
        return fig

    def figure_html(self) -> str:
        """The timeline as an image whose text alternative is `description()`, the same sentence under it."""
        fig = self.figure()
        tampon = io.BytesIO()
        fig.savefig(tampon, format="png", dpi=100, bbox_inches="tight")
        plt.close(fig)
        donnees = base64.b64encode(tampon.getvalue()).decode("ascii")
        phrase = html.escape(self.description())
        return (f'<figure style="margin:0"><img src="data:image/png;base64,{donnees}" alt="{phrase}" '
                f'style="max-width:100%"><figcaption>{phrase}</figcaption></figure>')

    def _redessiner(self, _changement=None) -> None:
        lignes = self.selection()
        self.sortie.clear_output(wait=True)
        with self.sortie:
            display(HTML(self.figure_html()))
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
