"""Structures de l'Aurelle : qui reçoit qui, où et comment (données fictives, types réels).

One row = one place where a structure receives the public: its seat, an antenna or a permanence held in
another commune (the same structure appears once per commune, as in a répertoire). The structures are
invented, their types are real French ones (France Travail, Mission locale, Cap emploi, CAF, CPAM, MSA,
MDPH, CIAS, SIAO, SPIP, PASS, CSAPA, associations…), and their columns are those of the course's
répertoire (`course.learner.repertoire`), except `relation_a_ma_structure`: that one depends on who
writes the répertoire (the France Services of M2.1, the CIAS of M4.3…), so the learner adds it.

Calibration (see the data card): the conditions of access follow the law where it sets them (Missions
locales: 16 to 25 years old, up to 29 with a RQTH in the contrat d'engagement jeune, code du travail
L5314-2); the France Services partners are the nine national operators of the programme (Sénat, 2022).
Which structures exist, their hours, their permanences and the dates of verification are hypotheses of
realism; the months of verification are drawn so that some entries are more than 12 months old in
March 2026, the course's present, as in any répertoire that nobody updates.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from . import territoire_communes as communes

NAME = "territoire_structures"
SEED = 2026_0602

MOIS_DE_REFERENCE = (2026, 3)  # the course's present: the fictional cases happen in March 2026
# Months between the last verification and March 2026: mostly recent, some forgotten (hypothèse).
ANCIENNETE_MOIS = list(range(0, 21))
POIDS_ANCIENNETE = [8, 8, 8, 7, 7, 6, 5, 4, 4, 3, 3, 3, 2, 2, 2, 2, 2, 1, 1, 1, 1]
DECALAGE_MAX_KM = 0.8  # structures of one commune are spread a little so that every point shows on a map

SOURCES = {
    "site": "site internet de la structure",
    "appel": "appel à l'accueil",
    "guide": "guide départemental des solidarités 2025",
    "reunion": "réunion des partenaires de la France Services",
    "plaquette": "plaquette de la structure",
}

L, C, B = communes.BOURG_CENTRE, communes.VILLE_CENTRE, communes.SECOND_BOURG
SEMAINE = "du lundi au vendredi"
A_LA_FS = "à la France Services"

# (key, structure, type, champ, publics, conditions_acces, modalite, frequence_permanence, commune,
#  jours_horaires, contact_fonction, source). The key names the structure in `territoire_liens`.
STRUCTURES = [
    # Emploi
    ("FT_C", "France Travail, agence de Corvalès", "France Travail", "emploi",
     "personnes en recherche d'emploi ; bénéficiaires du RSA orientés vers France Travail", "libre", "sans RDV", "",
     C, f"{SEMAINE}, 8 h 30-12 h 30 sans rendez-vous ; l'après-midi sur rendez-vous", "accueil", "site"),
    ("FT_L", "France Travail, permanence de Lestrac-sur-Lisère", "France Travail", "emploi",
     "personnes en recherche d'emploi des Hauts-de-Lisère", "libre", "permanence", "2 demi-journées par mois",
     L, f"1er et 3e jeudis du mois, 9 h-12 h, {A_LA_FS}", "accueil de la France Services", "reunion"),
    ("ML_C", "Mission locale de l'Aurelle, siège de Corvalès", "Mission locale", "emploi",
     "jeunes de 16 à 25 ans révolus sortis de l'école (jusqu'à 29 ans avec une RQTH dans le contrat d'engagement "
     "jeune)", "libre", "sans RDV", "", C, f"{SEMAINE}, 9 h-12 h et 13 h 30-17 h 30", "accueil", "site"),
    ("ML_L", "Mission locale de l'Aurelle, antenne de Lestrac-sur-Lisère", "Mission locale", "emploi",
     "jeunes de 16 à 25 ans révolus des Hauts-de-Lisère", "libre", "permanence", "2 jours par semaine",
     L, "mardi et jeudi, 9 h-12 h et 14 h-17 h", "responsable d'antenne", "reunion"),
    ("ML_B", "Mission locale de l'Aurelle, permanence de Brugalès", "Mission locale", "emploi",
     "jeunes de 16 à 25 ans révolus du nord des Hauts-de-Lisère", "libre", "permanence", "1 demi-journée par mois",
     B, "dernier mercredi du mois, 14 h-17 h, à la mairie", "accueil de l'antenne de Lestrac-sur-Lisère", "appel"),
    ("CAPE", "Cap emploi de l'Aurelle", "Cap emploi", "emploi",
     "personnes en situation de handicap bénéficiaires de l'obligation d'emploi (RQTH, pension d'invalidité…) "
     "et leurs employeurs", "sur orientation", "sur RDV", "", C, f"{SEMAINE}, 9 h-12 h 30 et 13 h 30-17 h",
     "accueil", "plaquette"),
    ("CAPE_L", "Cap emploi de l'Aurelle, permanence de Lestrac-sur-Lisère", "Cap emploi", "emploi",
     "personnes en situation de handicap bénéficiaires de l'obligation d'emploi", "sur orientation", "permanence",
     "1 jour par mois", L, f"2e lundi du mois, 9 h-12 h et 13 h 30-16 h 30, {A_LA_FS}", "accueil", "reunion"),
    ("ACI", "Chantier d'insertion des Jardins de la Lisère", "Atelier et chantier d'insertion", "emploi",
     "personnes éloignées de l'emploi (bénéficiaires du RSA, chômage de longue durée) : maraîchage, entretien des "
     "berges", "sur prescription", "sur RDV", "", "Cabrolet", f"{SEMAINE}, 8 h-12 h et 13 h-16 h",
     "accompagnement socioprofessionnel", "appel"),
    ("AI", "Association intermédiaire Lisère Coups de main", "Association intermédiaire", "emploi",
     "personnes sans emploi qui ont des difficultés sociales et professionnelles : missions chez des particuliers, "
     "des communes, des associations", "sur orientation", "sans RDV", "", L, "lundi, mercredi et vendredi, 9 h-12 h",
     "accueil", "plaquette"),
    ("EI", "Recyclerie du Grand Corvalès", "Entreprise d'insertion", "emploi",
     "personnes éloignées de l'emploi : contrats d'insertion dans le réemploi et la vente d'objets",
     "sur prescription", "sur RDV", "", "Montaucel", "du mardi au samedi, 9 h-12 h et 14 h-18 h", "direction",
     "site"),
    ("GEA", "Groupement d'employeurs agricoles des Hauts-de-Lisère", "Groupement d'employeurs", "emploi",
     "salariées et salariés agricoles, saisonniers ou partagés entre plusieurs exploitations", "libre", "sur RDV", "",
     B, "du lundi au jeudi, 8 h 30-12 h", "secrétariat", "appel"),
    ("AGRI", "Chambre d'agriculture de l'Aurelle, antenne de Brugalès", "Chambre d'agriculture", "emploi",
     "exploitantes et exploitants agricoles, projets d'installation, employeurs de saisonniers", "libre", "sur RDV", "",
     B, "lundi, mardi et jeudi, 9 h-12 h et 14 h-17 h", "accueil", "site"),
    ("ESAT", "ESAT du Plateau de Lisère", "ESAT", "emploi",
     "adultes en situation de handicap orientés par la commission des droits de la MDPH (CDAPH)",
     "sur orientation", "sur RDV", "", "Fontmaury", f"{SEMAINE}, 8 h 30-16 h 30", "secrétariat", "guide"),
    # Formation
    ("GRETA", "GRETA de l'Aurelle, agence de Corvalès", "Organisme de formation", "formation",
     "adultes : remise à niveau, formations qualifiantes, validation des acquis de l'expérience", "sur prescription",
     "sur RDV", "", C, f"{SEMAINE}, 8 h 30-12 h et 13 h 30-17 h", "accueil", "site"),
    ("AFPA", "Afpa, centre de Cazalbert", "Organisme de formation", "formation",
     "personnes en recherche d'emploi, salariées et salariés en reconversion : titres professionnels",
     "sur prescription", "sur RDV", "", "Cazalbert", f"{SEMAINE}, 8 h-17 h", "accueil", "site"),
    ("SAVOIRS", "Lisère Savoirs", "Association de formation aux savoirs de base", "formation",
     "adultes qui veulent apprendre ou réapprendre à lire, écrire, compter, parler français", "libre", "sur RDV", "",
     L, "lundi et jeudi, 14 h-17 h", "coordination des bénévoles", "appel"),
    ("CIO", "Centre d'information et d'orientation de Corvalès", "CIO", "formation",
     "jeunes scolarisés ou sortis de l'école et leurs parents : orientation scolaire et professionnelle", "libre",
     "sans RDV", "", C, f"{SEMAINE}, 9 h-12 h 30 et 13 h 30-17 h", "accueil", "site"),
    ("PSAD", "Plateforme de suivi et d'appui aux décrocheurs de l'Aurelle", "PSAD", "formation",
     "jeunes sortis de l'école sans diplôme ni qualification : solution de retour en formation",
     "sur orientation", "sur RDV", "", C, "lundi, mardi et jeudi, 9 h-17 h", "coordination", "guide"),
    ("E2C", "École de la deuxième chance de l'Aurelle", "École de la 2e chance", "formation",
     "jeunes sortis de l'école sans diplôme ni qualification", "sur orientation", "sur RDV", "", C,
     f"{SEMAINE}, 8 h 30-16 h 30", "accueil", "plaquette"),
    ("CFA", "CFA agricole de Brugalès", "Centre de formation d'apprentis", "formation",
     "apprenties et apprentis des métiers de l'agriculture et du paysage, entreprises qui recrutent", "libre",
     "sur RDV", "", B, f"{SEMAINE}, 8 h-17 h", "service relations entreprises", "site"),
    # Mobilité
    ("AUTO", "Auto-école sociale Lisère Permis", "Auto-école sociale", "mobilité",
     "personnes en insertion pour qui le permis B est difficile : apprentissage adapté", "sur orientation",
     "sur RDV", "", L, "code : mardi et vendredi, 9 h-12 h ; conduite sur rendez-vous", "secrétariat", "reunion"),
    ("GARAGE", "Garage solidaire des Hauts-de-Lisère", "Garage solidaire", "mobilité",
     "personnes aux ressources modestes : réparations à prix réduit, location de voitures et de scooters",
     "sur orientation", "sur RDV", "", "Fontmaury", "du mardi au samedi, 8 h 30-12 h et 14 h-18 h", "accueil",
     "appel"),
    ("TAD_L", "Transport à la demande des Hauts-de-Lisère", "Service de transport intercommunal", "mobilité",
     "habitantes et habitants des communes sans ligne régulière : trajets vers Lestrac-sur-Lisère et la ligne "
     "régionale", "libre", "sur RDV", "", L, "réservation la veille avant 17 h ; trajets du lundi au samedi, 8 h-18 h",
     "centrale de réservation", "site"),
    ("TAD_C", "Transport à la demande du Grand Corvalès", "Service de transport intercommunal", "mobilité",
     "habitantes et habitants des communes rurales de l'agglomération", "libre", "sur RDV", "", C,
     "réservation la veille avant 16 h ; trajets du lundi au samedi, 7 h-19 h", "centrale de réservation", "site"),
    ("MOBI", "Plateforme mobilité de l'Aurelle", "Plateforme de mobilité", "mobilité",
     "personnes en insertion : bilan de mobilité, aide au permis, prêt de vélos à assistance électrique",
     "sur orientation", "permanence", "1 demi-journée par semaine", L, f"vendredi, 9 h-12 h, {A_LA_FS}",
     "conseil en mobilité", "reunion"),
    ("COVOIT", "Covoiturage solidaire Roule en Lisère", "Association de transport solidaire", "mobilité",
     "personnes sans voiture, souvent âgées : trajets vers les soins, les courses et les démarches avec des "
     "conducteurs bénévoles", "libre", "sur RDV", "", B, "réservation 48 h à l'avance, du lundi au vendredi",
     "coordination des bénévoles", "plaquette"),
    # Santé
    ("CPAM_C", "CPAM de l'Aurelle, accueil de Corvalès", "CPAM", "santé",
     "assurées et assurés sociaux : droits à l'assurance maladie, complémentaire santé solidaire, arrêts de travail",
     "libre", "sur RDV", "", C, f"{SEMAINE}, 8 h 30-16 h 30", "accueil", "site"),
    ("CPAM_L", "CPAM de l'Aurelle, permanence de Lestrac-sur-Lisère", "CPAM", "santé",
     "assurées et assurés sociaux des Hauts-de-Lisère", "libre", "permanence", "2 demi-journées par mois", L,
     f"2e et 4e mardis du mois, 9 h-12 h, {A_LA_FS}", "accueil de la France Services", "reunion"),
    ("PASS", "PASS du centre hospitalier de Corvalès", "PASS", "santé",
     "personnes en situation de précarité sans couverture maladie ou avec une couverture incomplète : soins et "
     "ouverture des droits", "libre", "sans RDV", "", C, f"{SEMAINE}, 9 h-16 h 30", "secrétariat de la PASS",
     "guide"),
    ("CSAPA", "CSAPA de l'Aurelle", "CSAPA", "santé",
     "personnes qui ont une addiction (alcool, drogues, jeux…) et leur entourage : consultations gratuites",
     "libre", "sur RDV", "", C, f"{SEMAINE}, 9 h-18 h", "secrétariat", "site"),
    ("CSAPA_L", "CSAPA de l'Aurelle, consultation avancée de Lestrac-sur-Lisère", "CSAPA", "santé",
     "personnes qui ont une addiction et leur entourage, dans les Hauts-de-Lisère", "libre", "permanence",
     "1 demi-journée par semaine", L, "mercredi, 14 h-17 h, à la maison de santé", "secrétariat", "reunion"),
    ("CMP", "Centre médico-psychologique adultes de Lestrac-sur-Lisère", "CMP", "santé",
     "adultes en souffrance psychique : consultations de psychiatrie et de psychologie, sans frais", "libre",
     "sur RDV", "", L, f"{SEMAINE}, 9 h-17 h", "secrétariat", "guide"),
    ("MSP_L", "Maison de santé pluriprofessionnelle de Lestrac-sur-Lisère", "Maison de santé", "santé",
     "tout public : médecine générale, soins infirmiers, kinésithérapie", "libre", "sur RDV", "", L,
     f"{SEMAINE}, 8 h-19 h ; samedi, 8 h-12 h", "secrétariat", "appel"),
    ("MSP_B", "Maison de santé de Brugalès", "Maison de santé", "santé",
     "tout public : médecine générale, soins infirmiers", "libre", "sur RDV", "", B, f"{SEMAINE}, 8 h 30-18 h 30",
     "secrétariat", "appel"),
    ("MDA", "Maison des adolescents de l'Aurelle", "Maison des adolescents", "santé",
     "adolescentes et adolescents, jeunes adultes et leurs parents : écoute, santé, mal-être", "libre", "sans RDV",
     "", C, "du mardi au samedi, 13 h-18 h", "accueil", "plaquette"),
    ("SAAD", "Service d'aide à domicile du CIAS des Hauts-de-Lisère", "Service d'aide à domicile", "santé",
     "personnes âgées ou en situation de handicap : aide à domicile, portage de repas", "libre", "sur RDV", "", L,
     f"{SEMAINE}, 9 h-12 h", "responsable de secteur", "reunion"),
    # Droits et budget
    ("FS_L", "France Services de Lestrac-sur-Lisère", "France Services", "droits/budget",
     "tout public : aide aux démarches administratives et en ligne avec les partenaires nationaux", "libre",
     "sans RDV", "", L, f"{SEMAINE}, 9 h-12 h 30 et 13 h 30-17 h", "accueil", "site"),
    ("FS_C", "France Services de Corvalès-Est", "France Services", "droits/budget",
     "tout public, en particulier les habitantes et habitants des quartiers prioritaires de Corvalès", "libre",
     "sans RDV", "", C, f"{SEMAINE}, 9 h-12 h et 13 h 30-17 h 30", "accueil", "site"),
    ("FS_CN", "France Services de Castelnoir", "France Services", "droits/budget",
     "tout public : aide aux démarches administratives et en ligne", "libre", "sans RDV", "", "Castelnoir",
     "lundi, mardi, jeudi et vendredi, 9 h-12 h et 14 h-17 h ; mercredi, 9 h-12 h", "accueil", "site"),
    ("FS_BUS_E", "France Services itinérante des Hauts-de-Lisère", "France Services", "droits/budget",
     "habitantes et habitants des communes éloignées de Lestrac-sur-Lisère", "libre", "permanence",
     "1 demi-journée par semaine", "Estrabols", "mardi, 9 h-12 h, place de la mairie", "accueil de la France Services",
     "site"),
    ("FS_BUS_CR", "France Services itinérante des Hauts-de-Lisère", "France Services", "droits/budget",
     "habitantes et habitants des communes éloignées de Lestrac-sur-Lisère", "libre", "permanence",
     "1 demi-journée par semaine", "Cros-de-Lisère", "mardi, 14 h-17 h, place de la mairie",
     "accueil de la France Services", "site"),
    ("FS_BUS_CO", "France Services itinérante des Hauts-de-Lisère", "France Services", "droits/budget",
     "habitantes et habitants des communes éloignées de Lestrac-sur-Lisère", "libre", "permanence",
     "1 demi-journée par semaine", "Combelongue-sur-Lisère", "jeudi, 9 h-12 h, place de la mairie",
     "accueil de la France Services", "site"),
    ("FS_BUS_CA", "France Services itinérante des Hauts-de-Lisère", "France Services", "droits/budget",
     "habitantes et habitants des communes éloignées de Lestrac-sur-Lisère", "libre", "permanence",
     "1 demi-journée par semaine", "Castelvérine", "jeudi, 14 h-17 h, place de la mairie",
     "accueil de la France Services", "site"),
    ("CAF_C", "CAF de l'Aurelle, accueil de Corvalès", "CAF", "droits/budget",
     "allocataires et futurs allocataires : prestations familiales, aides au logement, RSA, prime d'activité",
     "libre", "sur RDV", "", C, f"{SEMAINE}, 8 h 30-16 h", "accueil", "site"),
    ("CAF_L", "CAF de l'Aurelle, permanence de Lestrac-sur-Lisère", "CAF", "droits/budget",
     "allocataires des Hauts-de-Lisère", "libre", "permanence", "1 demi-journée par mois", L,
     f"dernier vendredi du mois, 9 h-12 h, {A_LA_FS}", "accueil de la France Services", "reunion"),
    ("MSA", "MSA de l'Aurelle, agence de Brugalès", "MSA", "droits/budget",
     "exploitantes, exploitants et salariés agricoles, retraités agricoles et leur famille : santé, famille, "
     "retraite", "libre", "sur RDV", "", B, "lundi, mercredi et jeudi, 9 h-12 h et 13 h 30-16 h 30", "accueil",
     "site"),
    ("MSA_L", "MSA de l'Aurelle, permanence de Lestrac-sur-Lisère", "MSA", "droits/budget",
     "assurées et assurés agricoles des Hauts-de-Lisère", "libre", "permanence", "1 demi-journée par semaine", L,
     f"lundi, 14 h-17 h, {A_LA_FS}", "accueil de la France Services", "reunion"),
    ("RETRAITE", "Agence retraite de Corvalès", "Carsat (Assurance retraite)", "droits/budget",
     "salariées et salariés du régime général qui préparent leur retraite, retraités (minimum vieillesse)",
     "libre", "sur RDV", "", C, f"{SEMAINE}, 8 h 30-12 h et 13 h 30-16 h 30", "accueil", "site"),
    ("DGFIP", "Centre des finances publiques de Corvalès", "Finances publiques", "droits/budget",
     "contribuables : impôt sur le revenu, impôts locaux, paiement", "libre", "sur RDV", "", C,
     "lundi, mardi, jeudi et vendredi, 8 h 45-12 h", "accueil", "site"),
    ("MDPH", "MDPH de l'Aurelle", "MDPH", "droits/budget",
     "personnes en situation de handicap et leur famille : RQTH, AAH, PCH, orientations", "libre", "sur RDV", "", C,
     f"{SEMAINE}, 9 h-12 h et 13 h 30-16 h 30", "accueil", "site"),
    ("MDPH_L", "MDPH de l'Aurelle, journée d'antenne de Lestrac-sur-Lisère", "MDPH", "droits/budget",
     "personnes en situation de handicap des Hauts-de-Lisère et leur famille", "libre", "permanence",
     "1 jour par mois", L, f"3e mercredi du mois, 9 h-16 h, {A_LA_FS}", "accueil de la MDPH", "reunion"),
    ("CIAS", "CIAS des Hauts-de-Lisère", "CIAS", "droits/budget",
     "habitantes et habitants des 27 communes : aides facultatives, domiciliation, demandes d'aide sociale", "libre",
     "sans RDV", "", L, f"{SEMAINE}, 9 h-12 h ; l'après-midi sur rendez-vous", "accueil", "reunion"),
    ("CCAS_C", "CCAS de Corvalès", "CCAS", "droits/budget",
     "habitantes et habitants de Corvalès : premier accueil social, aides facultatives, domiciliation", "libre",
     "sans RDV", "", C, f"{SEMAINE}, 8 h 30-12 h et 13 h 30-17 h", "accueil", "site"),
    ("MDS_L", "Maison départementale des solidarités de Lestrac-sur-Lisère", "Service social départemental",
     "droits/budget", "tout public : accompagnement social, protection de l'enfance, bénéficiaires du RSA", "libre",
     "sur RDV", "", L, f"{SEMAINE}, 9 h-12 h et 13 h 30-17 h", "secrétariat", "guide"),
    ("MDS_C", "Maison départementale des solidarités de Corvalès", "Service social départemental",
     "droits/budget", "tout public : accompagnement social, protection de l'enfance, bénéficiaires du RSA", "libre",
     "sur RDV", "", C, f"{SEMAINE}, 8 h 30-12 h et 13 h 30-17 h", "secrétariat", "guide"),
    ("PCB", "Point conseil budget de l'UDAF de l'Aurelle", "Point conseil budget", "droits/budget",
     "personnes qui ont du mal à boucler leur budget ou qui ont des dettes : conseils, dossier de surendettement",
     "libre", "sur RDV", "", C, "lundi, mardi et jeudi, 9 h-12 h et 14 h-17 h", "accueil", "site"),
    ("PCB_L", "Point conseil budget de l'UDAF de l'Aurelle, permanence de Lestrac-sur-Lisère",
     "Point conseil budget", "droits/budget", "personnes des Hauts-de-Lisère qui ont des difficultés budgétaires",
     "libre", "permanence", "1 demi-journée par mois", L, f"1er mercredi du mois, 9 h-12 h, {A_LA_FS}",
     "accueil de la France Services", "reunion"),
    ("BDF", "Banque de France, accueil de Corvalès", "Banque de France", "droits/budget",
     "personnes surendettées : dépôt et suivi du dossier de surendettement", "libre", "sur RDV", "", C,
     f"{SEMAINE}, 9 h-12 h 30", "accueil", "site"),
    ("EPICERIE", "Épicerie solidaire de Lestrac-sur-Lisère", "Épicerie sociale", "droits/budget",
     "foyers aux ressources modestes, pour une durée limitée : produits à prix réduit", "sur orientation",
     "sans RDV", "", L, "mardi et vendredi, 14 h-18 h", "coordination des bénévoles", "appel"),
    ("ENTRAIDE", "Entraide alimentaire du Lisère", "Association d'aide alimentaire", "droits/budget",
     "personnes en difficulté : colis alimentaires, vestiaire", "libre", "sans RDV", "", B, "samedi, 9 h-12 h",
     "coordination des bénévoles", "appel"),
    # Logement et hébergement
    ("SIAO", "SIAO de l'Aurelle", "SIAO", "logement/hébergement",
     "personnes sans abri ou menacées de l'être : mise à l'abri (115, appel gratuit, jour et nuit) ; hébergement "
     "d'insertion sur demande d'un travailleur social", "libre", "sans RDV", "", C, "tous les jours, 24 h sur 24 (115)",
     "écoutante ou écoutant du 115", "guide"),
    ("CHRS", "CHRS des Remparts de Corvalès", "CHRS", "logement/hébergement",
     "personnes et familles sans logement : hébergement et accompagnement", "sur orientation", "sur RDV", "", C,
     "tous les jours ; admissions par le SIAO", "direction", "guide"),
    ("ACC_JOUR", "Accueil de jour de Corvalès", "Accueil de jour", "logement/hébergement",
     "personnes sans domicile : café, douches, laverie, domiciliation", "libre", "sans RDV", "", C,
     f"{SEMAINE}, 8 h 30-13 h", "équipe d'accueil", "appel"),
    ("ADIL", "ADIL de l'Aurelle", "ADIL", "logement/hébergement",
     "locataires, propriétaires, accédants : conseils juridiques et financiers gratuits sur le logement", "libre",
     "sur RDV", "", C, f"{SEMAINE}, 9 h-12 h et 13 h 30-17 h", "accueil", "site"),
    ("ADIL_L", "ADIL de l'Aurelle, permanence de Lestrac-sur-Lisère", "ADIL", "logement/hébergement",
     "locataires et propriétaires des Hauts-de-Lisère", "libre", "permanence", "1 demi-journée par mois", L,
     f"2e vendredi du mois, 9 h-12 h, {A_LA_FS}", "accueil de la France Services", "reunion"),
    ("HABITAT", "Aurelle Habitat, agence de Corvalès", "Bailleur social", "logement/hébergement",
     "demandeurs de logement social, locataires", "libre", "sans RDV", "", C, f"{SEMAINE}, 9 h-12 h 30", "accueil",
     "site"),
    ("RHJ", "Résidence habitat jeunes de Lestrac-sur-Lisère", "Résidence habitat jeunes", "logement/hébergement",
     "jeunes en formation, en apprentissage ou en premier emploi", "libre", "sur RDV", "", L,
     f"{SEMAINE}, 9 h-12 h et 14 h-19 h", "direction", "appel"),
    ("RENOV", "Espace conseil France Rénov' de l'Aurelle", "France Rénov'", "logement/hébergement",
     "propriétaires et locataires : rénovation énergétique, adaptation du logement à l'âge ou au handicap", "libre",
     "sur RDV", "", C, "lundi, mercredi et vendredi, 9 h-12 h et 14 h-17 h", "conseil habitat", "site"),
    # Famille et enfance
    ("PMI", "Centre de PMI de Lestrac-sur-Lisère", "PMI", "famille/enfance",
     "femmes enceintes, parents et enfants de moins de 6 ans : consultations, puériculture, sage-femme", "libre",
     "sur RDV", "", L, "mardi et jeudi, 9 h-12 h et 13 h 30-16 h 30", "secrétariat", "guide"),
    ("RPE", "Relais petite enfance des Hauts-de-Lisère", "Relais petite enfance", "famille/enfance",
     "parents qui cherchent un mode d'accueil, assistantes et assistants maternels", "libre", "sur RDV", "", L,
     "lundi, mardi et jeudi, 13 h 30-17 h 30", "animation du relais", "site"),
    ("CSI", "Centre social intercommunal des Hauts-de-Lisère", "Centre social", "famille/enfance",
     "familles et habitants de tout âge : accueil de loisirs, aide aux devoirs, ateliers parents-enfants", "libre",
     "sans RDV", "", B, "du lundi au samedi, 9 h-12 h et 14 h-18 h", "accueil", "plaquette"),
    ("MEDIATION", "Service de médiation familiale de l'Aurelle", "Médiation familiale", "famille/enfance",
     "parents qui se séparent, familles en conflit", "libre", "sur RDV", "", C, "lundi, mardi et jeudi, 9 h-17 h",
     "secrétariat", "guide"),
    # Justice
    ("SPIP", "SPIP de l'Aurelle, antenne de Corvalès", "SPIP", "justice",
     "personnes condamnées suivies en milieu ouvert ou détenues à la maison d'arrêt de Corvalès",
     "sur prescription", "sur RDV", "", C, f"{SEMAINE}, 9 h-12 h et 14 h-17 h", "secrétariat", "guide"),
    ("JUSTICE", "Point-justice de Lestrac-sur-Lisère", "Point-justice", "justice",
     "tout public : information sur ses droits, permanences d'avocat et de conciliation de justice", "libre",
     "permanence", "2 demi-journées par mois", L, f"1er et 3e mardis du mois, 14 h-17 h, {A_LA_FS}",
     "accueil de la France Services", "reunion"),
    ("VICTIMES", "Association d'aide aux victimes de l'Aurelle", "Association d'aide aux victimes", "justice",
     "victimes d'infractions (violences, vols, accidents…) : écoute, information juridique, accompagnement",
     "libre", "sur RDV", "", C, f"{SEMAINE}, 9 h-12 h 30 et 13 h 30-17 h", "accueil", "site"),
    ("CIDFF", "CIDFF de l'Aurelle", "CIDFF", "justice",
     "femmes et familles : information juridique, accompagnement des femmes victimes de violences", "libre",
     "sur RDV", "", C, "lundi, mardi, jeudi et vendredi, 9 h-12 h et 13 h 30-17 h", "accueil", "plaquette"),
    ("CIDFF_L", "CIDFF de l'Aurelle, permanence de Lestrac-sur-Lisère", "CIDFF", "justice",
     "femmes et familles des Hauts-de-Lisère", "libre", "permanence", "1 demi-journée par mois", L,
     f"4e jeudi du mois, 9 h-12 h, {A_LA_FS}", "accueil de la France Services", "reunion"),
    # Numérique
    ("NUM_L", "Médiathèque intercommunale de Lestrac-sur-Lisère", "Médiathèque", "numérique",
     "tout public : ordinateurs en accès libre, ateliers numériques", "libre", "sans RDV", "", L,
     "mardi, mercredi et vendredi, 10 h-12 h et 14 h-18 h ; samedi, 10 h-16 h", "accueil", "site"),
    ("NUM_B", "Conseil numérique des Hauts-de-Lisère, permanence de Brugalès", "Conseiller numérique", "numérique",
     "personnes qui veulent apprendre à se servir d'un ordinateur, d'un téléphone, des démarches en ligne", "libre",
     "permanence", "1 demi-journée par semaine", B, "lundi, 14 h-17 h, à la mairie", "conseil numérique", "reunion"),
    ("TIERS_LIEU", "Tiers-lieu des Audrioles", "Tiers-lieu", "numérique",
     "tout public : espace de travail partagé, ateliers numériques, atelier de réparation", "libre", "sans RDV", "",
     "Les Audrioles", "mercredi, 14 h-19 h ; samedi, 10 h-17 h", "animation du tiers-lieu", "plaquette"),
]

COLONNES = ["id_structure", "structure", "type", "champ", "publics", "conditions_acces", "modalite",
            "frequence_permanence", "commune", "epci", "jours_horaires", "contact_fonction", "source", "verifie_le",
            "x_km", "y_km"]


def identifiants() -> dict[str, str]:
    """Key of a structure in this module → its `id_structure` in the CSV (S01, S02… in list order)."""
    return {cle: f"S{i:02d}" for i, (cle, *_) in enumerate(STRUCTURES, start=1)}


def _mois(anciennete: int) -> str:
    """« AAAA-MM », `anciennete` months before MOIS_DE_REFERENCE."""
    annee, mois = MOIS_DE_REFERENCE
    index = annee * 12 + (mois - 1) - anciennete
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def generate() -> pd.DataFrame:
    rng = np.random.default_rng(SEED)
    lieux = communes.generate().set_index("commune")
    poids = np.array(POIDS_ANCIENNETE, dtype=float)
    ids = identifiants()
    rows = []
    for (cle, structure, type_, champ, publics, conditions, modalite, frequence, commune, horaires, contact,
         source) in STRUCTURES:
        anciennete = int(rng.choice(ANCIENNETE_MOIS, p=poids / poids.sum()))
        dx, dy = rng.uniform(-DECALAGE_MAX_KM, DECALAGE_MAX_KM, 2)
        rows.append({
            "id_structure": ids[cle],
            "structure": structure,
            "type": type_,
            "champ": champ,
            "publics": publics,
            "conditions_acces": conditions,
            "modalite": modalite,
            "frequence_permanence": frequence or None,
            "commune": commune,
            "epci": lieux.loc[commune, "epci"],
            "jours_horaires": horaires,
            "contact_fonction": contact,
            "source": SOURCES[source],
            "verifie_le": _mois(anciennete),
            "x_km": round(float(lieux.loc[commune, "x_km"] + dx), 1),
            "y_km": round(float(lieux.loc[commune, "y_km"] + dy), 1),
        })
    return pd.DataFrame(rows, columns=COLONNES)
