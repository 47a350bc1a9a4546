"""nbgrader configuration of the RNCP 7426 course (the repository root is the course directory)."""
import os
from pathlib import Path

c = get_config()  # noqa: F821  (injected by traitlets)

COURSE_DIR = Path(__file__).resolve().parent

c.CourseDirectory.course_id = "casp-rncp7426"
c.CourseDirectory.root = str(COURSE_DIR)
# The gradebook stays beside the course unless a trainer points db_url elsewhere.
c.CourseDirectory.db_url = os.environ.get("CASP_DB_URL", f"sqlite:///{COURSE_DIR / 'gradebook.db'}")

# A local exchange that needs no root set-up; CASP_EXCHANGE moves it (shared disk, JupyterHub).
exchange = Path(os.environ.get("CASP_EXCHANGE", COURSE_DIR / "exchange"))
exchange.mkdir(parents=True, exist_ok=True)
c.Exchange.root = str(exchange)
c.Exchange.path_includes_course = True

# What learners see in place of the solutions.
c.ClearSolutions.code_stub = {
    "python": "# ÉCRIVEZ VOTRE CODE ICI, puis supprimez la ligne suivante\n"
    'raise NotImplementedError("Cette cellule est à compléter")'
}
c.ClearSolutions.text_stub = "_Écrivez votre réponse ici._"

# Learners' code gets 60 s per cell; an infinite loop must not stall the cohort.
c.Execute.timeout = 60
c.Execute.interrupt_on_timeout = True
# Outputs are collected before the kernel stops: stop it at once rather than wait for a graceful exit.
c.Execute.shutdown_kernel = "immediate"

# Data files and anything else beside the notebooks travel with the assignment.
c.CourseDirectory.ignore = [".ipynb_checkpoints", "*.pyc", "__pycache__", "feedback"]
# Grading kernels keep no history and only report errors (not ipykernel's TCP notice) in the trainer's terminal.
c.Execute.extra_arguments = ["--HistoryManager.hist_file=:memory:", "--IPKernelApp.log_level=ERROR"]

# Feedback shows, beside each answer, the rubric level reached, its descriptor and the grader's comment, on a
# French, accessible page (the course's templates, in front of nbgrader's: formgrader's grading page too).
from course.nbgrader_ext.feedback import configure_feedback  # noqa: E402

configure_feedback(c)

# Released notebooks open on their due date (set with `casp echeances`), which nbgrader's lab does not show.
from course.nbgrader_ext.due_date import configure_due_date  # noqa: E402

configure_due_date(c)

# Learners' code runs in a sandbox during autograde (course/nbgrader_ext/sandbox.py): no network, no access to
# source/, the gradebook or other copies; CPU, memory, processes and output are bounded.
# CASP_SANS_BAC_A_SABLE=1 (what `casp autograde --sans-bac-a-sable` sets) grades without it.
from course.nbgrader_ext.sandbox import OPT_OUT_ENV, configure_sandbox  # noqa: E402

configure_sandbox(c, COURSE_DIR, enabled=os.environ.get(OPT_OUT_ENV) != "1", check=False)
