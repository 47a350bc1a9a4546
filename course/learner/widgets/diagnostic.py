"""Multi-factor diagnostic grid: the mechanics only; the content is a YAML file released beside the notebook.

For a fictitious PRACTICE case, the learner ticks the problems they notice, links those that feed each other,
chooses orientations, then compares their reading with the expected one: what was noticed, what is
missing, which orientation answers which need. The problem and partner lists, the practice cases and their
expected readings, and the sentences shared by every feedback live in the assignment's file
(`assignments/m13_cas_accueil_orientation/grille_diagnostic.yaml`), read when the grid is shown. All state
stays in the widget; no network access.

The file is released to learners, so it never holds the expected reading of a graded case (course rule): the
grid trains the method on a practice case, and the graded writing applies it to another case, whose reading
is kept for graders only.

Usage in a notebook:

    from course.learner.widgets.diagnostic import grille_diagnostic
    grille_diagnostic("josiane")   # a case named in the file; the first case when no name is given
"""
from __future__ import annotations

from dataclasses import dataclass
from html import escape
from pathlib import Path

import ipywidgets as widgets

from ... import CourseError
from ...palette import ACCENT, TEXT_COLOURS
from .contenu import lire_contenu

FICHIER = "grille_diagnostic.yaml"
ESSENTIELLE = "essentielle"
A_EXPLORER = "à explorer"
STATUTS = (ESSENTIELLE, A_EXPLORER)
TEXTES_RETOUR = ("sans_appui", "orientation_sans_besoin", "autres_liens", "aucun_lien", "conclusion")
# A request to the learner (« Choisissez deux problématiques différentes. »): words say it, the colour repeats it.
COULEUR_CONSIGNE = TEXT_COLOURS["orange"]


def lien(a: str, b: str) -> frozenset[str]:
    """An undirected link between two problems: « Logement – Addictions » is « Addictions – Logement »."""
    return frozenset((a, b))


@dataclass(frozen=True)
class Cas:
    """The expected reading of a case: what an experienced professional notices in it."""

    cle: str
    titre: str
    resume: str
    problematiques: dict[str, tuple[str, str]]  # problem -> (ESSENTIELLE or A_EXPLORER, reason)
    non_attendues: dict[str, str]  # problem with no clue in the case -> why not to tick it
    liens: dict[frozenset[str], str]  # key links -> explanation
    orientations: dict[str, str]  # expected orientations -> the need each one answers
    possibles: dict[str, str]  # defensible orientations, in a second step
    inadaptees: dict[str, str]  # why this partner is not the right one


@dataclass(frozen=True)
class Grille:
    """Everything the file describes: the lists to tick, the shared feedback sentences and the cases."""

    fichier: str
    domaines: list[str]
    partenaires: list[str]
    lien_propose: tuple[str, str]
    retour: dict[str, str]
    cas: dict[str, Cas]

    def nom_lien(self, pair: frozenset[str]) -> str:
        a, b = sorted(pair, key=self.domaines.index)
        return f"{a} – {b}"


class _Lecteur:
    """Checks the file's structure, each error naming the file and the place at fault, in French."""

    def __init__(self, fichier: str):
        self.fichier = fichier

    def erreur(self, ou: str, probleme: str) -> CourseError:
        return CourseError(f"{self.fichier} (rubrique « {ou} ») : {probleme}")

    def dictionnaire(self, valeur, ou: str, facultatif: bool = False) -> dict:
        if valeur is None and facultatif:
            return {}
        if not isinstance(valeur, dict) or not valeur:
            raise self.erreur(ou, "une liste de rubriques « nom: texte » est attendue.")
        return valeur

    def texte(self, valeur, ou: str) -> str:
        if not isinstance(valeur, str) or not valeur.strip():
            raise self.erreur(ou, "un texte est attendu.")
        return valeur

    def liste_de_noms(self, valeur, ou: str) -> list[str]:
        if not isinstance(valeur, list) or not valeur:
            raise self.erreur(ou, "une liste de noms est attendue (une ligne « - nom » par élément).")
        noms = [self.texte(nom, ou) for nom in valeur]
        doublons = sorted({nom for nom in noms if noms.count(nom) > 1})
        if doublons:
            raise self.erreur(ou, f"nom en double : {', '.join(doublons)}.")
        return noms

    def nom_connu(self, nom, connus: list[str], ou: str, quoi: str) -> str:
        if nom not in connus:
            raise self.erreur(ou, f"« {nom} » n'est pas dans la liste des {quoi} en haut du fichier "
                                  f"({', '.join(connus)}).")
        return nom

    def textes_par_nom(self, valeur, connus: list[str], ou: str, quoi: str, facultatif: bool = False) -> dict[str, str]:
        return {self.nom_connu(nom, connus, ou, quoi): self.texte(texte, f"{ou}, {nom}")
                for nom, texte in self.dictionnaire(valeur, ou, facultatif).items()}

    def grille(self, contenu: dict) -> Grille:
        manquantes = [cle for cle in ("problematiques", "lien_propose", "partenaires", "retour", "cas")
                      if cle not in contenu]
        if manquantes:
            raise self.erreur("rubriques principales", f"il manque {', '.join(manquantes)}.")
        domaines = self.liste_de_noms(contenu["problematiques"], "problematiques")
        partenaires = self.liste_de_noms(contenu["partenaires"], "partenaires")
        propose = contenu["lien_propose"]
        if not (isinstance(propose, list) and len(propose) == 2 and propose[0] != propose[1]):
            raise self.erreur("lien_propose", "deux problématiques différentes sont attendues, [A, B].")
        propose = tuple(self.nom_connu(nom, domaines, "lien_propose", "problématiques") for nom in propose)
        retour = self.dictionnaire(contenu["retour"], "retour")
        for cle in TEXTES_RETOUR:
            self.texte(retour.get(cle), f"retour, {cle}")
        cas = self.dictionnaire(contenu["cas"], "cas")
        return Grille(
            fichier=self.fichier,
            domaines=domaines,
            partenaires=partenaires,
            lien_propose=propose,
            retour={cle: retour[cle] for cle in TEXTES_RETOUR},
            cas={str(cle): self.cas(str(cle), valeur, domaines, partenaires) for cle, valeur in cas.items()},
        )

    def cas(self, cle: str, valeur, domaines: list[str], partenaires: list[str]) -> Cas:
        ou = f"cas {cle}"
        valeur = self.dictionnaire(valeur, ou)
        inconnues = sorted(set(valeur) - {"titre", "resume", "problematiques", "non_attendues", "liens",
                                          "orientations_attendues", "orientations_possibles",
                                          "orientations_inadaptees"})
        if inconnues:
            raise self.erreur(ou, f"rubrique inconnue : {', '.join(map(str, inconnues))}.")
        problematiques = {}
        for nom, detail in self.dictionnaire(valeur.get("problematiques"), f"{ou}, problematiques").items():
            endroit = f"{ou}, problematiques, {nom}"
            self.nom_connu(nom, domaines, endroit, "problématiques")
            detail = self.dictionnaire(detail, endroit)
            if detail.get("statut") not in STATUTS:
                raise self.erreur(endroit, f"le statut doit être « {ESSENTIELLE} » ou « {A_EXPLORER} ».")
            problematiques[nom] = (detail["statut"], self.texte(detail.get("pourquoi"), f"{endroit}, pourquoi"))
        liens = {}
        entrees = valeur.get("liens")
        if not isinstance(entrees, list) or not entrees:
            raise self.erreur(f"{ou}, liens",
                              "une liste de liens est attendue (« - entre: [A, B] » puis « pourquoi: »).")
        for numero, entree in enumerate(entrees, 1):
            endroit = f"{ou}, liens, lien {numero}"
            entree = self.dictionnaire(entree, endroit)
            pair = entree.get("entre")
            if not (isinstance(pair, list) and len(pair) == 2 and pair[0] != pair[1]):
                raise self.erreur(endroit, "« entre » doit nommer deux problématiques différentes, [A, B].")
            for nom in pair:
                self.nom_connu(nom, domaines, endroit, "problématiques")
            if lien(*pair) in liens:
                raise self.erreur(endroit, "ce lien figure deux fois.")
            liens[lien(*pair)] = self.texte(entree.get("pourquoi"), f"{endroit}, pourquoi")
        return Cas(
            cle=cle,
            titre=self.texte(valeur.get("titre"), f"{ou}, titre"),
            resume=self.texte(valeur.get("resume"), f"{ou}, resume"),
            problematiques=problematiques,
            non_attendues=self.textes_par_nom(valeur.get("non_attendues"), domaines, f"{ou}, non_attendues",
                                              "problématiques", facultatif=True),
            liens=liens,
            orientations=self.textes_par_nom(valeur.get("orientations_attendues"), partenaires,
                                             f"{ou}, orientations_attendues", "partenaires"),
            possibles=self.textes_par_nom(valeur.get("orientations_possibles"), partenaires,
                                          f"{ou}, orientations_possibles", "partenaires", facultatif=True),
            inadaptees=self.textes_par_nom(valeur.get("orientations_inadaptees"), partenaires,
                                           f"{ou}, orientations_inadaptees", "partenaires", facultatif=True),
        )


def lire_grille(fichier: str | Path = FICHIER) -> Grille:
    """Read and check the grid's file, from the notebook's folder (or the path given)."""
    return _Lecteur(Path(fichier).name).grille(lire_contenu(fichier))


def _liste(items: list[str]) -> str:
    if not items:
        return ""
    return "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"


def comparer(grille: Grille, cle: str, domaines: list[str], liens: list[frozenset[str]],
             orientations: list[str]) -> str:
    """The feedback (HTML) comparing a reading with the case's expected reading."""
    cas = grille.cas[cle]
    retour = grille.retour
    domaines = [d for d in grille.domaines if d in set(domaines)]
    choisis = set(domaines)
    parts = [f"<h4>Retour sur votre lecture — {escape(cas.titre)}</h4>"]

    # Problems
    essentielles = [d for d, (statut, _) in cas.problematiques.items() if statut == ESSENTIELLE]
    trouvees = [d for d in essentielles if d in choisis]
    parts.append(f"<p><b>Problématiques essentielles repérées : {len(trouvees)} sur {len(essentielles)}.</b></p>")
    vues = [f"✅ <b>{d}</b> ({cas.problematiques[d][0]}) : {cas.problematiques[d][1]}" for d in grille.domaines
            if d in choisis and d in cas.problematiques]
    manquees = [f"❗ <b>{d}</b> ({statut}) : {texte}" for statut_attendu in STATUTS
                for d, (statut, texte) in cas.problematiques.items() if statut == statut_attendu and d not in choisis]
    en_trop = [f"⚠️ <b>{d}</b> : {cas.non_attendues.get(d, retour['sans_appui'])}"
               for d in domaines if d not in cas.problematiques]
    if vues:
        parts.append("<p>Vous avez repéré :</p>" + _liste(vues))
    if manquees:
        parts.append("<p>Vous n'avez pas coché :</p>" + _liste(manquees))
    if en_trop:
        parts.append("<p>Vous avez coché sans appui dans le cas :</p>" + _liste(en_trop))

    # Links
    choisis_liens = {frozenset(pair) for pair in liens if len(pair) == 2}
    cles = [pair for pair in cas.liens if pair in choisis_liens]
    parts.append(f"<p><b>Liens clés entre problématiques : {len(cles)} sur {len(cas.liens)}.</b></p>")
    details = []
    for pair, texte in cas.liens.items():
        marque = "✅" if pair in choisis_liens else "❗ à ajouter :"
        details.append(f"{marque} <b>{grille.nom_lien(pair)}</b> : {texte}")
    autres = sorted((grille.nom_lien(pair) for pair in choisis_liens if pair not in cas.liens))
    parts.append(_liste(details))
    if autres:
        parts.append(
            "<p>Autres liens que vous proposez : " + ", ".join(f"<b>{a}</b>" for a in autres)
            + f". {retour['autres_liens']}</p>"
        )
    elif not choisis_liens:
        parts.append(f"<p>{retour['aucun_lien']}</p>")

    # Orientations
    choisies = [p for p in grille.partenaires if p in set(orientations)]
    bonnes = [p for p in cas.orientations if p in choisies]
    parts.append(f"<p><b>Orientations attendues choisies : {len(bonnes)} sur {len(cas.orientations)}.</b></p>")
    details = []
    for partenaire, besoin in cas.orientations.items():
        marque = "✅" if partenaire in choisies else "❗ manque :"
        details.append(f"{marque} <b>{partenaire}</b> — {besoin}")
    parts.append(_liste(details))
    secondes = [f"👍 <b>{p}</b> — {cas.possibles[p]}" for p in choisies if p in cas.possibles]
    if secondes:
        parts.append("<p>Orientations défendables, plutôt dans un second temps :</p>" + _liste(secondes))
    erreurs = [
        f"✖️ <b>{p}</b> — {cas.inadaptees.get(p, retour['orientation_sans_besoin'])}"
        for p in choisies
        if p not in cas.orientations and p not in cas.possibles
    ]
    if erreurs:
        parts.append("<p>Orientations peu adaptées à cette situation :</p>" + _liste(erreurs))

    parts.append(f"<p><i>{retour['conclusion']}</i></p>")
    return "\n".join(parts)


class GrilleDiagnostic(widgets.VBox):
    """The interactive grid: case, problems, links, orientations, comparison button."""

    def __init__(self, grille: Grille, cle: str | None = None):
        self.grille = grille
        cle = next(iter(grille.cas)) if cle is None else cle
        if cle not in grille.cas:
            raise ValueError(f"Cas inconnu « {cle} ». Cas disponibles : {', '.join(grille.cas)}.")
        large = {"description_width": "initial"}
        self.choix_cas = widgets.Dropdown(
            options=[(cas.titre, cas.cle) for cas in grille.cas.values()],
            value=cle,
            description="Cas étudié :",
            style=large,
            layout=widgets.Layout(width="95%"),
        )
        self.resume = widgets.HTML()
        self.cases_domaines = {
            d: widgets.Checkbox(value=False, description=d, indent=False,
                                layout=widgets.Layout(width="auto", min_width="130px"))
            for d in grille.domaines
        }
        premier, second = grille.lien_propose
        self.lien_a = widgets.Dropdown(options=grille.domaines, value=premier, description="Relier", style=large,
                                       layout=widgets.Layout(width="210px"))
        self.lien_b = widgets.Dropdown(options=grille.domaines, value=second, description="et", style=large,
                                       layout=widgets.Layout(width="180px"))
        self.bouton_lien = widgets.Button(description="Ajouter ce lien", icon="link")
        self.bouton_effacer = widgets.Button(description="Effacer les liens", icon="eraser")
        self.liens: list[frozenset[str]] = []
        self.affichage_liens = widgets.HTML()
        self.cases_orientations = {
            p: widgets.Checkbox(value=False, description=p, indent=False,
                                layout=widgets.Layout(width="auto", min_width="240px"))
            for p in grille.partenaires
        }
        self.bouton_comparer = widgets.Button(
            description="Comparer avec la lecture attendue", button_style="primary", icon="check",
            layout=widgets.Layout(width="300px"),
        )
        self.bouton_reinitialiser = widgets.Button(description="Tout décocher", icon="undo")
        self.retour = widgets.HTML()

        self.choix_cas.observe(self._changer_cas, names="value")
        self.bouton_lien.on_click(self._ajouter_lien)
        self.bouton_effacer.on_click(self._effacer_liens)
        self.bouton_comparer.on_click(self._comparer)
        self.bouton_reinitialiser.on_click(self._reinitialiser)

        orientations = list(self.cases_orientations.values())
        super().__init__(
            children=[
                self.choix_cas,
                self.resume,
                widgets.HTML("<b>1. Cochez les problématiques que vous repérez dans la situation :</b>"),
                widgets.HBox(list(self.cases_domaines.values()), layout=widgets.Layout(flex_flow="row wrap")),
                widgets.HTML("<b>2. Reliez les problématiques qui s'entretiennent l'une l'autre</b> "
                             "(choisissez deux problématiques, puis « Ajouter ce lien ») :"),
                widgets.HBox([self.lien_a, self.lien_b, self.bouton_lien, self.bouton_effacer],
                             layout=widgets.Layout(flex_flow="row wrap")),
                self.affichage_liens,
                widgets.HTML("<b>3. Choisissez les orientations que vous proposeriez :</b>"),
                widgets.HBox(orientations, layout=widgets.Layout(flex_flow="row wrap")),
                widgets.HBox([self.bouton_comparer, self.bouton_reinitialiser]),
                self.retour,
            ]
        )
        self._afficher_resume()
        self._afficher_liens()

    # --- what the grid holds ---
    @property
    def domaines_coches(self) -> list[str]:
        return [d for d, case in self.cases_domaines.items() if case.value]

    @property
    def orientations_cochees(self) -> list[str]:
        return [p for p, case in self.cases_orientations.items() if case.value]

    # --- reactions to clicks ---
    def _afficher_resume(self) -> None:
        cas = self.grille.cas[self.choix_cas.value]
        self.resume.value = (
            f"<div style='border-left:4px solid {ACCENT};padding:4px 10px;margin:6px 0'>"
            f"<b>{escape(cas.titre)}</b><br>{escape(cas.resume)}</div>"
        )

    def _afficher_liens(self, message: str = "") -> None:
        if self.liens:
            texte = "Liens ajoutés : " + " ; ".join(f"<b>{self.grille.nom_lien(pair)}</b>" for pair in self.liens)
        else:
            texte = "<i>Aucun lien ajouté pour l'instant.</i>"
        if message:
            texte += f"<br><span style='color:{COULEUR_CONSIGNE}'>{message}</span>"
        self.affichage_liens.value = texte

    def _ajouter_lien(self, _bouton=None) -> None:
        a, b = self.lien_a.value, self.lien_b.value
        if a == b:
            self._afficher_liens("Choisissez deux problématiques différentes.")
            return
        pair = lien(a, b)
        if pair in self.liens:
            self._afficher_liens(f"Le lien {self.grille.nom_lien(pair)} est déjà dans la liste.")
            return
        self.liens.append(pair)
        self._afficher_liens()

    def _effacer_liens(self, _bouton=None) -> None:
        self.liens.clear()
        self._afficher_liens()

    def _comparer(self, _bouton=None) -> None:
        if not (self.domaines_coches or self.liens or self.orientations_cochees):
            self.retour.value = (f"<p style='color:{COULEUR_CONSIGNE}'>Commencez par cocher au moins une "
                                 "problématique, puis comparez.</p>")
            return
        self.retour.value = comparer(self.grille, self.choix_cas.value, self.domaines_coches, self.liens,
                                     self.orientations_cochees)

    def _reinitialiser(self, _bouton=None) -> None:
        for case in [*self.cases_domaines.values(), *self.cases_orientations.values()]:
            case.value = False
        self.liens.clear()
        self._afficher_liens()
        self.retour.value = ""

    def _changer_cas(self, _change=None) -> None:
        self._reinitialiser()
        self._afficher_resume()


def grille_diagnostic(cas: str | None = None, fichier: str | Path = FICHIER) -> GrilleDiagnostic:
    """Show the grid for a case of `fichier` (read beside the notebook); the file's first case by default."""
    return GrilleDiagnostic(lire_grille(fichier), cas)
