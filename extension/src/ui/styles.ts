/** Styles inside the shadow root: the page cannot restyle the UI, and the UI cannot leak out. */
export const STYLES = `
:host { all: initial; }
* { box-sizing: border-box; }
.hint {
  position: fixed; z-index: 2147483647; max-width: 360px; padding: 8px 10px;
  font: 13px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1d1d1f;
  background: #fff8e1; border: 1px solid #e0a800; border-radius: 8px;
  box-shadow: 0 2px 8px rgba(0,0,0,.15);
  /* Never blocks a click on the page (its send button may sit right under the field). */
  pointer-events: none;
}
.hint[hidden] { display: none; }
.hint strong { display: block; margin-bottom: 2px; }
.hint ul, dialog ul { margin: 4px 0 0; padding-left: 18px; }
dialog {
  max-width: 480px; width: calc(100vw - 32px); padding: 20px 22px; border: 0; border-radius: 12px;
  font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1d1d1f;
  background: #fff; box-shadow: 0 12px 40px rgba(0,0,0,.3);
}
dialog::backdrop { background: rgba(0,0,0,.45); }
dialog h2 { margin: 0 0 10px; font-size: 19px; }
.identity { margin: 0 0 10px; padding: 8px 10px; background: #eef3fb; border-radius: 8px; }
.buttons { display: flex; gap: 10px; justify-content: flex-end; margin-top: 16px; flex-wrap: wrap; }
button { font: inherit; padding: 8px 16px; border-radius: 8px; cursor: pointer; }
.edit { background: #1a56db; color: #fff; border: 1px solid #1a56db; }
.publish { background: #fff; color: #1d1d1f; border: 1px solid #8a8a8e; }
button:focus-visible { outline: 3px solid #f5b400; outline-offset: 2px; }
`;
