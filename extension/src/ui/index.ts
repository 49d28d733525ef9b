/**
 * The extension's page UI. Everything renders under one `<tenk-deg-om>` element with an open
 * shadow root, built with DOM APIs and `textContent` only (never HTML strings).
 *
 * Public API (the content script uses nothing else):
 * - `showHint(field, model)`: show or update the inline hint at `field`'s edge;
 *   `[data-testid="tenk-hint"]` with `data-guidelines="id id …"`.
 * - `hideHint()`: hide it (no guidelines, focus left the field).
 * - `showDialog(model)`: the pre-submit dialog, resolves to `'edit'` or `'publish'`;
 *   `[data-testid="tenk-dialog"]` with `tenk-identity`, `tenk-edit`, `tenk-publish` inside.
 * - `closeDialog()`: close an open dialog as «Rediger».
 * - `hintHasFocus()`: focus is in the hint's card or marker (the field's focusout keeps the hint).
 * - `showReminder(guideline, text)` / `closeReminder()`: the friend-request reminder;
 *   `[data-testid="tenk-reminder"]` with `data-guidelines`, closed by `tenk-reminder-close`.
 * - `isOwnUi(target)`: whether an event target is the extension's UI host.
 * - `removeUi()`: take the UI element out of the page (the content script stands down).
 */
export { showHint, hideHint, hintHasFocus, type HintModel } from './hint';
export { showDialog, closeDialog, type DialogModel, type DialogChoice } from './dialog';
export { isOwnUi, removeUi } from './root';
export { showReminder, closeReminder } from './reminder';
