/**
 * casp-nbgrader-fr:widget-keys: the keys of a widget's list, radio button, check box, slider or button go to
 * that control, not to the notebook (jupyter-widgets/ipywidgets#3912).
 *
 * JupyterLab's command-mode shortcuts (`.jp-Notebook.jp-mod-commandMode:not(.jp-mod-readWrite) :focus`) match
 * any focused element in a notebook that is not editable: on a closed ipywidgets Dropdown, ArrowDown moves to
 * the next cell instead of choosing the next item, and « b » inserts a cell instead of picking « Budget »; on a
 * radio button, a check box or a slider, ArrowDown takes the focus out of the widget and « b » inserts a cell.
 * Text and number fields are `:read-write`, so the lab already leaves their keys to them.
 *
 * Lumino's keymap ignores a keydown whose target (or an ancestor) carries `data-lm-suppress-shortcuts`. The lab
 * handles keydown on the document in the capture phase; this plugin listens on the window, in the capture
 * phase too, so it runs first: when the focused element is one of these controls in a widget, it marks it for
 * the keys the control uses itself (arrows, Home, End, Page Up/Down, typed characters) and unmarks it for every
 * other key, so that the lab's own shortcuts (Ctrl/⌘ + key, Alt + character, Shift + Enter, Escape, function
 * keys) keep working from a widget.
 *
 * Radio buttons are the exception among these keys: ipywidgets gives its radio buttons no `name`, and Chromium
 * then moves an arrow key through every unnamed radio button of the page, checking the one it reaches, in
 * another question or another cell as well. An arrow key on a widget's radio button therefore does nothing;
 * Tab reaches each of them and Space checks it, as with no notebook around.
 *
 * Not a translation: active whatever the lab's language.
 */
import { JupyterFrontEnd, JupyterFrontEndPlugin } from '@jupyterlab/application';

/**
 * Where such a control is a widget's: under a node of class `jupyter-widgets` (most ipywidgets views; an Output
 * widget's area), or in a notebook's output (ipywidgets 8.1's RadioButtons view, shown on its own, has neither
 * that class nor a parent that has it; a list in an output's HTML has the same trap).
 */
const WIDGET = '.jupyter-widgets, .jp-OutputArea-output';
const RADIO = 'input[type="radio"]';
/** The controls whose keys the notebook takes: lists (Dropdown, Select, SelectMultiple), radio buttons, check
 * boxes, sliders (an ipywidgets slider's handle is a `role="slider"` element), and buttons (Button,
 * ToggleButtons): on a focused button, « d d » would delete the cell and ArrowDown leave the widget. */
const CONTROLS = ['select', RADIO, 'input[type="checkbox"]', 'input[type="range"]', '[role="slider"]', 'button'].join(
  ', '
);
const SUPPRESS = 'data-lm-suppress-shortcuts';
const ARROWS = new Set(['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight']);
const NAVIGATION = new Set([...ARROWS, 'Home', 'End', 'PageUp', 'PageDown']);

/**
 * Whether the focused control uses this key itself: a navigation key (also with Shift or Alt: Shift+↓ extends a
 * multiple selection, Alt+↓ opens a list), or a typed character (a list's type-ahead, Space). A key held with
 * Ctrl or ⌘, and any other key, is the lab's.
 */
export function controlOwnsKey(event: KeyboardEvent): boolean {
  if (event.ctrlKey || event.metaKey) {
    return false;
  }
  return NAVIGATION.has(event.key) || (event.key.length === 1 && !event.altKey);
}

function onKeydown(event: KeyboardEvent): void {
  const target = event.target;
  if (!(target instanceof Element && target.matches(CONTROLS) && target.closest(WIDGET) !== null)) {
    return;
  }
  const owned = controlOwnsKey(event);
  target.toggleAttribute(SUPPRESS, owned);
  if (owned && ARROWS.has(event.key) && target.matches(RADIO)) {
    event.preventDefault();
  }
}

const widgetKeys: JupyterFrontEndPlugin<void> = {
  id: 'casp-nbgrader-fr:widget-keys',
  description: "A widget's list, radio buttons, check boxes and sliders keep their own keys in a notebook.",
  autoStart: true,
  activate: (_app: JupyterFrontEnd): void => {
    window.addEventListener('keydown', onKeydown, true);
  }
};

export default widgetKeys;
