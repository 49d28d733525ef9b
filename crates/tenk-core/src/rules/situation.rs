//! Guidelines that the situation brings up, whatever the text says: an attached image
//! (`photos`), editing an earlier comment (`admit-mistakes`), writing as a leader
//! (`leaders-responsibility`), writing late at night (`think-twice`).

use crate::{Context, Role};

/// A compiled `context` detector.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Situation {
    /// An image or file is attached.
    Attachment,
    /// An earlier comment is edited.
    Edit,
    /// The writer is a leader.
    Leader,
    /// The writer is a leader and another guideline fired (decided by the engine).
    LeaderAndAny,
    /// Local hour in `from..to`, wrapping past midnight; only with some text.
    LateNight {
        /// First hour.
        from: u8,
        /// Hour it ends (exclusive).
        to: u8,
    },
}

impl Situation {
    /// Whether it fires in `ctx` (`has_words`: the text is not blank).
    pub fn applies(&self, ctx: &Context, has_words: bool) -> bool {
        match *self {
            Situation::Attachment => ctx.has_attachment,
            Situation::Edit => ctx.editing(),
            Situation::Leader => ctx.role == Role::Leader,
            Situation::LeaderAndAny => false,
            Situation::LateNight { from, to } => {
                has_words
                    && ctx.local_hour.is_some_and(|h| {
                        if from <= to {
                            from <= h && h < to
                        } else {
                            h >= from || h < to
                        }
                    })
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn situations_table() {
        let late = Situation::LateNight { from: 23, to: 5 };
        let at = |h: u8| Context {
            local_hour: Some(h),
            ..Context::default()
        };
        let cases: &[(&str, Situation, Context, bool, bool)] = &[
            (
                "attachment",
                Situation::Attachment,
                Context {
                    has_attachment: true,
                    ..Context::default()
                },
                true,
                true,
            ),
            (
                "no attachment",
                Situation::Attachment,
                Context::default(),
                true,
                false,
            ),
            (
                "edit",
                Situation::Edit,
                Context {
                    is_edit: true,
                    ..Context::default()
                },
                true,
                true,
            ),
            (
                "leader",
                Situation::Leader,
                Context {
                    role: Role::Leader,
                    ..Context::default()
                },
                true,
                true,
            ),
            (
                "employee",
                Situation::Leader,
                Context::default(),
                true,
                false,
            ),
            ("23:xx", late, at(23), true, true),
            ("02:xx", late, at(2), true, true),
            ("05:xx", late, at(5), true, false),
            ("14:xx", late, at(14), true, false),
            ("late but blank", late, at(1), false, false),
            ("hour unknown", late, Context::default(), true, false),
        ];
        for (name, s, ctx, words, expected) in cases {
            assert_eq!(s.applies(ctx, *words), *expected, "{name}");
        }
    }
}
