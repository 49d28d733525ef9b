/** DOM helpers for the extension's own pages: the shared text-only builder, plus lookups. */
export { h } from '../../ui/dom';

/** The element with `id`, or an error naming it (pages are static, so a miss is a bug). */
export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const node = document.getElementById(id);
  if (!node) throw new Error(`missing #${id}`);
  return node as T;
}
