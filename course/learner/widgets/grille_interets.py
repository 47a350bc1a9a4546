"""Grille des intérêts : pour chaque partie d'une négociation, ses positions, ses intérêts et ses marges.

Preparing a negotiation starts by telling what each party asks for (its positions) from why it asks for it
(its interests) and from what it could accept (its margins). This widget only records that analysis: one
row per party, saved in a CSV beside the notebook and read again when the cell runs again. It shows no
expected reading and rates nothing: it is used on the graded case (the course's rule: only a practice case
may get feedback).

The table mechanics are those of the « piste terrain » (`course.learner.terrain`): the columns are a
codebook (`Dictionnaire`) and every cell goes through `probleme_cellule`, so that a name, a phone number or
an address typed in the grid is refused with the same French message as anywhere else in the course. Only
the rules of a grid are added here: a party has a name on one line, two parties never share a name, and a
cell stays short (a grid, not an essay).

The pure functions (`valider_ligne`, `valider_grille`, `lire_grille`, `ecrire_grille`, `lignes_initiales`,
`grille_en_markdown`) are tested on their own; the form on top of them keeps no rule of its own.

Accessibility: every field has a visible label, the fields follow the table's order (so does the Tab key),
each party's block opens with its name as a heading, and the saved grid is shown as a table with a caption
and column headers.

Usage in a notebook:

    from course.learner.widgets.grille_interets import grille_interets
    grille_interets("grille_interets.csv", parties=["Délégué des familles", "Gestionnaire de l'aire"])
"""
from __future__ import annotations

import csv
import html
import unicodedata
from collections.abc import Iterable, Mapping
from pathlib import Path

import ipywidgets as widgets

from ... import CourseError
from ..terrain import TEXTE, Colonne, Dictionnaire, erreur_problemes, lire_lignes_csv, probleme_cellule
from .taches import tableau_html

__all__ = ["BOUTON_AJOUTER", "BOUTON_ENREGISTRER", "COLONNES", "FICHIER", "GRILLE", "LONGUEUR_CELLULE",
           "LONGUEUR_PARTIE", "GrilleInterets", "ecrire_grille", "grille_en_markdown", "grille_interets",
           "lignes_initiales", "lire_grille", "valider_grille", "valider_ligne"]

FICHIER = "grille_interets.csv"
LONGUEUR_PARTIE = 80  # a party's name: « Technicienne de la communauté d'agglomération » fits
LONGUEUR_CELLULE = 600  # about 100 words: key words and short sentences, not a written answer
BOUTON_ENREGISTRER = "Enregistrer la grille"
BOUTON_AJOUTER = "Ajouter la partie"

GRILLE = Dictionnaire(FICHIER, (
    Colonne("partie", "Partie", TEXTE),
    Colonne("positions", "Positions : ce que la partie demande", TEXTE, obligatoire=False),
    Colonne("interets", "Intérêts : pourquoi elle le demande", TEXTE, obligatoire=False),
    Colonne("marges", "Marges : ce qu'elle pourrait accepter", TEXTE, obligatoire=False),
), titre="Grille des intérêts")
COLONNES = tuple(GRILLE.noms)
CHAMPS = COLONNES[1:]  # the three cells a party's block edits
_STYLE = {"description_width": "initial"}


# ---------------------------------------------------------------------------------------------
# Pure functions
# ---------------------------------------------------------------------------------------------
def _propre(valeur) -> str:
    """A cell as stored: lines stripped, blank lines dropped, line breaks kept (a grid may hold short lists)."""
    if valeur is None:
        return ""
    texte = unicodedata.normalize("NFC", str(valeur)).replace("\r\n", "\n").replace("\r", "\n")
    return "\n".join(ligne.strip() for ligne in texte.split("\n") if ligne.strip())


def _cle(partie: str) -> str:
    """How two parties' names are compared: case and spacing do not make another party."""
    return " ".join(unicodedata.normalize("NFC", partie).casefold().split())


def _problemes_ligne(cellules: Mapping[str, str]) -> list[str]:
    """What is wrong with one row already cleaned, each problem naming its column, in French."""
    problemes = []
    partie = cellules["partie"]
    if not partie:
        if any(cellules[nom] for nom in CHAMPS):
            problemes.append("Partie (colonne partie) : donnez un nom à la partie (par exemple « Gestionnaire de "
                             "l'aire »)")
        else:
            problemes.append("Partie (colonne partie) : valeur obligatoire manquante")
    elif "\n" in partie or len(partie) > LONGUEUR_PARTIE:
        problemes.append(f"Partie (colonne partie) : « {partie[:LONGUEUR_PARTIE]} » doit tenir sur une ligne "
                         f"({LONGUEUR_PARTIE} caractères au plus) : écrivez la fonction ou le rôle de la partie")
    for colonne in GRILLE.colonnes:
        valeur = cellules[colonne.nom]
        if colonne.nom != "partie" and len(valeur) > LONGUEUR_CELLULE:
            problemes.append(f"{colonne.libelle} (colonne {colonne.nom}) : {len(valeur)} caractères, "
                             f"{LONGUEUR_CELLULE} au plus : gardez des mots-clés et des phrases courtes")
        probleme = probleme_cellule(colonne, valeur) if valeur else None
        if probleme:
            problemes.append(f"{colonne.libelle} (colonne {colonne.nom}) : {probleme}")
    return problemes


def valider_ligne(valeurs: Mapping) -> dict[str, str]:
    """One party's row, cleaned and checked: {partie, positions, interets, marges}; a `CourseError` otherwise.

    Missing keys read as empty cells; a party may be recorded before its three cells are filled.
    """
    cellules = {nom: _propre(valeurs.get(nom)) for nom in COLONNES}
    problemes = _problemes_ligne(cellules)
    if problemes:
        raise CourseError("Partie non enregistrée : " + " ; ".join(problemes) + ".")
    return cellules


def _vide(valeurs: Mapping) -> bool:
    return not any(_propre(valeurs.get(nom)) for nom in COLONNES)


def valider_grille(lignes: Iterable[Mapping]) -> list[dict[str, str]]:
    """The whole grid, cleaned and checked; fully empty rows are dropped; a `CourseError` lists every problem.

    Each problem names the party by its position in the grid (« partie n° 2 »), as the form shows them.
    """
    resultat: list[dict[str, str]] = []
    problemes: list[str] = []
    vues: dict[str, int] = {}
    for numero, valeurs in enumerate(lignes, start=1):
        if _vide(valeurs):
            continue
        cellules = {nom: _propre(valeurs.get(nom)) for nom in COLONNES}
        erreurs = _problemes_ligne(cellules)
        problemes += [f"partie n° {numero} — {erreur}" for erreur in erreurs]
        if cellules["partie"]:
            cle = _cle(cellules["partie"])
            if cle in vues:
                problemes.append(f"partie n° {numero} — « {cellules['partie']} » figure déjà (partie n° {vues[cle]}) : "
                                 "gardez une seule ligne par partie")
            vues.setdefault(cle, numero)
        if not erreurs:
            resultat.append(cellules)
    if problemes:
        raise erreur_problemes("Grille non enregistrée, ", problemes)
    return resultat


def _chemin(fichier: str | Path, dossier: str | Path | None) -> Path:
    return Path(dossier or Path.cwd()) / fichier


def lire_grille(fichier: str | Path = FICHIER, dossier: str | Path | None = None) -> list[dict[str, str]]:
    """Les parties déjà enregistrées (liste vide si le fichier n'existe pas encore), vérifiées ligne par ligne.

    A file edited in a spreadsheet is checked like any other: a `CourseError` names the file, the line as the
    spreadsheet shows it (header = line 1) and the column.
    """
    chemin = _chemin(fichier, dossier)
    nom = Path(fichier).name
    if not chemin.exists():
        return []
    lignes, raison = lire_lignes_csv(chemin)
    if lignes is None:
        raise CourseError(f"Le fichier « {nom} » est illisible : {raison}.")
    if not lignes or lignes[0] != list(COLONNES):
        trouve = ", ".join(lignes[0]) if lignes and any(lignes[0]) else "aucune"
        raise CourseError(f"Le fichier « {nom} » n'est pas une grille des intérêts : sa première ligne doit être "
                          f"« {','.join(COLONNES)} » (trouvé : {trouve}). Renommez-le ou supprimez-le pour repartir "
                          "d'une grille vide.")
    problemes: list[str] = []
    resultat: list[dict[str, str]] = []
    vues: dict[str, int] = {}
    for numero, ligne in enumerate(lignes[1:], start=2):
        if not any(ligne):
            continue
        if len(ligne) > len(COLONNES):
            problemes.append(f"{nom}, ligne {numero} : {len(ligne)} valeurs pour {len(COLONNES)} colonnes (une "
                             "virgule dans un texte ? mettez ce texte entre guillemets)")
            continue
        cellules = {c: _propre(v) for c, v in zip(COLONNES, ligne + [""] * (len(COLONNES) - len(ligne)))}
        erreurs = _problemes_ligne(cellules)
        problemes += [f"{nom}, ligne {numero}, {erreur}" for erreur in erreurs]
        cle = _cle(cellules["partie"])
        if cellules["partie"] and cle in vues:
            problemes.append(f"{nom}, ligne {numero} : « {cellules['partie']} » figure déjà à la ligne {vues[cle]}")
        vues.setdefault(cle, numero)
        resultat.append(cellules)
    if problemes:
        raise erreur_problemes(f"Le fichier « {nom} » a ", problemes)
    return resultat


def ecrire_grille(lignes: Iterable[Mapping], fichier: str | Path = FICHIER,
                  dossier: str | Path | None = None) -> Path:
    """Write the grid (checked first: nothing is written while a problem remains), UTF-8 and comma."""
    propres = valider_grille(lignes)
    chemin = _chemin(fichier, dossier)
    chemin.parent.mkdir(parents=True, exist_ok=True)
    with chemin.open("w", encoding="utf-8", newline="") as sortie:
        ecrivain = csv.writer(sortie, lineterminator="\n")
        ecrivain.writerow(COLONNES)
        for ligne in propres:
            ecrivain.writerow([ligne[nom] for nom in COLONNES])
    return chemin


def lignes_initiales(enregistrees: Iterable[Mapping], parties: Iterable[str] = ()) -> list[dict[str, str]]:
    """The rows the form opens with: the saved ones in their order, then each listed party not saved yet.

    So a party the notebook lists always has its block, and nothing the learner saved is lost or reordered.
    """
    resultat = [{nom: _propre(ligne.get(nom)) for nom in COLONNES} for ligne in enregistrees]
    vues = {_cle(ligne["partie"]) for ligne in resultat}
    for partie in parties:
        nom = _propre(partie)
        if nom and _cle(nom) not in vues:
            resultat.append({"partie": nom, **{champ: "" for champ in CHAMPS}})
            vues.add(_cle(nom))
    return resultat


def _cellule_markdown(texte: str) -> str:
    """A cell of a Markdown table: pipes escaped, line breaks as « ; », « — » when empty."""
    morceaux = [morceau.replace("|", "\\|") for morceau in texte.split("\n") if morceau]
    return " ; ".join(morceaux) or "—"


def grille_en_markdown(lignes: Iterable[Mapping]) -> str:
    """La grille sous forme de tableau Markdown, à copier dans un écrit (une ligne par partie)."""
    entete = "| " + " | ".join(c.libelle for c in GRILLE.colonnes) + " |"
    separateur = "|" + "---|" * len(COLONNES)
    corps = ["| " + " | ".join(_cellule_markdown(_propre(ligne.get(nom))) for nom in COLONNES) + " |"
             for ligne in lignes]
    return "\n".join([entete, separateur, *corps])


# ---------------------------------------------------------------------------------------------
# The form
# ---------------------------------------------------------------------------------------------
def _e(texte: str) -> str:
    return html.escape(texte, quote=False)


def _titre_bloc(numero: int, partie: str) -> str:
    """A party's heading in the form: « 2. Gestionnaire de l'aire »."""
    return f"<h5 style='margin:10px 0 2px'>{numero}. {_e(partie) or 'Partie sans nom'}</h5>"


class GrilleInterets:
    """One block per party (its name and three labelled text areas); one button saves the whole grid."""

    def __init__(self, fichier: str | Path = FICHIER, parties: Iterable[str] = (),
                 dossier: str | Path | None = None) -> None:
        self.fichier = fichier
        self.dossier = Path(dossier or Path.cwd())
        self.blocs: list[dict[str, widgets.Widget]] = []
        self.titres: list[widgets.HTML] = []
        self.conteneur = widgets.VBox()
        for ligne in lignes_initiales(lire_grille(fichier, self.dossier), parties):
            self._ajouter_bloc(ligne)
        self.nouvelle = widgets.Text(description="Autre partie", placeholder="Par exemple : élu de la commune",
                                     continuous_update=False,  # sent when left: see saisie.SaisieTerrain._champ
                                     style=_STYLE, layout=widgets.Layout(width="60%"))
        self.bouton_ajouter = widgets.Button(description=BOUTON_AJOUTER, icon="plus",
                                             layout=widgets.Layout(width="auto"))
        self.bouton_ajouter.on_click(lambda _b: self.ajouter())
        self.bouton = widgets.Button(description=BOUTON_ENREGISTRER, button_style="primary", icon="save",
                                     layout=widgets.Layout(width="auto"))
        self.bouton.on_click(lambda _b: self.enregistrer())
        aide = widgets.HTML(
            "<p><small>Une partie par bloc. <b>Positions</b> : ce qu'elle demande ou annonce. <b>Intérêts</b> : "
            "pourquoi elle le demande (besoins, craintes, contraintes). <b>Marges</b> : ce qu'elle pourrait "
            "accepter. Des mots-clés suffisent. Pour retirer une partie, videz son bloc puis enregistrez. Aucun "
            "nom de famille, aucune coordonnée : désignez chaque partie par sa fonction.</small></p>")
        self.message = widgets.HTML()
        self.tableau = widgets.HTML(tableau_html(GRILLE, self.lignes_enregistrees()))
        self.widget = widgets.VBox([
            widgets.HTML(f"<h4>{_e(GRILLE.titre)}</h4>"), aide, self.conteneur,
            widgets.HBox([self.nouvelle, self.bouton_ajouter]), self.bouton, self.message, self.tableau,
        ])

    def _ipython_display_(self):
        from IPython.display import display

        display(self.widget)

    def _ajouter_bloc(self, ligne: Mapping[str, str]) -> None:
        nom = ligne.get("partie", "")
        bloc = {"partie": widgets.Text(value=nom, description="Partie", style=_STYLE, continuous_update=False,
                                       layout=widgets.Layout(width="60%"))}
        for colonne in GRILLE.colonnes[1:]:
            bloc[colonne.nom] = widgets.Textarea(
                value=ligne.get(colonne.nom, ""), description=colonne.libelle.split(" :")[0], continuous_update=False,
                placeholder=colonne.libelle.split(": ", 1)[1], tooltip=f"{nom} — {colonne.libelle}",
                style=_STYLE, layout=widgets.Layout(width="90%", height="4.5em"))
        titre = widgets.HTML(_titre_bloc(len(self.blocs) + 1, nom))
        self.blocs.append(bloc)
        self.titres.append(titre)
        self.conteneur.children = (*self.conteneur.children,
                                   widgets.VBox([titre, bloc["partie"], *(bloc[c] for c in CHAMPS)]))

    def lignes(self) -> list[dict[str, str]]:
        """What the form holds, block by block (not checked yet)."""
        return [{nom: bloc[nom].value for nom in COLONNES} for bloc in self.blocs]

    def lignes_enregistrees(self) -> list[dict[str, str]]:
        return lire_grille(self.fichier, self.dossier)

    def ajouter(self) -> bool:
        """A new block for the party typed in « Autre partie »; False when the name is empty or already there."""
        nom = _propre(self.nouvelle.value)
        if not nom:
            self.message.value = "<p>Écrivez d'abord le nom de la partie à ajouter (sa fonction ou son rôle).</p>"
            return False
        if _cle(nom) in {_cle(bloc["partie"].value) for bloc in self.blocs}:
            self.message.value = f"<p>« {_e(nom)} » a déjà son bloc dans la grille.</p>"
            return False
        self._ajouter_bloc({"partie": nom})
        self.nouvelle.value = ""
        self.message.value = f"<p>Bloc ajouté pour « {_e(nom)} ». Remplissez-le, puis enregistrez la grille.</p>"
        return True

    def enregistrer(self) -> bool:
        """Save the whole grid; False (nothing written) while a problem remains, each one explained."""
        try:
            chemin = ecrire_grille(self.lignes(), self.fichier, self.dossier)
        except CourseError as erreur:
            self.message.value = f"<p><b>Rien n'a été enregistré.</b></p><pre>{_e(str(erreur))}</pre>"
            return False
        for numero, (titre, bloc) in enumerate(zip(self.titres, self.blocs), start=1):
            titre.value = _titre_bloc(numero, _propre(bloc["partie"].value))
        lignes = self.lignes_enregistrees()
        nombre = "1 partie" if len(lignes) == 1 else f"{len(lignes)} parties"
        self.message.value = f"<p>Grille enregistrée dans {_e(chemin.name)} ({nombre}).</p>"
        self.tableau.value = tableau_html(GRILLE, lignes)
        return True


def grille_interets(fichier: str | Path = FICHIER, parties: Iterable[str] = ()) -> widgets.VBox:
    """Affiche la grille des intérêts, enregistrée dans `fichier` à côté du notebook.

    `parties` lists the parties whose blocks the grid opens with (those already saved come first); the learner
    can add others. Running the cell again re-reads the file: nothing saved is lost.
    """
    return GrilleInterets(fichier, parties).widget
