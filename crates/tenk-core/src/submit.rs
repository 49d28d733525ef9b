//! «Should we pause this submit?» — the pre-submit decision, pure.
//!
//! In: the engine's findings, whether this is the first submit on the site in this browser
//! session, who the comment is published as, and the effective settings. Out: pause or not,
//! and the guidelines the dialog shows, in display order (`logged-in-identity` first when it
//! is shown, then the findings' guidelines as they appear in the text, then
//! `leaders-responsibility`).
//!
//! Rules:
//! - a `warn` finding pauses; `info` findings only remind (IT can turn a guideline's findings
//!   into `info` with a severity override, or off altogether);
//! - the identity check (`logged-in-identity`) pauses on the first submit on a site per
//!   session (`identityPrompt: first-per-site-session`, the default), on every submit
//!   (`always`), or never by itself (`never`);
//! - whenever the dialog shows, a Page identity or a visible workplace adds
//!   `logged-in-identity`, and the leader role adds `leaders-responsibility`;
//! - a snoozed site, a site the person turned off, or the extension turned off never pauses.
//!   The submit then goes through untouched: text is never lost.

use serde::{Deserialize, Serialize};

use crate::identity::{Identity, IdentityKind};
use crate::settings::{IdentityPrompt, Settings};
use crate::sites::{pattern_matches, snoozed_until};
use crate::{Finding, Role, Severity};

/// The identity guideline id.
pub const LOGGED_IN_IDENTITY: &str = "logged-in-identity";
/// The leaders' guideline id.
pub const LEADERS_RESPONSIBILITY: &str = "leaders-responsibility";

/// Everything the decision looks at.
#[derive(Debug, Clone, Copy)]
pub struct SubmitInput<'a> {
    /// The engine's findings for the text, in text order.
    pub findings: &'a [Finding],
    /// No submit on this site has been let through in this browser session yet.
    pub first_submit_on_site: bool,
    /// Who the comment will be published as.
    pub identity: &'a Identity,
    /// The effective settings.
    pub settings: &'a Settings,
    /// The page's host (for snoozes and the person's per-site switch), if known.
    pub host: Option<&'a str>,
    /// The time now (epoch ms), to tell whether a snooze still runs; without it no snooze
    /// applies.
    pub now_ms: Option<u64>,
}

/// The answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SubmitDecision {
    /// Hold the submit and show the dialog.
    pub pause: bool,
    /// Guideline ids for the dialog, in display order.
    pub guidelines: Vec<String>,
    /// The findings after settings: disabled guidelines removed, severity overrides applied.
    pub findings: Vec<Finding>,
    /// A stable code: `findings`, `identity-check`, `identity-always`, `clean`, `info-only`,
    /// `snoozed`, `turned-off`, `turned-off-for-site`.
    pub reason: String,
}

/// Decides whether to pause a submit. Pure.
pub fn decide(input: SubmitInput) -> SubmitDecision {
    let settings = input.settings;
    let findings = apply_settings(input.findings, settings);

    let identity_enabled = settings.guideline_enabled(LOGGED_IN_IDENTITY);
    let identity_check = identity_enabled
        && match settings.identity_prompt {
            IdentityPrompt::FirstPerSiteSession => input.first_submit_on_site,
            IdentityPrompt::Always => true,
            IdentityPrompt::Never => false,
        };
    let warn = findings.iter().any(|f| f.severity == Severity::Warn);
    let would_pause = warn || identity_check;

    let mut guidelines: Vec<String> = Vec::new();
    let identity_matters =
        input.identity.kind == IdentityKind::Page || input.identity.shows_workplace;
    let identity_in_findings = findings.iter().any(|f| f.guideline == LOGGED_IN_IDENTITY);
    if identity_enabled
        && (identity_check || identity_in_findings || (would_pause && identity_matters))
    {
        guidelines.push(LOGGED_IN_IDENTITY.to_string());
    }
    for f in &findings {
        if !guidelines.contains(&f.guideline) {
            guidelines.push(f.guideline.clone());
        }
    }
    if would_pause
        && settings.role == Role::Leader
        && settings.guideline_enabled(LEADERS_RESPONSIBILITY)
    {
        guidelines.retain(|g| g != LEADERS_RESPONSIBILITY);
        guidelines.push(LEADERS_RESPONSIBILITY.to_string());
    }

    let host_off = input.host.is_some_and(|h| {
        settings
            .disabled_sites
            .iter()
            .any(|p| pattern_matches(p, h))
    });
    let snoozed = match (input.host, input.now_ms) {
        (Some(h), Some(now)) => snoozed_until(settings, h, Some(now)).is_some(),
        _ => false,
    };
    let (pause, reason) = if !settings.enabled {
        (false, "turned-off")
    } else if host_off {
        (false, "turned-off-for-site")
    } else if snoozed {
        (false, "snoozed")
    } else if warn {
        (true, "findings")
    } else if identity_check && settings.identity_prompt == IdentityPrompt::Always {
        (true, "identity-always")
    } else if identity_check {
        (true, "identity-check")
    } else if findings.is_empty() {
        (false, "clean")
    } else {
        (false, "info-only")
    };
    SubmitDecision {
        pause,
        guidelines,
        findings,
        reason: reason.to_string(),
    }
}

/// Findings as the settings want them: guidelines turned off removed, severity overrides
/// applied. Used for the inline hint as well as for the dialog.
pub fn apply_settings(findings: &[Finding], settings: &Settings) -> Vec<Finding> {
    apply_settings_to(findings.to_vec(), settings)
}

/// [`apply_settings`] on findings the caller owns, without copying them.
pub fn apply_settings_to(mut findings: Vec<Finding>, settings: &Settings) -> Vec<Finding> {
    // One lookup per finding (`Settings::guideline_choice` gives both answers).
    findings.retain_mut(|f| match settings.guideline_choice(&f.guideline) {
        None => false,
        Some(severity) => {
            if let Some(severity) = severity {
                f.severity = severity;
            }
            true
        }
    });
    findings
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::settings::merge;
    use serde_json::{json, Value};

    fn finding(guideline: &str, severity: Severity, start: usize) -> Finding {
        Finding {
            guideline: guideline.to_string(),
            severity,
            start,
            end: start + 1,
            message: String::new(),
            detector: "test".to_string(),
            matched: String::new(),
        }
    }

    fn person() -> Identity {
        Identity {
            name: Some("Kari".into()),
            kind: IdentityKind::Person,
            source: "label".into(),
            ..Identity::default()
        }
    }
    fn page() -> Identity {
        Identity {
            name: Some("Velferdsetaten".into()),
            kind: IdentityKind::Page,
            source: "label".into(),
            ..Identity::default()
        }
    }
    fn workplace() -> Identity {
        Identity {
            shows_workplace: true,
            workplace: Some("NAV".into()),
            ..person()
        }
    }

    struct Case {
        name: &'static str,
        findings: Vec<Finding>,
        first: bool,
        identity: Identity,
        managed: Value,
        user: Value,
        now: Option<u64>,
        expected: (bool, &'static [&'static str], &'static str),
    }

    #[allow(clippy::too_many_arguments)]
    fn case(
        name: &'static str,
        findings: Vec<Finding>,
        first: bool,
        identity: Identity,
        managed: Value,
        user: Value,
        now: Option<u64>,
        expected: (bool, &'static [&'static str], &'static str),
    ) -> Case {
        Case {
            name,
            findings,
            first,
            identity,
            managed,
            user,
            now,
            expected,
        }
    }

    use Severity::{Info, Warn};

    #[rustfmt::skip]
    fn cases() -> Vec<Case> {
        let n = || Value::Null;
        let conf = || vec![finding("confidentiality", Warn, 3)];
        vec![
            case("first submit, clean: identity check", vec![], true, person(), n(), n(), None, (true, &["logged-in-identity"], "identity-check")),
            case("later submit, clean: straight through", vec![], false, person(), n(), n(), None, (false, &[], "clean")),
            case("finding pauses", conf(), false, person(), n(), n(), None, (true, &["confidentiality"], "findings")),
            case("first submit with finding: identity first", conf(), true, person(), n(), n(), None, (true, &["logged-in-identity", "confidentiality"], "findings")),
            case("findings in text order, distinct", vec![finding("loyalty", Warn, 1), finding("photos", Info, 5), finding("loyalty", Warn, 9),], false, person(), n(), n(), None, (true, &["loyalty", "photos"], "findings")),
            case("info only does not pause", vec![finding("think-twice", Info, 0)], false, person(), n(), n(), None, (false, &["think-twice"], "info-only")),
            case("unknown identity still checked first time", vec![], true, Identity::default(), n(), n(), None, (true, &["logged-in-identity"], "identity-check")),
            // identityPrompt modes
            case("always pauses every time", vec![], false, person(), json!({"identityPrompt": "always"}), n(), None, (true, &["logged-in-identity"], "identity-always")),
            case("never: clean first submit goes through", vec![], true, person(), json!({"identityPrompt": "never"}), n(), None, (false, &[], "clean")),
            case("never: findings still pause", conf(), true, person(), json!({"identityPrompt": "never"}), n(), None, (true, &["confidentiality"], "findings")),
            case("person chose never", vec![], true, person(), n(), json!({"identityPrompt": "never"}), None, (false, &[], "clean")),
            // Identity kinds
            case("page adds identity when pausing", conf(), false, page(), n(), n(), None, (true, &["logged-in-identity", "confidentiality"], "findings")),
            case("workplace adds identity when pausing", conf(), false, workplace(), n(), n(), None, (true, &["logged-in-identity", "confidentiality"], "findings")),
            case("page alone does not pause later", vec![], false, page(), n(), n(), None, (false, &[], "clean")),
            case("page with never mode and findings", conf(), false, page(), json!({"identityPrompt": "never"}), n(), None, (true, &["logged-in-identity", "confidentiality"], "findings")),
            // Leaders
            case("leader adds leaders-responsibility last", conf(), true, person(), json!({"role": "leader"}), n(), None, (true, &["logged-in-identity", "confidentiality", "leaders-responsibility",], "findings",)),
            case("leader on identity check", vec![], true, person(), n(), json!({"role": "leader"}), None, (true, &["logged-in-identity", "leaders-responsibility"], "identity-check",)),
            case("leader not added without pause", vec![], false, person(), json!({"role": "leader"}), n(), None, (false, &[], "clean")),
            case("leader finding not duplicated", vec![finding("leaders-responsibility", Warn, 0), finding("loyalty", Warn, 4),], false, person(), json!({"role": "leader"}), n(), None, (true, &["loyalty", "leaders-responsibility"], "findings")),
            case("leader guideline disabled", conf(), false, person(), json!({"role": "leader", "guidelines": {"leaders-responsibility": {"enabled": false}}}), n(), None, (true, &["confidentiality"], "findings")),
            // Settings on guidelines
            case("disabled guideline removed", conf(), false, person(), json!({"guidelines": {"confidentiality": {"enabled": false}}}), n(), None, (false, &[], "clean")),
            case("person disabled a guideline", vec![finding("photos", Warn, 0)], false, person(), n(), json!({"guidelines": {"photos": {"enabled": false}}}), None, (false, &[], "clean")),
            case("severity lowered to info", conf(), false, person(), json!({"guidelines": {"confidentiality": {"severity": "info"}}}), n(), None, (false, &["confidentiality"], "info-only")),
            case("severity raised to warn", vec![finding("think-twice", Info, 0)], false, person(), json!({"guidelines": {"think-twice": {"severity": "warn"}}}), n(), None, (true, &["think-twice"], "findings")),
            case("identity guideline disabled: no first-submit check", vec![], true, person(), json!({"guidelines": {"logged-in-identity": {"enabled": false}}}), n(), None, (false, &[], "clean")),
            case("identity finding from engine goes first", vec![finding("loyalty", Warn, 2), finding("logged-in-identity", Info, 0),], false, person(), n(), n(), None, (true, &["logged-in-identity", "loyalty"], "findings")),
            // Snoozes and switches
            case("snoozed site does not pause", conf(), true, person(), n(), json!({"snoozes": {"www.vg.no": 10_000}}), Some(5_000), (false, &["logged-in-identity", "confidentiality"], "snoozed")),
            case("expired snooze", conf(), false, person(), n(), json!({"snoozes": {"www.vg.no": 10_000}}), Some(20_000), (true, &["confidentiality"], "findings")),
            case("snooze without clock does not apply", conf(), false, person(), n(), json!({"snoozes": {"www.vg.no": 10_000}}), None, (true, &["confidentiality"], "findings")),
            case("snooze locked by IT", conf(), false, person(), json!({"allowSnooze": false}), json!({"snoozes": {"www.vg.no": 10_000}}), Some(5_000), (true, &["confidentiality"], "findings")),
            case("snooze on other site", conf(), false, person(), n(), json!({"snoozes": {"www.nrk.no": 10_000}}), Some(5_000), (true, &["confidentiality"], "findings")),
            case("extension off", conf(), true, person(), n(), json!({"enabled": false}), None, (false, &["logged-in-identity", "confidentiality"], "turned-off",)),
            case("site off", conf(), true, person(), n(), json!({"disabledSites": ["vg.no"]}), None, (false, &["logged-in-identity", "confidentiality"], "turned-off-for-site",)),
        ]
    }

    #[test]
    fn submit_table() {
        for c in cases() {
            let merged = merge(&c.managed, &c.user);
            assert!(
                merged.problems.is_empty(),
                "{}: {:?}",
                c.name,
                merged.problems
            );
            let got = decide(SubmitInput {
                findings: &c.findings,
                first_submit_on_site: c.first,
                identity: &c.identity,
                settings: &merged.settings,
                host: Some("www.vg.no"),
                now_ms: c.now,
            });
            let ids: Vec<&str> = got.guidelines.iter().map(String::as_str).collect();
            assert_eq!(
                (got.pause, ids.as_slice(), got.reason.as_str()),
                c.expected,
                "{}",
                c.name
            );
        }
    }

    #[test]
    fn findings_carry_overrides_and_lose_disabled_guidelines() {
        let merged = merge(
            &json!({"guidelines": {"loyalty": {"severity": "info"}, "photos": {"enabled": false}}}),
            &Value::Null,
        );
        let findings = vec![
            finding("loyalty", Warn, 0),
            finding("photos", Warn, 3),
            finding("confidentiality", Warn, 6),
        ];
        let got = decide(SubmitInput {
            findings: &findings,
            first_submit_on_site: false,
            identity: &person(),
            settings: &merged.settings,
            host: None,
            now_ms: None,
        });
        let summary: Vec<(&str, Severity)> = got
            .findings
            .iter()
            .map(|f| (f.guideline.as_str(), f.severity))
            .collect();
        assert_eq!(summary, [("loyalty", Info), ("confidentiality", Warn)]);
    }
}
