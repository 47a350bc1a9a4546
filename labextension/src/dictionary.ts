/**
 * The one French dictionary (fr.json): nbgrader's English literals, as its built JavaScript writes them,
 * and what a French lab shows instead.
 *
 * - `commands`: command id → label (the Nbgrader menu, the command palette);
 * - `titles`: widget id → tab label and caption (main area and side bars);
 * - `texts`: exact literal (text node or `title` / `aria-label` attribute, compared without its surrounding
 *   white space) → French;
 * - `patterns`: messages nbgrader builds from a template (a cell type, an id, an error): an anchored regular
 *   expression over the whole trimmed text, and its French replacement ($1, $2… for the captured parts).
 *
 * tests/test_labextension.py checks that every English entry still occurs in nbgrader's built JavaScript.
 */
import french from './fr.json';

export interface ITitleText {
  label: string;
  caption?: string;
}

export const COMMAND_LABELS: Readonly<Record<string, string>> = french.commands;
export const TITLES: Readonly<Record<string, ITitleText>> = french.titles;

const TEXTS = new Map<string, string>(Object.entries(french.texts));
const PATTERNS: ReadonlyArray<[RegExp, string]> = french.patterns.map(
  ({ english, french }) => [new RegExp(english, 's'), french]
);

/**
 * The French for a literal, its surrounding white space kept; null when the text is not nbgrader's.
 */
export function translate(text: string): string | null {
  const trimmed = text.trim();
  if (!trimmed) {
    return null;
  }
  let translated = TEXTS.get(trimmed);
  if (translated === undefined) {
    const match = PATTERNS.find(([english]) => english.test(trimmed));
    if (!match) {
      return null;
    }
    translated = trimmed.replace(match[0], match[1]);
  }
  const start = text.indexOf(trimmed);
  return text.slice(0, start) + translated + text.slice(start + trimmed.length);
}
