/**
 * casp-nbgrader-fr: nbgrader's lab extension in French, without touching nbgrader.
 *
 * nbgrader 0.9's lab extension writes its labels as English literals and asks for no ITranslator, so a
 * language pack cannot reach them. When the lab's language is French, this plugin relabels nbgrader's
 * commands (the Nbgrader menu, the palette), its tabs, and the literals of its widgets (assignment list,
 * course list, Create Assignment panel, Validate button, dialogs) from one dictionary (fr.json). It knows
 * nbgrader only by its command ids, widget ids and CSS classes: nothing of nbgrader's package is required,
 * and without nbgrader (or in another language) it does nothing.
 *
 * A second plugin, casp-nbgrader-fr:widget-keys (widgetKeys.ts), active in every language, makes the keys of
 * the widgets' lists, radio buttons, check boxes and sliders work in a notebook: the notebook's shortcuts no
 * longer take them (ipywidgets#3912).
 *
 * A third, casp-nbgrader-fr:due-dates (dueDates.ts), active in every language too, writes each assignment's due
 * date in nbgrader's assignment list, as the learner's server gives it.
 */
import { ILabShell, JupyterFrontEnd, JupyterFrontEndPlugin } from '@jupyterlab/application';
import { ITranslator } from '@jupyterlab/translation';

import { relabelCommands } from './commands';
import { COMMAND_LABELS, TITLES } from './dictionary';
import { LiteralTranslator } from './literals';
import dueDates from './dueDates';
import widgetKeys from './widgetKeys';

/**
 * nbgrader's widget nodes whose literals are translated.
 */
const NBGRADER_NODES = [
  '#nbgrader-assignment-list', // the Assignments tab
  '#nbgrader-course-list', // the Courses tab
  '#nbgrader-create_assignemnt', // the Create Assignment side panel (sic: nbgrader's id)
  '.jp-Toolbar-item[data-jp-item-name="runAll"]' // the Validate button nbgrader puts in each notebook's toolbar
].join(', ');
const NBGRADER_DIALOGS = ['nbgrader-ErrorDialog', 'nbgrader-SuccessDialog'];
const AREAS = ['main', 'left', 'right'];

function relabelTitles(shell: JupyterFrontEnd.IShell): void {
  for (const area of AREAS) {
    for (const widget of shell.widgets(area)) {
      const title = TITLES[widget.id];
      if (!title) {
        continue;
      }
      if (widget.title.label !== title.label) {
        widget.title.label = title.label;
      }
      if (title.caption !== undefined && widget.title.caption !== title.caption) {
        widget.title.caption = title.caption;
      }
    }
  }
}

function isNbgraderDialog(node: Node): node is Element {
  return node instanceof Element && NBGRADER_DIALOGS.some(name => node.classList.contains(name));
}

const plugin: JupyterFrontEndPlugin<void> = {
  id: 'casp-nbgrader-fr:plugin',
  description: "nbgrader's commands, menu and widgets in French when the lab's language is French.",
  autoStart: true,
  requires: [ITranslator],
  optional: [ILabShell],
  activate: (app: JupyterFrontEnd, translator: ITranslator, labShell: ILabShell | null): void => {
    if (!translator.languageCode.toLowerCase().startsWith('fr')) {
      return;
    }
    relabelCommands(app.commands, COMMAND_LABELS);

    const literals = new LiteralTranslator();
    const scan = (): void => {
      relabelTitles(app.shell);
      document.querySelectorAll(NBGRADER_NODES).forEach(node => literals.watch(node));
    };
    let scheduled = false;
    const scheduleScan = (): void => {
      if (!scheduled) {
        scheduled = true;
        void Promise.resolve().then(() => {
          scheduled = false;
          scan();
        });
      }
    };

    // nbgrader's panels appear when its commands run (from the menu, or when the layout is restored) and
    // notebooks (with their Validate button) when the layout changes.
    app.commands.commandExecuted.connect((_, executed) => {
      if (executed.id in COMMAND_LABELS) {
        scheduleScan();
      }
    });
    labShell?.layoutModified.connect(scheduleScan);
    labShell?.currentChanged.connect(scheduleScan);
    void app.restored.then(scheduleScan);
    scheduleScan();

    // Dialogs are attached to the page's body: watch its children only, and translate nbgrader's.
    new MutationObserver(records => {
      for (const record of records) {
        record.addedNodes.forEach(node => {
          if (isNbgraderDialog(node)) {
            literals.watch(node);
          }
        });
      }
    }).observe(document.body, { childList: true });
  }
};

export default [plugin, widgetKeys, dueDates];
