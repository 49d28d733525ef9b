//! «Hvem er du logget inn som?» — who a comment will be published as.
//!
//! The content-script adapter only gathers strings near the comment field (the editor's
//! `aria-label`, placeholders, «Innlogget som …» texts, avatar alt texts, the page switcher's
//! state); [`identify`] reads them. It never guesses: when no phrase names the person, the
//! name is `None` and the dialog asks the person to check their profile.
//!
//! Sources, strongest first: the editor's label («Kommenter som Kari Nordmann»), a login text
//! («Innlogget som Kari Nordmann»), an action phrase in a visible text, an avatar's alt text
//! («Profilbilde av Kari Nordmann»), the text of a link to the person's own profile, and last
//! the composer's «Hva tenker du på, Kari?», which only gives the first name.
//!
//! Acting as a Page is recognised from «… som siden X» in a label, the page switcher's state
//! (`pageSwitcher`, `pageName`), or Facebook's banner «Du bruker nå Facebook som X».

use serde::{Deserialize, Serialize};

use crate::lower::lowercase_str;
use crate::phrases::{clean_name, collapse, collapse_keep_lines, Folded};

/// The longest name the dialog shows, in characters.
pub const MAX_NAME_CHARS: usize = 80;

/// Strings the adapter found around a comment field. Every field is optional.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Candidates {
    /// `aria-label`s and placeholders of the editor and its surroundings.
    pub labels: Vec<String>,
    /// Visible texts such as «Innlogget som Kari Nordmann» or «Signed in as …».
    pub texts: Vec<String>,
    /// Alt texts of avatar images.
    pub images: Vec<String>,
    /// Texts of links to the person's own profile (Facebook's name link).
    pub profile_links: Vec<String>,
    /// Texts shown under the person's name (a byline or profile subtitle such as «Rådgiver,
    /// Velferdsetaten»), read for a workplace only.
    pub bylines: Vec<String>,
    /// The site's «act as a Page» switcher is active.
    pub page_switcher: bool,
    /// The name of the Page the switcher acts as, when the adapter can read it.
    pub page_name: Option<String>,
}

/// Whether the comment is published as a person or as an organisation's Page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum IdentityKind {
    /// A personal profile.
    Person,
    /// A Facebook Page (or similar organisation account).
    Page,
    /// Nothing readable said who it is.
    #[default]
    Unknown,
}

/// Who the comment will be published as, as far as the page says.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Identity {
    /// The name readers will see, or `None` when the page did not say.
    pub name: Option<String>,
    /// Person, Page or unknown.
    pub kind: IdentityKind,
    /// Readers can see where the person works (an employer in the name or byline).
    pub shows_workplace: bool,
    /// The workplace readers can see, when `shows_workplace`.
    pub workplace: Option<String>,
    /// Where the name came from: `label`, `text`, `image`, `profile-link`, `composer`,
    /// `page-switcher` or `none`.
    pub source: String,
}

/// Which kind of phrase introduces a name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cue {
    /// «Kommenter som X»: at the start of a label.
    Action,
    /// «Innlogget som X»: anywhere in a text.
    Login,
    /// «Profilbilde av X»: at the start of an alt text.
    Avatar,
    /// «Hva tenker du på, X?»: first name only.
    Composer,
    /// «Du bruker nå Facebook som X»: the person switched to acting as a Page, anywhere.
    ActingAs,
}

/// Phrases followed by the name, longest first within a cue so the most specific wins.
const PHRASES: &[(Cue, &str)] = &[
    (Cue::Action, "skriv en offentlig kommentar som"),
    (Cue::Action, "skriv en kommentar som"),
    (Cue::Action, "skriv ein kommentar som"),
    (Cue::Action, "skriv et svar som"),
    (Cue::Action, "skriv eit svar som"),
    (Cue::Action, "write a public comment as"),
    (Cue::Action, "write a comment as"),
    (Cue::Action, "write a reply as"),
    (Cue::Action, "du kommenterer som"),
    (Cue::Action, "kommenterer som"),
    (Cue::Action, "kommentér som"),
    (Cue::Action, "kommenter som"),
    (Cue::Action, "commenting as"),
    (Cue::Action, "comment as"),
    (Cue::Action, "svar som"),
    (Cue::Action, "reply as"),
    (Cue::Action, "publiserer som"),
    (Cue::Action, "publiser som"),
    (Cue::Action, "posting as"),
    (Cue::Action, "post as"),
    (Cue::Login, "du er logget inn som"),
    (Cue::Login, "du er innlogget som"),
    (Cue::Login, "du er logga inn som"),
    (Cue::Login, "du er innlogga som"),
    (Cue::Login, "you are signed in as"),
    (Cue::Login, "you are logged in as"),
    (Cue::Login, "logget inn som"),
    (Cue::Login, "innlogget som"),
    (Cue::Login, "logga inn som"),
    (Cue::Login, "innlogga som"),
    (Cue::Login, "pålogget som"),
    (Cue::Login, "signed in as"),
    (Cue::Login, "logged in as"),
    (Cue::Avatar, "profilbilde av"),
    (Cue::Avatar, "profilbildet til"),
    (Cue::Avatar, "profilbilete av"),
    (Cue::Avatar, "profilbiletet til"),
    (Cue::Avatar, "profile picture of"),
    (Cue::Avatar, "profile photo of"),
    (Cue::Avatar, "avatar for"),
    (Cue::Avatar, "avatar of"),
    (Cue::Composer, "hva tenker du på,"),
    (Cue::Composer, "kva tenkjer du på,"),
    (Cue::Composer, "what's on your mind,"),
    (Cue::Composer, "what’s on your mind,"),
    (Cue::ActingAs, "du bruker nå facebook som"),
    (Cue::ActingAs, "du bruker facebook som"),
    (Cue::ActingAs, "you're now using facebook as"),
    (Cue::ActingAs, "you’re now using facebook as"),
    (Cue::ActingAs, "you are now using facebook as"),
    (Cue::ActingAs, "you're using facebook as"),
    (Cue::ActingAs, "you are using facebook as"),
];

/// Alt texts that name the person before the phrase («Kari Nordmann's profile picture»).
const AVATAR_SUFFIXES: &[&str] = &[
    "'s profile picture",
    "’s profile picture",
    " sitt profilbilde",
    " sitt profilbilete",
];

/// Words right after an action phrase that say the name is a Page («Kommenter som siden X»).
const PAGE_MARKERS: &[&str] = &["siden", "sida", "the page", "page"];

/// Where a name stops: menu items and separators that follow it in a visible text.
const NAME_ENDS: &[&str] = &[
    "logg ut",
    "logg av",
    "log out",
    "sign out",
    "rediger profil",
    "endre profil",
    "min profil",
    "min side",
    "mi side",
    "innstillinger",
    "innstillingar",
    "settings",
    "ikke deg?",
    "ikkje deg?",
    "not you?",
    "bytt bruker",
    "switch account",
];

/// Separators that end a name in a visible text.
const SEPARATORS: &[&str] = &["\n", " · ", " | ", " • ", ", ", " — ", " – "];

/// Phrases that introduce a workplace in a byline («Jobber i Oslo kommune»).
const WORKPLACE_PHRASES: &[&str] = &[
    "jobber i",
    "jobber hos",
    "jobbar i",
    "jobbar hos",
    "arbeider i",
    "arbeider hos",
    "arbeidar i",
    "ansatt i",
    "ansatt hos",
    "tilsett i",
    "works at",
    "working at",
    "employed at",
];

/// Employers named outright.
const EMPLOYERS: &[&str] = &["Oslo kommune", "Velferdsetaten", "NAV", "Statsforvalteren"];

/// Word endings that make a word an employer («Utdanningsetaten», «Helsedirektoratet»).
const EMPLOYER_ENDINGS: &[&str] = &["etaten", "direktoratet", "departementet"];

/// Words that, with the word before them, name an employer («Bærum kommune»).
const EMPLOYER_NOUNS: &[&str] = &["kommune", "fylkeskommune"];

/// Reads who the comment will be published as. Pure; never guesses.
pub fn identify(candidates: &Candidates) -> Identity {
    let bounded = bounded(candidates);
    let candidates = &bounded;
    let found = find_name(candidates);
    let page_name = candidates
        .page_name
        .as_deref()
        .and_then(|p| clean_name(p, MAX_NAME_CHARS));

    // A banner saying the person now uses the site as a Page («Du bruker nå Facebook som …»).
    let acting_as = candidates
        .texts
        .iter()
        .chain(&candidates.labels)
        .find_map(|s| name_after_phrase(s, Cue::ActingAs, "text"));
    let acting_as_name = acting_as.as_ref().map(|a| lowercase_str(&a.name));

    let (name, source, marked_page, context) = match found.or(acting_as.map(|a| FoundName {
        page_marker: true,
        ..a
    })) {
        Some(f) => (Some(f.name), f.source, f.page_marker, f.context),
        None if candidates.page_switcher && page_name.is_some() => {
            (page_name.clone(), "page-switcher", true, String::new())
        }
        None if candidates.page_switcher => (None, "page-switcher", true, String::new()),
        None => (None, "none", false, String::new()),
    };

    let lower_name = name.as_ref().map(|n| lowercase_str(n));
    let names_the_page = lower_name.is_some()
        && (lower_name == page_name.as_ref().map(|p| lowercase_str(p))
            || lower_name == acting_as_name);
    let kind = if marked_page || candidates.page_switcher || names_the_page {
        IdentityKind::Page
    } else if name.is_some() {
        IdentityKind::Person
    } else {
        IdentityKind::Unknown
    };

    let workplace = find_workplace(name.as_deref(), &context, candidates);
    Identity {
        name,
        kind,
        shows_workplace: workplace.is_some(),
        workplace,
        source: source.to_string(),
    }
}

/// At most this many strings per candidate list are read …
const MAX_CANDIDATES: usize = 64;
/// … and at most this many characters of each: a page cannot make identification slow by
/// handing over its whole text.
const MAX_CANDIDATE_CHARS: usize = 1000;

fn bounded(c: &Candidates) -> Candidates {
    let list = |v: &[String]| -> Vec<String> {
        v.iter()
            .take(MAX_CANDIDATES)
            .map(|s| s.chars().take(MAX_CANDIDATE_CHARS).collect())
            .collect()
    };
    Candidates {
        labels: list(&c.labels),
        texts: list(&c.texts),
        images: list(&c.images),
        profile_links: list(&c.profile_links),
        bylines: list(&c.bylines),
        page_switcher: c.page_switcher,
        page_name: c
            .page_name
            .as_ref()
            .map(|p| p.chars().take(MAX_CANDIDATE_CHARS).collect()),
    }
}

/// A name read from one candidate string.
struct FoundName {
    name: String,
    source: &'static str,
    page_marker: bool,
    /// The whole candidate string, read again for a workplace.
    context: String,
}

fn find_name(c: &Candidates) -> Option<FoundName> {
    let passes: [(&[String], Cue, &'static str); 6] = [
        (&c.labels, Cue::Action, "label"),
        (&c.texts, Cue::Login, "text"),
        (&c.labels, Cue::Login, "label"),
        (&c.texts, Cue::Action, "text"),
        (&c.images, Cue::Avatar, "image"),
        (&c.labels, Cue::Composer, "composer"),
    ];
    for (strings, cue, source) in passes {
        for s in strings {
            if let Some(found) = name_after_phrase(s, cue, source) {
                return Some(found);
            }
        }
        if cue == Cue::Avatar {
            if let Some(found) = c.images.iter().find_map(|s| name_before_avatar_suffix(s)) {
                return Some(found);
            }
            if let Some(found) = c.profile_links.iter().find_map(|s| {
                clean_name(cut_name(&collapse_keep_lines(s)), MAX_NAME_CHARS).map(|name| {
                    FoundName {
                        name,
                        source: "profile-link",
                        page_marker: false,
                        context: s.clone(),
                    }
                })
            }) {
                return Some(found);
            }
        }
    }
    c.texts
        .iter()
        .find_map(|s| name_after_phrase(s, Cue::Composer, "composer"))
}

/// The name following the first phrase of `cue` in `text`.
fn name_after_phrase(original: &str, cue: Cue, source: &'static str) -> Option<FoundName> {
    let normalized = collapse_keep_lines(original);
    let text = normalized.as_str();
    let folded = Folded::new(text);
    for &(phrase_cue, phrase) in PHRASES {
        if phrase_cue != cue {
            continue;
        }
        let end = match cue {
            Cue::Login | Cue::ActingAs => folded.find_word(phrase, 0).map(|(_, end)| end),
            _ => folded.starts_with_word(phrase),
        };
        let Some(end) = end else { continue };
        let rest = text.get(end..).unwrap_or("").trim_start();
        let (rest, page_marker) = strip_page_marker(rest, cue);
        let raw = match cue {
            Cue::Composer => rest.split('?').next().unwrap_or(""),
            _ => cut_name(rest),
        };
        if let Some(name) = clean_name(raw, MAX_NAME_CHARS) {
            return Some(FoundName {
                name,
                source,
                page_marker,
                context: original.to_string(),
            });
        }
    }
    None
}

/// «siden Velferdsetaten» → («Velferdsetaten», true) after an action phrase.
fn strip_page_marker(rest: &str, cue: Cue) -> (&str, bool) {
    if cue != Cue::Action {
        return (rest, false);
    }
    let folded = Folded::new(rest);
    for marker in PAGE_MARKERS {
        if let Some(end) = folded.starts_with_word(marker) {
            let after = rest.get(end..).unwrap_or("");
            if !after.trim().is_empty() {
                return (after, true);
            }
        }
    }
    (rest, false)
}

/// «Kari Nordmann's profile picture» → «Kari Nordmann».
fn name_before_avatar_suffix(original: &str) -> Option<FoundName> {
    let normalized = collapse(original);
    let alt = normalized.as_str();
    let lower = lowercase_str(alt);
    AVATAR_SUFFIXES.iter().find_map(|suffix| {
        let trimmed = lower.trim_end();
        if !trimmed.ends_with(suffix) {
            return None;
        }
        // The suffixes are ASCII-lowercase-stable, so the byte length carries over.
        let cut = alt.trim_end().len().checked_sub(suffix.len())?;
        let name = clean_name(alt.get(..cut)?, MAX_NAME_CHARS)?;
        Some(FoundName {
            name,
            source: "image",
            page_marker: false,
            context: original.to_string(),
        })
    })
}

/// The part of `rest` before the first separator or menu word that follows a name.
fn cut_name(rest: &str) -> &str {
    let mut end = rest.len();
    for sep in SEPARATORS {
        if let Some(i) = crate::text::find(rest, sep) {
            end = end.min(i);
        }
    }
    let folded = Folded::new(rest);
    for word in NAME_ENDS {
        if let Some((i, _)) = folded.find_word(word, 0) {
            end = end.min(i);
        }
    }
    rest.get(..end).unwrap_or(rest)
}

/// The workplace readers can see: an employer in the name, a byline, or the string the name
/// came from; or an explicit «Jobber i …» in any text.
fn find_workplace(name: Option<&str>, context: &str, c: &Candidates) -> Option<String> {
    let near: Vec<&str> = name
        .into_iter()
        .chain(c.bylines.iter().map(String::as_str))
        .chain(std::iter::once(context))
        .collect();
    near.iter().find_map(|s| employer_in(s)).or_else(|| {
        near.iter()
            .copied()
            .chain(c.texts.iter().map(String::as_str))
            .chain(c.labels.iter().map(String::as_str))
            .find_map(workplace_after_phrase)
    })
}

/// «Jobber i Oslo kommune» → «Oslo kommune».
fn workplace_after_phrase(original: &str) -> Option<String> {
    let normalized = collapse_keep_lines(original);
    let text = normalized.as_str();
    let folded = Folded::new(text);
    WORKPLACE_PHRASES.iter().find_map(|phrase| {
        let (_, end) = folded.find_word(phrase, 0)?;
        clean_name(cut_name(text.get(end..)?.trim_start()), MAX_NAME_CHARS)
    })
}

/// An employer named in `text`: a known one, a word ending in «etaten», or «X kommune».
fn employer_in(text: &str) -> Option<String> {
    let folded = Folded::new(text);
    for employer in EMPLOYERS {
        if let Some((s, e)) = folded.find_word(employer, 0) {
            return text.get(s..e).map(str::to_string);
        }
    }
    let collapsed = collapse(text);
    let words: Vec<&str> = collapsed
        .split(' ')
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-'))
        .collect();
    for (i, word) in words.iter().enumerate() {
        let lower = lowercase_str(word);
        if EMPLOYER_ENDINGS
            .iter()
            .any(|e| lower.ends_with(e) && lower.len() > e.len())
        {
            return Some((*word).to_string());
        }
        if EMPLOYER_NOUNS.contains(&lower.as_str()) {
            let before = i.checked_sub(1).and_then(|j| words.get(j));
            return Some(match before {
                Some(b) if b.chars().next().is_some_and(char::is_uppercase) => {
                    format!("{b} {word}")
                }
                _ => (*word).to_string(),
            });
        }
        if lower == "bydel" {
            if let Some(next) = words
                .get(i + 1)
                .filter(|n| n.chars().next().is_some_and(char::is_uppercase))
            {
                return Some(format!("{word} {next}"));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn candidates(v: serde_json::Value) -> Candidates {
        serde_json::from_value(v).expect("test candidates parse")
    }

    struct Case {
        name: &'static str,
        input: serde_json::Value,
        name_out: Option<&'static str>,
        kind: IdentityKind,
        source: &'static str,
        workplace: Option<&'static str>,
    }

    fn case(
        name: &'static str,
        input: serde_json::Value,
        name_out: Option<&'static str>,
        kind: IdentityKind,
        source: &'static str,
        workplace: Option<&'static str>,
    ) -> Case {
        Case {
            name,
            input,
            name_out,
            kind,
            source,
            workplace,
        }
    }

    use IdentityKind::{Page, Person, Unknown};

    #[rustfmt::skip]
    fn cases() -> Vec<Case> {
        vec![
            // Facebook editor labels
            case("fb comment nb", json!({"labels": ["Kommenter som Kari Nordmann"]}), Some("Kari Nordmann"), Person, "label", None),
            case("fb reply nb", json!({"labels": ["Svar som Kari Nordmann"]}), Some("Kari Nordmann"), Person, "label", None),
            case("fb comment en", json!({"labels": ["Comment as Kari Nordmann"]}), Some("Kari Nordmann"), Person, "label", None),
            case("fb reply en", json!({"labels": ["Reply as Ola Nordmann"]}), Some("Ola Nordmann"), Person, "label", None),
            case("fb placeholder", json!({"labels": ["Skriv en kommentar som Kari Nordmann …"]}), Some("Kari Nordmann"), Person, "label", None),
            case("fb placeholder nynorsk", json!({"labels": ["Skriv ein kommentar som Kari Nordmann"]}), Some("Kari Nordmann"), Person, "label", None),
            case("label lowercase", json!({"labels": ["kommenter som kari nordmann"]}), Some("kari nordmann"), Person, "label", None),
            case("label wins over composer", json!({"labels": ["Hva tenker du på, Kari?", "Kommenter som Kari Nordmann"]}), Some("Kari Nordmann"), Person, "label", None),
            case("plain placeholder has no name", json!({"labels": ["Skriv en kommentar …"]}), None, Unknown, "none", None),
            case("phrase without name", json!({"labels": ["Kommenter som"]}), None, Unknown, "none", None),
            case("action phrase must start the label", json!({"labels": ["Hvorfor svar som dette"]}), None, Unknown, "none", None),
            case("fb group public comment", json!({"labels": ["Skriv en offentlig kommentar som Kari Nordmann …"]}), Some("Kari Nordmann"), Person, "label", None),
            case("fb page reply without name, acting-as notice", json!({"labels": ["Skriv et svar …"], "texts": ["Du bruker nå Facebook som Velferdsetaten"]}), Some("Velferdsetaten"), Page, "text", Some("Velferdsetaten")),
            case("fb page label and acting-as notice", json!({"labels": ["Kommenter som Velferdsetaten"], "texts": ["Du bruker nå Facebook som Velferdsetaten"]}), Some("Velferdsetaten"), Page, "label", Some("Velferdsetaten")),
            case("fb group composer has no name", json!({"labels": ["Skriv noe …"]}), None, Unknown, "none", None),
            case("fb mobile placeholder has no name", json!({"labels": ["Skriv en kommentar …"]}), None, Unknown, "none", None),
            // Facebook comments plugin in a newspaper
            case("fb plugin posting as", json!({"labels": ["Legg til en kommentar …"], "texts": ["Legg til en kommentar …", "Publiserer som Kari Nordmann", "Kari Nordmann", "(Endre)", "Publiser også på Facebook", "Publiser"]}), Some("Kari Nordmann"), Person, "text", None),
            case("fb plugin posting as, english", json!({"texts": ["Posting as Kari Nordmann", "(Change)"]}), Some("Kari Nordmann"), Person, "text", None),
            case("fb plugin not logged in", json!({"labels": ["Legg til en kommentar …"], "texts": ["Logg inn for å kommentere", "Publiser"]}), None, Unknown, "none", None),
            // Composer: first name only
            case("composer nb", json!({"labels": ["Hva tenker du på, Kari?"]}), Some("Kari"), Person, "composer", None),
            case("composer nn", json!({"labels": ["Kva tenkjer du på, Kari?"]}), Some("Kari"), Person, "composer", None),
            case("composer en", json!({"labels": ["What's on your mind, Kari?"]}), Some("Kari"), Person, "composer", None),
            case("composer in texts", json!({"texts": ["Hva tenker du på, Ola?"]}), Some("Ola"), Person, "composer", None),
            // Profile link
            case("profile link", json!({"profileLinks": ["Kari Nordmann"]}), Some("Kari Nordmann"), Person, "profile-link", None),
            case("profile link loses to label", json!({"profileLinks": ["Kari"], "labels": ["Kommenter som Kari Nordmann"]}), Some("Kari Nordmann"), Person, "label", None),
            // Pages
            case("page marker in label", json!({"labels": ["Kommenter som siden Velferdsetaten"]}), Some("Velferdsetaten"), Page, "label", Some("Velferdsetaten")),
            case("page switcher with label", json!({"labels": ["Kommenter som Velferdsetaten"], "pageSwitcher": true}), Some("Velferdsetaten"), Page, "label", Some("Velferdsetaten")),
            case("label names the page", json!({"labels": ["Comment as Bydel Frogner"], "pageName": "Bydel Frogner"}), Some("Bydel Frogner"), Page, "label", Some("Bydel Frogner")),
            case("using facebook as a page", json!({"texts": ["Du bruker nå Facebook som Velferdsetaten"]}), Some("Velferdsetaten"), Page, "text", Some("Velferdsetaten")),
            case("using facebook as, english", json!({"texts": ["You're now using Facebook as Hagelaget"]}), Some("Hagelaget"), Page, "text", None),
            case("label name matches the acting-as banner", json!({"labels": ["Kommenter som Hagelaget"], "texts": ["Du bruker Facebook som Hagelaget"]}), Some("Hagelaget"), Page, "label", None),
            case("label wins over a different banner", json!({"labels": ["Kommenter som Kari Nordmann"], "texts": ["Du bruker Facebook som Hagelaget"]}), Some("Kari Nordmann"), Person, "label", None),
            case("page name alone is not acting as it", json!({"labels": ["Kommenter som Kari Nordmann"], "pageName": "Velferdsetaten"}), Some("Kari Nordmann"), Person, "label", None),
            case("switcher gives page name", json!({"pageSwitcher": true, "pageName": "Hagelaget"}), Some("Hagelaget"), Page, "page-switcher", None),
            case("switcher without any name", json!({"pageSwitcher": true}), None, Page, "page-switcher", None),
            case("word 'siden' alone is a name", json!({"labels": ["Svar som Siden"]}), Some("Siden"), Person, "label", None),
            // Newspapers
            case("innlogget som", json!({"texts": ["Innlogget som Kari Nordmann"]}), Some("Kari Nordmann"), Person, "text", None),
            case("logget inn som", json!({"texts": ["Logget inn som Kari Nordmann. "]}), Some("Kari Nordmann"), Person, "text", None),
            case("du er logget inn som", json!({"texts": ["Du er logget inn som Kari Nordmann"]}), Some("Kari Nordmann"), Person, "text", None),
            case("signed in as", json!({"texts": ["Signed in as Kari Nordmann"]}), Some("Kari Nordmann"), Person, "text", None),
            case("login phrase mid-text", json!({"texts": ["Kommentarer (12) Innlogget som Kari Nordmann"]}), Some("Kari Nordmann"), Person, "text", None),
            case("login with logout link", json!({"texts": ["Innlogget som Kari Nordmann Logg ut"]}), Some("Kari Nordmann"), Person, "text", None),
            case("login with logout in parens", json!({"texts": ["Innlogget som Kari Nordmann (Logg ut)"]}), Some("Kari Nordmann"), Person, "text", None),
            case("coral english menu", json!({"texts": ["Signed in as Kari. Not you? Sign Out"]}), Some("Kari"), Person, "text", None),
            // The Coral fixture's viewer box, read with innerText and collapsed by the adapter.
            case("coral norwegian viewer box", json!({"texts": ["Innlogget som Kari Nordmann Ikke deg? Logg ut"], "labels": ["Legg inn en kommentar", "Skriv en kommentar"]}), Some("Kari Nordmann"), Person, "text", None),
            // The Disqus fixture: the user menu's name as a profile link; the compact menu has none.
            case("disqus user menu", json!({"profileLinks": ["Kari Nordmann"], "images": ["Avatar"], "labels": ["Bli med i diskusjonen …"]}), Some("Kari Nordmann"), Person, "profile-link", None),
            case("disqus compact menu", json!({"images": ["Avatar", "Avatar"], "labels": ["Bli med i diskusjonen …"]}), None, Unknown, "none", None),
            case("coral without viewer box", json!({"labels": ["Legg inn en kommentar", "Skriv en kommentar"]}), None, Unknown, "none", None),
            case("login with dash and logout", json!({"texts": ["Innlogget som Kari Nordmann - Logg ut"]}), Some("Kari Nordmann"), Person, "text", None),
            case("login with colon", json!({"texts": ["Innlogget som: Kari Nordmann"]}), Some("Kari Nordmann"), Person, "text", None),
            case("login on two lines", json!({"texts": ["Innlogget som\nKari Nordmann\nEndre profil"]}), Some("Kari Nordmann"), Person, "text", None),
            case("login with workplace after comma", json!({"texts": ["Innlogget som Kari Nordmann, Velferdsetaten"]}), Some("Kari Nordmann"), Person, "text", Some("Velferdsetaten")),
            case("middle initial kept", json!({"texts": ["Signed in as Kari A. Nordmann"]}), Some("Kari A. Nordmann"), Person, "text", None),
            case("login in placeholder", json!({"labels": ["Innlogget som Kari Nordmann"]}), Some("Kari Nordmann"), Person, "label", None),
            case("login text beats avatar", json!({"texts": ["Innlogget som Kari"], "images": ["Profilbilde av Ola"]}), Some("Kari"), Person, "text", None),
            // Avatars
            case("avatar nb", json!({"images": ["Profilbilde av Kari Nordmann"]}), Some("Kari Nordmann"), Person, "image", None),
            case("avatar en", json!({"images": ["Profile picture of Kari Nordmann"]}), Some("Kari Nordmann"), Person, "image", None),
            case("avatar possessive en", json!({"images": ["Kari Nordmann's profile picture"]}), Some("Kari Nordmann"), Person, "image", None),
            case("bare alt text is no name", json!({"images": ["Logo", "Kari Nordmann"]}), None, Unknown, "none", None),
            // Workplace
            case("employer in name", json!({"labels": ["Kommenter som Kari Nordmann (Oslo kommune)"]}), Some("Kari Nordmann (Oslo kommune)"), Person, "label", Some("Oslo kommune")),
            case("employer in byline", json!({"labels": ["Kommenter som Kari Nordmann"], "bylines": ["Rådgiver, Velferdsetaten"]}), Some("Kari Nordmann"), Person, "label", Some("Velferdsetaten")),
            case("etat ending", json!({"texts": ["Innlogget som Ola Hansen"], "bylines": ["Utdanningsetaten"]}), Some("Ola Hansen"), Person, "text", Some("Utdanningsetaten")),
            case("x kommune", json!({"texts": ["Innlogget som Ola Hansen"], "bylines": ["Saksbehandler i Bærum kommune"]}), Some("Ola Hansen"), Person, "text", Some("Bærum kommune")),
            case("nav", json!({"labels": ["Kommenter som Kari Nordmann"], "bylines": ["Veileder NAV"]}), Some("Kari Nordmann"), Person, "label", Some("NAV")),
            case("jobber i", json!({"labels": ["Kommenter som Kari"], "texts": ["Jobber i Hagelaget AS"]}), Some("Kari"), Person, "label", Some("Hagelaget AS")),
            case("works at", json!({"labels": ["Comment as Kari"], "texts": ["Works at Acme"]}), Some("Kari"), Person, "label", Some("Acme")),
            case("bydel", json!({"labels": ["Kommenter som Kari"], "bylines": ["Bydel Grünerløkka"]}), Some("Kari"), Person, "label", Some("Bydel Grünerløkka")),
            case("no employer", json!({"labels": ["Kommenter som Kari"], "bylines": ["Bor i Oslo"]}), Some("Kari"), Person, "label", None),
            case("navn is not nav", json!({"labels": ["Kommenter som Kari"], "bylines": ["Navn: Kari"]}), Some("Kari"), Person, "label", None),
            // Hostile and messy strings
            case("html stays literal", json!({"labels": ["Kommenter som <img src=x onerror=alert(1)>"]}), Some("<img src=x onerror=alert(1)>"), Person, "label", None),
            case("html in login text", json!({"texts": ["Innlogget som <img src=x onerror=alert(1)>"]}), Some("<img src=x onerror=alert(1)>"), Person, "text", None),
            case("control chars dropped", json!({"labels": ["Kommenter som Ka\u{0}ri\u{1b} Nordmann"]}), Some("Kari Nordmann"), Person, "label", None),
            case("bidi override dropped", json!({"labels": ["Kommenter som \u{202e}Kari\u{202c}"]}), Some("Kari"), Person, "label", None),
            case("whitespace collapsed", json!({"labels": ["Kommenter   som \n Kari \t  Nordmann  "]}), Some("Kari Nordmann"), Person, "label", None),
            case("nothing at all", json!({}), None, Unknown, "none", None),
            case("empty strings", json!({"labels": [""], "texts": ["   "], "images": [""]}), None, Unknown, "none", None),
        ]
    }

    #[test]
    fn identity_table() {
        for c in cases() {
            let got = identify(&candidates(c.input.clone()));
            assert_eq!(got.name.as_deref(), c.name_out, "{}: name", c.name);
            assert_eq!(got.kind, c.kind, "{}: kind", c.name);
            assert_eq!(got.source, c.source, "{}: source", c.name);
            assert_eq!(
                got.workplace.as_deref(),
                c.workplace,
                "{}: workplace",
                c.name
            );
            assert_eq!(
                got.shows_workplace,
                c.workplace.is_some(),
                "{}: showsWorkplace",
                c.name
            );
        }
    }

    #[test]
    fn huge_candidates_are_bounded() {
        let filler = "x ".repeat(10_000);
        let texts: Vec<String> = (0..200).map(|i| format!("{filler}{i}")).collect();
        let started = std::time::Instant::now();
        let got = identify(&Candidates {
            texts,
            ..Candidates::default()
        });
        assert_eq!(got.kind, IdentityKind::Unknown);
        assert!(
            started.elapsed().as_secs() < 5,
            "took {:?}",
            started.elapsed()
        );
        // A login text beyond the bound is not read: the adapter must hand over nearby strings.
        let late = Candidates {
            texts: vec![format!("{}Innlogget som Kari", "y".repeat(2000))],
            ..Candidates::default()
        };
        assert_eq!(identify(&late).name, None);
    }

    #[test]
    fn long_names_are_capped() {
        let label = format!("Kommenter som {}", "Å".repeat(500));
        let got = identify(&candidates(json!({ "labels": [label] })));
        assert_eq!(got.name.unwrap().chars().count(), MAX_NAME_CHARS);
    }

    #[test]
    fn serialises_camel_case() {
        let got = identify(&candidates(
            json!({"labels": ["Kommenter som Kari"], "bylines": ["NAV"]}),
        ));
        let v = serde_json::to_value(&got).unwrap();
        assert_eq!(
            v,
            json!({"name": "Kari", "kind": "person", "showsWorkplace": true, "workplace": "NAV", "source": "label"})
        );
    }

    #[test]
    fn wrong_shapes_are_rejected_not_panicking() {
        assert!(
            serde_json::from_value::<Candidates>(json!({"labels": "Kommenter som Kari"})).is_err()
        );
        assert!(serde_json::from_value::<Candidates>(json!({"labels": [1, 2]})).is_err());
    }
}
