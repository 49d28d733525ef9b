//! Where the extension runs: which comment family applies to a URL.
//!
//! Facebook, the Facebook comments plugin and Disqus are recognised by host and path; the
//! Norwegian newspapers by [`DEFAULT_NEWSPAPERS`], one Rust list from which the manifest's
//! `matches` are derived ([`manifest_matches`]). IT adds and removes sites by policy
//! (`sites.add` / `sites.remove`, remove wins) and the person can turn the extension off for a
//! site; [`decide`] weighs all of it. Pure: the URL and the effective settings in, a
//! [`SiteDecision`] out.

use serde::{Deserialize, Serialize};

use crate::settings::Settings;
use crate::text::sub;

/// A Norwegian news site in the default list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Newspaper {
    /// Registrable domain; the site and all its subdomains match.
    pub domain: &'static str,
    /// The paper's name, for `docs/sites.md` and the options page.
    pub name: &'static str,
}

const fn paper(domain: &'static str, name: &'static str) -> Newspaper {
    Newspaper { domain, name }
}

/// Norwegian news sites with comment fields, national first, then regional and local papers,
/// then trade papers read by public-sector staff. Adding a newspaper is one line here.
pub const DEFAULT_NEWSPAPERS: &[Newspaper] = &[
    // National
    paper("vg.no", "VG"),
    paper("aftenposten.no", "Aftenposten"),
    paper("dagbladet.no", "Dagbladet"),
    paper("nettavisen.no", "Nettavisen"),
    paper("nrk.no", "NRK"),
    paper("dn.no", "Dagens Næringsliv"),
    paper("tv2.no", "TV 2"),
    paper("e24.no", "E24"),
    paper("klassekampen.no", "Klassekampen"),
    paper("vl.no", "Vårt Land"),
    paper("dagsavisen.no", "Dagsavisen"),
    paper("morgenbladet.no", "Morgenbladet"),
    paper("finansavisen.no", "Finansavisen"),
    paper("nationen.no", "Nationen"),
    paper("abcnyheter.no", "ABC Nyheter"),
    // Regional
    paper("bt.no", "Bergens Tidende"),
    paper("aftenbladet.no", "Stavanger Aftenblad"),
    paper("adressa.no", "Adresseavisen"),
    paper("fvn.no", "Fædrelandsvennen"),
    paper("ba.no", "Bergensavisen"),
    paper("nordlys.no", "Nordlys"),
    paper("itromso.no", "iTromsø"),
    paper("an.no", "Avisa Nordland"),
    paper("smp.no", "Sunnmørsposten"),
    paper("rbnett.no", "Romsdals Budstikke"),
    paper("tk.no", "Tidens Krav"),
    paper("h-avis.no", "Haugesunds Avis"),
    paper("dt.no", "Drammens Tidende"),
    paper("tb.no", "Tønsbergs Blad"),
    paper("sa.no", "Sarpsborg Arbeiderblad"),
    paper("f-b.no", "Fredriksstad Blad"),
    paper("moss-avis.no", "Moss Avis"),
    paper("ta.no", "Telemarksavisa"),
    paper("varden.no", "Varden"),
    paper("oa.no", "Oppland Arbeiderblad"),
    paper("gd.no", "Gudbrandsdølen Dagningen"),
    paper("h-a.no", "Hamar Arbeiderblad"),
    paper("ostlendingen.no", "Østlendingen"),
    paper("glomdalen.no", "Glåmdalen"),
    paper("rb.no", "Romerikes Blad"),
    paper("budstikka.no", "Budstikka"),
    paper("ringblad.no", "Ringerikes Blad"),
    paper("laagendalsposten.no", "Laagendalsposten"),
    paper("agderposten.no", "Agderposten"),
    paper("t-a.no", "Trønder-Avisa"),
    paper("ht.no", "Harstad Tidende"),
    paper("fremover.no", "Fremover"),
    paper("lofotposten.no", "Lofotposten"),
    paper("ifinnmark.no", "iFinnmark"),
    paper("altaposten.no", "Altaposten"),
    paper("firda.no", "Firda"),
    paper("sunnhordland.no", "Sunnhordland"),
    paper("namdalsavisa.no", "Namdalsavisa"),
    paper("hadeland.no", "Hadeland"),
    paper("gjengangeren.no", "Gjengangeren"),
    // Trade and professional papers
    paper("kommunal-rapport.no", "Kommunal Rapport"),
    paper("fontene.no", "Fontene"),
    paper("frifagbevegelse.no", "FriFagbevegelse"),
    paper("fagbladet.no", "Fagbladet"),
    paper("sykepleien.no", "Sykepleien"),
    paper("utdanningsnytt.no", "Utdanningsnytt"),
    paper("khrono.no", "Khrono"),
    paper("tu.no", "Teknisk Ukeblad"),
    paper("digi.no", "Digi.no"),
    paper("forskning.no", "forskning.no"),
];

/// Facebook hosts where the extension meets comments, replies and the post composer.
pub const FACEBOOK_HOSTS: &[&str] = &[
    "www.facebook.com",
    "web.facebook.com",
    "m.facebook.com",
    "facebook.com",
];

/// Which adapters apply on a page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Family {
    /// Facebook itself: comments, replies, the composer.
    Facebook,
    /// The Facebook comments plugin (`facebook.com/plugins/comments.php` iframes on newspapers).
    FacebookPlugin,
    /// The Disqus embed (`disqus.com/embed/comments` iframes).
    Disqus,
    /// A newspaper from the default list: plain forms, Coral, and the generic adapter.
    Newspaper,
    /// A site IT added: the same adapters as a newspaper.
    Generic,
}

/// Whether and how the extension runs on one URL.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SiteDecision {
    /// Watch comment fields on this page.
    pub active: bool,
    /// The comment family the URL belongs to, even when inactive (null when none).
    pub family: Option<Family>,
    /// A stable code: `facebook`, `facebook-plugin`, `disqus-embed`, `default-newspaper`,
    /// `added-by-it`, `removed-by-it`, `turned-off`, `turned-off-for-site`, `not-supported`,
    /// `unsupported-scheme`, `invalid-url`.
    pub reason: String,
    /// The URL's host, lower-case (null when the URL did not parse).
    pub host: Option<String>,
    /// Reminders on this site are snoozed until this time (epoch ms); null when not snoozed.
    pub snoozed_until: Option<u64>,
}

/// Decides whether the extension runs on `url`. `now_ms` (epoch ms) decides whether a snooze
/// is still running; without it every stored snooze is reported.
pub fn decide(url: &str, settings: &Settings, now_ms: Option<u64>) -> SiteDecision {
    let inactive = |family, reason: &str, host: Option<String>| SiteDecision {
        active: false,
        family,
        reason: reason.to_string(),
        host,
        snoozed_until: None,
    };
    let scheme = crate::text::split_once(url.trim(), "://").map(|(s, _)| s.to_ascii_lowercase());
    match scheme.as_deref() {
        Some("https" | "http") => {}
        Some(s) if !s.is_empty() => return inactive(None, "unsupported-scheme", None),
        _ => return inactive(None, "invalid-url", None),
    }
    let Some(parsed) = ParsedUrl::parse(url) else {
        return inactive(None, "invalid-url", None);
    };
    let host = Some(parsed.host.clone());
    let Some((family, reason)) = family_of(&parsed, settings) else {
        return inactive(None, "not-supported", host);
    };
    if settings
        .sites
        .remove
        .iter()
        .any(|p| pattern_matches(p, &parsed.host))
    {
        return inactive(Some(family), "removed-by-it", host);
    }
    if !settings.enabled {
        return inactive(Some(family), "turned-off", host);
    }
    if settings
        .disabled_sites
        .iter()
        .any(|p| pattern_matches(p, &parsed.host))
    {
        return inactive(Some(family), "turned-off-for-site", host);
    }
    SiteDecision {
        active: true,
        family: Some(family),
        reason: reason.to_string(),
        snoozed_until: snoozed_until(settings, &parsed.host, now_ms),
        host,
    }
}

/// When reminders on `host` are snoozed until (epoch ms), if a snooze is running and snoozing
/// is allowed.
pub fn snoozed_until(settings: &Settings, host: &str, now_ms: Option<u64>) -> Option<u64> {
    if !settings.allow_snooze {
        return None;
    }
    settings
        .snoozes
        .iter()
        .filter(|(pattern, _)| pattern_matches(pattern, host))
        .map(|(_, until)| *until)
        .filter(|until| match now_ms {
            Some(now) => now < *until,
            None => true,
        })
        .max()
}

fn family_of(url: &ParsedUrl, settings: &Settings) -> Option<(Family, &'static str)> {
    let host = url.host.as_str();
    if let Some(rule) = built_in_rule(host, &url.path) {
        return Some((rule.family, rule.reason));
    }
    if settings.sites.add.iter().any(|p| pattern_matches(p, host)) {
        return Some((Family::Generic, "added-by-it"));
    }
    None
}

/// How a built-in family is told from a URL: the first rule of [`BUILT_IN_FAMILIES`] whose host
/// and path match. The content script reads the same table from the generated JSON
/// (`builtInFamilies`), so it knows a built-in site's family before any core runs without a
/// second copy of these rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FamilyRule {
    /// The family the rule gives.
    pub family: Family,
    /// The site decision's `reason` when it applies.
    #[serde(skip)]
    pub reason: &'static str,
    /// The hosts it applies to, exactly (lower case); unused when `default_newspapers`.
    pub hosts: &'static [&'static str],
    /// Applies to the default newspapers' domains and their subdomains instead of `hosts`.
    pub default_newspapers: bool,
    /// The path starts with one of these; empty: any path.
    pub path_prefixes: &'static [&'static str],
    /// The path is one of these, also after a version segment (`/v19.0/plugins/comments.php`);
    /// empty: any path.
    pub versioned_paths: &'static [&'static str],
}

impl FamilyRule {
    const fn on_hosts(
        family: Family,
        reason: &'static str,
        hosts: &'static [&'static str],
    ) -> Self {
        FamilyRule {
            family,
            reason,
            hosts,
            default_newspapers: false,
            path_prefixes: &[],
            versioned_paths: &[],
        }
    }

    /// Whether the rule applies to `host` (lower case) and `path`.
    pub fn matches(&self, host: &str, path: &str) -> bool {
        let host_ok = if self.default_newspapers {
            is_default_newspaper(host)
        } else {
            self.hosts.contains(&host)
        };
        host_ok
            && (self.path_prefixes.is_empty()
                || self.path_prefixes.iter().any(|p| path.starts_with(p)))
            && (self.versioned_paths.is_empty()
                || self.versioned_paths.contains(&without_version(path)))
    }
}

/// The built-in families in the order they are tried: the Facebook comments plugin
/// (`/plugins/comments.php`, also versioned, and the older `feedback.php`) before the rest of
/// Facebook, the Disqus embed, the default newspapers.
pub const BUILT_IN_FAMILIES: &[FamilyRule] = &[
    FamilyRule {
        versioned_paths: &["/plugins/comments.php", "/plugins/feedback.php"],
        ..FamilyRule::on_hosts(Family::FacebookPlugin, "facebook-plugin", FACEBOOK_HOSTS)
    },
    FamilyRule::on_hosts(Family::Facebook, "facebook", FACEBOOK_HOSTS),
    FamilyRule {
        path_prefixes: &["/embed/comments"],
        ..FamilyRule::on_hosts(
            Family::Disqus,
            "disqus-embed",
            &["disqus.com", "www.disqus.com"],
        )
    },
    FamilyRule {
        default_newspapers: true,
        ..FamilyRule::on_hosts(Family::Newspaper, "default-newspaper", &[])
    },
];

/// The first built-in rule for `host` and `path`.
fn built_in_rule(host: &str, path: &str) -> Option<&'static FamilyRule> {
    BUILT_IN_FAMILIES.iter().find(|r| r.matches(host, path))
}

/// `path` without a leading version segment (`/v19.0/x` → `/x`).
fn without_version(path: &str) -> &str {
    if let Some(rest) = path.strip_prefix("/v") {
        if let Some(i) = rest.find('/') {
            let version = sub(rest, ..i);
            if !version.is_empty() && version.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
                return sub(rest, i..);
            }
        }
    }
    path
}

/// `domain` and all its subdomains.
fn domain_matches(domain: &str, host: &str) -> bool {
    host == domain
        || host
            .strip_suffix(domain)
            .is_some_and(|prefix| prefix.ends_with('.'))
}

/// The lower-case host of a URL, or of a bare host name (`www.vg.no`); `None` when neither.
pub fn host_of(url_or_host: &str) -> Option<String> {
    if crate::text::contains(url_or_host, "://") {
        return ParsedUrl::parse(url_or_host).map(|u| u.host);
    }
    normalize_pattern(url_or_host)
        .ok()
        .filter(|h| !h.starts_with("*."))
}

/// Whether a site pattern (as normalised by [`normalize_pattern`]) matches `host`:
/// `*.example.no` matches `example.no` and every subdomain; `example.no` matches
/// `example.no` and `www.example.no`.
pub fn pattern_matches(pattern: &str, host: &str) -> bool {
    match pattern.strip_prefix("*.") {
        Some(domain) => domain_matches(domain, host),
        None => host == pattern || host.strip_prefix("www.") == Some(pattern),
    }
}

/// A site pattern as IT or the person writes it, made canonical: lower case, without scheme,
/// path, port or trailing dot (`https://www.VG.no/` → `www.vg.no`, `*.ba.no`). Errors say in
/// Norwegian and English what is wrong.
pub fn normalize_pattern(input: &str) -> Result<String, (String, String)> {
    let mut s = input.trim().to_ascii_lowercase();
    for scheme in ["https://", "http://", "*://"] {
        if let Some(rest) = s.strip_prefix(scheme) {
            s = rest.to_string();
        }
    }
    if let Some(i) = s.find('/') {
        s.truncate(i);
    }
    if let Some((host, port)) = s.rsplit_once(':') {
        if port.chars().all(|c| c.is_ascii_digit()) {
            s = host.to_string();
        }
    }
    let s = s.trim_end_matches('.').to_string();
    let bad = |nb: &str, en: &str| Err((nb.to_string(), en.to_string()));
    if s.is_empty() {
        return bad("tomt vertsnavn", "empty host name");
    }
    if !s.is_ascii() {
        return bad(
            "skriv vertsnavnet med punycode (xn--…)",
            "write the host name in punycode (xn--…)",
        );
    }
    let (wildcard, domain) = match s.strip_prefix("*.") {
        Some(d) => (true, d),
        None => (false, s.as_str()),
    };
    let valid_label = |l: &str| {
        !l.is_empty()
            && l.len() <= 63
            && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
            && !l.starts_with('-')
            && !l.ends_with('-')
    };
    if !domain.split('.').all(valid_label) {
        return bad(
            "ugyldig vertsnavn (bare bokstaver, sifre, bindestrek og punktum; «*.» bare først)",
            "invalid host name (letters, digits, hyphens and dots only; «*.» only at the start)",
        );
    }
    if wildcard && !domain.as_bytes().contains(&b'.') {
        return bad(
            "«*.» må stå foran et domene med punktum",
            "«*.» must precede a dotted domain",
        );
    }
    Ok(s)
}

/// Chrome match patterns for the manifest's content scripts: Facebook and every default
/// newspaper with its subdomains. (Disqus and the Facebook plugin are covered by
/// `all_frames` on these hosts plus the `disqus.com` / `facebook.com` entries.)
pub fn manifest_matches() -> Vec<String> {
    let mut matches: Vec<String> = FACEBOOK_HOSTS
        .iter()
        // The bare domain only redirects to www; no comment field lives there.
        .filter(|h| **h != "facebook.com")
        .map(|h| format!("https://{h}/*"))
        .collect();
    matches.push("https://disqus.com/embed/comments/*".to_string());
    matches.extend(
        DEFAULT_NEWSPAPERS
            .iter()
            .map(|p| format!("https://*.{}/*", p.domain)),
    );
    matches
}

/// A site IT added by policy (`sites.add`), as the browser needs it: the origins to hold host
/// permission for and to register the content script on at run time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AddedSite {
    /// The policy's pattern, canonical (`lokalavisa.no`, `*.intranett.example.no`).
    pub pattern: String,
    /// Chrome match patterns for the hosts the pattern covers that are not built in and not
    /// removed, https only: `lokalavisa.no` → `https://lokalavisa.no/*` and
    /// `https://www.lokalavisa.no/*`; `*.example.no` → `https://*.example.no/*`.
    pub matches: Vec<String>,
}

/// The sites IT added that need a content script registered at run time, each with its match
/// patterns: not the built-in sites (the manifest covers them), not what `sites.remove` takes
/// away wholly (a partial removal is left to [`decide`] on the page), invalid patterns skipped.
/// Sites whose every host is covered or removed are left out.
pub fn added_sites(settings: &Settings) -> Vec<AddedSite> {
    let removed = |host: &str| {
        settings
            .sites
            .remove
            .iter()
            .any(|p| pattern_matches(p, host))
    };
    let mut seen: Vec<String> = Vec::new();
    let mut out = Vec::new();
    for raw in &settings.sites.add {
        let Ok(pattern) = normalize_pattern(raw) else {
            continue;
        };
        let mut matches = Vec::new();
        match pattern.strip_prefix("*.") {
            Some(domain) => {
                let wholly_removed = settings.sites.remove.iter().any(|r| {
                    r.strip_prefix("*.")
                        .is_some_and(|rd| domain_matches(rd, domain))
                });
                if !wholly_removed && !is_default_newspaper(domain) {
                    matches.push(format!("https://*.{domain}/*"));
                }
            }
            None => {
                let mut hosts = vec![pattern.clone()];
                if !pattern.starts_with("www.") {
                    hosts.push(format!("www.{pattern}"));
                }
                for host in hosts {
                    if !removed(&host) && !is_built_in_host(&host) {
                        matches.push(format!("https://{host}/*"));
                    }
                }
            }
        }
        matches.retain(|m| !seen.contains(m));
        seen.extend(matches.iter().cloned());
        if !matches.is_empty() {
            out.push(AddedSite { pattern, matches });
        }
    }
    out
}

/// `host` is a default newspaper's domain or one of its subdomains.
fn is_default_newspaper(host: &str) -> bool {
    DEFAULT_NEWSPAPERS
        .iter()
        .any(|p| domain_matches(p.domain, host))
}

/// The manifest's content script already runs on `host`.
fn is_built_in_host(host: &str) -> bool {
    FACEBOOK_HOSTS.contains(&host) || is_default_newspaper(host)
}

/// Where [`default_sites_json`] is committed, relative to the workspace root. The extension
/// build reads it for the manifest's `matches`; a test keeps it in step with this file.
pub const GENERATED_SITES_PATH: &str = "crates/tenk-core/generated/default-sites.json";

/// The default site list as JSON for the extension build: `matches` (manifest match patterns),
/// `facebookHosts`, `newspapers` (`domain`, `name`) and `builtInFamilies` (the
/// [`BUILT_IN_FAMILIES`] rules, for the content script). Regenerate with
/// `tenk sites --json > crates/tenk-core/generated/default-sites.json`.
pub fn default_sites_json() -> String {
    let value = serde_json::json!({
        "comment": "Generated from crates/tenk-core/src/sites.rs (DEFAULT_NEWSPAPERS); do not edit. Regenerate: tenk sites --json",
        "matches": manifest_matches(),
        "facebookHosts": FACEBOOK_HOSTS,
        "newspapers": DEFAULT_NEWSPAPERS,
        "builtInFamilies": BUILT_IN_FAMILIES,
    });
    let mut text = serde_json::to_string_pretty(&value).unwrap_or_default();
    text.push('\n');
    text
}

/// The default newspaper list as a Markdown table, for the generated block in `docs/sites.md`
/// (`tenk sites --markdown`; a test keeps the committed block current).
pub fn default_sites_markdown() -> String {
    let mut out = String::from("| newspaper | domain (and its subdomains) |\n|---|---|\n");
    for p in DEFAULT_NEWSPAPERS {
        out.push_str(&format!("| {} | `{}` |\n", p.name, p.domain));
    }
    out
}

/// Markers around the generated block in `docs/sites.md`.
pub const MARKDOWN_BEGIN: &str =
    "<!-- BEGIN generated by `tenk sites --markdown` from crates/tenk-core/src/sites.rs -->";
/// End marker of the generated block.
pub const MARKDOWN_END: &str = "<!-- END generated -->";

/// The parts of a URL the decision needs.
#[derive(Debug, Clone, PartialEq, Eq)]
struct ParsedUrl {
    host: String,
    path: String,
}

impl ParsedUrl {
    /// A small, strict parser for absolute URLs (`scheme://[user@]host[:port][/path][?q][#f]`).
    fn parse(url: &str) -> Option<ParsedUrl> {
        let url = url.trim();
        let (scheme, rest) = crate::text::split_once(url, "://")?;
        if scheme.is_empty()
            || !scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        {
            return None;
        }
        let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
        let authority = sub(rest, ..end);
        let after = sub(rest, end..);
        let host_port = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
        let host = match host_port.rsplit_once(':') {
            Some((h, port)) if port.chars().all(|c| c.is_ascii_digit()) => h,
            _ => host_port,
        };
        let host = host.trim_end_matches('.').to_ascii_lowercase();
        if host.is_empty() || host.contains(|c: char| c.is_whitespace() || c == '\\') {
            return None;
        }
        let path_end = after.find(['?', '#']).unwrap_or(after.len());
        let path = if after.starts_with('/') {
            sub(after, ..path_end)
        } else {
            "/"
        };
        Some(ParsedUrl {
            host,
            path: path.to_string(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::settings::merge;
    use serde_json::json;

    fn settings(managed: serde_json::Value, user: serde_json::Value) -> Settings {
        let merged = merge(&managed, &user);
        assert!(
            merged.problems.is_empty(),
            "test settings are valid: {:?}",
            merged.problems
        );
        merged.settings
    }

    struct Case {
        name: &'static str,
        url: &'static str,
        managed: serde_json::Value,
        user: serde_json::Value,
        expected: (bool, Option<Family>, &'static str),
    }

    fn case(
        name: &'static str,
        url: &'static str,
        managed: serde_json::Value,
        user: serde_json::Value,
        expected: (bool, Option<Family>, &'static str),
    ) -> Case {
        Case {
            name,
            url,
            managed,
            user,
            expected,
        }
    }

    use Family::*;

    #[rustfmt::skip]
    fn cases() -> Vec<Case> {
        let none = || json!(null);
        vec![
            case("facebook www", "https://www.facebook.com/groups/123/posts/456", none(), none(), (true, Some(Facebook), "facebook")),
            case("facebook web", "https://web.facebook.com/", none(), none(), (true, Some(Facebook), "facebook")),
            case("facebook mobile", "https://m.facebook.com/story.php?id=1", none(), none(), (true, Some(Facebook), "facebook")),
            case("facebook plugin", "https://www.facebook.com/plugins/comments.php?href=https%3A%2F%2Fwww.vg.no", none(), none(), (true, Some(FacebookPlugin), "facebook-plugin")),
            case("facebook plugin versioned", "https://www.facebook.com/v19.0/plugins/comments.php?href=x", none(), none(), (true, Some(FacebookPlugin), "facebook-plugin")),
            case("facebook other host", "https://developers.facebook.com/docs", none(), none(), (false, None, "not-supported")),
            case("not facebook", "https://facebook.com.evil.example/", none(), none(), (false, None, "not-supported")),
            case("disqus embed", "https://disqus.com/embed/comments/?base=default&f=x", none(), none(), (true, Some(Disqus), "disqus-embed")),
            case("disqus home", "https://disqus.com/home/", none(), none(), (false, None, "not-supported")),
            case("vg", "https://www.vg.no/nyheter/i/abc/sak", none(), none(), (true, Some(Newspaper), "default-newspaper")),
            case("vg bare domain", "https://vg.no/", none(), none(), (true, Some(Newspaper), "default-newspaper")),
            case("nrk subdomain", "https://www.nrk.no/osloogviken/sak-1.2345", none(), none(), (true, Some(Newspaper), "default-newspaper")),
            case("regional", "https://www.adressa.no/nyheter/", none(), none(), (true, Some(Newspaper), "default-newspaper")),
            case("http too", "http://www.dagbladet.no/", none(), none(), (true, Some(Newspaper), "default-newspaper")),
            case("upper-case host", "https://WWW.AFTENPOSTEN.NO/norge", none(), none(), (true, Some(Newspaper), "default-newspaper")),
            case("with port and user", "https://u@www.bt.no:443/x", none(), none(), (true, Some(Newspaper), "default-newspaper")),
            case("suffix is not subdomain", "https://notvg.no/", none(), none(), (false, None, "not-supported")),
            case("lookalike", "https://www.vg.no.example.com/", none(), none(), (false, None, "not-supported")),
            case("unknown site", "https://www.example.com/", none(), none(), (false, None, "not-supported")),
            case("added by it", "https://www.lokalavisa.no/sak", json!({"sites": {"add": ["lokalavisa.no"]}}), none(), (true, Some(Generic), "added-by-it")),
            case("added wildcard", "https://debatt.intranett.example/", json!({"sites": {"add": ["*.intranett.example"]}}), none(), (true, Some(Generic), "added-by-it")),
            case("plain pattern is not wildcard", "https://debatt.lokalavisa.no/", json!({"sites": {"add": ["lokalavisa.no"]}}), none(), (false, None, "not-supported")),
            case("removed by it", "https://www.vg.no/", json!({"sites": {"remove": ["vg.no"]}}), none(), (false, Some(Newspaper), "removed-by-it")),
            case("remove wins over add", "https://www.lokalavisa.no/", json!({"sites": {"add": ["lokalavisa.no"], "remove": ["*.lokalavisa.no"]}}), none(), (false, Some(Generic), "removed-by-it")),
            case("remove facebook", "https://www.facebook.com/", json!({"sites": {"remove": ["*.facebook.com"]}}), none(), (false, Some(Facebook), "removed-by-it")),
            case("person turned site off", "https://www.vg.no/", none(), json!({"disabledSites": ["vg.no"]}), (false, Some(Newspaper), "turned-off-for-site")),
            case("other site still on", "https://www.nrk.no/", none(), json!({"disabledSites": ["vg.no"]}), (true, Some(Newspaper), "default-newspaper")),
            case("person turned extension off", "https://www.vg.no/", none(), json!({"enabled": false}), (false, Some(Newspaper), "turned-off")),
            case("disable locked by it", "https://www.vg.no/", json!({"allowDisable": false}), json!({"enabled": false, "disabledSites": ["vg.no"]}), (true, Some(Newspaper), "default-newspaper")),
            case("file url", "file:///tmp/x.html", none(), none(), (false, None, "unsupported-scheme")),
            case("chrome url", "chrome://extensions/", none(), none(), (false, None, "unsupported-scheme")),
            case("not a url", "vg.no", none(), none(), (false, None, "invalid-url")),
            case("empty", "", none(), none(), (false, None, "invalid-url")),
            case("no host", "https:///path", none(), none(), (false, None, "invalid-url")),
        ]
    }

    #[test]
    fn site_table() {
        for c in cases() {
            let s = settings(c.managed.clone(), c.user.clone());
            let got = decide(c.url, &s, Some(0));
            assert_eq!(
                (got.active, got.family, got.reason.as_str()),
                c.expected,
                "{}",
                c.name
            );
        }
    }

    #[test]
    fn built_in_rules_read_version_segments_strictly() {
        assert_eq!(
            without_version("/v19.0/plugins/comments.php"),
            "/plugins/comments.php"
        );
        assert_eq!(without_version("/v2/x"), "/x");
        for kept in [
            "/plugins/comments.php",
            "/v/plugins/comments.php",
            "/vx1/a",
            "/v19",
            "/",
        ] {
            assert_eq!(without_version(kept), kept);
        }
        let family = |host: &str, path: &str| built_in_rule(host, path).map(|r| r.family);
        assert_eq!(
            family("www.facebook.com", "/v3.2/plugins/feedback.php"),
            Some(Family::FacebookPlugin)
        );
        assert_eq!(
            family("www.facebook.com", "/plugins/comments.phpx"),
            Some(Family::Facebook)
        );
        assert_eq!(
            family("disqus.com", "/embed/comments/"),
            Some(Family::Disqus)
        );
        assert_eq!(family("disqus.com", "/home"), None);
        assert_eq!(family("www.vg.no", "/"), Some(Family::Newspaper));
        assert_eq!(family("example.org", "/"), None);
    }

    #[test]
    fn snoozes() {
        let s = settings(json!(null), json!({"snoozes": {"www.vg.no": 5000}}));
        assert_eq!(
            decide("https://www.vg.no/", &s, Some(1000)).snoozed_until,
            Some(5000)
        );
        assert_eq!(
            decide("https://www.vg.no/", &s, Some(5000)).snoozed_until,
            None
        );
        assert_eq!(
            decide("https://www.vg.no/", &s, None).snoozed_until,
            Some(5000)
        );
        assert_eq!(
            decide("https://www.nrk.no/", &s, Some(1000)).snoozed_until,
            None
        );
        let locked = settings(
            json!({"allowSnooze": false}),
            json!({"snoozes": {"www.vg.no": 5000}}),
        );
        assert_eq!(
            decide("https://www.vg.no/", &locked, Some(1000)).snoozed_until,
            None
        );
    }

    #[test]
    fn hosts() {
        let cases: &[(&str, Option<&str>)] = &[
            ("https://www.vg.no/sak?x=1", Some("www.vg.no")),
            ("www.VG.no", Some("www.vg.no")),
            ("*.vg.no", None),
            ("", None),
            ("https://", None),
        ];
        for (input, expected) in cases {
            assert_eq!(host_of(input).as_deref(), *expected, "{input}");
        }
    }

    #[test]
    fn patterns() {
        let ok: &[(&str, &str)] = &[
            ("vg.no", "vg.no"),
            ("  WWW.VG.NO ", "www.vg.no"),
            ("https://www.vg.no/nyheter", "www.vg.no"),
            ("*://*.ba.no/*", "*.ba.no"),
            ("intranett:8080", "intranett"),
            ("vg.no.", "vg.no"),
            ("xn--bmlo-gra.no", "xn--bmlo-gra.no"),
        ];
        for (input, expected) in ok {
            assert_eq!(
                normalize_pattern(input).as_deref(),
                Ok(*expected),
                "{input}"
            );
        }
        for bad in [
            "",
            "   ",
            "*",
            "*.no-dot",
            "v g.no",
            "vg.*.no",
            "bømlo.no",
            "-vg.no",
            "a..no",
            "https://",
        ] {
            assert!(normalize_pattern(bad).is_err(), "{bad:?} should be refused");
        }
        let matching: &[(&str, &str, bool)] = &[
            ("vg.no", "vg.no", true),
            ("vg.no", "www.vg.no", true),
            ("vg.no", "pluss.vg.no", false),
            ("*.vg.no", "pluss.vg.no", true),
            ("*.vg.no", "vg.no", true),
            ("*.vg.no", "notvg.no", false),
            ("www.vg.no", "vg.no", false),
        ];
        for (pattern, host, expected) in matching {
            assert_eq!(
                pattern_matches(pattern, host),
                *expected,
                "{pattern} ~ {host}"
            );
        }
    }

    #[test]
    fn default_list_is_large_unique_and_valid() {
        assert!(DEFAULT_NEWSPAPERS.len() >= 40);
        let mut domains: Vec<&str> = DEFAULT_NEWSPAPERS.iter().map(|p| p.domain).collect();
        for d in &domains {
            assert_eq!(normalize_pattern(d).as_deref(), Ok(*d), "{d} is canonical");
            assert!(d.ends_with(".no"), "{d} is Norwegian");
        }
        domains.sort_unstable();
        let before = domains.len();
        domains.dedup();
        assert_eq!(before, domains.len(), "no duplicates");
        for required in [
            "vg.no",
            "aftenposten.no",
            "dagbladet.no",
            "nettavisen.no",
            "nrk.no",
            "dn.no",
            "tv2.no",
            "e24.no",
            "bt.no",
            "aftenbladet.no",
            "adressa.no",
        ] {
            assert!(
                domains.contains(&required),
                "{required} in the default list"
            );
        }
    }

    /// The committed JSON the extension build reads must match the Rust list. To update it
    /// after editing `DEFAULT_NEWSPAPERS`, run this test with `TENK_UPDATE_GENERATED=1`.
    #[test]
    fn generated_sites_json_is_current() {
        let path =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("generated/default-sites.json");
        let expected = default_sites_json();
        if std::env::var_os("TENK_UPDATE_GENERATED").is_some() {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, &expected).unwrap();
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == expected,
            "{} is out of date: run `TENK_UPDATE_GENERATED=1 cargo test -p tenk-core sites::`",
            GENERATED_SITES_PATH
        );
        let parsed: serde_json::Value = serde_json::from_str(&committed).unwrap();
        assert_eq!(
            parsed["newspapers"].as_array().unwrap().len(),
            DEFAULT_NEWSPAPERS.len()
        );
    }

    /// `docs/sites.md` lists exactly the Rust list between its markers. To update it after
    /// editing `DEFAULT_NEWSPAPERS`, run this test with `TENK_UPDATE_GENERATED=1`.
    #[test]
    fn docs_sites_table_is_current() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/sites.md");
        let doc = std::fs::read_to_string(&path).unwrap_or_default();
        let (Some(begin), Some(end)) = (doc.find(MARKDOWN_BEGIN), doc.find(MARKDOWN_END)) else {
            panic!("docs/sites.md must contain the generated block markers");
        };
        let block_start = begin + MARKDOWN_BEGIN.len() + 1;
        let expected = default_sites_markdown();
        if std::env::var_os("TENK_UPDATE_GENERATED").is_some() {
            let updated = format!("{}{expected}{}", &doc[..block_start], &doc[end..]);
            std::fs::write(&path, updated).unwrap();
            return;
        }
        assert!(
            doc.get(block_start..end) == Some(expected.as_str()),
            "docs/sites.md is out of date: run `TENK_UPDATE_GENERATED=1 cargo test -p tenk-core sites::`"
        );
    }

    #[test]
    fn manifest_matches_cover_every_default_site() {
        let matches = manifest_matches();
        assert!(matches.contains(&"https://www.facebook.com/*".to_string()));
        assert!(matches.contains(&"https://*.vg.no/*".to_string()));
        assert!(matches.contains(&"https://disqus.com/embed/comments/*".to_string()));
        assert_eq!(matches.len(), DEFAULT_NEWSPAPERS.len() + 4);
    }

    #[test]
    fn added_sites_give_https_match_patterns() {
        let s = settings(
            json!({"sites": {"add": [
                "lokalavisa.no",
                "*.intranett.example.no",
                "www.budstikka.no",
                "pluss.vg.no",
                "*.dagbladet.no",
                "facebook.com",
                "borte.no",
                "delvis.no",
                "*.wild.no",
                "https://WWW.Lokalavisa.no/sak",
                "intranett"
            ], "remove": ["*.borte.no", "www.delvis.no", "debatt.wild.no"]}}),
            json!(null),
        );
        let got: Vec<(String, Vec<String>)> = added_sites(&s)
            .into_iter()
            .map(|a| (a.pattern, a.matches))
            .collect();
        let want = |p: &str, m: &[&str]| {
            (
                p.to_string(),
                m.iter().map(|x| x.to_string()).collect::<Vec<_>>(),
            )
        };
        assert_eq!(
            got,
            vec![
                want(
                    "lokalavisa.no",
                    &["https://lokalavisa.no/*", "https://www.lokalavisa.no/*"]
                ),
                want(
                    "*.intranett.example.no",
                    &["https://*.intranett.example.no/*"]
                ),
                // built-in sites are the manifest's (budstikka.no is a default newspaper)
                // removed wholly: borte.no; partly: delvis.no keeps its bare host
                want("delvis.no", &["https://delvis.no/*"]),
                // a partial removal inside a wildcard is left to the page's site decision
                want("*.wild.no", &["https://*.wild.no/*"]),
                // the same host twice gives its matches once
                want(
                    "intranett",
                    &["https://intranett/*", "https://www.intranett/*"]
                ),
            ]
        );
        for site in added_sites(&s) {
            for m in &site.matches {
                assert!(m.starts_with("https://") && m.ends_with("/*"), "{m}");
                let host = &m["https://".len()..m.len() - 2];
                assert!(normalize_pattern(host).is_ok(), "{host} is a valid host");
            }
        }
        // Every host an added pattern registers is one the site decision calls `generic`.
        for url in [
            "https://www.lokalavisa.no/sak",
            "https://a.intranett.example.no/",
            "https://delvis.no/",
        ] {
            let d = decide(url, &s, Some(0));
            assert_eq!((d.active, d.family), (true, Some(Generic)), "{url}");
        }
        assert!(added_sites(&settings(json!(null), json!(null))).is_empty());
    }
}
