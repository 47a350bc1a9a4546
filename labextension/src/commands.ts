/**
 * nbgrader's commands under French labels.
 *
 * Lumino's CommandRegistry has no public way to change the label of a command another plugin registered:
 * `addCommand` keeps the label as a function in the registry's entry for the id, and `label(id)` calls it
 * each time a menu or the palette is drawn. This module replaces that function in the entry (the registry's
 * `_commands` map, unchanged across Lumino 2.x) and calls `notifyCommandChanged` so that what is already
 * drawn is drawn again. The registry's `commandChanged` signal tells when nbgrader adds a command, so the
 * order in which the two extensions start does not matter. If a future Lumino stores commands differently,
 * the labels stay English and one warning is logged: the lab keeps working.
 */
import type { JupyterFrontEnd } from '@jupyterlab/application';

type Commands = JupyterFrontEnd['commands'];

interface IRegisteredCommand {
  label: (args?: unknown) => string;
}

const relabelled = new WeakSet<IRegisteredCommand>();
let warned = false;

function registered(commands: Commands, id: string): IRegisteredCommand | null {
  const entries = (commands as unknown as { _commands?: unknown })._commands;
  if (!(entries instanceof Map)) {
    if (!warned) {
      warned = true;
      console.warn('casp-nbgrader-fr: Lumino command registry not recognised, nbgrader menu labels left as they are');
    }
    return null;
  }
  const entry = entries.get(id) as IRegisteredCommand | undefined;
  return entry && typeof entry.label === 'function' ? entry : null;
}

/**
 * Give the command `id` the label `label`; false when no such command is registered (yet).
 */
export function relabelCommand(commands: Commands, id: string, label: string): boolean {
  const entry = registered(commands, id);
  if (!entry) {
    return false;
  }
  if (!relabelled.has(entry)) {
    entry.label = () => label;
    relabelled.add(entry);
    commands.notifyCommandChanged(id);
  }
  return true;
}

/**
 * Relabel the commands of `labels` (command id → label) registered now, and each one as soon as it is added.
 */
export function relabelCommands(commands: Commands, labels: Readonly<Record<string, string>>): void {
  for (const [id, label] of Object.entries(labels)) {
    if (commands.hasCommand(id)) {
      relabelCommand(commands, id, label);
    }
  }
  commands.commandChanged.connect((_, change) => {
    if (change.type === 'added' && change.id !== undefined && change.id in labels) {
      relabelCommand(commands, change.id, labels[change.id]);
    }
  });
}
