"""JupyterLab per role (`casp lab`): the course as a learner or a trainer sees it, on this machine.

Each role gets its own Jupyter directories under `<course_dir>/.casp-lab/` (configuration, lab
settings, data, runtime), so the user's ~/.jupyter is never read nor written:

- settings.py: what each role's lab is made of (French, no news, which nbgrader parts) as files;
- workspace.py: the learner's side of the local exchange (release when empty, fetch one assignment);
- prepare.py: `prepare_role()` writes a role's directory and returns what starting the lab needs;
- server.py: `start_lab()` runs `jupyter lab` on loopback until the block ends.
"""
from .prepare import LabSetup, prepare_role
from .roles import LEARNER, ROLES, TRAINER
from .server import RunningLab, start_lab

__all__ = ["LEARNER", "ROLES", "TRAINER", "LabSetup", "RunningLab", "prepare_role", "start_lab"]
