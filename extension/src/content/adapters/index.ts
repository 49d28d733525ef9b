/**
 * Every comment family, in the order they are tried. To support a new family: add one file
 * next to this one implementing `Adapter`, add it here, add its fixture page and browser test.
 */
import { coral } from './coral';
import { disqus } from './disqus';
import { facebook } from './facebook';
import { facebookPlugin } from './facebook-plugin';
import { generic } from './generic';
import { newspaperForm } from './newspaper-form';
import type { SiteFamily } from '../../common/core-api';
import type { Adapter } from './types';

export type { Adapter } from './types';

/** All adapters. */
export const adapters: readonly Adapter[] = [facebook, facebookPlugin, newspaperForm, coral, disqus, generic];

/**
 * The adapters that can occur in a frame at `url`, whose site the core puts in `family`: on the
 * built-in sites the family comes from the core's generated list (`builtInFamily`), on a site IT
 * added from the core's site decision (`generic`), asked when the script starts there.
 */
export function adaptersFor(url: URL, family: SiteFamily | null): Adapter[] {
  return adapters.filter((a) => a.appliesTo(url, family));
}
