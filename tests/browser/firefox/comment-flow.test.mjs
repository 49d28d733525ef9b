// @ts-check
// The shared comment-flow scenarios (scenarios/comment-flow.mjs) on Firefox ESR with dist/firefox.
import { commentFlow } from '../scenarios/comment-flow.mjs';
import { launch } from '../firefox-harness.mjs';

commentFlow('firefox', launch);
