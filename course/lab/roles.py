"""The two roles and what separates them: which nbgrader parts of JupyterLab each one gets."""
from __future__ import annotations

import re

from .. import CourseError

LEARNER = "apprenant"
TRAINER = "formateur"
ROLES = (LEARNER, TRAINER)

# JupyterLab plugins a learner must not see. From nbgrader's labextension (@jupyter/nbgrader):
# formgrader (the gradebook), the course list (every course on the exchange) and Create Assignment
# (the instructor's cell toolbar). The assignment list, Validate and the Nbgrader menu stay.
LEARNER_HIDDEN_PLUGINS = (
    "@jupyter/nbgrader:formgrader",
    "@jupyter/nbgrader:course-list",
    "@jupyter/nbgrader:create-assignment",
    # Not nbgrader's, but no use to a learner: installing lab extensions is the machine's administrator's job.
    "@jupyterlab/extensionmanager-extension:plugin",
)
# ... and the server extensions behind the first two, so their URLs do not answer either.
LEARNER_HIDDEN_SERVER_EXTENSIONS = (
    "nbgrader.server_extensions.formgrader",
    "nbgrader.server_extensions.course_list",
)

# nbgrader's exchange builds submission names as <login>+<assignment>+<timestamp>: no « + » nor « * »,
# and the login names a folder of the workspace.
LOGIN_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")


def check_role(role: str) -> str:
    if role not in ROLES:
        raise CourseError(f"Rôle inconnu « {role} ». Rôles possibles : {', '.join(ROLES)}.")
    return role


def check_login(login: str) -> str:
    if not LOGIN_RE.match(login or ""):
        raise CourseError(
            f"Identifiant d'apprenant invalide « {login} » : lettres sans accent, chiffres, « . », « _ » ou « - » "
            "(64 caractères au plus, sans espace)."
        )
    return login
