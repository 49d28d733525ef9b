/**
 * The one event the page-world script (`extension/src/main-world/form-submit.ts`) and the
 * content script share: a page script called `form.submit()` on this form. It carries no data
 * (nothing crosses between the worlds but the event itself); cancelling it keeps the form from
 * being sent. A page can dispatch it too: at most that shows the dialog for its own form.
 */
export const FORM_SUBMIT_EVENT = 'tenk-deg-om:form-submit';
