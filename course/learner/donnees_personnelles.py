"""Repérer les données personnelles dans un écrit avant de le rendre.

Les écrits portent sur des situations d'accompagnement : la personne en formation doit les
anonymiser (initiales « Mme K. » ou prénom fictif du cas). Ce module applique la règle
d'anonymisation du cours (`regle_anonymisation.yaml`) à deux niveaux :

- « à retirer » : ce qui identifie directement quelqu'un (téléphone, courriel, numéro de
  sécurité sociale, adresse exacte, nom complet, date de naissance exacte) ;
- « à vérifier » : ce qui peut identifier indirectement, en recoupant (un employeur ou une
  commune nommés à côté d'une situation personnelle). C'est un avertissement : la personne
  relit et décide, la copie peut être rendue.

Le repérage est volontairement prudent : il vaut mieux laisser passer un cas rare que signaler
à tort « le 115 », « 1 250 € », « France Travail » ou « Mme K. », ce qui ferait perdre confiance
dans la vérification. Chaque catégorie a sa propre expression régulière ou petite fonction,
avec la raison de ses choix.

    >>> [d.categorie for d in detecter_donnees_personnelles("Mme Dupont : 06 12 34 56 78")]
    ['nom complet', 'téléphone']
    >>> [(d.categorie, d.extrait, d.niveau) for d in detecter_donnees_personnelles("Elle vit à Tulle.")]
    [('commune nommée', 'Tulle', 'à vérifier')]
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Identification directe : jamais (niveau « à retirer »).
TELEPHONE = "téléphone"
COURRIEL = "courriel"
NIR = "numéro de sécurité sociale"
ADRESSE = "adresse"
NOM_COMPLET = "nom complet"
DATE_DE_NAISSANCE = "date de naissance"
# Identification indirecte : à éviter (niveau « à vérifier »).
EMPLOYEUR = "employeur nommé"
COMMUNE = "commune nommée"

CATEGORIES_DIRECTES = (TELEPHONE, COURRIEL, NIR, ADRESSE, NOM_COMPLET, DATE_DE_NAISSANCE)
CATEGORIES_INDIRECTES = (EMPLOYEUR, COMMUNE)
CATEGORIES = CATEGORIES_DIRECTES + CATEGORIES_INDIRECTES

A_RETIRER = "à retirer"
A_VERIFIER = "à vérifier"

__all__ = [
    "A_RETIRER",
    "A_VERIFIER",
    "CATEGORIES",
    "CATEGORIES_DIRECTES",
    "CATEGORIES_INDIRECTES",
    "DonneePersonnelle",
    "detecter_donnees_personnelles",
]


@dataclass(frozen=True)
class DonneePersonnelle:
    """Une donnée personnelle trouvée : sa catégorie, le texte exact et sa position (indice de début).

    Son niveau (« à retirer » ou « à vérifier ») découle de sa catégorie : c'est la règle
    d'anonymisation qui le fixe, pas le repérage. Il n'est donc pas un champ à remplir.
    """

    categorie: str
    extrait: str
    position: int

    @property
    def fin(self) -> int:
        return self.position + len(self.extrait)

    @property
    def niveau(self) -> str:
        """« à vérifier » pour une identification indirecte, « à retirer » sinon."""
        return A_VERIFIER if self.categorie in CATEGORIES_INDIRECTES else A_RETIRER

    @property
    def a_retirer(self) -> bool:
        return self.niveau == A_RETIRER

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
# Date de naissance exacte
# ---------------------------------------------------------------------------------------------
# Une date n'est signalée que si un mot de naissance l'annonce : « né », « née », « né(e) », « nés »,
# « nées » (et « nee » sans accent), ou une étiquette « date de naissance », « naissance », « DDN ».
# Sans ce mot, une date est celle d'un événement (« arrivée le 3 mars 2024 », « le 12/03/2024, elle
# a signé ») : rien n'est signalé.
# La date doit donner au moins le jour et le mois (« 3 mars », « 12/03 », « 1er janvier »), avec ou
# sans année : « née le 3 mars » suffit à retrouver la date exacte dès que l'âge est écrit ailleurs.
# Une année seule (« née en 1972 ») ou un mois et une année (« née en mars 1972 ») ne sont pas une
# date exacte : c'est ce que la règle recommande d'écrire à la place, avec l'âge (« 52 ans »).
# Entre « né(e) » et la date, on admet un lieu ou une année courts (« née à Tulle le 3 mars 1972 »,
# « née en 1972 le 3 mars ») : au plus trois mots, sans ponctuation, puis « le ».
# La date de naissance de n'importe qui est signalée (un enfant, un proche) : elle l'identifie aussi.
_MOIS = (
    r"(?i:janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[ûu]t|septembre|octobre|novembre|d[ée]cembre"
    r"|janv\.|f[ée]vr?\.|avr\.|juil\.|sept\.|oct\.|nov\.|d[ée]c\.)"
)
_JOUR = r"(?:1er|0?[1-9]|[12]\d|3[01])"
_DATE_EN_LETTRES = rf"{_JOUR}{_ESPACE}+{_MOIS}(?:{_ESPACE}+(?:1[89]|20)\d{{2}}(?!\d))?"
# 12/03/1985, 12.03.85, 03-04-1972, 12/03 : jour puis mois valides, même séparateur, année facultative.
_DATE_EN_CHIFFRES = (
    r"(?:0?[1-9]|[12]\d|3[01])(?P<sep>[/.\-])(?:0?[1-9]|1[0-2])(?:(?P=sep)(?:\d{4}|\d{2}))?(?![\d/.\-]\d)"
)
_DATE = rf"(?:{_DATE_EN_LETTRES}|{_DATE_EN_CHIFFRES})"
_NE = r"(?i:n[ée]e|né)(?:\(e\))?s?"
_ETIQUETTE_NAISSANCE = r"(?i:(?:date" + _ESPACE + r"+de" + _ESPACE + r"+)?naissance|date" + _ESPACE + r"+de" + (
    _ESPACE + r"+naiss\.|d\.?d\.?n\.?(?!\w))"
)
# Un mot du lieu ou de l'année glissés entre « née » et « le » : pas de ponctuation.
_MOT_SANS_PONCTUATION = r"[^\s,.;:!?()\[\]«»\"]+"
_DATE_NAISSANCE = re.compile(
    rf"""
    (?<!\w)
    (?:
        {_NE}
        (?: {_ESPACE}+ (?i:à|au|aux|en) (?: {_ESPACE}+ {_MOT_SANS_PONCTUATION} ){{1,3}}? (?={_ESPACE}+(?i:le)\b) )?
        (?: {_ESPACE}+ (?i:le) )?
      | {_ETIQUETTE_NAISSANCE}
    )
    (?! \w)
    (?: {_ESPACE}* : )?
    (?: {_ESPACE}+ (?i:le) (?! \w) )?
    {_ESPACE}*
    {_DATE}
    (?![\w/])
    """,
    re.VERBOSE,
)


def _dates_de_naissance(texte: str) -> list[DonneePersonnelle]:
    """Dates de naissance exactes : « née le 3 mars 1972 », « DDN 03/04/1972 », « né(e) le 12/03/1985 »…"""
    return [DonneePersonnelle(DATE_DE_NAISSANCE, m.group(), m.start()) for m in _DATE_NAISSANCE.finditer(texte)]


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
    national nationale public publique général générale attention critère critères
"""

# Sigles du travail social et mots souvent écrits en majuscules : jamais un nom de famille.
_SIGLES_TEXTE = """
    rsa caf ccas cias chrs chu siao aah apl als alf mdph cpam cmu css ase pmi cmp cmpp cada huda
    ofii ofpra cnda dalo daho fsl spip pjj aemo aed mecs esat ehpad savs samsah sessad ime itep
    iae aci ei etti cv cdi cdd ctt rqth ppae cej pacea epide afpa greta cap bep bts bac deaes deass ass ata
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


# ---------------------------------------------------------------------------------------------
# Identification indirecte : employeur ou commune nommés (niveau « à vérifier »)
# ---------------------------------------------------------------------------------------------
# Un nom d'employeur ou de commune n'identifie personne à lui seul : c'est son voisinage avec une
# situation personnelle (« licenciée par … », « vit à … ») qui permet de recouper. On ne signale donc
# un nom que juste après un mot qui dit cette situation, et seulement en avertissement : la personne
# relit et décide. Les institutions et services du cours (France Travail, CAF, CCAS, Mission locale,
# SIAO, PASS, CSAPA, MDPH, France Services…) ne sont jamais signalés : ce sont des mots courants ou des
# sigles des listes ci-dessus, complétées ici de quelques noms d'organismes (Adoma, Action Logement,
# Apprentis d'Auteuil…) et de mots capitalisés qui ne nomment ni l'un ni l'autre (« pour Noël »).
_INSTITUTIONS_TEXTE = """
    action adoma apprentis armée médecins planning éducation sécurité samusocial aide protection
    point espace permanence bureau antenne plateforme dispositif structure établissement
    noël pâques toussaint internet
"""

# Pays et régions : dire d'où vient une personne (« originaire d'Algérie ») ou où elle a travaillé
# (« au Portugal ») fait partie de son histoire et n'est pas une petite commune.
_PAYS_ET_REGIONS_TEXTE = """
    guinée côte cameroun congo rdc gabon tchad niger nigeria burkina bénin togo ghana mauritanie
    comores madagascar haïti érythrée éthiopie somalie soudan égypte libye syrie irak iran
    afghanistan pakistan bangladesh inde chine vietnam turquie arménie géorgie russie ukraine
    moldavie roumanie bulgarie albanie kosovo serbie bosnie pologne portugal espagne italie
    allemagne belgique suisse angleterre royaume brésil colombie venezuela pérou chili bolivie
    bretagne normandie corse alsace lorraine provence auvergne bourgogne occitanie picardie
    champagne aquitaine limousin savoie guadeloupe martinique guyane réunion mayotte asie amérique
    maghreb île outre-mer
"""

# Grandes villes rangées dans les mots courants (pour ne pas les prendre pour des noms de famille) :
# après « vit à », ce sont bien des communes. Les signaler reste un simple avertissement.
_GRANDES_VILLES_TEXTE = "paris lyon marseille lille toulouse bordeaux nantes strasbourg nice montpellier rennes"

# Employeurs dont le nom commence par un article capitalisé : « travaille à La Poste » nomme un
# employeur, pas une commune comme « vit à La Rochelle ».
_ENSEIGNES_A_ARTICLE_TEXTE = "poste redoute halle"

_INSTITUTIONS = _ensemble(_INSTITUTIONS_TEXTE)
_ENSEIGNES_A_ARTICLE = _ensemble(_ENSEIGNES_A_ARTICLE_TEXTE)
_PAYS_ET_REGIONS = _ensemble(_PAYS_ET_REGIONS_TEXTE)
_GRANDES_VILLES = _ensemble(_GRANDES_VILLES_TEXTE)


def _jamais_un_lieu_ni_un_employeur(mot: str) -> bool:
    """Sigle ou mot d'institution du cours, pays ou région : ni une commune ni un employeur à signaler."""
    cle = _cle(mot)
    tete = cle.split("-")[0].split("'")[0]
    return len(mot) < 2 or cle in _SIGLES or cle in _INSTITUTIONS or tete in _INSTITUTIONS or (
        cle in _PAYS_ET_REGIONS or tete in _PAYS_ET_REGIONS
    )


def _peut_etre_un_employeur(mot: str) -> bool:
    """« Carrefour », « SNCF », « Leroy » ; pas « France » (Travail), « CAF », « Karima », « Mme »."""
    return not (
        _jamais_un_lieu_ni_un_employeur(mot)
        or _est_mot_courant(mot)
        or _est_prenom(mot)
        or mot in _CIVILITES_ABREGEES
    )


def _peut_etre_une_commune(mot: str) -> bool:
    """« Tulle », « Saint-Flour », « Lyon » ; pas « Pôle » (emploi), « Mission », « Algérie »."""
    cle = _cle(mot)
    if cle in _GRANDES_VILLES:
        return True
    return not (
        _jamais_un_lieu_ni_un_employeur(mot)
        or _est_mot_courant(mot)
        or mot in _CIVILITES_ABREGEES
        or cle in _ENSEIGNES_A_ARTICLE
    )


def _suite_de_commune(mot: str) -> bool:
    """Suite d'un nom de commune (« Aix en Provence ») : mot capitalisé, sauf mot courant (« en France »)."""
    return not (_est_mot_courant(mot) or _cle(mot) in _SIGLES)


# Un mot entre le mot de situation et la préposition : « travaille depuis 2019 chez … », « vit seule
# avec ses enfants à … ». Au plus trois, sans ponctuation, et jamais un mot qui ouvre une autre
# proposition (« et », « mais », « qui »…) : le nom doit rester dans la même idée que la situation.
_MOT_INTERCALE = (
    rf"{_ESPACE}+(?!(?i:et|mais|ou|puis|qui|que|qu['’]\w*|donc|car|or|ni|quand|lorsque|où|si)(?![\w'’]))"
    r"[^\s,.;:!?()\[\]«»\"]+"
)
_NOM_PROPRE = rf"(?:La{_ESPACE}+|Le{_ESPACE}+|Les{_ESPACE}+|L['’](?={_MAJUSCULE}))?{_MOT_CAPITALISE}"
_SUITE_NOM_PROPRE = rf"(?:{_ESPACE}+{_MOT_CAPITALISE}){{0,2}}"

# Employeur. Trois façons de le nommer :
#   1. un mot de travail, puis « chez », « par », « pour », « à la », « à l' », « au », « aux » et un
#      nom capitalisé ou un sigle : « employé chez Renault », « licenciée par Carrefour »,
#      « embauché à la SNCF », « en intérim chez Manpower ». Après « à », l'article est exigé et en
#      minuscules : « travaille à Figeac », « à La Rochelle » sont des communes, vues plus bas (sauf
#      les quelques enseignes dont le nom commence par « La » : « travaille à La Poste ») ;
#   2. « salarié(e) de » ou « employé(e) de », collés au nom : « salariée de La Poste » ;
#   3. un mot qui annonce une entreprise, sans mot de travail : « la société Transdev »,
#      « l'entreprise Onet », « l'enseigne Lidl », « son employeur, Amazon ».
# Un prénom (« chez Karima »), une civilité (« par Mme K. »), un sigle ou une institution du cours
# (« à la CAF », « chez Emmaüs ») ne sont jamais pris pour un employeur.
_ENSEIGNE_A_ARTICLE = "(?i:" + "|".join(sorted(_ENSEIGNES_A_ARTICLE)) + ")"
_MOT_DE_TRAVAIL = (
    r"(?i:travaill\w*|boss(?:e|es|ait|aient|ent|er)|embauch\w*|employée?s?|salariée?s?|licenciée?s?"
    r"|recrutée?s?|intérimaires?|stagiaires?|apprentie?s?|stages?|cdd|cdi|intérim|alternance|apprentissage"
    r"|contrats?|postes?|emplois?|jobs?|démissionnée?s?|renvoyée?s?|congédiée?s?)"
)
_EMPLOYEUR = re.compile(
    rf"""
    (?<![\w'’])
    (?:
        {_MOT_DE_TRAVAIL} (?![\w'’]) (?:{_MOT_INTERCALE}){{0,3}}? {_ESPACE}+
        (?:
            (?:chez|par|pour) {_ESPACE}+ (?:(?:la|le|les){_ESPACE}+|l['’])?
          | à {_ESPACE}+ (?:la {_ESPACE}+ | l['’] | (?=La {_ESPACE}+ {_ENSEIGNE_A_ARTICLE} (?!\w)))
          | au {_ESPACE}+ | aux {_ESPACE}+
        )
      | (?i:salariée?s?|employée?s?) {_ESPACE}+
        (?:de {_ESPACE}+ (?:la {_ESPACE}+ | l['’])? | d['’] | du {_ESPACE}+)
      | (?i:(?:la|une) {_ESPACE}+ (?:société|firme|enseigne|entreprise|usine)
            | l['’](?:entreprise|enseigne|usine|agence{_ESPACE}+d['’]intérim)
            | (?:le|un) {_ESPACE}+ (?:magasin|supermarché|hypermarché)
        ) {_ESPACE}+
      | (?i:employeur) (?: {_ESPACE}* [:,(] {_ESPACE}* | {_ESPACE}+ )
    )
    (?P<nom> {_NOM_PROPRE} {_SUITE_NOM_PROPRE} )
    """,
    re.VERBOSE,
)

# Commune. Un mot qui dit où la personne vit, est née ou travaille, puis « à » et un nom capitalisé :
# « elle vit à Saint-Flour », « né à Mulhouse », « parti vivre à Lyon », « vit seule à Tulle » ;
# « originaire de Tulle », « originaire d'Issoudun » ; « habite Aurillac » (sans « à »).
# « La Rochelle », « Aix en Provence », « Boulogne-sur-Mer » sont pris en entier.
# Ne sont pas signalés : « en ville », « à la campagne », « dans une commune rurale » (pas de nom),
# « au Mali », « en Guinée » (après « au » ou « en », c'est un pays ou une institution : « au CCAS »),
# « originaire d'Algérie » (pays et régions), « à France Travail », « à Pôle emploi » (institutions).
_MOT_DE_LIEU_DE_VIE = (
    r"(?i:vi(?:t|s|vait|vaient|vent|vre|vant)|habit(?:e|es|ait|aient|ent|er|ant)"
    r"|résid(?:e|es|ait|aient|ent|er|ant)|demeur(?:e|ait|ent|ant)|domiciliée?s?|installée?s?|hébergée?s?"
    r"|grandi|né|n[ée]e|nés|nées|né\(e\)"
    r"|travaill(?:e|es|ait|aient|ent|er|ant)|déménagée?s?|emménagée?s?)"
)
_PARTICULE_DE_COMMUNE = rf"(?:{_ESPACE}+(?:sur|sous|en|lès|les|le|la|de|du|des){_ESPACE}+|{_ESPACE}+d['’])"
_COMMUNE = re.compile(
    rf"""
    (?<![\w'’])
    (?:
        {_MOT_DE_LIEU_DE_VIE} (?![\w'’(]) (?:{_MOT_INTERCALE}){{0,3}}? {_ESPACE}+ à {_ESPACE}+
      | (?i:originaires?) (?:{_MOT_INTERCALE}){{0,2}}? {_ESPACE}+ (?:de {_ESPACE}+ | d['’])
      | (?i:habit(?:e|es|ait|aient|ent|er)) {_ESPACE}+
    )
    (?P<nom>
        (?:La{_ESPACE}+|L['’](?={_MAJUSCULE}))? {_MOT_CAPITALISE}
        (?: {_PARTICULE_DE_COMMUNE} {_MOT_CAPITALISE} ){{0,2}}
    )
    """,
    re.VERBOSE,
)
_ARTICLE_EN_TETE = re.compile(rf"^(?:La|Le|Les){_ESPACE}+|^L['’]")


def _nom_retenu(debut: int, nom: str, accepte, accepte_suite) -> tuple[int, str] | None:
    """Le nom capturé, raccourci au premier mot suivant refusé par `accepte_suite` (« Lidl France » → « Lidl »).

    Le premier mot (après un article capitalisé : « La Rochelle », « La Poste ») doit être accepté
    par `accepte`, sinon rien n'est retenu.
    """
    article = _ARTICLE_EN_TETE.match(nom)
    mots = list(_JETON.finditer(nom, article.end() if article else 0))
    if not mots or not accepte(mots[0].group()):
        return None
    fin = mots[0].end()
    for mot in mots[1:]:
        texte_mot = mot.group()
        if texte_mot[0].islower():  # particule : « Tulle en Corrèze », « Aix en Provence »
            continue
        if not accepte_suite(texte_mot):
            break
        fin = mot.end()
    return debut, nom[:fin]


def _indirects(texte: str, motif: re.Pattern, categorie: str, accepte, accepte_suite) -> list[DonneePersonnelle]:
    trouves = []
    for m in motif.finditer(texte):
        retenu = _nom_retenu(m.start("nom"), m.group("nom"), accepte, accepte_suite)
        if retenu is not None:
            trouves.append(DonneePersonnelle(categorie, retenu[1], retenu[0]))
    return trouves


def _employeurs(texte: str) -> list[DonneePersonnelle]:
    """Employeurs nommés près d'une situation de travail : « licenciée par Carrefour », « chez Renault »…"""
    return _indirects(texte, _EMPLOYEUR, EMPLOYEUR, _peut_etre_un_employeur, _peut_etre_un_employeur)


def _communes(texte: str) -> list[DonneePersonnelle]:
    """Communes nommées près d'un lieu de vie : « vit à Saint-Flour », « originaire de Tulle »…"""
    return _indirects(texte, _COMMUNE, COMMUNE, _peut_etre_une_commune, _suite_de_commune)


# Ordre de priorité quand deux repérages se chevauchent : le plus spécifique gagne.
_DETECTEURS = (_courriels, _nirs, _telephones, _adresses, _dates_de_naissance, _noms_complets)
# Puis les identifications indirectes, qui ne passent qu'aux endroits laissés libres.
_DETECTEURS_INDIRECTS = (_employeurs, _communes)


def _sans_chevauchement(detecteurs, texte: str, deja: list[DonneePersonnelle]) -> list[DonneePersonnelle]:
    """Les repérages de `detecteurs` qui ne chevauchent ni `deja` ni un repérage gardé avant eux."""
    candidats = [
        (d.position, -len(d.extrait), rang, d)
        for rang, detecteur in enumerate(detecteurs)
        for d in detecteur(texte)
    ]
    occupes = [(d.position, d.fin) for d in deja]
    gardes: list[DonneePersonnelle] = []
    for _, _, _, donnee in sorted(candidats, key=lambda c: c[:3]):
        if all(donnee.fin <= debut or donnee.position >= fin for debut, fin in occupes):
            gardes.append(donnee)
            occupes.append((donnee.position, donnee.fin))
    return gardes


def detecter_donnees_personnelles(texte: str) -> list[DonneePersonnelle]:
    """Toutes les données personnelles repérées dans `texte`, dans l'ordre du texte.

    Chacune a son niveau : « à retirer » (identification directe) ou « à vérifier »
    (identification indirecte : employeur ou commune nommés).

    Quand deux repérages se chevauchent (« 12 rue Victor Hugo » est une adresse qui contient
    « Victor Hugo »), on garde celui qui commence le plus tôt, puis le plus long, puis le plus
    spécifique (courriel, sécurité sociale, téléphone, adresse, date de naissance, nom complet).
    Une identification directe l'emporte toujours sur une indirecte : dans « née à Tulle le
    3 mars 1972 », la date de naissance est à retirer en entier, la commune n'est pas signalée à part.
    """
    directes = _sans_chevauchement(_DETECTEURS, texte, [])
    indirectes = _sans_chevauchement(_DETECTEURS_INDIRECTS, texte, directes)
    return sorted(directes + indirectes, key=lambda d: d.position)
