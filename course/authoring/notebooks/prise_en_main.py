"""Onboarding: first steps in JupyterLab and pandas on the register of a CCAS reception desk.

Hidden tests compare with values computed here, at build time, from the committed CSV,
so they always match the data the learners load.
"""
from __future__ import annotations

from ... import data
from ..cells import answer, code, md, tests

DATASET = "permanence_accueil"


def _expected() -> dict:
    tableau = data.load(DATASET)
    jeunes = tableau[tableau["tranche_age"] == "16-25 ans"]
    return {
        "nb_lignes": len(tableau),
        "nb_colonnes": tableau.shape[1],
        "nb_jeunes": len(jeunes),
        "par_orientation": tableau["orientation"].value_counts().to_dict(),
        "orientation_jeunes": jeunes["orientation"].value_counts().to_dict(),
        "pct_mode": (tableau["mode_contact"].value_counts(normalize=True) * 100).round(2).to_dict(),
        "duree_motif": tableau.groupby("motif")["duree_min"].mean().round(2).to_dict(),
        "par_motif": tableau["motif"].value_counts().to_dict(),
        "duree_moyenne_fr": f"{tableau['duree_min'].mean():.1f}".replace(".", ","),
    }


def _exists(name: str) -> str:
    return (
        f'assert "{name}" in globals(), '
        f'"La variable {name} n\'existe pas encore : complétez la cellule de réponse au-dessus, puis exécutez-la."'
    )


def notebooks():
    e = _expected()
    # The commentary after question 10 reads the durations: keep it true if the data change.
    durees = e["duree_motif"]
    assert max(durees, key=durees.get) == "Budget et dettes" and 1.7 < durees["Budget et dettes"] / durees["Alimentation"] < 2.4
    cells = [
        # ------------------------------------------------------------------ le cas
        md(
            """
            ## La situation

            Vous êtes en stage au **CCAS** (centre communal d'action sociale) d'une ville moyenne. Le CCAS tient un
            **Point d'accueil social** ouvert du lundi au vendredi : on y vient, avec ou sans rendez-vous, ou on
            appelle, pour une question de logement, d'emploi, de santé, de droits (RSA, APL, prime d'activité,
            Complémentaire santé solidaire…), de budget ou d'alimentation. L'accueil répond sur place ou oriente vers
            le bon partenaire : CAF, CPAM, France Travail, Mission locale, SIAO/115, PASS, CSAPA, épicerie sociale…

            Karima, responsable du point d'accueil, prépare le bilan du mois de **mars 2026** pour la réunion
            d'équipe. Elle vous confie le **registre des passages** du mois : une ligne par passage, **sans aucun
            nom**, seulement l'âge, le genre, le motif, le mode de contact, la durée et l'orientation. Elle voudrait
            savoir combien de personnes sont venues, pour quels motifs, combien de jeunes, vers qui ils ont été
            orientés, combien de temps durent les échanges, et avoir un graphique à projeter.

            Vous allez répondre à ces questions en découvrant JupyterLab et **pandas**, l'outil le plus utilisé pour
            lire des tableaux de données. La ville, le registre et les personnes sont **fictifs**.
            """
        ),
        # ------------------------------------------------------------------ partie 1
        md(
            """
            ## Partie 1 — Découvrir le notebook (10 minutes)

            ### Un notebook, des cellules

            Ce document est un **notebook**. Il est fait de **cellules**, posées les unes sous les autres :

            - les **cellules de texte**, comme celle-ci, que l'on se contente de lire ;
            - les **cellules de code**, sur fond gris, qui contiennent des instructions pour l'ordinateur, écrites dans
              le langage **Python**.

            **Exécuter** une cellule de code, c'est demander à l'ordinateur de faire ce qu'elle dit. Pour cela :
            cliquez dans la cellule, puis appuyez sur **Maj + Entrée** (la touche Majuscule ⇧, maintenue, puis
            Entrée). Le résultat s'affiche juste en dessous, et le curseur passe à la cellule suivante.

            À gauche d'une cellule de code, `[ ]` devient `[*]` pendant qu'elle travaille, puis un numéro, par exemple
            `[3]`, quand elle a fini. Les cellules s'exécutent **dans l'ordre où vous les lancez** : suivez le notebook
            de haut en bas.

            Essayez tout de suite avec la cellule ci-dessous : elle calcule une addition.
            """
        ),
        code("2 + 3"),
        md(
            """
            Vous voyez `5` sous la cellule ? Bravo, vous venez d'exécuter votre premier code. Python sait faire les
            opérations : `+` (addition), `-` (soustraction), `*` (multiplication) et `/` (division).

            ### Une variable : une boîte avec une étiquette

            Pour garder un résultat et s'en servir plus tard, on le range dans une **variable**. On écrit le nom de la
            variable, le signe `=`, puis la valeur :

            ```python
            nombre_de_jours = 22
            ```

            Lisez cette ligne comme « range 22 dans une boîte appelée `nombre_de_jours` ». Le nom s'écrit sans espace
            ni accent (on remplace les espaces par `_`). Ensuite, il suffit d'écrire le nom pour retrouver la valeur :
            quand la **dernière ligne** d'une cellule est un nom ou un calcul, le notebook affiche son résultat.

            Exécutez l'exemple : le point d'accueil a été ouvert 22 jours en mars, avec environ 18 passages par jour.
            """
        ),
        code(
            """
            nombre_de_jours = 22
            passages_par_jour = 18
            nombre_de_jours * passages_par_jour
            """
        ),
        md(
            """
            ### Question 1 — Votre première variable

            Mme K. est venue deux fois ce mois-ci : un entretien de 25 minutes le lundi, puis un autre de 40 minutes
            le jeudi. Dans la cellule ci-dessous, créez une variable **`minutes_accueil`** qui contient la durée
            totale de ses deux passages, en écrivant le calcul (l'addition des deux durées).

            **Comment compléter une cellule de réponse.** Les lignes qui commencent par `#` sont des
            **commentaires** : Python les ignore, elles sont là pour vous guider. Sous la ligne
            `# ÉCRIVEZ VOTRE CODE ICI, puis supprimez la ligne suivante`, vous trouverez
            `raise NotImplementedError("Cette cellule est à compléter")` : **supprimez cette ligne `raise …`** (tant
            qu'elle est là, la cellule affiche volontairement une erreur) et écrivez votre code à sa place. Laissez la
            dernière ligne, `minutes_accueil` : elle affiche le résultat.
            """
        ),
        answer(
            "a1_variable",
            "minutes_accueil = 25 + 40",
            before="""
            # Écrivez une seule ligne, sur le modèle de : nombre_de_jours = 22
            # à gauche du signe = : le nom minutes_accueil ; à droite : l'addition des deux durées.
            """,
            after="minutes_accueil",
        ),
        md(
            """
            **La cellule de test.** Sous chaque réponse se trouve une cellule de test (vous ne pouvez pas la modifier).
            Exécutez-la avec **Maj + Entrée** : **si rien ne s'affiche, c'est réussi**. Sinon, un message en
            français vous indique quoi vérifier. D'autres vérifications, cachées, seront faites à la correction.
            """
        ),
        tests(
            "a1_variable_tests",
            1,
            visible=f"""
            {_exists("minutes_accueil")}
            assert isinstance(minutes_accueil, (int, float)), "minutes_accueil doit être un nombre (sans guillemets)."
            """,
            hidden="assert minutes_accueil == 65, \"La durée totale n'est pas la bonne : additionnez 25 et 40.\"",
        ),
        md(
            """
            ### Quand Python affiche une erreur

            Une erreur n'abîme rien : c'est Python qui dit qu'il n'a pas compris. Le message paraît long, mais **il
            suffit de lire la dernière ligne**. Voici, par exemple, ce qu'affiche une cellule où l'on a tapé
            `tablaeu.head()` au lieu de `tableau.head()` :

            ```text
            ---------------------------------------------------------------------------
            NameError                                 Traceback (most recent call last)
            Cell In[7], line 1
            ----> 1 tablaeu.head()

            NameError: name 'tablaeu' is not defined
            ```

            La dernière ligne dit : « le nom `tablaeu` n'est pas défini ». Python ne connaît pas ce nom : il y a une
            faute de frappe, ou bien la cellule qui crée cette variable n'a pas encore été exécutée. Les erreurs les
            plus fréquentes :

            | Dernière ligne du message | Ce que cela veut dire | Que faire |
            |---|---|---|
            | `NameError: name '…' is not defined` | ce nom n'existe pas | vérifier l'orthographe ; exécuter les cellules du dessus |
            | `KeyError: 'Motif'` | cette colonne n'existe pas | recopier le nom exact de la colonne (ici `motif`, sans majuscule) |
            | `SyntaxError: …` | la ligne est mal écrite | chercher un guillemet, une parenthèse ou un crochet oublié |
            | `NotImplementedError: Cette cellule est à compléter` | la cellule de réponse n'est pas encore remplie | supprimer la ligne `raise …` et écrire votre code |
            | `AssertionError: …` (dans une cellule de test) | votre réponse n'est pas encore juste | lire le message en français qui suit |

            Corrigez, puis exécutez à nouveau la cellule. Si tout semble bloqué : menu **Noyau → Redémarrer le noyau
            et exécuter toutes les cellules**.
            """
        ),
        # ------------------------------------------------------------------ partie 2
        md(
            """
            ## Partie 2 — Lire le tableau (10 minutes)

            ### Charger le registre

            La cellule ci-dessous fait deux choses :

            1. `from course.learner import charger, afficher_fiche` rend disponibles deux outils du cours : `charger`,
               qui ouvre un jeu de données, et `afficher_fiche`, qui affiche sa fiche descriptive ;
            2. `tableau = charger("permanence_accueil")` ouvre le registre et le range dans la variable `tableau`.
               Le nom du jeu de données est entre guillemets `" "` car c'est du **texte**.

            Exécutez-la, puis la suivante, qui affiche la fiche du registre : prenez deux minutes pour la parcourir,
            elle explique chaque colonne.
            """
        ),
        code(
            """
            from course.learner import charger, afficher_fiche

            tableau = charger("permanence_accueil")
            """
        ),
        code(f'afficher_fiche("{DATASET}")'),
        md(
            """
            ### Regarder les premières lignes : `.head()`

            Un tableau pandas s'appelle un **DataFrame** : des lignes (ici, une par passage) et des colonnes (ici,
            une par information). Pour jeter un œil au début, on écrit le nom du tableau, un point, puis `head()`.
            Le point veut dire « applique à ce tableau l'action qui suit » ; les parenthèses, « fais-le maintenant ».
            Sans rien entre les parenthèses, `head()` montre les 5 premières lignes :
            """
        ),
        code("tableau.head()"),
        md(
            """
            ### Question 2 — Les dix premières lignes

            Entre les parenthèses, on peut indiquer combien de lignes on veut : `tableau.head(3)` montre les 3
            premières. Créez une variable **`premieres_lignes`** qui contient les **10** premières lignes du tableau.
            """
        ),
        answer(
            "a2_premieres_lignes",
            "premieres_lignes = tableau.head(10)",
            before="""
            # Une ligne : premieres_lignes = ... (le tableau, un point, head, et le nombre 10 entre parenthèses)
            """,
            after="premieres_lignes",
        ),
        tests(
            "a2_premieres_lignes_tests",
            1,
            visible=f"""
            {_exists("premieres_lignes")}
            assert isinstance(premieres_lignes, pd.DataFrame), "premieres_lignes doit être un tableau : utilisez tableau.head(...)."
            assert len(premieres_lignes) == 10, f"premieres_lignes contient {{len(premieres_lignes)}} lignes au lieu de 10 : mettez 10 entre les parenthèses."
            """,
            hidden=f"""
            assert list(premieres_lignes["id_passage"]) == list(range(1, 11)), "Ce ne sont pas les 10 premières lignes du tableau."
            assert premieres_lignes.shape[1] == {e["nb_colonnes"]}, "Toutes les colonnes doivent être gardées."
            """,
        ),
        md(
            """
            ### La taille du tableau : `.shape`

            `tableau.shape` donne la taille du tableau sous la forme `(nombre de lignes, nombre de colonnes)`.
            Attention : ici, **pas de parenthèses** après `shape`, car c'est une information que le tableau connaît
            déjà, pas une action à faire.
            """
        ),
        code("tableau.shape"),
        md(
            """
            Pour garder un seul des deux nombres, on ajoute sa **position entre crochets**. Python compte à partir de
            0 : `[0]` est le premier nombre (les lignes), `[1]` le second (les colonnes). Exemple avec les colonnes :
            """
        ),
        code(
            """
            nb_colonnes = tableau.shape[1]
            nb_colonnes
            """
        ),
        md(
            """
            ### Question 3 — Combien de passages en mars ?

            Chaque ligne est un passage. Créez une variable **`nb_passages`** qui contient le **nombre de lignes**
            du tableau, sur le modèle de l'exemple.
            """
        ),
        answer(
            "a3_nb_passages",
            "nb_passages = tableau.shape[0]",
            before="""
            # Une ligne : nb_passages = ... (comme nb_colonnes, mais avec la position des lignes)
            """,
            after="nb_passages",
        ),
        tests(
            "a3_nb_passages_tests",
            1,
            visible=f"""
            {_exists("nb_passages")}
            assert not isinstance(nb_passages, tuple), "nb_passages doit être un seul nombre : avez-vous oublié [0] après tableau.shape ?"
            """,
            hidden=f"assert nb_passages == {e['nb_lignes']}, \"nb_passages doit être le nombre de lignes (position 0), pas le nombre de colonnes.\"",
        ),
        md(
            f"""
            Karima a donc accueilli {e["nb_lignes"]} passages en mars. Continuons.

            ### Les colonnes, et comment en choisir une

            `tableau.columns` donne la liste des noms de colonnes. Pour prendre **une seule colonne**, on écrit le
            nom du tableau suivi du nom de la colonne **entre guillemets et entre crochets** : `tableau["genre"]`.
            Le nom doit être recopié exactement (minuscules, `_` à la place des espaces). Le résultat est une
            **Series** : une colonne seule, avec le numéro de chaque ligne à gauche.
            """
        ),
        code("tableau.columns"),
        code('tableau["genre"]'),
        md(
            """
            ### Question 4 — La colonne des motifs

            Créez une variable **`colonne_motif`** qui contient la colonne `motif` du tableau.
            """
        ),
        answer(
            "a4_colonne_motif",
            'colonne_motif = tableau["motif"]',
            before="""
            # Une ligne : colonne_motif = ... (comme tableau["genre"], avec le nom de l'autre colonne)
            """,
            after="colonne_motif.head()",
        ),
        tests(
            "a4_colonne_motif_tests",
            1,
            visible=f"""
            {_exists("colonne_motif")}
            assert isinstance(colonne_motif, pd.Series), "colonne_motif doit être une seule colonne : tableau[\\"nom_de_la_colonne\\"]."
            assert colonne_motif.name == "motif", f"Vous avez pris la colonne « {{colonne_motif.name}} » au lieu de « motif »."
            """,
            hidden=f"assert len(colonne_motif) == {e['nb_lignes']}, \"La colonne doit garder toutes les lignes du tableau.\"",
        ),
        # ------------------------------------------------------------------ partie 3
        md(
            """
            ## Partie 3 — Filtrer et compter (10 minutes)

            ### Garder certaines lignes : le filtre

            Pour ne garder que les passages pour un motif « Logement », on pose une question à chaque ligne :
            « le motif est-il égal à Logement ? ». En Python, **« est égal à » s'écrit `==`** (deux signes égal ; un
            seul `=` sert à ranger dans une variable). La réponse est `True` (vrai) ou `False` (faux) pour chaque
            ligne. Ci-dessous, la question est mise entre parenthèses pour pouvoir ajouter `.head()` et ne voir que
            les 5 premières réponses :
            """
        ),
        code('(tableau["motif"] == "Logement").head()'),
        md(
            """
            On met ensuite cette question **entre crochets après le tableau** : pandas ne garde que les lignes où la
            réponse est `True`. Lisez la ligne ci-dessous comme « dans `tableau`, garde les lignes où le motif est
            Logement » :
            """
        ),
        code(
            """
            passages_logement = tableau[tableau["motif"] == "Logement"]
            passages_logement.head()
            """
        ),
        md(
            """
            ### Question 5 — Les passages des jeunes

            Karima s'intéresse aux jeunes. Créez une variable **`passages_jeunes`** qui ne garde que les lignes où la
            colonne `tranche_age` vaut `"16-25 ans"`. Recopiez ce texte exactement (avec l'espace avant « ans ») :
            comme pour les noms de colonnes, Python ne devine pas une orthographe approchée.
            """
        ),
        answer(
            "b1_filtre_jeunes",
            'passages_jeunes = tableau[tableau["tranche_age"] == "16-25 ans"]',
            before="""
            # Une ligne, sur le modèle de passages_logement : changez le nom de la colonne et la valeur cherchée.
            """,
            after="passages_jeunes.head()",
        ),
        tests(
            "b1_filtre_jeunes_tests",
            1.5,
            visible=f"""
            {_exists("passages_jeunes")}
            assert isinstance(passages_jeunes, pd.DataFrame), "passages_jeunes doit être un tableau : tableau[ condition ]."
            assert len(passages_jeunes) > 0, "Le filtre ne garde aucune ligne : vérifiez l'orthographe de \\"16-25 ans\\"."
            assert (passages_jeunes["tranche_age"] == "16-25 ans").all(), "passages_jeunes contient des personnes qui n'ont pas 16-25 ans."
            """,
            hidden=f"assert len(passages_jeunes) == {e['nb_jeunes']}, \"Toutes les lignes des 16-25 ans doivent être gardées.\"",
        ),
        md(
            """
            ### Compter des lignes : `len(...)`

            `len(...)` (pour *length*, longueur) donne le **nombre de lignes** du tableau placé entre ses parenthèses.
            Combien de passages pour le logement ?
            """
        ),
        code("len(passages_logement)"),
        md(
            """
            ### Question 6 — Combien de passages de jeunes ?

            Créez une variable **`nb_jeunes`** qui contient le nombre de lignes du tableau `passages_jeunes`.
            """
        ),
        answer(
            "b2_nb_jeunes",
            "nb_jeunes = len(passages_jeunes)",
            before="""
            # Une ligne : nb_jeunes = len( ... )
            """,
            after="nb_jeunes",
        ),
        tests(
            "b2_nb_jeunes_tests",
            1.5,
            visible=f"""
            {_exists("nb_jeunes")}
            assert isinstance(nb_jeunes, int), "nb_jeunes doit être un nombre : len(passages_jeunes)."
            """,
            hidden=f"assert nb_jeunes == {e['nb_jeunes']}, \"nb_jeunes doit être le nombre de lignes de passages_jeunes.\"",
        ),
        md(
            """
            ### Compter chaque valeur d'une colonne : `.value_counts()`

            Plutôt que de filtrer motif par motif, `.value_counts()` compte, **en une fois**, combien de fois chaque
            valeur apparaît dans une colonne, de la plus fréquente à la moins fréquente. On choisit la colonne, puis on
            ajoute `.value_counts()` :
            """
        ),
        code(
            """
            nb_par_motif = tableau["motif"].value_counts()
            nb_par_motif
            """
        ),
        md(
            """
            ### Question 7 — Vers qui oriente-t-on ?

            Créez une variable **`nb_par_orientation`** qui compte les passages pour chaque valeur de la colonne
            `orientation`.
            """
        ),
        answer(
            "b3_nb_par_orientation",
            'nb_par_orientation = tableau["orientation"].value_counts()',
            before="""
            # Une ligne, sur le modèle de nb_par_motif, avec la colonne orientation.
            """,
            after="nb_par_orientation",
        ),
        tests(
            "b3_nb_par_orientation_tests",
            1.5,
            visible=f"""
            {_exists("nb_par_orientation")}
            assert isinstance(nb_par_orientation, pd.Series), "nb_par_orientation doit être le résultat de .value_counts() sur une colonne."
            assert "CAF" in nb_par_orientation.index, "On ne trouve pas « CAF » : avez-vous choisi la colonne orientation ?"
            """,
            hidden=f"assert nb_par_orientation.to_dict() == {e['par_orientation']!r}, \"Les comptages par orientation ne sont pas exacts.\"",
        ),
        md(
            """
            On peut aussi compter **dans un tableau filtré**. Par exemple, vers qui ont été orientées les personnes
            venues pour le logement ? On part de `passages_logement` au lieu de `tableau` :
            """
        ),
        code('passages_logement["orientation"].value_counts()'),
        md(
            """
            ### Question 8 — Vers qui oriente-t-on les jeunes ?

            Créez une variable **`orientation_jeunes`** qui compte les orientations, mais seulement pour les
            passages des 16-25 ans (le tableau `passages_jeunes` de la question 5).
            """
        ),
        answer(
            "b4_orientation_jeunes",
            'orientation_jeunes = passages_jeunes["orientation"].value_counts()',
            before="""
            # Une ligne, sur le modèle de l'exemple : partez de passages_jeunes.
            """,
            after="orientation_jeunes",
        ),
        tests(
            "b4_orientation_jeunes_tests",
            1.5,
            visible=f"""
            {_exists("orientation_jeunes")}
            assert isinstance(orientation_jeunes, pd.Series), "orientation_jeunes doit être le résultat de .value_counts()."
            assert orientation_jeunes.sum() < len(tableau), "orientation_jeunes compte tous les passages : partez de passages_jeunes, pas de tableau."
            """,
            hidden=f"assert orientation_jeunes.to_dict() == {e['orientation_jeunes']!r}, \"Les orientations des 16-25 ans ne sont pas exactes.\"",
        ),
        md(
            """
            Regardez le résultat : la **Mission locale** n'apparaît que chez les jeunes. C'est normal, elle accompagne
            les 16-25 ans (notamment vers le contrat d'engagement jeune, CEJ). Compter, c'est déjà commencer à
            analyser une activité.
            """
        ),
        # ------------------------------------------------------------------ partie 4
        md(
            """
            ## Partie 4 — Regrouper et résumer (10 minutes)

            ### Des pourcentages : `value_counts(normalize=True)`

            En réunion, on parle souvent en pourcentages. Entre les parenthèses de `value_counts`, l'option
            `normalize=True` donne la **part** de chaque valeur (un nombre entre 0 et 1) au lieu du nombre de lignes ;
            multiplier par 100 (`* 100`) la transforme en pourcentage. Enfin, `.round(1)` arrondit à un chiffre après
            la virgule (Python écrit la virgule avec un point : `55.9` se lit 55,9 %). Exemple avec le genre :
            """
        ),
        code(
            """
            pct_genre = (tableau["genre"].value_counts(normalize=True) * 100).round(1)
            pct_genre
            """
        ),
        md(
            """
            Les parenthèses autour de `tableau[...] * 100` servent à arrondir le résultat de la multiplication, et
            non le seul nombre 100.

            ### Question 9 — Comment les personnes sont-elles reçues ?

            Créez une variable **`pct_mode_contact`** qui donne le **pourcentage** de passages pour chaque valeur de
            la colonne `mode_contact` (sans rendez-vous, rendez-vous, téléphone). L'arrondi `.round(1)` est
            facultatif.
            """
        ),
        answer(
            "c1_pct_mode_contact",
            'pct_mode_contact = (tableau["mode_contact"].value_counts(normalize=True) * 100).round(1)',
            before="""
            # Une ligne, sur le modèle de pct_genre, avec la colonne mode_contact.
            """,
            after="pct_mode_contact",
        ),
        tests(
            "c1_pct_mode_contact_forme_tests",
            1.5,
            visible=f"""
            {_exists("pct_mode_contact")}
            assert isinstance(pct_mode_contact, pd.Series), "pct_mode_contact doit être le résultat de .value_counts(normalize=True) * 100."
            assert len(pct_mode_contact) == 3, "Il doit y avoir une valeur par mode de contact (3) : avez-vous choisi la colonne mode_contact ?"
            assert abs(pct_mode_contact.sum() - 100) < 0.5, f"Les pourcentages totalisent {{pct_mode_contact.sum():.2f}} au lieu de 100 : avez-vous mis normalize=True et multiplié par 100 ?"
            """,
        ),
        tests(
            "c2_pct_mode_contact_valeurs_tests",
            1.5,
            visible=f"""
            {_exists("pct_mode_contact")}
            assert "Sans rendez-vous" in pct_mode_contact.index, "On ne trouve pas « Sans rendez-vous » : avez-vous choisi la colonne mode_contact ?"
            """,
            hidden="\n".join(
                f"assert abs(pct_mode_contact[{mode!r}] - {value}) < 0.06, \"Le pourcentage « {mode} » n'est pas exact.\""
                for mode, value in e["pct_mode"].items()
            ),
        ),
        md(
            """
            ### Une moyenne par groupe : `groupby(...)[...].mean()`

            `.mean()` calcule la **moyenne** d'une colonne de nombres. La durée moyenne d'un passage, tous motifs
            confondus :
            """
        ),
        code('tableau["duree_min"].mean()'),
        md(
            f"""
            Python l'affiche sous la forme `np.float64(…)` : c'est simplement un nombre à virgule, ici environ
            {e["duree_moyenne_fr"]} minutes.

            Pour avoir une moyenne **par groupe** (par exemple par tranche d'âge), on enchaîne quatre étapes, de gauche
            à droite :

            1. `tableau.groupby("tranche_age")` : fais des paquets de lignes, un par tranche d'âge ;
            2. `["duree_min"]` : dans chaque paquet, prends la colonne des durées ;
            3. `.mean()` : calcule la moyenne de chaque paquet ;
            4. `.round(1)` : arrondit à un chiffre après la virgule, pour que ce soit plus lisible.
            """
        ),
        code(
            """
            duree_par_age = tableau.groupby("tranche_age")["duree_min"].mean().round(1)
            duree_par_age
            """
        ),
        md(
            """
            ### Question 10 — Quels motifs demandent le plus de temps ?

            Créez une variable **`duree_par_motif`** qui donne la **durée moyenne** (colonne `duree_min`) des
            passages pour **chaque motif**. L'arrondi `.round(1)` est facultatif.
            """
        ),
        answer(
            "c3_duree_par_motif",
            'duree_par_motif = tableau.groupby("motif")["duree_min"].mean().round(1)',
            before="""
            # Une ligne, sur le modèle de duree_par_age : on fait les paquets par motif.
            """,
            after="duree_par_motif",
        ),
        tests(
            "c3_duree_par_motif_forme_tests",
            1.5,
            visible=f"""
            {_exists("duree_par_motif")}
            assert isinstance(duree_par_motif, pd.Series), "duree_par_motif doit être le résultat de tableau.groupby(...)[...].mean()."
            assert "Logement" in duree_par_motif.index and len(duree_par_motif) == 6, "Il faut une valeur par motif (6) : faites les paquets avec groupby(\\"motif\\")."
            """,
        ),
        tests(
            "c4_duree_par_motif_valeurs_tests",
            1.5,
            visible=f"""
            {_exists("duree_par_motif")}
            assert duree_par_motif.max() < 120, "Ces nombres ne ressemblent pas à des durées moyennes en minutes : avez-vous pris la colonne duree_min et .mean() ?"
            """,
            hidden="\n".join(
                f"assert abs(duree_par_motif[{motif!r}] - {value}) < 0.06, \"La durée moyenne « {motif} » n'est pas exacte.\""
                for motif, value in e["duree_motif"].items()
            ),
        ),
        md(
            """
            Les questions de budget et de dettes prennent en moyenne environ deux fois plus de temps que
            l'alimentation : voilà un argument chiffré pour leur réserver des rendez-vous.
            """
        ),
        # ------------------------------------------------------------------ partie 5
        md(
            """
            ## Partie 5 — Construire un graphique (5 minutes)

            Un graphique se lit plus vite qu'un tableau de nombres. On le construit avec **matplotlib** (déjà chargé
            en haut du notebook sous le nom `plt`), en cinq lignes. Exemple : le nombre de passages selon le genre.
            """
        ),
        code(
            """
            nb_par_genre = tableau["genre"].value_counts()

            fig_genre, ax_genre = plt.subplots()
            nb_par_genre.plot.bar(ax=ax_genre)
            ax_genre.set_title("Passages au Point d'accueil social selon le genre, mars 2026")
            ax_genre.set_ylabel("Nombre de passages")
            plt.show()
            """
        ),
        md(
            """
            Ligne par ligne :

            1. `fig_genre, ax_genre = plt.subplots()` crée une figure vide (`fig_genre`) et, dedans, le cadre où l'on
               dessine (`ax_genre`) ;
            2. `nb_par_genre.plot.bar(ax=ax_genre)` dessine **une barre par valeur** des comptages, dans ce cadre ;
            3. `ax_genre.set_title("…")` écrit le **titre** (entre guillemets) ;
            4. `ax_genre.set_ylabel("…")` écrit le titre de l'**axe vertical** (ce que mesure la hauteur des barres) ;
            5. `plt.show()` affiche le graphique terminé.

            ### Question 11 — Le graphique pour la réunion

            Construisez le diagramme en barres (verticales) du **nombre de passages par motif**, à partir de la
            variable `nb_par_motif` calculée dans la partie 3. Appelez la figure et le cadre simplement **`fig, ax`**
            (et non `fig_genre, ax_genre`), donnez au graphique un **titre** et un **titre d'axe vertical**.
            """
        ),
        answer(
            "d_graphique",
            """
            fig, ax = plt.subplots()
            nb_par_motif.plot.bar(ax=ax)
            ax.set_title("Passages au Point d'accueil social selon le motif, mars 2026")
            ax.set_ylabel("Nombre de passages")
            plt.show()
            """,
            before="""
            # Cinq lignes, sur le modèle de l'exemple :
            # fig, ax = plt.subplots()
            # puis les barres de nb_par_motif dans ax, le titre, le titre de l'axe vertical, et plt.show().
            """,
        ),
        tests(
            "d1_graphique_barres_tests",
            1,
            visible=f"""
            {_exists("ax")}
            assert len(ax.patches) == 6, f"Le graphique a {{len(ax.patches)}} barres au lieu de 6 (une par motif) : dessinez nb_par_motif dans ax."
            """,
        ),
        tests(
            "d2_graphique_hauteurs_tests",
            1,
            visible=f"""
            {_exists("ax")}
            assert len(ax.patches) > 0, "Le graphique n'a pas encore de barres."
            """,
            hidden=f"""
            hauteurs = sorted(round(max(barre.get_height(), barre.get_width())) for barre in ax.patches)
            assert hauteurs == {sorted(e["par_motif"].values())!r}, "La hauteur des barres doit être le nombre de passages de chaque motif (nb_par_motif)."
            """,
        ),
        tests(
            "d3_graphique_titre_tests",
            1,
            visible=f"""
            {_exists("ax")}
            assert ax.get_title().strip() != "", "Le graphique n'a pas de titre : ajoutez ax.set_title(\\"...\\")."
            """,
        ),
        tests(
            "d4_graphique_axe_tests",
            1,
            visible=f"""
            {_exists("ax")}
            assert ax.get_ylabel().strip() != "", "L'axe vertical n'a pas de titre : ajoutez ax.set_ylabel(\\"...\\")."
            """,
        ),
        # ------------------------------------------------------------------ bilan
        md(
            f"""
            ## Ce que vous avez appris

            Bravo : vous avez fait le bilan du mois de Karima, et vous savez maintenant :

            | Pour… | On écrit… |
            |---|---|
            | exécuter une cellule | **Maj + Entrée** |
            | ranger un résultat dans une variable | `nom = valeur` |
            | ouvrir un jeu de données du cours | `tableau = charger("{DATASET}")` |
            | voir les premières lignes | `tableau.head()` |
            | connaître la taille (lignes, colonnes) | `tableau.shape` |
            | prendre une colonne | `tableau["motif"]` |
            | garder certaines lignes | `tableau[tableau["motif"] == "Logement"]` |
            | compter les lignes | `len(...)` |
            | compter chaque valeur d'une colonne | `tableau["motif"].value_counts()` |
            | en pourcentages | `tableau["motif"].value_counts(normalize=True) * 100` |
            | une moyenne par groupe | `tableau.groupby("motif")["duree_min"].mean()` |
            | un diagramme en barres | `fig, ax = plt.subplots()`, `serie.plot.bar(ax=ax)`, `ax.set_title(...)`, `ax.set_ylabel(...)`, `plt.show()` |

            Et surtout : un message d'erreur se lit **par sa dernière ligne**, et il ne casse rien. Gardez ce tableau
            sous la main : les devoirs suivants réutilisent ces mêmes gestes sur d'autres situations
            d'accompagnement.
            """
        ),
    ]
    return {"prise_en_main.ipynb": cells}
