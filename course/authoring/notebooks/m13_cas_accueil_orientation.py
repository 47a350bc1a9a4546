"""M1.3 — Rédaction et analyse de cas d'accueil, d'information et d'orientation.

Three fictional cases (a young man without housing who drinks, a working single mother with
rent arrears, a refugee without health cover), the intake register of a fictional day centre
(`demandes_accueil`), the multi-factor diagnostic grid widget, and three written answers.

Hidden tests compare with values computed here, at build time, from the committed CSV, so they
always match the data the learners load; the model answers quote the same figures.
"""
from __future__ import annotations

from ... import data
from ..cells import answer, code, md, tests, written

DATASET = "demandes_accueil"
COLONNES_PB = ["pb_sante", "pb_emploi", "pb_logement", "pb_addictions", "pb_droits", "pb_budget"]
# A percentage is accepted when exact or rounded to one decimal (34.875 written 34.9).
TOLERANCE_PCT = 0.06


def _expected() -> dict:
    import pandas as pd

    demandes = data.load(DATASET)
    parts = demandes[COLONNES_PB].mean() * 100
    croisement = pd.crosstab(demandes["pb_logement"], demandes["pb_addictions"])
    croisement_pct = pd.crosstab(demandes["pb_logement"], demandes["pb_addictions"], normalize="index") * 100
    jeunes = demandes[demandes["tranche_age"] == "18-24 ans"]
    orientations_jeunes = jeunes["orientation_principale"].value_counts()
    return {
        "n": len(demandes),
        "parts": {k: round(float(v), 4) for k, v in parts.items()},
        "moyenne": round(float(demandes["nb_problematiques"].mean()), 4),
        "croisement": {(int(i), int(j)): int(croisement.loc[i, j]) for i in (0, 1) for j in (0, 1)},
        "croisement_pct": {(int(i), int(j)): round(float(croisement_pct.loc[i, j]), 4) for i in (0, 1) for j in (0, 1)},
        "part_multi": round(float((demandes["nb_problematiques"] >= 2).mean() * 100), 4),
        "nb_jeunes": len(jeunes),
        "orientations_jeunes": {k: int(v) for k, v in orientations_jeunes.items()},
        "premiere_orientation_jeunes": str(orientations_jeunes.index[0]),
        "seconde_orientation_jeunes": str(orientations_jeunes.index[1]),
    }


def _fr(value: float, decimals: int = 1) -> str:
    """A number written the French way: 77,9."""
    return f"{value:.{decimals}f}".replace(".", ",")


def _exists(name: str) -> str:
    return (
        f'assert "{name}" in globals(), '
        f'"La variable {name} n\'existe pas encore : complétez la cellule de réponse au-dessus, puis exécutez-la."'
    )


def _cas() -> list:
    return [
        md(
            """
            ## Les situations

            Vous êtes chargé·e d'accompagnement social et professionnel dans un **accueil de jour** d'une
            agglomération française. On y vient sans rendez-vous : pour se poser, prendre un café, laver son linge,
            recevoir son courrier, et rencontrer un professionnel. Ce matin, vous avez reçu trois personnes en premier
            entretien. **Les trois situations sont fictives** ; les prénoms sont inventés.

            ### Cas A — Yanis, 24 ans

            Yanis arrive à l'ouverture, fatigué, un sac de sport à la main. Depuis quatre mois, il dort chez des amis,
            « un canapé par-ci, un canapé par-là ». Il a quitté le domicile de sa mère après des disputes répétées avec
            elle et son beau-père ; il n'en dit pas plus et change de sujet quand on y revient. Il a travaillé en
            intérim comme préparateur de commandes dans un entrepôt jusqu'à l'été ; depuis, plus de missions. Il ne
            s'est pas inscrit à France Travail (« ça sert à rien, j'ai pas le droit au chômage ») et n'a **aucune
            ressource**. Il a sa carte Vitale, mais pas de complémentaire santé. Il tousse depuis plusieurs semaines.

            Il parle vite, avec des phrases courtes. Il dit boire « pas mal, le soir, avec les potes, pour dormir ».
            La semaine dernière, un ami lui a demandé de partir après une soirée trop arrosée ; il a passé deux nuits
            dans une gare. Sa demande : **« Je veux juste un endroit où dormir, mais pas le foyer avec les
            alcoolos. »** Il aura 25 ans dans quatre mois.
            """
        ),
        md(
            """
            ### Cas B — Sandrine, 34 ans

            Sandrine élève seule ses deux enfants de 4 et 9 ans, dans un logement social. Elle est employée de caisse
            dans un supermarché à **temps partiel** (24 heures par semaine, environ 1 000 € net par mois) et perçoit
            une aide au logement. Depuis sa séparation, il y a un an, le père des enfants versait une pension
            alimentaire fixée par le juge ; il ne paie plus rien depuis six mois. Elle a **trois mois de loyer
            impayés** et vient de recevoir une lettre de relance du bailleur, qu'elle sort de son sac, pliée en quatre.

            Elle n'a jamais demandé la prime d'activité : « je croyais que c'était pour les chômeurs ». Son responsable
            lui propose des heures le samedi, mais elle n'a personne pour garder la plus jeune. Elle s'excuse plusieurs
            fois d'être là, parle bas, et dit qu'elle dort mal : « je tiens pour les enfants ». Sa demande : **« Est-ce
            que vous pouvez m'aider à payer le loyer ce mois-ci ? »**
            """
        ),
        md(
            """
            ### Cas C — Ibrahim, 41 ans

            Ibrahim est arrivé en France il y a deux ans et a demandé l'asile. Il a obtenu le **statut de réfugié** il y
            a trois mois. Il a dû quitter le centre d'accueil pour demandeurs d'asile (CADA) le mois dernier et dort
            depuis chez un compatriote, « pour quelques semaines seulement ». L'allocation pour demandeur d'asile (ADA)
            s'est arrêtée ; il n'a fait aucune autre demande et n'a **plus aucune ressource**.

            Il est diabétique. Sa Complémentaire santé solidaire a expiré et ses droits à l'Assurance maladie n'ont pas
            été mis à jour avec son nouveau statut : à la pharmacie, on lui a demandé de payer et il n'a **plus son
            traitement depuis trois semaines**. Électricien dans son pays pendant quinze ans, il parle bien français
            mais lit difficilement. Sa femme et leurs deux enfants sont restés au pays ; il en parle avec émotion. Il
            tend une ordonnance et dit : **« J'ai besoin d'un papier pour la pharmacie. »**
            """
        ),
    ]


def _donnees(e: dict) -> list:
    return [
        md(
            """
            ## Partie 1 — Ce que disent les demandes reçues par l'accueil de jour

            Apprécier une situation, c'est aussi la situer parmi les autres : les difficultés de Yanis, de Sandrine
            ou d'Ibrahim sont-elles rares ou fréquentes ? Vont-elles souvent ensemble ? Vers qui oriente-t-on le plus
            souvent les jeunes ? Pour le savoir, vous disposez du **registre des premiers entretiens** de l'accueil de
            jour pendant l'année 2024 : une ligne par demande, **sans aucun nom**. Pour chaque demande, le
            professionnel a noté les problématiques repérées, avec **1** (oui) ou **0** (non), dans six colonnes qui
            commencent par `pb_` : santé, emploi, logement, addictions, droits, budget.

            La cellule ci-dessous rend disponibles deux outils du cours (`charger` et `afficher_fiche`), ouvre le
            registre, le range dans la variable `demandes` et affiche ses cinq premières lignes. Exécutez-la, puis
            la suivante, qui affiche la fiche du jeu de données : lisez la liste des colonnes et les limites.
            """
        ),
        code(
            """
            from course.learner import charger, afficher_fiche

            demandes = charger("demandes_accueil")
            demandes.head()
            """
        ),
        code('afficher_fiche("demandes_accueil")'),
        md(
            """
            ### Question 1 — Quelle part des demandes pour chaque problématique ?

            **L'idée.** Dans une colonne qui ne contient que des 0 et des 1, la **moyenne** est la part des 1. Si
            3 personnes sur 4 ont un 1, la moyenne vaut (1 + 1 + 1 + 0) / 4 = 0,75, soit 75 %. On multiplie donc la
            moyenne par 100 pour l'avoir en pourcentage.

            **Exemple sur une colonne.** `demandes["pb_sante"]` prend la colonne `pb_sante` du tableau (le nom de la
            colonne entre guillemets, entre crochets) ; `.mean()` calcule sa moyenne ; `* 100` la met en pourcentage.
            `round(…, 1)` arrondit l'affichage à un chiffre après la virgule.
            """
        ),
        code(
            """
            part_sante = demandes["pb_sante"].mean() * 100
            round(part_sante, 1)
            """
        ),
        md(
            """
            **Exemple sur plusieurs colonnes.** Avec **deux paires de crochets**, on prend plusieurs colonnes d'un
            coup : `demandes[["pb_sante", "pb_emploi"]]`. La liste des noms de colonnes est entre les crochets
            intérieurs. `.mean()` calcule alors la moyenne de chaque colonne : le résultat est une **série** (une
            colonne de valeurs, avec le nom de chaque problématique en face).
            """
        ),
        code(
            """
            demandes[["pb_sante", "pb_emploi"]].mean() * 100
            """
        ),
        md(
            """
            La cellule suivante range les six noms de colonnes dans une liste appelée `colonnes_pb`, pour ne pas avoir
            à les retaper. Exécutez-la.
            """
        ),
        code(f"colonnes_pb = {COLONNES_PB!r}".replace("'", '"')),
        md(
            """
            **À vous.** Calculez la part (en %) des demandes concernées par **chacune des six problématiques** et
            rangez le résultat dans la variable **`parts_problematiques`**. Une seule ligne suffit : comme dans
            l'exemple, mais avec `demandes[colonnes_pb]` (ici un seul jeu de crochets, car `colonnes_pb` est déjà
            une liste).

            **Comment compléter une cellule de réponse.** Supprimez la ligne `raise NotImplementedError(…)` et
            écrivez votre code à sa place. Puis exécutez la cellule de test qui suit : si rien ne s'affiche, c'est
            réussi ; sinon, lisez le message en français.
            """
        ),
        answer(
            "q1_parts_problematiques",
            "parts_problematiques = demandes[colonnes_pb].mean() * 100",
            before="""
            # Sur le modèle : demandes[["pb_sante", "pb_emploi"]].mean() * 100
            # à gauche du signe = : parts_problematiques ; à droite : la moyenne des colonnes de colonnes_pb, fois 100.
            """,
            after="parts_problematiques.round(1)",
        ),
        tests(
            "q1_parts_problematiques_tests",
            1.5,
            visible=f"""
            {_exists("parts_problematiques")}
            assert isinstance(parts_problematiques, pd.Series), "parts_problematiques doit être une série : utilisez demandes[colonnes_pb].mean() * 100."
            assert len(parts_problematiques) == 6, "Il faut une valeur par problématique, soit 6 valeurs : utilisez bien colonnes_pb."
            assert parts_problematiques.max() > 1, "Les parts doivent être en pourcentage : n'oubliez pas « * 100 »."
            assert parts_problematiques.max() <= 100, "Une part en pourcentage ne peut pas dépasser 100."
            """,
            hidden="\n".join(
                f'assert abs(parts_problematiques["{col}"] - {value}) < {TOLERANCE_PCT}, '
                f'"La part de {col} n\'est pas la bonne."'
                for col, value in e["parts"].items()
            ),
        ),
        md(
            """
            ### Question 2 — Combien de problématiques, en moyenne ?

            La colonne `nb_problematiques` compte, pour chaque demande, le nombre de problématiques repérées (de 0 à 6).

            **Exemple.** `.value_counts()` compte combien de fois chaque valeur apparaît ; `.sort_index()` range le
            résultat dans l'ordre 0, 1, 2… On lit, par exemple, combien de demandes ne présentaient aucune
            problématique, une seule, deux…
            """
        ),
        code('demandes["nb_problematiques"].value_counts().sort_index()'),
        md(
            """
            **À vous.** Calculez le **nombre moyen** de problématiques par demande et rangez-le dans la variable
            **`moyenne_problematiques`**. Comme à la question 1 : la colonne, puis `.mean()` (sans `* 100` cette
            fois : ce n'est pas une part, c'est un nombre moyen).
            """
        ),
        answer(
            "q2_moyenne_problematiques",
            'moyenne_problematiques = demandes["nb_problematiques"].mean()',
            before="""
            # Une ligne : moyenne_problematiques = la colonne "nb_problematiques" de demandes, puis .mean()
            """,
            after="round(moyenne_problematiques, 2)",
        ),
        tests(
            "q2_moyenne_problematiques_tests",
            1,
            visible=f"""
            {_exists("moyenne_problematiques")}
            assert isinstance(moyenne_problematiques, float), "moyenne_problematiques doit être une moyenne (un nombre à virgule) : utilisez .mean() sur la colonne nb_problematiques."
            assert 0 <= moyenne_problematiques <= 6, "Un nombre moyen de problématiques est compris entre 0 et 6 : n'ajoutez pas « * 100 »."
            """,
            hidden=f'assert abs(moyenne_problematiques - {e["moyenne"]}) < 0.01, '
            '"Le nombre moyen de problématiques n\'est pas le bon."',
        ),
        md(
            """
            ### Question 3 — Le logement et les addictions vont-ils ensemble ?

            **L'idée.** Un **tableau croisé** compte les demandes selon deux colonnes à la fois. `pd.crosstab(A, B)`
            met les valeurs de la colonne A en lignes, celles de B en colonnes, et compte les demandes dans chaque
            case. Avec `normalize="index"`, chaque ligne est ramenée à 1 (100 % après `* 100`) : on lit alors des
            pourcentages **par ligne**.

            **Exemple.** Le genre et la problématique logement : le premier tableau donne des effectifs, le second la
            part des femmes et des hommes qui ont (colonne `1`) ou n'ont pas (colonne `0`) une problématique logement.
            """
        ),
        code(
            """
            pd.crosstab(demandes["genre"], demandes["pb_logement"])
            """
        ),
        code(
            """
            pd.crosstab(demandes["genre"], demandes["pb_logement"], normalize="index") * 100
            """
        ),
        md(
            """
            **À vous.** Croisez `pb_logement` (en lignes) et `pb_addictions` (en colonnes) :

            - dans **`croisement`**, les effectifs ;
            - dans **`croisement_pct`**, les pourcentages par ligne (avec `normalize="index"` et `* 100`).

            Puis lisez la ligne `1` de `croisement_pct` : parmi les personnes qui ont une problématique logement,
            quelle part a aussi une problématique addiction ? Et parmi celles qui n'en ont pas (ligne `0`) ? Gardez
            ces chiffres pour l'écrit 2.
            """
        ),
        answer(
            "q3_croisement",
            """
            croisement = pd.crosstab(demandes["pb_logement"], demandes["pb_addictions"])
            croisement_pct = pd.crosstab(demandes["pb_logement"], demandes["pb_addictions"], normalize="index") * 100
            """,
            before="""
            # Deux lignes, sur le modèle des deux exemples au-dessus :
            # croisement = pd.crosstab(…, …)   puis   croisement_pct = pd.crosstab(…, …, normalize="index") * 100
            """,
            after="croisement_pct.round(1)",
        ),
        tests(
            "q3_croisement_tests",
            1,
            visible=f"""
            {_exists("croisement")}
            {_exists("croisement_pct")}
            assert isinstance(croisement, pd.DataFrame), "croisement doit être un tableau : utilisez pd.crosstab(…, …)."
            assert croisement.shape == (2, 2), "Le tableau croisé doit avoir 2 lignes (pb_logement 0 et 1) et 2 colonnes (pb_addictions 0 et 1)."
            assert croisement.values.sum() == len(demandes), "Le total du tableau croisé doit être le nombre de demandes."
            assert abs(croisement_pct.sum(axis=1) - 100).max() < 0.01, "Chaque ligne de croisement_pct doit totaliser 100 : utilisez normalize=\\"index\\" et * 100."
            """,
            hidden="\n".join(
                [
                    f'assert croisement.loc[{i}, {j}] == {value}, "Les effectifs du tableau croisé ne sont pas les bons : '
                    'pb_logement en lignes, pb_addictions en colonnes."'
                    for (i, j), value in e["croisement"].items()
                ]
                + [
                    f'assert abs(croisement_pct.loc[{i}, {j}] - {value}) < {TOLERANCE_PCT}, '
                    '"Les pourcentages par ligne ne sont pas les bons."'
                    for (i, j), value in e["croisement_pct"].items()
                ]
            ),
        ),
        md(
            """
            ### Question 4 — Combien de situations multi-factorielles ?

            On parle de situation **multi-factorielle** quand au moins deux problématiques se cumulent.

            **L'idée.** `demandes["nb_problematiques"] == 0` compare chaque ligne à 0 et donne une colonne de
            `True` (vrai) et `False` (faux). Python compte `True` comme 1 et `False` comme 0 : la moyenne de cette
            colonne est donc la part des demandes sans aucune problématique. Les parenthèses autour de la comparaison
            sont indispensables.

            **Exemple.** La part (en %) des demandes sans aucune problématique repérée :
            """
        ),
        code(
            """
            part_aucune = (demandes["nb_problematiques"] == 0).mean() * 100
            round(part_aucune, 1)
            """
        ),
        md(
            """
            **À vous.** Calculez la part (en %) des demandes qui cumulent **au moins deux** problématiques et rangez-la
            dans **`part_multi`**. « Au moins deux » s'écrit `>= 2` (supérieur ou égal à 2).
            """
        ),
        answer(
            "q4_part_multi",
            'part_multi = (demandes["nb_problematiques"] >= 2).mean() * 100',
            before="""
            # Comme l'exemple, en remplaçant « == 0 » par « >= 2 » et part_aucune par part_multi.
            """,
            after="round(part_multi, 1)",
        ),
        tests(
            "q4_part_multi_tests",
            1,
            visible=f"""
            {_exists("part_multi")}
            assert isinstance(part_multi, float), "part_multi doit être un nombre : (comparaison).mean() * 100."
            assert 1 < part_multi <= 100, "part_multi doit être un pourcentage entre 0 et 100 : n'oubliez pas « * 100 »."
            """,
            hidden=f'assert abs(part_multi - {e["part_multi"]}) < {TOLERANCE_PCT}, '
            '"La part des situations multi-factorielles n\'est pas la bonne : au moins deux, c\'est >= 2."',
        ),
        md(
            """
            ### Question 5 — Vers qui oriente-t-on les 18-24 ans ?

            **L'idée.** Pour ne garder qu'une partie des demandes, on **filtre** le tableau :
            `demandes[demandes["composition_foyer"] == "Famille monoparentale"]` se lit « les lignes de `demandes`
            dont la composition du foyer est égale à Famille monoparentale ». Le texte cherché s'écrit entre guillemets,
            exactement comme dans le tableau (majuscules et accents compris). Ensuite, `.value_counts()` compte les
            orientations de ce sous-groupe, de la plus fréquente à la moins fréquente.

            **Exemple.** Les orientations principales des familles monoparentales :
            """
        ),
        code(
            """
            familles = demandes[demandes["composition_foyer"] == "Famille monoparentale"]
            familles["orientation_principale"].value_counts()
            """
        ),
        md(
            f"""
            **À vous.** Comme Yanis, {e["nb_jeunes"]} personnes du registre avaient entre 18 et 24 ans. En deux lignes :

            1. rangez dans **`jeunes`** les demandes dont la `tranche_age` vaut `"18-24 ans"` ;
            2. rangez dans **`orientations_jeunes`** le comptage de leurs `orientation_principale`.

            Quelle est la première orientation des 18-24 ans ? Pourquoi, d'après vous ?
            """
        ),
        answer(
            "q5_orientations_jeunes",
            """
            jeunes = demandes[demandes["tranche_age"] == "18-24 ans"]
            orientations_jeunes = jeunes["orientation_principale"].value_counts()
            """,
            before="""
            # Ligne 1 : jeunes = demandes[ … la condition sur la colonne "tranche_age" … ]
            # Ligne 2 : orientations_jeunes = la colonne "orientation_principale" de jeunes, puis .value_counts()
            """,
            after="orientations_jeunes",
        ),
        tests(
            "q5_orientations_jeunes_tests",
            1,
            visible=f"""
            {_exists("jeunes")}
            {_exists("orientations_jeunes")}
            assert len(jeunes) == (demandes["tranche_age"] == "18-24 ans").sum(), "jeunes doit contenir toutes les demandes des 18-24 ans, et elles seules : vérifiez le texte \\"18-24 ans\\"."
            assert isinstance(orientations_jeunes, pd.Series), "orientations_jeunes doit être une série : utilisez .value_counts()."
            assert orientations_jeunes.sum() == len(jeunes), "Le comptage doit porter sur les orientations des jeunes seulement."
            """,
            hidden="\n".join(
                [f'assert orientations_jeunes.index[0] == "{e["premiere_orientation_jeunes"]}", '
                 '"La première orientation des 18-24 ans n\'est pas la bonne."']
                + [
                    f'assert orientations_jeunes["{k}"] == {v}, "Le nombre d\'orientations vers {k} n\'est pas le bon."'
                    for k, v in e["orientations_jeunes"].items()
                ]
            ),
        ),
        md(
            """
            ### Question 6 — Un graphique pour l'équipe

            Pour présenter les parts des problématiques en réunion d'équipe, rien ne vaut un diagramme en barres.

            **L'idée, ligne par ligne.**

            1. `fig, ax = plt.subplots()` crée une figure vide (`fig`) et sa zone de dessin (`ax`, pour « axes »).
            2. `série.plot.bar(ax=ax)` dessine une barre par valeur de la série, dans la zone `ax`.
            3. `ax.set_title("…")` écrit le titre ; `ax.set_ylabel("…")` nomme l'axe vertical.
            4. `plt.show()` affiche la figure.

            **Exemple.** Le nombre de demandes selon la situation de logement :
            """
        ),
        code(
            """
            fig_exemple, ax_exemple = plt.subplots()
            demandes["situation_logement"].value_counts().plot.bar(ax=ax_exemple)
            ax_exemple.set_title("Situation de logement des personnes reçues")
            ax_exemple.set_ylabel("Nombre de demandes")
            plt.show()
            """
        ),
        md(
            """
            **À vous.** Dessinez un diagramme en barres de **`parts_problematiques`** (question 1), avec les noms
            **`fig`** et **`ax`**, un titre et un nom d'axe vertical (par exemple « Part des demandes (%) »). Pour
            ranger les barres de la plus haute à la plus basse, vous pouvez écrire
            `parts_problematiques.sort_values(ascending=False).plot.bar(ax=ax)`.
            """
        ),
        answer(
            "q6_graphique",
            """
            fig, ax = plt.subplots()
            parts_problematiques.sort_values(ascending=False).plot.bar(ax=ax)
            ax.set_title("Part des demandes concernées par chaque problématique")
            ax.set_ylabel("Part des demandes (%)")
            """,
            before="""
            # Quatre lignes, sur le modèle de l'exemple : plt.subplots(), .plot.bar(ax=ax), ax.set_title, ax.set_ylabel
            """,
            after="plt.show()",
        ),
        tests(
            "q6_graphique_tests",
            1.5,
            visible=f"""
            {_exists("ax")}
            assert len(ax.patches) == 6, "Le graphique doit avoir 6 barres, une par problématique : dessinez parts_problematiques avec .plot.bar(ax=ax)."
            assert ax.get_title().strip() != "", "Donnez un titre au graphique avec ax.set_title(\\"…\\")."
            assert ax.get_ylabel().strip() != "", "Nommez l'axe vertical avec ax.set_ylabel(\\"…\\")."
            """,
            hidden=f"""
            _attendu = {sorted(e["parts"].values())!r}
            _hauteurs = sorted(barre.get_height() for barre in ax.patches)
            assert all(abs(h - a) < {TOLERANCE_PCT} for h, a in zip(_hauteurs, _attendu)), "La hauteur des barres doit être la part (en %) de chaque problématique."
            """,
        ),
        md(
            """
            **Pour aller plus loin (non noté).** Regardez, dans le registre, ce que demandent en arrivant les
            personnes chez qui une problématique addiction a été repérée. La cellule ci-dessous filtre ces demandes et
            compte leurs demandes exprimées : l'addiction figure-t-elle parmi les demandes de départ ? Qu'en
            concluez-vous pour l'écart entre demande exprimée et besoins repérés ?
            """
        ),
        code(
            """
            demandes[demandes["pb_addictions"] == 1]["demande_exprimee"].value_counts()
            """
        ),
    ]


def _grille() -> list:
    return [
        md(
            """
            ## Partie 2 — La grille de diagnostic multi-factoriel (non notée)

            Un diagnostic multi-factoriel ne se contente pas d'additionner des difficultés : il cherche comment elles
            **s'entretiennent** les unes les autres (par exemple : sans ressources, pas d'accès au logement ; sans
            logement, difficile de tenir un emploi) et quelle orientation répond à quel besoin.

            Exécutez la cellule ci-dessous. Dans la grille qui s'affiche :

            1. choisissez un cas dans la liste du haut (commencez par le cas A) ;
            2. **cochez** les problématiques que vous repérez ;
            3. **reliez** les problématiques qui s'entretiennent : choisissez-en deux, puis cliquez sur « Ajouter ce
               lien » (recommencez pour chaque lien) ;
            4. **cochez** les orientations que vous proposeriez ;
            5. cliquez sur **« Comparer avec la lecture attendue »** et lisez le retour : ce que vous avez repéré, ce
               qui manque, quelle orientation répond à quel besoin.

            Faites l'exercice pour les trois cas, **avant** de lire le retour si possible : c'est votre lecture qui
            compte. Notez ce qui vous a surpris : cela nourrira vos écrits. Cette grille n'est pas notée et ne garde
            rien quand vous fermez le notebook.
            """
        ),
        code(
            """
            from course.learner.widgets.diagnostic import grille_diagnostic

            grille_diagnostic("yanis")
            """
        ),
    ]


def _ecrits(e: dict) -> list:
    multi = _fr(e["part_multi"])
    pct_log_add = _fr(e["croisement_pct"][(1, 1)])
    pct_sans_log_add = _fr(e["croisement_pct"][(0, 1)])
    premiere = e["premiere_orientation_jeunes"]
    seconde = e["seconde_orientation_jeunes"]
    n_premiere = e["orientations_jeunes"][premiere]
    n_seconde = e["orientations_jeunes"][seconde]
    return [
        md(
            """
            ## Partie 3 — Les écrits

            Choisissez **un seul cas** (A, B ou C) : vos trois écrits portent sur ce même cas. Écrivez dans les
            cellules de réponse, sous les titres déjà en place (double-cliquez sur la cellule pour écrire, puis
            **Maj + Entrée** pour l'afficher). Vous pouvez reprendre les chiffres de la partie 1 et ce que la grille de
            la partie 2 vous a appris, mais rédigez avec vos propres mots, en phrases complètes.
            """
        ),
        written(
            "M1.3-B",
            {
                "Présentation de la situation": """
                    Cas choisi : cas A. Yanis a 24 ans ; il vit seul, sans enfant. Depuis quatre mois, il n'a plus de
                    logement à lui et dort successivement chez plusieurs amis ; la semaine dernière, il a passé deux
                    nuits dans une gare après avoir dû quitter l'un d'eux. Il a quitté le domicile de sa mère après des
                    conflits répétés avec elle et son beau-père. Il a travaillé en intérim comme préparateur de
                    commandes jusqu'à l'été ; depuis, il n'a plus de mission, n'est pas inscrit comme demandeur
                    d'emploi et n'a aucune ressource. Il a sa carte Vitale mais pas de complémentaire santé. Il tousse
                    depuis plusieurs semaines et dit mal dormir. Il évoque de lui-même une consommation d'alcool le
                    soir, « pour dormir ». Il arrive fatigué, parle vite, avec des phrases courtes et un vocabulaire
                    familier ; il parle facilement de l'hébergement mais change de sujet quand on évoque sa famille.
                    """,
                "Demande exprimée": """
                    « Je veux juste un endroit où dormir, mais pas le foyer avec les alcoolos. » Yanis demande une
                    solution d'hébergement rapide, et il pose une condition : pas d'hébergement collectif, qu'il
                    associe à des personnes qui boivent. Il n'attend rien d'autre de l'accueil pour l'instant ; pour
                    l'emploi, il pense ne pas avoir de droits.
                    """,
                "Demande reformulée": """
                    Derrière la demande d'hébergement, je comprends un besoin de sécurité et de stabilité : un lieu où
                    dormir sans dépendre de la bonne volonté de ses amis. D'autres besoins apparaissent sans être
                    demandés : des ressources, une reprise d'activité, des soins, une vérification de ses droits. Ses
                    attentes sont claires : un hébergement qui ne ressemble pas au « foyer » qu'il redoute, où il
                    ne serait pas renvoyé à l'image de l'alcool. Je lui proposerais cette reformulation : « Si je vous
                    comprends bien, vous cherchez d'abord un endroit où dormir au calme, où vous vous sentez en
                    sécurité, et vous ne voulez plus dépendre des copains. C'est bien ça ? » Je vérifierais ensuite
                    avec lui s'il accepte que l'on parle aussi du travail et de la santé, sans l'imposer, en notant ce
                    qu'il retient lui-même comme prioritaire.
                    """,
            },
        ),
        written(
            "M1.3-C",
            {
                "Problématiques repérées": """
                    Avérées : le logement (hébergement chez des tiers, déjà rompu une fois), le budget (aucune
                    ressource), l'emploi (fin de l'intérim, pas d'inscription), les droits (pas de complémentaire
                    santé, allocation chômage peut-être jamais demandée) et les addictions (alcool chaque soir « pour
                    dormir », qui lui a déjà coûté un hébergement). À explorer : la santé (toux, sommeil) et la
                    famille (la rupture est-elle définitive ? sa mère peut-elle redevenir un appui ?). Ressources de
                    Yanis : une expérience de travail en entrepôt, un réseau d'amis qui l'a hébergé, une parole
                    franche sur sa consommation et une démarche volontaire, puisqu'il est venu de lui-même. Priorité :
                    la mise à l'abri, condition pour avancer sur le reste.
                    """,
                "Hypothèses reliant les problématiques": """
                    Première hypothèse : le logement et l'alcool s'entretiennent. Parce qu'il dort mal et se sent en
                    insécurité, il boit pour dormir ; parce qu'il boit, ses hébergeurs se lassent et il perd son toit.
                    Je la vérifierais en lui demandant si sa consommation a changé depuis son départ de chez sa mère.
                    Deuxième hypothèse : l'absence de ressources vient de la fin de l'intérim et d'un non-recours. S'il
                    a travaillé assez longtemps, il a peut-être des droits à l'allocation chômage ; ses contrats et
                    France Travail permettront de le vérifier. Troisième hypothèse : la toux et la fatigue sont liées à
                    ses conditions de vie et à l'alcool ; si un médecin le reçoit, ce sera aussi une porte d'entrée
                    pour parler de sa consommation sans la mettre en avant. Enfin, la rupture familiale est au départ
                    du parcours ; j'en parlerai seulement s'il le souhaite. Ces hypothèses restent à partager avec lui.
                    """,
                "Éclairage par les données": f"""
                    Dans le registre de l'accueil de jour, {multi} % des demandes cumulent au moins deux
                    problématiques : avec cinq problématiques avérées, la situation de Yanis est lourde, mais pas
                    exceptionnelle. Le tableau croisé montre que {pct_log_add} % des personnes ayant une problématique
                    logement ont aussi une problématique addiction, contre {pct_sans_log_add} % des autres : le lien
                    entre perte du logement et consommation est fréquent. Chez les 18-24 ans, la première orientation
                    est « {premiere} » ({n_premiere} demandes), devant « {seconde} » ({n_seconde}). Ces chiffres aident
                    à situer sa demande ; ils ne disent rien de son histoire ni de ce qu'il souhaite.
                    """,
            },
        ),
        written(
            "M1.3-D",
            {
                "Partenaires et dispositifs proposés": """
                    En priorité, le SIAO/115 pour la mise à l'abri : je fais la demande d'hébergement avec lui, en
                    précisant son âge et ses réticences envers un grand collectif, pour que des places pour jeunes
                    soient aussi étudiées. Dans la semaine, la Mission locale pour l'emploi et les ressources :
                    accompagnement vers l'emploi ou la formation et contrat d'engagement jeune (CEJ), qui peut ouvrir
                    une allocation ; la conseillère vérifiera aussi ses droits à l'allocation chômage avec France
                    Travail. Proposé sans être imposé, le CSAPA pour la consommation d'alcool et le sommeil, avec sa
                    consultation jeunes consommateurs. En parallèle, la demande de Complémentaire santé solidaire
                    auprès de la CPAM et une consultation médicale pour la toux.
                    """,
                "Information donnée à la personne": """
                    « Le 115 et le SIAO gèrent les places d'hébergement du département. Il n'y a pas que des grands
                    foyers : on peut demander une place pour les jeunes, mais je ne peux pas vous promettre de délai.
                    La Mission locale accompagne les jeunes jusqu'à 25 ans : avec le contrat d'engagement jeune, vous
                    avez un conseiller, un programme chaque semaine, et une allocation selon vos ressources. Apportez
                    votre pièce d'identité, votre carte Vitale et vos derniers contrats d'intérim. Pour l'alcool, il
                    existe un lieu où l'on peut en parler sans jugement et sans obligation d'arrêter : c'est vous qui
                    décidez d'y aller. » Je lui propose de revenir dans une semaine pour faire le point ensemble.
                    """,
                "Contenu de la fiche de liaison": """
                    Fiche destinée à la Mission locale, remplie avec Yanis et transmise avec son accord : objet de
                    l'orientation (accompagnement vers l'emploi, entrée en contrat d'engagement jeune) ; situation
                    utile (24 ans, sans logement personnel, demande d'hébergement en cours, sans ressources depuis la
                    fin de missions d'intérim) ; démarches déjà engagées ; point à vérifier (droits éventuels à
                    l'allocation chômage) ; prénom de la personne et professionnel référent de l'accueil de jour ;
                    date et accord de la personne. Rien sur l'alcool ni sur sa famille : ces informations restent
                    entre Yanis et les professionnels qu'il choisit d'en informer.
                    """,
            },
        ),
    ]


def notebooks():
    e = _expected()
    return {"cas_accueil_orientation.ipynb": [*_cas(), *_donnees(e), *_grille(), *_ecrits(e)]}
