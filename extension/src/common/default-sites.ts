/**
 * The default site list, from the one source the core generates
 * (`crates/tenk-core/generated/default-sites.json`, from `sites.rs`): the same list gives the
 * manifest its match patterns at build time and the adapters their hosts here.
 */
import sites from '../../../crates/tenk-core/generated/default-sites.json';

const NEWSPAPER_DOMAINS: readonly string[] = sites.newspapers.map((n) => n.domain);

/** Whether `host` belongs to a default newspaper (the domain itself or any subdomain). */
export function isDefaultNewspaper(host: string): boolean {
  const h = host.toLowerCase();
  return NEWSPAPER_DOMAINS.some((d) => h === d || h.endsWith(`.${d}`));
}
