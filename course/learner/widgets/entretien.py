"""Simulation d'entretien d'accueil : choisir, à chaque réplique, la réponse la plus ajustée.

Utilisation dans un notebook :

    from course.learner.widgets.entretien import simuler_entretien
    simuler_entretien("telephone")          # ou "sans_rendez_vous", "sur_rendez_vous"

La personne parle ; vous choisissez une réponse parmi quatre (question ouverte, reformulation,
conseil prématuré, jugement…) ; un retour explique pourquoi elle aide ou non l'entretien.
À la fin, un bilan récapitule vos choix. Tout se passe dans le notebook, sans connexion.
"""
from __future__ import annotations

from dataclasses import dataclass
from html import escape

import ipywidgets as widgets
from IPython.display import display

__all__ = ["simuler_entretien", "scenarios_disponibles", "SimulationEntretien", "SCENARIOS", "TYPES_REPONSE"]

TYPES_REPONSE = {
    "question_ouverte": "Question ouverte",
    "reformulation": "Reformulation",
    "cadre": "Cadre et confidentialité",
    "information": "Information claire et ajustée",
    "synthese": "Synthèse et orientation",
    "question_fermee": "Question fermée",
    "conseil_premature": "Conseil prématuré",
    "jugement": "Jugement ou morale",
    "fausse_reassurance": "Fausse réassurance",
    "hors_cadre": "Sortie du cadre professionnel",
    "faire_a_la_place": "Faire à la place de la personne",
}

POINTS_MAX_ETAPE = 2
LETTRES = "ABCD"


@dataclass(frozen=True)
class Reponse:
    texte: str
    type: str
    points: int  # 2 = ajustée, 1 = acceptable mais incomplète, 0 = à éviter
    retour: str


@dataclass(frozen=True)
class Etape:
    personne: str
    reponses: tuple[Reponse, ...]


@dataclass(frozen=True)
class Scenario:
    titre: str
    contexte: str
    etapes: tuple[Etape, ...]
    a_retenir: str


def _r(texte, type_, points, retour):
    if type_ not in TYPES_REPONSE:
        raise ValueError(f"type de réponse inconnu : {type_}")
    return Reponse(texte, type_, points, retour)


SCENARIOS: dict[str, Scenario] = {
    "telephone": Scenario(
        titre="Entretien téléphonique — Yanis, 19 ans, appelle pour le contrat d'engagement jeune (CEJ)",
        contexte=(
            "Vous êtes chargé·e d'accueil au CCAS (labellisé France Services). Le téléphone sonne. "
            "Un jeune homme appelle ; on entend du bruit autour de lui. Situation fictive."
        ),
        etapes=(
            Etape(
                "« Allô ? Euh, bonjour… On m'a dit que chez vous on pouvait avoir le CEJ, les 500 balles "
                "par mois, là. C'est vrai ? »",
                (
                    _r("« Le CEJ, ce n'est pas ici : appelez la Mission locale. Au revoir. »",
                       "conseil_premature", 0,
                       "L'information n'est pas fausse, mais vous clôturez l'appel avant de savoir qui appelle et "
                       "pourquoi. Au téléphone, la personne ne vous voit pas : sans présentation ni écoute, elle "
                       "risque de ne jamais rappeler nulle part."),
                    _r("« Bonjour, vous êtes à l'accueil du CCAS, je m'appelle Claire. Je vous écoute : "
                       "qu'est-ce qui vous amène à vous renseigner sur le CEJ ? »",
                       "question_ouverte", 2,
                       "Vous vous présentez (la personne sait à qui elle parle) et vous ouvrez l'échange par une "
                       "question ouverte : le jeune peut expliquer sa situation avec ses mots. C'est la base d'un "
                       "accueil téléphonique de qualité."),
                    _r("« Le CEJ, ce n'est pas de l'argent facile, vous savez : il faut vraiment avoir envie "
                       "de travailler. »",
                       "jugement", 0,
                       "Vous supposez qu'il cherche « de l'argent facile » : c'est un jugement. Il se sentira "
                       "soupçonné et risque de raccrocher. La posture d'accueil suspend le jugement."),
                    _r("« Vous avez quel âge ? Vous êtes inscrit à France Travail ? »",
                       "question_fermee", 1,
                       "L'âge compte pour le CEJ, mais commencer par des questions fermées transforme l'accueil en "
                       "contrôle d'éligibilité. Présentez-vous d'abord et laissez-le dire ce qui l'amène."),
                ),
            ),
            Etape(
                "« Ben, j'ai 19 ans, j'ai arrêté le lycée pro l'an dernier. Là je fais rien. Et faut que je "
                "trouve des sous vite, parce que chez ma mère, ça va plus trop. »",
                (
                    _r("« Arrêter le lycée sans diplôme, ce n'était pas la meilleure idée… »",
                       "jugement", 0,
                       "Le passé ne se change pas, et la remarque le met en défaut. Elle n'apporte rien à la "
                       "compréhension de sa demande."),
                    _r("« Oh, les tensions avec les parents à votre âge, c'est normal, ça va passer. »",
                       "fausse_reassurance", 0,
                       "En banalisant, vous passez à côté d'un signal important (« chez ma mère, ça va plus "
                       "trop »). La fausse réassurance ferme la porte à ce que la personne allait peut-être dire."),
                    _r("« Il faut absolument reprendre une formation, sinon vous n'y arriverez pas. »",
                       "conseil_premature", 1,
                       "Une formation sera peut-être une piste, mais vous ne connaissez pas encore sa situation. "
                       "Le conseil arrive trop tôt et répond à une question qu'il n'a pas posée."),
                    _r("« Si je comprends bien : vous avez 19 ans, vous avez quitté le lycée professionnel, et "
                       "vous avez besoin de ressources rapidement, notamment parce que la situation chez votre "
                       "mère est devenue difficile. C'est bien ça ? »",
                       "reformulation", 2,
                       "Vous reprenez ses éléments avec des mots simples et vous vérifiez (« C'est bien ça ? »). "
                       "Il se sent compris, et vous avez relevé les deux sujets : les ressources et la situation "
                       "familiale."),
                ),
            ),
            Etape(
                "« Ouais, c'est ça. En fait… avec le copain de ma mère ça s'est mal passé, je dors chez un "
                "pote depuis une semaine. Là, je suis au fast-food, y a du monde autour. »",
                (
                    _r("« Il vous a frappé ? Votre mère est au courant ? Vous pouvez me donner l'adresse de votre "
                       "ami ? »",
                       "question_fermee", 0,
                       "Des questions fermées en rafale, intimes, posées alors qu'il est dans un lieu public : il "
                       "ne peut pas y répondre sereinement, et l'adresse de son ami n'est pas nécessaire à ce stade. "
                       "Ne recueillez que les informations utiles à la demande."),
                    _r("« Merci de me le dire. Vous êtes dans un lieu public : est-ce que vous pouvez parler "
                       "tranquillement ? Sinon, on peut se rappeler dans un moment, ou vous pouvez passer nous "
                       "voir : nous avons un bureau fermé. »",
                       "cadre", 2,
                       "Vous accueillez la confidence et vous protégez sa confidentialité : au téléphone, c'est à "
                       "vous de vérifier que la personne peut parler sans être entendue. Vous lui laissez le choix "
                       "du moment et du lieu."),
                    _r("« Appelez le 115 tout de suite. »",
                       "conseil_premature", 1,
                       "Le 115 est une ressource à connaître et à donner, mais pas à la place de l'écoute : il a un "
                       "toit pour l'instant, et vous ne savez pas encore ce dont il a besoin."),
                    _r("« Il faudrait peut-être faire un effort pour vous entendre avec lui. »",
                       "jugement", 0,
                       "Vous prenez position dans un conflit familial que vous ne connaissez pas, et vous faites "
                       "porter la responsabilité au jeune. C'est un jugement, pas une aide."),
                ),
            ),
            Etape(
                "« Non, c'est bon, je suis sorti dehors, je peux parler. Donc le CEJ, je peux l'avoir ou "
                "pas ? »",
                (
                    _r("« Oui, c'est sûr, vous aurez 500 euros dès le mois prochain. »",
                       "conseil_premature", 0,
                       "C'est une promesse que vous ne pouvez pas tenir : l'entrée en CEJ est décidée par la "
                       "Mission locale (ou France Travail) et l'allocation dépend des ressources. Une promesse non "
                       "tenue abîme la confiance."),
                    _r("« Il faut surtout être motivé, sinon ça ne sert à rien. »",
                       "jugement", 0,
                       "Il pose une question précise et reçoit une morale. Répondez d'abord à sa question, "
                       "clairement."),
                    _r("« Le CEJ s'adresse aux jeunes de 16 à 25 ans sans emploi ni formation. C'est un "
                       "accompagnement de 15 à 20 heures par semaine avec un conseiller, avec une allocation qui "
                       "dépend de vos ressources. C'est la Mission locale qui décide de l'entrée. Vous voulez que "
                       "je vous explique comment les contacter ? »",
                       "information", 2,
                       "Une information exacte, en langage simple, sans promesse, qui dit qui décide et ce qui est "
                       "attendu de lui. Vous terminez par une question qui le laisse acteur."),
                    _r("« Qu'est-ce que vous en attendez, du CEJ ? »",
                       "question_ouverte", 1,
                       "La question est intéressante, mais il vient de poser une question directe : ne pas y "
                       "répondre peut donner l'impression d'esquiver. Informez d'abord, explorez ensuite."),
                ),
            ),
            Etape(
                "« OK. Et pour dormir, du coup, je fais comment ? »",
                (
                    _r("« Retournez chez votre mère en attendant, c'est plus simple. »",
                       "conseil_premature", 0,
                       "Il vient d'expliquer que ce n'est plus possible. Ce conseil nie ce qu'il a dit et peut "
                       "l'exposer à un danger."),
                    _r("« Je récapitule : vous cherchez à entrer en CEJ et une solution pour vous loger. Je vous "
                       "propose un rendez-vous demain matin avec une conseillère du CCAS, qui fera le lien avec la "
                       "Mission locale et regardera les solutions de logement pour les jeunes, comme le foyer de "
                       "jeunes travailleurs. Et si un soir vous n'avez nulle part où dormir, appelez le 115 : c'est "
                       "gratuit, jour et nuit. Ça vous convient ? »",
                       "synthese", 2,
                       "Vous résumez les deux demandes (l'exprimée et celle qui est apparue), vous proposez une "
                       "suite concrète et datée, vous donnez la ressource d'urgence et vous vérifiez son accord. "
                       "C'est une clôture d'entretien réussie."),
                    _r("« Vous avez un ami qui vous héberge, c'est déjà très bien, ne vous inquiétez pas. »",
                       "fausse_reassurance", 0,
                       "L'hébergement chez un ami est précaire. Le rassurer sans rien proposer le laisse seul avec "
                       "sa question."),
                    _r("« Donnez-moi votre numéro, je vous rappellerai ce soir de mon portable pour voir si je "
                       "peux vous dépanner. »",
                       "hors_cadre", 0,
                       "L'intention est généreuse, mais vous sortez du cadre professionnel (téléphone personnel, "
                       "hors horaires, aide individuelle hors dispositif). Cela vous expose et ne garantit pas de "
                       "continuité pour lui. Passez par les dispositifs et par l'équipe."),
                ),
            ),
        ),
        a_retenir=(
            "Au téléphone : se présenter, écouter avant d'informer, vérifier que la personne peut parler "
            "librement, donner une information exacte sans promesse, et terminer par une synthèse avec une "
            "suite concrète et la ressource d'urgence (115)."
        ),
    ),
    "sans_rendez_vous": Scenario(
        titre="Accueil sans rendez-vous — M. O., 72 ans, deux courriers qu'il ne comprend pas",
        contexte=(
            "Mardi, 10 h 30, espace France Services du CCAS. La salle d'attente est pleine. M. O., 72 ans, "
            "retraité, s'approche du guichet avec deux enveloppes froissées : une de la Carsat, une de la CAF. "
            "Il parle français avec difficulté ; sa langue maternelle est l'arabe. Situation fictive."
        ),
        etapes=(
            Etape(
                "« Bonjour madame. Ça… papier… CAF, retraite. Je comprends pas. Je dois payer ? »",
                (
                    _r("« Ça, c'est la CAF : il faut aller sur le site de la CAF, dans votre espace "
                       "personnel. »",
                       "conseil_premature", 0,
                       "Vous répondez avant d'avoir lu le courrier, et vous renvoyez vers Internet une personne qui "
                       "vient justement parce qu'elle ne comprend pas. Il repartira sans réponse."),
                    _r("« Vous avez votre numéro d'allocataire ? »",
                       "question_fermee", 1,
                       "Le numéro servira peut-être, mais commencer par là, au guichet, devant tout le monde, ne "
                       "l'accueille pas : il a d'abord besoin d'être rassuré et installé."),
                    _r("« Bonjour monsieur. Je vais vous aider. Venez, on va s'asseoir au bureau à côté, ce sera "
                       "plus calme. Vous me montrez les lettres ? »",
                       "cadre", 2,
                       "Des phrases courtes et simples, un geste concret, et surtout un lieu plus confidentiel : "
                       "ses courriers contiennent des informations personnelles qu'il n'a pas à exposer devant la "
                       "salle d'attente."),
                    _r("« Il faut ouvrir votre courrier quand il arrive, monsieur, celui-ci date d'il y a un "
                       "mois ! »",
                       "jugement", 0,
                       "Le reproche ajoute de la honte à l'inquiétude. Il ne l'aidera pas à revenir la prochaine "
                       "fois."),
                ),
            ),
            Etape(
                "Une voisine qui attendait derrière lui s'approche : « Je parle arabe, je peux traduire pour "
                "lui si vous voulez ! » M. O. hoche la tête, un peu gêné.",
                (
                    _r("« Ah oui, super, venez avec nous, ça ira plus vite. »",
                       "hors_cadre", 0,
                       "Solution de facilité : la voisine va connaître ses ressources, ses dettes, sa situation "
                       "familiale. Un proche ou un voisin n'est pas tenu au secret et peut déformer les propos. "
                       "Vous n'avez pas garanti la confidentialité."),
                    _r("« Monsieur, ça fait combien de temps que vous êtes en France ? Vous devriez parler "
                       "français, depuis le temps. »",
                       "jugement", 0,
                       "C'est un jugement blessant, hors sujet, et discriminant. Le service public doit s'adapter "
                       "à la personne, pas l'inverse."),
                    _r("« Merci beaucoup, madame, c'est gentil. Mais ce sont des papiers personnels : je préfère "
                       "recevoir monsieur seul. Monsieur, on va parler doucement tous les deux et, si c'est "
                       "nécessaire, j'appelle un interprète professionnel par téléphone. D'accord ? »",
                       "cadre", 2,
                       "Vous remerciez sans vexer, vous protégez la confidentialité, et vous proposez une solution "
                       "professionnelle (interprétariat par téléphone). Vous demandez son accord à lui."),
                    _r("« Monsieur, vous voulez que madame traduise ? »",
                       "question_fermee", 1,
                       "Vous demandez son avis, c'est bien, mais devant la voisine il lui est très difficile de "
                       "refuser. Proposez plutôt une alternative professionnelle avant de lui poser la question."),
                ),
            ),
            Etape(
                "Dans le bureau. « Mon fils, avant, il fait tous les papiers. Maintenant il est à Lyon. Moi, "
                "Internet, je sais pas. »",
                (
                    _r("« Il faut que vous appreniez à utiliser Internet : il y a des ateliers le jeudi. »",
                       "conseil_premature", 1,
                       "Les ateliers numériques peuvent l'aider plus tard, mais aujourd'hui il vient pour deux "
                       "courriers. Vous répondez à un problème qu'il n'a pas encore demandé à régler."),
                    _r("« Si je comprends bien : avant, c'est votre fils qui s'occupait des papiers. Depuis qu'il "
                       "est parti, vous êtes seul, et Internet, c'est difficile pour vous. C'est ça ? »",
                       "reformulation", 2,
                       "Vous reformulez avec des mots simples et vous vérifiez. Vous faites apparaître un besoin "
                       "implicite : il n'a plus de relais pour ses démarches (isolement, illectronisme)."),
                    _r("« Oh, vous savez, tout le monde a du mal avec Internet ! »",
                       "fausse_reassurance", 0,
                       "En banalisant, vous effacez ce qu'il vient de dire : la perte de son relais familial. Ce "
                       "n'est pas « comme tout le monde » pour lui."),
                    _r("« Votre fils ne peut pas le faire à distance ? »",
                       "question_fermee", 1,
                       "La question renvoie la charge vers le fils et peut être vécue comme « ce n'est pas notre "
                       "travail ». Explorez d'abord ce que vit M. O."),
                ),
            ),
            Etape(
                "Vous lisez les courriers : la Carsat demande de remplir un questionnaire de ressources pour "
                "continuer à verser l'allocation de solidarité aux personnes âgées (ASPA) ; la CAF réclame "
                "180 euros d'aide au logement versés en trop. M. O. : « 180 euros… Moi j'ai pas. Je mange "
                "comment ? »",
                (
                    _r("« Si la CAF vous demande de rembourser, c'est que vous avez dû oublier de déclarer "
                       "quelque chose. »",
                       "jugement", 0,
                       "Vous supposez une faute. Un trop-perçu peut avoir beaucoup de causes (changement de "
                       "situation, erreur de calcul). Cela l'angoisse encore plus."),
                    _r("« Vous pouvez demander un échéancier à la CAF. »",
                       "conseil_premature", 1,
                       "L'information est utile, mais elle arrive avant d'avoir accueilli son inquiétude et "
                       "compris ses ressources. Gardez-la pour la fin de l'entretien."),
                    _r("« Ne vous inquiétez pas, je vais faire annuler cette dette. »",
                       "fausse_reassurance", 0,
                       "Vous promettez ce qui ne dépend pas de vous : seule la CAF décide d'une remise de dette. "
                       "Si elle refuse, la confiance sera perdue."),
                    _r("« Cette lettre vous inquiète beaucoup : vous avez peur de ne plus pouvoir faire vos "
                       "courses. On va regarder ensemble ce qui est possible. Pour bien comprendre, vous pouvez "
                       "me dire quelles sont vos ressources chaque mois ? »",
                       "reformulation", 2,
                       "Vous reformulez l'émotion (la peur), puis vous ouvrez sur ce qui est nécessaire pour "
                       "agir. Il se sent entendu et vous recueillez les informations utiles, rien de plus."),
                ),
            ),
            Etape(
                "« D'accord. Et le papier de la retraite ? »",
                (
                    _r("« Je résume : le courrier de la Carsat demande vos ressources pour continuer à vous "
                       "verser l'ASPA ; on remplit le questionnaire ensemble maintenant. Pour la CAF, on fait "
                       "ensemble une demande de remise ou d'étalement. Et je vous propose un rendez-vous avec "
                       "l'assistante sociale du CCAS la semaine prochaine, avec un interprète si vous voulez. "
                       "Ça vous va ? »",
                       "synthese", 2,
                       "Synthèse claire des deux courriers, actions faites avec lui (pas à sa place), orientation "
                       "vers un suivi pour le besoin implicite (isolement, ressources), interprétariat proposé, "
                       "accord vérifié."),
                    _r("« Pour la retraite, il faut prendre rendez-vous à la Carsat, ce n'est pas ici. »",
                       "conseil_premature", 0,
                       "France Services accompagne justement les démarches Carsat. Le renvoyer ailleurs, alors "
                       "qu'il a du mal avec la langue et Internet, risque de provoquer une rupture de droits "
                       "(suspension de l'ASPA)."),
                    _r("« Laissez-moi tous vos papiers, je m'occupe de tout, revenez dans quinze jours. »",
                       "faire_a_la_place", 0,
                       "Vous faites à sa place : il ne saura pas ce qui a été fait, et vous gardez des documents "
                       "personnels sans cadre. L'accompagnement vise l'autonomie : on fait avec la personne."),
                    _r("« La retraite, ce n'est pas urgent, on verra une autre fois. »",
                       "fausse_reassurance", 0,
                       "C'est urgent : sans réponse au questionnaire, le versement de l'ASPA peut être suspendu. "
                       "Lire les courriers jusqu'au bout fait partie de l'accueil."),
                ),
            ),
        ),
        a_retenir=(
            "Au guichet : installer la personne dans un lieu confidentiel, parler simplement, refuser "
            "l'interprétariat par un voisin au profit d'un interprète professionnel, reformuler les faits et "
            "les émotions, faire avec la personne et non à sa place."
        ),
    ),
    "sur_rendez_vous": Scenario(
        titre="Entretien sur rendez-vous — Nadia, 34 ans, une dette de loyer et une procédure d'expulsion",
        contexte=(
            "Jeudi, 14 h, bureau fermé du CCAS. Nadia, 34 ans, mère de deux enfants de 6 et 9 ans, a pris "
            "rendez-vous la semaine dernière « pour une aide pour le loyer ». Elle arrive avec un sac plein de "
            "courriers. Situation fictive."
        ),
        etapes=(
            Etape(
                "« Bonjour… Voilà, j'ai besoin d'une aide pour payer mon loyer. Je dois 2 400 euros au "
                "bailleur. »",
                (
                    _r("« 2 400 euros, ça fait beaucoup ! Vous auriez dû venir plus tôt. »",
                       "jugement", 0,
                       "Le reproche ne sert à rien : elle est venue, c'est ce qui compte. Il risque de la mettre "
                       "sur la défensive pour tout l'entretien."),
                    _r("« On va faire tout de suite une demande au FSL, ça réglera le problème. »",
                       "conseil_premature", 1,
                       "Le Fonds de solidarité pour le logement sera peut-être mobilisé, mais vous ne connaissez "
                       "encore ni l'origine de la dette ni la procédure en cours. Et « ça réglera le problème » "
                       "est une promesse."),
                    _r("« Depuis combien de mois vous ne payez plus ? »",
                       "question_fermee", 1,
                       "L'information est utile, mais la question arrive avant d'avoir posé le cadre et peut "
                       "sonner comme un reproche."),
                    _r("« Bonjour, merci d'être venue. Nous avons environ trois quarts d'heure ensemble ; ce que "
                       "vous me direz reste confidentiel, sauf ce que vous m'autoriserez à transmettre pour vos "
                       "démarches. Vous pouvez me raconter comment cette dette est arrivée ? »",
                       "cadre", 2,
                       "Vous posez le cadre (durée, confidentialité et ses limites) puis vous ouvrez par une "
                       "question qui lui laisse la parole. Elle sait où elle est et ce qui va se passer."),
                ),
            ),
            Etape(
                "« Mon compagnon est parti en janvier. Il payait la moitié. Moi je suis à mi-temps au "
                "supermarché. J'ai essayé de payer, mais… Après, j'ai plus ouvert les lettres. »",
                (
                    _r("« Depuis le départ de votre compagnon en janvier, vous payez seule le loyer avec un "
                       "salaire à mi-temps, et c'est devenu impossible. Et à un moment, c'était trop lourd : vous "
                       "n'avez plus ouvert le courrier. C'est bien ça ? »",
                       "reformulation", 2,
                       "Reformulation fidèle, sans jugement, qui fait le lien entre la séparation et la dette, et "
                       "qui nomme le fait de ne plus ouvrir le courrier sans le reprocher. Elle peut confirmer ou "
                       "corriger."),
                    _r("« Ne plus ouvrir son courrier, c'est le pire à faire dans ce genre de situation. »",
                       "jugement", 0,
                       "Elle le sait sans doute déjà, et elle vient de l'avouer. Le jugement renforce la honte, "
                       "qui est souvent la raison pour laquelle on n'ouvre plus les lettres."),
                    _r("« Ne vous inquiétez pas, ça arrive à tout le monde, ce n'est pas grave. »",
                       "fausse_reassurance", 0,
                       "Une procédure liée à une dette de loyer, c'est grave. Minimiser empêche d'agir à temps."),
                    _r("« Il faut demander une pension alimentaire au juge aux affaires familiales. »",
                       "conseil_premature", 1,
                       "La piste est pertinente (et la CAF peut verser l'allocation de soutien familial), mais "
                       "elle arrive trop tôt : vous n'avez pas encore vérifié que vous avez bien compris sa "
                       "situation."),
                ),
            ),
            Etape(
                "Elle vous tend une assignation devant le juge des contentieux de la protection : l'audience "
                "est dans cinq semaines. Elle pleure : « Je comprends pas tout. Ils vont nous mettre "
                "dehors ? »",
                (
                    _r("« Mais non, on n'expulse pas une mère avec des enfants, ne vous inquiétez pas. »",
                       "fausse_reassurance", 0,
                       "C'est faux : la présence d'enfants ne suffit pas à empêcher une expulsion. Une fausse "
                       "réassurance peut la conduire à ne rien faire avant l'audience."),
                    _r("« Vous avez la date exacte de l'audience ? »",
                       "question_fermee", 1,
                       "La date est essentielle, mais elle pleure : ignorer son émotion pour passer aux faits "
                       "peut la faire décrocher. Accueillez d'abord, vérifiez la date ensuite."),
                    _r("« Vous avez peur de perdre votre logement avec vos enfants ; c'est normal d'être "
                       "inquiète. Ce document est une convocation au tribunal : ce n'est pas encore une "
                       "expulsion. Il reste cinq semaines, et plusieurs choses sont possibles d'ici là. On les "
                       "regarde ensemble ? »",
                       "reformulation", 2,
                       "Vous reformulez l'émotion, puis vous donnez une information exacte et à sa portée : où en "
                       "est la procédure et ce qu'il reste comme marge. Vous lui proposez d'agir avec vous."),
                    _r("« Vous voyez, si vous aviez ouvert vos lettres plus tôt… »",
                       "jugement", 0,
                       "Le reproche, au moment où elle s'effondre, abîme durablement la relation de confiance."),
                ),
            ),
            Etape(
                "« En fait, ce que je voudrais vraiment, c'est garder l'appartement. Les enfants sont à "
                "l'école juste à côté. »",
                (
                    _r("« Vu la dette, il vaudrait mieux chercher un logement moins cher. »",
                       "conseil_premature", 0,
                       "Vous décidez à sa place, sans connaître ses ressources ni les aides possibles. Son projet "
                       "(garder le logement) est légitime et doit être étudié d'abord."),
                    _r("« Vous êtes allocataire CAF ? Vous touchez l'APL ? Et la prime d'activité ? »",
                       "question_fermee", 1,
                       "Ces informations seront utiles, mais les questions en rafale transforment l'entretien en "
                       "interrogatoire. Une question ouverte recueille les mêmes éléments plus naturellement."),
                    _r("« Il faut être réaliste : avec un mi-temps, ce logement est trop cher pour vous. »",
                       "jugement", 0,
                       "C'est un jugement sur sa capacité, prononcé avant d'avoir étudié ses droits (aide au "
                       "logement recalculée, prime d'activité, allocation de soutien familial…)."),
                    _r("« Garder le logement et que les enfants restent dans leur école, c'est votre priorité. "
                       "Pour voir ce qui est possible, vous pouvez me parler de vos ressources depuis janvier et "
                       "des démarches que vous avez déjà faites ? »",
                       "question_ouverte", 2,
                       "Vous reformulez sa priorité (sa demande profonde) et vous ouvrez sur les éléments "
                       "nécessaires à l'analyse : ressources, démarches déjà faites. Elle reste actrice."),
                ),
            ),
            Etape(
                "« Donc, je fais quoi maintenant ? »",
                (
                    _r("« Je vais appeler votre bailleur moi-même et tout arranger, vous n'avez rien à faire. »",
                       "faire_a_la_place", 0,
                       "Vous promettez un résultat qui ne dépend pas de vous et vous la mettez à l'écart de sa "
                       "propre situation. L'accompagnement se construit avec elle."),
                    _r("« On verra la prochaine fois ; revenez quand vous aurez reçu d'autres courriers. »",
                       "fausse_reassurance", 0,
                       "Attendre, c'est perdre un temps précieux avant l'audience. La clôture doit fixer une suite "
                       "concrète."),
                    _r("« Je récapitule avec vous : vous signalez aujourd'hui votre séparation à la CAF, ce qui "
                       "peut faire évoluer vos droits ; nous préparons ensemble une demande au Fonds de "
                       "solidarité pour le logement et une proposition de plan d'apurement au bailleur ; et je "
                       "vous oriente vers le point-justice pour préparer l'audience et demander l'aide "
                       "juridictionnelle. On se revoit mardi avec les papiers que je note sur cette fiche. Est-ce "
                       "que ça vous paraît faisable ? »",
                       "synthese", 2,
                       "Synthèse claire, étapes concrètes et réalistes, partenaires nommés (CAF, FSL, point-"
                       "justice), prochain rendez-vous fixé, accord vérifié. Elle repart avec un plan, pas "
                       "seulement avec des promesses."),
                    _r("« Déposez un recours DALO, c'est le plus efficace. »",
                       "conseil_premature", 1,
                       "Le recours DALO peut être envisagé pour une personne menacée d'expulsion sans relogement, "
                       "mais ce n'est pas la première étape ici : son objectif est de garder son logement, et des "
                       "solutions existent avant l'audience."),
                ),
            ),
        ),
        a_retenir=(
            "Sur rendez-vous : poser le cadre (durée, confidentialité et ses limites), reformuler les faits et "
            "les émotions, distinguer la demande exprimée (« une aide pour le loyer ») de la demande profonde "
            "(« garder le logement »), ne rien promettre, et clôturer par un plan d'action partagé."
        ),
    ),
}

_CODES = {
    "telephone": "telephone", "téléphone": "telephone", "tel": "telephone",
    "sans_rendez_vous": "sans_rendez_vous", "sans rendez-vous": "sans_rendez_vous", "guichet": "sans_rendez_vous",
    "sur_rendez_vous": "sur_rendez_vous", "sur rendez-vous": "sur_rendez_vous", "rendez-vous": "sur_rendez_vous",
}

_STYLE_BULLE = (
    "background:#eef3f8;border-left:4px solid #3b6ea5;padding:8px 12px;margin:6px 0;border-radius:4px;"
)
_COULEURS = {2: ("#e8f5e9", "#2e7d32", "Réponse ajustée"), 1: ("#fff8e1", "#b26a00", "Réponse acceptable mais incomplète"),
             0: ("#fdecea", "#c62828", "Réponse à éviter")}


def scenarios_disponibles() -> list[str]:
    """Les codes des simulations proposées."""
    return list(SCENARIOS)


class SimulationEntretien:
    """Une simulation : tout l'état est gardé dans l'objet (étape en cours, choix faits)."""

    def __init__(self, code: str):
        cle = _CODES.get(str(code).strip().lower())
        if cle is None:
            raise ValueError(
                f"Simulation inconnue « {code} ». Choisissez parmi : {', '.join(SCENARIOS)}."
            )
        self.code = cle
        self.scenario = SCENARIOS[cle]
        self.choix: list[int] = []
        self.etape = 0
        self._repondu = False

        self._titre = widgets.HTML()
        self._progression = widgets.HTML()
        self._personne = widgets.HTML()
        self._boutons = [
            widgets.Button(description=lettre, layout=widgets.Layout(width="48px", min_width="48px"),
                           tooltip=f"Choisir la réponse {lettre}")
            for lettre in LETTRES
        ]
        self._textes = [widgets.HTML(layout=widgets.Layout(width="100%")) for _ in LETTRES]
        for index, bouton in enumerate(self._boutons):
            bouton.on_click(lambda _b, i=index: self.choisir(i))
        self._options = widgets.VBox(
            [widgets.HBox([b, t], layout=widgets.Layout(align_items="center")) for b, t in zip(self._boutons, self._textes)]
        )
        self._retour = widgets.HTML()
        self._suivant = widgets.Button(description="Réplique suivante", button_style="primary",
                                       layout=widgets.Layout(width="220px"))
        self._suivant.on_click(lambda _b: self.suivant())
        self._recommencer = widgets.Button(description="Recommencer", layout=widgets.Layout(width="220px"))
        self._recommencer.on_click(lambda _b: self.recommencer())
        self.widget = widgets.VBox(
            [self._titre, self._progression, self._personne, self._options, self._retour,
             widgets.HBox([self._suivant, self._recommencer])]
        )
        self._afficher_etape()

    # --- affichage -------------------------------------------------------------------------
    def _ipython_display_(self):
        display(self.widget)

    @property
    def termine(self) -> bool:
        return self.etape >= len(self.scenario.etapes)

    @property
    def score(self) -> int:
        return sum(self.scenario.etapes[i].reponses[c].points for i, c in enumerate(self.choix))

    @property
    def score_max(self) -> int:
        return POINTS_MAX_ETAPE * len(self.scenario.etapes)

    def _afficher_etape(self):
        s = self.scenario
        self._titre.value = (
            f"<h4 style='margin:4px 0'>{escape(s.titre)}</h4><p><em>{escape(s.contexte)}</em></p>"
            "<p>Lisez ce que dit la personne, puis cliquez sur la lettre de la réponse que vous choisiriez.</p>"
        )
        self._retour.value = ""
        self._suivant.layout.display = "none"
        if self.termine:
            self._afficher_bilan()
            return
        etape = s.etapes[self.etape]
        self._progression.value = f"<b>Réplique {self.etape + 1} sur {len(s.etapes)}</b>"
        self._personne.value = f"<div style='{_STYLE_BULLE}'>{escape(etape.personne)}</div>"
        self._options.layout.display = ""
        for lettre, bouton, texte, reponse in zip(LETTRES, self._boutons, self._textes, etape.reponses):
            bouton.disabled = False
            bouton.button_style = ""
            texte.value = f"<div style='padding:4px 8px'>{escape(reponse.texte)}</div>"
        self._repondu = False

    def choisir(self, index: int) -> None:
        """Enregistre le choix de la réponse `index` (0 = A, 1 = B…) et affiche le retour."""
        if self.termine or self._repondu:
            return
        etape = self.scenario.etapes[self.etape]
        if not 0 <= index < len(etape.reponses):
            raise ValueError(f"Choisissez une réponse entre A et {LETTRES[len(etape.reponses) - 1]}.")
        self.choix.append(index)
        self._repondu = True
        for i, bouton in enumerate(self._boutons):
            bouton.disabled = True
            bouton.button_style = "info" if i == index else ""
        choisie = etape.reponses[index]
        fond, couleur, verdict = _COULEURS[choisie.points]
        lignes = [
            f"<div style='background:{fond};border-left:4px solid {couleur};padding:8px 12px;border-radius:4px'>",
            f"<b style='color:{couleur}'>{verdict}</b> — vous avez choisi {LETTRES[index]} "
            f"(<i>{escape(TYPES_REPONSE[choisie.type])}</i>).<br>{escape(choisie.retour)}</div>",
            "<details style='margin-top:6px'><summary>Voir l'analyse des quatre réponses</summary><ul>",
        ]
        for lettre, reponse in zip(LETTRES, etape.reponses):
            lignes.append(
                f"<li><b>{lettre}</b> — <i>{escape(TYPES_REPONSE[reponse.type])}</i> "
                f"({_COULEURS[reponse.points][2].lower()}) : {escape(reponse.retour)}</li>"
            )
        lignes.append("</ul></details>")
        if self.etape + 1 < len(self.scenario.etapes):
            lignes.append("<p><small>La suite du dialogue part de la réponse la plus ajustée.</small></p>")
        self._retour.value = "".join(lignes)
        self._suivant.description = (
            "Réplique suivante" if self.etape + 1 < len(self.scenario.etapes) else "Voir le bilan"
        )
        self._suivant.layout.display = ""

    def suivant(self) -> None:
        """Passe à la réplique suivante (ou au bilan), une fois une réponse choisie."""
        if not self._repondu or self.termine:
            return
        self.etape += 1
        self._afficher_etape()

    def recommencer(self) -> None:
        self.choix = []
        self.etape = 0
        self._afficher_etape()

    def bilan(self) -> dict:
        """Le bilan sous forme de dictionnaire : score, nombre de réponses par type."""
        par_type: dict[str, int] = {}
        for i, c in enumerate(self.choix):
            libelle = TYPES_REPONSE[self.scenario.etapes[i].reponses[c].type]
            par_type[libelle] = par_type.get(libelle, 0) + 1
        return {"score": self.score, "score_max": self.score_max, "reponses_par_type": par_type}

    def _afficher_bilan(self):
        s = self.scenario
        self._progression.value = "<b>Bilan de la simulation</b>"
        self._personne.value = ""
        self._options.layout.display = "none"
        resultat = self.bilan()
        if self.score >= 8:
            appreciation = "Très bonne posture d'accueil : écoute, reformulation et cadre sont au rendez-vous."
        elif self.score >= 5:
            appreciation = ("Posture en construction : relisez les réponses à éviter, en particulier les "
                            "conseils donnés trop tôt et les jugements.")
        else:
            appreciation = ("Plusieurs réponses ont fermé l'échange. Recommencez la simulation en vous "
                            "demandant, avant chaque choix : « ai-je bien compris ce que la personne "
                            "demande ? »")
        lignes = [
            f"<p><b>Score : {self.score} / {self.score_max}</b> — {escape(appreciation)}</p>",
            "<table style='border-collapse:collapse'><tr><th style='text-align:left;padding:2px 8px'>Réplique</th>"
            "<th style='text-align:left;padding:2px 8px'>Votre choix</th>"
            "<th style='text-align:left;padding:2px 8px'>Type de réponse</th>"
            "<th style='text-align:left;padding:2px 8px'>Points</th></tr>",
        ]
        for i, c in enumerate(self.choix):
            reponse = s.etapes[i].reponses[c]
            lignes.append(
                f"<tr><td style='padding:2px 8px'>{i + 1}</td><td style='padding:2px 8px'>{LETTRES[c]}</td>"
                f"<td style='padding:2px 8px'>{escape(TYPES_REPONSE[reponse.type])}</td>"
                f"<td style='padding:2px 8px'>{reponse.points} / {POINTS_MAX_ETAPE}</td></tr>"
            )
        lignes.append("</table><p><b>Vos réponses par type :</b> ")
        lignes.append(", ".join(f"{escape(k)} ({v})" for k, v in resultat["reponses_par_type"].items()))
        lignes.append(f"</p><p><b>À retenir :</b> {escape(s.a_retenir)}</p>")
        lignes.append("<p><small>Cette simulation est un entraînement : elle n'est pas notée.</small></p>")
        self._retour.value = "".join(lignes)


def simuler_entretien(code: str = "telephone") -> SimulationEntretien:
    """Lance une simulation d'entretien d'accueil.

    `code` : « telephone » (Yanis, appel pour le CEJ), « sans_rendez_vous » (M. O. au guichet
    France Services) ou « sur_rendez_vous » (Nadia, procédure d'expulsion).
    Placez l'appel en dernière ligne de la cellule : la simulation s'affiche sous la cellule.
    """
    return SimulationEntretien(code)
