// @ts-check
// The shared comment-flow scenarios (scenarios/comment-flow.mjs) in Chromium with dist/chrome.
import { commentFlow } from './scenarios/comment-flow.mjs';
import { launch } from './harness.mjs';

commentFlow('chromium', launch);
