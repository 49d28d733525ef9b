/**
 * Comment fields of no known family on the news sites (the default list and sites IT added): a `<textarea>`, a text
 * `<input>` or a `contenteditable` labelled like «Skriv en kommentar», «Legg inn en
 * kommentar», «Kommenter», «Svar» or «Write a comment». Whether an element is one is the core's
 * decision (`qualifyField`, `crates/tenk-core/src/field.rs`: never a search box, a login or
 * payment form, a password or a combobox); this adapter only describes the element in plain
 * strings, once, when an event first goes through it. Checked against
 * tests/fixtures/newspaper/generic.html.
 */
import type { FieldDecisionResponse, FieldDescription } from '../../common/core-api';
import { request } from '../core-client';
import { isButtonLike, noCandidates, pushBoxCandidates, pushCandidate, type Adapter } from './types';

/** Words on script-driven send buttons (nb/nn/en). */
const SEND_LABEL = /^\s*(send|publiser|kommenter|kommentér|svar|post|submit|reply|comment|legg inn)\b/i;
/** How far up from the field its comment box reaches when it has no <form>. */
const BOX_DEPTH = 2;
/** Ancestors whose ids, classes and labels are handed to the core. */
const CONTAINER_DEPTH = 6;
/** Strings handed to the core are cut to this length. */
const MAX_CHARS = 200;

/** The core's answers, per element. */
const decided = new WeakMap<HTMLElement, boolean>();

export const generic: Adapter = {
  family: 'generic',
  appliesTo: (_url, family) => family === 'newspaper' || family === 'generic',
  fieldSelector: 'textarea, input, [contenteditable]:not([contenteditable="false"]), [role="textbox"]',
  isField: (el) => decided.get(el) === true,
  async qualifyLater(el) {
    const res = await request<FieldDecisionResponse>({ op: 'qualifyField', field: describeField(el) }, 'fieldDecision');
    const yes = res?.qualifies === true;
    decided.set(el, yes);
    return yes;
  },
  readText(field) {
    if (field instanceof HTMLTextAreaElement || field instanceof HTMLInputElement) return field.value;
    return field.innerText;
  },
  identityCandidates(field) {
    const c = noCandidates();
    pushCandidate(c.labels, field.getAttribute('aria-label'));
    pushCandidate(c.labels, field.getAttribute('placeholder'));
    const box = commentBox(field);
    if (!box) return c;
    pushBoxCandidates(c, field, box);
    return c;
  },
  // A single-line box outside a form can only mean «send» with Enter; everything else sends by
  // its button (a form's own submit is caught by the submit event).
  isSubmitKey: (ev, field) =>
    field instanceof HTMLInputElement &&
    !field.form &&
    ev.key === 'Enter' &&
    !ev.shiftKey &&
    !ev.isComposing &&
    ev.keyCode !== 229 &&
    !ev.altKey,
  isSendControl(control, field) {
    if (!isButtonLike(control)) return false;
    // A form's submit button fires the form's submit event, which the guard holds.
    if ((control instanceof HTMLButtonElement && control.type === 'submit' && control.form) || control instanceof HTMLInputElement) return false;
    return sendLabelled(control) && sendBox(field)?.contains(control) === true;
  },
};

/** Whether a button's label reads like sending a comment. */
function sendLabelled(el: Element): boolean {
  return SEND_LABEL.test(el.getAttribute('aria-label') ?? el.textContent ?? '');
}

/**
 * The box whose send button submits `field`: its form, or the nearest ancestor (at most
 * `BOX_DEPTH` up) holding a send-labelled button. A «Svar» farther out opens another box; it
 * does not send this one.
 */
function sendBox(field: HTMLElement): HTMLElement | null {
  const form = field.closest('form');
  if (form) return form;
  let box: HTMLElement | null = field;
  for (let i = 0; i < BOX_DEPTH && box?.parentElement && box.parentElement !== field.ownerDocument.body; i++) {
    box = box.parentElement;
    const buttons = Array.from(box.querySelectorAll('button, [role="button"]'));
    if (buttons.some((b) => !field.contains(b) && sendLabelled(b))) return box;
  }
  return box;
}

/** The field's comment box: its form, or the element a few levels up. */
function commentBox(field: HTMLElement): HTMLElement | null {
  const form = field.closest('form');
  if (form) return form;
  let box: HTMLElement | null = field;
  for (let i = 0; i < BOX_DEPTH && box?.parentElement && box.parentElement !== field.ownerDocument.body; i++) box = box.parentElement;
  return box;
}

/** What the core needs to decide whether `el` is a comment field, as plain strings and flags. */
export function describeField(el: HTMLElement): FieldDescription {
  const attr = (name: string): string | null => cut(el.getAttribute(name));
  const control = el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement ? el : null;
  const form = control ? control.form : el.closest('form');
  const submits = form ? Array.from(form.querySelectorAll('button:not([type]), button[type="submit"], input[type="submit"]')) : [];
  return {
    tag: el.localName,
    role: attr('role'),
    type: el instanceof HTMLInputElement ? (attr('type') ?? '') : null,
    contenteditable: el.isContentEditable,
    ariaLabel: attr('aria-label'),
    placeholder: attr('placeholder') ?? attr('aria-placeholder') ?? attr('data-placeholder'),
    name: attr('name'),
    id: cut(el.id),
    autocomplete: attr('autocomplete'),
    labels: labelTexts(el),
    formAction: form ? cut(form.getAttribute('action')) : null,
    formHasPassword: form?.querySelector('input[type="password"]') != null,
    inSearchForm: el.closest('[role="search"]') !== null,
    lexical: el.getAttribute('data-lexical-editor') === 'true',
    submitLabels: submits.map((b) => cut(b instanceof HTMLInputElement ? b.value : b.textContent)).filter((s): s is string => s !== null).slice(0, 5),
    containerHints: containerHints(el),
    ariaAutocomplete: attr('aria-autocomplete'),
    disabled: control?.disabled ?? false,
    readonly: control?.readOnly ?? false,
    hidden: el.hidden || (el instanceof HTMLInputElement && el.type === 'hidden') || el.getClientRects().length === 0,
  };
}

/** Texts of the field's `<label>`s and `aria-labelledby` targets. */
function labelTexts(el: HTMLElement): string[] {
  const out: string[] = [];
  const labels = el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement ? Array.from(el.labels ?? []) : [];
  for (const label of labels) pushCandidate(out, label.textContent);
  for (const id of (el.getAttribute('aria-labelledby') ?? '').split(/\s+/).filter(Boolean).slice(0, 5)) {
    pushCandidate(out, el.ownerDocument.getElementById(id)?.textContent);
  }
  return out;
}

/** Ids, classes and `aria-label`s of the nearest ancestors, nearest first. */
function containerHints(el: HTMLElement): string[] {
  const out: string[] = [];
  let node = el.parentElement;
  for (let i = 0; i < CONTAINER_DEPTH && node && node !== el.ownerDocument.body; i++, node = node.parentElement) {
    for (const value of [node.id, node.getAttribute('class'), node.getAttribute('aria-label')]) {
      const s = cut(value);
      if (s) out.push(s);
    }
  }
  return out;
}

function cut(value: string | null | undefined): string | null {
  const s = (value ?? '').replace(/\s+/g, ' ').trim();
  return s ? s.slice(0, MAX_CHARS) : null;
}
