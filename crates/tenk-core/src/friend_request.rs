//! «Legg til venn»: when the person sends a friend request on Facebook, a short reminder of the
//! `clients-and-users` guideline («Vennskap med klienter/brukere gjennom sosiale medier er ikke
//! tillatt»), at most once a day. It is a reminder, never a gate: the click always goes through.
//!
//! The adapter hands over the clicked control's label and the time the reminder was last shown
//! (the only thing the extension stores for it: a timestamp, never a name); [`decide`] says
//! whether to show it now.

use serde::Serialize;

use crate::settings::Settings;
use crate::sites::{pattern_matches, snoozed_until};

/// The guideline the reminder is about.
pub const GUIDELINE: &str = "clients-and-users";

/// The reminder shows at most once in this many milliseconds (a day).
pub const INTERVAL_MS: u64 = 24 * 60 * 60 * 1000;

/// Labels of Facebook's friend-request buttons (nb/nn/en), compared case-insensitively with
/// the whole label.
const LABELS: &[&str] = &[
    "legg til venn",
    "legg til som venn",
    "legg til ven",
    "legg til som ven",
    "send venneforespørsel",
    "send venneførespurnad",
    "add friend",
    "add as friend",
    "send friend request",
];

/// The answer for one click.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FriendReminder {
    /// Show the reminder now.
    pub show: bool,
    /// Why: `remind`, `not-friend-request`, `shown-today`, `guideline-off`, `turned-off`,
    /// `turned-off-for-site`, `snoozed`.
    pub reason: String,
}

/// What one click needs decided.
#[derive(Debug, Clone, Copy)]
pub struct FriendRequestInput<'a> {
    /// The clicked control's `aria-label` or text.
    pub label: &'a str,
    /// When the reminder was last shown (epoch ms), if ever.
    pub last_shown: Option<u64>,
    /// Now (epoch ms).
    pub now: u64,
    /// The page's host, for the person's per-site choices.
    pub host: Option<&'a str>,
    /// The effective settings.
    pub settings: &'a Settings,
}

/// Whether `label` is a friend-request button's.
pub fn is_friend_request(label: &str) -> bool {
    // The words joined by one space, by hand: `join` on a list of `&str` was a second instance
    // of the standard library's join beside the one for `String`s (BENCHMARKS.md, «size4»).
    let mut joined = String::with_capacity(label.len());
    for word in label.split_whitespace() {
        if !joined.is_empty() {
            joined.push(' ');
        }
        joined.push_str(word);
    }
    let label = joined;
    let label = crate::lower::lowercase_str(label.trim_end_matches(['.', '…']));
    LABELS.contains(&label.as_str())
}

/// Decides whether to show the reminder for this click. Pure.
pub fn decide(input: FriendRequestInput) -> FriendReminder {
    let reason = if !is_friend_request(input.label) {
        "not-friend-request"
    } else if !input.settings.enabled {
        "turned-off"
    } else if input.host.is_some_and(|h| {
        input
            .settings
            .disabled_sites
            .iter()
            .any(|p| pattern_matches(p, h))
    }) {
        "turned-off-for-site"
    } else if !input.settings.guideline_enabled(GUIDELINE) {
        "guideline-off"
    } else if input
        .host
        .is_some_and(|h| snoozed_until(input.settings, h, Some(input.now)).is_some())
    {
        "snoozed"
    } else if input
        .last_shown
        // A stamp from the future (the clock was turned back) does not silence it for good.
        .is_some_and(|last| last <= input.now && input.now - last < INTERVAL_MS)
    {
        "shown-today"
    } else {
        "remind"
    };
    FriendReminder {
        show: reason == "remind",
        reason: reason.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::settings;
    use serde_json::json;

    const DAY: u64 = INTERVAL_MS;
    const NOW: u64 = 1_800_000_000_000;

    fn with(user: serde_json::Value) -> Settings {
        settings::merge(&serde_json::Value::Null, &user).settings
    }

    /// name, label, last shown, settings, (show, reason)
    type Case = (
        &'static str,
        &'static str,
        Option<u64>,
        Settings,
        (bool, &'static str),
    );

    #[rustfmt::skip]
    #[test]
    fn friend_request_table() {
        let defaults = with(json!(null));
        let cases: Vec<Case> = vec![
            ("first click", "Legg til venn", None, defaults.clone(), (true, "remind")),
            ("english", "Add friend", None, defaults.clone(), (true, "remind")),
            ("nynorsk", "Legg til som ven", None, defaults.clone(), (true, "remind")),
            ("case and spaces", "  legg  til VENN ", None, defaults.clone(), (true, "remind")),
            ("an hour later", "Legg til venn", Some(NOW - 3_600_000), defaults.clone(), (false, "shown-today")),
            ("just under a day", "Legg til venn", Some(NOW - DAY + 1), defaults.clone(), (false, "shown-today")),
            ("a day later", "Legg til venn", Some(NOW - DAY), defaults.clone(), (true, "remind")),
            ("clock turned back", "Legg til venn", Some(NOW + DAY * 30), defaults.clone(), (true, "remind")),
            ("other button", "Svar", None, defaults.clone(), (false, "not-friend-request")),
            ("cancel request", "Avbryt forespørsel", None, defaults.clone(), (false, "not-friend-request")),
            ("label must be the whole label", "Legg til venn for å se mer", None, defaults.clone(), (false, "not-friend-request")),
            ("extension off", "Legg til venn", None, with(json!({"enabled": false})), (false, "turned-off")),
            ("site off", "Legg til venn", None, with(json!({"disabledSites": ["facebook.com"]})), (false, "turned-off-for-site")),
            ("guideline off", "Legg til venn", None, with(json!({"guidelines": {"clients-and-users": {"enabled": false}}})), (false, "guideline-off")),
            ("snoozed", "Legg til venn", None, with(json!({"snoozes": {"www.facebook.com": NOW + 1000}})), (false, "snoozed")),
        ];
        for (name, label, last_shown, settings, expected) in cases {
            let got = decide(FriendRequestInput { label, last_shown, now: NOW, host: Some("www.facebook.com"), settings: &settings });
            assert_eq!((got.show, got.reason.as_str()), expected, "{name}");
        }
    }
}
