//! The one door between JavaScript and the core.
//!
//! The content script and the service worker both send the same serde-tagged [`Request`]
//! objects (`{"op": "analyse", …}`) and get [`Response`]s back, so running the core in the
//! page's content-script world or in the service worker is the same code on both sides. The
//! wasm crate only converts `JsValue`s; every decision is made here and unit-tested natively.

use std::rc::Rc;

use serde::{Deserialize, Serialize};

use crate::field::{self, FieldDecision, FieldDescription};

use crate::friend_request;
use crate::identity::{self, Candidates, Identity};
use crate::settings::{self, Origin, Problem, Settings};
use crate::sites::{self, AddedSite, SiteDecision};
use crate::submit::{self, SubmitInput};
use crate::{Context, Engine, Finding, GuidelineText, Lang};

/// A request from the extension's JavaScript.
///
/// Read from an object whose `op` names the variant (`{"op": "analyse", "text": …}`). The
/// derived reader is the externally tagged one (`remote = "Self"`, used by the hand-written
/// `Deserialize` impl below it): serde's internally tagged reader buffers every request in its
/// generic `Content` tree, which cost the WebAssembly build ≈ 50 KB of code.
#[derive(Debug, Clone, Deserialize)]
#[serde(remote = "Self", rename_all = "camelCase")]
pub enum Request {
    /// Findings for the inline hint while the person types.
    #[serde(rename_all = "camelCase")]
    Analyse {
        /// The field's current text.
        text: String,
        /// Where and by whom it is written.
        #[serde(default)]
        context: Context,
    },
    /// Is this editable element a comment field? (`qualifyField {field}` → `fieldDecision`.)
    #[serde(rename_all = "camelCase")]
    QualifyField {
        /// Plain description of the element, read by the content script.
        field: FieldDescription,
    },
    /// Who will the comment be published as? (`identity {candidates}` → `identity`.)
    #[serde(rename_all = "camelCase")]
    Identity {
        /// Strings the adapter gathered around the field.
        #[serde(default)]
        candidates: Candidates,
    },
    /// Every guideline's texts, for the options page.
    #[serde(rename_all = "camelCase")]
    Guidelines {
        /// Language of the texts.
        #[serde(default)]
        lang: Lang,
    },
    /// New settings: the managed policy and the person's choices, raw.
    #[serde(rename_all = "camelCase")]
    Configure {
        /// `chrome.storage.managed` contents (object or null).
        #[serde(default)]
        managed: serde_json::Value,
        /// The person's own choices from `chrome.storage.sync` (object or null).
        #[serde(default)]
        user: serde_json::Value,
        /// The browser's UI language tag (`nb-NO`, `en-GB`, …): the default locale.
        #[serde(default)]
        ui_language: String,
    },
    /// Does the extension run on this URL, and with which adapters?
    #[serde(rename_all = "camelCase")]
    Site {
        /// The page's (or frame's) URL.
        url: String,
        /// Epoch ms, to tell whether a snooze still runs.
        #[serde(default)]
        now: Option<f64>,
    },
    /// A click on Facebook's «Legg til venn»: show the `clients-and-users` reminder now?
    /// (`friendRequest {label, lastShown, now, context}` → `friendReminder`.)
    #[serde(rename_all = "camelCase")]
    FriendRequest {
        /// The clicked control's `aria-label` or text.
        label: String,
        /// When the reminder was last shown (epoch ms), if ever.
        #[serde(default)]
        last_shown: Option<f64>,
        /// Epoch ms.
        now: f64,
        /// `site` (the host) and `lang` (of the guideline text).
        #[serde(default)]
        context: Context,
    },
    /// The person pressed send: analyse, read the identity, decide whether to pause.
    #[serde(rename_all = "camelCase")]
    PrepareSubmit {
        /// The exact text about to be published.
        text: String,
        /// Where and by whom it is written (`context.site` gives the host).
        #[serde(default)]
        context: Context,
        /// Identity candidates the adapter gathered.
        #[serde(default)]
        identity: Candidates,
        /// No submit on this site has gone through in this browser session yet.
        #[serde(default)]
        first_submit_on_site: bool,
        /// Epoch ms, to tell whether a snooze still runs.
        #[serde(default)]
        now: Option<f64>,
    },
}

impl<'de> Deserialize<'de> for Request {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        let mut fields = serde_json::Map::deserialize(deserializer)?;
        let op = match fields.remove("op") {
            Some(op) => String::deserialize(op).map_err(D::Error::custom)?,
            None => return Err(D::Error::missing_field("op")),
        };
        // `{"op": "analyse", …}` read as `{"analyse": {…}}`.
        let mut tagged = serde_json::Map::new();
        tagged.insert(op, serde_json::Value::Object(fields));
        Request::deserialize(serde_json::Value::Object(tagged)).map_err(D::Error::custom)
    }
}

/// The core's answer to a [`Request`].
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum Response {
    /// Answer to [`Request::Analyse`].
    #[serde(rename_all = "camelCase")]
    Analysis {
        /// Findings ordered by start offset.
        findings: Vec<Finding>,
        /// Distinct guideline ids in `findings`, in order of first appearance.
        guidelines: Vec<String>,
        /// Texts of those guidelines in `context.lang`, by id.
        texts: TextsById,
    },
    /// Answer to [`Request::Guidelines`].
    #[serde(rename_all = "camelCase")]
    GuidelineList {
        /// All guidelines of the policy in policy order.
        guidelines: Vec<GuidelineText>,
    },
    /// Answer to [`Request::QualifyField`].
    FieldDecision(FieldDecision),
    /// Answer to [`Request::Identity`]. Nested, because an identity has a `kind` of its own.
    Identity {
        /// Who the comment will be published as.
        identity: Identity,
    },
    /// Answer to [`Request::Configure`].
    #[serde(rename_all = "camelCase")]
    Configured {
        /// The effective settings now in use.
        settings: Settings,
        /// Keys the person cannot change.
        locks: Vec<String>,
        /// What was ignored, and why (Norwegian and English).
        problems: Vec<Problem>,
        /// Sites IT added that need the content script registered at run time, with their
        /// match patterns (`sites::added_sites`).
        added_sites: Vec<AddedSite>,
    },
    /// Answer to [`Request::Site`].
    SiteDecision(SiteDecision),
    /// Answer to [`Request::PrepareSubmit`].
    #[serde(rename_all = "camelCase")]
    SubmitDecision {
        /// Hold the submit and show the dialog.
        pause: bool,
        /// Findings after settings (disabled guidelines removed, severities overridden).
        findings: Vec<Finding>,
        /// Guideline ids for the dialog, in display order.
        guidelines: Vec<String>,
        /// Texts of `guidelines` in `context.lang`, by id.
        texts: TextsById,
        /// Who the comment will be published as.
        identity: Identity,
        /// Why (a stable code, see `submit::SubmitDecision::reason`).
        reason: String,
    },
    /// Answer to [`Request::FriendRequest`].
    #[serde(rename_all = "camelCase")]
    FriendReminder {
        /// Show the reminder now.
        show: bool,
        /// Why (a stable code, see `friend_request::FriendReminder::reason`).
        reason: String,
        /// The guideline's id (`clients-and-users`).
        guideline: String,
        /// Its texts in `context.lang`, by id (empty when not shown).
        texts: TextsById,
    },
    /// The request could not be answered; the extension fails open.
    Error {
        /// One clear sentence.
        message: String,
    },
}

/// What the core keeps between requests in one JavaScript realm.
#[derive(Debug, Clone, Default)]
pub struct State {
    /// The engine in use: the built-in one shared, or IT's custom policy's. Shared, not copied:
    /// a copy of the built-in engine (its automaton, ≈ 1 MB) cost start-up time, memory and
    /// the WebAssembly `Engine::clone`'s code (BENCHMARKS.md, «size3»).
    engine: Rc<Engine>,
    settings: Settings,
    /// `configure` has been called: the settings' role wins over `context.role`.
    configured: bool,
    /// The custom policy source the engine was built from (`None`: the built-in policy).
    custom_policy: Option<String>,
    /// The built-in policy's engine, to go back to when IT's custom policy is removed or
    /// refused (see [`State::with_builtin`]).
    builtin: Rc<Engine>,
    /// The engine's guideline texts as JSON, for [`handle_json_text`].
    text_json: crate::analysis_json::TextCache,
}

impl State {
    /// State with the built-in policy and default settings.
    pub fn new() -> Self {
        State::with_builtin(Engine::default_policy())
    }

    /// State whose built-in policy is `builtin`: the WebAssembly build passes the engine of
    /// the policy compiled at build time ([`Engine::from_compiled`]), so that it neither
    /// carries nor reads the TOML.
    pub fn with_builtin(builtin: Engine) -> Self {
        let builtin = Rc::new(builtin);
        State {
            engine: Rc::clone(&builtin),
            settings: Settings::default(),
            configured: false,
            custom_policy: None,
            builtin,
            text_json: Default::default(),
        }
    }

    /// The effective settings in use.
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// The engine in use: the built-in policy's, or IT's custom policy's once configured.
    pub fn engine(&self) -> &Engine {
        &self.engine
    }

    /// Switches the engine to IT's custom policy, or back to the built-in one; compiles only
    /// when the policy text changed. A policy that does not compile keeps the built-in one.
    fn use_policy(&mut self, custom: Option<&str>) -> Result<(), Problem> {
        if self.custom_policy.as_deref() == custom {
            return Ok(());
        }
        self.text_json.clear();
        match custom {
            None => {
                self.engine = Rc::clone(&self.builtin);
                self.custom_policy = None;
                Ok(())
            }
            Some(source) => match Engine::from_policy_str(source) {
                Ok(engine) => {
                    self.engine = Rc::new(engine);
                    self.custom_policy = Some(source.to_string());
                    Ok(())
                }
                Err(e) => {
                    self.engine = Rc::clone(&self.builtin);
                    self.custom_policy = None;
                    Err(Problem {
                        key: "customPolicy".to_string(),
                        origin: Origin::Managed,
                        message: format!("«customPolicy» kan ikke brukes ({e}); de innebygde retningslinjene gjelder."),
                        message_en: format!("“customPolicy” cannot be used ({e}); the built-in guidelines apply."),
                    })
                }
            },
        }
    }

    /// Texts of the guidelines `ids` in `lang`, with the severities the settings chose.
    fn texts(&self, ids: &[String], lang: Lang) -> TextsById {
        let mut texts = texts_for(&self.engine, ids, lang);
        for text in texts.0.iter_mut() {
            if let Some(severity) = self.settings.severity_override(&text.id) {
                text.severity = severity;
            }
        }
        texts
    }
}

/// The findings of an `analyse` request after the settings, and their distinct guidelines.
fn analysis(state: &State, text: &str, mut context: Context) -> (Vec<Finding>, Vec<String>) {
    if state.configured {
        context.role = state.settings.role;
    }
    let findings = state.engine.analyse(text, &context);
    let findings = submit::apply_settings_to(findings, &state.settings);
    let guidelines = distinct_guidelines(&findings);
    (findings, guidelines)
}

/// Answers one request.
pub fn handle(state: &mut State, request: Request) -> Response {
    match request {
        Request::Analyse { text, context } => {
            let lang = context.lang;
            let (findings, guidelines) = analysis(state, &text, context);
            let texts = state.texts(&guidelines, lang);
            Response::Analysis {
                findings,
                guidelines,
                texts,
            }
        }
        Request::Guidelines { lang } => Response::GuidelineList {
            guidelines: state.engine.guideline_texts(lang),
        },
        Request::QualifyField { field } => Response::FieldDecision(field::qualify(&field)),
        Request::Identity { candidates } => Response::Identity {
            identity: identity::identify(&candidates),
        },
        Request::Configure {
            managed,
            user,
            ui_language,
        } => {
            let mut merged = settings::merge_with_ui_language(&managed, &user, &ui_language);
            if let Err(problem) = state.use_policy(merged.settings.custom_policy.as_deref()) {
                merged.settings.custom_policy = None;
                merged.problems.push(problem);
            }
            state.settings = merged.settings.clone();
            state.configured = true;
            Response::Configured {
                added_sites: sites::added_sites(&merged.settings),
                settings: merged.settings,
                locks: merged.locks,
                problems: merged.problems,
            }
        }
        Request::Site { url, now } => {
            Response::SiteDecision(sites::decide(&url, &state.settings, epoch_ms(now)))
        }
        Request::FriendRequest {
            label,
            last_shown,
            now,
            context,
        } => {
            let host = context.site.as_deref().and_then(sites::host_of);
            let decision = friend_request::decide(friend_request::FriendRequestInput {
                label: &label,
                last_shown: epoch_ms(last_shown),
                now: epoch_ms(Some(now)).unwrap_or(0),
                host: host.as_deref(),
                settings: &state.settings,
            });
            let guideline = friend_request::GUIDELINE.to_string();
            let texts = if decision.show {
                state.texts(std::slice::from_ref(&guideline), context.lang)
            } else {
                TextsById::default()
            };
            Response::FriendReminder {
                show: decision.show,
                reason: decision.reason,
                guideline,
                texts,
            }
        }
        Request::PrepareSubmit {
            text,
            mut context,
            identity: candidates,
            first_submit_on_site,
            now,
        } => {
            if state.configured {
                context.role = state.settings.role;
            }
            let findings = state.engine.analyse(&text, &context);
            let identity = identity::identify(&candidates);
            let host = context.site.as_deref().and_then(sites::host_of);
            let decision = submit::decide(SubmitInput {
                findings: &findings,
                first_submit_on_site,
                identity: &identity,
                settings: &state.settings,
                host: host.as_deref(),
                now_ms: epoch_ms(now),
            });
            let texts = state.texts(&decision.guidelines, context.lang);
            Response::SubmitDecision {
                pause: decision.pause,
                findings: decision.findings,
                guidelines: decision.guidelines,
                texts,
                identity,
                reason: decision.reason,
            }
        }
    }
}

/// A JavaScript time (a float) as epoch ms; `None` when absent, negative or not finite.
fn epoch_ms(now: Option<f64>) -> Option<u64> {
    now.filter(|n| n.is_finite() && *n >= 0.0).map(|n| n as u64)
}

/// Answers one request given as plain JSON: a request that does not parse (unknown `op`,
/// missing or mistyped field) becomes [`Response::Error`] naming the problem, never a panic.
///
/// The request is read by [`crate::request_reader`] (by hand, with the field's path in its
/// errors), which accepts what the derived `Deserialize` of [`Request`] accepts.
pub fn handle_json(state: &mut State, request: serde_json::Value) -> Response {
    match read_request(Ok(request)) {
        Ok(request) => handle(state, request),
        Err(message) => Response::Error { message },
    }
}

/// The request in `request` (`Err`: why the caller could not read it as JSON), or the error
/// message that says why it is none.
fn read_request(request: Result<serde_json::Value, String>) -> Result<Request, String> {
    request
        .and_then(|mut value| crate::request_reader::read_request(&mut value))
        .map_err(|e| format!("Ugyldig forespørsel / invalid request: {e}"))
}

/// [`handle_json`] with the response as JSON text: what `serde_json::to_string` writes for
/// its response (`""` if it could not, which no response type does), the `analysis` answer to
/// every hint written by hand (`analysis_json`: ≈ a tenth of a WebAssembly call, see
/// BENCHMARKS.md). `Err` is a request the caller could not read as JSON, and why.
pub fn handle_json_text(state: &mut State, request: Result<serde_json::Value, String>) -> String {
    let response = match read_request(request) {
        Ok(Request::Analyse { text, context }) => {
            let lang = context.lang;
            let (findings, guidelines) = analysis(state, &text, context);
            let mut out = String::with_capacity(1024 + 256 * findings.len());
            let settings = &state.settings;
            crate::analysis_json::write(
                &mut out,
                &findings,
                &guidelines,
                lang,
                state.engine.policy(),
                &mut state.text_json,
                |id| settings.severity_override(id),
            );
            return out;
        }
        Ok(request) => handle(state, request),
        Err(message) => Response::Error { message },
    };
    serde_json::to_string(&response).unwrap_or_default()
}

/// Texts of the guidelines `ids` in `lang`, by id.
pub fn texts_for(engine: &Engine, ids: &[String], lang: Lang) -> TextsById {
    let mut texts = TextsById::default();
    for id in ids {
        if let Some(t) = engine.guideline_text(id, lang) {
            texts.insert(t);
        }
    }
    texts
}

/// Guideline texts by id: written as a JSON object `{id: texts}` with the ids in byte order,
/// as a `BTreeMap<String, GuidelineText>` was. A sorted `Vec` rather than a `BTreeMap`: one
/// map type fewer in the WebAssembly (BENCHMARKS.md, «Where the WASM's size goes»).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextsById(Vec<GuidelineText>);

impl TextsById {
    /// Adds `text` under its id, replacing the texts of the same id.
    pub fn insert(&mut self, text: GuidelineText) {
        match self
            .0
            .binary_search_by(|t| t.id.as_str().cmp(text.id.as_str()))
        {
            Ok(i) => self.0[i] = text,
            Err(i) => self.0.insert(i, text),
        }
    }

    /// The texts of guideline `id`.
    pub fn get(&self, id: &str) -> Option<&GuidelineText> {
        self.0
            .binary_search_by(|t| t.id.as_str().cmp(id))
            .ok()
            .map(|i| &self.0[i])
    }

    /// Every guideline's texts, by id in byte order.
    pub fn iter(&self) -> std::slice::Iter<'_, GuidelineText> {
        self.0.iter()
    }

    /// How many guidelines.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl Serialize for TextsById {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for t in &self.0 {
            map.serialize_entry(&t.id, t)?;
        }
        map.end()
    }
}

/// Distinct guideline ids in order of first appearance.
pub fn distinct_guidelines(findings: &[Finding]) -> Vec<String> {
    let mut ids: Vec<String> = Vec::new();
    for f in findings {
        if !ids.iter().any(|id| id == &f.guideline) {
            ids.push(f.guideline.clone());
        }
    }
    ids
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Value};

    fn ask(request: Value) -> Value {
        let mut state = State::new();
        serde_json::to_value(handle_json(&mut state, request)).expect("responses serialise")
    }

    #[test]
    fn qualify_field_op() {
        let got = ask(
            json!({"op": "qualifyField", "field": {"tag": "textarea", "placeholder": "Skriv en kommentar"}}),
        );
        assert_eq!(
            got,
            json!({"kind": "fieldDecision", "qualifies": true, "reason": "comment-label"})
        );
        let got = ask(json!({"op": "qualifyField", "field": {"tag": "input", "type": "search"}}));
        assert_eq!(
            got,
            json!({"kind": "fieldDecision", "qualifies": false, "reason": "search"})
        );
    }

    #[test]
    fn identity_op() {
        let got = ask(
            json!({"op": "identity", "candidates": {"labels": ["Kommenter som Kari Nordmann"], "pageSwitcher": false}}),
        );
        assert_eq!(
            got,
            json!({"kind": "identity", "identity": {"name": "Kari Nordmann", "kind": "person", "showsWorkplace": false, "workplace": null, "source": "label"}})
        );
    }

    #[test]
    fn friend_request_op() {
        let got = ask(
            json!({"op": "friendRequest", "label": "Legg til venn", "now": 1.8e12, "context": {"site": "www.facebook.com", "lang": "nb"}}),
        );
        assert_eq!(got["kind"], "friendReminder");
        assert_eq!(got["show"], true);
        assert_eq!(got["guideline"], "clients-and-users");
        assert!(got["texts"]["clients-and-users"]["title"]
            .as_str()
            .is_some_and(|t| t.contains("klienter")));
        let again = ask(
            json!({"op": "friendRequest", "label": "Legg til venn", "lastShown": 1.8e12 - 60_000.0, "now": 1.8e12}),
        );
        assert_eq!(
            again,
            json!({"kind": "friendReminder", "show": false, "reason": "shown-today", "guideline": "clients-and-users", "texts": {}})
        );
        let bad = ask(json!({"op": "friendRequest", "label": "Legg til venn"}));
        assert_eq!(bad["kind"], "error");
    }

    fn ask_in(state: &mut State, request: Value) -> Value {
        serde_json::to_value(handle_json(state, request)).expect("responses serialise")
    }

    #[test]
    fn configure_op() {
        let mut state = State::new();
        let got = ask_in(
            &mut state,
            json!({"op": "configure", "managed": {"role": "leader", "allowSnooze": false, "colour": 1}, "user": {"locale": "en"}, "uiLanguage": "nn-NO"}),
        );
        assert_eq!(got["kind"], "configured");
        assert_eq!(got["settings"]["role"], "leader");
        assert_eq!(got["settings"]["locale"], "en");
        assert_eq!(got["settings"]["allowSnooze"], false);
        assert_eq!(got["locks"], json!(["allowSnooze", "role", "snoozes"]));
        assert_eq!(got["problems"][0]["key"], "colour");
        assert_eq!(got["problems"][0]["origin"], "managed");
        assert!(got["problems"][0]["messageEn"]
            .as_str()
            .unwrap()
            .contains("colour"));
        assert_eq!(state.settings().role, crate::Role::Leader);

        let defaults =
            ask(json!({"op": "configure", "managed": null, "user": null, "uiLanguage": "nn"}));
        assert_eq!(defaults["settings"]["locale"], "nn");
        assert_eq!(defaults["problems"], json!([]));
        let minimal = ask(json!({"op": "configure"}));
        assert_eq!(minimal["kind"], "configured");
        assert_eq!(minimal["addedSites"], json!([]));

        let added = ask(
            json!({"op": "configure", "managed": {"sites": {"add": ["www.lokalavisa-test.no", "vg.no"]}}}),
        );
        assert_eq!(
            added["addedSites"],
            json!([{"pattern": "www.lokalavisa-test.no", "matches": ["https://www.lokalavisa-test.no/*"]}]),
            "the built-in vg.no needs no registration"
        );
    }

    #[test]
    fn site_op() {
        let got = ask(json!({"op": "site", "url": "https://www.vg.no/nyheter"}));
        assert_eq!(
            got,
            json!({"kind": "siteDecision", "active": true, "family": "newspaper", "reason": "default-newspaper", "host": "www.vg.no", "snoozedUntil": null})
        );
        let mut state = State::new();
        ask_in(
            &mut state,
            json!({"op": "configure", "managed": {"sites": {"remove": ["vg.no"]}}}),
        );
        let got = ask_in(
            &mut state,
            json!({"op": "site", "url": "https://www.vg.no/"}),
        );
        assert_eq!(
            (got["active"].clone(), got["reason"].clone()),
            (json!(false), json!("removed-by-it"))
        );
        let got = ask(
            json!({"op": "site", "url": "https://www.facebook.com/plugins/comments.php?href=x"}),
        );
        assert_eq!(got["family"], "facebook-plugin");
    }

    #[test]
    fn the_situation_from_the_page_adds_its_guidelines() {
        let decide = |context: serde_json::Value| {
            let got = ask(json!({
                "op": "prepareSubmit",
                "text": "Hei alle sammen",
                "context": context,
                "identity": {"labels": ["Kommenter som Kari Nordmann"]},
                "firstSubmitOnSite": false
            }));
            serde_json::from_value::<Vec<String>>(got["guidelines"].clone()).unwrap()
        };
        assert_eq!(decide(json!({})), Vec::<String>::new());
        let edit = decide(json!({"editHints": ["Trykk Esc for å avbryte.", "Lagre endringer"]}));
        assert_eq!(edit, ["admit-mistakes"]);
        assert_eq!(
            decide(json!({"editHints": ["Skriv en kommentar", "Publiser"]})),
            Vec::<String>::new()
        );
        let image = decide(json!({"hasAttachment": true}));
        assert!(image.contains(&"photos".to_string()), "{image:?}");
    }

    #[test]
    fn prepare_submit_op() {
        let mut state = State::new();
        let request = |first: bool| {
            json!({
                "op": "prepareSubmit",
                "text": "Hei alle sammen",
                "context": {"site": "https://www.facebook.com/groups/1", "lang": "nb"},
                "identity": {"labels": ["Kommenter som Kari Nordmann"]},
                "firstSubmitOnSite": first,
                "now": 1_700_000_000_000.0
            })
        };
        let got = ask_in(&mut state, request(true));
        assert_eq!(got["kind"], "submitDecision");
        assert_eq!(got["pause"], true);
        assert_eq!(got["guidelines"], json!(["logged-in-identity"]));
        assert_eq!(got["identity"]["name"], "Kari Nordmann");
        assert_eq!(got["identity"]["kind"], "person");
        assert_eq!(got["reason"], "identity-check");
        assert_eq!(got["findings"], json!([]));
        let texts = got["texts"].as_object().expect("texts by id");
        assert_eq!(texts.keys().collect::<Vec<_>>(), ["logged-in-identity"]);
        assert_eq!(texts["logged-in-identity"]["id"], "logged-in-identity");

        let got = ask_in(&mut state, request(false));
        assert_eq!(
            (got["pause"].clone(), got["reason"].clone()),
            (json!(false), json!("clean"))
        );

        // The settings' role wins once configured: a leader's identity check adds their guideline.
        ask_in(
            &mut state,
            json!({"op": "configure", "managed": {"role": "leader"}}),
        );
        let got = ask_in(&mut state, request(true));
        assert_eq!(
            got["guidelines"],
            json!(["logged-in-identity", "leaders-responsibility"])
        );

        // A snooze on the site lets even the first submit through.
        ask_in(
            &mut state,
            json!({"op": "configure", "user": {"snoozes": {"www.facebook.com": 1_800_000_000_000u64}}}),
        );
        let got = ask_in(&mut state, request(true));
        assert_eq!(
            (got["pause"].clone(), got["reason"].clone()),
            (json!(false), json!("snoozed"))
        );
    }

    fn analyse(state: &mut State, text: &str) -> Value {
        ask_in(
            state,
            json!({"op": "analyse", "text": text, "context": {"lang": "nb"}}),
        )
    }

    #[test]
    fn settings_shape_the_analysis() {
        let mut state = State::new();
        let text = "Fødselsnummeret hans er 01129940030";
        assert_eq!(
            analyse(&mut state, text)["guidelines"],
            json!(["confidentiality"])
        );

        ask_in(
            &mut state,
            json!({"op": "configure", "managed": {"guidelines": {"confidentiality": {"severity": "info"}}}}),
        );
        let got = analyse(&mut state, text);
        assert_eq!(got["findings"][0]["severity"], "info");
        assert_eq!(got["texts"]["confidentiality"]["severity"], "info");

        ask_in(
            &mut state,
            json!({"op": "configure", "managed": {"guidelines": {"confidentiality": {"enabled": false}}}}),
        );
        assert_eq!(analyse(&mut state, text)["findings"], json!([]));

        ask_in(&mut state, json!({"op": "configure"}));
        assert_eq!(
            analyse(&mut state, text)["guidelines"],
            json!(["confidentiality"])
        );
    }

    #[test]
    fn custom_policy_replaces_the_built_in_one() {
        let mut state = State::new();
        let custom = crate::engine::DEFAULT_POLICY.replacen(
            "title = \"Taushetsplikten gjelder også på nett\"",
            "title = \"Husk taushetsplikten i Etat X\"",
            1,
        );
        assert_ne!(custom, crate::engine::DEFAULT_POLICY);
        let got = ask_in(
            &mut state,
            json!({"op": "configure", "managed": {"customPolicy": custom}}),
        );
        assert_eq!(got["problems"], json!([]));
        assert!(got["locks"]
            .as_array()
            .unwrap()
            .contains(&json!("customPolicy")));
        let got = analyse(&mut state, "Fødselsnummeret hans er 01129940030");
        assert_eq!(
            got["texts"]["confidentiality"]["title"],
            "Husk taushetsplikten i Etat X"
        );

        let broken = ask_in(
            &mut state,
            json!({"op": "configure", "managed": {"customPolicy": "[policy]\nname = 3"}}),
        );
        assert_eq!(broken["problems"][0]["key"], "customPolicy");
        assert_eq!(broken["settings"]["customPolicy"], Value::Null);
        let got = analyse(&mut state, "Fødselsnummeret hans er 01129940030");
        assert_eq!(
            got["texts"]["confidentiality"]["title"],
            "Taushetsplikten gjelder også på nett"
        );
    }

    /// A small deterministic generator (xorshift), so the garbage test needs no dependency
    /// and fails the same way every time.
    struct Garbage(u64);

    impl Garbage {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }
        fn coin(&mut self) -> bool {
            self.next() >> 63 == 1
        }
        fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
            items[(self.next() % items.len() as u64) as usize]
        }
        /// A string glued from pieces that stress offsets, cases and separators.
        fn text(&mut self) -> String {
            const PIECES: &[&str] = &[
                "Kommenter som ",
                "Innlogget som ",
                "Svar som ",
                "siden ",
                "Hva tenker du på, ",
                "?",
                "Kari",
                " Nordmann",
                "İ",
                "ß",
                "😀",
                "æøå",
                "\u{202e}",
                "\u{0}",
                "\n",
                " · ",
                "Logg ut",
                "(",
                ")",
                "<img src=x onerror=alert(1)>",
                "https://",
                "www.vg.no",
                "/",
                ":",
                "*.",
                "..",
                "kommune",
                "NAV",
                "01129940030",
                "søk",
                "cc-number",
                " ",
                "",
            ];
            let n = self.next() % 8;
            (0..n).map(|_| self.pick(PIECES)).collect()
        }
        fn value(&mut self, depth: u32) -> Value {
            match self.next() % if depth > 2 { 5 } else { 7 } {
                0 => Value::Null,
                1 => json!(self.coin()),
                2 => json!((self.next() % 2_000_000) as f64 - 1_000_000.5),
                3 | 4 => json!(self.text()),
                5 => Value::Array(
                    (0..self.next() % 4)
                        .map(|_| self.value(depth + 1))
                        .collect(),
                ),
                _ => {
                    const KEYS: &[&str] = &[
                        "role",
                        "guidelines",
                        "photos",
                        "enabled",
                        "severity",
                        "sites",
                        "add",
                        "remove",
                        "snoozes",
                        "www.vg.no",
                        "locale",
                        "identityPrompt",
                        "contact",
                        "customPolicy",
                        "allowSnooze",
                        "allowDisable",
                        "disabledSites",
                        "x",
                    ];
                    let mut map = serde_json::Map::new();
                    for _ in 0..self.next() % 5 {
                        let key = self.pick(KEYS).to_string();
                        map.insert(key, self.value(depth + 1));
                    }
                    Value::Object(map)
                }
            }
        }
    }

    /// Thousands of random and half-valid requests: every one gets an answer, none panics.
    #[test]
    fn garbage_never_panics() {
        let mut g = Garbage(0x9E37_79B9_7F4A_7C15);
        let mut state = State::new();
        for _ in 0..3000 {
            let request = match g.next() % 6 {
                0 => json!({"op": "identity", "candidates": {
                    "labels": [g.text(), g.text()], "texts": [g.text()], "images": [g.text()],
                    "profileLinks": [g.text()], "bylines": [g.text()],
                    "pageSwitcher": g.coin(), "pageName": g.text()}}),
                1 => json!({"op": "qualifyField", "field": {
                    "tag": g.pick(&["textarea", "input", "div", "", "TEXTAREA"]), "type": g.text(),
                    "role": g.text(), "contenteditable": g.coin(), "ariaLabel": g.text(),
                    "placeholder": g.text(), "name": g.text(), "labels": [g.text()],
                    "formAction": g.text(), "autocomplete": g.text(), "containerHints": [g.text()]}}),
                2 => json!({"op": "site", "url": g.text(), "now": g.value(3)}),
                3 => {
                    json!({"op": "configure", "managed": g.value(0), "user": g.value(0), "uiLanguage": g.text()})
                }
                4 => json!({"op": "prepareSubmit", "text": g.text(), "context": {"site": g.text()},
                    "identity": {"labels": [g.text()]}, "firstSubmitOnSite": g.coin(),
                    "now": (g.next() % 4_000_000_000_000) as f64}),
                _ => g.value(0),
            };
            let got = ask_in(&mut state, request.clone());
            assert!(got["kind"].is_string(), "{request} → {got}");
        }
    }

    fn keys(v: &Value) -> Vec<&str> {
        let mut k: Vec<&str> = v
            .as_object()
            .expect("an object")
            .keys()
            .map(String::as_str)
            .collect();
        k.sort_unstable();
        k
    }

    /// The shapes JavaScript reads (docs/CONTRACTS.md §4). If this fails, a seam changed:
    /// update the contract and the TypeScript types together.
    #[test]
    fn response_shapes_are_stable() {
        let mut state = State::new();
        let configured = ask_in(
            &mut state,
            json!({"op": "configure", "managed": {"colour": 1}}),
        );
        assert_eq!(
            keys(&configured),
            ["addedSites", "kind", "locks", "problems", "settings"]
        );
        assert_eq!(
            keys(&configured["settings"]),
            [
                "allowDisable",
                "allowSnooze",
                "contact",
                "customPolicy",
                "disabledSites",
                "enabled",
                "guidelines",
                "identityPrompt",
                "locale",
                "organisation",
                "role",
                "showOnboarding",
                "sites",
                "snoozes"
            ]
        );
        assert_eq!(keys(&configured["settings"]["contact"]), ["email", "text"]);
        assert_eq!(keys(&configured["settings"]["sites"]), ["add", "remove"]);
        assert_eq!(
            keys(&configured["problems"][0]),
            ["key", "message", "messageEn", "origin"]
        );

        let submit = ask_in(
            &mut state,
            json!({"op": "prepareSubmit", "text": "Fnr 01129940030", "firstSubmitOnSite": true}),
        );
        assert_eq!(
            keys(&submit),
            [
                "findings",
                "guidelines",
                "identity",
                "kind",
                "pause",
                "reason",
                "texts"
            ]
        );
        assert_eq!(
            keys(&submit["identity"]),
            ["kind", "name", "showsWorkplace", "source", "workplace"]
        );
        assert_eq!(
            keys(&submit["findings"][0]),
            [
                "detector",
                "end",
                "guideline",
                "matched",
                "message",
                "severity",
                "start"
            ]
        );

        let site = ask_in(
            &mut state,
            json!({"op": "site", "url": "https://www.vg.no/"}),
        );
        assert_eq!(
            keys(&site),
            ["active", "family", "host", "kind", "reason", "snoozedUntil"]
        );
        let field = ask_in(&mut state, json!({"op": "qualifyField", "field": {}}));
        assert_eq!(keys(&field), ["kind", "qualifies", "reason"]);
        let who = ask_in(&mut state, json!({"op": "identity", "candidates": {}}));
        assert_eq!(keys(&who), ["identity", "kind"]);
        let error = ask_in(&mut state, json!({"op": "nope"}));
        assert_eq!(keys(&error), ["kind", "message"]);
    }

    #[test]
    fn bad_requests_are_errors() {
        let cases = [
            ("unknown op", json!({"op": "fly"})),
            ("no op", json!({"text": "hei"})),
            ("not an object", json!("qualifyField")),
            ("field missing", json!({"op": "qualifyField"})),
            (
                "field mistyped",
                json!({"op": "qualifyField", "field": {"tag": 3}}),
            ),
            (
                "candidates mistyped",
                json!({"op": "identity", "candidates": {"labels": "x"}}),
            ),
        ];
        for (name, request) in cases {
            let got = ask(request);
            assert_eq!(got["kind"], "error", "{name}");
            assert!(
                got["message"].as_str().is_some_and(|m| !m.is_empty()),
                "{name}"
            );
        }
    }
}

#[cfg(test)]
mod engine_api_tests {
    use super::*;

    #[test]
    fn analysis_carries_texts_and_guidelines_op_lists_all() {
        let mut state = State::new();
        let request = serde_json::json!({"op": "analyse", "text": "fnr 01129940030", "context": {"lang": "nn"}});
        let response = serde_json::to_value(handle_json(&mut state, request)).unwrap();
        assert_eq!(response["kind"], "analysis");
        assert_eq!(
            response["guidelines"],
            serde_json::json!(["confidentiality"])
        );
        let text = &response["texts"]["confidentiality"];
        assert_eq!(text["id"], "confidentiality");
        assert_eq!(text["title"], "Teieplikta gjeld òg på nett");
        for key in ["quote", "why", "instead", "severity"] {
            assert!(text.get(key).is_some(), "{key}");
        }
        let list = serde_json::to_value(handle_json(
            &mut state,
            serde_json::json!({"op": "guidelines", "lang": "en"}),
        ))
        .unwrap();
        assert_eq!(list["kind"], "guidelineList");
        assert_eq!(list["guidelines"].as_array().unwrap().len(), 13);
    }
}
