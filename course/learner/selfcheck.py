"""La vérification « avant de rendre » : ce que la personne en formation lance en fin de notebook.

`verifier_ma_copie("devoir.ipynb")` relit le notebook enregistré et signale, en français :

- pour chaque écrit (cellule de réponse portant les métadonnées `casp`) : le nombre de mots
  par rapport à la fourchette attendue, les parties absentes ou laissées vides, les données
  personnelles à retirer ;
- les cellules de code à compléter (elles contiennent encore `NotImplementedError`, ou plus
  aucune ligne de code) ;
- les données personnelles écrites dans une cellule de réponse, quelle qu'elle soit.

Les données qui identifient directement une personne sont des problèmes : la copie n'est pas prête.
Un employeur ou une commune nommés (identification indirecte) sont des points « à vérifier » :
ils sont montrés dans le rapport, avec le titre de la règle d'anonymisation du cours, mais la
copie reste prête à rendre (`ok`).

`analyser_reponse` fait l'analyse d'un seul écrit ; c'est une fonction pure, testée seule.
"""
from __future__ import annotations

import html
import json
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from ..palette import INK, MUTED, TEXT_COLOURS, VERDICT_COLOURS
from .anonymisation import regle_anonymisation
from .equipe import Empreinte, empreinte_collective, est_collective
from .donnees_personnelles import DonneePersonnelle, detecter_donnees_personnelles

__all__ = ["AnalyseReponse", "RapportVerification", "analyser_reponse", "verifier_ma_copie"]

# Ce que nbgrader laisse à la place des solutions (voir nbgrader_config.py).
STUB_TEXTE = "_Écrivez votre réponse ici._"
MIN_MOTS_PAR_PARTIE = 10

_STUB = re.compile(r"_?\s*Écrivez votre réponse ici\s*\.?\s*_?", re.IGNORECASE)
_COMMENTAIRE_HTML = re.compile(r"<!--.*?(?:-->|\Z)", re.DOTALL)
# Un titre de partie : « #### Hypothèses », « ### Hypothèses : », « **Hypothèses** », « **Hypothèses :** ».
# Après un titre en gras, le texte peut continuer sur la même ligne : « **Hypothèses :** la perte… ».
_TITRE = re.compile(r"^\s{0,3}(?:#{1,6}[ \t]*(?P<diese>.*?)[ \t#]*$|\*\*(?P<gras>.+?)\*\*[ \t]*:?[ \t]*(?P<suite>.*)$)")
# Un mot : « l'accueil », « peut-être », « 2024 », « 12,5 », un courriel comptent chacun pour un ;
# la ponctuation ne compte pas.
_MOT = re.compile(r"[\w.+-]+@[\w.-]+|\d+(?:[.,]\d+)+|[^\W_]+(?:['’\-][^\W_]+)*")
# Numéro d'une liste (« 1. », « 2) ») en début de ligne : ce n'est pas un mot de la réponse.
_NUMERO_DE_LISTE = re.compile(r"^([ \t]*)\d+[.)][ \t]+", re.MULTILINE)


def _normaliser_titre(texte: str) -> str:
    """« 1. Hypothèses : » et « hypotheses » se comparent de la même façon."""
    texte = re.sub(r"^\s*\d+\s*[.)]\s*", "", texte.strip())
    texte = texte.strip().rstrip(":. \t").strip()
    decompose = unicodedata.normalize("NFD", texte.casefold())
    sans_accents = "".join(c for c in decompose if not unicodedata.combining(c))
    return " ".join(sans_accents.split())


def _titre_de_partie(ligne: str, parties: dict[str, str]) -> tuple[str, str] | None:
    """(partie attendue, texte qui suit le titre sur la même ligne), ou None si ce n'est pas un titre de partie."""
    m = _TITRE.match(ligne)
    if not m:
        return None
    partie = parties.get(_normaliser_titre(m.group("diese") or m.group("gras") or ""))
    return None if partie is None else (partie, m.group("suite") or "")


def _nettoyer(texte: str) -> str:
    """Le texte sans commentaires HTML, sans le texte à remplacer, sans numéros de liste."""
    texte = _COMMENTAIRE_HTML.sub(" ", texte)
    texte = _STUB.sub(" ", texte)
    return _NUMERO_DE_LISTE.sub(r"\1", texte)


def compter_mots(texte: str) -> int:
    """Nombre de mots d'un texte (hors commentaires HTML et texte à remplacer)."""
    return len(_MOT.findall(_nettoyer(texte)))


def _mots(nombre: int) -> str:
    return f"{nombre} mot" + ("s" if nombre >= 2 else "")


def _points(nombre: int) -> str:
    return f"{nombre} point" + ("s" if nombre > 1 else "")


def _a_retirer(donnee: DonneePersonnelle) -> str:
    return f"Donnée personnelle à retirer ({donnee.categorie}) : “{donnee.extrait}”."


def _a_verifier(donnee: DonneePersonnelle) -> str:
    return f"À vérifier (identification indirecte) : {donnee.categorie} “{donnee.extrait}”."


def _repartir(texte: str) -> tuple[list[DonneePersonnelle], list[DonneePersonnelle]]:
    """Les données personnelles du texte : (à retirer, à vérifier)."""
    trouvees = detecter_donnees_personnelles(texte)
    return [d for d in trouvees if d.a_retirer], [d for d in trouvees if not d.a_retirer]


@dataclass
class AnalyseReponse:
    """Résultat de l'analyse d'un écrit."""

    nb_mots: int
    mots_attendus: tuple[int, int]
    parties_presentes: list[str]
    parties_manquantes: list[str]
    donnees_personnelles: list[DonneePersonnelle] = field(default_factory=list)  # à retirer
    a_verifier: list[DonneePersonnelle] = field(default_factory=list)  # identification indirecte

    @property
    def problemes(self) -> list[str]:
        minimum, maximum = self.mots_attendus
        if self.nb_mots == 0:
            return [
                "Réponse pas encore rédigée : remplacez le texte en italique par votre réponse "
                f"(entre {minimum} et {maximum} mots)."
            ]
        problemes = []
        if self.nb_mots < minimum:
            problemes.append(f"{_mots(self.nb_mots)} : c'est moins que les {minimum} mots attendus.")
        elif self.nb_mots > maximum:
            problemes.append(f"{_mots(self.nb_mots)} : c'est plus que les {maximum} mots attendus au maximum.")
        problemes += [f"Partie manquante ou vide : “{partie}”." for partie in self.parties_manquantes]
        problemes += [_a_retirer(d) for d in self.donnees_personnelles]
        return problemes

    @property
    def avertissements(self) -> list[str]:
        """Points à vérifier (identification indirecte) : ils n'empêchent pas de rendre."""
        return [_a_verifier(d) for d in self.a_verifier]

    @property
    def ok(self) -> bool:
        return not self.problemes


def analyser_reponse(texte: str, mots: tuple[int, int] | list[int], parties: list[str]) -> AnalyseReponse:
    """Analyse un écrit : nombre de mots, parties présentes ou manquantes, données personnelles.

    `mots` est la fourchette attendue (minimum, maximum) ; `parties` les titres attendus, dans
    l'ordre. Une partie est manquante si son titre est absent ou si, sous son titre, il reste
    moins de 10 mots (texte à remplacer, vide, ou à peine commencé). Les lignes de titre des
    parties ne comptent pas dans le nombre de mots ; le texte placé avant le premier titre, si.
    """
    minimum, maximum = (int(n) for n in mots)
    attendues = {_normaliser_titre(partie): partie for partie in parties}
    sections: dict[str, list[str]] = {}
    hors_titres: list[str] = []
    courante: str | None = None
    for ligne in _COMMENTAIRE_HTML.sub(" ", texte).splitlines():
        titre = _titre_de_partie(ligne, attendues)
        if titre is not None:
            courante, ligne = titre
            sections.setdefault(courante, [])
        hors_titres.append(ligne)
        if courante is not None:
            sections[courante].append(ligne)
    presentes = [p for p in parties if p in sections and compter_mots("\n".join(sections[p])) >= MIN_MOTS_PAR_PARTIE]
    a_retirer, a_verifier = _repartir(texte)
    return AnalyseReponse(
        nb_mots=compter_mots("\n".join(hors_titres)),
        mots_attendus=(minimum, maximum),
        parties_presentes=presentes,
        parties_manquantes=[p for p in parties if p not in presentes],
        donnees_personnelles=a_retirer,
        a_verifier=a_verifier,
    )


@dataclass
class EcritVerifie:
    """Un écrit du notebook : son nom pour la personne (« Écrit 2 (critère M1.3-B) ») et son analyse."""

    nom: str
    critere: str
    analyse: AnalyseReponse
    autres_problemes: list[str] = field(default_factory=list)
    piste: str = ""  # « exercice », « terrain (…) » for a fieldwork writing; empty elsewhere

    @property
    def problemes(self) -> list[str]:
        return self.autres_problemes + self.analyse.problemes

    @property
    def avertissements(self) -> list[str]:
        return self.analyse.avertissements

    @property
    def resume(self) -> str:
        minimum, maximum = self.analyse.mots_attendus
        piste = f", piste {self.piste}" if self.piste else ""
        return f"{self.nom} : {_mots(self.analyse.nb_mots)} (attendu : {minimum} à {maximum}){piste}"


@dataclass
class ProductionVerifiee:
    """A production (a table saved beside the notebook): its rows and columns against what is expected."""

    nom: str
    critere: str
    detail: str  # « mon_repertoire.csv : 14 lignes (attendu : 12 au moins) »
    problemes: list[str] = field(default_factory=list)
    avertissements: list[str] = field(default_factory=list)

    @property
    def resume(self) -> str:
        return f"{self.nom} : {self.detail}"


def verifier_production(nom: str, critere: str, attendu: dict, dossier: Path) -> ProductionVerifiee:
    """The file a production cell writes: present, with enough rows, the expected columns, no personal data."""
    import csv

    fichier, minimum, colonnes = attendu["fichier"], int(attendu["minimum"]), list(attendu.get("colonnes", []))
    chemin = Path(dossier) / fichier
    if not chemin.is_file():
        return ProductionVerifiee(nom, critere, f"{fichier} absent", [
            f"Le fichier « {fichier} » n'existe pas encore à côté du notebook : exécutez la cellule de votre "
            "production, qui l'enregistre."])
    try:
        with chemin.open(encoding="utf-8-sig", newline="") as flux:
            lignes = list(csv.reader(flux))
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        return ProductionVerifiee(nom, critere, f"{fichier} illisible", [f"« {fichier} » est illisible ({exc})."])
    entete, donnees = (lignes[0], [l for l in lignes[1:] if any(c.strip() for c in l)]) if lignes else ([], [])
    verifiee = ProductionVerifiee(
        nom, critere, f"{fichier} : {len(donnees)} ligne{'s' if len(donnees) > 1 else ''} (attendu : {minimum} au moins)")
    if len(donnees) < minimum:
        verifiee.problemes.append(f"{len(donnees)} ligne(s) : il en faut au moins {minimum}.")
    manquantes = [c for c in colonnes if c not in entete]
    if manquantes:
        verifiee.problemes.append(f"Colonne(s) manquante(s) : {', '.join(manquantes)}.")
    for numero, ligne in enumerate(donnees, 2):
        a_retirer, a_verifier = _repartir(" ; ".join(ligne))
        verifiee.problemes += [f"Ligne {numero} — {_a_retirer(d)}" for d in a_retirer]
        verifiee.avertissements += [f"Ligne {numero} — {_a_verifier(d)}" for d in a_verifier]
    return verifiee


@dataclass
class RapportVerification:
    """Le rapport affiché à la personne : `ok`, `problemes` (phrases), `analyses` (critère → analyse)."""

    fichier: str
    ecrits: list[EcritVerifie] = field(default_factory=list)
    productions: list[ProductionVerifiee] = field(default_factory=list)
    problemes_code: list[str] = field(default_factory=list)
    problemes_autres: list[str] = field(default_factory=list)
    avertissements_code: list[str] = field(default_factory=list)
    avertissements_autres: list[str] = field(default_factory=list)
    erreur: str | None = None
    enregistre_le: datetime | None = None
    empreinte: Empreinte | None = None  # the collective part's fingerprint, to compare between team members
    _deja_affiche: bool = field(default=False, repr=False, compare=False)

    @property
    def analyses(self) -> dict[str, AnalyseReponse]:
        return {ecrit.critere: ecrit.analyse for ecrit in self.ecrits}

    @property
    def problemes(self) -> list[str]:
        if self.erreur:
            return [self.erreur]
        problemes = [f"{ecrit.nom} — {probleme}" for ecrit in self.ecrits for probleme in ecrit.problemes]
        problemes += [f"{p.nom} — {probleme}" for p in self.productions for probleme in p.problemes]
        return problemes + self.problemes_code + self.problemes_autres

    @property
    def avertissements(self) -> list[str]:
        """Points à vérifier (identification indirecte) : montrés, mais la copie reste prête à rendre."""
        if self.erreur:
            return []
        avertissements = [f"{ecrit.nom} — {a}" for ecrit in self.ecrits for a in ecrit.avertissements]
        avertissements += [f"{p.nom} — {a}" for p in self.productions for a in p.avertissements]
        return avertissements + self.avertissements_code + self.avertissements_autres

    @property
    def ok(self) -> bool:
        return not self.problemes

    # --- Affichage ---------------------------------------------------------------------------

    def _entete(self) -> str:
        texte = f"Vérification de “{self.fichier}”"
        if self.enregistre_le is not None:
            texte += f" (enregistré le {self.enregistre_le:%d/%m/%Y à %H:%M})"
        return texte

    def _bilan(self) -> str:
        a_verifier = len(self.avertissements)
        if self.ok and not a_verifier:
            return "Tout est prêt : vous pouvez rendre votre travail."
        if self.ok:
            return f"Vous pouvez rendre votre travail, après avoir relu {_points(a_verifier)} à vérifier."
        if self.erreur:
            return "La vérification n'a pas pu se faire."
        bilan = f"{_points(len(self.problemes))} à corriger avant de rendre votre travail"
        return bilan + (f", et {_points(a_verifier)} à vérifier." if a_verifier else ".")

    def _note_a_verifier(self) -> str | None:
        """Ce qu'il faut faire des points à vérifier, en nommant la règle du cours (titre lu dans sa source)."""
        if not self.avertissements:
            return None
        regle = regle_anonymisation().titre
        return (
            f"Les points « à vérifier » n'empêchent pas de rendre : relisez-les avec « {regle} » "
            "et ne gardez un nom d'employeur ou de commune que si personne ne peut être reconnu."
        )

    def _autres_sections(self) -> list[tuple[str, list[str], list[str]]]:
        """(titre, problèmes, points à vérifier) des sections hors écrits qui ont quelque chose à montrer."""
        sections = [
            ("Cellules de code", self.problemes_code, self.avertissements_code),
            ("Autres réponses", self.problemes_autres, self.avertissements_autres),
        ]
        return [section for section in sections if section[1] or section[2]]

    def _lignes_empreinte(self) -> list[str]:
        """The collective part's fingerprint: every member of the team must read the same code."""
        lignes = [
            f"Partie collective : empreinte {self.empreinte.empreinte}",
            "  - Comparez ce code avec celui des autres membres de l'équipe : s'il diffère, vos textes collectifs "
            "ne sont pas identiques (recollez le texte final de la personne secrétaire).",
        ]
        lignes += [f"  - {cle} : {code}" for cle, code in self.empreinte.cellules.items()]
        return lignes

    def __str__(self) -> str:
        lignes = [self._entete(), self._bilan()]
        if self.erreur:
            lignes.append(self.erreur)
            return "\n".join(lignes)
        for ecrit in [*self.ecrits, *self.productions]:
            lignes.append("")
            if ecrit.problemes or ecrit.avertissements:
                lignes.append(ecrit.resume)
                lignes += [f"  - {point}" for point in ecrit.problemes + ecrit.avertissements]
            else:
                lignes.append(f"{ecrit.resume} — rien à corriger.")
        for titre, problemes, avertissements in self._autres_sections():
            lignes += ["", titre]
            lignes += [f"  - {point}" for point in problemes + avertissements]
        if self.empreinte is not None:
            lignes += ["", *self._lignes_empreinte()]
        note = self._note_a_verifier()
        if note:
            lignes += ["", note]
        if not self.ok:
            lignes += ["", "Après vos corrections : enregistrez (Ctrl + S), puis relancez la vérification."]
        return "\n".join(lignes)

    def html(self) -> str:
        e = html.escape
        # The course's palette; the words say it (« Tout est prêt », « à corriger »), the colour only repeats it.
        fond, couleur = VERDICT_COLOURS[2] if self.ok else VERDICT_COLOURS[0]
        # A point to check, in brown: not an error (its text starts with « À vérifier »).
        li_a_verifier = f"<li style='color: {TEXT_COLOURS['orange']};'>{{}}</li>"
        morceaux = [
            f'<div style="border-left: 6px solid {couleur}; background: {fond}; padding: 0.6em 1em; '
            f'color: {INK}; line-height: 1.5;">',
            f'<div style="color: {MUTED}; font-size: 0.9em;">{e(self._entete())}</div>',
            f'<p style="color: {couleur}; font-weight: bold; font-size: 1.1em; margin: 0.3em 0;">'
            f"{e(self._bilan())}</p>",
        ]
        if self.erreur:
            morceaux.append(f"<p>{e(self.erreur)}</p>")
        else:
            for ecrit in [*self.ecrits, *self.productions]:
                if ecrit.problemes or ecrit.avertissements:
                    morceaux.append(f"<p style='margin: 0.6em 0 0.2em;'><b>{e(ecrit.resume)}</b></p><ul>")
                    morceaux += [f"<li>{e(probleme)}</li>" for probleme in ecrit.problemes]
                    morceaux += [li_a_verifier.format(e(point)) for point in ecrit.avertissements]
                    morceaux.append("</ul>")
                else:
                    morceaux.append(
                        f"<p style='margin: 0.6em 0 0.2em;'>✔ {e(ecrit.resume)} — rien à corriger.</p>"
                    )
            for titre, problemes, avertissements in self._autres_sections():
                morceaux.append(f"<p style='margin: 0.6em 0 0.2em;'><b>{e(titre)}</b></p><ul>")
                morceaux += [f"<li>{e(probleme)}</li>" for probleme in problemes]
                morceaux += [li_a_verifier.format(e(point)) for point in avertissements]
                morceaux.append("</ul>")
            if self.empreinte is not None:
                titre, *details = self._lignes_empreinte()
                morceaux.append(f"<p style='margin: 0.6em 0 0.2em;'><b>{e(titre)}</b></p><ul>")
                morceaux += [f"<li>{e(ligne.strip(' -'))}</li>" for ligne in details]
                morceaux.append("</ul>")
            note = self._note_a_verifier()
            if note:
                morceaux.append(f"<p>{e(note)}</p>")
            if not self.ok:
                morceaux.append(
                    "<p>Après vos corrections : enregistrez (<b>Ctrl + S</b>), puis relancez la vérification.</p>"
                )
        morceaux.append("</div>")
        return "\n".join(morceaux)

    def _ipython_display_(self) -> None:
        # Affiché par verifier_ma_copie pendant cette exécution de cellule : la valeur renvoyée
        # par la cellule ne doit pas l'afficher une seconde fois.
        if self._deja_affiche:
            return
        from IPython.display import display

        display({"text/plain": str(self), "text/html": self.html()}, raw=True)


def _afficher(rapport: RapportVerification) -> RapportVerification:
    """Affiche le rapport : en couleur dans JupyterLab, en texte ailleurs."""
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython est une dépendance du cours
        get_ipython = lambda: None  # noqa: E731
    shell = get_ipython()
    if shell is None:
        print(rapport)
        return rapport
    rapport._ipython_display_()
    rapport._deja_affiche = True

    def fin_de_cellule(*_args) -> None:
        # Dans les cellules suivantes, `rapport` tout seul réaffiche le rapport.
        rapport._deja_affiche = False
        shell.events.unregister("post_run_cell", fin_de_cellule)

    shell.events.register("post_run_cell", fin_de_cellule)
    return rapport


def _code_a_completer(source: str) -> bool:
    """Encore le texte de départ (`NotImplementedError`), ou plus aucune ligne de code."""
    if "NotImplementedError" in source:
        return True
    lignes = [ligne.strip() for ligne in source.splitlines()]
    return not any(ligne and not ligne.startswith("#") for ligne in lignes)


_NUMERO_D_ECRIT = re.compile(r"\s*#{1,6}\s*Écrit\s+(\d+)")


def _numero_d_ecrit(cellules: list, index: int, grade_id: str) -> str | None:
    """Le numéro « Écrit 3 » lu dans la consigne de cet écrit (grade_id « consigne_<grade_id> »),
    ou à défaut dans la cellule de texte juste au-dessus de la réponse."""
    consignes = [
        c for c in cellules if c.get("metadata", {}).get("nbgrader", {}).get("grade_id") == f"consigne_{grade_id}"
    ]
    if index > 0:
        consignes.append(cellules[index - 1])
    for consigne in consignes:
        m = _NUMERO_D_ECRIT.match(_texte(consigne)) if consigne.get("cell_type") == "markdown" else None
        if m:
            return m.group(1)
    return None


def _texte(cellule: dict) -> str:
    source = cellule.get("source", "")
    return "".join(source) if isinstance(source, list) else str(source)


def _lire(chemin: Path, nom: str) -> dict | str:
    """Le notebook (JSON brut : plus rapide à charger que nbformat), ou le message d'erreur à montrer."""
    conseil = (
        "rouvrez-le dans JupyterLab, enregistrez-le (Ctrl + S), puis relancez la vérification. "
        "Si le problème continue, prévenez votre formateur ou votre formatrice."
    )
    try:
        contenu = json.loads(chemin.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError):
        return f"Le fichier “{nom}” n'est pas un notebook lisible (son contenu JSON est abîmé) : {conseil}"
    except OSError:
        return f"Le fichier “{nom}” ne peut pas être ouvert : {conseil}"
    is_v4 = isinstance(contenu, dict) and contenu.get("nbformat") == 4
    cellules = contenu.get("cells") if is_v4 else None
    if not isinstance(cellules, list) or not all(isinstance(c, dict) for c in cellules):
        # JSON correct mais pas un notebook : structure inattendue, version inconnue…
        return f"Le fichier “{nom}” n'est pas un notebook Jupyter valide : {conseil}"
    return contenu


def _verifier_piste(ecrit: EcritVerifie, source: str, terrain: dict | None, dossier: Path) -> None:
    """Which track a fieldwork writing declares on its first line; on the terrain track, the learner's data."""
    from . import terrain as terrain_module  # pandas and the codebook only for fieldwork writings

    piste = terrain_module.lire_piste(source)
    if piste is None:
        ecrit.autres_problemes.append(
            "Première ligne : indiquez la piste choisie, « Piste : exercice » (la situation du devoir) ou "
            "« Piste : terrain » (vos propres données)."
        )
        return
    if piste == terrain_module.EXERCICE or not terrain:
        ecrit.piste = piste
        return
    fichier = terrain["fichier"]
    if not (dossier / fichier).is_file():
        ecrit.piste = "terrain"
        ecrit.autres_problemes.append(
            f"Piste terrain : le fichier « {fichier} » est absent à côté du notebook : saisissez vos relevés avec "
            "l'outil de saisie, ou écrivez « Piste : exercice »."
        )
        return
    try:
        dictionnaire = terrain_module.lire_dictionnaire(terrain["dictionnaire"], dossier)
        problemes = terrain_module.valider_terrain(dossier / fichier, dictionnaire)
        lignes = 0 if problemes else len(terrain_module.charger_terrain(dossier / fichier, dictionnaire))
    except Exception as exc:  # a broken codebook or file: say it, the rest of the check goes on
        problemes, lignes = [str(exc)], 0
    if problemes:
        ecrit.piste = "terrain"
        ecrit.autres_problemes += [f"Piste terrain : {probleme}" for probleme in problemes[:5]]
        if len(problemes) > 5:
            ecrit.autres_problemes.append(f"Piste terrain : … et {len(problemes) - 5} autre(s) problème(s).")
    else:
        ecrit.piste = f"terrain ({fichier} : {lignes} ligne{'s' if lignes > 1 else ''} valide{'s' if lignes > 1 else ''})"


def verifier_ma_copie(notebook: str | Path) -> RapportVerification:
    """Vérifie le notebook enregistré avant de le rendre, affiche le rapport et le renvoie.

    Le rapport s'affiche en couleur dans JupyterLab, en texte ailleurs (`print(rapport)`).
    """
    nom = str(notebook)
    chemin = Path(notebook).expanduser()
    if not chemin.is_file() and chemin.suffix != ".ipynb" and chemin.with_name(chemin.name + ".ipynb").is_file():
        chemin = chemin.with_name(chemin.name + ".ipynb")
    if not chemin.is_file():
        introuvable = (
            f"Le fichier “{nom}” est introuvable : vérifiez le nom et enregistrez le notebook (Ctrl + S)."
        )
        return _afficher(RapportVerification(nom, erreur=introuvable))
    lu = _lire(chemin, nom)
    if isinstance(lu, str):
        return _afficher(RapportVerification(nom, erreur=lu))
    rapport = RapportVerification(nom, enregistre_le=datetime.fromtimestamp(chemin.stat().st_mtime))

    cellules = lu["cells"]
    numero_code = 0
    reponses_libres = 0
    for index, cellule in enumerate(cellules):
        nbgrader = cellule.get("metadata", {}).get("nbgrader", {}) or {}
        casp = cellule.get("metadata", {}).get("casp", {}) or {}
        source = _texte(cellule)
        grade_id = nbgrader.get("grade_id", "?")
        if "words" in casp and "parts" in casp:
            numero = _numero_d_ecrit(cellules, index, grade_id) or str(len(rapport.ecrits) + 1)
            critere = casp.get("criterion", grade_id)
            ecrit = EcritVerifie(
                nom=f"Écrit {numero} (critère {critere})",
                critere=critere,
                analyse=analyser_reponse(source, casp["words"], casp["parts"]),
            )
            if casp.get("pistes"):
                _verifier_piste(ecrit, source, casp.get("terrain"), chemin.parent)
            if cellule.get("cell_type") != "markdown":
                ecrit.autres_problemes.append(
                    "Cette cellule de réponse n'est plus une cellule de texte : cliquez dedans, puis choisissez "
                    "« Markdown » dans la liste en haut du notebook."
                )
            rapport.ecrits.append(ecrit)
        elif "production" in casp:
            critere = casp.get("criterion", grade_id)
            nom_production = f"Production {len(rapport.productions) + 1} (critère {critere})"
            rapport.productions.append(verifier_production(nom_production, critere, casp["production"], chemin.parent))
        elif nbgrader.get("solution") and cellule.get("cell_type") == "code":
            numero_code += 1
            lieu = f"Question de code n° {numero_code} ({grade_id})"
            if _code_a_completer(source):
                rapport.problemes_code.append(f"{lieu} — Cellule de code à compléter.")
            a_retirer, a_verifier = _repartir(source)
            rapport.problemes_code += [f"{lieu} — {_a_retirer(d)}" for d in a_retirer]
            rapport.avertissements_code += [f"{lieu} — {_a_verifier(d)}" for d in a_verifier]
        elif nbgrader.get("solution") and cellule.get("cell_type") == "markdown":
            reponses_libres += 1
            lieu = f"Réponse écrite ({grade_id})"
            a_retirer, a_verifier = _repartir(source)
            rapport.problemes_autres += [f"{lieu} — {_a_retirer(d)}" for d in a_retirer]
            rapport.avertissements_autres += [f"{lieu} — {_a_verifier(d)}" for d in a_verifier]
    if any(est_collective(c) for c in cellules):
        rapport.empreinte = empreinte_collective(chemin)
    if not rapport.ecrits and not rapport.productions and not numero_code and not reponses_libres:
        rapport.erreur = (
            f"Aucune réponse trouvée dans “{nom}” (ni écrit, ni cellule de code à compléter) : vérifiez que "
            "c'est bien le notebook du devoir et qu'il est enregistré (Ctrl + S)."
        )
    return _afficher(rapport)
