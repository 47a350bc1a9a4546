"""M1.4 — note d'observation of the waiting room of a France Services – CCAS reception (fictional).

The learner reads field notes describing the space, analyses a week of 15-minute observation
slots (autograded), fills in an observation checklist of the space (widget), then writes the
note d'observation, an analysis of confidentiality and accessibility, and a reflexive part.
Hidden tests compare with values computed here, at build time, from the committed CSV.
"""
from __future__ import annotations

from ... import data
from ..cells import answer, code, md, tests, written

DATASET = "observation_salle_attente"


def _expected() -> dict:
    obs = data.load(DATASET)
    par_jour = obs.groupby("jour", sort=False)["nb_personnes_attente"].mean()
    pic = obs.loc[obs["nb_personnes_attente"].idxmax()]
    longue = obs[obs["attente_moy_min"] > 30]
    courte = obs[obs["attente_moy_min"] <= 30]
    nb_incidents = int((obs["conversations_entendues"] > 0).sum())
    return {
        "nb_lignes": len(obs),
        "nb_arrivees": int(obs["nb_arrivees"].sum()),
        "nb_departs": int(obs["nb_departs_sans_etre_recu"].sum()),
        "jour_plus_charge": par_jour.idxmax(),
        "personnes_par_jour": par_jour.round(2).to_dict(),
        "jour_pic": pic["jour"],
        "creneau_pic": pic["creneau"],
        "max_attente": int(pic["nb_personnes_attente"]),
        "attente_par_jour": obs.groupby("jour", sort=False)["attente_moy_min"].mean().round(1).to_dict(),
        "personnes_par_heure": obs.groupby("heure")["nb_personnes_attente"].mean().round(2).to_dict(),
        "nb_creneaux_incidents": nb_incidents,
        "part_creneaux_incidents": round(100 * nb_incidents / len(obs), 1),
        "correlation": round(obs["nb_personnes_attente"].corr(obs["attente_moy_min"]), 2),
        "taux_tension_longue": round(100 * longue["tension_observee"].mean(), 1),
        "taux_tension_courte": round(100 * courte["tension_observee"].mean(), 1),
        "part_aide_borne": round(100 * obs["nb_aides_borne"].sum() / obs["nb_utilisations_borne"].sum(), 1),
    }


def _exists(name: str) -> str:
    return (
        f'assert "{name}" in globals(), '
        f'"La variable {name} n\'existe pas encore : complétez la cellule de réponse au-dessus, puis exécutez-la."'
    )


def _fr(value: float) -> str:
    """A number written the French way (decimal comma)."""
    return f"{value:g}".replace(".", ",")


def _heure(creneau: str) -> str:
    """« 09:45 » → « 9 h 45 », « 10:00 » → « 10 h »."""
    heures, minutes = creneau.split(":")
    return f"{int(heures)} h" + ("" if minutes == "00" else f" {minutes}")


def notebooks():
    e = _expected()
    cells = [
        # ------------------------------------------------------------------ partie 1 : la situation
        md(
            """
            ## Partie 1 — La situation et vos notes de terrain

            Vous êtes en stage dans une ville moyenne imaginaire, à l'**espace France Services** installé dans les
            locaux du **CCAS** (centre communal d'action sociale). Les deux services partagent la même entrée, la même
            borne de tickets et la même salle d'attente. On y vient sans rendez-vous pour une démarche CAF (RSA,
            prime d'activité, aides au logement), Assurance maladie (Complémentaire santé solidaire, carte Vitale),
            France Travail, impôts, titres d'identité, ou pour une aide du CCAS.

            **Mme B.**, la responsable, prépare un réaménagement de l'accueil. Elle vous a demandé, avec **Inès**,
            une autre stagiaire, d'**observer la salle d'attente** pendant une semaine, du **lundi 2 au samedi
            7 novembre 2026**, et de lui remettre une **note d'observation**. Vous vous êtes relayés à 13 h, et
            vous avez rempli une **grille d'observation toutes les 15 minutes** (vous êtes l'observateur « A »,
            Inès l'observatrice « B »). L'accueil est ouvert du lundi au vendredi de 8 h 30 à 18 h sans
            interruption, et le samedi de 9 h à 12 h. Deux conseillers France Services, **Karim** et **Léa**, sont
            aux guichets ; un seul agent de 12 h à 13 h 30, et le mercredi après-midi (Léa est à temps partiel).
            Mme B. vient en renfort à un guichet quand la salle se remplit.

            Le **jeudi 5 novembre** est le jour où la CAF verse les prestations du mois.

            Avant de commencer, Mme B. a présenté votre démarche à l'équipe, et une affiche à l'entrée disait :
            « Cette semaine, deux stagiaires observent l'organisation de la salle d'attente pour l'améliorer. Aucun
            nom n'est relevé. Vous pouvez leur poser vos questions. » Vous étiez assis(e) sur l'une des chaises,
            près de l'entrée.

            *La ville, la structure, les personnes et les données sont fictives.*
            """
        ),
        md(
            """
            ### Vos notes de terrain : l'espace

            Ce que la grille ne mesure pas, vous l'avez décrit le premier jour :

            - **Entrée** : porte vitrée lourde, sans ouverture automatique, précédée d'une rampe. Les horaires sont
              affichés sur la porte, en petits caractères, en français seulement.
            - **Borne de tickets**, juste après la porte : écran tactile avec six motifs écrits (CAF, Assurance
              maladie, Impôts, Titres d'identité, France Travail, CCAS), sans pictogramme ni annonce sonore. Un écran
              au mur affiche le numéro appelé, le guichet et un **temps d'attente estimé** ; il n'y a pas d'annonce à
              voix haute.
            - **Salle d'attente** d'environ 35 m² : **8 chaises** alignées face aux guichets, à trois mètres environ ;
              un coin enfants (un tapis et quelques livres) ; pas de point d'eau ; des toilettes accessibles en
              fauteuil, mais dont il faut demander la clé au guichet.
            - **Deux guichets** côte à côte, séparés par une cloison basse en plexiglas ; comptoir haut, sans partie
              abaissée pour une personne en fauteuil. Un **bureau fermé** au fond sert aux rendez-vous du CCAS et
              « sur demande » : l'affichette qui le signale est collée derrière les guichets, peu visible depuis les
              chaises.
            - **Borne numérique** en libre-service (ordinateur, imprimante, scanner) dans l'angle de la salle :
              l'écran est tourné vers les chaises, sans filtre de confidentialité.
            - **Présentoir de documents** : plaquettes CAF (prime d'activité, aides au logement), Assurance maladie
              (Complémentaire santé solidaire), France Travail, chèque énergie, permanences du CIDFF et du
              conciliateur de justice. Tout est en français ; deux plaquettes datent de 2023. Le tableau d'affichage
              porte une trentaine d'affiches, dont plusieurs se recouvrent.

            ### Vos notes de terrain : les publics et les interactions

            Vous n'avez noté **aucun nom** ni le contenu des conversations, seulement des situations :

            - *Lundi, 8 h 30.* Une file attend devant la porte à l'ouverture. Mme B. ouvre un troisième guichet.
            - *Lundi, milieu de matinée.* Toutes les chaises sont prises. Une dame âgée avec une canne reste debout
              près de la porte ; vous lui cédez votre chaise.
            - *Lundi, fin de matinée.* Depuis votre chaise, vous entendez un échange au guichet 2 sur des ressources
              et un loyer. Vous ne notez que « conversation entendue ».
            - *Mardi après-midi.* Affichette manuscrite « En panne » sur la borne numérique. Deux personnes repartent
              sans avoir pu imprimer une attestation ; Karim leur propose de revenir le lendemain.
            - *Mercredi après-midi.* Un seul agent. Beaucoup d'enfants (pas d'école) : le coin enfants est vite
              plein, deux enfants jouent devant les guichets.
            - *Jeudi matin.* Plusieurs personnes demandent pourquoi leur paiement CAF n'est pas arrivé ou a baissé.
              Un homme hausse le ton au guichet ; Léa lui propose de poursuivre dans le bureau fermé, et l'échange
              s'apaise.
            - *Jeudi.* Un père et son fils d'une douzaine d'années : l'enfant traduit les questions de l'agente sur
              la situation de la famille.
            - *Vendredi.* Un jeune homme met à jour son dossier France Travail à la borne : son nom et son
              identifiant s'affichent, visibles depuis les chaises voisines.
            - *Samedi matin.* Plus de familles et de personnes qui travaillent en semaine.
            - *Mercredi soir.* En comparant vos grilles, Inès et vous constatez que vous ne notez pas le bruit de la
              même façon : ce qu'elle note « bruyant », vous l'auriez souvent noté « modéré ».
            """
        ),
        # ------------------------------------------------------------------ partie 2 : la fréquentation
        md(
            """
            ## Partie 2 — La grille d'observation : décrire la fréquentation

            La grille remplie toutes les 15 minutes est un **tableau** : une ligne par relevé, une colonne par
            élément observé. Exécutez les deux cellules suivantes : la première charge le tableau dans la variable
            `obs` et affiche ses 5 premières lignes (`obs.head()`) ; la seconde affiche sa **fiche** : prenez
            cinq minutes pour lire ce que veut dire chaque colonne, et ses limites.
            """
        ),
        code(
            f"""
            from course.learner import charger, afficher_fiche

            obs = charger("{DATASET}")
            obs.head()
            """
        ),
        code(f'afficher_fiche("{DATASET}")'),
        md(
            """
            `obs.shape` donne la taille du tableau : (nombre de lignes, nombre de colonnes). Ici, 202 relevés :
            38 par jour du lundi au vendredi (de 8 h 30 à 17 h 45) et 12 le samedi matin.
            """
        ),
        code("obs.shape"),
        md(
            """
            ### Question 1 — Le jour le plus chargé

            Le samedi ne compte que 12 relevés, contre 38 les autres jours : additionner les personnes relevées
            avantagerait les jours longs. Pour comparer les jours, on calcule donc une **moyenne par jour** : en
            moyenne, combien de personnes attendaient au moment d'un relevé ?

            Trois outils de pandas suffisent :

            - `obs.groupby("jour", sort=False)` range les lignes en paquets, un par jour (`sort=False` garde l'ordre
              du tableau, du lundi au samedi, au lieu de l'ordre alphabétique) ;
            - `["nb_enfants"]` choisit la colonne à résumer, et `.mean()` calcule sa moyenne dans chaque paquet. Le
              résultat est une **série** : une valeur par jour, avec le nom du jour comme étiquette ;
            - `.idxmax()` donne l'**étiquette** de la plus grande valeur d'une série, ici le nom du jour.

            Exemple sur les enfants : quel jour en compte le plus, en moyenne, dans la salle ?
            """
        ),
        code(
            """
            enfants_par_jour = obs.groupby("jour", sort=False)["nb_enfants"].mean()
            print(enfants_par_jour.round(2))
            print("Jour où l'on voit le plus d'enfants :", enfants_par_jour.idxmax())
            """
        ),
        md(
            """
            **À vous.** Faites la même chose avec la colonne `nb_personnes_attente` :

            1. rangez dans **`personnes_par_jour`** le nombre moyen de personnes qui attendent, par jour ;
            2. rangez dans **`jour_plus_charge`** le jour où cette moyenne est la plus haute.
            """
        ),
        answer(
            "q1_jour_charge",
            """
            personnes_par_jour = obs.groupby("jour", sort=False)["nb_personnes_attente"].mean()
            jour_plus_charge = personnes_par_jour.idxmax()
            """,
            before="""
            # Ligne 1 : comme enfants_par_jour, mais avec la colonne "nb_personnes_attente".
            # Ligne 2 : jour_plus_charge = ... .idxmax()
            """,
            after="""
            print(personnes_par_jour.round(2))
            print("Jour le plus chargé :", jour_plus_charge)
            """,
        ),
        tests(
            "q1_jour_charge_tests",
            1,
            visible=f"""
            {_exists("personnes_par_jour")}
            {_exists("jour_plus_charge")}
            assert len(personnes_par_jour) == 6, "personnes_par_jour doit avoir une valeur par jour (6 jours) : regroupez par \\"jour\\"."
            assert isinstance(jour_plus_charge, str), "jour_plus_charge doit être un nom de jour (du texte), obtenu avec .idxmax()."
            """,
            hidden=f"""
            assert abs(float(personnes_par_jour["lundi"]) - {e["personnes_par_jour"]["lundi"]}) < 0.051, "personnes_par_jour doit être la moyenne de nb_personnes_attente par jour."
            assert jour_plus_charge == {e["jour_plus_charge"]!r}, "Ce n'est pas le jour où la moyenne est la plus haute."
            """,
        ),
        md(
            """
            ### Question 2 — Le créneau de pointe

            Une moyenne lisse les pics. Cherchons maintenant **le relevé** où la salle était la plus pleine.

            - `obs["nb_enfants"].idxmax()` donne le **numéro de la ligne** où la colonne `nb_enfants` est la plus
              grande ;
            - `obs.loc[numero]` renvoie **cette ligne entière** ;
            - dans une ligne, `ligne["jour"]` ou `ligne["creneau"]` lit une case.

            Exemple : le relevé où il y avait le plus d'enfants.
            """
        ),
        code(
            """
            ligne_enfants = obs.loc[obs["nb_enfants"].idxmax()]
            print(ligne_enfants["jour"], ligne_enfants["creneau"], ":", ligne_enfants["nb_enfants"], "enfants")
            """
        ),
        md(
            """
            **À vous.** Avec la colonne `nb_personnes_attente` :

            1. rangez dans **`ligne_pic`** la ligne où le plus de personnes attendaient ;
            2. rangez dans **`jour_pic`** le jour de cette ligne, et dans **`creneau_pic`** son créneau.
            """
        ),
        answer(
            "q2_creneau_pic",
            """
            ligne_pic = obs.loc[obs["nb_personnes_attente"].idxmax()]
            jour_pic = ligne_pic["jour"]
            creneau_pic = ligne_pic["creneau"]
            """,
            before="""
            # Ligne 1 : comme ligne_enfants, avec la colonne "nb_personnes_attente".
            # Lignes 2 et 3 : lisez les cases "jour" et "creneau" de ligne_pic.
            """,
            after="""
            print("Pic :", jour_pic, creneau_pic, "-", ligne_pic["nb_personnes_attente"], "personnes qui attendent")
            """,
        ),
        tests(
            "q2_creneau_pic_tests",
            1,
            visible=f"""
            {_exists("jour_pic")}
            {_exists("creneau_pic")}
            assert isinstance(creneau_pic, str) and ":" in creneau_pic, "creneau_pic doit être un créneau écrit comme \\"09:15\\" : lisez ligne_pic[\\"creneau\\"]."
            """,
            hidden=f"""
            assert jour_pic == {e["jour_pic"]!r}, "Ce n'est pas le jour du relevé où le plus de personnes attendaient."
            assert creneau_pic == {e["creneau_pic"]!r}, "Ce n'est pas le créneau où le plus de personnes attendaient."
            """,
        ),
        md(
            """
            ### Question 3 — L'attente moyenne par jour

            La colonne `attente_moy_min` donne le **temps d'attente estimé** affiché sur l'écran d'appel au moment
            du relevé (en minutes). Calculez-le **en moyenne pour chaque jour**, comme à la question 1, et arrondissez
            à une décimale en ajoutant `.round(1)` à la fin de la ligne.

            Rangez le résultat dans **`attente_par_jour`**.
            """
        ),
        answer(
            "q3_attente_jour",
            """
            attente_par_jour = obs.groupby("jour", sort=False)["attente_moy_min"].mean().round(1)
            """,
            before="""
            # Une ligne : attente_par_jour = obs.groupby(...)[...].mean().round(1)
            """,
            after="attente_par_jour",
        ),
        tests(
            "q3_attente_jour_tests",
            1,
            visible=f"""
            {_exists("attente_par_jour")}
            assert len(attente_par_jour) == 6, "attente_par_jour doit avoir une valeur par jour (6 jours)."
            assert "samedi" in attente_par_jour.index, "Les étiquettes de attente_par_jour doivent être les jours : regroupez par \\"jour\\"."
            """,
            hidden=f"""
            attendu = {e["attente_par_jour"]!r}
            for jour, valeur in attendu.items():
                assert abs(float(attente_par_jour[jour]) - valeur) < 0.06, f"L'attente moyenne du {{jour}} n'est pas la bonne."
            """,
        ),
        md(
            """
            ### Question 4 — Un graphique pour la note : l'affluence heure par heure

            Un graphique montre d'un coup d'œil les heures de pointe et le creux de midi. Pour en construire un :

            1. on calcule la série à dessiner ;
            2. `fig, ax = plt.subplots()` crée une figure (`fig`) et, dedans, une zone de dessin (`ax`) ;
            3. `serie.plot.bar(ax=ax)` dessine une barre par étiquette de la série, dans `ax` ;
            4. `ax.set_title("…")`, `ax.set_xlabel("…")` et `ax.set_ylabel("…")` écrivent le titre et les noms des
               axes : sans eux, un graphique ne se lit pas ;
            5. `plt.show()` affiche le graphique terminé.

            Exemple : le nombre total d'arrivées par jour (ici, une **somme** avec `.sum()`).
            """
        ),
        code(
            """
            arrivees_par_jour = obs.groupby("jour", sort=False)["nb_arrivees"].sum()
            fig, ax = plt.subplots()
            arrivees_par_jour.plot.bar(ax=ax)
            ax.set_title("Arrivées dans la salle d'attente, par jour")
            ax.set_xlabel("Jour")
            ax.set_ylabel("Nombre de personnes arrivées")
            plt.show()
            """
        ),
        md(
            """
            **À vous.** La colonne `heure` donne l'heure de chaque relevé (« 10:45 » → 10).

            1. Rangez dans **`personnes_par_heure`** le nombre moyen de personnes qui attendent, **par heure**
               (regroupez par `"heure"` ; ici, pas besoin de `sort=False` : les heures se rangent bien dans l'ordre).
            2. Dessinez-la en barres dans une zone **`ax`**, avec un titre, un nom pour l'axe horizontal et un nom
               pour l'axe vertical.
            """
        ),
        answer(
            "q4_graphique_heure",
            """
            personnes_par_heure = obs.groupby("heure")["nb_personnes_attente"].mean()
            fig, ax = plt.subplots()
            personnes_par_heure.plot.bar(ax=ax)
            ax.set_title("Nombre moyen de personnes qui attendent, selon l'heure")
            ax.set_xlabel("Heure du relevé")
            ax.set_ylabel("Personnes qui attendent (moyenne)")
            """,
            before="""
            # Ligne 1 : personnes_par_heure = obs.groupby("heure")[...].mean()
            # Puis les lignes du graphique, sur le modèle de l'exemple (plt.show() est déjà écrit en dessous).
            """,
            after="plt.show()",
        ),
        tests(
            "q4_graphique_heure_tests",
            1,
            visible=f"""
            {_exists("personnes_par_heure")}
            {_exists("ax")}
            assert len(ax.patches) == 10, f"Le graphique a {{len(ax.patches)}} barres au lieu de 10 (une par heure, de 8 h à 17 h) : dessinez personnes_par_heure dans ax."
            assert ax.get_title().strip() != "", "Le graphique n'a pas de titre : ajoutez ax.set_title(\\"...\\")."
            assert ax.get_ylabel().strip() != "", "L'axe vertical n'a pas de nom : ajoutez ax.set_ylabel(\\"...\\")."
            """,
            hidden=f"""
            attendu = {e["personnes_par_heure"]!r}
            for heure, valeur in attendu.items():
                assert abs(float(personnes_par_heure[heure]) - valeur) < 0.051, f"La moyenne de {{heure}} h n'est pas la bonne."
            hauteurs = sorted(round(max(barre.get_height(), barre.get_width()), 2) for barre in ax.patches)
            assert all(abs(h - v) < 0.051 for h, v in zip(hauteurs, sorted(attendu.values()))), "La hauteur des barres doit être le nombre moyen de personnes qui attendent à chaque heure."
            """,
        ),
        md(
            """
            **Lire ce que vous venez de calculer.** Regardez vos résultats et votre graphique avant de passer à la
            suite, et notez pour votre note : quelles heures concentrent l'attente ? Que se passe-t-il entre 12 h et
            13 h 30, quand un seul agent est au guichet ? Le jour où la salle est la plus pleine est-il aussi celui
            où il arrive le plus de monde (voir le graphique d'exemple) ? Une salle pleine dépend autant des
            arrivées que du nombre d'agents et de la file déjà présente à l'ouverture.
            """
        ),
        # ------------------------------------------------------------------ partie 3 : relier
        md(
            """
            ## Partie 3 — Confidentialité, tensions et besoins des publics

            ### Question 5 — Combien de créneaux avec des conversations entendues ?

            La colonne `conversations_entendues` compte, pour chaque créneau, les échanges aux guichets dont des
            informations personnelles étaient audibles depuis les chaises. Pour la confidentialité, une question
            simple : **sur combien de créneaux** cela s'est-il produit au moins une fois ?

            - `obs["nb_personnes_debout"] > 0` compare chaque ligne à 0 : le résultat est une colonne de `True`
              (vrai) et `False` (faux) ;
            - `.sum()` additionne cette colonne : chaque `True` compte pour 1, donc on obtient le **nombre de lignes**
              où la condition est vraie ;
            - `len(obs)` est le nombre total de lignes ; `round(x, 1)` arrondit `x` à une décimale.

            Exemple : sur combien de créneaux au moins une personne attendait-elle debout, faute de chaise ?
            """
        ),
        code(
            """
            nb_creneaux_debout = (obs["nb_personnes_debout"] > 0).sum()
            part_creneaux_debout = round(100 * nb_creneaux_debout / len(obs), 1)
            print(nb_creneaux_debout, "créneaux avec des personnes debout, soit", part_creneaux_debout, "% des relevés")
            """
        ),
        md(
            """
            **À vous.** Avec la colonne `conversations_entendues`, calculez :

            1. **`nb_creneaux_incidents`** : le nombre de créneaux où au moins une conversation a été entendue ;
            2. **`part_creneaux_incidents`** : ce que cela représente en pourcentage des relevés, arrondi à une
               décimale.
            """
        ),
        answer(
            "q5_confidentialite",
            """
            nb_creneaux_incidents = (obs["conversations_entendues"] > 0).sum()
            part_creneaux_incidents = round(100 * nb_creneaux_incidents / len(obs), 1)
            """,
            before="""
            # Deux lignes, sur le modèle de l'exemple des personnes debout.
            """,
            after="""
            print(nb_creneaux_incidents, "créneaux avec des conversations entendues, soit", part_creneaux_incidents, "% des relevés")
            """,
        ),
        tests(
            "q5_confidentialite_tests",
            1,
            visible=f"""
            {_exists("nb_creneaux_incidents")}
            {_exists("part_creneaux_incidents")}
            assert 0 <= nb_creneaux_incidents <= len(obs), "nb_creneaux_incidents doit être un nombre de créneaux, entre 0 et le nombre de relevés."
            assert 0 <= part_creneaux_incidents <= 100, "part_creneaux_incidents doit être un pourcentage, entre 0 et 100."
            """,
            hidden=f"""
            assert int(nb_creneaux_incidents) == {e["nb_creneaux_incidents"]}, "Ce n'est pas le bon nombre de créneaux : comptez les lignes où conversations_entendues est supérieur à 0."
            assert abs(float(part_creneaux_incidents) - {e["part_creneaux_incidents"]}) < 0.06, "Le pourcentage n'est pas le bon : 100 * nombre de créneaux / nombre de relevés."
            """,
        ),
        md(
            """
            ### Question 6 — Plus de monde, plus d'attente ? La corrélation

            Le **coefficient de corrélation** mesure si deux colonnes varient ensemble. Il est compris entre −1 et 1 :

            - proche de **1** : quand l'une augmente, l'autre augmente aussi, presque toujours ;
            - proche de **0** : pas de lien régulier ;
            - proche de **−1** : quand l'une augmente, l'autre diminue.

            On l'obtient avec `colonne1.corr(colonne2)`. Attention : une corrélation montre que deux choses vont
            ensemble, **pas** que l'une cause l'autre.

            Exemple : le nombre de personnes qui attendent va-t-il avec le nombre de conversations entendues ?
            """
        ),
        code(
            """
            lien_affluence_conversations = round(obs["nb_personnes_attente"].corr(obs["conversations_entendues"]), 2)
            lien_affluence_conversations
            """
        ),
        md(
            """
            **À vous.** Rangez dans **`correlation`** le coefficient de corrélation entre le nombre de personnes qui
            attendent (`nb_personnes_attente`) et le temps d'attente affiché (`attente_moy_min`), arrondi à deux
            décimales.
            """
        ),
        answer(
            "q6_correlation",
            """
            correlation = round(obs["nb_personnes_attente"].corr(obs["attente_moy_min"]), 2)
            """,
            before="""
            # Une ligne, sur le modèle de l'exemple.
            """,
            after="correlation",
        ),
        tests(
            "q6_correlation_tests",
            1,
            visible=f"""
            {_exists("correlation")}
            assert -1 <= correlation <= 1, "Un coefficient de corrélation est toujours compris entre -1 et 1."
            """,
            hidden=f"""
            assert abs(float(correlation) - {e["correlation"]}) < 0.011, "Ce n'est pas la corrélation entre nb_personnes_attente et attente_moy_min."
            """,
        ),
        md(
            """
            ### Question 7 — Les tensions et l'attente

            La colonne `tension_observee` vaut 1 si une tension a été observée pendant le créneau, sinon 0. La
            **moyenne** d'une colonne de 0 et de 1 est donc la **part** des créneaux avec une tension ; multipliée
            par 100, c'est un pourcentage.

            Pour comparer des situations, on **filtre** le tableau : `obs[condition]` ne garde que les lignes où la
            condition est vraie.

            Exemple : la part des créneaux avec une tension quand l'observateur a noté la salle « bruyante ».
            """
        ),
        code(
            """
            salle_bruyante = obs[obs["bruit"] == "bruyant"]
            taux_tension_bruyant = round(100 * salle_bruyante["tension_observee"].mean(), 1)
            print(len(salle_bruyante), "créneaux bruyants ; tension observée dans", taux_tension_bruyant, "% d'entre eux")
            """
        ),
        md(
            """
            **À vous.** La première ligne de la cellule garde les créneaux où l'attente affichée **dépasse
            30 minutes**. Écrivez ensuite :

            1. **`attente_courte`** : les créneaux où l'attente est **de 30 minutes ou moins** (`<= 30`) ;
            2. **`taux_tension_longue`** et **`taux_tension_courte`** : le pourcentage de créneaux avec une tension
               dans chacun des deux tableaux, arrondi à une décimale.
            """
        ),
        answer(
            "q7_tension",
            """
            attente_courte = obs[obs["attente_moy_min"] <= 30]
            taux_tension_longue = round(100 * attente_longue["tension_observee"].mean(), 1)
            taux_tension_courte = round(100 * attente_courte["tension_observee"].mean(), 1)
            """,
            before="""
            attente_longue = obs[obs["attente_moy_min"] > 30]
            # À vous : attente_courte, puis les deux taux, sur le modèle de l'exemple.
            """,
            after="""
            print("Tension quand l'attente dépasse 30 min :", taux_tension_longue, "%")
            print("Tension quand l'attente est de 30 min ou moins :", taux_tension_courte, "%")
            """,
        ),
        tests(
            "q7_tension_tests",
            1,
            visible=f"""
            {_exists("attente_courte")}
            {_exists("taux_tension_longue")}
            {_exists("taux_tension_courte")}
            assert len(attente_courte) + len(attente_longue) == len(obs), "attente_courte et attente_longue doivent se partager tous les relevés : utilisez <= 30."
            assert 0 <= taux_tension_longue <= 100 and 0 <= taux_tension_courte <= 100, "Les taux doivent être des pourcentages (entre 0 et 100) : pensez à multiplier la moyenne par 100."
            """,
            hidden=f"""
            assert abs(float(taux_tension_longue) - {e["taux_tension_longue"]}) < 0.06, "Le taux de tension quand l'attente dépasse 30 minutes n'est pas le bon."
            assert abs(float(taux_tension_courte) - {e["taux_tension_courte"]}) < 0.06, "Le taux de tension quand l'attente est de 30 minutes ou moins n'est pas le bon."
            """,
        ),
        md(
            """
            ### Question 8 — Les publics : langues et numérique

            Les comptages disent aussi quelque chose des **publics** et de leurs besoins. Pour une part sur
            l'ensemble de la semaine, on divise deux **totaux** (`.sum()` sur chaque colonne).

            Exemple : quelle part des personnes reçues aux guichets a eu un échange en partie dans une autre langue
            que le français, ou avec un tiers qui traduisait ?
            """
        ),
        code(
            """
            part_autre_langue = round(100 * obs["nb_echanges_autre_langue"].sum() / obs["nb_personnes_recues"].sum(), 1)
            print(part_autre_langue, "% des personnes reçues")
            """
        ),
        md(
            """
            **À vous.** Rangez dans **`part_aide_borne`** la part (en %, arrondie à une décimale) des utilisations de
            la borne numérique (`nb_utilisations_borne`) où la personne a dû demander de l'aide (`nb_aides_borne`).
            """
        ),
        answer(
            "q8_aide_borne",
            """
            part_aide_borne = round(100 * obs["nb_aides_borne"].sum() / obs["nb_utilisations_borne"].sum(), 1)
            """,
            before="""
            # Une ligne, sur le modèle de l'exemple : 100 * total des aides / total des utilisations.
            """,
            after="part_aide_borne",
        ),
        tests(
            "q8_aide_borne_tests",
            1,
            visible=f"""
            {_exists("part_aide_borne")}
            assert 0 <= part_aide_borne <= 100, "part_aide_borne doit être un pourcentage, entre 0 et 100 : aides divisées par utilisations, fois 100."
            """,
            hidden=f"""
            assert abs(float(part_aide_borne) - {e["part_aide_borne"]}) < 0.06, "Ce n'est pas la bonne part : 100 * somme de nb_aides_borne / somme de nb_utilisations_borne."
            """,
        ),
        md(
            """
            ### Mettre vos chiffres en perspective

            Pour interpréter ces résultats, comparez-les à quelques repères publics (ils sont aussi dans la fiche
            du jeu de données) :

            - **51 %** des personnes de 18 à 79 ans déclarent ne pas parvenir à faire seules leurs démarches en
              ligne, et la démarche la plus efficace pour résoudre un problème reste de se rendre sur place
              (Défenseur des droits, enquête « Accès aux droits » 2024, volet 2, octobre 2025) ;
            - **15,4 %** des personnes de 15 ans ou plus sont en situation d'illectronisme en 2021, et 62 % des 75 ans
              ou plus (Insee Première n° 1953, juin 2023) ;
            - **10,7 %** de la population vivant en France est immigrée en 2023 (Insee, « L'essentiel sur… les
              immigrés et les étrangers ») : une partie de ces personnes, pas toutes, a besoin d'une aide à la langue ;
            - une France Services doit être ouverte **au moins 24 heures par semaine**, sur cinq jours, avec **deux
              agents** formés.

            Et gardez en tête ce que la grille ne dit pas : un relevé toutes les 15 minutes est une photographie ;
            le temps affiché est une estimation ; « bruit » et « tension » dépendent de l'observateur.

            La cellule ci-dessous résume la semaine jour par jour, pour votre note : arrivées, départs sans être
            reçu, utilisations de la borne et documents emportés.
            """
        ),
        code(
            """
            colonnes = ["nb_arrivees", "nb_departs_sans_etre_recu", "nb_utilisations_borne", "nb_aides_borne", "documents_pris"]
            synthese = obs.groupby("jour", sort=False)[colonnes].sum()
            synthese.loc["total"] = synthese.sum()
            synthese
            """
        ),
        # ------------------------------------------------------------------ partie 4 : la grille de l'espace
        md(
            """
            ## Partie 4 — La grille d'observation de l'espace

            Les chiffres décrivent la fréquentation ; la qualité de l'accueil tient aussi à l'espace lui-même. La
            grille ci-dessous reprend les critères d'un accueil de qualité : accès et signalétique, confidentialité,
            confort, accessibilité, numérique, documents.

            Ouvrez chaque rubrique et répondez **d'après vos notes de terrain** (partie 1) : **oui** si vous l'avez
            constaté, **non** si vous avez constaté l'absence, **non observé** si vos notes ne permettent pas de le
            savoir. Ne devinez pas : « non observé » est une réponse honnête, qui montre les limites de votre
            observation. Cliquez ensuite sur **Faire le bilan** et gardez-le sous les yeux pour écrire.
            """
        ),
        code(
            """
            from course.learner.widgets.observation import grille_observation_espace

            grille_observation_espace()
            """
        ),
        # ------------------------------------------------------------------ partie 5 : écrire
        md(
            """
            ## Partie 5 — Écrire

            Trois écrits, dans l'ordre. Quelques repères pour tous :

            | On écrit | plutôt que |
            |---|---|
            | un **constat** : « le lundi en milieu de matinée, toutes les chaises étaient occupées » | un jugement : « la salle est mal conçue » |
            | une **interprétation** signalée comme telle : « cela peut expliquer… », « nous faisons l'hypothèse que… » | une certitude sur ce que pensent les personnes : « les gens sont énervés parce que… » |
            | une description des publics par ce qui s'observe : « des parents avec de jeunes enfants », « une personne âgée avec une canne » | une étiquette : « des cas sociaux », « des étrangers qui ne font pas d'effort » |
            | des chiffres **justes et situés** : « sur 202 relevés… » | des chiffres sans source ni période |

            Aucun nom, aucun détail qui permette de reconnaître une personne, et jamais le contenu d'une conversation
            entendue.
            """
        ),
        written(
            "M1.4-C",
            {
                "Contexte et méthode": f"""
                    À la demande de Mme B., responsable de l'espace France Services – CCAS, nous avons observé la salle
                    d'attente du lundi 2 au samedi 7 novembre 2026, sur toutes les heures d'ouverture (47 h 30). Deux
                    stagiaires se sont relayés à 13 h et ont rempli une grille toutes les 15 minutes, soit
                    {e["nb_lignes"]} relevés : personnes qui attendent, enfants, personnes debout, agents aux guichets,
                    temps d'attente affiché, borne, conversations audibles, bruit et tensions. Nous n'avons noté que des
                    comptages et des situations, sans nom ni contenu d'échange ; une affiche informait le public. La
                    semaine comprend le versement de la CAF : ce n'est pas une semaine moyenne.
                    """,
                "Description de l'espace": """
                    La salle d'environ 35 m² compte 8 chaises alignées à trois mètres de deux guichets, séparés par une
                    simple cloison basse. Le comptoir est haut, sans partie abaissée. Un bureau fermé existe, mais
                    l'affichette qui le propose est placée derrière les guichets. L'appel des tickets est seulement
                    affiché. La borne numérique, dans l'angle, a l'écran tourné vers les chaises et a été en panne le
                    mardi après-midi. Documents et affichage sont tout en français, avec deux plaquettes périmées et
                    un tableau surchargé. Pas de point d'eau ; la clé des toilettes se demande au guichet.
                    """,
                "Publics et interactions observés": f"""
                    Nous avons compté {e["nb_arrivees"]} arrivées. Le {e["jour_plus_charge"]} est le jour le plus chargé en moyenne
                    ({_fr(round(e["personnes_par_jour"][e["jour_plus_charge"]], 1))} personnes en attente par
                    relevé), avec un pic le {e["jour_pic"]} à {_heure(e["creneau_pic"])} : {e["max_attente"]} adultes pour
                    8 chaises. Le jeudi du versement de la CAF, il arrive le plus de monde, surtout le matin, avec des
                    questions sur les paiements. Les enfants sont nombreux le mercredi après-midi et le samedi ; nous avons
                    aussi vu des personnes âgées et des jeunes venus pour France Travail. Près d'une utilisation de la borne sur deux
                    ({_fr(e["part_aide_borne"])} %) a demandé une aide, et une partie des échanges au guichet se fait
                    dans une autre langue, parfois avec un enfant qui traduit. La responsable vient en renfort quand la salle se
                    remplit.
                    """,
                "Analyse": f"""
                    Affluence et attente vont de pair (corrélation de {_fr(e["correlation"])}) : l'attente s'allonge
                    quand la file de l'ouverture s'ajoute aux arrivées du lundi matin, ou quand un seul agent reste au
                    guichet, entre 12 h et 13 h 30 et le mercredi après-midi. Les tensions suivent l'attente : observées
                    sur {_fr(e["taux_tension_longue"])} % des créneaux où l'attente affichée dépasse 30 minutes, contre
                    {_fr(e["taux_tension_courte"])} % sinon. Des informations personnelles ont été audibles sur
                    {e["nb_creneaux_incidents"]} créneaux ({_fr(e["part_creneaux_incidents"])} %), plus souvent quand
                    la salle est pleine : le problème tient à l'agencement, non aux agents. Nous faisons l'hypothèse
                    que les départs sans être reçu ({e["nb_departs"]} dans la semaine) traduisent parfois un renoncement, ce que la
                    grille ne permet pas de vérifier.
                    """,
                "Préconisations": """
                    1. **Confidentialité**, en priorité et à faible coût : afficher près de la borne de tickets la
                       possibilité d'être reçu dans le bureau fermé, reculer les chaises, poser un filtre sur l'écran
                       de la borne.
                    2. **Organisation** : prévoir le renfort dès l'ouverture le lundi et le jour du versement de la
                       CAF, et maintenir deux agents le mercredi après-midi.
                    3. **Accessibilité** : guichet abaissé, annonce sonore des appels, pictogrammes, documents en
                       plusieurs langues ou faciles à lire, interprétariat par téléphone pour ne pas faire traduire
                       les enfants.
                    4. **Numérique** : un agent ou le conseiller numérique près de la borne aux heures de pointe, et
                       une solution de repli en cas de panne.
                    5. **Confort** : quatre chaises de plus, un point d'eau, un coin enfants plus grand.

                    La même grille, reprise trois mois après, permettra d'évaluer ces changements.
                    """,
            },
        ),
        written(
            "M1.4-D",
            {
                "Confidentialité": f"""
                    Sur {e["nb_lignes"]} relevés, {e["nb_creneaux_incidents"]} créneaux
                    ({_fr(e["part_creneaux_incidents"])} %) ont compté au moins une conversation dont des informations
                    personnelles étaient audibles depuis les chaises. Ces créneaux sont plus fréquents quand la salle se
                    remplit : les chaises sont à trois mètres de guichets ouverts, et l'on parle plus fort dans le
                    bruit. Le bureau fermé existe, mais son affichette est invisible depuis la salle : seules les
                    personnes qui osent le demander en profitent. La borne numérique expose aussi des données :
                    un nom et un identifiant lisibles depuis les chaises voisines. Pour une personne qui parle de ses
                    dettes, de sa santé ou d'une séparation, être entendue par des voisins peut coûter sa dignité, voire
                    la conduire à taire l'essentiel.
                    """,
                "Accessibilité et confort": f"""
                    L'accès est possible en fauteuil, mais la porte est lourde, le comptoir trop haut et l'appel
                    seulement visuel, ce qui gêne une personne malvoyante. Au pic du lundi, {e["max_attente"]} adultes
                    se partagent 8 chaises, et une dame âgée est restée debout. L'accessibilité est aussi linguistique
                    et numérique : affichage et documents uniquement en français, enfants qui traduisent, et près d'une
                    utilisation de la borne sur deux ({_fr(e["part_aide_borne"])} %) avec une demande d'aide, proche
                    des 51 % de personnes qui ne font pas seules leurs démarches en ligne selon le Défenseur des droits.
                    """,
                "Ce que les données ne disent pas": """
                    Un comptage toutes les 15 minutes ne dit ni ce qui a été entendu, ni ce qu'en ont ressenti les
                    personnes, ni pourquoi certaines sont reparties. Le temps d'attente est une estimation de l'écran,
                    et le bruit dépend de l'observateur : Inès et moi ne le notions pas de la même façon. Il faudrait
                    compléter par quelques questions aux usagers et par l'avis des agents.
                    """,
            },
        ),
        written(
            "M1.4-E",
            {
                "Position de l'observateur": """
                    J'étais stagiaire, assis sur l'une des huit chaises : ma présence a pu changer les comportements,
                    et j'ai moi-même occupé une place dont une personne âgée avait besoin. Mon regard n'est pas neutre :
                    Inès et moi n'apprécions pas le bruit de la même façon, et je dois présenter « bruit » et
                    « tension » comme des appréciations, non comme des mesures.
                    """,
                "Information et consentement": """
                    La responsable a validé la démarche et l'a présentée à l'équipe ; une affiche informait le public,
                    et nous répondions aux questions. Les usagers n'ont pas signé d'accord, ce qui n'est acceptable que
                    parce que nous n'avons relevé aucune donnée qui les identifie. Une personne qui refuse d'être
                    observée doit pouvoir le dire, et ne pas figurer dans mes notes.
                    """,
                "Anonymat et ce que l'on n'écrit pas": """
                    Je n'ai noté ni nom, ni apparence reconnaissable, ni contenu des conversations entendues, comme le
                    veulent la discrétion professionnelle et la minimisation des données du RGPD. Quand j'ai entendu un
                    échange sur des ressources et un loyer, je n'ai écrit que « conversation entendue ». Le cas de
                    l'enfant qui traduisait pour son père est un dilemme : il apprend la situation de sa famille et
                    porte une charge qui n'est pas la sienne. Je ne décris pas la famille ; je signale le problème pour
                    proposer un interprétariat professionnel. Dans ma pratique d'accueil, je retiens cette règle :
                    n'écrire que ce qui sert l'amélioration de l'accueil.
                    """,
            },
        ),
    ]
    return {"note_observation.ipynb": cells}
