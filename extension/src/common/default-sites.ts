/**
 * The default site list, from the one source the core generates
 * (`crates/tenk-core/generated/default-sites.json`, from `sites.rs`): the same list gives the
 * manifest its match patterns at build time and the content script the family of a built-in
 * site here, before the core runs (the core's site decision is asked on the first focus).
 */
// Named imports: the bundler leaves out the parts of the file not used here (the manifest's
// match patterns), which the content script would otherwise parse on every page.
import { facebookHosts, newspapers } from '../../../crates/tenk-core/generated/default-sites.json';
import type { SiteFamily } from './core-api';

const NEWSPAPER_DOMAINS: readonly string[] = newspapers.map((n) => n.domain);
const FACEBOOK_HOSTS: readonly string[] = facebookHosts;

/** Whether `host` belongs to a default newspaper (the domain itself or any subdomain). */
export function isDefaultNewspaper(host: string): boolean {
  const h = host.toLowerCase();
  return NEWSPAPER_DOMAINS.some((d) => h === d || h.endsWith(`.${d}`));
}

/**
 * The Facebook comments plugin's path, `/plugins/comments.php` (also versioned,
 * `/v19.0/plugins/…`, and the older `feedback.php`), as the core's `sites.rs` reads it.
 */
export function isFacebookPluginPath(path: string): boolean {
  return /^\/(v[\d.]+\/)?plugins\/(comments|feedback)\.php$/.test(path);
}

/**
 * The family of a built-in site (the manifest's content script runs there), or `null` for any
 * other host: a site IT added, where the run-time registration put the script and the core's
 * site decision gives the family.
 */
export function builtInFamily(url: URL): SiteFamily | null {
  const host = url.hostname.toLowerCase();
  if (FACEBOOK_HOSTS.includes(host)) return isFacebookPluginPath(url.pathname) ? 'facebook-plugin' : 'facebook';
  if (host === 'disqus.com' || host === 'www.disqus.com') return 'disqus';
  return isDefaultNewspaper(host) ? 'newspaper' : null;
}
