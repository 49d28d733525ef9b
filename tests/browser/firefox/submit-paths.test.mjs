// @ts-check
// The shared submit-path scenarios (scenarios/submit-paths.mjs) in Firefox ESR with dist/firefox.
import { submitPaths } from '../scenarios/submit-paths.mjs';
import { launch } from '../firefox-harness.mjs';

submitPaths('firefox', launch);
