"""Repérage des données personnelles dans des phrases d'écrits professionnels en travail social."""
from __future__ import annotations

import pytest

from course.learner import detecter_donnees_personnelles
from course.learner.donnees_personnelles import (
    A_RETIRER,
    A_VERIFIER,
    CATEGORIES,
    CATEGORIES_DIRECTES,
    CATEGORIES_INDIRECTES,
    PRENOMS,
    DonneePersonnelle,
)

TEL, MAIL, NIR, ADR, NOM, DDN = CATEGORIES_DIRECTES
EMP, COM = CATEGORIES_INDIRECTES

# (phrase, catégorie attendue, extrait attendu)
POSITIFS = [
    # Téléphone
    ("Son numéro : 06 12 34 56 78", TEL, "06 12 34 56 78"),
    ("Elle est joignable au 06.12.34.56.78 le matin.", TEL, "06.12.34.56.78"),
    ("Tél. 0612345678, laisser un message.", TEL, "0612345678"),
    ("Il a donné le +33 6 12 34 56 78 à l'accueil.", TEL, "+33 6 12 34 56 78"),
    ("Standard du foyer : +33 (0)1 23 45 67 89.", TEL, "+33 (0)1 23 45 67 89"),
    ("Appeler sa sœur au 01-23-45-67-89 avant midi.", TEL, "01-23-45-67-89"),
    ("Portable\u00a0: 07\u00a098\u00a076\u00a054\u00a032", TEL, "07\u00a098\u00a076\u00a054\u00a032"),
    # Courriel
    ("Écrire à karima.benali@gmail.com pour confirmer le rendez-vous.", MAIL, "karima.benali@gmail.com"),
    ("Son adresse de contact est k.benali75@orange.fr.", MAIL, "k.benali75@orange.fr"),
    # Numéro de sécurité sociale
    ("Son numéro de sécurité sociale est 1 85 05 78 006 084 36.", NIR, "1 85 05 78 006 084 36"),
    ("NIR : 285057800608436 (attestation CPAM jointe).", NIR, "285057800608436"),
    ("Né en Corse, son numéro est 2 91 12 2A 004 123.", NIR, "2 91 12 2A 004 123"),
    ("Numéro provisoire 7 99 99 99 123 456 pour l'ouverture des droits.", NIR, "7 99 99 99 123 456"),
    # Adresse exacte
    ("Elle habite 12 rue des Lilas depuis deux ans.", ADR, "12 rue des Lilas"),
    ("Domicile : 3 bis avenue Jean Jaurès, 75019 Paris", ADR, "3 bis avenue Jean Jaurès, 75019 Paris"),
    ("Hébergée chez une amie au 45, boulevard Voltaire.", ADR, "45, boulevard Voltaire"),
    ("Il est hébergé au 7 impasse du Moulin.", ADR, "7 impasse du Moulin"),
    ("Nouvelle adresse : 18 allée des Acacias 93200 Saint-Denis.", ADR, "18 allée des Acacias 93200 Saint-Denis"),
    ("Rendez-vous pris au 2 place de la Mairie.", ADR, "2 place de la Mairie"),
    ("Le logement se situe 10 bd Gambetta, au 3e étage.", ADR, "10 bd Gambetta"),
    ("Elle a été relogée au 115 rue de la Paix.", ADR, "115 rue de la Paix"),
    # Nom complet
    ("Mme Dupont est venue seule au rendez-vous.", NOM, "Mme Dupont"),
    ("Entretien avec Monsieur Martin ce matin.", NOM, "Monsieur Martin"),
    ("M. Benali a signé le contrat d'engagement réciproque.", NOM, "M. Benali"),
    ("Karima BENALI est accompagnée depuis mars.", NOM, "Karima BENALI"),
    ("J'ai reçu Karima Benali au CCAS pour une aide alimentaire.", NOM, "Karima Benali"),
    ("BENALI Karima, née en 1985, sans emploi.", NOM, "BENALI Karima"),
    ("Jean-Pierre Durand sollicite une aide au FSL.", NOM, "Jean-Pierre Durand"),
    ("Nous avons reçu Madame Fatoumata Diallo et ses enfants.", NOM, "Madame Fatoumata Diallo"),
    ("Le dossier de Monsieur Le Gall est complet.", NOM, "Monsieur Le Gall"),
    ("Rencontre avec Aminata N'Diaye à la PMI.", NOM, "Aminata N'Diaye"),
    ("Mme BENALI a fourni son avis d'imposition.", NOM, "Mme BENALI"),
]

NEGATIFS = [
    "Mme K. est orientée vers le SIAO/115.",
    "Madame K. a rencontré la conseillère de France Travail.",
    "Karima souhaite reprendre une formation d'aide-soignante.",
    "Elle fréquente l'association Karima Accueil depuis mars.",
    "Il a dormi dans la rue pendant trois semaines.",
    "Selon l'article 12 du règlement intérieur, les visites sont autorisées.",
    "Le loyer s'élève à 1 250 € par mois, charges comprises.",
    "Elle est arrivée en France en 2019.",
    "Rendez-vous le 12/03/2024 à 14 h 30 au CCAS.",
    "Il appelle le 115 tous les soirs sans obtenir de place.",
    "L'entreprise d'insertion (SIRET 80295478500028) propose un CDD.",
    "L'entreprise d'insertion (SIRET 802 954 785 00028) propose un CDD.",
    "Monsieur M. est suivi par la Mission locale.",
    "Il est inscrit à Pôle emploi depuis 2021.",
    "La Croix-Rouge lui a remis un colis alimentaire.",
    "Elle a obtenu 2 places en crèche pour ses jumeaux.",
    "Il suit 3 cours de français par semaine.",
    "J'ai rencontré Karima. Ensuite, nous avons appelé la CAF.",
    "Rencontre au lycée Victor Hugo avec la CPE.",
    "Mme la Directrice a validé le projet personnalisé.",
    "Monsieur le Maire a signé l'arrêté d'attribution.",
    "Le dossier n° 2024-0312 est en cours d'instruction.",
    "Elle vit dans 1 résidence sociale depuis l'été.",
    "Nous avons reçu Mme K. et son fils A., 12 ans.",
    "Le montant du RSA est de 607,75 euros pour une personne seule.",
    "Il travaille 35 heures par semaine pour 1 450 € nets.",
    "Elle a 3 enfants âgés de 4, 7 et 12 ans.",
    "Karima B. a 34 ans et vit seule.",
    "La Maison Départementale des Solidarités suit la famille.",
    "Elle a dormi place de la République avant d'appeler le 115.",
    "Le Secours Populaire et les Restos du Cœur lui fournissent des colis.",
    "Le numéro d'allocataire CAF est 1234567.",
    "Madame Karima a été reçue par la conseillère en insertion.",
    "Sandrine, conseillère France Travail, a proposé un atelier CV.",
    "Karima est TRÈS fatiguée et la situation est urgente selon le CHRS.",
]


# Date de naissance exacte (identification directe) : un mot de naissance, puis au moins le jour et le mois.
DATES_DE_NAISSANCE = [
    ("Mme K., née le 3 mars 1972, vit seule depuis son divorce.", "née le 3 mars 1972"),
    ("Il est né le 12/03/1985 et vit chez sa mère.", "né le 12/03/1985"),
    ("Date de naissance : 12 mars 1985", "Date de naissance : 12 mars 1985"),
    ("DDN 03/04/1972, suivie par le CCAS depuis 2019.", "DDN 03/04/1972"),
    ("Elle est née en 1972 le 3 mars, d'après son titre de séjour.", "née en 1972 le 3 mars"),
    ("Né(e) le 1er janvier 1990 selon son passeport.", "Né(e) le 1er janvier 1990"),
    ("Son fils, né le 14.07.2015, est scolarisé en CM1.", "né le 14.07.2015"),
    ("Naissance : 03-04-72 ; nationalité malienne.", "Naissance : 03-04-72"),
    ("Elle est née à Saint-Flour le 3 mars 1972.", "née à Saint-Flour le 3 mars 1972"),
    ("Monsieur M., nee le 5 avril 1980 (sic), a signé le CER.", "nee le 5 avril 1980"),
    ("Elle est née le 3 mars et fête bientôt ses 52 ans.", "née le 3 mars"),
    ("Date de naiss. 02/11/1964, retraité.", "Date de naiss. 02/11/1964"),
]

PAS_DE_DATE_DE_NAISSANCE = [
    "Elle a 52 ans et vit seule.",
    "Née en 1972, elle a quitté l'école à 16 ans.",
    "Elle est née en mars 1972.",
    "Arrivée le 3 mars 2024 au CHRS, elle a rencontré l'équipe.",
    "Le 12/03/2024, elle a signé son contrat d'engagement réciproque.",
    "Son fils est né en 2015 et va à l'école du quartier.",
    "Rendez-vous fixé le 3 mars 2024 à la CAF.",
    "Elle a donné le 3 mars 2024 son accord pour l'orientation.",
    "Un bilan a été mené le 12/03/2024 avec l'équipe.",
    "Ses trois enfants sont nés en 2010, 2013 et 2018.",
    "La naissance de son fils est prévue en juin.",
    "Suivie par le CCAS depuis le 1er mars 2023.",
    "Elle a fait reconnaissance le 3 mars 2024 de sa dette locative.",
]

# Employeur nommé près d'une situation de travail (identification indirecte : à vérifier).
EMPLOYEURS = [
    ("Elle a été licenciée par Carrefour en 2022.", "Carrefour"),
    ("Il est employé chez Renault depuis dix ans.", "Renault"),
    ("Elle travaille chez Decathlon depuis 2021 à temps partiel.", "Decathlon"),
    ("Il a été embauché à la SNCF comme agent de quai.", "SNCF"),
    ("Elle a signé un CDD chez Leroy Merlin pour l'été.", "Leroy Merlin"),
    ("Il a été recruté par la société Transdev après sa formation.", "Transdev"),
    ("Son ancien employeur, Amazon, ne l'a pas réintégré.", "Amazon"),
    ("Elle fait des ménages pour l'entreprise Onet.", "Onet"),
    ("Il travaille en intérim chez Manpower.", "Manpower"),
    ("Elle est salariée de La Poste depuis 2005.", "La Poste"),
    ("Il travaille chez Lidl France comme magasinier.", "Lidl"),
]

PAS_D_EMPLOYEUR = [
    "Elle travaille à la CAF depuis 2019.",
    "Il est accompagné par France Travail pour sa recherche d'emploi.",
    "Elle a obtenu un contrat aidé au CCAS.",
    "Il est hébergé chez sa sœur depuis son licenciement.",
    "Elle travaille chez elle comme assistante maternelle.",
    "Il a été licencié pour motif économique.",
    "Elle cherche un emploi dans une entreprise de logistique.",
    "Il travaille chez Karima, une amie, le week-end.",
    "Elle a été embauchée par Mme K. comme aide à domicile.",
    "Il travaille à Pôle emploi depuis 2010.",
    "Son employeur lui a proposé une rupture conventionnelle.",
    "Elle a travaillé en ESAT puis à l'EHPAD de la commune.",
    "Il a fait un stage chez Emmaüs.",
    "Elle travaille à la Croix-Rouge comme bénévole.",
    "Elle a été licenciée. Carrefour n'a pas renouvelé son contrat.",
    "Il a travaillé au Portugal avant d'arriver en France.",
    "Elle a un emploi à la Mission locale.",
    "Il travaille pour France Services.",
]

# Commune nommée près d'un lieu de vie, de naissance ou de travail (identification indirecte : à vérifier).
COMMUNES = [
    ("Elle vit à Saint-Flour avec ses deux enfants.", "Saint-Flour"),
    ("Il habite à Lyon depuis 2018.", "Lyon"),
    ("Né à Mulhouse, il a grandi en foyer.", "Mulhouse"),
    ("Elle est originaire de Tulle.", "Tulle"),
    ("Il est parti vivre à Lyon chez son frère.", "Lyon"),
    ("Elle habite Aurillac depuis sa séparation.", "Aurillac"),
    ("La famille est installée à La Rochelle depuis l'été.", "La Rochelle"),
    ("Il vit seul à Châteauroux.", "Châteauroux"),
    ("Elle est originaire d'Issoudun.", "Issoudun"),
    ("Elle travaille à Figeac et vit à la campagne.", "Figeac"),
    ("Il vit à Aix en Provence.", "Aix en Provence"),
    ("Elle vit à Lyon en France.", "Lyon"),
]

PAS_DE_COMMUNE = [
    "Elle vit en ville depuis son divorce.",
    "Il habite à la campagne, loin des transports.",
    "Elle vit dans une commune rurale du département.",
    "Elle est reçue à la CAF tous les mois.",
    "Il s'est rendu à France Travail pour s'inscrire.",
    "Elle habite au-dessus du CCAS.",
    "Il est arrivé à l'accueil de jour vers 9 h.",
    "Elle a été orientée vers la Mission locale.",
    "Elle est originaire d'Algérie et parle arabe.",
    "Il est né au Mali en 1990.",
    "Né en Guinée, il est arrivé en France en 2019.",
    "Il vit à l'hôtel depuis trois mois.",
    "Elle habite à côté de l'école de ses enfants.",
    "Elle est originaire de Côte d'Ivoire.",
    "Elle a grandi à l'étranger puis en Bretagne.",
    "Il vit seul. À Tulle, le CCAS l'a reçu.",
]


@pytest.mark.parametrize(("texte", "categorie", "extrait"), POSITIFS + [(t, DDN, e) for t, e in DATES_DE_NAISSANCE])
def test_donnee_personnelle_reperee(texte, categorie, extrait):
    trouvees = detecter_donnees_personnelles(texte)
    assert [(d.categorie, d.extrait, d.niveau) for d in trouvees] == [(categorie, extrait, A_RETIRER)]
    assert texte[trouvees[0].position : trouvees[0].fin] == extrait


@pytest.mark.parametrize(
    ("texte", "categorie", "extrait"),
    [(t, EMP, e) for t, e in EMPLOYEURS] + [(t, COM, e) for t, e in COMMUNES],
)
def test_identification_indirecte_a_verifier(texte, categorie, extrait):
    trouvees = detecter_donnees_personnelles(texte)
    assert [(d.categorie, d.extrait, d.niveau) for d in trouvees] == [(categorie, extrait, A_VERIFIER)]
    assert texte[trouvees[0].position : trouvees[0].fin] == extrait
    assert not trouvees[0].a_retirer


@pytest.mark.parametrize("texte", NEGATIFS + PAS_DE_DATE_DE_NAISSANCE + PAS_D_EMPLOYEUR + PAS_DE_COMMUNE)
def test_rien_a_signaler(texte):
    assert detecter_donnees_personnelles(texte) == []


def test_les_deux_niveaux_dans_une_meme_phrase():
    texte = "Il est né le 12/03/1985 à Alger et travaille chez Michelin."
    assert [(d.categorie, d.extrait, d.niveau) for d in detecter_donnees_personnelles(texte)] == [
        (DDN, "né le 12/03/1985", A_RETIRER),
        (COM, "Alger", A_VERIFIER),
        (EMP, "Michelin", A_VERIFIER),
    ]


def test_une_identification_directe_l_emporte_sur_une_indirecte():
    # « Saint-Flour » est dans la date de naissance, à retirer en entier ; « BENALI » (employeur
    # possible) est dans le nom complet « BENALI Karima ».
    assert detecter_donnees_personnelles("Née à Saint-Flour le 3 mars 1972.") == [
        DonneePersonnelle(DDN, "Née à Saint-Flour le 3 mars 1972", 0)
    ]
    assert detecter_donnees_personnelles("Elle travaille chez BENALI Karima.") == [
        DonneePersonnelle(NOM, "BENALI Karima", 20)
    ]


def test_categories_et_niveaux():
    assert CATEGORIES == CATEGORIES_DIRECTES + CATEGORIES_INDIRECTES
    assert DDN == "date de naissance"
    assert (EMP, COM) == ("employeur nommé", "commune nommée")
    assert {DonneePersonnelle(c, "x", 0).niveau for c in CATEGORIES_DIRECTES} == {"à retirer"}
    assert {DonneePersonnelle(c, "x", 0).niveau for c in CATEGORIES_INDIRECTES} == {"à vérifier"}


def test_plusieurs_donnees_dans_l_ordre_du_texte():
    texte = (
        "Mme Dupont, 12 rue des Lilas 59100 Roubaix, joignable au 06 12 34 56 78 "
        "ou à m.dupont@laposte.net, NIR 2 85 05 59 512 034."
    )
    assert [(d.categorie, d.extrait) for d in detecter_donnees_personnelles(texte)] == [
        (NOM, "Mme Dupont"),
        (ADR, "12 rue des Lilas 59100 Roubaix"),
        (TEL, "06 12 34 56 78"),
        (MAIL, "m.dupont@laposte.net"),
        (NIR, "2 85 05 59 512 034"),
    ]


def test_une_adresse_qui_contient_un_nom_reste_une_adresse():
    assert detecter_donnees_personnelles("Il vit au 4 avenue Victor Hugo.") == [
        DonneePersonnelle(ADR, "4 avenue Victor Hugo", 10)
    ]


def test_la_liste_de_prenoms_est_fournie_et_variee():
    assert len(PRENOMS) >= 300
    for prenom in ("karima", "fatoumata", "jean", "aicha", "joao", "mamadou", "ioana", "yanis", "emilie"):
        assert prenom in PRENOMS


def test_affichage_d_une_donnee():
    assert str(DonneePersonnelle(TEL, "06 12 34 56 78", 3)) == "téléphone : « 06 12 34 56 78 »"
