"""Repérer les données personnelles dans un écrit avant de le rendre.

Les écrits portent sur des situations d'accompagnement : la personne en formation doit les
anonymiser (initiales « Mme K. » ou prénom fictif du cas). Ce module repère ce qui permettrait
d'identifier quelqu'un : téléphone, courriel, numéro de sécurité sociale, adresse exacte, nom complet.

Le repérage est volontairement prudent : il vaut mieux laisser passer un cas rare que signaler
à tort « le 115 », « 1 250 € », « France Travail » ou « Mme K. », ce qui ferait perdre confiance
dans la vérification. Chaque catégorie a sa propre expression régulière ou petite fonction,
avec la raison de ses choix.

    >>> [d.categorie for d in detecter_donnees_personnelles("Mme Dupont : 06 12 34 56 78")]
    ['nom complet', 'téléphone']
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

TELEPHONE = "téléphone"
COURRIEL = "courriel"
NIR = "numéro de sécurité sociale"
ADRESSE = "adresse"
NOM_COMPLET = "nom complet"
CATEGORIES = (TELEPHONE, COURRIEL, NIR, ADRESSE, NOM_COMPLET)

__all__ = ["CATEGORIES", "DonneePersonnelle", "detecter_donnees_personnelles"]


@dataclass(frozen=True)
class DonneePersonnelle:
    """Une donnée personnelle trouvée : sa catégorie, le texte exact et sa position (indice de début)."""

    categorie: str
    extrait: str
    position: int

    @property
    def fin(self) -> int:
        return self.position + len(self.extrait)

    def __str__(self) -> str:
        return f"{self.categorie} : « {self.extrait} »"


# Espaces qu'on trouve entre deux mots : espace, espace insécable, espace fine insécable.
_ESPACE = "[ \u00a0\u202f]"

# ---------------------------------------------------------------------------------------------
# Téléphone
# ---------------------------------------------------------------------------------------------
# Un numéro français a 10 chiffres commençant par 0 (ou +33 / 0033 suivi de 9 chiffres), écrits
# par paires. Le séparateur (espace, point, tiret ou rien) doit être le même partout : c'est ce qui
# distingue un numéro d'une suite de nombres. Sans 0 initial ni +33, rien n'est signalé : les années,
# les montants (« 1 250 € »), les dates (« 12/03/2024 ») et les numéros courts (115, 3919) passent.
_TELEPHONE = re.compile(
    r"""
    (?<![\w+])                                      # pas collé à un mot ou à un autre nombre
    (?:
        (?:\+|00)33 [ \u00a0\u202f]?                # indicatif international
        (?:\(0\) [ \u00a0\u202f]?)?                 # « +33 (0)1 … »
        [1-9]
      | 0[1-9]                                      # 01 … 09
    )
    (?P<sep>[ \u00a0\u202f.\-]?) \d{2} (?:(?P=sep)\d{2}){3}
    (?!\d)
    """,
    re.VERBOSE,
)


def _telephones(texte: str) -> list[DonneePersonnelle]:
    """Numéros de téléphone français : 06 12 34 56 78, 06.12.34.56.78, 0612345678, +33 6 12 34 56 78…"""
    return [DonneePersonnelle(TELEPHONE, m.group(), m.start()) for m in _TELEPHONE.finditer(texte)]


# ---------------------------------------------------------------------------------------------
# Courriel
# ---------------------------------------------------------------------------------------------
# Forme habituelle nom@domaine.extension ; l'extension finale est faite de lettres (.fr, .com).
_COURRIEL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[^\W\d_]{2,}(?![\w-])")


def _courriels(texte: str) -> list[DonneePersonnelle]:
    """Adresses électroniques : une adresse courriel identifie presque toujours une personne."""
    return [DonneePersonnelle(COURRIEL, m.group(), m.start()) for m in _COURRIEL.finditer(texte)]


# ---------------------------------------------------------------------------------------------
# Numéro de sécurité sociale (NIR)
# ---------------------------------------------------------------------------------------------
# 13 caractères + clé facultative de 2 chiffres : sexe (1, 2, 7 ou 8), année (2 chiffres),
# mois (01-12, ou 20-42 et 50-99 pour les naissances à l'étranger ou mal connues), département
# (2 chiffres, ou 2A / 2B pour la Corse), commune (3 chiffres), rang (3 chiffres). Les groupes
# peuvent être séparés par une espace ou un point. On exige cette structure et l'absence de chiffre
# juste avant ou après : un SIRET (14 chiffres) ou un numéro de dossier quelconque ne passe pas.
_S = r"[ \u00a0\u202f.]?"
_NIR = re.compile(
    rf"""
    (?<!\w)
    [1278] {_S} \d{{2}} {_S} (?:0[1-9]|1[0-2]|[23]\d|4[0-2]|[5-9]\d) {_S}
    (?:\d{{2}}|2[AaBb]) {_S} \d{{3}} {_S} \d{{3}}
    (?: {_S} \d{{2}})?
    (?!\w)
    """,
    re.VERBOSE,
)


def _nirs(texte: str) -> list[DonneePersonnelle]:
    """Numéros de sécurité sociale, avec ou sans espaces, avec ou sans clé."""
    return [DonneePersonnelle(NIR, m.group(), m.start()) for m in _NIR.finditer(texte)]


# ---------------------------------------------------------------------------------------------
# Adresse exacte
# ---------------------------------------------------------------------------------------------
# Une adresse exacte, c'est un numéro + un type de voie + un nom (« 12 rue des Lilas »),
# éventuellement suivi d'un code postal et d'une ville. Sans numéro, rien n'est signalé :
# « dans la rue », « place de la République », « le 115 », « article 12 » passent.
# Certains types de voie sont aussi des mots courants (« 3 cours de français », « 1 place en
# crèche », « 1 résidence sociale ») : pour eux, le nom de la voie doit commencer par une majuscule.
_LETTRE = r"[^\W\d_]"
_MAJUSCULE = r"[A-ZÀ-ÖØ-ÞŒ]"
_MOT = rf"{_LETTRE}+(?:[-'’]{_LETTRE}+)*"
_MOT_CAPITALISE = rf"{_MAJUSCULE}{_LETTRE}*(?:[-'’]{_LETTRE}+)*"
_PARTICULE = rf"(?:(?i:de|du|des|la|le|les|aux|au|en|sur|sous){_ESPACE}+|(?i:d|l)['’])"
_VOIE_SURE = r"(?i:rue|ruelle|avenue|av\.|boulevard|bd\.?|bld\.?|allée|impasse|imp\.|quai|lotissement|voie)"
_VOIE_AMBIGUE = (
    r"(?i:place|cours|chemin|route|square|résidence|cité|passage|sentier|hameau|faubourg|"
    r"promenade|esplanade|parvis|villa|rond-point|domaine|chaussée|clos|quartier)"
)
_ADRESSE = re.compile(
    rf"""
    (?<![\w,.])                                           # pas la fin d'un autre nombre
    \d{{1,4}} (?:{_ESPACE}?(?i:bis|ter|quater)\b|[A-Da-d]\b)?   # numéro : 12, 12 bis, 12B
    ,? {_ESPACE}+
    (?:
        {_VOIE_SURE} {_ESPACE}+ {_PARTICULE}* {_MOT}
      | {_VOIE_AMBIGUE} {_ESPACE}+ {_PARTICULE}* {_MOT_CAPITALISE}
    )
    (?: {_ESPACE}+ {_PARTICULE}* {_MOT_CAPITALISE} )*     # suite du nom : « Victor Hugo »
    (?: ,? {_ESPACE}+ \d{{5}} (?: {_ESPACE}+ {_MOT_CAPITALISE} (?:[{_ESPACE[1:-1]}-]+{_MOT_CAPITALISE})* )? )?
    """,
    re.VERBOSE,
)


def _adresses(texte: str) -> list[DonneePersonnelle]:
    """Adresses postales exactes : numéro + type de voie + nom, code postal et ville éventuels."""
    return [DonneePersonnelle(ADRESSE, m.group(), m.start()) for m in _ADRESSE.finditer(texte)]


# ---------------------------------------------------------------------------------------------
# Nom complet
# ---------------------------------------------------------------------------------------------
# Un prénom seul (« Karima ») ou une initiale (« Mme K. », « Karima B. ») sont les formes
# d'anonymisation recommandées : ils ne sont pas signalés. Sont signalés :
#   1. une civilité suivie d'un nom : « Mme Dupont », « Monsieur Martin », « M. Benali » ;
#   2. un prénom (ou un mot capitalisé) suivi d'un nom en MAJUSCULES : « Karima BENALI »,
#      ou l'ordre administratif « BENALI Karima » ;
#   3. un prénom courant suivi d'un mot capitalisé qui n'est pas un mot courant ni un
#      morceau de nom d'institution : « Karima Benali » (mais pas « Karima Accueil »).
# Un mot capitalisé en début de phrase n'est jamais pris pour un prénom : il faut qu'il soit
# dans la liste des prénoms (règle 3), et la ponctuation sépare toujours deux phrases.

# Environ 300 prénoms courants en France, d'origines variées (comparés sans accents ni casse).
_PRENOMS_TEXTE = """
    Marie Anne Catherine Isabelle Nathalie Sylvie Christine Martine Françoise Monique Nicole
    Brigitte Véronique Sandrine Valérie Sophie Céline Stéphanie Laurence Patricia Chantal Corinne
    Aurélie Émilie Julie Camille Léa Manon Chloé Emma Inès Jade Louise Alice Lina Léna Zoé Sarah
    Laura Pauline Marion Caroline Élodie Audrey Mélanie Virginie Delphine Hélène Florence Agnès
    Claire Juliette Charlotte Mathilde Clara Anaïs Océane Justine Margaux Lucie Jeanne Rose Anna
    Eva Ambre Romane Lola Nina Maëlys Elsa Jessica Vanessa Cindy Kelly Coralie Jennifer Mireille
    Josiane Jacqueline Danielle Odile Yvette Simone Colette Denise Germaine Paulette Suzanne
    Madeleine Geneviève Nadège Gisèle Annie Éloïse Solène Amandine Morgane Gaëlle
    Fatima Fatiha Aïcha Amina Karima Nadia Samira Leïla Malika Khadija Yasmina Nora Sabrina Farida
    Rachida Naïma Zohra Myriam Meriem Salima Souad Hanane Imane Sana Yasmine Assia Kenza Dounia
    Nawel Sonia Zineb Hafsa Latifa Djamila Louisa Mariam Safia Siham Warda
    Fatoumata Aminata Mariama Awa Aïssatou Binta Kadiatou Hawa Oumou Ramatoulaye Coumba Adama
    Grâce Prisca Esther Ruth Déborah Rebecca Rachel Ornella Christelle Chancelle Gloria
    Ana Maria Fernanda Sofia Olga Natalia Tatiana Svetlana Irina Elena Ioana Mihaela Anastasia
    Katarzyna Agnieszka Zeynep Elif Ayşe Emine Hatice Dilan Linh Mei Yuki Priya Sabine
    Jean Pierre Michel Philippe Alain Patrick Nicolas Christophe Daniel Bernard Éric Frédéric
    Laurent Stéphane David Olivier Pascal Thierry Sébastien Julien Jacques Gérard Didier Dominique
    Vincent François Thomas Antoine Alexandre Maxime Guillaume Romain Kévin Jérôme Franck Bruno
    Serge Marc Yves Claude René Robert Roger Louis Paul Henri André Marcel Georges Raymond Lucas
    Hugo Léo Gabriel Arthur Jules Raphaël Nathan Ethan Noah Adam Mathis Théo Tom Enzo Baptiste
    Quentin Florian Anthony Jordan Dylan Mickaël Cédric Fabrice Ludovic Arnaud Benoît Damien
    Grégory Yannick Mathieu Matthieu Samuel Benjamin Simon Martin Victor Clément Adrien Valentin
    Gilles Hervé Lionel Jérémy Loïc Yann Killian Emmanuel Christian Joseph Richard Michaël
    Mohamed Mohammed Mehdi Karim Rachid Farid Nordine Abdel Abdelkader Ahmed Ali Hamid Saïd
    Youssef Yassine Bilal Samir Nabil Sofiane Kamel Hakim Mourad Mustapha Omar Brahim Ibrahim
    Ismaël Ilyes Rayan Amine Walid Khaled Hassan Hocine Djamel Malik Nassim Redouane Zakaria Anis
    Moussa Mamadou Ousmane Amadou Abdoulaye Ibrahima Boubacar Souleymane Seydou Modibo Cheikh
    Idrissa Lamine Bakary Issa Youssouf Aliou Sékou Oumar Dieudonné Josué Élie Moïse Aaron Junior
    João José Manuel Carlos Paulo António Miguel Luis Diego Alexandru Ion Mihai Andrei Vasile
    Dmitri Ivan Igor Piotr Tomasz Artur Arben Besnik Mehmet Mustafa Ahmet Murat Emre Hüseyin
    Kemal Anh Minh Duc Wei Hao Raj Arjun Tenzin Sacha Noé Timothée Axel Jonathan Steve
    Yanis Wassim Ilan Imran Kylian Nour Lyna Maïssa Fatou Rokia Nassima Anissa Jordan Bryan
"""

# Prénoms qui sont aussi des noms de famille fréquents : « Monsieur Martin » reste un nom complet.
_PRENOMS_AUSSI_NOMS_TEXTE = """
    Martin Bernard Thomas Robert Richard Laurent Simon Michel David Vincent André François
    Clément Nicolas Mathieu Denis Lucas Arnaud Gérard Roger Olivier Philippe Pierre Benoît
    Guillaume Jean Hubert Louis Adam Charles Hervé Julien Daniel Germain Rémy Antoine Gilbert
    Henry Marie Noël Colin Robin Lambert Bertrand Jacob Joseph Victor Marcel Georges Paul Maxime
"""

# Mots qui, capitalisés, ne sont pas des noms de famille : mots outils (débuts de phrase),
# jours, mois, titres, et morceaux de noms d'institutions (« France Travail », « Mission locale »,
# « Croix-Rouge », « Maison Départementale des Solidarités »…).
_MOTS_COURANTS_TEXTE = """
    le la les l un une des du de d au aux ce cet cette ces son sa ses leur leurs mon ma mes notre
    nos votre vos il elle ils elles on nous vous je tu lui eux qui que quoi dont où et ou mais donc
    or ni car puis ensuite alors enfin depuis pour avec sans dans en chez par sur sous selon lors
    après avant quand si comme aussi très plus moins bien déjà encore toujours jamais parfois
    souvent aujourd hier demain ici là oui non merci bonjour bonsoir tout tous toute toutes
    lundi mardi mercredi jeudi vendredi samedi dimanche janvier février mars avril mai juin juillet
    août septembre octobre novembre décembre
    madame monsieur mademoiselle mme mlle docteur maître directeur directrice président présidente
    maire juge procureur préfet préfète adjoint adjointe chef cheffe responsable référent référente
    travail emploi accueil locale local mission pôle croix rouge secours populaire catholique
    restos cœur coeur emmaüs habitat humanisme solidarité solidarités social sociale sociaux
    sociales santé logement insertion formation jeunesse famille familles familiale familiales
    enfance handicap autonomie service services centre maison association fondation conseil
    département départemental départementale région régional régionale mairie préfecture tribunal
    justice police gendarmerie caisse allocations assurance maladie retraite agence direction
    hôpital clinique foyer résidence hébergement urgence urgences accompagnement écoute entraide
    avenir espoir relais passerelle tremplin projet plan diagnostic hypothèse hypothèses objectif
    objectifs synthèse situation évaluation analyse parcours contexte demande besoins ressources
    dossier contrat dispositif rendez-vous entretien orientation inscription réunion équipe
    france ville métropole commune paris lyon marseille lille toulouse bordeaux nantes
    strasbourg nice montpellier rennes europe afrique algérie maroc tunisie sénégal mali
    national nationale public publique général générale attention
"""

# Sigles du travail social et mots souvent écrits en majuscules : jamais un nom de famille.
_SIGLES_TEXTE = """
    rsa caf ccas cias chrs chu siao aah apl als alf mdph cpam cmu css ase pmi cmp cmpp cada huda
    ofii ofpra cnda dalo daho fsl spip pjj aemo aed mecs esat ehpad savs samsah sessad ime itep
    iae aci ei etti cv cdi cdd ctt rqth ppae cej pacea epide afpa greta cap bep bts bac deaes deass
    deeje cesf casp rncp vae nir sdf apa pch aspa ame puma tj jaf samu smur urssaf msa carsat
    ddets dreets dihal anah hlm oph siret tpe pme sas sarl ong ue pass ars crous clic caces fle
    delf dilf cpf cir adil cidff csapa caarud ft ml cio qpv sdis gip sia asv smic tva rdv tel
    cer pae pmsmp epci cesu agefiph cnaf cnav udaf unaf insee drees dares cnil rgpd onisep cnam
    nb ps ok urgent important attention non oui fin total nom prenom age adresse date et ou le
    la les de du des au aux pour avec sur
"""

# Mots qui, placés juste avant un « prénom + nom », en font un nom de lieu ou d'établissement :
# « lycée Victor Hugo », « CHRS Louise Michel », « avenue Jean Jaurès ».
_MOTS_LIEUX_TEXTE = """
    lycée collège école université hôpital clinique centre foyer résidence maison espace salle
    stade gymnase rue avenue boulevard place allée quai square impasse cité quartier parc jardin
    pont gare station métro chrs association fondation institut ime itep esat ehpad crèche
    médiathèque bibliothèque théâtre musée campus bâtiment pavillon groupe internat prix
    fédération chu
"""

_CIVILITES_ABREGEES = frozenset({"M", "Mr", "Mme", "Mlle", "Melle", "Mmes", "MM", "Dr", "Pr"})
_CIVILITES_LONGUES = frozenset({"monsieur", "madame", "mademoiselle", "docteur", "docteure"})
_PARTICULES_NOM = frozenset({"de", "du", "des", "le", "la", "van", "von", "ben", "el", "da", "di",
                             "dos", "das", "mac", "ould", "ait", "abd"})


def _cle(mot: str) -> str:
    """Forme de comparaison : minuscules, sans accents (« Éloïse » → « eloise »)."""
    decompose = unicodedata.normalize("NFD", mot.casefold())
    return "".join(c for c in decompose if not unicodedata.combining(c)).replace("’", "'")


def _ensemble(texte: str) -> frozenset[str]:
    return frozenset(_cle(mot) for mot in texte.split())


PRENOMS = _ensemble(_PRENOMS_TEXTE)
_PRENOMS_AUSSI_NOMS = _ensemble(_PRENOMS_AUSSI_NOMS_TEXTE)
_MOTS_COURANTS = _ensemble(_MOTS_COURANTS_TEXTE)
_SIGLES = _ensemble(_SIGLES_TEXTE)
_MOTS_LIEUX = _ensemble(_MOTS_LIEUX_TEXTE)

# Un mot : lettres, éventuellement reliées par un trait d'union ou une apostrophe (« N'Diaye »).
_JETON = re.compile(_MOT)
# Élision en minuscules devant un nom (« d'Ahmed ») : on ne garde que ce qui suit l'apostrophe.
_ELISION = re.compile(r"^(?:[dlnjmtsc]|qu|jusqu|lorsqu|puisqu)['’](?=\w)")
_BLANC_ENTRE_MOTS = re.compile(f"{_ESPACE}+")
_BLANC_APRES_CIVILITE = re.compile(rf"\.?{_ESPACE}+")


@dataclass(frozen=True)
class _Jeton:
    debut: int
    fin: int
    mot: str


def _jetons(texte: str) -> list[_Jeton]:
    jetons = []
    for m in _JETON.finditer(texte):
        debut, mot = m.start(), m.group()
        elision = _ELISION.match(mot)
        if elision:
            debut, mot = debut + elision.end(), mot[elision.end():]
        jetons.append(_Jeton(debut, m.end(), mot))
    return jetons


def _est_capitalise(mot: str) -> bool:
    """« Benali », « Le-Gall », « N'Diaye » : majuscule initiale, au moins une minuscule, 2 lettres ou plus."""
    return len(mot) >= 2 and mot[0].isupper() and any(c.islower() for c in mot)


def _est_nom_majuscule(mot: str) -> bool:
    """« BENALI » : tout en majuscules, avec une voyelle (les sigles comme CHRS n'en ont souvent pas)."""
    lettres = _cle(mot)
    return (
        len(mot) >= 2
        and mot.isupper()
        and any(v in lettres for v in "aeiouy")
        and lettres not in _SIGLES
    )


def _est_prenom(mot: str) -> bool:
    """Prénom de la liste, y compris composé (« Jean-Pierre », « Marie-Claire »)."""
    cle = _cle(mot)
    return cle in PRENOMS or ("-" in cle and all(part in PRENOMS for part in cle.split("-")))


def _est_mot_courant(mot: str) -> bool:
    """Mot courant, y compris en tête d'un mot composé (« Elle-même », « Croix-Rouge »)."""
    cle = _cle(mot)
    return cle in _MOTS_COURANTS or cle.split("-")[0] in _MOTS_COURANTS


def _ressemble_a_un_nom(mot: str) -> bool:
    return (_est_capitalise(mot) or _est_nom_majuscule(mot)) and not _est_mot_courant(mot)


def _colles(texte: str, avant: _Jeton, apres: _Jeton, blanc: re.Pattern = _BLANC_ENTRE_MOTS) -> bool:
    """Deux mots séparés seulement par des espaces (pas de ponctuation ni de retour à la ligne)."""
    return blanc.fullmatch(texte, avant.fin, apres.debut) is not None


def _est_civilite(texte: str, jetons: list[_Jeton], i: int) -> bool:
    mot = jetons[i].mot
    if i + 1 >= len(jetons):
        return False
    if mot in _CIVILITES_ABREGEES:
        return _colles(texte, jetons[i], jetons[i + 1], _BLANC_APRES_CIVILITE)
    return _cle(mot) in _CIVILITES_LONGUES and _colles(texte, jetons[i], jetons[i + 1])


def _suite_du_nom(texte: str, jetons: list[_Jeton], j: int) -> int:
    """Indice du dernier mot du nom qui commence au mot j (particules comprises), ou j - 1 s'il n'y en a pas."""
    premier, dernier = j, j - 1
    while j < len(jetons) and (j == premier or _colles(texte, jetons[j - 1], jetons[j])):
        mot = jetons[j].mot
        suivant_est_un_nom = (
            j + 1 < len(jetons)
            and _colles(texte, jetons[j], jetons[j + 1])
            and _ressemble_a_un_nom(jetons[j + 1].mot)
        )
        if _cle(mot) in _PARTICULES_NOM and suivant_est_un_nom:
            dernier, j = j + 1, j + 2  # « Le Gall », « de Villiers », « Ben Ali »
        elif _ressemble_a_un_nom(mot):
            dernier, j = j, j + 1
        else:
            break
    return dernier


def _nom_apres_civilite(texte: str, jetons: list[_Jeton], i: int) -> int | None:
    """Règle 1 : « Mme Dupont », « Monsieur Martin », « Madame Fatoumata Diallo ».

    « Madame Karima » (civilité + prénom fictif du cas) n'est pas signalé, sauf si ce prénom est
    aussi un nom de famille fréquent (« Monsieur Martin »).
    """
    if not _est_civilite(texte, jetons, i):
        return None
    dernier = _suite_du_nom(texte, jetons, i + 1)
    if dernier <= i:
        return None
    if dernier == i + 1:
        mot = jetons[i + 1].mot
        if _est_prenom(mot) and _cle(mot) not in _PRENOMS_AUSSI_NOMS:
            return None
    return dernier


def _prenom_et_nom(texte: str, jetons: list[_Jeton], i: int) -> int | None:
    """Règles 2 et 3 : « Karima BENALI », « BENALI Karima », « Karima Benali »."""
    if i + 1 >= len(jetons) or not _colles(texte, jetons[i], jetons[i + 1]):
        return None
    if i > 0 and _colles(texte, jetons[i - 1], jetons[i]) and _cle(jetons[i - 1].mot) in _MOTS_LIEUX:
        return None  # « lycée Victor Hugo », « CHRS Louise Michel »
    premier, second = jetons[i].mot, jetons[i + 1].mot
    if _est_nom_majuscule(second) and (
        _est_prenom(premier)
        or (_est_capitalise(premier) and not _est_mot_courant(premier) and len(second) >= 4)
    ):
        fin = i + 1  # « Karima BENALI », « Karima BEN ALI »
        while fin + 1 < len(jetons) and _colles(texte, jetons[fin], jetons[fin + 1]) and _est_nom_majuscule(
            jetons[fin + 1].mot
        ):
            fin += 1
        return fin
    if _est_nom_majuscule(premier) and len(premier) >= 3 and _est_prenom(second):
        return i + 1  # « BENALI Karima »
    if _est_capitalise(premier) and _est_prenom(premier) and _est_capitalise(second):
        dernier = _suite_du_nom(texte, jetons, i + 1)  # « Karima Benali », « Jean-Pierre Le Gall »
        return dernier if dernier > i else None
    return None


def _noms_complets(texte: str) -> list[DonneePersonnelle]:
    """Noms complets : civilité + nom, prénom + NOM, prénom courant + Nom (voir les règles ci-dessus)."""
    jetons = _jetons(texte)
    trouves = []
    i = 0
    while i < len(jetons):
        dernier = _nom_apres_civilite(texte, jetons, i)
        if dernier is None:
            dernier = _prenom_et_nom(texte, jetons, i)
        if dernier is None:
            i += 1
            continue
        debut = jetons[i].debut
        trouves.append(DonneePersonnelle(NOM_COMPLET, texte[debut : jetons[dernier].fin], debut))
        i = dernier + 1
    return trouves


# Ordre de priorité quand deux repérages se chevauchent : le plus spécifique gagne.
_DETECTEURS = (_courriels, _nirs, _telephones, _adresses, _noms_complets)


def detecter_donnees_personnelles(texte: str) -> list[DonneePersonnelle]:
    """Toutes les données personnelles repérées dans `texte`, dans l'ordre du texte.

    Quand deux repérages se chevauchent (« 12 rue Victor Hugo » est une adresse qui contient
    « Victor Hugo »), on garde celui qui commence le plus tôt, puis le plus long, puis le plus
    spécifique (courriel, sécurité sociale, téléphone, adresse, nom complet).
    """
    candidats = [
        (d.position, -len(d.extrait), rang, d)
        for rang, detecteur in enumerate(_DETECTEURS)
        for d in detecteur(texte)
    ]
    gardes: list[DonneePersonnelle] = []
    fin_precedente = -1
    for _, _, _, donnee in sorted(candidats, key=lambda c: c[:3]):
        if donnee.position >= fin_precedente:
            gardes.append(donnee)
            fin_precedente = donnee.fin
    return gardes
