"""The blind second marker's screen: ipywidgets in the notebook `casp second-marking open` prepares.

One copy at a time, under its anonymous code: for each written criterion, the prompt, the learner's answer
(names scrubbed), the four level descriptors, the levels to choose from and a comment. Choosing a level
saves at once (blind.save_blind_mark → casp_second_marks, with the marker and the time); the comment is
saved when the field is left or with its button. Reopened, the screen rereads what was saved.

The screen is driven the same way by a click and by its Python API (choose_level, write_comment, next…),
which the tests and the demo use: both go through the widgets' observers. Accessibility, as in the
learners' widgets (tests/test_widget_accessibilite.py): radio buttons with the question written just above
them, a labelled text area sending its value when left, buttons with their text; everything is text.
"""
from __future__ import annotations

import html
from pathlib import Path

import ipywidgets as widgets
from markdown_it import MarkdownIt

from .. import CourseError
from ..catalogue import load_catalogue
from ..config import gradebook_url
from ..formatting import points_fr
from .blind import blind_marks, read_blind_data, save_blind_mark

PREVIOUS = "◂ Copie précédente"
NEXT = "Copie suivante ▸"
SAVE_COMMENT = "Enregistrer le commentaire"
COMMENT_LABEL = "Commentaire (facultatif)"
_MARKDOWN = MarkdownIt("commonmark", {"html": False})  # the learner's raw HTML is shown as text, never run
_STYLE = {"description_width": "initial"}


def _e(text: str) -> str:
    return html.escape(text, quote=False)


class _CriterionPanel:
    """One criterion's part of the screen: the answer shown, the levels, the comment and a status line."""

    def __init__(self, criterion: dict) -> None:
        self.criterion = criterion
        self.points = {level["cle"]: float(level["points"]) for level in criterion["niveaux"]}
        descriptors = "".join(f"<li><b>{_e(level['libelle'])}</b> ({_e(points_fr(level['points']))}) : "
                              f"{_e(level['descripteur'])}</li>" for level in criterion["niveaux"])
        self.answer = widgets.HTML()
        self.levels = widgets.RadioButtons(
            options=[(f"{level['libelle']} ({points_fr(level['points'])})", level["cle"])
                     for level in criterion["niveaux"]],
            value=None, layout=widgets.Layout(width="auto"))
        self.comment = widgets.Textarea(description=COMMENT_LABEL, rows=2, style=_STYLE, continuous_update=False,
                                        layout=widgets.Layout(width="90%"))
        self.save_comment = widgets.Button(description=SAVE_COMMENT, icon="save", layout=widgets.Layout(width="auto"))
        self.status = widgets.HTML()
        self.widget = widgets.VBox([
            widgets.HTML(f"<h4>{_e(criterion['id'])} : {_e(criterion['libelle'])}</h4>"
                         f"<p><b>Consigne</b></p>{_MARKDOWN.render(criterion['consigne'])}"),
            widgets.HTML("<p><b>Réponse</b></p>"),
            self.answer,
            widgets.HTML(f"<p><b>Niveaux</b></p><ul>{descriptors}</ul>"),
            widgets.HTML(f"<p><b>Niveau retenu pour {_e(criterion['id'])} :</b></p>"),
            self.levels, self.comment, self.save_comment, self.status,
        ], layout=widgets.Layout(border="1px solid #767676", padding="0 8px 8px 8px", margin="0 0 12px 0"))


class EcranDeCorrection:
    """The blind marking screen of one marker on one assignment, read from the data file beside the notebook."""

    def __init__(self, data_file: str | Path, db_url: str | None = None) -> None:
        data = read_blind_data(Path(data_file))
        self.assignment_id: str = data["devoir"]
        self.marker: str = data["correcteur"]
        self.copies: list[dict] = data["copies"]
        self.criteria: list[dict] = data["criteres"]
        course_dir = Path(data["cours"])
        self.catalogue = load_catalogue(course_dir)
        self.db_url = db_url or gradebook_url(course_dir)
        if not self.copies:
            raise CourseError(f"{data_file} : aucune copie à corriger.")
        self.saved = blind_marks(self.db_url, self.catalogue, self.assignment_id, self.marker)
        self.index = 0
        self._loading = False
        self.panels = {criterion["id"]: _CriterionPanel(criterion) for criterion in self.criteria}
        for criterion_id, panel in self.panels.items():
            panel.levels.observe(lambda change, cid=criterion_id: self._level_changed(cid, change["new"]), "value")
            panel.comment.observe(lambda change, cid=criterion_id: self._comment_changed(cid), "value")
            panel.save_comment.on_click(lambda _button, cid=criterion_id: self._comment_changed(cid))
        self.position = widgets.HTML()
        self.progress = widgets.HTML()
        self.previous_button = widgets.Button(description=PREVIOUS, layout=widgets.Layout(width="auto"))
        self.next_button = widgets.Button(description=NEXT, button_style="primary", layout=widgets.Layout(width="auto"))
        self.previous_button.on_click(lambda _button: self.previous())
        self.next_button.on_click(lambda _button: self.next())
        self.widget = widgets.VBox([
            widgets.HTML(f"<h3>Double correction à l'aveugle : {_e(data.get('titre', self.assignment_id))}</h3>"
                         f"<p>Devoir {_e(self.assignment_id)}, second correcteur : {_e(self.marker)}.</p>"),
            self.position, self.progress,
            *(panel.widget for panel in self.panels.values()),
            widgets.HBox([self.previous_button, self.next_button]),
        ])
        self._show()

    # --- what the tests and the demo drive ---------------------------------------------------------

    @property
    def code(self) -> str:
        """The anonymous code of the copy on screen."""
        return self.copies[self.index]["code"]

    def go_to(self, index: int) -> None:
        if not 0 <= index < len(self.copies):
            raise CourseError(f"Copie {index + 1} : il y a {len(self.copies)} copie(s), de 1 à {len(self.copies)}.")
        self.index = index
        self._show()

    def next(self) -> None:
        if self.index + 1 < len(self.copies):
            self.go_to(self.index + 1)

    def previous(self) -> None:
        if self.index > 0:
            self.go_to(self.index - 1)

    def choose_level(self, criterion_id: str, level_key: str) -> None:
        """What a click on a level does: select it, which saves it."""
        self._panel(criterion_id).levels.value = level_key

    def write_comment(self, criterion_id: str, text: str) -> None:
        """What typing a comment and leaving the field does."""
        self._panel(criterion_id).comment.value = text

    def selected_level(self, criterion_id: str) -> str | None:
        return self._panel(criterion_id).levels.value

    def answer_html(self, criterion_id: str) -> str:
        return self._panel(criterion_id).answer.value

    def status(self, criterion_id: str) -> str:
        return self._panel(criterion_id).status.value

    # --- mechanics ---------------------------------------------------------------------------------

    def _panel(self, criterion_id: str) -> _CriterionPanel:
        if criterion_id not in self.panels:
            raise CourseError(f"Critère « {criterion_id} » absent de l'écran "
                              f"(critères : {', '.join(self.panels)}).")
        return self.panels[criterion_id]

    def _show(self) -> None:
        """Put the current copy's answers, and what was saved for it, in the panels without saving anything."""
        copy = self.copies[self.index]
        self._loading = True
        try:
            for criterion_id, panel in self.panels.items():
                text = copy["reponses"].get(criterion_id, "")
                panel.answer.value = (f"<div style='border-left: 4px solid #767676; padding-left: 8px'>"
                                      f"{_MARKDOWN.render(text)}</div>")
                points, comment = self.saved.get((copy["code"], criterion_id), (None, ""))
                panel.levels.value = next((key for key, value in panel.points.items() if value == points), None)
                panel.comment.value = comment
                panel.status.value = "<p>Enregistré.</p>" if points is not None else ""
        finally:
            self._loading = False
        self.previous_button.disabled = self.index == 0
        self.next_button.disabled = self.index == len(self.copies) - 1
        self._show_progress()

    def _show_progress(self) -> None:
        total = len(self.copies) * len(self.criteria)
        done = sum(1 for copy in self.copies for c in self.criteria if (copy["code"], c["id"]) in self.saved)
        finished = sum(1 for copy in self.copies if all((copy["code"], c["id"]) in self.saved for c in self.criteria))
        self.position.value = f"<p><b>Copie {self.index + 1} sur {len(self.copies)}</b>, code {_e(self.code)}</p>"
        self.progress.value = (f"<p>Niveaux enregistrés : {done} sur {total} ; copies terminées : {finished} sur "
                               f"{len(self.copies)}.</p>")

    def _save(self, criterion_id: str, level_key: str, comment: str) -> None:
        panel = self.panels[criterion_id]
        points = panel.points[level_key]
        key = (self.code, criterion_id)
        if self.saved.get(key) == (points, comment):
            return
        try:
            save_blind_mark(self.db_url, self.catalogue, assignment_id=self.assignment_id, code=self.code,
                            criterion_id=criterion_id, points=points, comment=comment, marker=self.marker)
        except CourseError as exc:
            panel.status.value = f"<p><b>Non enregistré</b> : {_e(str(exc))}</p>"
            return
        self.saved[key] = (points, comment)
        label = next(level["libelle"] for level in panel.criterion["niveaux"] if level["cle"] == level_key)
        panel.status.value = f"<p>Enregistré : {_e(label)} ({_e(points_fr(points))})" + (
            ", avec le commentaire.</p>" if comment else ".</p>")
        self._show_progress()

    def _level_changed(self, criterion_id: str, level_key: str | None) -> None:
        if self._loading or level_key is None:
            return
        self._save(criterion_id, level_key, self.panels[criterion_id].comment.value.strip())

    def _comment_changed(self, criterion_id: str) -> None:
        if self._loading:
            return
        panel = self.panels[criterion_id]
        if panel.levels.value is None:
            panel.status.value = "<p>Choisissez d'abord un niveau : le commentaire sera enregistré avec lui.</p>"
            return
        self._save(criterion_id, panel.levels.value, panel.comment.value.strip())
