// @ts-check
// The service worker's store of long texts' parts (extension/src/common/text-parts.ts, docs/CONTRACTS.md
// § 7 `tenk/core-part`): a frame's parts are joined back unit for unit, a frame keeps only its
// newest text's parts, and parts whose request never comes cannot stay in the worker's memory: a
// closed tab's are dropped, a new document in the frame replaces them, and at most MAX_FRAMES
// frames hold parts (the one that sent last the longest ago goes first). The module is plain
// TypeScript without imports; esbuild (the build's own bundler) turns it into a module here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { build } from 'esbuild';

const root = new URL('../..', import.meta.url).pathname;
const out = await build({ entryPoints: [`${root}extension/src/common/text-parts.ts`], bundle: true, format: 'esm', write: false, logLevel: 'silent' });
/** @type {any} */
const tp = await import(`data:text/javascript;base64,${Buffer.from(out.outputFiles[0].text).toString('base64')}`);
const { PartStore, MAX_FRAMES, splitText, CORE_PART_MESSAGE } = tp;

/** @param {number} tab @param {number} [frame] @param {string} [document] */
const frame = (tab, frame = 0, document = `doc-${tab}-${frame}`) => ({ tab, frame, document });

/**
 * Sends every part of `text` from `from` under `id` into `store`; returns the request's reference.
 * @param {any} store @param {{tab: number, frame: number, document: string}} from @param {string} id @param {string} text
 */
function sendParts(store, from, id, text, size = 4) {
  const parts = splitText(text, size);
  parts.forEach((/** @type {string} */ part, /** @type {number} */ index) => store.put(from, { type: CORE_PART_MESSAGE, id, index, part }));
  return { id, count: parts.length };
}

test('parts are joined back unit for unit, a surrogate pair never cut, and taken only once', () => {
  const store = new PartStore();
  const text = 'æøå🙂🙂x🙂'.repeat(7);
  const ref = sendParts(store, frame(1), 'a', text, 3);
  assert.ok(splitText(text, 3).every((/** @type {string} */ p) => !/[\ud800-\udbff]$/.test(p)), 'no part ends inside a pair');
  assert.equal(store.take(frame(1), ref), text);
  assert.equal(store.take(frame(1), ref), null, 'gone once taken');
  assert.equal(store.frames, 0);
});

test('a part missing, another id, another frame or another document: no text', () => {
  const store = new PartStore();
  const ref = sendParts(store, frame(1), 'a', 'abcdefghij');
  assert.equal(store.take(frame(1), { ...ref, count: ref.count + 1 }), null, 'a part missing');
  sendParts(store, frame(1), 'a', 'abcdefghij');
  assert.equal(store.take(frame(1), { ...ref, id: 'b' }), null, 'another id');
  assert.equal(store.take(frame(2), ref), null, 'another tab');
  assert.equal(store.take(frame(1, 3), ref), null, 'another frame of the tab');
  assert.equal(store.take(frame(1, 0, 'other'), ref), null, 'another document in the frame');
  assert.equal(store.take(frame(1), ref), 'abcdefghij', 'still there for the frame that sent it');
});

test('a new text from a frame, or from a new document in it, drops the older parts', () => {
  const store = new PartStore();
  const first = sendParts(store, frame(1), 'a', 'first text');
  const second = sendParts(store, frame(1), 'b', 'second text');
  assert.equal(store.frames, 1);
  assert.equal(store.take(frame(1), first), null);
  assert.equal(store.take(frame(1), second), 'second text');

  const old = sendParts(store, frame(1, 0, 'before-reload'), 'a', 'old page');
  const fresh = sendParts(store, frame(1, 0, 'after-reload'), 'a', 'new page');
  assert.equal(store.frames, 1, 'the reloaded frame holds one text');
  assert.equal(store.take(frame(1, 0, 'before-reload'), old), null);
  assert.equal(store.take(frame(1, 0, 'after-reload'), fresh), 'new page');
});

test('a closed tab leaves nothing behind; other tabs keep theirs', () => {
  const store = new PartStore();
  sendParts(store, frame(1, 0), 'a', 'top frame of tab 1');
  sendParts(store, frame(1, 5), 'a', 'iframe of tab 1');
  const kept = sendParts(store, frame(2, 0), 'a', 'tab 2');
  assert.equal(store.frames, 3);
  store.dropTab(1);
  assert.equal(store.frames, 1);
  assert.equal(store.take(frame(2, 0), kept), 'tab 2');
  assert.equal(store.frames, 0);
});

test(`at most MAX_FRAMES (${MAX_FRAMES}) frames hold parts: the one that sent last the longest ago goes first`, () => {
  assert.ok(MAX_FRAMES >= 2);
  const store = new PartStore();
  /** @type {Record<number, {id: string, count: number}>} */
  const refs = {};
  for (let tab = 1; tab <= MAX_FRAMES; tab++) refs[tab] = sendParts(store, frame(tab), 'a', `text of tab ${tab}`);
  // Tab 1 sends again (its text's last part once more): now tab 2 sent last the longest ago.
  store.put(frame(1), { type: CORE_PART_MESSAGE, id: 'a', index: refs[1].count - 1, part: splitText('text of tab 1', 4).at(-1) });
  const newcomer = sendParts(store, frame(99), 'a', 'a new frame');
  assert.equal(store.frames, MAX_FRAMES, 'never more than the cap');
  assert.equal(store.take(frame(2), refs[2]), null, 'the least recent frame was dropped');
  assert.equal(store.take(frame(1), refs[1]), 'text of tab 1');
  for (let tab = 3; tab <= MAX_FRAMES; tab++) assert.equal(store.take(frame(tab), refs[tab]), `text of tab ${tab}`);
  assert.equal(store.take(frame(99), newcomer), 'a new frame');
  assert.equal(store.frames, 0);
});

test('a full-size text (64 parts of 131,072 units) from many frames in turn stays within the cap', () => {
  const store = new PartStore();
  const part = 'x'.repeat(131_072);
  for (let tab = 1; tab <= 20; tab++) {
    for (let index = 0; index < 64; index++) store.put(frame(tab), { type: CORE_PART_MESSAGE, id: `t${tab}`, index, part });
    assert.ok(store.frames <= MAX_FRAMES, `after tab ${tab}: ${store.frames} frames`);
  }
});
