/**
 * Runs in the page's own JavaScript world (manifest `world: "MAIN"`), at document start, and does
 * one thing: makes a page script's `form.submit()` — which, unlike a button or `requestSubmit()`,
 * fires no `submit` event — announce itself first with a cancelable event on the form. The
 * content script (isolated world) holds that event like any other submit; with no content script
 * listening, or when it lets the submit through, the browser's own `submit()` runs unchanged.
 * Nothing else is exposed to the page: no globals, no data, no messages.
 */
import { FORM_SUBMIT_EVENT } from '../common/form-submit-event';

const proto = HTMLFormElement.prototype;
const descriptor = Object.getOwnPropertyDescriptor(proto, 'submit');
const native = proto.submit;

/** `form.submit()` as the browser has it, once nobody objects. */
function submit(this: HTMLFormElement): void {
  let proceed = true;
  try {
    proceed = this.dispatchEvent(new CustomEvent(FORM_SUBMIT_EVENT, { bubbles: true, composed: true, cancelable: true }));
  } catch {
    // Not a form (an odd receiver): the browser's own method gives the page its usual error.
  }
  if (proceed) native.call(this);
}

if (descriptor && typeof native === 'function') {
  Object.defineProperty(proto, 'submit', { ...descriptor, value: submit });
}
