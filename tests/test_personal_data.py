"""Repérage des données personnelles dans des phrases d'écrits professionnels en travail social."""
from __future__ import annotations

import pytest

from course.learner import detecter_donnees_personnelles
from course.learner.donnees_personnelles import CATEGORIES, PRENOMS, DonneePersonnelle

TEL, MAIL, NIR, ADR, NOM = CATEGORIES

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


@pytest.mark.parametrize(("texte", "categorie", "extrait"), POSITIFS)
def test_donnee_personnelle_reperee(texte, categorie, extrait):
    trouvees = detecter_donnees_personnelles(texte)
    assert [(d.categorie, d.extrait) for d in trouvees] == [(categorie, extrait)]
    assert texte[trouvees[0].position : trouvees[0].fin] == extrait


@pytest.mark.parametrize("texte", NEGATIFS)
def test_rien_a_signaler(texte):
    assert detecter_donnees_personnelles(texte) == []


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
