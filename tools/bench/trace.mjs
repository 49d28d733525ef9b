// @ts-check
// Chromium's performance trace, read for one question: how much main-thread time does the
// extension's content script take, and in which tasks. Every trace event that names one of the
// extension's scripts in the page (`content.js`, `main-world.js`, and Chromium's `ui.js`, the page
// UI the content script loads on the first focus: their evaluation, compilation, and
// every call into it: event listeners, timers, idle callbacks, MutationObserver callbacks) is
// extension work. The trace covers every renderer of the browser, so the extension's own pages
// (the onboarding tab a fresh install opens, with its `pages/onboarding.js`) are in it too; they
// are not work done in the page and are left out. Overlapping
// events are merged so nested calls are not counted twice. Work the trace does not name (promise
// continuations run as anonymous microtasks: the core's start-up after its fetch, an answer from
// the service worker) is found by V8's sampling profiler running alongside: every sample whose
// stack holds a frame of the extension's script counts for the task it falls in.

/**
 * @typedef {{ name: string, ph: string, ts: number, dur?: number, tdur?: number, pid: number, tid: number, args?: any }} TraceEvent
 * @typedef {{ start: number, end: number }} Span  milliseconds on the trace clock
 */

/** The profiler's sampling interval, µs. */
const SAMPLE_US = 250;

/** A URL of one of the extension's content scripts (what runs in web pages). */
const CONTENT_SCRIPT = /chrome-extension:\/\/[^/"]+\/(?:content|main-world|ui)\.js/;

/**
 * @typedef {{ id: number, parent?: number, children?: number[], callFrame: { url: string } }} ProfileNode
 * @typedef {{ nodes: ProfileNode[], startTime: number, samples: number[], timeDeltas: number[] }} Profile
 */

/**
 * Spans (ms, trace clock) of the profiler's samples taken inside the extension's code.
 * @param {Profile} profile
 * @returns {Span[]}
 */
function extensionSamples(profile) {
  /** @type {Map<number, number>} */
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  /** @type {Map<number, boolean>} */
  const inExtension = new Map();
  /** @param {number} id @returns {boolean} */
  const ours = (id) => {
    const known = inExtension.get(id);
    if (known !== undefined) return known;
    const node = byId.get(id);
    const p = parent.get(id);
    const v = CONTENT_SCRIPT.test(node?.callFrame.url ?? '') || (p !== undefined && ours(p));
    inExtension.set(id, v);
    return v;
  };
  /** @type {Span[]} */
  const spans = [];
  let t = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i] ?? 0;
    const next = t + (profile.timeDeltas[i + 1] ?? SAMPLE_US);
    if (ours(profile.samples[i])) spans.push({ start: t / 1000, end: next / 1000 });
  }
  return spans;
}

const CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'v8.execute', 'toplevel'];
const EXTENSION_EVENTS = new Set(['EvaluateScript', 'v8.compile', 'v8.run', 'FunctionCall', 'TimerFire', 'FireIdleCallback', 'v8.callFunction']);

/** A running trace of one page. */
export class Trace {
  /**
   * @param {import('playwright-core').CDPSession} cdp
   * @param {boolean} sample
   */
  constructor(cdp, sample) {
    this.cdp = cdp;
    this.sample = sample;
    /** @type {TraceEvent[]} */
    this.events = [];
    cdp.on('Tracing.dataCollected', (e) => this.events.push(.../** @type {TraceEvent[]} */ (/** @type {unknown} */ (e.value))));
  }

  /**
   * Starts tracing a page; with `sample`, the sampling profiler runs too (it finds work in
   * anonymous microtasks, at a small cost to everything the page runs meanwhile).
   * @param {import('playwright-core').BrowserContext} context
   * @param {import('playwright-core').Page} page
   * @param {{ sample?: boolean }} [opts]
   */
  static async start(context, page, opts = {}) {
    const t = new Trace(await context.newCDPSession(page), opts.sample ?? true);
    if (t.sample) {
      await t.cdp.send('Profiler.enable');
      await t.cdp.send('Profiler.setSamplingInterval', { interval: SAMPLE_US });
      await t.cdp.send('Profiler.start');
    }
    await t.cdp.send('Tracing.start', {
      transferMode: 'ReportEvents',
      traceConfig: { includedCategories: CATEGORIES, recordMode: 'recordAsMuchAsPossible' },
    });
    return t;
  }

  /** Stops tracing and returns what was recorded. */
  async stop() {
    const done = new Promise((resolve) => this.cdp.once('Tracing.tracingComplete', resolve));
    await this.cdp.send('Tracing.end');
    await done;
    const sampled = this.sample
      ? extensionSamples(/** @type {{ profile: Profile }} */ (/** @type {unknown} */ (await this.cdp.send('Profiler.stop'))).profile)
      : [];
    await this.cdp.detach();
    return analyse(this.events, sampled);
  }
}

/**
 * Spans merged where they overlap, sorted.
 * @param {Span[]} spans
 * @returns {Span[]}
 */
function merge(spans) {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  /** @type {Span[]} */
  const out = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else out.push({ ...s });
  }
  return out;
}

/**
 * Tasks not inside another task.
 * @param {Span[]} tasks
 * @returns {Span[]}
 */
function outermost(tasks) {
  const sorted = [...tasks].sort((a, b) => a.start - b.start || b.end - a.end);
  /** @type {Span[]} */
  const out = [];
  for (const t of sorted) if (!out.length || t.start >= out[out.length - 1].end) out.push(t);
  return out;
}

/**
 * The extension's share of a trace.
 * @param {TraceEvent[]} events
 * @param {Span[]} sampled the profiler's samples in the extension's code
 */
function analyse(events, sampled) {
  const mainThreads = new Set(
    events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`),
  );
  const onMain = (/** @type {TraceEvent} */ e) => mainThreads.has(`${e.pid}:${e.tid}`);
  const ext = events.filter(
    (e) => e.ph === 'X' && onMain(e) && EXTENSION_EVENTS.has(e.name) && CONTENT_SCRIPT.test(JSON.stringify(e.args ?? {})),
  );
  const spans = merge([...ext.map((e) => ({ start: e.ts / 1000, end: (e.ts + (e.dur ?? 0)) / 1000 })), ...sampled]);
  const tasks = events
    .filter((e) => e.ph === 'X' && e.name === 'RunTask' && onMain(e))
    .map((e) => ({ start: e.ts / 1000, end: (e.ts + (e.dur ?? 0)) / 1000 }));
  // The extension's work inside each top-level task (tasks without any are left out).
  /** @type {{ task: number, extension: number }[]} */
  const perTask = [];
  // (tasks nest: a RunTask inside another is counted once, in the outer one)
  for (const t of outermost(tasks)) {
    let work = 0;
    for (const s of spans) if (s.end > t.start && s.start < t.end) work += Math.min(s.end, t.end) - Math.max(s.start, t.start);
    if (work > 0) perTask.push({ task: t.end - t.start, extension: work });
  }
  const total = spans.reduce((a, s) => a + (s.end - s.start), 0);
  // The main thread's CPU time in the same events (`tdur`): what the script cost, without the
  // time the thread waited for a core while other processes ran (a shared machine's noise).
  let cpu = 0;
  /** @type {Map<string, number>} per thread, where the last counted event ends */
  const reach = new Map();
  for (const e of [...ext].sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0))) {
    const thread = `${e.pid}:${e.tid}`;
    if (e.ts < (reach.get(thread) ?? -Infinity)) continue; // nested in an event already counted
    reach.set(thread, e.ts + (e.dur ?? 0));
    cpu += (e.tdur ?? e.dur ?? 0) / 1000;
  }
  /** @type {Record<string, number>} */
  const byEvent = {};
  for (const e of ext) {
    const what = e.args?.data?.functionName ? `${e.name} ${e.args.data.functionName}` : e.name;
    byEvent[what] = (byEvent[what] ?? 0) + (e.dur ?? 0) / 1000;
  }
  return {
    /** Main-thread milliseconds spent in the extension's scripts. */
    extensionMs: total,
    /** Main-thread CPU milliseconds in the events naming the content scripts (not the sampled work). */
    extensionCpuMs: cpu,
    /** Number of calls into the extension (events naming its scripts). */
    extensionCalls: ext.length,
    /** Milliseconds by event kind (nested events counted in each, so these overlap). */
    byEvent,
    /** For each task that ran extension code: the task's length and the extension's part, ms. */
    perTask,
    /** Main-thread tasks longer than 50 ms, whoever caused them. */
    longTasks: tasks.filter((t) => t.end - t.start > 50).map((t) => t.end - t.start),
  };
}
