"""M1.2 — Préparation et conduite de différents types d'entretiens d'accueil.

Three fictional situations (phone call, walk-in at France Services, appointment), a register of
500 reception interviews to explore, an interview simulation widget, two written pieces and two
oral tasks for the jury. Hidden tests compare with values computed at build time from the
committed CSV, so they always match the data the learners load.
"""
from __future__ import annotations

from ... import data
from ..cells import answer, code, md, oral, tests, written

DATASET = "entretiens_accueil"


def _expected() -> dict:
    e = data.load(DATASET)
    satisfaction = e.groupby("reformulation")["satisfaction"].mean().round(2)
    return {
        "duree": e.groupby("type_entretien")["duree_min"].mean().round(1).to_dict(),
        "part_different": round(float((e["besoin_identifie"] != e["motif_exprime"]).mean() * 100), 1),
        "satisfaction": satisfaction.to_dict(),
        "ecart": round(float(satisfaction["oui"] - satisfaction["non"]), 2),
    }


def _exists(name: str) -> str:
    return (
        f'assert "{name}" in globals(), '
        f'"La variable {name} n\'existe pas encore : complétez la cellule de réponse au-dessus, puis exécutez-la."'
    )


def notebooks():
    x = _expected()
    duree = x["duree"]
    hauteurs = sorted(duree.values())
    cells = [
        # ------------------------------------------------------------------ 1. les situations
        md(
            """
            ## 1. Trois situations d'accueil

            Vous êtes chargé·e d'accueil au **pôle accueil du CCAS** d'une ville moyenne. Le CCAS est aussi labellisé
            **France Services** : on y vient, avec ou sans rendez-vous, ou on appelle, pour des démarches CAF, CPAM,
            Carsat, impôts, papiers d'identité, mais aussi pour des questions de logement, d'emploi, de ressources ou
            d'aide alimentaire. Votre rôle : **recevoir** chaque personne dans de bonnes conditions, **comprendre** sa
            demande, y **répondre** ou l'**orienter**.

            Cette semaine, trois entretiens de types différents vont vous occuper. Les personnes, le service et la
            ville sont **fictifs**.
            """
        ),
        md(
            """
            ### Situation 1 — Un appel téléphonique : Yanis, 19 ans

            Lundi, 12 h 15. Le téléphone sonne ; on entend du bruit derrière la voix. Yanis, 19 ans, a quitté le lycée
            professionnel l'an dernier sans diplôme. Il a « entendu dire » qu'avec le **contrat d'engagement jeune
            (CEJ)** on pouvait « toucher 500 euros par mois » et veut savoir si c'est vrai. Au fil de l'appel, on
            comprend qu'il ne vit plus chez sa mère depuis une dispute avec le compagnon de celle-ci et qu'il dort chez
            un ami depuis une semaine. Il appelle depuis un fast-food, entouré de monde.

            *Enjeux :* se présenter et accueillir sans voir la personne ; vérifier qu'elle peut parler librement ;
            donner une information exacte sur le CEJ (accompagnement de 15 à 20 heures par semaine par la Mission locale
            ou France Travail, allocation selon les ressources) **sans rien promettre** ; repérer la question du
            logement ; orienter (rendez-vous, Mission locale, 115 en cas d'urgence).

            ### Situation 2 — Un accueil sans rendez-vous : M. O., 72 ans

            Mardi, 10 h 30, espace France Services. La salle d'attente est pleine. M. O., 72 ans, retraité, arrive au
            guichet avec deux enveloppes froissées : la **Carsat** lui demande de remplir un questionnaire de ressources
            pour continuer à percevoir l'**allocation de solidarité aux personnes âgées (ASPA)** ; la **CAF** lui
            réclame 180 euros d'aide au logement versés en trop. Il parle français avec difficulté (sa langue
            maternelle est l'arabe) et ne sait pas utiliser Internet : c'est son fils, parti vivre à Lyon, qui faisait
            ses papiers. Une voisine, dans la file, propose de traduire.

            *Enjeux :* accueillir au guichet en protégeant la confidentialité ; parler simplement ; recourir à un
            interprète professionnel plutôt qu'à un proche ; reformuler ; repérer l'isolement et le risque de rupture
            de droits ; faire **avec** la personne.

            ### Situation 3 — Un entretien sur rendez-vous : Nadia, 34 ans

            Jeudi, 14 h, bureau fermé. Nadia, 34 ans, mère de deux enfants de 6 et 9 ans, a demandé un rendez-vous
            « pour une aide pour le loyer ». Depuis le départ de son compagnon en janvier, elle paie seule le loyer avec
            un salaire à mi-temps ; la dette atteint 2 400 euros. Elle a cessé d'ouvrir son courrier, et elle a reçu une
            **assignation devant le juge des contentieux de la protection** : l'audience a lieu dans cinq semaines.
            Ce qu'elle veut vraiment : garder son logement, près de l'école des enfants.

            *Enjeux :* préparer l'entretien ; poser le cadre (durée, confidentialité et ses limites) ; accueillir
            l'émotion ; distinguer la demande exprimée (« une aide pour le loyer ») de la demande profonde (« garder le
            logement ») ; connaître les étapes de la procédure d'expulsion et les leviers (CAF, Fonds de solidarité pour
            le logement, plan d'apurement, point-justice, aide juridictionnelle) ; clôturer par un plan d'action.
            """
        ),
        # ------------------------------------------------------------------ 2. le registre
        md(
            """
            ## 2. Ce que dit le registre des entretiens d'accueil

            Pour préparer la réunion d'équipe sur la qualité de l'accueil, la responsable vous confie le **registre
            des 500 derniers entretiens** du service : une ligne par entretien, **sans aucun nom**. Pour chaque
            entretien, l'agent a noté le type (téléphone, sans rendez-vous, sur rendez-vous), la durée, le **motif
            exprimé** par la personne, le **besoin identifié** à la fin de l'entretien, s'il a **reformulé** la
            demande, s'il a fallu un interprète, l'orientation et la note de satisfaction donnée par la personne.

            Regarder ces chiffres, c'est **entretenir sa pratique professionnelle** (compétence C1.5) : combien de
            temps prend chaque type d'entretien ? La demande exprimée est-elle toujours le vrai besoin ? La
            reformulation change-t-elle quelque chose pour les personnes ?

            La cellule ci-dessous ouvre le registre et le range dans la variable `entretiens`, puis affiche ses
            5 premières lignes avec `.head()`. Exécutez-la (**Maj + Entrée**), puis la suivante, qui affiche la fiche
            du jeu de données : lisez au moins la liste des colonnes.
            """
        ),
        code(
            """
            from course.learner import charger, afficher_fiche

            entretiens = charger("entretiens_accueil")
            entretiens.head()
            """
        ),
        code('afficher_fiche("entretiens_accueil")'),
        md(
            """
            ### Compter les entretiens de chaque type

            Pour prendre une colonne du tableau, on écrit le nom du tableau puis le nom de la colonne **entre crochets
            et entre guillemets** : `entretiens["type_entretien"]`. En ajoutant `.value_counts()`, pandas compte combien
            de fois chaque valeur apparaît. Exécutez l'exemple.
            """
        ),
        code('entretiens["type_entretien"].value_counts()'),
        # ------------------------------------------------------------------ Q1
        md(
            """
            ### Question 1 — La durée moyenne de chaque type d'entretien

            Pour calculer une moyenne **par groupe**, on utilise `groupby` (« regrouper selon »). Voici un exemple
            qui calcule la **satisfaction moyenne** pour chaque type d'entretien ; lisez-le morceau par morceau :

            | Morceau | Ce qu'il fait |
            |---|---|
            | `entretiens.groupby("type_entretien")` | range les entretiens en trois paquets : Téléphone, Sans rendez-vous, Sur rendez-vous |
            | `["satisfaction"]` | dans chaque paquet, garde la colonne des notes de satisfaction |
            | `.mean()` | calcule la moyenne de chaque paquet |
            | `.round(2)` | arrondit à 2 chiffres après la virgule |

            Le résultat est une **série** : une petite liste de valeurs, chacune avec une étiquette (ici le type
            d'entretien). Exécutez l'exemple.
            """
        ),
        code('entretiens.groupby("type_entretien")["satisfaction"].mean().round(2)'),
        md(
            """
            **À vous.** Dans la cellule de réponse ci-dessous, calculez la **durée moyenne** (colonne `duree_min`) de
            chaque type d'entretien, **arrondie à 1 chiffre après la virgule**, et rangez le résultat dans une variable
            nommée **`duree_par_type`**. C'est exactement l'exemple, en changeant le nom de la colonne et l'arrondi,
            avec `duree_par_type = ` au début de la ligne.

            Comme toujours : supprimez la ligne `raise NotImplementedError(…)`, écrivez votre ligne à sa place,
            exécutez la cellule, puis exécutez la cellule de test juste en dessous (si rien ne s'affiche, c'est
            réussi).
            """
        ),
        answer(
            "q1_duree",
            'duree_par_type = entretiens.groupby("type_entretien")["duree_min"].mean().round(1)',
            before="""
            # Une ligne, sur le modèle de l'exemple :
            # duree_par_type = entretiens.groupby("…")["…"].mean().round(…)
            """,
            after="duree_par_type",
        ),
        tests(
            "q1_duree_tests",
            1.5,
            visible=f"""
            {_exists("duree_par_type")}
            assert isinstance(duree_par_type, pd.Series), "duree_par_type doit être une série : utilisez groupby(...)[...].mean(), comme dans l'exemple."
            assert len(duree_par_type) == 3, "Il faut une valeur pour chacun des 3 types d'entretien : regroupez par la colonne « type_entretien »."
            assert "Téléphone" in duree_par_type.index, "Les étiquettes doivent être les types d'entretien : regroupez par « type_entretien »."
            """,
            hidden="\n".join(
                f'assert abs(duree_par_type["{t}"] - {v}) < 0.06, '
                f'"La durée moyenne « {t} » n\'est pas la bonne : vérifiez la colonne « duree_min » et l\'arrondi à 1 chiffre."'
                for t, v in sorted(duree.items())
            ),
        ),
        md(
            """
            **Pour réfléchir (non noté).** Un entretien sur rendez-vous dure en moyenne plusieurs fois plus longtemps
            qu'un appel. Qu'est-ce que cela implique pour l'organisation de l'accueil (plages de rendez-vous, personne
            dédiée au téléphone, temps de préparation) ? Au téléphone, que faut-il absolument faire en peu de temps ?
            """
        ),
        # ------------------------------------------------------------------ Q2
        md(
            """
            ### Question 2 — Le besoin identifié est-il le motif exprimé ?

            Une personne dit venir pour « un courrier » ou « une aide pour le loyer » ; après l'écoute et la
            reformulation, le besoin identifié est parfois **autre chose** (des droits CAF non ouverts, un logement
            menacé…). Quelle part des entretiens est concernée ?

            **Exemple : la part d'entretiens avec besoin d'interprétariat.** On procède en deux temps :

            1. `entretiens["interprete_ou_fle"] == "oui"` compare chaque ligne à « oui ». Le double signe `==` veut
               dire « est égal à ». Le résultat est une colonne de `True` (vrai) et de `False` (faux).
            2. La **moyenne** d'une colonne de vrai/faux est la **part de vrais** (Python compte `True` comme 1 et
               `False` comme 0). On multiplie par 100 pour avoir un pourcentage, et `round(…, 1)` arrondit à 1 chiffre.
            """
        ),
        code(
            """
            est_fle = entretiens["interprete_ou_fle"] == "oui"
            part_fle = round(est_fle.mean() * 100, 1)
            part_fle
            """
        ),
        md(
            """
            **À vous.** Calculez le **pourcentage d'entretiens où le besoin identifié est différent du motif exprimé**,
            arrondi à 1 chiffre après la virgule, dans une variable **`part_besoin_different`**.

            Cette fois, on compare **deux colonnes** entre elles, ligne par ligne, avec `!=`, qui veut dire « est
            différent de » : `entretiens["besoin_identifie"] != entretiens["motif_exprime"]` donne `True` pour chaque
            entretien où les deux ne sont pas identiques. Vous pouvez écrire deux lignes, comme dans l'exemple (une
            variable intermédiaire, puis le pourcentage), ou tout sur une ligne.
            """
        ),
        answer(
            "q2_besoin",
            """
            besoin_different = entretiens["besoin_identifie"] != entretiens["motif_exprime"]
            part_besoin_different = round(besoin_different.mean() * 100, 1)
            """,
            before="""
            # 1) une colonne de vrai/faux : le besoin identifié est-il différent (!=) du motif exprimé ?
            # 2) part_besoin_different = round(… .mean() * 100, 1)
            """,
            after="part_besoin_different",
        ),
        tests(
            "q2_besoin_tests",
            1.5,
            visible=f"""
            {_exists("part_besoin_different")}
            assert isinstance(part_besoin_different, (int, float)), "part_besoin_different doit être un nombre : n'oubliez pas .mean() après la comparaison."
            assert 1 <= part_besoin_different <= 100, "part_besoin_different doit être un pourcentage entre 1 et 100 : avez-vous multiplié par 100 ?"
            """,
            hidden=(
                f'assert abs(part_besoin_different - {x["part_different"]}) < 0.06, '
                '"Le pourcentage n\'est pas le bon : comparez « besoin_identifie » et « motif_exprime » avec !=, '
                'puis multipliez la moyenne par 100 et arrondissez à 1 chiffre."'
            ),
        ),
        md(
            """
            **Pour réfléchir (non noté).** Regardez votre résultat : dans quelle part des entretiens le besoin
            identifié n'est-il pas celui que la personne a exprimé en arrivant ? Qu'est-ce que cela dit de
            l'importance de ne pas répondre trop vite ? Reprenez
            les trois situations de la partie 1 : pour chacune, quelle est la demande exprimée, et quel besoin
            pourrait se cacher derrière ?
            """
        ),
        # ------------------------------------------------------------------ Q3
        md(
            """
            ### Question 3 — La satisfaction avec et sans reformulation

            La colonne `reformulation` indique si l'agent a reformulé la demande et vérifié son accord avec la
            personne (« oui » ou « non »). Comparons la satisfaction moyenne des deux groupes.

            **Exemple : la durée selon l'interprétariat.** On regroupe comme à la question 1, puis on va chercher une
            valeur de la série **par son étiquette**, entre crochets : `duree_fle["oui"]` est la durée moyenne des
            entretiens avec interprétariat. La différence entre les deux groupes se calcule avec `-`.
            """
        ),
        code(
            """
            duree_fle = entretiens.groupby("interprete_ou_fle")["duree_min"].mean().round(1)
            print(duree_fle)
            print("Écart de durée (oui - non) :", round(duree_fle["oui"] - duree_fle["non"], 1), "minutes")
            """
        ),
        md(
            """
            **À vous.** En deux lignes :

            1. calculez la **satisfaction moyenne** selon la colonne `reformulation`, arrondie à **2** chiffres, dans une
               variable **`satisfaction_reformulation`** ;
            2. calculez l'**écart** « oui » moins « non », arrondi à 2 chiffres, dans une variable
               **`ecart_satisfaction`**.
            """
        ),
        answer(
            "q3_reformulation",
            """
            satisfaction_reformulation = entretiens.groupby("reformulation")["satisfaction"].mean().round(2)
            ecart_satisfaction = round(satisfaction_reformulation["oui"] - satisfaction_reformulation["non"], 2)
            """,
            before="""
            # Ligne 1 : satisfaction_reformulation = entretiens.groupby("…")["…"].mean().round(2)
            # Ligne 2 : ecart_satisfaction = round(satisfaction_reformulation["oui"] - satisfaction_reformulation["non"], 2)
            """,
            after="""
            print(satisfaction_reformulation)
            print("Écart de satisfaction (oui - non) :", ecart_satisfaction)
            """,
        ),
        tests(
            "q3_reformulation_tests",
            1.5,
            visible=f"""
            {_exists("satisfaction_reformulation")}
            {_exists("ecart_satisfaction")}
            assert isinstance(satisfaction_reformulation, pd.Series), "satisfaction_reformulation doit être une série : groupby(...)[...].mean()."
            assert sorted(satisfaction_reformulation.index) == ["non", "oui"], "Regroupez par la colonne « reformulation » : les étiquettes doivent être « oui » et « non »."
            assert isinstance(ecart_satisfaction, (int, float)), "ecart_satisfaction doit être un nombre : la valeur « oui » moins la valeur « non »."
            """,
            hidden="\n".join(
                [
                    f'assert abs(satisfaction_reformulation["{k}"] - {v}) < 0.006, '
                    f'"La satisfaction moyenne « {k} » n\'est pas la bonne : vérifiez la colonne « satisfaction »."'
                    for k, v in sorted(x["satisfaction"].items())
                ]
                + [
                    f'assert abs(ecart_satisfaction - {x["ecart"]}) < 0.006, '
                    '"L\'écart n\'est pas le bon : calculez la valeur « oui » moins la valeur « non »."'
                ]
            ),
        ),
        md(
            """
            **Attention aux conclusions trop rapides.** Les entretiens reformulés sont plus souvent des entretiens sur
            rendez-vous, et les appels téléphoniques sont moins souvent reformulés : l'écart pourrait venir du type
            d'entretien plutôt que de la reformulation. Pour vérifier, on compare **à type d'entretien égal**. La
            cellule ci-dessous (à exécuter, rien à écrire) regroupe selon **deux** colonnes à la fois, puis
            `.unstack()` présente le résultat en tableau : une ligne par type, une colonne par réponse « oui » ou
            « non ».
            """
        ),
        code(
            """
            entretiens.groupby(["type_entretien", "reformulation"])["satisfaction"].mean().round(2).unstack()
            """
        ),
        md(
            """
            Dans chaque type d'entretien, la satisfaction est plus élevée quand la demande a été reformulée. Ces
            données sont **fictives** et construites pour l'exercice ; dans un vrai service, un tel résultat
            inviterait à en parler en équipe, pas à en tirer une loi. Retenez la démarche : **interroger ses chiffres
            avant de conclure**, c'est aussi une façon d'entretenir sa pratique professionnelle.
            """
        ),
        # ------------------------------------------------------------------ Q4
        md(
            """
            ### Question 4 — Un graphique pour la réunion d'équipe

            Un graphique en barres se construit en quelques lignes. Voici un exemple qui montre le **nombre**
            d'entretiens de chaque type :

            | Ligne | Ce qu'elle fait |
            |---|---|
            | `fig_nombre, ax_nombre = plt.subplots()` | crée une figure vide (`fig_nombre`) et sa zone de dessin (`ax_nombre`) |
            | `entretiens["type_entretien"].value_counts().plot.bar(ax=ax_nombre)` | calcule les effectifs et les dessine en barres dans `ax_nombre` |
            | `ax_nombre.set_title("…")` | écrit le titre du graphique |
            | `ax_nombre.set_ylabel("…")` | écrit le titre de l'axe vertical |
            | `ax_nombre.set_xlabel("")` | laisse vide le titre de l'axe horizontal (les noms des barres suffisent) |
            | `plt.show()` | affiche le graphique terminé |

            Les noms `fig_nombre` et `ax_nombre` sont libres : ce sont des variables, comme les autres.
            """
        ),
        code(
            """
            fig_nombre, ax_nombre = plt.subplots()
            entretiens["type_entretien"].value_counts().plot.bar(ax=ax_nombre, color="grey")
            ax_nombre.set_title("Nombre d'entretiens selon le type")
            ax_nombre.set_ylabel("Nombre d'entretiens")
            ax_nombre.set_xlabel("")
            plt.show()
            """
        ),
        md(
            """
            **À vous.** Construisez un graphique en barres de la **durée moyenne** des entretiens selon leur type. Cette
            fois, appelez la figure et sa zone de dessin **`fig, ax`** : commencez par `fig, ax = plt.subplots()`.
            Pour les barres, reprenez le calcul de la question 1 (`entretiens.groupby(…)[…].mean()`) et ajoutez
            `.plot.bar(ax=ax)`. Donnez un **titre** au graphique et un **titre à l'axe vertical** (par exemple
            « Durée moyenne (minutes) »).
            """
        ),
        answer(
            "q4_graphique",
            """
            fig, ax = plt.subplots()
            entretiens.groupby("type_entretien")["duree_min"].mean().plot.bar(ax=ax, color="steelblue")
            ax.set_title("Durée moyenne des entretiens selon le type")
            ax.set_ylabel("Durée moyenne (minutes)")
            ax.set_xlabel("")
            plt.show()
            """,
            before="""
            # 1) fig, ax = plt.subplots()
            # 2) la durée moyenne par type, puis .plot.bar(ax=ax)
            # 3) ax.set_title("…")
            # 4) ax.set_ylabel("…")
            # 5) plt.show()
            """,
        ),
        tests(
            "q4_graphique_tests",
            1.5,
            visible=f"""
            {_exists("ax")}
            assert len(ax.patches) == 3, "Le graphique doit avoir 3 barres, une par type d'entretien : utilisez .plot.bar(ax=ax) sur la durée moyenne par type."
            assert ax.get_title().strip() != "", "Donnez un titre au graphique avec ax.set_title(\\"…\\")."
            assert ax.get_ylabel().strip() != "", "Donnez un titre à l'axe vertical avec ax.set_ylabel(\\"…\\")."
            """,
            hidden=(
                "hauteurs_barres = sorted(barre.get_height() for barre in ax.patches)\n"
                f"assert all(abs(h - v) < 0.06 for h, v in zip(hauteurs_barres, {hauteurs})), "
                '"Les hauteurs des barres ne sont pas les durées moyennes : tracez la moyenne de « duree_min » par type d\'entretien."'
            ),
        ),
        # ------------------------------------------------------------------ 3. simulations
        md(
            """
            ## 3. S'entraîner : simulations d'entretien (non noté)

            Dans un entretien d'accueil, chaque réponse ouvre ou ferme l'échange. Voici les principaux types de
            réponses que vous allez rencontrer :

            | Type de réponse | Exemple | Effet |
            |---|---|---|
            | **Question ouverte** | « Qu'est-ce qui vous amène ? » | la personne raconte avec ses mots |
            | **Reformulation** | « Si je comprends bien, … C'est bien ça ? » | la personne se sent comprise et peut corriger |
            | **Cadre et confidentialité** | « Venez, on sera plus tranquilles dans le bureau. » | la personne peut parler sans être exposée |
            | **Synthèse et orientation** | « Je récapitule : … Ça vous convient ? » | la personne repart avec une suite claire |
            | Question fermée | « Vous avez quel âge ? » | utile pour préciser, mais en rafale elle devient un interrogatoire |
            | Conseil prématuré | « Il faut faire une demande au FSL. » | répond avant d'avoir compris |
            | Jugement ou morale | « Vous auriez dû venir plus tôt. » | la personne se ferme |
            | Fausse réassurance | « Ne vous inquiétez pas, ce n'est rien. » | minimise, empêche d'agir |

            Exécutez une cellule ci-dessous : une simulation s'affiche. À chaque réplique, **cliquez sur la lettre** de
            la réponse que vous choisiriez, lisez le retour, ouvrez « Voir l'analyse des quatre réponses », puis passez à
            la réplique suivante. Un bilan s'affiche à la fin ; le bouton « Recommencer » permet de refaire l'exercice.
            """
        ),
        code(
            """
            from course.learner.widgets.entretien import simuler_entretien

            simuler_entretien("telephone")
            """
        ),
        code('simuler_entretien("sans_rendez_vous")'),
        code('simuler_entretien("sur_rendez_vous")'),
        md(
            """
            **Pour réfléchir (non noté).** Quelles réponses « à éviter » vous ont tenté·e ? Dans quelles situations
            réelles (stage, vie professionnelle) avez-vous déjà donné un conseil trop tôt ? Notez-le : l'échange avec le
            jury, après la mise en situation orale, porte justement sur ce regard sur sa propre pratique.
            """
        ),
        # ------------------------------------------------------------------ 4. écrits
        md(
            """
            ## 4. Écrits

            Deux écrits, corrigés par un formateur. Pour chacun : lisez la consigne, puis écrivez dans la cellule de
            réponse qui suit, **sous chaque titre** (double-cliquez dans la cellule pour l'éditer, **Maj + Entrée**
            pour l'afficher mise en forme). Gardez les titres tels quels : la vérification finale les recherche.
            """
        ),
        written(
            "M1.2-B",
            {
                "Objectifs de l'entretien": """
                    Accueillir Nadia dans de bonnes conditions et lui permettre d'exposer sa situation avec ses mots.
                    Comprendre l'origine de la dette (séparation en janvier, baisse des ressources) et le stade de la
                    procédure : assignation reçue, audience dans cinq semaines. Distinguer la demande exprimée (« une
                    aide pour le loyer ») de la demande profonde (garder le logement, la stabilité des enfants) et
                    repérer d'autres besoins éventuels (droits CAF à revoir après la séparation, soutien moral).
                    Construire avec elle un premier plan d'action réaliste et fixer la suite.
                """,
                "Conditions matérielles et confidentialité": """
                    Bureau fermé, téléphone en silencieux, affichette « entretien en cours ». Je bloque 45 minutes
                    sans rendez-vous juste après, pour ne pas écourter si l'émotion est forte. Je prévois de l'eau, des
                    mouchoirs et une table pour trier les courriers avec elle. En début d'entretien, j'annonce la durée,
                    mon rôle et la confidentialité : ce qu'elle me dit reste dans le service, et rien n'est transmis à
                    un partenaire (CAF, bailleur, commission du FSL) sans son accord. Je ne note que ce qui est utile
                    aux démarches, sans jugement, et je lui dis ce que je note.
                """,
                "Trame de questions": """
                    1. « Pouvez-vous me raconter ce qui vous amène aujourd'hui ? »
                    2. « Comment la dette s'est-elle constituée ? »
                    3. « Qu'est-ce qui a changé dans vos ressources depuis janvier ? »
                    4. « Quels courriers avez-vous reçus ? On peut les regarder ensemble ? »
                    5. « Quelles démarches avez-vous déjà faites auprès de la CAF ou du bailleur ? »
                    6. « Qu'est-ce qui compte le plus pour vous dans cette situation ? »

                    Relances : reformuler les faits (« Si je comprends bien, depuis janvier… ») et les émotions
                    (« Vous avez peur de perdre le logement »), puis vérifier. Clôture : synthèse, plan d'action avec
                    ce que chacune fait, prochain rendez-vous et liste des pièces à apporter.
                """,
                "Ressources à avoir sous la main": """
                    Le simulateur de droits (aide au logement, prime d'activité, allocation de soutien familial), le
                    règlement intérieur du Fonds de solidarité pour le logement et son formulaire, un modèle de plan
                    d'apurement, une fiche sur les étapes de la procédure d'expulsion, les informations sur l'aide
                    juridictionnelle, les jours de permanence du point-justice et de l'ADIL, le rôle de la CCAPEX,
                    et mon agenda pour fixer le prochain rendez-vous.
                """,
            },
        ),
        written(
            "M1.2-C",
            {
                "Demande exprimée": """
                    « Je comprends pas. Je dois payer ? » M. O. arrive sans rendez-vous avec deux courriers, l'un de la
                    Carsat, l'autre de la CAF. Sa demande porte à la fois sur la compréhension (que veulent ces
                    lettres ?) et sur l'argent : il craint de devoir payer une somme qu'il n'a pas.
                """,
                "Reformulation proposée": """
                    Après l'avoir installé dans le bureau, à l'écart de la salle d'attente, je lui dis, en montrant
                    chaque lettre : « Si je comprends bien, vous avez reçu deux lettres, une de la CAF et une de la
                    retraite. Vous ne comprenez pas ce qu'elles demandent, et vous avez peur de devoir payer. C'est
                    bien ça ? » J'utilise des phrases courtes, une idée à la fois, et j'attends sa réponse. S'il
                    corrige ou hésite, je reformule autrement ; si la compréhension reste difficile, je propose un
                    interprète professionnel par téléphone.
                """,
                "Demande implicite": """
                    Il explique que son fils, qui faisait ses papiers, est parti, et qu'il ne sait pas utiliser
                    Internet. Je fais plusieurs hypothèses, à vérifier avec lui : un isolement récent, des difficultés
                    avec le numérique, une inquiétude forte sur ses ressources (« je mange comment ? »). Il y a aussi un
                    risque de rupture de droits : sans réponse au questionnaire de la Carsat, le versement de l'ASPA
                    peut être suspendu.
                """,
                "Orientation et questionnement déontologique": """
                    Sur place, nous remplissons ensemble le questionnaire de la Carsat et préparons une demande de
                    remise ou d'étalement auprès de la CAF. Je lui propose ensuite un rendez-vous avec l'assistante
                    sociale du CCAS, avec interprète s'il le souhaite, et je lui présente les ateliers numériques sans
                    les imposer. J'ai refusé, poliment, que la voisine traduise : elle n'est pas tenue au secret et
                    aurait connu ses ressources et sa dette ; un interprète professionnel l'est. Je veille aussi à
                    faire avec lui et non à sa place, à ne rien promettre sur la décision de la CAF, et à ne
                    transmettre aucune information sans son accord.
                """,
            },
        ),
        # ------------------------------------------------------------------ 5. oral
        md(
            """
            ## 5. Les mises en situation devant le jury

            L'épreuve M1.2 comprend deux mises en situation orales, décrites ci-dessous. Il n'y a rien à écrire dans ces
            cellules : lisez-les pour savoir ce qui vous attend et préparez-vous avec vos écrits, les simulations, et un
            entraînement à deux (une personne joue l'usager, l'autre l'agent d'accueil, puis on échange les rôles).
            """
        ),
        oral("M1.2-D"),
        oral("M1.2-E"),
    ]
    return {"entretiens_accueil.ipynb": cells}
