//! Which editable fields are comment fields.
//!
//! Like Bitwarden's autofill qualification, the decision is a pure function over a plain
//! description of the field that the content script reads from the DOM ([`FieldDescription`]);
//! the DOM wiring lives in the adapters. Refusals come first and always win: the extension must
//! never watch a search box, a login or payment form, a combobox, or a field meant for an
//! e-mail address, a phone number or a number.

use serde::{Deserialize, Serialize};

use crate::phrases::Folded;

/// What the content script can read about an editable element, as plain strings and flags.
/// Missing fields mean "not present".
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct FieldDescription {
    /// Lower-case tag name: `textarea`, `input`, `div`, `p`, …
    pub tag: String,
    /// The `role` attribute (`textbox`, `combobox`, `searchbox`, …).
    pub role: Option<String>,
    /// The `type` attribute of an `<input>`.
    #[serde(rename = "type")]
    pub input_type: Option<String>,
    /// The element is editable through `contenteditable` (`true` or `plaintext-only`).
    pub contenteditable: bool,
    /// `aria-label`.
    pub aria_label: Option<String>,
    /// `placeholder`, or the visible placeholder of a rich editor.
    pub placeholder: Option<String>,
    /// `name` attribute.
    pub name: Option<String>,
    /// `id` attribute.
    pub id: Option<String>,
    /// `autocomplete` attribute.
    pub autocomplete: Option<String>,
    /// Texts of associated `<label>`s and `aria-labelledby` targets.
    pub labels: Vec<String>,
    /// The enclosing form's `action`, if any.
    pub form_action: Option<String>,
    /// The enclosing form has a password field.
    pub form_has_password: bool,
    /// The field is inside a `role="search"` landmark or a search form.
    pub in_search_form: bool,
    /// The element is a Lexical editor (`data-lexical-editor="true"`).
    pub lexical: bool,
    /// Texts of the submit buttons of the enclosing form («Send kommentar», «Publiser»).
    pub submit_labels: Vec<String>,
    /// `id`s, class names and `aria-label`s of the field's containers (for example
    /// `comments`, `comment-form`, `coral-talk`), nearest first.
    pub container_hints: Vec<String>,
    /// `aria-autocomplete` (a field with suggestions is a combobox in disguise).
    pub aria_autocomplete: Option<String>,
    /// The field is disabled.
    pub disabled: bool,
    /// The field is read-only.
    pub readonly: bool,
    /// The field is hidden (`type=hidden`, `hidden`, `display:none`, zero size).
    pub hidden: bool,
}

/// The answer for one field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FieldDecision {
    /// Watch this field and guard its submits.
    pub qualifies: bool,
    /// A stable code saying why, for logs and tests (see [`qualify`]).
    pub reason: String,
}

impl FieldDecision {
    fn yes(reason: &str) -> Self {
        FieldDecision {
            qualifies: true,
            reason: reason.to_string(),
        }
    }
    fn no(reason: &str) -> Self {
        FieldDecision {
            qualifies: false,
            reason: reason.to_string(),
        }
    }
}

/// Words in a label or placeholder that say "write a comment here".
const COMMENT_WORDS: &[&str] = &[
    "kommentar",
    "kommentarer",
    "kommenter",
    "kommentér",
    "svar",
    "svare",
    "kommentere",
    "comment",
    "comments",
    "reply",
    "respond",
    "svar som",
    "skriv en kommentar",
    "skriv ein kommentar",
    "legg inn en kommentar",
    "legg inn ein kommentar",
    "delta i debatten",
    "join the discussion",
    "join the conversation",
    "hva tenker du på",
    "kva tenkjer du på",
    "what's on your mind",
    "what’s on your mind",
    "skriv noe",
    "skriv noko",
    "write something",
];

/// Labels of private-message boxes (Messenger's «Aa», «Melding»): not comments, never
/// watched. One-word labels must match the whole label; phrases may occur anywhere.
const CHAT_LABELS: &[&str] = &[
    "aa",
    "melding",
    "message",
    "skriv en melding",
    "skriv ei melding",
    "send en melding",
    "write a message",
    "send a message",
];

/// Container fragments of chat windows.
const CHAT_FRAGMENTS: &[&str] = &["messenger", "chat-"];

/// Fragments of ids, classes and form actions that say "comment section".
const COMMENT_FRAGMENTS: &[&str] = &[
    "comment",
    "kommentar",
    "reply",
    "coral",
    "talk-",
    "disqus",
    "debatt",
    "discussion",
];

/// Submit buttons of comment forms.
const COMMENT_SUBMITS: &[&str] = &[
    "kommenter",
    "kommentér",
    "send kommentar",
    "publiser",
    "publiser kommentar",
    "post comment",
    "comment",
    "svar",
    "reply",
    "post",
    "legg inn",
];

/// Words that mark a search field.
const SEARCH_WORDS: &[&str] = &["søk", "search", "sok"];

/// Fragments of names, ids and actions that mark a login or registration.
const LOGIN_FRAGMENTS: &[&str] = &[
    "login",
    "log-in",
    "logon",
    "signin",
    "sign-in",
    "signup",
    "sign-up",
    "username",
    "user_name",
    "brukernavn",
    "passord",
    "password",
    "logg-inn",
    "logginn",
    "innlogging",
    "/auth",
    "register",
];

/// Fragments of names, ids and actions that mark payment.
const PAYMENT_FRAGMENTS: &[&str] = &[
    "card",
    "kortnummer",
    "kortnr",
    "cvc",
    "cvv",
    "ccnum",
    "cc-num",
    "iban",
    "kontonummer",
    "expiry",
    "utløp",
    "checkout",
    "payment",
    "betaling",
    "/pay",
    "kasse",
];

/// Whole words in labels that mark payment. (Not «kort» alone: «Skriv en kort kommentar».)
const PAYMENT_LABEL_WORDS: &[&str] = &[
    "kortnummer",
    "kredittkort",
    "betalingskort",
    "card number",
    "kortinnehaver",
    "cvc",
    "cvv",
    "utløpsdato",
    "expiry date",
];

/// Whole words in names and ids that mark payment (`name="kort"`).
const PAYMENT_NAME_WORDS: &[&str] = &["kort", "cc"];

/// Input types a comment can be typed into. Everything else (email, tel, number, password,
/// url, date, …) is refused.
const TEXT_INPUT_TYPES: &[&str] = &["", "text"];

/// `autocomplete` tokens that are fine on a comment field; any other token names personal
/// data for autofill (`name`, `email`, `cc-number`, `username`, …).
const NEUTRAL_AUTOCOMPLETE: &[&str] = &["", "off", "on", "nope", "false"];

/// Decides whether a field is a comment field. Pure.
///
/// Reasons when it does not qualify: `disabled`, `hidden`, `not-editable`, `input-type`,
/// `combobox`, `search`, `password`, `login-form`, `payment`, `autofill-field`,
/// `private-message`, `no-comment-signal`. Reasons when it does: `lexical-editor`,
/// `comment-label`, `comment-name`, `comment-container`, `comment-form`.
pub fn qualify(field: &FieldDescription) -> FieldDecision {
    if let Some(refusal) = refusal(field) {
        return FieldDecision::no(refusal);
    }
    let labels = label_texts(field);
    let is_chat = labels.iter().any(|l| {
        CHAT_LABELS.iter().any(|w| {
            l.trim().eq_ignore_ascii_case(w)
                || (w.as_bytes().contains(&b' ') && Folded::new(l).contains_word(w))
        })
    }) || field
        .container_hints
        .iter()
        .any(|h| has_fragment(h, CHAT_FRAGMENTS));
    if is_chat {
        return FieldDecision::no("private-message");
    }
    let role = lower(&field.role);
    if field.lexical && (role == "textbox" || field.contenteditable) {
        return FieldDecision::yes("lexical-editor");
    }
    if labels.iter().any(|l| {
        COMMENT_WORDS
            .iter()
            .any(|w| Folded::new(l).contains_word(w))
    }) {
        return FieldDecision::yes("comment-label");
    }
    let is_multiline = field.tag == "textarea" || field.contenteditable;
    let names_comment = [&field.name, &field.id]
        .into_iter()
        .flatten()
        .any(|s| has_fragment(s, COMMENT_FRAGMENTS));
    if is_multiline && names_comment {
        return FieldDecision::yes("comment-name");
    }
    if field
        .container_hints
        .iter()
        .any(|h| has_fragment(h, COMMENT_FRAGMENTS))
    {
        return FieldDecision::yes("comment-container");
    }
    let action_says_comment = field
        .form_action
        .as_deref()
        .is_some_and(|a| has_fragment(a, COMMENT_FRAGMENTS));
    let submit_says_comment = field.submit_labels.iter().any(|s| {
        COMMENT_SUBMITS
            .iter()
            .any(|w| Folded::new(s).contains_word(w))
    });
    if action_says_comment || (submit_says_comment && is_multiline) {
        return FieldDecision::yes("comment-form");
    }
    FieldDecision::no("no-comment-signal")
}

/// The first reason this field must never be watched, if any.
fn refusal(field: &FieldDescription) -> Option<&'static str> {
    let tag = field.tag.trim().to_ascii_lowercase();
    let role = lower(&field.role);
    let input_type = lower(&field.input_type);
    if field.disabled {
        return Some("disabled");
    }
    if field.hidden || input_type == "hidden" {
        return Some("hidden");
    }
    if field.readonly {
        return Some("not-editable");
    }
    let suggestions = lower(&field.aria_autocomplete);
    if role == "combobox" || !(suggestions.is_empty() || suggestions == "none") {
        return Some("combobox");
    }
    if role == "searchbox" || input_type == "search" || field.in_search_form {
        return Some("search");
    }
    if input_type == "password" {
        return Some("password");
    }
    let editable = match tag.as_str() {
        "textarea" => true,
        "input" => {
            if !TEXT_INPUT_TYPES.contains(&input_type.as_str()) {
                return Some("input-type");
            }
            true
        }
        _ => field.contenteditable,
    };
    if !editable {
        return Some("not-editable");
    }
    let identifiers: Vec<&str> = [&field.name, &field.id, &field.form_action]
        .into_iter()
        .filter_map(|s| s.as_deref())
        .collect();
    let labels = label_texts(field);
    if identifiers
        .iter()
        .chain(labels.iter())
        .any(|s| SEARCH_WORDS.iter().any(|w| Folded::new(s).contains_word(w)))
        || lower(&field.name) == "q"
    {
        return Some("search");
    }
    if field.form_has_password || identifiers.iter().any(|s| has_fragment(s, LOGIN_FRAGMENTS)) {
        return Some("login-form");
    }
    let autocomplete = lower(&field.autocomplete);
    if autocomplete
        .split_whitespace()
        .any(|t| t.starts_with("cc-"))
        || identifiers
            .iter()
            .any(|s| has_fragment(s, PAYMENT_FRAGMENTS))
        || identifiers.iter().any(|s| {
            PAYMENT_NAME_WORDS
                .iter()
                .any(|w| Folded::new(s).contains_word(w))
        })
        || labels.iter().any(|s| {
            PAYMENT_LABEL_WORDS
                .iter()
                .any(|w| Folded::new(s).contains_word(w))
        })
    {
        return Some("payment");
    }
    if !autocomplete
        .split_whitespace()
        .all(|t| NEUTRAL_AUTOCOMPLETE.contains(&t))
    {
        return Some("autofill-field");
    }
    None
}

/// `aria-label`, placeholder and label texts: what a person reads about the field.
fn label_texts(field: &FieldDescription) -> Vec<&str> {
    field
        .aria_label
        .iter()
        .chain(field.placeholder.iter())
        .chain(field.labels.iter())
        .map(String::as_str)
        .collect()
}

fn has_fragment(text: &str, fragments: &[&str]) -> bool {
    let folded = Folded::new(text);
    fragments.iter().any(|f| folded.contains(f))
}

fn lower(value: &Option<String>) -> String {
    crate::lower::lowercase_str(value.as_deref().unwrap_or("").trim())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    struct Case {
        name: &'static str,
        input: serde_json::Value,
        expected: (bool, &'static str),
    }

    fn case(
        name: &'static str,
        input: serde_json::Value,
        qualifies: bool,
        reason: &'static str,
    ) -> Case {
        Case {
            name,
            input,
            expected: (qualifies, reason),
        }
    }

    #[rustfmt::skip]
    fn cases() -> Vec<Case> {
        vec![
            // Facebook
            case("fb lexical comment", json!({"tag": "div", "role": "textbox", "contenteditable": true, "lexical": true, "ariaLabel": "Kommenter som Kari Nordmann"}), true, "lexical-editor"),
            case("messenger chat", json!({"tag": "div", "role": "textbox", "contenteditable": true, "lexical": true, "ariaLabel": "Melding", "placeholder": "Aa"}), false, "private-message"),
            case("messenger english", json!({"tag": "div", "role": "textbox", "contenteditable": true, "lexical": true, "ariaLabel": "Message"}), false, "private-message"),
            case("chat container", json!({"tag": "div", "role": "textbox", "contenteditable": true, "lexical": true, "containerHints": ["messenger-chat-tab"]}), false, "private-message"),
            case("comment about a message is a comment", json!({"tag": "textarea", "placeholder": "Kommenter meldingen"}), true, "comment-label"),
            case("fb lexical without label", json!({"tag": "div", "role": "textbox", "contenteditable": true, "lexical": true}), true, "lexical-editor"),
            case("fb reply label", json!({"tag": "div", "role": "textbox", "contenteditable": true, "ariaLabel": "Svar som Kari Nordmann"}), true, "comment-label"),
            case("fb composer", json!({"tag": "div", "role": "textbox", "contenteditable": true, "ariaLabel": "Hva tenker du på, Kari?"}), true, "comment-label"),
            case("fb english", json!({"tag": "div", "role": "textbox", "contenteditable": true, "ariaLabel": "Write a comment…"}), true, "comment-label"),
            case("fb search box", json!({"tag": "input", "type": "search", "role": "combobox", "ariaLabel": "Søk på Facebook", "placeholder": "Søk på Facebook"}), false, "combobox"),
            case("messenger-like lexical combobox", json!({"tag": "div", "role": "combobox", "contenteditable": true, "lexical": true}), false, "combobox"),
            // Newspapers
            case("textarea with placeholder", json!({"tag": "textarea", "placeholder": "Skriv en kommentar"}), true, "comment-label"),
            case("legg inn en kommentar", json!({"tag": "textarea", "labels": ["Legg inn en kommentar"]}), true, "comment-label"),
            case("kommenter label", json!({"tag": "textarea", "labels": ["Kommenter"]}), true, "comment-label"),
            case("svar label", json!({"tag": "textarea", "ariaLabel": "Svar"}), true, "comment-label"),
            case("input with comment label", json!({"tag": "input", "type": "text", "placeholder": "Skriv en kommentar"}), true, "comment-label"),
            case("input without type", json!({"tag": "input", "placeholder": "Reply"}), true, "comment-label"),
            case("textarea in comment container", json!({"tag": "textarea", "containerHints": ["article-comments"]}), true, "comment-container"),
            case("coral editor", json!({"tag": "div", "contenteditable": true, "containerHints": ["coral-rte"]}), true, "comment-container"),
            case("textarea in comment form action", json!({"tag": "textarea", "formAction": "https://www.ba.no/api/comments"}), true, "comment-form"),
            case("textarea with comment submit", json!({"tag": "textarea", "submitLabels": ["Send kommentar"]}), true, "comment-form"),
            case("disqus textbox", json!({"tag": "div", "role": "textbox", "contenteditable": true, "ariaLabel": "Join the discussion…"}), true, "comment-label"),
            case("wordpress textarea", json!({"tag": "textarea", "name": "comment", "id": "comment"}), true, "comment-name"),
            case("comment body by id", json!({"tag": "textarea", "id": "commentBody"}), true, "comment-name"),
            case("single-line comment_title is not the comment", json!({"tag": "input", "type": "text", "name": "comment_title"}), false, "no-comment-signal"),
            case("bare textarea", json!({"tag": "textarea"}), false, "no-comment-signal"),
            case("contact form textarea", json!({"tag": "textarea", "labels": ["Din henvendelse"], "submitLabels": ["Send"]}), false, "no-comment-signal"),
            case("single-line input with comment submit", json!({"tag": "input", "type": "text", "submitLabels": ["Kommenter"]}), false, "no-comment-signal"),
            case("svarfrist is not svar", json!({"tag": "textarea", "labels": ["Svarfrist"]}), false, "no-comment-signal"),
            // Never
            case("search input by type", json!({"tag": "input", "type": "search", "placeholder": "Kommentarer"}), false, "search"),
            case("search form", json!({"tag": "input", "type": "text", "inSearchForm": true, "placeholder": "Skriv en kommentar"}), false, "search"),
            case("search by label", json!({"tag": "input", "type": "text", "placeholder": "Søk i kommentarer"}), false, "search"),
            case("search by name q", json!({"tag": "input", "type": "text", "name": "q"}), false, "search"),
            case("searchbox role", json!({"tag": "div", "role": "searchbox", "contenteditable": true}), false, "search"),
            case("password", json!({"tag": "input", "type": "password"}), false, "password"),
            case("login form", json!({"tag": "input", "type": "text", "formHasPassword": true, "placeholder": "Kommentar"}), false, "login-form"),
            case("login by name", json!({"tag": "input", "type": "text", "name": "username"}), false, "login-form"),
            case("login by action", json!({"tag": "textarea", "formAction": "https://www.vg.no/logg-inn", "placeholder": "Kommentar"}), false, "login-form"),
            case("card by autocomplete", json!({"tag": "input", "type": "text", "autocomplete": "cc-number", "placeholder": "Kommentar"}), false, "payment"),
            case("card by name", json!({"tag": "input", "type": "text", "name": "cardNumber"}), false, "payment"),
            case("kort by label", json!({"tag": "input", "type": "text", "labels": ["Kortnummer"]}), false, "payment"),
            case("checkout form", json!({"tag": "textarea", "formAction": "/checkout/confirm", "labels": ["Kommentar til bestillingen"]}), false, "payment"),
            case("email input", json!({"tag": "input", "type": "email", "placeholder": "Kommentar"}), false, "input-type"),
            case("tel input", json!({"tag": "input", "type": "tel"}), false, "input-type"),
            case("number input", json!({"tag": "input", "type": "number"}), false, "input-type"),
            case("hidden input", json!({"tag": "input", "type": "hidden", "name": "comment"}), false, "hidden"),
            case("hidden flag", json!({"tag": "textarea", "hidden": true, "placeholder": "Kommentar"}), false, "hidden"),
            case("disabled", json!({"tag": "textarea", "disabled": true, "placeholder": "Kommentar"}), false, "disabled"),
            case("readonly", json!({"tag": "textarea", "readonly": true, "placeholder": "Kommentar"}), false, "not-editable"),
            case("plain div", json!({"tag": "div", "ariaLabel": "Kommentarer"}), false, "not-editable"),
            case("aria-autocomplete list", json!({"tag": "input", "type": "text", "ariaAutocomplete": "list", "placeholder": "Svar"}), false, "combobox"),
            case("autofill name field", json!({"tag": "input", "type": "text", "autocomplete": "name", "labels": ["Navn (vises ved kommentaren)"]}), false, "autofill-field"),
            case("autocomplete off is fine", json!({"tag": "textarea", "autocomplete": "off", "placeholder": "Skriv en kommentar"}), true, "comment-label"),
            case("short comment is not payment", json!({"tag": "textarea", "placeholder": "Skriv en kort kommentar"}), true, "comment-label"),
            case("kort by name", json!({"tag": "input", "type": "text", "name": "kort"}), false, "payment"),
            case("finn is a name, not a search", json!({"tag": "textarea", "ariaLabel": "Svar Finn"}), true, "comment-label"),
            case("empty description", json!({}), false, "not-editable"),
            // The generic adapter's fixture (tests/fixtures/newspaper/generic.html), as the adapter describes it
            case("generic contenteditable", json!({"tag": "div", "role": "textbox", "contenteditable": true, "ariaLabel": "Legg inn en kommentar", "containerHints": ["debatt-composer"]}), true, "comment-label"),
            case("generic english input", json!({"tag": "input", "type": "", "placeholder": "Write a comment…"}), true, "comment-label"),
            case("generic nynorsk", json!({"tag": "textarea", "placeholder": "Skriv ein kommentar"}), true, "comment-label"),
            case("generic legg inn ein", json!({"tag": "textarea", "labels": ["Legg inn ein kommentar"]}), true, "comment-label"),
            case("generic search by type", json!({"tag": "input", "type": "search", "name": "q", "placeholder": "Søk i kommentarer", "inSearchForm": true}), false, "search"),
            case("generic site search", json!({"tag": "input", "type": "text", "name": "query", "placeholder": "Søk"}), false, "search"),
            case("generic login username", json!({"tag": "input", "type": "text", "name": "username", "placeholder": "Brukernavn", "formAction": "/logg-inn", "formHasPassword": true}), false, "login-form"),
            case("generic password", json!({"tag": "input", "type": "password", "name": "password", "placeholder": "Passord", "formAction": "/logg-inn", "formHasPassword": true}), false, "password"),
            case("generic card number", json!({"tag": "input", "type": "text", "name": "cardnumber", "autocomplete": "cc-number", "placeholder": "Kortnummer", "formAction": "/checkout/betal"}), false, "payment"),
            case("generic order note", json!({"tag": "textarea", "name": "note", "placeholder": "Kommentar til bestillingen", "formAction": "/checkout/betal"}), false, "payment"),
            case("generic combobox labelled Svar", json!({"tag": "input", "type": "text", "role": "combobox", "ariaLabel": "Svar til", "ariaAutocomplete": "list"}), false, "combobox"),
        ]
    }

    #[test]
    fn qualification_table() {
        for c in cases() {
            let field: FieldDescription = serde_json::from_value(c.input.clone()).expect(c.name);
            let got = qualify(&field);
            assert_eq!(
                (got.qualifies, got.reason.as_str()),
                c.expected,
                "{}",
                c.name
            );
        }
    }

    #[test]
    fn wrong_types_are_rejected() {
        assert!(serde_json::from_value::<FieldDescription>(json!({"tag": 3})).is_err());
        assert!(serde_json::from_value::<FieldDescription>(json!({"labels": "x"})).is_err());
    }
}
