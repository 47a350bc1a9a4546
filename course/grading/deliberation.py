"""The jury's deliberation: sessions, the decisions the jury changes, the procès-verbal that locks them.

The bloc decisions are computed (course.grading.blocs); the jury may depart from one, and says why
(`record_decision`). Issuing the procès-verbal (`plan_minutes` then `commit_minutes`, called by
course.reports.minutes once every file is rendered) snapshots every candidate × bloc decision of the
session and closes it: a closed session's decisions are locked, and `reopen` (with its reason and who
asks) is the only way to change them again; the next procès-verbal is a new version, the old one stays.
The reports show the decisions of the last procès-verbal of each closed session in place of the
computed ones (`apply_locked`, called by course.grading.cohort.load_cohort); while a session is
reopened, its decisions are no longer final and the computed ones show again.
Every change leaves a casp_audit row: `jury_decision`, `jury_pv`, `jury_reopen`.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timezone
from typing import TYPE_CHECKING

from sqlalchemy import insert, select, update

from .. import CourseError
from ..formatting import date_fr
from .blocs import DECISION_LABELS, BlocDecision, decide_bloc, decide_blocs
from .store import jury_decisions, jury_members, jury_minutes, jury_sessions, now, open_store, record_audit

if TYPE_CHECKING:
    from .cohort import CohortData

OPEN, CLOSED, REOPENED = "ouverte", "close", "rouverte"
STATUS_LABELS = {OPEN: "ouverte", CLOSED: "close (procès-verbal émis)", REOPENED: "rouverte"}
JURY_DECISIONS = ("acquis", "non_acquis", "en_attente")  # « non évalué » is a fact, not a jury's decision
ACTION_DECISION, ACTION_MINUTES, ACTION_REOPEN = "jury_decision", "jury_pv", "jury_reopen"
MAX_SESSION = 120  # characters: the session's name goes in casp_audit.assignment_id (128)
REOPEN_HINT = 'casp jury rouvrir --session "{session}" --motif "…" --par "…"'


@dataclass(frozen=True)
class JuryDecision:
    """One candidate × bloc in a session: the computed decision, and the jury's when it gave one."""

    student_id: str
    bloc_id: str
    computed: str
    computed_reason: str
    final: str | None = None
    final_reason: str | None = None
    decided_by: str | None = None
    decided_at: datetime | None = None

    @property
    def decision(self) -> str:
        return self.final or self.computed

    @property
    def changed(self) -> bool:
        """The jury departed from the computed decision (a decision it confirmed with a reason is not a change)."""
        return self.final is not None and self.final != self.computed


@dataclass(frozen=True)
class Minutes:
    """One procès-verbal issued: its number in the session, the deliberation's date, place and members."""

    session: str
    version: int
    day: date
    place: str
    members: list[str]
    issued_at: datetime

    @property
    def title(self) -> str:
        return f"procès-verbal n° {self.version} du {date_fr(self.day)}"


@dataclass
class Session:
    name: str
    status: str
    minutes: list[Minutes] = field(default_factory=list)
    decisions: dict[tuple[str, str], JuryDecision] = field(default_factory=dict)

    @property
    def latest(self) -> Minutes | None:
        return self.minutes[-1] if self.minutes else None

    @property
    def locked(self) -> bool:
        return self.status == CLOSED


@dataclass(frozen=True)
class MinutesPlan:
    """A procès-verbal ready to be issued: every candidate × bloc decision, in the cohort's and referential's order."""

    minutes: Minutes
    decisions: list[JuryDecision]
    previous: Minutes | None
    new_session: bool


# Parsing what the jury types ---------------------------------------------------------------------------------

def parse_day(text: str, option: str = "--date") -> date:
    """« 2026-12-03 » → a date, or a French error naming the option."""
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text.strip()):
        raise CourseError(f"{option} « {text} » : date attendue au format AAAA-MM-JJ, par exemple 2026-12-03.")
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise CourseError(f"{option} « {text} » : cette date n'existe pas (format AAAA-MM-JJ).") from None


def parse_decision(text: str) -> str | None:
    """acquis, non_acquis, en_attente, or their French labels (« Non acquis », « non-acquis »); None if unknown."""
    key = re.sub(r"[\s-]+", "_", text.strip().lower())
    return key if key in JURY_DECISIONS else None


def session_slug(session: str) -> str:
    """A folder name for the session: « Session de juin 2027 » → session-de-juin-2027."""
    ascii_text = unicodedata.normalize("NFKD", session).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "session"


def _check_session(session: str) -> str:
    name = (session or "").strip()
    if not name:
        raise CourseError("--session : le nom de la session est vide (par exemple « Session de juin 2027 »).")
    if len(name) > MAX_SESSION:
        raise CourseError(f"--session : nom de session trop long ({len(name)} caractères, {MAX_SESSION} au plus).")
    return name


def _bloc_id(catalogue, text: str) -> str | None:
    wanted = text.strip().upper()
    for bloc in catalogue.referential.blocs:
        if wanted in (bloc.id.upper(), str(bloc.number)):
            return bloc.id
    return None


# Reading the store -------------------------------------------------------------------------------------------

def _utc(moment: datetime | None) -> datetime | None:
    """SQLite gives back naive datetimes: they were written in UTC."""
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=timezone.utc)


def _read_session(connection, name: str) -> Session | None:
    row = connection.execute(select(jury_sessions).where(jury_sessions.c.name == name)).first()
    if row is None:
        return None
    session = Session(name, row.status)
    members: dict[int, list[str]] = {}
    for member in connection.execute(select(jury_members).where(jury_members.c.session == name)
                                     .order_by(jury_members.c.version, jury_members.c.position)):
        members.setdefault(member.version, []).append(member.member)
    for minutes in connection.execute(select(jury_minutes).where(jury_minutes.c.session == name)
                                      .order_by(jury_minutes.c.version)):
        session.minutes.append(Minutes(name, minutes.version, date.fromisoformat(minutes.day), minutes.place,
                                       members.get(minutes.version, []), _utc(minutes.issued_at)))
    for decision in connection.execute(select(jury_decisions).where(jury_decisions.c.session == name)):
        session.decisions[(decision.student_id, decision.bloc_id)] = JuryDecision(
            decision.student_id, decision.bloc_id, decision.computed_decision, decision.computed_reason,
            decision.final_decision, decision.final_reason, decision.decided_by, _utc(decision.decided_at),
        )
    return session


def load_session(db_url: str, name: str) -> Session | None:
    with open_store(db_url).connect() as connection:
        return _read_session(connection, name)


def _locked_message(session: Session) -> str:
    latest = session.latest
    issued = f" : son {latest.title} a été émis" if latest else ""
    return (f"La session « {session.name} » est close{issued}. Ses décisions sont verrouillées ; pour en modifier "
            f"une ou émettre une nouvelle version du procès-verbal, rouvrez d'abord la session : "
            f"{REOPEN_HINT.format(session=session.name)}")


# The jury's decisions ----------------------------------------------------------------------------------------

def record_decision(db_url: str, cohort: CohortData, session: str, student_id: str, bloc: str, decision: str,
                    reason: str, by: str) -> JuryDecision:
    """The jury's decision on one candidate's bloc, with its reason: checked entirely, then written with its audit row.

    The computed decision is kept beside it, so the minutes can say that the jury departed from it."""
    name = _check_session(session)
    problems = []
    if student_id not in {learner.id for learner in cohort.learners}:
        problems.append(f"apprenant inconnu « {student_id} » (absent du carnet de notes).")
    bloc_id = _bloc_id(cohort.catalogue, bloc)
    if bloc_id is None:
        known = ", ".join(b.id for b in cohort.catalogue.referential.blocs)
        problems.append(f"bloc inconnu « {bloc} » (blocs du référentiel : {known}).")
    key = parse_decision(decision)
    if key is None:
        problems.append(f"décision inconnue « {decision} » (décisions possibles : {', '.join(JURY_DECISIONS)}).")
    if not (reason or "").strip():
        problems.append("--motif est vide : le jury motive chaque décision qu'il prend.")
    if not (by or "").strip():
        problems.append("--par est vide : nommez le membre du jury qui enregistre la décision.")
    if problems:
        raise CourseError("casp jury decision : rien n'a été enregistré :\n"
                          + "\n".join(f"  - {problem}" for problem in problems))
    computed = decide_bloc(cohort.catalogue, cohort.rows, student_id, bloc_id)
    moment = now()
    engine = open_store(db_url)
    with engine.begin() as connection:
        state = _read_session(connection, name)
        if state is not None and state.locked:
            raise CourseError(_locked_message(state))
        if state is None:
            connection.execute(insert(jury_sessions).values(name=name, status=OPEN, created_at=moment))
        previous = state.decisions.get((student_id, bloc_id)) if state else None
        values = {"computed_decision": computed.decision, "computed_reason": computed.reason, "final_decision": key,
                  "final_reason": reason.strip(), "decided_by": by.strip(), "decided_at": moment}
        if previous is None:
            connection.execute(insert(jury_decisions).values(session=name, student_id=student_id, bloc_id=bloc_id,
                                                             **values))
        else:
            connection.execute(update(jury_decisions).where(
                jury_decisions.c.session == name, jury_decisions.c.student_id == student_id,
                jury_decisions.c.bloc_id == bloc_id).values(**values))
        old = previous.decision if previous else computed.decision
        record_audit(connection, actor=by.strip(), action=ACTION_DECISION, student_id=student_id, assignment_id=name,
                     grade_id=bloc_id, old_points=None, new_points=None, old_comment=old, new_comment=key,
                     reason=reason.strip())
    engine.dispose()
    return JuryDecision(student_id, bloc_id, computed.decision, computed.reason, key, reason.strip(), by.strip(),
                        moment)


# The procès-verbal -------------------------------------------------------------------------------------------

def plan_minutes(db_url: str, cohort: CohortData, session: str, day: date, place: str,
                 members: list[str]) -> MinutesPlan:
    """Check everything and gather every decision of the next procès-verbal; nothing is written."""
    name = _check_session(session)
    problems = []
    if not (place or "").strip():
        problems.append("--lieu est vide : le procès-verbal dit où le jury a délibéré.")
    members = [(member or "").strip() for member in members or []]
    if not members:
        problems.append("aucun --membre : nommez chaque membre du jury avec sa qualité "
                        "(--membre « Mme A. B., présidente du jury, professionnelle du secteur »).")
    elif not all(members):
        problems.append("un --membre est vide.")
    if not cohort.learners:
        problems.append("aucun candidat dans le carnet de notes.")
    if problems:
        raise CourseError("casp jury pv : rien n'a été écrit :\n" + "\n".join(f"  - {problem}" for problem in problems))
    state = load_session(db_url, name)
    if state is not None and state.locked:
        raise CourseError(_locked_message(state))
    stored = state.decisions if state else {}
    ids = [learner.id for learner in cohort.learners]
    decisions = []
    for computed in decide_blocs(cohort.catalogue, cohort.rows, ids):
        jury = stored.get((computed.student_id, computed.bloc_id))
        decisions.append(JuryDecision(
            computed.student_id, computed.bloc_id, computed.decision, computed.reason,
            *((jury.final, jury.final_reason, jury.decided_by, jury.decided_at) if jury else ()),
        ))
    previous = state.latest if state else None
    minutes = Minutes(name, (previous.version if previous else 0) + 1, day, place.strip(), members, now())
    return MinutesPlan(minutes, decisions, previous, state is None)


def commit_minutes(db_url: str, plan: MinutesPlan, actor: str | None = None) -> Session:
    """Record the procès-verbal and lock the session, in one transaction (audit row `jury_pv`)."""
    minutes = plan.minutes
    engine = open_store(db_url)
    with engine.begin() as connection:
        state = _read_session(connection, minutes.session)
        if state is not None and state.locked:  # another procès-verbal was issued meanwhile
            raise CourseError(_locked_message(state))
        if state is None:
            connection.execute(insert(jury_sessions).values(name=minutes.session, status=CLOSED,
                                                            created_at=minutes.issued_at))
        else:
            connection.execute(update(jury_sessions).where(jury_sessions.c.name == minutes.session)
                               .values(status=CLOSED))
        stored = state.decisions if state else {}
        for decision in plan.decisions:
            computed = {"computed_decision": decision.computed, "computed_reason": decision.computed_reason}
            if (decision.student_id, decision.bloc_id) in stored:
                connection.execute(update(jury_decisions).where(
                    jury_decisions.c.session == minutes.session, jury_decisions.c.student_id == decision.student_id,
                    jury_decisions.c.bloc_id == decision.bloc_id).values(**computed))
            else:
                connection.execute(insert(jury_decisions).values(
                    session=minutes.session, student_id=decision.student_id, bloc_id=decision.bloc_id, **computed))
        connection.execute(insert(jury_minutes).values(session=minutes.session, version=minutes.version,
                                                       day=minutes.day.isoformat(), place=minutes.place,
                                                       issued_at=minutes.issued_at))
        for position, member in enumerate(minutes.members, start=1):
            connection.execute(insert(jury_members).values(session=minutes.session, version=minutes.version,
                                                           position=position, member=member))
        record_audit(connection, actor=actor or minutes.members[0], action=ACTION_MINUTES, student_id="",
                     assignment_id=minutes.session, grade_id="", old_points=None, new_points=None,
                     new_comment=f"{minutes.title}, {minutes.place}",
                     reason=f"procès-verbal émis : {len(plan.decisions)} décision(s) verrouillée(s)")
        state = _read_session(connection, minutes.session)
    engine.dispose()
    return state


def reopen(db_url: str, session: str, reason: str, by: str) -> Session:
    """Unlock a closed session, with the reason and who asks (audit row `jury_reopen`)."""
    name = _check_session(session)
    problems = []
    if not (reason or "").strip():
        problems.append("--motif est vide : la réouverture d'une session se motive.")
    if not (by or "").strip():
        problems.append("--par est vide : nommez qui rouvre la session.")
    if problems:
        raise CourseError("casp jury rouvrir : rien n'a été enregistré :\n"
                          + "\n".join(f"  - {problem}" for problem in problems))
    engine = open_store(db_url)
    with engine.begin() as connection:
        state = _read_session(connection, name)
        if state is None:
            raise CourseError(f"Session inconnue « {name} » : aucune décision ni procès-verbal enregistré sous ce nom.")
        if not state.locked:
            raise CourseError(f"La session « {name} » n'est pas close (elle est {STATUS_LABELS[state.status]}) : "
                              "il n'y a rien à rouvrir.")
        connection.execute(update(jury_sessions).where(jury_sessions.c.name == name).values(status=REOPENED))
        record_audit(connection, actor=by.strip(), action=ACTION_REOPEN, student_id="", assignment_id=name,
                     grade_id="", old_points=None, new_points=None, old_comment=CLOSED, new_comment=REOPENED,
                     reason=reason.strip())
        state.status = REOPENED
    engine.dispose()
    return state


# What the reports show once a procès-verbal is issued ----------------------------------------------------------

def locked_reason(decision: JuryDecision, minutes: Minutes) -> str:
    """The reason a report prints for a decision the jury locked."""
    where = f"session « {minutes.session} », {minutes.title}"
    if decision.changed:
        return (f"Décision du jury ({where}), qui remplace la décision calculée "
                f"« {DECISION_LABELS[decision.computed]} » : {decision.final_reason}")
    if decision.final is not None:
        return f"Décision confirmée par le jury ({where}) : {decision.final_reason}"
    if decision.computed == "non_evalue":  # nothing to decide: the bloc is not assessed yet
        return decision.computed_reason
    return f"{decision.computed_reason} Décision arrêtée par le jury ({where})."


def apply_locked(connection, decisions: list[BlocDecision]) -> list[BlocDecision]:
    """The computed decisions, with those of each closed session's last procès-verbal in their place.

    A candidate seen by several closed sessions gets the decisions of the latest procès-verbal."""
    sessions = [_read_session(connection, row.name) for row in
                connection.execute(select(jury_sessions.c.name).where(jury_sessions.c.status == CLOSED))]
    sessions = sorted((s for s in sessions if s.latest), key=lambda s: s.latest.issued_at)
    locked: dict[tuple[str, str], tuple[JuryDecision, Minutes]] = {}
    for session in sessions:
        for key, decision in session.decisions.items():
            locked[key] = (decision, session.latest)
    if not locked:
        return decisions
    result = []
    for decision in decisions:
        found = locked.get((decision.student_id, decision.bloc_id))
        if found is None:
            result.append(decision)
            continue
        jury, minutes = found
        result.append(replace(decision, decision=jury.decision, reasons=[locked_reason(jury, minutes)]))
    return result
