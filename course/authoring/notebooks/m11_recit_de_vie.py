"""M1.1 — Analyse de parcours, rédaction et partage d'un récit de vie (Martine, 52 ans)."""
import copy

from ..cells import answer, code, md, tests, written

FRISE_ATTENDUE = [
    "Sortie du système scolaire sans diplôme",
    "Reprise d'emploi (CDD, intérim)",
    "Embauche en CDI",
    "Obtention d'une certification",
    "Problème de santé durable",
    "Licenciement pour inaptitude",
    "Séparation",
    "Chômage de longue durée (plus d'un an)",
    "Perte du logement (hébergement chez un tiers)",
    "Fin de droits au chômage",
    "Ouverture de droits RSA",
    "Accès à un hébergement ou logement temporaire",
    "Début d'un suivi médical",
]
RUPTURES_PAR_DOMAINE = {
    "Emploi": 486,
    "Famille": 220,
    "Santé": 190,
    "Formation": 114,
    "Logement": 91,
    "Ressources financières": 86,
}
NB_RUPTURES = 1187
PART_PLUSIEURS_RUPTURES = 58.5
MEDIANE_PREMIERE_RUPTURE = 30.0


CAS = md(
    """
    ## 1. La situation : Martine, 52 ans

    > **Cas fictif.** Martine et toutes les personnes de ce devoir sont inventées ; toute ressemblance avec une
    > personne réelle serait fortuite.

    Vous êtes chargé·e d'accompagnement social et professionnel au service insertion d'un centre communal d'action
    sociale (CCAS). Le service accompagne des allocataires du RSA pour le compte du conseil départemental.

    **Martine**, 52 ans, vous est adressée par l'intervenante sociale de la résidence sociale où elle vit depuis un
    an. Elle doit bientôt rencontrer une conseillère France Travail : depuis le 1er janvier 2025, les allocataires du
    RSA sont inscrits à France Travail et construisent avec leur référent un **contrat d'engagement**. Martine veut
    « faire le point avant ». Vous lui proposez de reconstituer ensemble son parcours, puis d'en rédiger le
    **récit de vie** : un texte qui raconte son histoire en faisant entendre son point de vue, qu'elle pourra relire,
    corriger, et décider de partager ou non.
    """
)

NOTES = md(
    """
    ### Vos notes d'entretien du 6 octobre 2025 (1 h 15, bureau fermé)

    **Motif de la venue :** préparer le premier rendez-vous France Travail. Martine dit qu'elle en a « marre de
    raconter [sa] vie à chaque guichet ».

    **Parcours, dates reconstituées avec elle :**

    - **Juin 1989 (16 ans)** : quitte le collège après la 3e, sans diplôme. « L'école, c'était pas pour moi. Il
      fallait ramener des sous à la maison. »
    - **Mars 1992** : premières missions d'intérim dans le conditionnement alimentaire.
    - **Septembre 1998** : CDI de préparatrice de commandes dans un entrepôt logistique de la grande distribution.
      Vie de couple, deux enfants (aujourd'hui âgés de 27 et 24 ans). « Vingt-trois ans dans la même boîte, j'ai
      jamais manqué. »
    - **Novembre 2008** : obtient le CACES (conduite de chariots élévateurs) grâce à son employeur. Elle en parle avec
      fierté : « J'étais cariste, moi. »
    - **Février 2019** : hernie discale ; arrêt de travail de huit mois, puis reprise en mi-temps thérapeutique. Des
      douleurs dans le bas du dos depuis : « Ça ne part jamais vraiment. »
    - **Mai 2021** : licenciement pour inaptitude, après l'avis du médecin du travail. « Ils m'ont remerciée comme un
      vieux transpalette. » Indemnisée par l'assurance chômage.
    - **Mars 2022** : séparation d'avec son compagnon, après vingt-six ans de vie commune (ils n'étaient pas mariés).
    - **Mai 2022** : un an sans emploi. Elle a répondu à « deux ou trois annonces », sans réponse, et ne cherche plus
      depuis : « À mon âge et avec mon dos… »
    - **Septembre 2022** : doit quitter le logement, dont le bail était au nom de son ex-compagnon. Hébergée par sa
      sœur, sur le canapé du salon ; les relations se sont tendues.
    - **Juillet 2023** : fin de ses droits au chômage. Pas de demande de RSA pendant six mois : « Le RSA, je croyais
      que c'était pas pour les gens comme moi. » Vit sur ses économies et avec l'aide de sa fille.
    - **Janvier 2024** : ouverture du RSA, après un passage à France Services, où une conseillère a fait la demande en
      ligne avec elle.
    - **Octobre 2024** : entrée en résidence sociale (logement temporaire, un studio), sur proposition du SIAO.
    - **Février 2025** : nouveau médecin traitant à la maison de santé ; le précédent était parti à la retraite en
      2023 et elle n'en avait pas retrouvé. Kinésithérapie prescrite, « quand j'ai le temps d'y aller ».

    **Ce que j'ai observé :**

    - Elle s'exprime facilement à l'oral, avec beaucoup d'humour et le vocabulaire de son métier (« la cadence »,
      « les palettes », « le quai »). Elle parle de son travail au passé, et d'elle-même avec dureté : « Maintenant,
      je suis bonne à rien. »
    - Elle dit encore « Pôle emploi ». Elle évite l'écrit et me demande de remplir les formulaires, « parce que les
      papiers, c'est pas mon truc ». Elle a un smartphone mais pas d'ordinateur ; c'est sa fille qui gère son espace
      en ligne de la CAF.
    - Elle se tient souvent le bas du dos et change de position toutes les dix minutes. Elle dit prendre ses
      antalgiques « dès que ça tire, des fois plus que marqué », et « un petit verre le soir pour dormir » (dit en
      riant, avant de changer de sujet).
    - Ressources : RSA et aide au logement. Elle dit « compter chaque euro » et ne plus voir ses anciennes collègues,
      « parce qu'il faut payer sa tournée ».
    - Entourage : sa fille, très présente (« C'est elle qui me tient »), son fils, qu'elle voit peu, sa sœur, avec qui
      les relations sont « tendues depuis le canapé ».

    **Ses demandes, avec ses mots :** « un travail où on n'est pas debout toute la journée », « un vrai chez-moi »,
    « qu'on arrête de me balader d'un bureau à l'autre ».

    **Accords recueillis :** Martine est d'accord pour que nous rédigions ensemble son récit de vie, et pour que je
    fasse le lien avec l'intervenante sociale de la résidence « pour le logement ». Elle ne veut pas que sa sœur soit
    tenue au courant de ses démarches : « Elle en sait déjà assez. » Elle n'a jamais entendu parler de la
    reconnaissance de la qualité de travailleur handicapé (RQTH).
    """
)

DONNEES_INTRO = md(
    """
    ## 2. Reconstituer le parcours avec les données

    Le service tient un fichier « parcours de vie ». Pour chacune des **600 personnes** qu'il accompagne, il note
    les événements marquants de sa vie, un par ligne, dans six **domaines** (emploi, logement, santé, famille,
    formation, ressources financières). Chaque événement est soit une **rupture** (ce qui a fragilisé la personne :
    perte d'emploi, séparation, expulsion…), soit une **ressource** (ce qui l'a aidée : emploi, formation, droits
    ouverts, hébergement, soins…). Martine y figure sous le numéro **P0417** : pas de nom dans un fichier, seulement
    un numéro.

    Exécutez la cellule ci-dessous : elle charge le fichier dans une variable `parcours` et affiche sa fiche
    descriptive. Lisez la fiche, en particulier le sens de chaque colonne.
    """
)

DONNEES_CHARGER = code(
    """
    from course.learner import charger, afficher_fiche

    parcours = charger("parcours_de_vie")
    afficher_fiche("parcours_de_vie")
    """
)

DONNEES_APERCU = code(
    """
    # Les 8 premières lignes du fichier : une ligne = un événement de la vie d'une personne.
    parcours.head(8)
    """
)

Q1_EXPLICATION = md(
    """
    ### 2.1 Les événements de Martine

    **Garder certaines lignes (filtrer).** Pour ne garder que les lignes qui remplissent une condition, on écrit la
    condition entre crochets. Exemple : les événements vécus par des femmes.

    ```python
    femmes = parcours[parcours["genre"] == "Femme"]
    ```

    Lisez cette ligne morceau par morceau :

    - `parcours["genre"]` désigne la colonne `genre` du tableau ;
    - `== "Femme"` pose la question « est-ce égal à Femme ? » pour chaque ligne (réponse : vrai ou faux) ;
    - `parcours[ ... ]` garde seulement les lignes où la réponse est « vrai » ;
    - `femmes = ` range le résultat dans une variable nommée `femmes`, pour s'en resservir.

    Attention : **deux** signes égal `==` pour comparer, **un seul** `=` pour ranger dans une variable. Le texte
    cherché s'écrit entre guillemets, exactement comme dans le fichier (majuscule comprise). Exécutez l'exemple :
    """
)

Q1_EXEMPLE = code(
    """
    femmes = parcours[parcours["genre"] == "Femme"]
    print(len(femmes), "événements du fichier concernent des femmes")
    femmes.head(3)
    """
)

Q1_CONSIGNE = md(
    """
    **À vous.** Rangez dans la variable `parcours_martine` les événements de Martine, c'est-à-dire les lignes dont la
    colonne `id_personne` vaut `"P0417"`. Une seule ligne à écrire, sur le modèle de l'exemple.
    """
)

Q1_REPONSE = answer(
    "q1_filtre",
    'parcours_martine = parcours[parcours["id_personne"] == "P0417"]',
    before="""
    # Écrivez : parcours_martine = parcours[ ... ]
    # avec, entre les crochets, la condition « la colonne id_personne vaut "P0417" ».
    """,
    after="""
    print(len(parcours_martine), "événements pour Martine")
    parcours_martine
    """,
)

Q1_TESTS = tests(
    "q1_filtre_tests",
    1,
    visible="""
    assert isinstance(parcours_martine, pd.DataFrame), "parcours_martine doit être un tableau : avez-vous écrit parcours[ ... ] ?"
    assert set(parcours_martine["id_personne"]) == {"P0417"}, "parcours_martine doit contenir seulement les lignes dont id_personne vaut « P0417 »."
    """,
    hidden="""
    assert len(parcours_martine) == 13
    assert list(parcours_martine.columns) == list(parcours.columns)
    """,
)

Q2_EXPLICATION = md(
    """
    **Remettre dans l'ordre (trier).** Dans le fichier, les événements de Martine sont dans l'ordre où ils ont été
    notés au fil des entretiens, pas dans l'ordre de sa vie. `sort_values` range les lignes d'un tableau selon une
    colonne, de la plus petite valeur à la plus grande. Exemple : les événements du fichier, du plus jeune âge au
    plus âgé.

    ```python
    parcours.sort_values("age_evenement")
    ```

    Pour trier sur **plusieurs colonnes**, on les donne dans une liste, entre crochets : la deuxième colonne sert à
    départager les lignes qui ont la même valeur dans la première. Exemple : par domaine (ordre alphabétique), puis,
    dans chaque domaine, par âge.

    ```python
    parcours.sort_values(["domaine", "age_evenement"])
    ```
    """
)

Q2_EXEMPLE = code(
    """
    # Les 5 événements survenus le plus tôt dans la vie des personnes :
    parcours.sort_values("age_evenement").head(5)
    """
)

Q2_EXEMPLE_BIS = code(
    """
    # Tri sur deux colonnes : d'abord le domaine, puis l'âge à l'intérieur de chaque domaine.
    parcours.sort_values(["domaine", "age_evenement"]).head(5)
    """
)

Q2_CONSIGNE = md(
    """
    **À vous.** Rangez dans `frise_martine` les événements de Martine (`parcours_martine`) dans l'ordre
    chronologique : par **année**, puis par **mois** (en 2022, trois événements ont eu lieu la même année ; seul le
    mois permet de savoir lequel est venu en premier).
    """
)

Q2_REPONSE = answer(
    "q2_chronologie",
    'frise_martine = parcours_martine.sort_values(["annee", "mois"])',
    before="""
    # Écrivez : frise_martine = parcours_martine.sort_values( ... )
    # en donnant entre les parenthèses la liste des deux colonnes : d'abord "annee", puis "mois".
    """,
    after="""
    frise_martine[["annee", "mois", "age_evenement", "domaine", "type_evenement", "nature"]]
    """,
)

Q2_TESTS = tests(
    "q2_chronologie_tests",
    1,
    visible="""
    assert isinstance(frise_martine, pd.DataFrame), "frise_martine doit être un tableau : avez-vous écrit parcours_martine.sort_values( ... ) ?"
    assert len(frise_martine) == len(parcours_martine), "frise_martine doit contenir les mêmes lignes que parcours_martine, seulement dans un autre ordre."
    assert frise_martine["annee"].is_monotonic_increasing, "Les années ne sont pas rangées de la plus ancienne à la plus récente : triez avec sort_values."
    mois_2022 = list(frise_martine[frise_martine["annee"] == 2022]["mois"])
    assert mois_2022 == sorted(mois_2022), "En 2022, les événements ne sont pas rangés par mois : triez sur les deux colonnes, l'année puis le mois."
    """,
    hidden=f"""
    assert list(frise_martine["type_evenement"]) == {FRISE_ATTENDUE!r}
    """,
)

Q3_EXPLICATION = md(
    """
    **Compter.** `value_counts()` compte combien de fois chaque valeur apparaît dans une colonne. Exemple : le nombre
    d'événements de chaque domaine, dans tout le fichier.
    """
)

Q3_EXEMPLE = code(
    """
    parcours["domaine"].value_counts()
    """
)

Q3_CONSIGNE = md(
    """
    **À vous.** Rangez dans `bilan_martine` le nombre de ruptures et de ressources dans le parcours de Martine :
    comptez les valeurs de la colonne `nature` de `parcours_martine`.
    """
)

Q3_REPONSE = answer(
    "q3_bilan",
    'bilan_martine = parcours_martine["nature"].value_counts()',
    before="""
    # Écrivez : bilan_martine = parcours_martine[ ... ].value_counts()
    # en mettant entre les crochets le nom de la colonne à compter, entre guillemets.
    """,
    after="""
    bilan_martine
    """,
)

Q3_TESTS = tests(
    "q3_bilan_tests",
    1,
    visible="""
    assert isinstance(bilan_martine, pd.Series), "bilan_martine doit être le résultat de value_counts() sur une colonne."
    assert set(bilan_martine.index) == {"rupture", "ressource"}, "Comptez la colonne « nature » (rupture ou ressource) de parcours_martine."
    """,
    hidden="""
    assert bilan_martine["rupture"] == 7
    assert bilan_martine["ressource"] == 6
    """,
)

FRISE_EXPLICATION = md(
    """
    ### La frise interactive

    Un tableau range les événements ; une **frise** fait voir leur rythme. Exécutez la cellule ci-dessous : elle
    affiche le parcours de Martine, un domaine par ligne. Puis :

    1. Cliquez sur « Ruptures seulement » et réglez la période sur 2019-2025 : combien de domaines sont touchés, en
       combien d'années ?
    2. Cliquez sur « Ressources seulement » : qu'est-ce qui a tenu, ou s'est remis en place, après les ruptures ?
    3. Choisissez deux ou trois autres personnes du fichier : leurs ruptures s'enchaînent-elles aussi ? Dans quels
       domaines ?

    Notez vos observations : elles nourriront le récit et l'analyse de la partie 3. La frise montre des événements
    proches dans le temps ; elle ne prouve pas que l'un a causé l'autre. C'est à vérifier avec la personne.
    """
)

FRISE_WIDGET = code(
    """
    from course.learner.widgets.frise import frise_interactive

    frise_interactive()
    """
)

Q4_EXPLICATION = md(
    """
    ### 2.2 Situer Martine parmi les personnes accompagnées

    Martine a vécu sept ruptures. Est-ce fréquent parmi les personnes que suit le service ? Dans quels domaines les
    ruptures sont-elles les plus nombreuses ? Pour le savoir, on combine les deux outils vus plus haut : filtrer, puis
    compter. Exemple avec les **ressources** :
    """
)

Q4_EXEMPLE = code(
    """
    ressources = parcours[parcours["nature"] == "ressource"]    # 1. filtrer : les ressources seulement
    ressources_par_domaine = ressources["domaine"].value_counts()  # 2. compter par domaine
    ressources_par_domaine
    """
)

Q4_CONSIGNE = md(
    """
    **À vous.** Faites la même chose pour les **ruptures** :

    1. rangez dans `ruptures` les lignes du fichier dont la colonne `nature` vaut `"rupture"` ;
    2. rangez dans `ruptures_par_domaine` le nombre de ruptures de chaque domaine.
    """
)

Q4_REPONSE = answer(
    "q4_ruptures_domaine",
    """
    ruptures = parcours[parcours["nature"] == "rupture"]
    ruptures_par_domaine = ruptures["domaine"].value_counts()
    """,
    before="""
    # Deux lignes, sur le modèle de l'exemple :
    # ruptures = parcours[ ... ]
    # ruptures_par_domaine = ruptures[ ... ].value_counts()
    """,
    after="""
    ruptures_par_domaine
    """,
)

Q4_TESTS = tests(
    "q4_ruptures_domaine_tests",
    1,
    visible="""
    assert isinstance(ruptures, pd.DataFrame), "ruptures doit être un tableau filtré : parcours[ ... ]."
    assert set(ruptures["nature"]) == {"rupture"}, "ruptures ne doit contenir que des lignes dont la nature est « rupture »."
    assert isinstance(ruptures_par_domaine, pd.Series) and len(ruptures_par_domaine) == 6, "ruptures_par_domaine doit donner un nombre pour chacun des 6 domaines : comptez la colonne « domaine » de ruptures."
    """,
    hidden=f"""
    assert len(ruptures) == {NB_RUPTURES}
    assert ruptures_par_domaine.to_dict() == {RUPTURES_PAR_DOMAINE!r}
    """,
)

Q5_EXPLICATION = md(
    """
    **Le cumul des ruptures.** Combien de personnes ont vécu **au moins deux** ruptures, en pourcentage ? On procède en
    trois temps, montrés ci-dessous sur tous les événements (ruptures et ressources), avec le seuil de quatre
    événements :

    - `parcours["id_personne"].value_counts()` compte les lignes de chaque numéro de personne : c'est le **nombre
      d'événements par personne** ;
    - `(nb_evenements_par_personne >= 4)` répond « vrai » ou « faux » pour chaque personne, et `.sum()` compte les
      « vrai » : c'est le **nombre de personnes** qui ont au moins 4 événements ;
    - `parcours["id_personne"].nunique()` compte les numéros différents : c'est le **nombre de personnes** du fichier.
      On divise, puis on multiplie par 100 pour obtenir un pourcentage.
    """
)

Q5_EXEMPLE = code(
    """
    nb_evenements_par_personne = parcours["id_personne"].value_counts()
    nb_personnes = parcours["id_personne"].nunique()
    part_quatre_evenements = (nb_evenements_par_personne >= 4).sum() / nb_personnes * 100

    print(nb_personnes, "personnes dans le fichier")
    print(round(part_quatre_evenements, 1), "% d'entre elles ont au moins 4 événements notés")
    """
)

Q5_CONSIGNE = md(
    """
    **À vous.** À partir de votre tableau `ruptures` :

    1. rangez dans `nb_ruptures_par_personne` le nombre de ruptures de chaque personne ;
    2. rangez dans `part_plusieurs_ruptures` le pourcentage des personnes du fichier qui ont vécu **au moins deux**
       ruptures (divisez par `nb_personnes`, le nombre de personnes du fichier, calculé dans l'exemple).
    """
)

Q5_REPONSE = answer(
    "q5_cumul",
    """
    nb_ruptures_par_personne = ruptures["id_personne"].value_counts()
    part_plusieurs_ruptures = (nb_ruptures_par_personne >= 2).sum() / nb_personnes * 100
    """,
    before="""
    # Deux lignes, sur le modèle de l'exemple (remplacez parcours par ruptures, et 4 par 2) :
    # nb_ruptures_par_personne = ...
    # part_plusieurs_ruptures = ...
    """,
    after="""
    print(round(part_plusieurs_ruptures, 1), "% des personnes ont vécu au moins deux ruptures")
    """,
)

Q5_TESTS = tests(
    "q5_cumul_tests",
    1.5,
    visible="""
    assert isinstance(nb_ruptures_par_personne, pd.Series), "nb_ruptures_par_personne doit être le résultat de value_counts() sur la colonne « id_personne » de ruptures."
    assert 0 <= float(part_plusieurs_ruptures) <= 100, "part_plusieurs_ruptures est un pourcentage : il doit être entre 0 et 100 (avez-vous bien divisé par nb_personnes ?)."
    """,
    hidden=f"""
    assert len(nb_ruptures_par_personne) == 600
    assert abs(float(part_plusieurs_ruptures) - {PART_PLUSIEURS_RUPTURES}) < 0.1
    """,
)

Q6_EXPLICATION = md(
    """
    **L'âge à la première rupture.** Pour chaque personne, on cherche l'âge de sa **première** rupture, c'est-à-dire
    le plus petit âge parmi ses ruptures. `groupby("id_personne")` regroupe les lignes de chaque personne ;
    `["age_evenement"]` choisit la colonne ; `.min()` garde la plus petite valeur de chaque groupe. On obtient une
    valeur par personne. `.median()` donne ensuite la **médiane** : la valeur qui partage les personnes en deux
    moitiés (la moitié a eu sa première rupture avant cet âge, l'autre moitié après).

    Exemple sur tous les événements, avec la colonne `annee` : l'année du premier événement noté pour chaque
    personne, puis la médiane de ces années.
    """
)

Q6_EXEMPLE = code(
    """
    annee_premier_evenement = parcours.groupby("id_personne")["annee"].min()
    print(annee_premier_evenement.head())
    print("Médiane :", annee_premier_evenement.median())
    """
)

Q6_CONSIGNE = md(
    """
    **À vous.** À partir de votre tableau `ruptures` :

    1. rangez dans `age_premiere_rupture` l'âge de la première rupture de chaque personne ;
    2. rangez dans `mediane_premiere_rupture` la médiane de ces âges.

    Comparez ensuite avec Martine : à quel âge a eu lieu sa première rupture ? Et à quel âge ses ruptures se sont-elles
    enchaînées ?
    """
)

Q6_REPONSE = answer(
    "q6_age",
    """
    age_premiere_rupture = ruptures.groupby("id_personne")["age_evenement"].min()
    mediane_premiere_rupture = age_premiere_rupture.median()
    """,
    before="""
    # Deux lignes, sur le modèle de l'exemple (remplacez parcours par ruptures, et "annee" par "age_evenement") :
    # age_premiere_rupture = ...
    # mediane_premiere_rupture = ...
    """,
    after="""
    print("Âge médian à la première rupture :", mediane_premiere_rupture, "ans")
    print("Âge de Martine à sa première rupture :", age_premiere_rupture["P0417"], "ans")
    """,
)

Q6_TESTS = tests(
    "q6_age_tests",
    1.5,
    visible="""
    assert isinstance(age_premiere_rupture, pd.Series), "age_premiere_rupture doit être le résultat de ruptures.groupby(\\"id_personne\\")[\\"age_evenement\\"].min()."
    assert len(age_premiere_rupture) == 600, "age_premiere_rupture doit donner une valeur par personne (600 personnes) : avez-vous bien regroupé par « id_personne » ?"
    """,
    hidden=f"""
    assert age_premiere_rupture["P0417"] == 16
    assert abs(float(mediane_premiere_rupture) - {MEDIANE_PREMIERE_RUPTURE}) < 0.01
    """,
)

Q7_EXPLICATION = md(
    """
    ### 2.3 Un graphique des ruptures par domaine

    Un graphique en barres se construit en quelques lignes :

    - `fig, ax = plt.subplots()` crée une figure (`fig`) et une zone de dessin (`ax`) ;
    - `serie.plot.barh(ax=ax)` dessine une barre horizontale par valeur de la série, dans la zone `ax` ;
    - `ax.set_title("…")` écrit le titre ; `ax.set_xlabel("…")` écrit le titre de l'axe horizontal (celui des nombres) ;
    - `plt.show()`, déjà écrit à la fin de la cellule de réponse, affiche le graphique.

    Exemple avec les ressources par domaine (dans l'exemple, la zone de dessin s'appelle `ax_exemple` ; dans votre
    réponse, appelez-la `ax`) :
    """
)

Q7_EXEMPLE = code(
    """
    fig, ax_exemple = plt.subplots()
    ressources_par_domaine.plot.barh(ax=ax_exemple, color="seagreen")
    ax_exemple.set_title("Ressources notées dans le fichier, par domaine")
    ax_exemple.set_xlabel("Nombre de ressources")
    plt.show()
    """
)

Q7_CONSIGNE = md(
    """
    **À vous.** Dessinez le graphique des **ruptures par domaine** (votre série `ruptures_par_domaine`), avec un titre
    et un titre d'axe. Vous pouvez choisir la couleur, par exemple `color="firebrick"`.
    """
)

Q7_REPONSE = answer(
    "q7_graphique",
    """
    fig, ax = plt.subplots()
    ruptures_par_domaine.plot.barh(ax=ax, color="firebrick")
    ax.set_title("Ruptures notées dans le fichier, par domaine")
    ax.set_xlabel("Nombre de ruptures")
    """,
    before="""
    # Quatre lignes, sur le modèle de l'exemple :
    # fig, ax = plt.subplots()
    # ruptures_par_domaine.plot.barh(ax=ax, color="firebrick")
    # ax.set_title("...")
    # ax.set_xlabel("...")
    """,
    after="""
    plt.show()
    """,
)

Q7_TESTS = tests(
    "q7_graphique_tests",
    1,
    visible="""
    assert len(ax.patches) == 6, "Le graphique « ax » doit avoir 6 barres, une par domaine : dessinez ruptures_par_domaine avec ax=ax."
    assert ax.get_title() != "", "Donnez un titre au graphique avec ax.set_title(\\"...\\")."
    barres_horizontales = all(barre.get_height() < 1 for barre in ax.patches)
    titre_axe_des_nombres = ax.get_xlabel() if barres_horizontales else ax.get_ylabel()
    assert titre_axe_des_nombres != "", "Donnez un titre à l'axe des nombres : ax.set_xlabel(\\"...\\") pour des barres horizontales (barh), ax.set_ylabel(\\"...\\") pour des barres verticales (bar)."
    """,
    hidden=f"""
    longueurs = sorted(round(max(barre.get_width(), barre.get_height())) for barre in ax.patches)
    assert longueurs == {sorted(RUPTURES_PAR_DOMAINE.values())!r}
    """,
)

LECTURE_CHIFFRES = md(
    """
    ### Ce que disent, et ne disent pas, ces chiffres

    Avant d'écrire, relisez vos résultats et posez-vous trois questions :

    - Le parcours de Martine ressemble-t-il à ceux du fichier (nombre de ruptures, domaines touchés, âge) ? En quoi
      est-il différent ?
    - Quels domaines reviennent le plus souvent dans les ruptures ? Est-ce aussi le cas pour Martine ?
    - Ce fichier est **fictif**, et un chiffre décrit un groupe, jamais une personne : il aide à **situer** Martine,
      pas à expliquer son histoire à sa place. Seule Martine peut dire ce qui a compté pour elle.
    """
)

ECRITS_INTRO = md(
    """
    ## 3. Rédiger et partager le récit de vie

    **Le récit de vie** raconte le parcours d'une personne en faisant entendre son point de vue. Il se construit
    **avec** elle, à partir de ce qu'elle a dit, et il lui est relu : elle peut le corriger, le compléter, refuser un
    passage. Il sert à comprendre une situation dans sa durée, à reconnaître ce que la personne a traversé et ce
    qu'elle sait faire, et parfois à éviter qu'elle doive tout raconter à nouveau à chaque professionnel.

    Trois conseils pour les écrits :

    - distinguez toujours **ce que la personne dit** (entre guillemets), **ce que vous observez** (« j'ai observé
      que… ») et **ce que vous supposez** (au conditionnel : « il est possible que… ») ;
    - parlez des difficultés **et** des ressources ;
    - écrivez comme si la personne allait lire : des mots simples, aucun jugement, aucun détail inutile.
    """
)

REPERES_DEONTOLOGIE = md(
    """
    ### Repères pour le partage d'informations

    - **Le secret professionnel.** Révéler une information à caractère secret dont on est dépositaire par sa
      profession, sa fonction ou sa mission est puni par l'**article 226-13 du Code pénal**. Toute personne qui
      intervient dans l'instruction du RSA ou dans l'accompagnement de ses allocataires y est tenue (**article
      L. 262-44 du Code de l'action sociale et des familles**), de même que les personnes qui instruisent les
      demandes d'aide sociale, notamment dans les CCAS (**article L. 133-5** du même code).
    - **Le partage d'informations** entre professionnels n'est admis que dans les cas prévus par la loi (par exemple
      l'article L. 121-6-2 du Code de l'action sociale et des familles pour l'action sociale, l'article L. 1110-4 du
      Code de la santé publique pour les équipes de soins), et selon des principes communs : la personne est
      **informée** et ne s'y **oppose** pas (ou y consent quand la loi l'exige) ; on ne partage qu'avec des
      professionnels **eux-mêmes tenus au secret** ; on ne partage que ce qui est **strictement nécessaire** à leur
      mission ; et toujours **dans l'intérêt de la personne**.
    - **Les données personnelles** (règlement général sur la protection des données, RGPD) : on ne recueille et ne
      transmet que les données utiles au but poursuivi. Les données de **santé** sont des données sensibles, protégées
      plus strictement. La personne peut consulter son dossier et demander à le faire corriger.
    - **Le consentement** est éclairé (la personne sait ce qui sera transmis, à qui, pour quoi faire), libre (elle peut
      refuser sans perdre son accompagnement) et révocable (elle peut changer d'avis).
    """
)


RECIT = written(
    "M1.1-C",
    {
        "Une vie de travail (1989-2018)": """
            Martine a 52 ans. Elle quitte le collège à 16 ans, en 1989, sans diplôme : « L'école, c'était pas pour
            moi. Il fallait ramener des sous à la maison. » Elle travaille tôt, d'abord en intérim dans le
            conditionnement alimentaire ; puis, en 1998, elle est embauchée en CDI comme préparatrice de commandes dans
            un entrepôt logistique. Elle y restera vingt-trois ans : « j'ai jamais manqué ». Pendant ces années, elle
            vit en couple et élève ses deux enfants, aujourd'hui adultes. En 2008, son employeur lui fait passer le
            CACES : elle devient cariste, et c'est encore une fierté. Quand elle raconte cette période, elle parle
            vite, avec humour et avec les mots du métier : la cadence, les palettes, le quai. Le travail lui a donné
            une place, un revenu et des collègues.
        """,
        "Les années de rupture (2019-2023)": """
            En 2019, une hernie discale l'arrête huit mois. Elle reprend à mi-temps thérapeutique, mais la douleur
            « ne part jamais vraiment ». En 2021, le médecin du travail la déclare inapte et elle est licenciée :
            « Ils m'ont remerciée comme un vieux transpalette. » L'année 2022 concentre les pertes : la séparation
            d'avec son compagnon après vingt-six ans de vie commune, une année entière sans retrouver d'emploi, puis
            le départ du logement, dont le bail n'était pas à son nom. Elle est hébergée par sa sœur, sur le canapé du
            salon, et les relations se tendent. En juillet 2023, ses droits au chômage prennent fin. Pendant six mois,
            elle ne demande pas le RSA : « je croyais que c'était pas pour les gens comme moi ». Elle vit alors sur
            ses économies et grâce à l'aide de sa fille.
        """,
        "Aujourd'hui, avec ses mots (2024-2025)": """
            Depuis janvier 2024, Martine perçoit le RSA, demandé avec l'aide de France Services. Depuis octobre 2024,
            elle vit dans un studio en résidence sociale, un logement temporaire proposé par le SIAO, et perçoit une
            aide au logement. En février 2025, elle a retrouvé un médecin traitant. Elle dit « compter chaque euro »
            et voit moins ses anciennes collègues. Sa fille reste son appui principal : « c'est elle qui me tient ».
            Pendant l'entretien, j'ai observé qu'elle s'exprime avec aisance à l'oral mais qu'elle évite l'écrit
            (« les papiers, c'est pas mon truc ») et qu'elle n'a pas d'ordinateur. Elle parle d'elle durement,
            « bonne à rien », alors qu'elle décrit un vrai savoir-faire. Ses souhaits sont clairs : « un travail où
            on n'est pas debout toute la journée », « un vrai chez-moi », et ne plus être baladée « d'un bureau à
            l'autre ». Ce récit a été écrit à partir de ses paroles ; il lui sera relu, et elle pourra le corriger.
        """,
    },
)

ANALYSE = written(
    "M1.1-D",
    {
        "L'enchaînement des ruptures et des ressources": """
            La frise montre près de trente ans de stabilité, appuyée sur l'emploi, puis sept ruptures, dont six entre
            2019 et 2023, dans cinq domaines : santé, emploi, famille, logement, ressources. Le premier maillon visible
            est la hernie discale de 2019 ; l'inaptitude, le chômage de longue durée, la perte du logement et la fin
            des droits suivent en quatre ans. Des ressources ont tenu ou sont venues ensuite : sa fille, France
            Services, le SIAO et, depuis 2025, un médecin traitant.
        """,
        "Hypothèses multi-facteurs": """
            1. La santé pourrait être le point de départ de la cascade : la douleur chronique aurait entraîné
            l'inaptitude et limiterait aujourd'hui le retour à un emploi de manutention. À vérifier avec Martine, qui
            pourra en parler à son médecin.
            2. La perte du salaire aurait pu fragiliser le couple, puis le logement, le bail n'étant pas à son nom.
            C'est à explorer avec elle, sans présumer des raisons de la séparation.
            3. Les antalgiques pris « plus que marqué » et le « petit verre le soir » pourraient être une façon de
            soulager la douleur et l'insomnie. Il faudra en reparler avec tact, sans jugement, et lui proposer d'en
            parler à son médecin, ou à un CSAPA si elle le souhaite.
            4. Le non-recours au RSA pendant six mois, l'évitement de l'écrit et une image de soi abîmée (« bonne à
            rien ») pourraient freiner ses démarches et sa recherche d'emploi.
        """,
        "Comparaison avec le panel": """
            Dans le fichier, 58,5 % des personnes ont vécu au moins deux ruptures : avec sept ruptures, Martine fait
            partie des parcours les plus chargés. L'âge médian à la première rupture est de 30 ans : sa première
            rupture, à 16 ans, est précoce, mais la cascade commence à 46 ans, après une longue période stable.
            L'emploi est le domaine où les ruptures sont les plus nombreuses, comme pour elle. Ces chiffres décrivent
            un panel fictif et ne disent rien des causes : ils aident à situer Martine, pas à expliquer son histoire.
        """,
        "Pistes de travail à discuter avec Martine": """
            - L'informer sur la RQTH et, si elle le souhaite, l'aider à constituer son dossier MDPH avec son médecin.
            - Préparer ensemble le rendez-vous France Travail : valoriser le CACES et l'expérience en logistique,
            explorer des postes sans port de charges, une formation ou un bilan de compétences.
            - Avec l'intervenante de la résidence, préparer une demande de logement social.
            - Lui proposer un accompagnement au numérique, pour qu'elle gère elle-même ses droits.
        """,
    },
)

PARTAGE = written(
    "M1.1-E",
    {
        "Le consentement de Martine": """
            Le récit appartient d'abord à Martine. Avant tout partage, je le lui relis ; elle le corrige et choisit ce
            qui peut sortir du service. Je lui explique à qui il serait transmis, dans quel but, et qu'elle peut
            refuser ou changer d'avis sans que son accompagnement en souffre. Son accord est noté dans le dossier. Son
            souhait de ne plus « tout raconter à chaque fois » justifie un partage, mais ne vaut pas accord pour tout
            transmettre.
        """,
        "Ce que je partage, avec qui, et pourquoi": """
            Je suis tenue au secret professionnel : il s'impose à toute personne qui intervient dans l'accompagnement
            du RSA (article L. 262-44 du CASF), sous peine des sanctions de l'article 226-13 du Code pénal. Je ne
            partage donc que le strict nécessaire, avec des professionnels eux-mêmes tenus au secret, dans l'intérêt
            de Martine et avec son accord.
            - Conseillère France Travail : pas le récit complet, mais une version courte validée par Martine
            (expérience, CACES, souhaits, restrictions pour le port de charges), sans diagnostic, sans la séparation
            ni les consommations.
            - Intervenante de la résidence : Martine a accepté ce lien « pour le logement » ; je ne partage que ce qui
            sert la demande de logement social (ressources, composition familiale, démarches en cours).
            - Sœur : je ne confirme rien, pas même que Martine est suivie par le service, et je l'invite à en parler
            avec Martine. C'est aussi la volonté de Martine.
            - MDPH : le récit peut aider Martine à rédiger la partie du formulaire où elle décrit ses besoins et ses
            attentes ; c'est elle qui signe et envoie son dossier, et le certificat médical vient de son médecin. Je
            ne transmets moi-même aucune information de santé.
        """,
        "La version courte proposée à Martine": """
            « Martine, 52 ans, a travaillé vingt-trois ans comme préparatrice de commandes, puis cariste (CACES).
            Licenciée pour inaptitude en 2021, elle ne peut plus porter de charges lourdes et cherche un emploi où
            elle ne reste pas debout toute la journée. À l'aise à l'oral, elle souhaite être accompagnée pour les
            démarches en ligne. Elle vit en logement temporaire et cherche un logement durable. » Je lui soumets ce
            texte ; elle le modifie si elle le veut, et c'est elle qui décide de sa transmission.
        """,
    },
)


def notebooks():
    # Deep copies: the builder sets cell ids, and the module-level cells must stay untouched.
    return {
        "recit_de_vie.ipynb": copy.deepcopy([
            CAS,
            NOTES,
            DONNEES_INTRO,
            DONNEES_CHARGER,
            DONNEES_APERCU,
            Q1_EXPLICATION,
            Q1_EXEMPLE,
            Q1_CONSIGNE,
            Q1_REPONSE,
            Q1_TESTS,
            Q2_EXPLICATION,
            Q2_EXEMPLE,
            Q2_EXEMPLE_BIS,
            Q2_CONSIGNE,
            Q2_REPONSE,
            Q2_TESTS,
            Q3_EXPLICATION,
            Q3_EXEMPLE,
            Q3_CONSIGNE,
            Q3_REPONSE,
            Q3_TESTS,
            FRISE_EXPLICATION,
            FRISE_WIDGET,
            Q4_EXPLICATION,
            Q4_EXEMPLE,
            Q4_CONSIGNE,
            Q4_REPONSE,
            Q4_TESTS,
            Q5_EXPLICATION,
            Q5_EXEMPLE,
            Q5_CONSIGNE,
            Q5_REPONSE,
            Q5_TESTS,
            Q6_EXPLICATION,
            Q6_EXEMPLE,
            Q6_CONSIGNE,
            Q6_REPONSE,
            Q6_TESTS,
            Q7_EXPLICATION,
            Q7_EXEMPLE,
            Q7_CONSIGNE,
            Q7_REPONSE,
            Q7_TESTS,
            LECTURE_CHIFFRES,
            ECRITS_INTRO,
            RECIT,
            ANALYSE,
            REPERES_DEONTOLOGIE,
            PARTAGE,
        ])
    }
