// @ts-check
// The shared submit-path scenarios (scenarios/submit-paths.mjs) in Chromium with dist/chrome.
import { submitPaths } from './scenarios/submit-paths.mjs';
import { launch } from './harness.mjs';

submitPaths('chromium', launch);
