/**
 * A bounded message from the content script to the service worker.
 *
 * The browser may stop the worker at any time (idle, memory, a DevTools «stop»). A message that
 * was on its way or being answered then fails ("Could not establish connection. Receiving end
 * does not exist.", "The message port closed before a response was received."), while the next
 * message starts a fresh worker. So a failed message is sent once more, and every attempt has its
 * own time limit: a caller never waits for ever (a held submit then fails open). Every message
 * this sends is safe to repeat (core requests and the site's session state).
 */

/** How long one attempt may take: a cold worker fetches and compiles the core first. */
export const WORKER_ATTEMPT_MS = 5000;

/** An attempt that did not settle in time. */
export class WorkerTimeout extends Error {
  constructor(ms = WORKER_ATTEMPT_MS) {
    super(`the service worker did not answer within ${ms} ms`); // i18n-ok: diagnostics
    this.name = 'WorkerTimeout';
  }
}

/**
 * Sends `message` to this extension's service worker and resolves to its answer. A failed
 * attempt (the worker went away) is retried once while the extension is still alive; a timeout
 * is not retried. Rejects when no attempt succeeded. `attemptMs`: a longer limit for work known
 * to take longer (a very long text to analyse).
 */
export async function sendToWorker<T>(message: unknown, alive: () => boolean, attemptMs = WORKER_ATTEMPT_MS): Promise<T> {
  try {
    return await attempt<T>(message, attemptMs);
  } catch (e) {
    if (e instanceof WorkerTimeout || !alive()) throw e;
    return attempt<T>(message, attemptMs);
  }
}

function attempt<T>(message: unknown, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new WorkerTimeout(ms)), ms);
    const settle = (done: () => void): void => {
      clearTimeout(timer);
      done();
    };
    try {
      (chrome.runtime.sendMessage(message) as Promise<T>).then(
        (r) => settle(() => resolve(r)),
        (e: unknown) => settle(() => reject(e)),
      );
    } catch (e) {
      settle(() => reject(e)); // the extension is gone ("Extension context invalidated")
    }
  });
}
