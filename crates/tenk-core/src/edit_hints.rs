//! Whether the page's own words around a comment field say that an earlier comment is being
//! edited (so `admit-mistakes` applies): the label of the editor and of its buttons, gathered by
//! the site adapter. Sites word it in many ways; only phrases that mean editing, or a send button
//! that only saves, count. A menu item like «Rediger eller slett» on someone else's comment is
//! never gathered (adapters look only inside the field's own form or comment box).

/// Phrases that say editing wherever they stand in a hint (lower case, nb, nn, en).
const PHRASES: &[&str] = &[
    "rediger kommentar",
    "rediger kommentaren",
    "rediger svar",
    "redigerer kommentar",
    "redigering av kommentar",
    "avbryt redigering",
    "avbryt redigeringa",
    "lagre endringer",
    "lagre endringane",
    "lagre endringar",
    "lagre endringene",
    "oppdater kommentar",
    "endre kommentar",
    "endre kommentaren",
    "esc for å avbryte",
    "esc for å avbryta",
    "edit comment",
    "edit reply",
    "editing comment",
    "cancel editing",
    "save changes",
    "save edit",
    "update comment",
    "press esc to cancel",
];

/// Labels that say editing only when they are the whole hint (a send button that saves).
const WHOLE_LABELS: &[&str] = &["lagre", "oppdater", "save", "update", "redigert", "edited"];

/// Whether any of `hints` says an earlier comment is being edited.
pub fn says_editing<S: AsRef<str>>(hints: &[S]) -> bool {
    hints.iter().any(|h| {
        let h = crate::lower::lowercase_str(h.as_ref().trim());
        let h = h.trim_end_matches(['.', '…', ':', '!']);
        WHOLE_LABELS.contains(&h) || PHRASES.iter().any(|p| crate::text::contains(h, p))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editing_is_recognised_in_nb_nn_and_en() {
        for hint in [
            "Rediger kommentar",
            "Trykk Esc for å avbryte.",
            "Lagre endringer",
            "Lagre endringar",
            "Lagre",
            "  Oppdater ",
            "Press Esc to cancel.",
            "Edit comment",
            "Save changes",
            "Update",
        ] {
            assert!(says_editing(&[hint]), "«{hint}» says editing");
        }
    }

    #[test]
    fn writing_a_new_comment_is_not_editing() {
        for hints in [
            vec!["Skriv en kommentar", "Publiser", "Innlogget som Ola Hansen"],
            vec!["Kommenter som Kari Nordmann", "Send"],
            vec!["Svar som Kari Nordmann"],
            vec!["Write a comment", "Post"],
            vec!["Lagre som kladd og publiser senere"],
            vec!["Oppdateringer om saken"],
            vec![],
        ] {
            assert!(!says_editing(&hints), "{hints:?} is a new comment");
        }
    }
}
