/**
 * The default site list, from the one source the core generates
 * (`crates/tenk-core/generated/default-sites.json`, from `sites.rs`): the same list gives the
 * manifest its match patterns at build time and the content script the family of a built-in
 * site here, before the core runs (the core's site decision is asked on the first focus). The
 * rules that tell the families apart are the core's (`sites::BUILT_IN_FAMILIES`), read here as
 * data; this file only applies them.
 */
// Named imports: the bundler leaves out the parts of the file not used here (the manifest's
// match patterns), which the content script would otherwise parse on every page.
import { builtInFamilies, newspapers } from '../../../crates/tenk-core/generated/default-sites.json';
import type { SiteFamily } from './core-api';

const NEWSPAPER_DOMAINS: readonly string[] = newspapers.map((n) => n.domain);

/** One of the core's `BUILT_IN_FAMILIES` rules, as the generated JSON carries it. */
interface FamilyRule {
  family: string;
  hosts: readonly string[];
  defaultNewspapers: boolean;
  pathPrefixes: readonly string[];
  versionedPaths: readonly string[];
}
const RULES: readonly FamilyRule[] = builtInFamilies;

/** Whether `host` belongs to a default newspaper (the domain itself or any subdomain). */
export function isDefaultNewspaper(host: string): boolean {
  const h = host.toLowerCase();
  return NEWSPAPER_DOMAINS.some((d) => h === d || h.endsWith(`.${d}`));
}

/**
 * The family of a built-in site (the manifest's content script runs there): the first of the
 * core's rules whose host and path match, as `FamilyRule::matches` in `sites.rs` reads them; or
 * `null` for any other host: a site IT added, where the run-time registration put the script and
 * the core's site decision gives the family.
 */
export function builtInFamily(url: URL): SiteFamily | null {
  const host = url.hostname.toLowerCase();
  const path = url.pathname;
  const rule = RULES.find(
    (r) =>
      (r.defaultNewspapers ? isDefaultNewspaper(host) : r.hosts.includes(host)) &&
      (r.pathPrefixes.length === 0 || r.pathPrefixes.some((p) => path.startsWith(p))) &&
      (r.versionedPaths.length === 0 || r.versionedPaths.includes(withoutVersion(path))),
  );
  return rule ? (rule.family as SiteFamily) : null;
}

/** `path` without a leading version segment (`/v19.0/x` → `/x`), as `sites.rs` strips it. */
function withoutVersion(path: string): string {
  if (!path.startsWith('/v')) return path;
  const end = path.indexOf('/', 2);
  const version = end < 0 ? '' : path.slice(2, end);
  return version && [...version].every((c) => (c >= '0' && c <= '9') || c === '.') ? path.slice(end) : path;
}
