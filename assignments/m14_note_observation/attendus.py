"""Expected values for M1.4 (note d'observation of a waiting room).

Computed from the committed data set, so that the hidden tests and the figures quoted in the model
answers always match the data the learners load.
"""
from __future__ import annotations

from course import data

DATASET = "observation_salle_attente"


def _heure(creneau: str) -> str:
    """« 09:45 » → « 9 h 45 », « 10:00 » → « 10 h »."""
    heures, minutes = creneau.split(":")
    return f"{int(heures)} h" + ("" if minutes == "00" else f" {minutes}")


def _duree(minutes: int) -> str:
    """3030 → « 50 h 30 »."""
    heures, reste = divmod(minutes, 60)
    return f"{heures} h" + ("" if reste == 0 else f" {reste:02d}")


def attendus() -> dict:
    obs = data.load(DATASET)
    # The hour observed by both trainees: the row keeps Bastien's grid, « bruit_second_releve » Inès's rating.
    commune = obs[obs["releve_par"] == "Bastien et Inès"]
    ordre = {"calme": 0, "modéré": 1, "bruyant": 2}
    ecarts = commune["bruit_second_releve"].map(ordre) - commune["bruit"].map(ordre)
    if (ecarts < 0).any() or len(commune) == 0:
        raise ValueError("the notebook says Inès rates the common hour noisier whenever the two ratings differ")
    par_jour = obs.groupby("jour", sort=False)["nb_personnes_attente"].mean()
    attente = obs.groupby("jour", sort=False)["attente_moy_min"].mean().round(1)
    par_heure = obs.groupby("heure")["nb_personnes_attente"].mean().round(2)
    pic = obs.loc[obs["nb_personnes_attente"].idxmax()]
    longue = obs[obs["attente_moy_min"] > 30]
    courte = obs[obs["attente_moy_min"] <= 30]
    nb_incidents = int((obs["conversations_entendues"] > 0).sum())
    return {
        "nb_lignes": len(obs),
        "heures_ouverture": _duree(15 * len(obs)),
        "n_commun": len(commune),
        "nb_desaccords": int((ecarts != 0).sum()),
        "nb_arrivees": int(obs["nb_arrivees"].sum()),
        # the example chart (arrivals per day), in words: its text alternative, in the order of the week as drawn
        "arrivees_par_jour": {str(j): int(v) for j, v in obs.groupby("jour", sort=False)["nb_arrivees"].sum().items()},
        "nb_departs": int(obs["nb_departs_sans_etre_recu"].sum()),
        "jour_plus_charge": str(par_jour.idxmax()),
        "personnes_par_jour": {str(j): float(v) for j, v in par_jour.round(2).items()},
        "jour_pic": str(pic["jour"]),
        "creneau_pic": str(pic["creneau"]),
        "heure_pic": _heure(str(pic["creneau"])),
        "max_attente": int(pic["nb_personnes_attente"]),
        "attente_par_jour": {str(j): float(v) for j, v in attente.items()},
        "personnes_par_heure": {int(h): float(v) for h, v in par_heure.items()},
        "nb_creneaux_incidents": nb_incidents,
        "part_creneaux_incidents": round(100 * nb_incidents / len(obs), 1),
        "correlation": round(float(obs["nb_personnes_attente"].corr(obs["attente_moy_min"])), 2),
        "taux_tension_longue": round(100 * float(longue["tension_observee"].mean()), 1),
        "taux_tension_courte": round(100 * float(courte["tension_observee"].mean()), 1),
        "part_aide_borne": round(100 * int(obs["nb_aides_borne"].sum()) / int(obs["nb_utilisations_borne"].sum()), 1),
    }
