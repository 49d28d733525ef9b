//! The situation a text is written in: who writes it, where, and in which language the
//! person reads the extension.

use serde::{Deserialize, Serialize};

/// The person's role at work. Leaders get extra reminders (`leaders-responsibility`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Any employee.
    #[default]
    Employee,
    /// Someone who leads others.
    Leader,
}

/// The language reminders are written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Norwegian bokmål (default).
    #[default]
    Nb,
    /// Norwegian nynorsk.
    Nn,
    /// English.
    En,
}

impl Lang {
    /// Parses a browser language tag (`nb-NO`, `nn`, `no`, `en-GB`, …); unknown tags give bokmål.
    pub fn from_tag(tag: &str) -> Lang {
        let primary = tag
            .split(['-', '_'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        match primary.as_str() {
            "nn" => Lang::Nn,
            "en" => Lang::En,
            _ => Lang::Nb,
        }
    }
}

/// Everything besides the text that can change which guidelines apply.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Context {
    /// The page URL or host the comment is written on, if known.
    pub site: Option<String>,
    /// The writer's role.
    pub role: Role,
    /// Language for messages.
    pub lang: Lang,
    /// An image or file is attached to the comment.
    pub has_attachment: bool,
    /// The person is editing an earlier comment rather than writing a new one.
    pub is_edit: bool,
    /// The page's own words around the field (the editor's label, its buttons' labels) that may
    /// say an earlier comment is being edited; the core decides ([`crate::edit_hints`]).
    pub edit_hints: Vec<String>,
    /// Local hour of day (0–23) when known; late night raises `think-twice`.
    pub local_hour: Option<u8>,
}

impl Context {
    /// Whether an earlier comment is being edited: said by the caller, or by the page's words.
    pub fn editing(&self) -> bool {
        self.is_edit || crate::edit_hints::says_editing(&self.edit_hints)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_tags() {
        for (tag, lang) in [
            ("nb-NO", Lang::Nb),
            ("no", Lang::Nb),
            ("nn", Lang::Nn),
            ("en-GB", Lang::En),
            ("", Lang::Nb),
            ("de", Lang::Nb),
        ] {
            assert_eq!(Lang::from_tag(tag), lang, "{tag}");
        }
    }
}
