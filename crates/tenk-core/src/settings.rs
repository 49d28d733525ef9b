//! Effective settings: defaults ← the managed policy IT deploys ← the person's own choices
//! where IT has not locked them.
//!
//! [`merge`] is the one pure function behind the options page, the service worker and
//! `tenk policy check`. It never aborts: an unknown key, a wrong type or an unknown guideline
//! id becomes a [`Problem`] naming the key (in Norwegian and English) and the valid keys still
//! apply, so a broken policy never disables the extension silently.
//!
//! Locks: every key IT sets is locked for the person (guidelines per id:
//! `guidelines.<id>`); `allowSnooze: false` locks `snoozes`; `allowDisable: false` locks
//! `enabled`, `disabledSites` and `guidelines` (the person can turn nothing off).

use crate::sorted_map::SortedMap;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::sites::normalize_pattern;
use crate::{Lang, Role, Severity};

/// The stable guideline ids (docs/CONTRACTS.md §1), owned by the policy format.
pub use crate::policy::GUIDELINE_IDS;

/// When the pre-submit dialog checks who the comment is published as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum IdentityPrompt {
    /// On the first submit on each site in a browser session, even when nothing is found.
    #[default]
    FirstPerSiteSession,
    /// On every submit.
    Always,
    /// Only when the text has findings.
    Never,
}

/// One guideline's setting. `severity: None` keeps the policy's own severity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GuidelineSetting {
    /// The guideline is checked at all.
    pub enabled: bool,
    /// Overrides the severity of every finding of this guideline.
    pub severity: Option<Severity>,
}

impl Default for GuidelineSetting {
    fn default() -> Self {
        GuidelineSetting {
            enabled: true,
            severity: None,
        }
    }
}

/// Sites IT adds to or removes from the default list (canonical patterns, see
/// [`crate::sites::normalize_pattern`]).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SiteRules {
    /// Extra sites, watched with the generic adapters.
    pub add: Vec<String>,
    /// Sites never watched; wins over everything else.
    pub remove: Vec<String>,
}

/// The official contact for referrals («Send gjerne epost til …»).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Contact {
    /// E-mail address.
    pub email: Option<String>,
    /// A sentence shown with it.
    pub text: Option<String>,
}

/// The effective settings, after defaults, policy and the person's choices.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Settings {
    /// The organisation's name, shown in the UI.
    pub organisation: Option<String>,
    /// The person's role.
    pub role: Role,
    /// Every known guideline id with its setting.
    pub guidelines: SortedMap<GuidelineSetting>,
    /// A guidelines file in the engine's TOML format, given inline by IT.
    pub custom_policy: Option<String>,
    /// Sites IT added or removed.
    pub sites: SiteRules,
    /// When the identity check runs.
    pub identity_prompt: IdentityPrompt,
    /// The official contact for referrals.
    pub contact: Contact,
    /// UI language.
    pub locale: Lang,
    /// Staff may snooze reminders on a site.
    pub allow_snooze: bool,
    /// Staff may turn off guidelines, sites or the whole extension.
    pub allow_disable: bool,
    /// Show the onboarding page (issue 7).
    pub show_onboarding: bool,
    /// The person's main switch.
    pub enabled: bool,
    /// Sites the person turned the extension off for (canonical patterns).
    pub disabled_sites: Vec<String>,
    /// Running snoozes: site pattern → until (epoch ms).
    pub snoozes: SortedMap<u64>,
}

impl Default for Settings {
    fn default() -> Self {
        let mut guidelines = SortedMap::new();
        for id in GUIDELINE_IDS {
            guidelines.insert(id.to_string(), GuidelineSetting::default());
        }
        Settings {
            organisation: None,
            role: Role::Employee,
            guidelines,
            custom_policy: None,
            sites: SiteRules::default(),
            identity_prompt: IdentityPrompt::default(),
            contact: Contact::default(),
            locale: Lang::Nb,
            allow_snooze: true,
            allow_disable: true,
            show_onboarding: true,
            enabled: true,
            disabled_sites: Vec::new(),
            snoozes: SortedMap::new(),
        }
    }
}

impl Settings {
    /// Whether findings of `guideline` are shown at all.
    pub fn guideline_enabled(&self, guideline: &str) -> bool {
        self.guideline_choice(guideline).is_some()
    }

    /// What the settings make of `guideline`'s findings, from one lookup: `None` when it is
    /// turned off, else the severity IT chose for it, if any. A guideline the settings do not
    /// know (from a custom policy) counts as enabled, with its own severity.
    pub fn guideline_choice(&self, guideline: &str) -> Option<Option<Severity>> {
        match self.guidelines.get(guideline) {
            Some(g) if !g.enabled => None,
            Some(g) => Some(g.severity),
            None => Some(None),
        }
    }

    /// The severity IT chose for `guideline`, if any.
    pub fn severity_override(&self, guideline: &str) -> Option<Severity> {
        self.guidelines.get(guideline).and_then(|g| g.severity)
    }
}

/// Which JSON object a problem was found in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Origin {
    /// The managed policy (IT).
    Managed,
    /// The person's own choices.
    User,
}

/// Something in a policy or in the person's choices that was ignored, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Problem {
    /// The key, as a path: `role`, `guidelines.photos.severity`, `sites.add[2]`; empty for
    /// the whole object.
    pub key: String,
    /// Where it was found.
    pub origin: Origin,
    /// One sentence in Norwegian bokmål.
    pub message: String,
    /// The same sentence in English.
    pub message_en: String,
}

/// The result of [`merge`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Merged {
    /// The effective settings.
    pub settings: Settings,
    /// Keys the person cannot change (shown as «Styrt av IT-avdelingen»).
    pub locks: Vec<String>,
    /// What was ignored, and why.
    pub problems: Vec<Problem>,
}

impl Merged {
    /// Whether `key` (or, for `guidelines.<id>`, the whole `guidelines`) is locked.
    pub fn is_locked(&self, key: &str) -> bool {
        is_locked(&self.locks, key)
    }
}

fn is_locked(locks: &[String], key: &str) -> bool {
    locks.iter().any(|l| l == key)
        || (key.starts_with("guidelines.") && locks.iter().any(|l| l == "guidelines"))
}

/// Keys IT may set in the managed policy.
pub const MANAGED_KEYS: &[&str] = &[
    "organisation",
    "role",
    "guidelines",
    "customPolicy",
    "sites",
    "identityPrompt",
    "contact",
    "locale",
    "allowSnooze",
    "allowDisable",
    "showOnboarding",
];

/// Keys the person's own choices may hold.
pub const USER_KEYS: &[&str] = &[
    "role",
    "guidelines",
    "identityPrompt",
    "locale",
    "showOnboarding",
    "enabled",
    "disabledSites",
    "snoozes",
];

/// Merges defaults ← `managed` ← `user` (each a JSON object, or null for none). Pure; never
/// fails.
pub fn merge(managed: &Value, user: &Value) -> Merged {
    merge_over(Settings::default(), managed, user)
}

/// Like [`merge`], but the default language follows the browser's UI language tag.
pub fn merge_with_ui_language(managed: &Value, user: &Value, ui_language: &str) -> Merged {
    let defaults = Settings {
        locale: Lang::from_tag(ui_language),
        ..Settings::default()
    };
    merge_over(defaults, managed, user)
}

fn merge_over(defaults: Settings, managed: &Value, user: &Value) -> Merged {
    let mut m = Merger {
        settings: defaults,
        locks: Vec::new(),
        problems: Vec::new(),
    };
    if let Some(policy) = m.object(managed, Origin::Managed) {
        m.apply_managed(policy);
    }
    m.lock_by_permissions();
    if let Some(choices) = m.object(user, Origin::User) {
        m.apply_user(choices);
    }
    Merged {
        settings: m.settings,
        locks: m.locks,
        problems: m.problems,
    }
}

/// What a problem says, before it is put into words.
enum Issue<'a> {
    NotAnObject,
    UnknownKey,
    ItOnly,
    WrongType(Expected),
    UnknownValue(&'a [&'a str]),
    UnknownGuideline,
    BadSite(String, String),
    BadCustomPolicy(String),
    NotEmail,
}

/// The JSON type a key needs.
#[derive(Clone, Copy)]
enum Expected {
    Text,
    Bool,
    Object,
    TextList,
    Time,
}

impl Expected {
    fn words(self) -> (&'static str, &'static str) {
        match self {
            Expected::Text => ("en tekst", "a string"),
            Expected::Bool => ("true eller false", "true or false"),
            Expected::Object => ("et objekt", "an object"),
            Expected::TextList => ("en liste med tekster", "a list of strings"),
            Expected::Time => (
                "et tidspunkt i millisekunder (et heltall ≥ 0)",
                "a time in milliseconds (an integer ≥ 0)",
            ),
        }
    }
}

struct Merger {
    settings: Settings,
    locks: Vec<String>,
    problems: Vec<Problem>,
}

impl Merger {
    fn problem(&mut self, key: &str, origin: Origin, issue: Issue) {
        let (message, message_en) = match issue {
            Issue::NotAnObject => (
                "Innstillingene må være et JSON-objekt; de blir ignorert.".to_string(),
                "The settings must be a JSON object; they are ignored.".to_string(),
            ),
            Issue::UnknownKey => (
                format!("Ukjent innstilling «{key}» blir ignorert."),
                format!("Unknown setting “{key}” is ignored."),
            ),
            Issue::ItOnly => (
                format!("«{key}» kan bare settes av IT-avdelingen; verdien blir ignorert."),
                format!("“{key}” can only be set by IT; the value is ignored."),
            ),
            Issue::WrongType(expected) => {
                let (nb, en) = expected.words();
                (
                    format!("«{key}» må være {nb}; verdien blir ignorert."),
                    format!("“{key}” must be {en}; the value is ignored."),
                )
            }
            Issue::UnknownValue(allowed) => {
                let list = crate::text::quoted_list(allowed, '"');
                (
                    format!("«{key}» må være en av {list}; verdien blir ignorert."),
                    format!("“{key}” must be one of {list}; the value is ignored."),
                )
            }
            Issue::UnknownGuideline => (
                format!("«{key}» er ikke en kjent retningslinje; den blir ignorert."),
                format!("“{key}” is not a known guideline; it is ignored."),
            ),
            Issue::BadSite(nb, en) => (
                format!("«{key}»: {nb}; nettstedet blir ignorert."),
                format!("“{key}”: {en}; the site is ignored."),
            ),
            Issue::NotEmail => (
                format!("«{key}» er ikke en e-postadresse; den blir ignorert."),
                format!("“{key}” is not an e-mail address; it is ignored."),
            ),
            Issue::BadCustomPolicy(detail) => (
                format!(
                    "«{key}» er ikke en gyldig retningslinjefil ({detail}); den blir ignorert."
                ),
                format!("“{key}” is not a valid guidelines file ({detail}); it is ignored."),
            ),
        };
        self.problems.push(Problem {
            key: key.to_string(),
            origin,
            message,
            message_en,
        });
    }

    fn lock(&mut self, key: &str) {
        if !self.locks.iter().any(|l| l == key) {
            self.locks.push(key.to_string());
        }
    }

    fn object<'v>(&mut self, value: &'v Value, origin: Origin) -> Option<&'v Map<String, Value>> {
        match value {
            Value::Null => None,
            Value::Object(map) => Some(map),
            _ => {
                self.problem("", origin, Issue::NotAnObject);
                None
            }
        }
    }

    fn apply_managed(&mut self, policy: &Map<String, Value>) {
        let o = Origin::Managed;
        for (key, value) in policy {
            let applied = match key.as_str() {
                "organisation" => self
                    .text(key, value, o)
                    .map(|v| self.settings.organisation = non_empty(v)),
                "role" => self.role(key, value, o).map(|v| self.settings.role = v),
                "guidelines" => {
                    self.guidelines(value, o);
                    None
                }
                "customPolicy" => self
                    .custom_policy(key, value)
                    .map(|v| self.settings.custom_policy = non_empty(v)),
                "sites" => self.sites(value).map(|v| self.settings.sites = v),
                "identityPrompt" => self
                    .identity_prompt(key, value, o)
                    .map(|v| self.settings.identity_prompt = v),
                "contact" => self.contact(value).map(|v| self.settings.contact = v),
                "locale" => self.locale(key, value, o).map(|v| self.settings.locale = v),
                "allowSnooze" => self
                    .boolean(key, value, o)
                    .map(|v| self.settings.allow_snooze = v),
                "allowDisable" => self
                    .boolean(key, value, o)
                    .map(|v| self.settings.allow_disable = v),
                "showOnboarding" => self
                    .boolean(key, value, o)
                    .map(|v| self.settings.show_onboarding = v),
                _ => {
                    self.problem(key, o, Issue::UnknownKey);
                    None
                }
            };
            if applied.is_some() {
                self.lock(key);
            }
        }
    }

    fn lock_by_permissions(&mut self) {
        if !self.settings.allow_snooze {
            self.lock("snoozes");
        }
        if !self.settings.allow_disable {
            for key in ["enabled", "disabledSites", "guidelines"] {
                self.lock(key);
            }
        }
    }

    fn apply_user(&mut self, choices: &Map<String, Value>) {
        let o = Origin::User;
        for (key, value) in choices {
            let k = key.as_str();
            if !USER_KEYS.contains(&k) {
                let issue = if MANAGED_KEYS.contains(&k) {
                    Issue::ItOnly
                } else {
                    Issue::UnknownKey
                };
                self.problem(key, o, issue);
                continue;
            }
            if k != "guidelines" && is_locked(&self.locks, k) {
                continue;
            }
            match k {
                "role" => {
                    if let Some(v) = self.role(key, value, o) {
                        self.settings.role = v;
                    }
                }
                "guidelines" => self.guidelines(value, o),
                "identityPrompt" => {
                    if let Some(v) = self.identity_prompt(key, value, o) {
                        self.settings.identity_prompt = v;
                    }
                }
                "locale" => {
                    if let Some(v) = self.locale(key, value, o) {
                        self.settings.locale = v;
                    }
                }
                "showOnboarding" => {
                    if let Some(v) = self.boolean(key, value, o) {
                        self.settings.show_onboarding = v;
                    }
                }
                "enabled" => {
                    if let Some(v) = self.boolean(key, value, o) {
                        self.settings.enabled = v;
                    }
                }
                "disabledSites" => {
                    if let Some(v) = self.site_list(key, value, o) {
                        self.settings.disabled_sites = v;
                    }
                }
                "snoozes" => {
                    if let Some(v) = self.snoozes(value) {
                        self.settings.snoozes = v;
                    }
                }
                _ => {}
            }
        }
    }

    fn text<'v>(&mut self, key: &str, value: &'v Value, o: Origin) -> Option<&'v str> {
        match value {
            Value::String(s) => Some(s.as_str()),
            _ => {
                self.problem(key, o, Issue::WrongType(Expected::Text));
                None
            }
        }
    }

    fn boolean(&mut self, key: &str, value: &Value, o: Origin) -> Option<bool> {
        match value {
            Value::Bool(b) => Some(*b),
            _ => {
                self.problem(key, o, Issue::WrongType(Expected::Bool));
                None
            }
        }
    }

    fn choice<T: Copy>(
        &mut self,
        key: &str,
        value: &Value,
        o: Origin,
        options: &[(&'static str, T)],
    ) -> Option<T> {
        let s = self.text(key, value, o)?;
        match options.iter().find(|(name, _)| *name == s) {
            Some((_, v)) => Some(*v),
            None => {
                let names: Vec<&'static str> = options.iter().map(|(n, _)| *n).collect();
                self.problem(key, o, Issue::UnknownValue(&names));
                None
            }
        }
    }

    fn role(&mut self, key: &str, value: &Value, o: Origin) -> Option<Role> {
        self.choice(
            key,
            value,
            o,
            &[("employee", Role::Employee), ("leader", Role::Leader)],
        )
    }

    fn identity_prompt(&mut self, key: &str, value: &Value, o: Origin) -> Option<IdentityPrompt> {
        self.choice(
            key,
            value,
            o,
            &[
                (
                    "first-per-site-session",
                    IdentityPrompt::FirstPerSiteSession,
                ),
                ("always", IdentityPrompt::Always),
                ("never", IdentityPrompt::Never),
            ],
        )
    }

    fn locale(&mut self, key: &str, value: &Value, o: Origin) -> Option<Lang> {
        self.choice(
            key,
            value,
            o,
            &[("nb", Lang::Nb), ("nn", Lang::Nn), ("en", Lang::En)],
        )
    }

    fn severity(&mut self, key: &str, value: &Value, o: Origin) -> Option<Severity> {
        self.choice(
            key,
            value,
            o,
            &[("info", Severity::Info), ("warn", Severity::Warn)],
        )
    }

    fn map<'v>(
        &mut self,
        key: &str,
        value: &'v Value,
        o: Origin,
    ) -> Option<&'v Map<String, Value>> {
        match value {
            Value::Object(map) => Some(map),
            _ => {
                self.problem(key, o, Issue::WrongType(Expected::Object));
                None
            }
        }
    }

    /// `{"photos": {"enabled": false}, "loyalty": {"severity": "info"}}`. IT's entries lock
    /// their id; the person's entries apply where neither the id nor `guidelines` is locked.
    fn guidelines(&mut self, value: &Value, o: Origin) {
        let Some(map) = self.map("guidelines", value, o) else {
            return;
        };
        for (id, entry) in map {
            let path = format!("guidelines.{id}");
            if !GUIDELINE_IDS.contains(&id.as_str()) {
                self.problem(&path, o, Issue::UnknownGuideline);
                continue;
            }
            if o == Origin::User && is_locked(&self.locks, &path) {
                continue;
            }
            let Some(fields) = self.map(&path, entry, o) else {
                continue;
            };
            let mut setting = self
                .settings
                .guidelines
                .get(id.as_str())
                .copied()
                .unwrap_or_default();
            let mut any = false;
            for (field, v) in fields {
                let field_path = format!("{path}.{field}");
                match field.as_str() {
                    "enabled" => {
                        if let Some(b) = self.boolean(&field_path, v, o) {
                            setting.enabled = b;
                            any = true;
                        }
                    }
                    "severity" => {
                        if let Some(s) = self.severity(&field_path, v, o) {
                            setting.severity = Some(s);
                            any = true;
                        }
                    }
                    _ => self.problem(&field_path, o, Issue::UnknownKey),
                }
            }
            if any {
                self.settings.guidelines.insert(id.clone(), setting);
                if o == Origin::Managed {
                    self.lock(&path);
                }
            }
        }
    }

    fn custom_policy<'v>(&mut self, key: &str, value: &'v Value) -> Option<&'v str> {
        let text = self.text(key, value, Origin::Managed)?;
        match validate_custom_policy(text) {
            Ok(()) => Some(text),
            Err(detail) => {
                self.problem(key, Origin::Managed, Issue::BadCustomPolicy(detail));
                None
            }
        }
    }

    fn sites(&mut self, value: &Value) -> Option<SiteRules> {
        let o = Origin::Managed;
        let map = self.map("sites", value, o)?;
        let mut rules = SiteRules::default();
        for (field, v) in map {
            let path = format!("sites.{field}");
            match field.as_str() {
                "add" => rules.add = self.site_list(&path, v, o).unwrap_or_default(),
                "remove" => rules.remove = self.site_list(&path, v, o).unwrap_or_default(),
                _ => self.problem(&path, o, Issue::UnknownKey),
            }
        }
        Some(rules)
    }

    /// A list of site patterns; bad entries are problems, good ones still apply.
    fn site_list(&mut self, key: &str, value: &Value, o: Origin) -> Option<Vec<String>> {
        let Value::Array(items) = value else {
            self.problem(key, o, Issue::WrongType(Expected::TextList));
            return None;
        };
        let mut patterns = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let path = format!("{key}[{i}]");
            let Some(s) = self.text(&path, item, o) else {
                continue;
            };
            match normalize_pattern(s) {
                Ok(p) if !patterns.contains(&p) => patterns.push(p),
                Ok(_) => {}
                Err((nb, en)) => self.problem(&path, o, Issue::BadSite(nb, en)),
            }
        }
        Some(patterns)
    }

    fn contact(&mut self, value: &Value) -> Option<Contact> {
        let o = Origin::Managed;
        let map = self.map("contact", value, o)?;
        let mut contact = Contact::default();
        for (field, v) in map {
            let path = format!("contact.{field}");
            match field.as_str() {
                "email" => {
                    let email = self.text(&path, v, o).and_then(non_empty);
                    match email {
                        Some(e) if !looks_like_email(&e) => self.problem(&path, o, Issue::NotEmail),
                        _ => contact.email = email,
                    }
                }
                "text" => contact.text = self.text(&path, v, o).and_then(non_empty),
                _ => self.problem(&path, o, Issue::UnknownKey),
            }
        }
        Some(contact)
    }

    fn snoozes(&mut self, value: &Value) -> Option<SortedMap<u64>> {
        let o = Origin::User;
        let map = self.map("snoozes", value, o)?;
        let mut snoozes = SortedMap::new();
        for (site, until) in map {
            let path = format!("snoozes.{site}");
            let pattern = match normalize_pattern(site) {
                Ok(p) => p,
                Err((nb, en)) => {
                    self.problem(&path, o, Issue::BadSite(nb, en));
                    continue;
                }
            };
            match until.as_f64() {
                // Within JavaScript's safe integers, so the time survives the trip back to JS.
                Some(ms) if (0.0..=MAX_SAFE_INTEGER as f64).contains(&ms) => {
                    snoozes.insert(pattern, ms as u64);
                }
                _ => self.problem(&path, o, Issue::WrongType(Expected::Time)),
            }
        }
        Some(snoozes)
    }
}

/// `name@domain.tld`, no spaces: enough to refuse a URL or a sentence where an address belongs.
fn looks_like_email(s: &str) -> bool {
    match s.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && domain.as_bytes().contains(&b'.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !domain.as_bytes().contains(&b'@')
                && !s.contains(|c: char| {
                    c.is_whitespace() || c == '<' || c == '>' || c == ':' || c == '/'
                })
        }
        None => false,
    }
}

/// The largest integer a JavaScript number holds exactly (2^53 − 1).
const MAX_SAFE_INTEGER: u64 = (1 << 53) - 1;

fn non_empty(s: &str) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_string())
}

/// Checks a custom guidelines file with the engine's policy parser: TOML syntax, known
/// guideline ids, required texts, lexicons and detectors. The message names the field and
/// the line.
pub fn validate_custom_policy(text: &str) -> Result<(), String> {
    crate::Policy::parse(text)
        .map(|_| ())
        .map_err(|e| e.to_string())
}

/// What `tenk policy check FILE.json` prints: every setting the policy would change from the
/// defaults, the locks, and the problems.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Report {
    /// Where in a browser policy file the settings were found (`3rdparty.extensions.<id>`),
    /// or `None` when the file is the settings object itself.
    pub location: Option<String>,
    /// Settings that differ from the defaults.
    pub changes: Vec<Change>,
    /// Keys locked for the person.
    pub locks: Vec<String>,
    /// What was ignored, and why.
    pub problems: Vec<Problem>,
}

/// One setting the policy changes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    /// Path of the setting, e.g. `guidelines.photos.enabled`.
    pub key: String,
    /// The default.
    pub from: Value,
    /// The value under the policy.
    pub to: Value,
}

impl Report {
    /// Human-readable lines: changes, locks, then problems (in the given language).
    pub fn to_text(&self, lang: Lang) -> String {
        let en = lang == Lang::En;
        let mut out = String::new();
        if let Some(location) = &self.location {
            out.push_str(if en {
                "Settings found at "
            } else {
                "Innstillinger funnet i "
            });
            out.push_str(location);
            out.push('\n');
        }
        if self.changes.is_empty() {
            out.push_str(if en {
                "The policy changes nothing.\n"
            } else {
                "Policyen endrer ingenting.\n"
            });
        } else {
            out.push_str(if en {
                "The policy changes:\n"
            } else {
                "Policyen endrer:\n"
            });
            for c in &self.changes {
                out.push_str(&format!("  {}: {} → {}\n", c.key, c.from, c.to));
            }
        }
        if !self.locks.is_empty() {
            out.push_str(if en {
                "Locked for staff: "
            } else {
                "Låst for de ansatte: "
            });
            out.push_str(&self.locks.join(", "));
            out.push('\n');
        }
        if !self.problems.is_empty() {
            out.push_str(if en { "Problems:\n" } else { "Problemer:\n" });
            for p in &self.problems {
                let message = if en { &p.message_en } else { &p.message };
                out.push_str(&format!("  {message}\n"));
            }
        }
        out
    }
}

/// Checks a managed policy given as JSON text (the same JSON IT puts in the browser policy).
pub fn check_managed_json(text: &str) -> Report {
    let value: Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => {
            let detail = e.to_string();
            return file_problem(
                "",
                format!("Filen er ikke gyldig JSON ({detail})."),
                format!("The file is not valid JSON ({detail})."),
            );
        }
    };
    match extension_settings(&value) {
        Ok((location, settings)) => {
            let mut report = check_settings(settings);
            report.location = location;
            report
        }
        Err(report) => report,
    }
}

/// Extension ids Tenk deg om is known by: Chrome/Edge (from the manifest key) and Firefox.
pub const EXTENSION_IDS: &[&str] = &[
    "nhnjgdelglelapmakbdhaoicgajphnga",
    "tenk-deg-om@velferdsetaten.oslo.kommune.no",
];

/// The settings object in a file: the file itself, or — in a whole browser policy file —
/// Chrome/Edge's `3rdparty.extensions.<id>` or Firefox's `policies.3rdparty.Extensions.<id>`.
/// With several extensions configured, Tenk deg om's id (or the only entry) is chosen.
fn extension_settings(value: &Value) -> Result<(Option<String>, &Value), Report> {
    let (prefix, section) = if let Some(third) = value.get("3rdparty") {
        ("3rdparty.extensions", third.get("extensions"))
    } else if let Some(third) = value.get("policies").and_then(|p| p.get("3rdparty")) {
        ("policies.3rdparty.Extensions", third.get("Extensions"))
    } else {
        return Ok((None, value));
    };
    let Some(entries) = section.and_then(Value::as_object).filter(|e| !e.is_empty()) else {
        return Err(file_problem(
            prefix,
            format!("Policyfilen har ingen innstillinger for utvidelser («{prefix}.<id>»)."),
            format!("The policy file has no extension settings (“{prefix}.<id>”)."),
        ));
    };
    let chosen = entries
        .iter()
        .find(|(id, _)| EXTENSION_IDS.contains(&id.as_str()))
        .or_else(|| {
            (entries.len() == 1)
                .then(|| entries.iter().next())
                .flatten()
        });
    match chosen {
        Some((id, settings)) => Ok((Some(format!("{prefix}.{id}")), settings)),
        None => {
            let ids = entries.keys().cloned().collect::<Vec<_>>().join(", ");
            Err(file_problem(
                prefix,
                format!("Fant ikke Tenk deg om blant utvidelsene i «{prefix}» ({ids})."),
                format!("Tenk deg om is not among the extensions in “{prefix}” ({ids})."),
            ))
        }
    }
}

fn file_problem(key: &str, message: String, message_en: String) -> Report {
    Report {
        location: None,
        changes: Vec::new(),
        locks: Vec::new(),
        problems: vec![Problem {
            key: key.to_string(),
            origin: Origin::Managed,
            message,
            message_en,
        }],
    }
}

/// Changes, locks and problems of one managed settings object.
fn check_settings(managed: &Value) -> Report {
    let merged = merge(managed, &Value::Null);
    let before = serde_json::to_value(Settings::default()).unwrap_or(Value::Null);
    let after = serde_json::to_value(&merged.settings).unwrap_or(Value::Null);
    let mut changes = Vec::new();
    diff("", &before, &after, &mut changes);
    Report {
        location: None,
        changes,
        locks: merged.locks,
        problems: merged.problems,
    }
}

/// Leaf-by-leaf differences between two JSON values (objects are walked, the rest compared).
fn diff(path: &str, before: &Value, after: &Value, out: &mut Vec<Change>) {
    match (before, after) {
        (Value::Object(a), Value::Object(b)) => {
            let mut keys: Vec<&String> = a.keys().chain(b.keys()).collect();
            keys.sort();
            keys.dedup();
            for k in keys {
                let child = if path.is_empty() {
                    k.clone()
                } else {
                    format!("{path}.{k}")
                };
                diff(
                    &child,
                    a.get(k).unwrap_or(&Value::Null),
                    b.get(k).unwrap_or(&Value::Null),
                    out,
                );
            }
        }
        _ if before != after => out.push(Change {
            key: path.to_string(),
            from: before.clone(),
            to: after.clone(),
        }),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn problem_keys(m: &Merged) -> Vec<&str> {
        m.problems.iter().map(|p| p.key.as_str()).collect()
    }

    #[test]
    fn defaults() {
        let m = merge(&Value::Null, &Value::Null);
        let s = &m.settings;
        assert_eq!(s, &Settings::default());
        assert!(m.locks.is_empty() && m.problems.is_empty());
        assert_eq!(s.role, Role::Employee);
        assert_eq!(s.identity_prompt, IdentityPrompt::FirstPerSiteSession);
        assert_eq!(s.locale, Lang::Nb);
        assert!(s.allow_snooze && s.allow_disable && s.show_onboarding && s.enabled);
        assert_eq!(s.guidelines.len(), GUIDELINE_IDS.len());
        assert!(GUIDELINE_IDS
            .iter()
            .all(|id| s.guideline_enabled(id) && s.severity_override(id).is_none()));
    }

    /// Every managed key: its value applies and the key is locked.
    #[test]
    fn every_managed_key_applies_and_locks() {
        type Check = fn(&Settings) -> bool;
        let cases: Vec<(&str, Value, Check)> = vec![
            ("organisation", json!("Velferdsetaten"), |s| {
                s.organisation.as_deref() == Some("Velferdsetaten")
            }),
            ("role", json!("leader"), |s| s.role == Role::Leader),
            ("customPolicy", json!(crate::engine::DEFAULT_POLICY), |s| {
                s.custom_policy.is_some()
            }),
            (
                "sites",
                json!({"add": ["lokalavisa.no"], "remove": ["vg.no"]}),
                |s| s.sites.add == ["lokalavisa.no"] && s.sites.remove == ["vg.no"],
            ),
            ("identityPrompt", json!("always"), |s| {
                s.identity_prompt == IdentityPrompt::Always
            }),
            (
                "contact",
                json!({"email": "kommunikasjon@vel.oslo.kommune.no", "text": "Skriv til oss"}),
                |s| {
                    s.contact.email.as_deref() == Some("kommunikasjon@vel.oslo.kommune.no")
                        && s.contact.text.as_deref() == Some("Skriv til oss")
                },
            ),
            ("locale", json!("nn"), |s| s.locale == Lang::Nn),
            ("allowSnooze", json!(false), |s| !s.allow_snooze),
            ("allowDisable", json!(false), |s| !s.allow_disable),
            ("showOnboarding", json!(false), |s| !s.show_onboarding),
        ];
        for (key, value, check) in cases {
            let m = merge(&json!({ key: value }), &Value::Null);
            assert!(m.problems.is_empty(), "{key}: {:?}", m.problems);
            assert!(check(&m.settings), "{key} applies");
            assert!(m.is_locked(key), "{key} is locked");
        }
    }

    #[test]
    fn managed_guidelines_apply_per_id_and_lock_per_id() {
        let m = merge(
            &json!({"guidelines": {"photos": {"enabled": false}, "loyalty": {"severity": "info"}}}),
            &Value::Null,
        );
        assert!(m.problems.is_empty());
        assert!(!m.settings.guideline_enabled("photos"));
        assert_eq!(
            m.settings.severity_override("loyalty"),
            Some(Severity::Info)
        );
        assert!(m.settings.guideline_enabled("loyalty"));
        assert!(m.is_locked("guidelines.photos") && m.is_locked("guidelines.loyalty"));
        assert!(!m.is_locked("guidelines.confidentiality"));
    }

    /// The person's choices, each where IT did not lock it, and ignored where it did.
    #[test]
    fn user_choices_apply_unless_locked() {
        type Check = fn(&Settings) -> bool;
        let cases: Vec<(&str, Value, Value, Check, bool)> = vec![
            // (name, managed, user, check, expected)
            (
                "role",
                json!(null),
                json!({"role": "leader"}),
                |s| s.role == Role::Leader,
                true,
            ),
            (
                "role locked",
                json!({"role": "employee"}),
                json!({"role": "leader"}),
                |s| s.role == Role::Leader,
                false,
            ),
            (
                "locale",
                json!(null),
                json!({"locale": "en"}),
                |s| s.locale == Lang::En,
                true,
            ),
            (
                "locale locked",
                json!({"locale": "nb"}),
                json!({"locale": "en"}),
                |s| s.locale == Lang::En,
                false,
            ),
            (
                "identity prompt",
                json!(null),
                json!({"identityPrompt": "never"}),
                |s| s.identity_prompt == IdentityPrompt::Never,
                true,
            ),
            (
                "identity prompt locked",
                json!({"identityPrompt": "always"}),
                json!({"identityPrompt": "never"}),
                |s| s.identity_prompt == IdentityPrompt::Never,
                false,
            ),
            (
                "onboarding dismissed",
                json!(null),
                json!({"showOnboarding": false}),
                |s| !s.show_onboarding,
                true,
            ),
            (
                "extension off",
                json!(null),
                json!({"enabled": false}),
                |s| !s.enabled,
                true,
            ),
            (
                "extension off locked",
                json!({"allowDisable": false}),
                json!({"enabled": false}),
                |s| !s.enabled,
                false,
            ),
            (
                "site off",
                json!(null),
                json!({"disabledSites": ["www.vg.no"]}),
                |s| s.disabled_sites == ["www.vg.no"],
                true,
            ),
            (
                "site off locked",
                json!({"allowDisable": false}),
                json!({"disabledSites": ["www.vg.no"]}),
                |s| !s.disabled_sites.is_empty(),
                false,
            ),
            (
                "guideline off",
                json!(null),
                json!({"guidelines": {"think-twice": {"enabled": false}}}),
                |s| !s.guideline_enabled("think-twice"),
                true,
            ),
            (
                "guideline off locked by allowDisable",
                json!({"allowDisable": false}),
                json!({"guidelines": {"think-twice": {"enabled": false}}}),
                |s| !s.guideline_enabled("think-twice"),
                false,
            ),
            (
                "guideline locked by IT",
                json!({"guidelines": {"photos": {"enabled": false}}}),
                json!({"guidelines": {"photos": {"enabled": true}}}),
                |s| s.guideline_enabled("photos"),
                false,
            ),
            (
                "other guideline still free",
                json!({"guidelines": {"photos": {"enabled": false}}}),
                json!({"guidelines": {"loyalty": {"enabled": false}}}),
                |s| !s.guideline_enabled("loyalty"),
                true,
            ),
            (
                "onboarding locked",
                json!({"showOnboarding": true}),
                json!({"showOnboarding": false}),
                |s| !s.show_onboarding,
                false,
            ),
            (
                "guideline severity",
                json!(null),
                json!({"guidelines": {"loyalty": {"severity": "info"}}}),
                |s| s.severity_override("loyalty") == Some(Severity::Info),
                true,
            ),
            (
                "guideline severity locked by IT",
                json!({"guidelines": {"loyalty": {"severity": "warn"}}}),
                json!({"guidelines": {"loyalty": {"severity": "info"}}}),
                |s| s.severity_override("loyalty") == Some(Severity::Info),
                false,
            ),
            (
                "snooze",
                json!(null),
                json!({"snoozes": {"www.vg.no": 1_700_000_000_000u64}}),
                |s| s.snoozes.get("www.vg.no") == Some(&1_700_000_000_000),
                true,
            ),
            (
                "snooze locked",
                json!({"allowSnooze": false}),
                json!({"snoozes": {"www.vg.no": 1}}),
                |s| !s.snoozes.is_empty(),
                false,
            ),
        ];
        for (name, managed, user, check, expected) in cases {
            let m = merge(&managed, &user);
            assert!(m.problems.is_empty(), "{name}: {:?}", m.problems);
            assert_eq!(check(&m.settings), expected, "{name}");
        }
    }

    #[test]
    fn permission_locks() {
        let m = merge(
            &json!({"allowSnooze": false, "allowDisable": false}),
            &Value::Null,
        );
        for key in [
            "snoozes",
            "enabled",
            "disabledSites",
            "guidelines",
            "guidelines.photos",
            "allowSnooze",
            "allowDisable",
        ] {
            assert!(m.is_locked(key), "{key}");
        }
        assert!(!m.is_locked("role"));
        let open = merge(
            &json!({"allowSnooze": true, "allowDisable": true}),
            &Value::Null,
        );
        assert!(!open.is_locked("snoozes") && !open.is_locked("enabled"));
    }

    /// Keys only IT sets: each one from the person is ignored, named, and leaves the default.
    #[test]
    fn it_only_keys_from_the_person_are_ignored() {
        type Check = fn(&Settings) -> bool;
        let defaults: Vec<(&str, Value, Check)> = vec![
            ("organisation", json!("Etat X"), |s| {
                s.organisation.is_none()
            }),
            ("customPolicy", json!(crate::engine::DEFAULT_POLICY), |s| {
                s.custom_policy.is_none()
            }),
            ("sites", json!({"add": ["lokalavisa.no"]}), |s| {
                s.sites.add.is_empty() && s.sites.remove.is_empty()
            }),
            ("contact", json!({"email": "a@b.no"}), |s| {
                s.contact.email.is_none()
            }),
            ("allowSnooze", json!(false), |s| s.allow_snooze),
            ("allowDisable", json!(false), |s| s.allow_disable),
        ];
        for (key, value, is_default) in defaults {
            let m = merge(&Value::Null, &json!({ key: value, "role": "leader" }));
            assert_eq!(problem_keys(&m), [key], "{key} is reported");
            assert_eq!(m.problems[0].origin, Origin::User, "{key}");
            assert!(is_default(&m.settings), "{key} keeps its default");
            assert_eq!(
                m.settings.role,
                Role::Leader,
                "{key}: valid keys still apply"
            );
            assert!(!m.is_locked(key), "{key}: the person's input locks nothing");
        }
    }

    /// Bad input never aborts: each problem names its key and the valid keys still apply.
    #[test]
    fn problems_name_the_key_and_valid_keys_still_apply() {
        let cases: Vec<(&str, Value, Value, Vec<&str>)> = vec![
            (
                "unknown key",
                json!({"colour": "red", "role": "leader"}),
                json!(null),
                vec!["colour"],
            ),
            (
                "wrong type string",
                json!({"organisation": 5, "role": "leader"}),
                json!(null),
                vec!["organisation"],
            ),
            (
                "wrong type bool",
                json!({"allowSnooze": "no", "role": "leader"}),
                json!(null),
                vec!["allowSnooze"],
            ),
            (
                "unknown role",
                json!({"role": "boss"}),
                json!({"role": "leader"}),
                vec!["role"],
            ),
            (
                "unknown prompt mode",
                json!({"identityPrompt": "sometimes", "role": "leader"}),
                json!(null),
                vec!["identityPrompt"],
            ),
            (
                "unknown locale",
                json!({"locale": "de", "role": "leader"}),
                json!(null),
                vec!["locale"],
            ),
            (
                "unknown guideline",
                json!({"guidelines": {"be-nice": {"enabled": false}}, "role": "leader"}),
                json!(null),
                vec!["guidelines.be-nice"],
            ),
            (
                "guideline not object",
                json!({"guidelines": {"photos": false}, "role": "leader"}),
                json!(null),
                vec!["guidelines.photos"],
            ),
            (
                "guideline bad severity",
                json!({"guidelines": {"photos": {"severity": "error"}}, "role": "leader"}),
                json!(null),
                vec!["guidelines.photos.severity"],
            ),
            (
                "guideline unknown field",
                json!({"guidelines": {"photos": {"colour": 1}}, "role": "leader"}),
                json!(null),
                vec!["guidelines.photos.colour"],
            ),
            (
                "guidelines not object",
                json!({"guidelines": [], "role": "leader"}),
                json!(null),
                vec!["guidelines"],
            ),
            (
                "sites not object",
                json!({"sites": ["vg.no"], "role": "leader"}),
                json!(null),
                vec!["sites"],
            ),
            (
                "sites add not list",
                json!({"sites": {"add": "vg.no"}, "role": "leader"}),
                json!(null),
                vec!["sites.add"],
            ),
            (
                "bad site entry",
                json!({"sites": {"add": ["ok.no", "not a host", 7]}, "role": "leader"}),
                json!(null),
                vec!["sites.add[1]", "sites.add[2]"],
            ),
            (
                "sites unknown field",
                json!({"sites": {"block": []}, "role": "leader"}),
                json!(null),
                vec!["sites.block"],
            ),
            (
                "contact not object",
                json!({"contact": "x@y.no", "role": "leader"}),
                json!(null),
                vec!["contact"],
            ),
            (
                "contact bad email",
                json!({"contact": {"email": "https://vel.oslo.kommune.no/kontakt", "text": "x"}, "role": "leader"}),
                json!(null),
                vec!["contact.email"],
            ),
            (
                "contact email without domain",
                json!({"contact": {"email": "kommunikasjon@vel"}, "role": "leader"}),
                json!(null),
                vec!["contact.email"],
            ),
            (
                "contact unknown field",
                json!({"contact": {"phone": "123"}, "role": "leader"}),
                json!(null),
                vec!["contact.phone"],
            ),
            (
                "bad custom policy",
                json!({"customPolicy": "this is [not toml", "role": "leader"}),
                json!(null),
                vec!["customPolicy"],
            ),
            (
                "policy not an object",
                json!(["role", "leader"]),
                json!({"role": "leader"}),
                vec![""],
            ),
            (
                "user unknown key",
                json!(null),
                json!({"colour": "red", "role": "leader"}),
                vec!["colour"],
            ),
            (
                "user sets an IT-only key",
                json!(null),
                json!({"allowSnooze": false, "organisation": "x", "role": "leader"}),
                vec!["allowSnooze", "organisation"],
            ),
            (
                "user bad snooze",
                json!(null),
                json!({"snoozes": {"www.vg.no": "soon", "nrk.no": -1, "ba.no": 1e300}, "role": "leader"}),
                vec!["snoozes.ba.no", "snoozes.nrk.no", "snoozes.www.vg.no"],
            ),
            (
                "user bad site",
                json!(null),
                json!({"disabledSites": ["a b"], "role": "leader"}),
                vec!["disabledSites[0]"],
            ),
            (
                "user not an object",
                json!({"role": "leader"}),
                json!("leader"),
                vec![""],
            ),
        ];
        for (name, managed, user, expected_keys) in cases {
            let m = merge(&managed, &user);
            assert_eq!(problem_keys(&m), expected_keys, "{name}");
            assert_eq!(
                m.settings.role,
                Role::Leader,
                "{name}: valid keys still apply"
            );
            for p in &m.problems {
                assert!(
                    p.message.contains(&p.key) && p.message_en.contains(&p.key),
                    "{name}: names the key"
                );
                assert_ne!(p.message, p.message_en, "{name}: two languages");
            }
        }
    }

    #[test]
    fn custom_policy_errors_name_field_and_line() {
        let bad = crate::engine::DEFAULT_POLICY.replacen("id = \"photos\"", "id = \"pictures\"", 1);
        assert_ne!(
            bad,
            crate::engine::DEFAULT_POLICY,
            "the built-in policy has a photos guideline"
        );
        let m = merge(&json!({ "customPolicy": bad }), &Value::Null);
        assert_eq!(problem_keys(&m), ["customPolicy"]);
        assert!(
            m.problems[0].message_en.contains("pictures"),
            "{}",
            m.problems[0].message_en
        );
        assert!(
            m.problems[0].message_en.contains("line "),
            "{}",
            m.problems[0].message_en
        );
        assert!(m.settings.custom_policy.is_none());
        assert!(!m.is_locked("customPolicy"));
    }

    /// What IT may set in the browser (`extension/managed_schema.json`) and what the merge
    /// accepts must be the same keys.
    #[test]
    fn managed_schema_declares_exactly_the_managed_keys() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../extension/managed_schema.json");
        let Ok(text) = std::fs::read_to_string(&path) else {
            panic!("{} is missing", path.display());
        };
        let schema: Value = serde_json::from_str(&text).expect("the schema is JSON");
        let mut declared: Vec<&str> = schema["properties"]
            .as_object()
            .expect("properties")
            .keys()
            .map(String::as_str)
            .collect();
        declared.sort_unstable();
        let mut accepted = MANAGED_KEYS.to_vec();
        accepted.sort_unstable();
        assert_eq!(declared, accepted);
    }

    #[test]
    fn ui_language_sets_the_default_locale_only() {
        assert_eq!(
            merge_with_ui_language(&Value::Null, &Value::Null, "nn-NO")
                .settings
                .locale,
            Lang::Nn
        );
        assert_eq!(
            merge_with_ui_language(&json!({"locale": "en"}), &Value::Null, "nn-NO")
                .settings
                .locale,
            Lang::En
        );
        assert_eq!(
            merge_with_ui_language(&Value::Null, &json!({"locale": "nb"}), "en-GB")
                .settings
                .locale,
            Lang::Nb
        );
    }

    #[test]
    fn serialises_camel_case() {
        let v =
            serde_json::to_value(merge(&json!({"identityPrompt": "never"}), &Value::Null)).unwrap();
        assert_eq!(v["settings"]["identityPrompt"], "never");
        assert_eq!(v["settings"]["allowSnooze"], true);
        assert_eq!(
            v["settings"]["guidelines"]["photos"],
            json!({"enabled": true, "severity": null})
        );
        assert_eq!(v["locks"], json!(["identityPrompt"]));
    }

    #[test]
    fn check_report() {
        let report = check_managed_json(
            r#"{"role": "leader", "guidelines": {"photos": {"enabled": false}}, "colour": 1}"#,
        );
        let keys: Vec<&str> = report.changes.iter().map(|c| c.key.as_str()).collect();
        assert_eq!(keys, ["guidelines.photos.enabled", "role"]);
        assert_eq!(report.changes[1].to, json!("leader"));
        assert_eq!(report.problems.len(), 1);
        let text = report.to_text(Lang::Nb);
        assert!(text.contains("role: \"employee\" → \"leader\""), "{text}");
        assert!(text.contains("«colour»"), "{text}");
        assert!(report.to_text(Lang::En).contains("“colour”"));

        let broken = check_managed_json("{ not json");
        assert_eq!(broken.problems.len(), 1);
        assert!(broken.problems[0].message_en.contains("not valid JSON"));

        let chromium = check_managed_json(
            r#"{"ExtensionInstallForcelist": ["x;https://example/updates.xml"],
                "3rdparty": {"extensions": {"other": {"a": 1}, "nhnjgdelglelapmakbdhaoicgajphnga": {"role": "leader"}}}}"#,
        );
        assert_eq!(
            chromium.location.as_deref(),
            Some("3rdparty.extensions.nhnjgdelglelapmakbdhaoicgajphnga")
        );
        assert!(chromium.problems.is_empty(), "{:?}", chromium.problems);
        assert_eq!(chromium.changes[0].key, "role");
        assert!(chromium
            .to_text(Lang::En)
            .contains("Settings found at 3rdparty.extensions."));

        let firefox = check_managed_json(
            r#"{"policies": {"3rdparty": {"Extensions": {"tenk-deg-om@velferdsetaten.oslo.kommune.no": {"colour": 1}}}}}"#,
        );
        assert_eq!(
            firefox.location.as_deref(),
            Some("policies.3rdparty.Extensions.tenk-deg-om@velferdsetaten.oslo.kommune.no")
        );
        assert_eq!(firefox.problems[0].key, "colour");

        let only_entry =
            check_managed_json(r#"{"3rdparty": {"extensions": {"devid": {"locale": "nn"}}}}"#);
        assert_eq!(
            only_entry.location.as_deref(),
            Some("3rdparty.extensions.devid")
        );
        let not_ours = check_managed_json(r#"{"3rdparty": {"extensions": {"a": {}, "b": {}}}}"#);
        assert!(
            not_ours.problems[0].message_en.contains("not among"),
            "{:?}",
            not_ours.problems
        );
        let none = check_managed_json(r#"{"3rdparty": {}}"#);
        assert_eq!(none.problems[0].key, "3rdparty.extensions");

        let empty = check_managed_json("{}");
        assert!(empty.changes.is_empty() && empty.problems.is_empty());
        assert!(empty.to_text(Lang::En).contains("changes nothing"));
    }
}
