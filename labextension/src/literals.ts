/**
 * nbgrader's widgets in French: their English text nodes and `title` / `aria-label` attributes replaced with
 * the dictionary's French, now and whenever nbgrader writes them again (a button that reads « Fetching... »
 * while it works, a list filled in once the server answers, a dialog built from a template).
 *
 * One MutationObserver watches only the nodes it is given (nbgrader's panels, its toolbar button, its
 * dialogs), never the whole page. A text that is not in the dictionary (an assignment's name, a course id,
 * a date) is left alone; French is never a key, so the observer's own changes end there.
 */
import { translate } from './dictionary';

const ATTRIBUTES = ['title', 'aria-label'];

export class LiteralTranslator {
  /**
   * Translate `node` and everything under it, then keep it translated.
   */
  watch(node: Element): void {
    if (this._watched.has(node)) {
      return;
    }
    this._watched.add(node);
    this.translateTree(node);
    this._observer.observe(node, {
      subtree: true,
      childList: true,
      characterData: true,
      attributes: true,
      attributeFilter: ATTRIBUTES
    });
  }

  /**
   * Stop watching every node.
   */
  dispose(): void {
    this._observer.disconnect();
  }

  /**
   * Translate the literals of `root` and of its descendants once.
   */
  translateTree(root: Node): void {
    if (root.nodeType === Node.TEXT_NODE) {
      this._translateText(root as Text);
      return;
    }
    if (root.nodeType !== Node.ELEMENT_NODE) {
      return;
    }
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
    for (let node: Node | null = root; node; node = walker.nextNode()) {
      if (node.nodeType === Node.TEXT_NODE) {
        this._translateText(node as Text);
      } else {
        for (const name of ATTRIBUTES) {
          this._translateAttribute(node as Element, name);
        }
      }
    }
  }

  private _onMutations(records: MutationRecord[]): void {
    for (const record of records) {
      if (record.type === 'childList') {
        record.addedNodes.forEach(node => this.translateTree(node));
      } else if (record.type === 'characterData') {
        this._translateText(record.target as Text);
      } else if (record.type === 'attributes' && record.attributeName) {
        this._translateAttribute(record.target as Element, record.attributeName);
      }
    }
  }

  private _translateText(node: Text): void {
    const french = translate(node.data);
    if (french !== null && french !== node.data) {
      node.data = french;
    }
  }

  private _translateAttribute(element: Element, name: string): void {
    const value = element.getAttribute(name);
    const french = value === null ? null : translate(value);
    if (french !== null && french !== value) {
      element.setAttribute(name, french);
    }
  }

  private _observer = new MutationObserver(records => this._onMutations(records));
  private _watched = new WeakSet<Node>();
}
