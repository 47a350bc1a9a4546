/**
 * casp-nbgrader-fr:due-dates: each assignment's due date in nbgrader's assignment list (the « Devoirs » tab).
 *
 * nbgrader's list shows no due date. The learner's server answers `GET casp/echeances?course_id=…` with the due
 * date of each assignment released to the learner, read from the released notebooks
 * (course/nbgrader_ext/due_date_list.py): {"m12_entretiens_accueil": "10 décembre 2026 à 18 h 00"}. Whenever
 * nbgrader fills its list (at opening, on refresh, after a fetch or a submit), this plugin asks once per course
 * shown and writes « à rendre au plus tard le 10 décembre 2026 à 18 h 00 » under the name of every row of
 * such an assignment (released, fetched or submitted), as text: read by screen readers, not a colour.
 *
 * Active whatever the lab's language: the date is the course's, in French, as in the notebook's first cell.
 * A server without that extension answers 404: the list stays as nbgrader makes it.
 */
import { ILabShell, JupyterFrontEnd, JupyterFrontEndPlugin } from '@jupyterlab/application';
import { ServerConnection } from '@jupyterlab/services';

const LIST = '#nbgrader-assignment-list';
const ROWS = [
  '#released_assignments_list',
  '#fetched_assignments_list',
  '#submitted_assignments_list'
].map(list => `${list} > .list_item:not(.nested_list_item)`);
export const DUE_DATE_CLASS = 'casp-echeance';
const SEEN = 'caspEcheance'; // data-casp-echeance on a row already handled
const NAME = '.item_name > :first-child'; // the assignment's id (a link when fetched)
const COURSE = '.item_course';

type DueDates = Record<string, string>;

async function fetchDueDates(settings: ServerConnection.ISettings, courseId: string): Promise<DueDates> {
  const url = `${settings.baseUrl}casp/echeances?course_id=${encodeURIComponent(courseId)}`;
  const response = await ServerConnection.makeRequest(url, { method: 'GET' }, settings);
  return response.ok ? ((await response.json()) as DueDates) : {};
}

function rowText(row: Element, selector: string): string {
  return (row.querySelector(selector)?.textContent ?? '').trim();
}

function addDueDate(row: Element, date: string): void {
  const name = row.querySelector('.item_name');
  if (!name || name.querySelector(`.${DUE_DATE_CLASS}`)) {
    return;
  }
  const text = document.createElement('span');
  text.className = DUE_DATE_CLASS;
  text.textContent = `à rendre au plus tard le ${date}`;
  text.style.display = 'block';
  text.style.fontSize = '0.9em';
  name.append(text);
}

/**
 * Write the due dates into the rows nbgrader has just added (those not seen yet), one request per course.
 */
async function annotate(list: Element, settings: ServerConnection.ISettings): Promise<void> {
  const rows = Array.from(list.querySelectorAll(ROWS.join(', '))).filter(
    row => !(row as HTMLElement).dataset[SEEN]
  );
  if (!rows.length) {
    return;
  }
  rows.forEach(row => ((row as HTMLElement).dataset[SEEN] = 'true'));
  const courses = new Set(rows.map(row => rowText(row, COURSE)).filter(course => course));
  for (const courseId of courses) {
    let dates: DueDates;
    try {
      dates = await fetchDueDates(settings, courseId);
    } catch (reason) {
      console.warn(`casp-nbgrader-fr : échéances du cours ${courseId} indisponibles.`, reason);
      continue;
    }
    for (const row of rows) {
      const date = dates[rowText(row, NAME)];
      if (rowText(row, COURSE) === courseId && date) {
        addDueDate(row, date);
      }
    }
  }
}

const plugin: JupyterFrontEndPlugin<void> = {
  id: 'casp-nbgrader-fr:due-dates',
  description: "Each assignment's due date in nbgrader's assignment list, from the released notebooks.",
  autoStart: true,
  optional: [ILabShell],
  activate: (app: JupyterFrontEnd, labShell: ILabShell | null): void => {
    const settings = app.serviceManager.serverSettings;
    const watched = new WeakSet<Element>();
    let scheduled = false;
    const watch = (): void => {
      const list = document.querySelector(LIST);
      if (!list || watched.has(list)) {
        return;
      }
      watched.add(list);
      // nbgrader empties and refills its lists: the rows it adds are new ones, without the mark.
      let pending = false;
      new MutationObserver(() => {
        if (!pending) {
          pending = true;
          void Promise.resolve().then(() => {
            pending = false;
            void annotate(list, settings);
          });
        }
      }).observe(list, { childList: true, subtree: true });
      void annotate(list, settings);
    };
    const scheduleWatch = (): void => {
      if (!scheduled) {
        scheduled = true;
        void Promise.resolve().then(() => {
          scheduled = false;
          watch();
        });
      }
    };
    // The list appears when nbgrader's command opens it (from the menu, or when the layout is restored).
    app.commands.commandExecuted.connect(scheduleWatch);
    labShell?.layoutModified.connect(scheduleWatch);
    void app.restored.then(scheduleWatch);
  }
};

export default plugin;
