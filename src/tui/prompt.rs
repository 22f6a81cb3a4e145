//! One-line inputs at the bottom of the screen: the quick log, a new follow-up, a snooze,
//! a trigger, a give or ask, an order, where to export. It holds the text and what it is
//! for; which keys edit it is the keymap's, what it saves the app's.

use chrono::NaiveDate;
use ratatui_textarea::TextArea;

use super::theme::Theme;
use crate::domain::moment::MomentStatus;
use crate::domain::nudge::NudgeKind;
use crate::domain::workdays::Workdays;
use crate::human::cell;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PromptKind {
    QuickLog {
        customer_id: i64,
        name: String,
    },
    FollowUp {
        customer_id: i64,
        name: String,
    },
    Snooze {
        follow_up_id: i64,
        text: String,
    },
    /// Snoozing a nudge that is no follow-up: `subject` is what `Nudge::subject` says.
    SnoozeNudge {
        customer_id: i64,
        name: String,
        kind: NudgeKind,
        subject: i64,
    },
    /// Pausing a customer until a day.
    Pause {
        customer_id: i64,
        name: String,
    },
    Trigger {
        customer_id: i64,
        name: String,
    },
    Balance {
        customer_id: i64,
        name: String,
    },
    Order {
        customer_id: i64,
        name: String,
    },
    /// Which customer to merge into this one, then (`other` known) whether to.
    Merge {
        customer_id: i64,
        name: String,
        /// The duplicate's id and what merging it would do, once it was named.
        other: Option<(i64, String)>,
    },
    /// Where to write the week: the extension picks the format.
    Export,
    /// How a decision moment went, in words, once its outcome was chosen (`c`).
    OutcomeNote {
        id: i64,
        title: String,
        outcome: MomentStatus,
    },
    /// How a trigger was resolved, in words (`r`); `note` is the trigger's own.
    Resolution {
        id: i64,
        note: String,
    },
    /// Who of the customer's people left (`L`): `people` are those still there, by the
    /// number typed; then (`follow` known: the person and what following would do)
    /// whether to follow them to where they went.
    Left {
        customer_id: i64,
        name: String,
        people: Vec<(i64, String)>,
        follow: Option<(i64, String)>,
        /// Who left was selected on the card: `people` is them alone, and the prompt asks
        /// only where they went.
        picked: bool,
    },
}

/// What Tab cycles through in the snooze prompt: the next workday ("tomorrow", or its
/// name when tomorrow is not one: "mon" on a Friday), then offsets, which the domain moves
/// onto a workday themselves.
pub fn snooze_suggestions(today: NaiveDate, workdays: Workdays) -> [String; 3] {
    let tomorrow = today.succ_opt().unwrap_or(today);
    let next = workdays.on_or_after(tomorrow);
    let first = if next == tomorrow {
        "tomorrow".to_string()
    } else {
        next.format("%a").to_string().to_lowercase()
    };
    [first, "+3d".to_string(), "+1w".to_string()]
}

pub struct Prompt {
    pub kind: PromptKind,
    pub input: TextArea<'static>,
    /// The last error, and the byte range of the input it is about.
    pub error: Option<(String, std::ops::Range<usize>)>,
    suggestion: usize,
    pub theme: Theme,
}

impl Prompt {
    pub fn new(kind: PromptKind, theme: Theme) -> Prompt {
        let mut input = TextArea::default();
        input.set_placeholder_text(match &kind {
            PromptKind::QuickLog { .. } => "kind [who] [when]: note >> follow-up @when =1..5 #tag",
            PromptKind::FollowUp { .. } => "send proposal @fri",
            PromptKind::Snooze { .. } => "tomorrow, +3d, +1w, fri, next week, 2026-12-01 (Tab: suggestions)",
            PromptKind::SnoozeNudge { .. } => "until [reason]: +2w  or  2027-03-01 champion on leave",
            PromptKind::Pause { .. } => "until [reason]: +1m  or  2027-03-01 on sabbatical",
            PromptKind::Trigger { .. } => "reactional: delivery 5 days late",
            PromptKind::Balance { .. } => "give: christmas hamper  or  ask: asked for a referral",
            PromptKind::Order { .. } => "1250.50 @2026-11-20",
            PromptKind::Merge { other: None, .. } => "the duplicate: an id, or words of its name or company",
            PromptKind::Merge { other: Some(_), .. } => "y to merge, n to leave both as they are",
            PromptKind::Export => "touchbase-2026-W48.md",
            PromptKind::OutcomeNote { .. } => "lost on price to Heller",
            PromptKind::Resolution { .. } => "sent a counter-offer at -5%",
            PromptKind::Left {
                follow: None,
                picked: true,
                ..
            } => "Globex BV, or Enter alone",
            PromptKind::Left { follow: None, .. } => "1, or 1 to Globex (where they went)",
            PromptKind::Left { follow: Some(_), .. } => "y to follow them there, n not to",
        });
        Prompt {
            kind,
            input,
            error: None,
            suggestion: 0,
            theme,
        }
    }

    pub fn text(&self) -> String {
        self.input.lines().join(" ")
    }

    pub fn label(&self) -> String {
        match &self.kind {
            PromptKind::QuickLog { name, .. } => format!("Log for {name} › "),
            PromptKind::FollowUp { name, .. } => format!("Follow-up for {name} › "),
            PromptKind::Snooze { text, .. } => format!("Snooze “{text}” until › "),
            PromptKind::SnoozeNudge { name, kind, .. } => {
                format!("Snooze {name}'s {} nudge › ", kind.short())
            }
            PromptKind::Pause { name, .. } => format!("Pause {name} › "),
            PromptKind::Trigger { name, .. } => format!("Trigger for {name} › "),
            PromptKind::Balance { name, .. } => format!("Give/ask for {name} › "),
            PromptKind::Order { name, .. } => format!("Order from {name} › "),
            PromptKind::Merge {
                name, other: None, ..
            } => format!("Merge into {name} › "),
            PromptKind::Merge { other: Some(_), .. } => "Merge them? y/n › ".to_string(),
            PromptKind::Export => "Export the week to › ".to_string(),
            // Shortened: the note needs the room.
            PromptKind::OutcomeNote { title, outcome, .. } => {
                format!("“{}” {outcome}: how? › ", short(title))
            }
            PromptKind::Resolution { note, .. } => format!("Resolved “{}” how? › ", short(note)),
            PromptKind::Left {
                follow: None,
                picked: true,
                people,
                ..
            } => match people.first() {
                Some((_, name)) => format!("{} left — to where? › ", short(name)),
                None => "Mark who as left? › ".to_string(),
            },
            PromptKind::Left { follow: None, .. } => "Mark who as left? › ".to_string(),
            PromptKind::Left { follow: Some(_), .. } => "Follow them there? y/n › ".to_string(),
        }
    }

    /// Tab in the snooze prompt: the next suggestion.
    pub fn next_suggestion(&mut self, today: NaiveDate, workdays: Workdays) {
        if matches!(self.kind, PromptKind::Snooze { .. }) {
            let all = snooze_suggestions(today, workdays);
            let s = all[self.suggestion % all.len()].clone();
            self.suggestion += 1;
            self.input = TextArea::new(vec![s]);
            self.input.move_cursor(ratatui_textarea::CursorMove::End);
        }
    }
}

/// The start of a title or note, for a label that leaves room to type.
fn short(text: &str) -> String {
    cell(text, 24).trim_end().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn on_a_friday_the_first_suggestion_is_monday_not_tomorrow() {
        let day = |s: &str| s.parse::<NaiveDate>().unwrap();
        let w = Workdays::default();
        assert_eq!(snooze_suggestions(day("2026-11-27"), w)[0], "mon");
        assert_eq!(snooze_suggestions(day("2026-11-26"), w)[0], "tomorrow");
        assert_eq!(
            snooze_suggestions(day("2026-11-27"), Workdays::ALL)[0],
            "tomorrow"
        );
    }
}
