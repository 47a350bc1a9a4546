"""Grille de diagnostic multi-factoriel (devoir M1.3 « Rédaction et analyse de cas »).

Pour un cas fictif, la personne en formation coche les problématiques qu'elle repère,
relie celles qui s'entretiennent, choisit des orientations, puis compare sa lecture
avec la lecture attendue du cas : ce qui a été repéré, ce qui manque, quelle orientation
répond à quel besoin. Tout l'état reste dans le widget ; aucun accès réseau.

Usage dans un notebook :

    from course.learner.widgets.diagnostic import grille_diagnostic
    grille_diagnostic()          # ou grille_diagnostic("sandrine")
"""
from __future__ import annotations

from dataclasses import dataclass, field
from html import escape

import ipywidgets as widgets

DOMAINES = ["Santé", "Emploi", "Logement", "Addictions", "Droits", "Budget", "Famille"]
PARTENAIRES = [
    "SIAO/115",
    "CCAS",
    "CAF",
    "FSL",
    "ADIL",
    "France Travail",
    "Mission locale",
    "CPAM",
    "PASS",
    "CSAPA",
    "CMP",
    "MDPH",
    "France Services",
    "PMI",
    "CIDFF",
    "Banque de France (surendettement)",
]
ESSENTIELLE = "essentielle"
A_EXPLORER = "à explorer"


def lien(a: str, b: str) -> frozenset[str]:
    """Un lien entre deux problématiques, sans sens : « Logement – Addictions » = « Addictions – Logement »."""
    return frozenset((a, b))


def nom_lien(pair: frozenset[str]) -> str:
    a, b = sorted(pair, key=DOMAINES.index)
    return f"{a} – {b}"


@dataclass(frozen=True)
class Cas:
    """La lecture attendue d'un cas : ce qu'un professionnel expérimenté y repère."""

    cle: str
    titre: str
    resume: str
    problematiques: dict[str, tuple[str, str]]  # domaine -> (ESSENTIELLE ou A_EXPLORER, justification)
    non_attendues: dict[str, str]  # domaine sans indice dans le cas -> pourquoi ne pas le cocher
    liens: dict[frozenset[str], str]  # liens clés -> explication
    orientations: dict[str, str]  # orientations attendues -> besoin auquel elles répondent
    possibles: dict[str, str]  # orientations défendables, en second temps
    inadaptees: dict[str, str] = field(default_factory=dict)  # pourquoi ce n'est pas le bon partenaire


CAS = {
    "yanis": Cas(
        cle="yanis",
        titre="Cas A — Yanis, 24 ans, hébergé chez des amis",
        resume=(
            "Depuis quatre mois, Yanis dort chez des amis, « un canapé par-ci, un canapé par-là », après des disputes "
            "répétées avec sa mère et son beau-père. Ses missions d'intérim se sont arrêtées en été ; il n'est pas "
            "inscrit à France Travail et n'a aucune ressource ; il a sa carte Vitale, mais pas de complémentaire "
            "santé. Il boit « pas mal, le soir, pour dormir » ; un ami l'a mis dehors après une soirée trop arrosée. "
            "Il tousse depuis des semaines. Sa demande : « Je veux juste un endroit où dormir, mais pas le foyer avec "
            "les alcoolos. »"
        ),
        problematiques={
            "Logement": (ESSENTIELLE, "hébergement précaire chez des tiers, qui vient déjà de se rompre une fois : "
                         "c'est une forme de privation de logement, même s'il ne dort pas à la rue."),
            "Addictions": (ESSENTIELLE, "consommation d'alcool quotidienne « pour dormir », qui lui a fait perdre "
                           "un hébergement ; à aborder sans jugement, à partir de ce qu'il en dit."),
            "Emploi": (ESSENTIELLE, "fin de l'intérim, pas d'inscription comme demandeur d'emploi, pas de projet formulé."),
            "Budget": (ESSENTIELLE, "aucune ressource : il dépend entièrement de ses amis."),
            "Droits": (ESSENTIELLE, "non-recours probable : ses missions d'intérim ont peut-être ouvert des droits à "
                       "l'allocation chômage (ARE) ; pas de complémentaire santé ; le RSA ne lui sera ouvert qu'à 25 ans."),
            "Santé": (A_EXPLORER, "toux persistante, sommeil perturbé, consommation d'alcool : il n'a pas de médecin traitant."),
            "Famille": (A_EXPLORER, "la rupture avec sa mère et son beau-père est à l'origine de la perte du logement ; "
                        "le lien familial est-il une ressource ou un danger ? À explorer avec lui."),
        },
        non_attendues={},
        liens={
            lien("Logement", "Addictions"): "l'alcool lui a fait perdre un hébergement, et l'instabilité, l'insomnie "
            "et la honte entretiennent la consommation : chaque difficulté aggrave l'autre.",
            lien("Emploi", "Budget"): "la fin de l'intérim a supprimé sa seule ressource.",
            lien("Famille", "Logement"): "la rupture familiale est le point de départ de l'errance d'hébergement en hébergement.",
            lien("Addictions", "Santé"): "toux, sommeil et consommation sont à relier : une consultation médicale "
            "est une porte d'entrée moins stigmatisante que « l'alcool ».",
        },
        orientations={
            "SIAO/115": "répond au besoin de mise à l'abri (Logement) : lui expliquer que le SIAO oriente aussi vers des "
            "places pour jeunes, pas seulement vers le « foyer » qu'il redoute.",
            "Mission locale": "répond à l'emploi et aux ressources (Emploi, Budget) : il a moins de 26 ans et peut "
            "signer un contrat d'engagement jeune (CEJ), un accompagnement intensif avec une allocation selon ses ressources.",
            "CSAPA": "répond à la consommation d'alcool (Addictions) : consultation gratuite, confidentielle, sans "
            "obligation d'arrêt ; les consultations jeunes consommateurs (CJC) accueillent les moins de 25 ans. "
            "À proposer, jamais à imposer.",
        },
        possibles={
            "France Travail": "vérifier l'ouverture de droits à l'ARE après l'intérim et l'inscription comme demandeur "
            "d'emploi (la Mission locale peut s'en charger avec lui).",
            "CPAM": "demander la Complémentaire santé solidaire, gratuite avec des ressources aussi faibles, et "
            "choisir un médecin traitant pour la toux.",
            "CCAS": "domiciliation administrative s'il n'a plus d'adresse pour recevoir son courrier, aide alimentaire "
            "en attendant des ressources.",
            "CMP": "seulement si une souffrance psychique se confirme ; ce n'est pas la première porte.",
            "France Services": "aide pour les démarches en ligne (France Travail, CPAM).",
        },
        inadaptees={
            "CAF": "le RSA n'est pas ouvert avant 25 ans sans enfant à charge : à préparer pour ses 25 ans, dans quatre mois.",
            "FSL": "le FSL aide à accéder à un logement ou à s'y maintenir ; Yanis n'a pas encore de ressources pour entrer dans un logement.",
            "ADIL": "l'ADIL informe sur les baux et les impayés ; Yanis n'a pas de bail.",
            "MDPH": "aucun élément de handicap dans la situation.",
            "PMI": "la PMI s'adresse aux futurs parents et aux enfants de moins de 6 ans.",
            "CIDFF": "aucun élément sur des droits des femmes ou des violences familiales à ce stade.",
            "PASS": "Yanis a une carte Vitale : il peut consulter un médecin de ville ou un centre de santé.",
            "Banque de France (surendettement)": "pas de dettes évoquées.",
        },
    ),
    "sandrine": Cas(
        cle="sandrine",
        titre="Cas B — Sandrine, 34 ans, mère de deux enfants, loyers impayés",
        resume=(
            "Sandrine élève seule ses deux enfants de 4 et 9 ans. Elle est employée de caisse à temps partiel "
            "(24 heures par semaine, environ 1 000 € net par mois). Son ex-conjoint ne verse plus la pension alimentaire "
            "fixée par le juge depuis six mois. Elle a trois mois de loyer impayés dans son logement social et vient de "
            "recevoir une lettre de relance du bailleur. Elle n'a jamais demandé la prime d'activité (« je croyais que "
            "c'était pour les chômeurs »). On lui propose des heures le samedi, mais elle n'a personne pour garder la "
            "petite. Elle dort mal : « je tiens pour les enfants ». Sa demande : « Est-ce que vous pouvez m'aider à "
            "payer le loyer ce mois-ci ? »"
        ),
        problematiques={
            "Logement": (ESSENTIELLE, "trois mois d'impayés : sans réaction rapide, la procédure peut aller jusqu'à "
                         "l'expulsion. L'enjeu est de garder ce logement."),
            "Budget": (ESSENTIELLE, "reste à vivre insuffisant et dette locative qui grossit chaque mois."),
            "Droits": (ESSENTIELLE, "non-recours à la prime d'activité ; pension alimentaire impayée, pour laquelle "
                       "la CAF peut intervenir (ASF, recouvrement) ; aide au logement à préserver."),
            "Famille": (ESSENTIELLE, "séparation récente, pension non versée, garde des enfants : la situation "
                        "familiale explique la baisse des ressources."),
            "Emploi": (A_EXPLORER, "temps partiel subi : elle pourrait travailler plus si elle avait un mode de garde."),
            "Santé": (A_EXPLORER, "fatigue, sommeil, charge mentale : un épuisement possible, à explorer avec tact."),
        },
        non_attendues={
            "Addictions": "aucun indice dans la situation. Supposer une addiction sans élément expose à stigmatiser "
            "la personne et à abîmer la relation de confiance.",
        },
        liens={
            lien("Famille", "Budget"): "la pension alimentaire non versée est une perte de ressources qui explique les impayés.",
            lien("Budget", "Logement"): "la dette locative menace directement le maintien dans le logement.",
            lien("Droits", "Budget"): "la prime d'activité et l'allocation de soutien familial non demandées sont des "
            "ressources qui manquent chaque mois.",
            lien("Famille", "Emploi"): "sans solution de garde, elle ne peut pas accepter les heures du samedi.",
        },
        orientations={
            "CAF": "répond aux droits et au budget : simulation et demande de prime d'activité, allocation de soutien "
            "familial et recouvrement de la pension alimentaire impayée (service ARIPA), maintien de l'aide au logement.",
            "FSL": "répond à la dette locative (Logement) : le Fonds de solidarité pour le logement aide au maintien dans "
            "le logement ; la demande est instruite par un travailleur social.",
            "CCAS": "répond à l'urgence budgétaire : aide facultative ponctuelle, instruction du dossier FSL, "
            "accompagnement budgétaire. Prendre aussi contact avec le bailleur pour un plan d'apurement.",
        },
        possibles={
            "ADIL": "information juridique gratuite sur la procédure d'impayés et ses droits de locataire.",
            "CIDFF": "information juridique sur la pension alimentaire et les droits de la famille.",
            "France Travail": "si elle souhaite augmenter ses heures ou changer d'emploi, une fois la garde organisée.",
            "PMI": "pour la plus jeune (moins de 6 ans) : informations sur les modes de garde et soutien à la parentalité.",
            "France Services": "aide pour les démarches en ligne (CAF, impôts).",
        },
        inadaptees={
            "SIAO/115": "Sandrine a un logement : l'enjeu est de le garder, pas de chercher un hébergement.",
            "Mission locale": "la Mission locale accueille les jeunes de 16 à 25 ans ; Sandrine a 34 ans.",
            "CSAPA": "aucun élément d'addiction dans la situation.",
            "MDPH": "aucun élément de handicap.",
            "PASS": "Sandrine a une couverture santé ; la PASS est pour les personnes sans droits ouverts.",
            "CMP": "la fatigue est à explorer d'abord avec un médecin généraliste ; rien n'indique un trouble psychique.",
            "CPAM": "pas de problème de couverture santé évoqué.",
            "Banque de France (surendettement)": "prématuré : une seule dette, qui peut se traiter avec le FSL et un "
            "plan d'apurement ; le dossier de surendettement se discute si les dettes se multiplient.",
        },
    ),
    "ibrahim": Cas(
        cle="ibrahim",
        titre="Cas C — Ibrahim, 41 ans, réfugié, sans couverture santé",
        resume=(
            "Ibrahim est arrivé en France il y a deux ans et a demandé l'asile. Il a obtenu le statut de réfugié il y a "
            "trois mois. Il a dû quitter le centre d'accueil pour demandeurs d'asile (CADA) le mois dernier et dort "
            "chez un compatriote. L'allocation pour demandeur d'asile (ADA) s'est arrêtée ; il n'a fait aucune autre "
            "demande. Il est diabétique ; sa Complémentaire santé solidaire a expiré et ses droits à l'Assurance "
            "maladie n'ont pas été mis à jour avec son nouveau statut : il n'a plus son traitement depuis trois "
            "semaines. Électricien dans son pays, il parle bien français mais lit difficilement. Sa femme et ses deux "
            "enfants sont restés au pays. Sa demande : « J'ai besoin d'un papier pour la pharmacie. »"
        ),
        problematiques={
            "Santé": (ESSENTIELLE, "diabète sans traitement depuis trois semaines : c'est l'urgence du jour."),
            "Droits": (ESSENTIELLE, "couverture santé à rouvrir, RSA non demandé alors que les réfugiés n'ont pas à "
                       "justifier de cinq ans de séjour ; titre de séjour et démarches en cours."),
            "Budget": (ESSENTIELLE, "aucune ressource depuis l'arrêt de l'ADA."),
            "Logement": (ESSENTIELLE, "sortie de CADA, hébergé chez un compatriote : une situation provisoire."),
            "Emploi": (ESSENTIELLE, "un métier et une expérience à valoriser, une difficulté de lecture à prendre en compte."),
            "Famille": (A_EXPLORER, "famille restée au pays : la réunification familiale est un projet et une "
                        "inquiétude, qui pèsera aussi sur le besoin de logement."),
        },
        non_attendues={
            "Addictions": "aucun indice dans la situation : ne pas projeter sur la personne une difficulté qu'elle n'a pas évoquée.",
        },
        liens={
            lien("Droits", "Santé"): "la couverture santé interrompue a provoqué la rupture de traitement.",
            lien("Droits", "Budget"): "entre l'arrêt de l'ADA et l'ouverture du RSA, il n'a plus rien : c'est une "
            "période de bascule classique après l'obtention du statut.",
            lien("Budget", "Logement"): "sans ressources, aucun accès à un logement autonome ; il dépend de son hébergeant.",
            lien("Santé", "Emploi"): "un diabète non soigné fatigue et compromet la reprise d'un travail.",
        },
        orientations={
            "PASS": "répond à l'urgence de santé : la permanence d'accès aux soins de santé de l'hôpital soigne et "
            "délivre les médicaments sans attendre l'ouverture des droits. À prévoir le jour même.",
            "CPAM": "répond aux droits santé : mise à jour de la protection universelle maladie avec le nouveau "
            "statut et demande de Complémentaire santé solidaire (gratuite sans ressources).",
            "CAF": "répond au budget : demande de RSA, puis aides au logement.",
            "France Travail": "répond à l'emploi : inscription, accompagnement, valorisation de son métier "
            "d'électricien, en lien avec les cours de français du contrat d'intégration républicaine (OFII).",
            "SIAO/115": "répond au logement : demande d'hébergement ou de logement accompagné, les réfugiés pouvant "
            "bénéficier de places dédiées.",
        },
        possibles={
            "France Services": "aide aux démarches en ligne, utile vu ses difficultés de lecture.",
            "CCAS": "domiciliation si besoin, aide alimentaire en attendant le RSA.",
            "CMP": "si un psychotraumatisme lié à l'exil apparaît dans les échanges suivants.",
        },
        inadaptees={
            "Mission locale": "la Mission locale accueille les jeunes de 16 à 25 ans ; Ibrahim a 41 ans.",
            "MDPH": "le diabète n'est pas, à ce stade, un handicap reconnu ; la priorité est le traitement.",
            "CSAPA": "aucun élément d'addiction dans la situation.",
            "ADIL": "Ibrahim n'a pas de bail : l'ADIL interviendra plutôt au moment d'entrer dans un logement.",
            "FSL": "le FSL pourra aider à l'entrée dans un logement (dépôt de garantie), mais pas tant qu'il n'a ni "
            "ressources ni logement en vue.",
            "PMI": "ses enfants ne sont pas en France.",
            "CIDFF": "aucun élément sur des droits des femmes dans la situation.",
            "Banque de France (surendettement)": "pas de dettes évoquées.",
        },
    ),
}


def _liste(items: list[str]) -> str:
    if not items:
        return ""
    return "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"


def comparer(cle: str, domaines: list[str], liens: list[frozenset[str]], orientations: list[str]) -> str:
    """Le retour en français (HTML) qui compare une lecture avec la lecture attendue du cas."""
    cas = CAS[cle]
    domaines = [d for d in DOMAINES if d in set(domaines)]
    choisis = set(domaines)
    parts = [f"<h4>Retour sur votre lecture — {escape(cas.titre)}</h4>"]

    # Problématiques
    essentielles = [d for d, (statut, _) in cas.problematiques.items() if statut == ESSENTIELLE]
    trouvees = [d for d in essentielles if d in choisis]
    parts.append(f"<p><b>Problématiques essentielles repérées : {len(trouvees)} sur {len(essentielles)}.</b></p>")
    vues = [f"✅ <b>{d}</b> ({cas.problematiques[d][0]}) : {cas.problematiques[d][1]}" for d in DOMAINES
            if d in choisis and d in cas.problematiques]
    manquees = [f"❗ <b>{d}</b> ({statut}) : {texte}" for statut_attendu in (ESSENTIELLE, A_EXPLORER)
                for d, (statut, texte) in cas.problematiques.items() if statut == statut_attendu and d not in choisis]
    en_trop = [f"⚠️ <b>{d}</b> : {cas.non_attendues.get(d, 'aucun élément du cas ne l’indique à ce stade.')}"
               for d in domaines if d not in cas.problematiques]
    if vues:
        parts.append("<p>Vous avez repéré :</p>" + _liste(vues))
    if manquees:
        parts.append("<p>Vous n'avez pas coché :</p>" + _liste(manquees))
    if en_trop:
        parts.append("<p>Vous avez coché sans appui dans le cas :</p>" + _liste(en_trop))

    # Liens
    choisis_liens = {frozenset(pair) for pair in liens if len(pair) == 2}
    cles = [pair for pair in cas.liens if pair in choisis_liens]
    parts.append(f"<p><b>Liens clés entre problématiques : {len(cles)} sur {len(cas.liens)}.</b></p>")
    details = []
    for pair, texte in cas.liens.items():
        marque = "✅" if pair in choisis_liens else "❗ à ajouter :"
        details.append(f"{marque} <b>{nom_lien(pair)}</b> : {texte}")
    autres = sorted((nom_lien(pair) for pair in choisis_liens if pair not in cas.liens))
    parts.append(_liste(details))
    if autres:
        parts.append(
            "<p>Autres liens que vous proposez : " + ", ".join(f"<b>{a}</b>" for a in autres)
            + ". Ils ne sont pas faux en soi : dans votre écrit, appuyez chacun sur un élément précis du cas.</p>"
        )
    elif not choisis_liens:
        parts.append("<p>Vous n'avez relié aucune problématique : un diagnostic multi-factoriel explique comment "
                     "les difficultés s'entretiennent les unes les autres.</p>")

    # Orientations
    choisies = [p for p in PARTENAIRES if p in set(orientations)]
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
        f"✖️ <b>{p}</b> — {cas.inadaptees.get(p, 'aucun besoin du cas ne justifie cette orientation à ce stade.')}"
        for p in choisies
        if p not in cas.orientations and p not in cas.possibles
    ]
    if erreurs:
        parts.append("<p>Orientations peu adaptées à cette situation :</p>" + _liste(erreurs))

    parts.append(
        "<p><i>Cette lecture attendue est une base de discussion, pas une vérité sur la personne : en situation "
        "réelle, chaque hypothèse se vérifie en entretien et le diagnostic se construit avec elle (diagnostic "
        "partagé). Une orientation s'explique, se prépare (fiche de liaison, prise de rendez-vous) et se fait avec "
        "son accord.</i></p>"
    )
    return "\n".join(parts)


class GrilleDiagnostic(widgets.VBox):
    """La grille interactive : cas, problématiques, liens, orientations, bouton de comparaison."""

    def __init__(self, cle: str = "yanis"):
        if cle not in CAS:
            raise ValueError(f"Cas inconnu « {cle} ». Cas disponibles : {', '.join(CAS)}.")
        large = {"description_width": "initial"}
        self.choix_cas = widgets.Dropdown(
            options=[(cas.titre, cas.cle) for cas in CAS.values()],
            value=cle,
            description="Cas étudié :",
            style=large,
            layout=widgets.Layout(width="95%"),
        )
        self.resume = widgets.HTML()
        self.cases_domaines = {
            d: widgets.Checkbox(value=False, description=d, indent=False, layout=widgets.Layout(width="130px"))
            for d in DOMAINES
        }
        self.lien_a = widgets.Dropdown(options=DOMAINES, value="Logement", description="Relier", style=large,
                                       layout=widgets.Layout(width="210px"))
        self.lien_b = widgets.Dropdown(options=DOMAINES, value="Addictions", description="et", style=large,
                                       layout=widgets.Layout(width="180px"))
        self.bouton_lien = widgets.Button(description="Ajouter ce lien", icon="link")
        self.bouton_effacer = widgets.Button(description="Effacer les liens", icon="eraser")
        self.liens: list[frozenset[str]] = []
        self.affichage_liens = widgets.HTML()
        self.cases_orientations = {
            p: widgets.Checkbox(value=False, description=p, indent=False, layout=widgets.Layout(width="240px"))
            for p in PARTENAIRES
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

    # --- ce que l'on lit dans la grille ---
    @property
    def domaines_coches(self) -> list[str]:
        return [d for d, case in self.cases_domaines.items() if case.value]

    @property
    def orientations_cochees(self) -> list[str]:
        return [p for p, case in self.cases_orientations.items() if case.value]

    # --- réactions aux clics ---
    def _afficher_resume(self) -> None:
        cas = CAS[self.choix_cas.value]
        self.resume.value = (
            f"<div style='border-left:4px solid #4a7ab5;padding:4px 10px;margin:6px 0'>"
            f"<b>{escape(cas.titre)}</b><br>{escape(cas.resume)}</div>"
        )

    def _afficher_liens(self, message: str = "") -> None:
        if self.liens:
            texte = "Liens ajoutés : " + " ; ".join(f"<b>{nom_lien(pair)}</b>" for pair in self.liens)
        else:
            texte = "<i>Aucun lien ajouté pour l'instant.</i>"
        if message:
            texte += f"<br><span style='color:#a15c00'>{message}</span>"
        self.affichage_liens.value = texte

    def _ajouter_lien(self, _bouton=None) -> None:
        a, b = self.lien_a.value, self.lien_b.value
        if a == b:
            self._afficher_liens("Choisissez deux problématiques différentes.")
            return
        pair = lien(a, b)
        if pair in self.liens:
            self._afficher_liens(f"Le lien {nom_lien(pair)} est déjà dans la liste.")
            return
        self.liens.append(pair)
        self._afficher_liens()

    def _effacer_liens(self, _bouton=None) -> None:
        self.liens.clear()
        self._afficher_liens()

    def _comparer(self, _bouton=None) -> None:
        if not (self.domaines_coches or self.liens or self.orientations_cochees):
            self.retour.value = ("<p style='color:#a15c00'>Commencez par cocher au moins une problématique, "
                                 "puis comparez.</p>")
            return
        self.retour.value = comparer(self.choix_cas.value, self.domaines_coches, self.liens,
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


def grille_diagnostic(cas: str = "yanis") -> GrilleDiagnostic:
    """Affiche la grille de diagnostic multi-factoriel pour un cas : « yanis », « sandrine » ou « ibrahim »."""
    return GrilleDiagnostic(cas)
