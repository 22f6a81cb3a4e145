//! The one-line prompt at the bottom of the screen: its label and input, and a hint or the
//! error with the bad part marked. Drawn from the `Prompt` alone.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};
use unicode_width::UnicodeWidthStr;

use super::super::prompt::{Prompt, PromptKind};
use crate::domain::Kind;
use crate::domain::text::sanitize;

/// Rows the prompt needs at `width`: the error or a hint (and the quick log's second
/// hint), the input, and above them the error itself when it does not fit beside its
/// marker (wrapped, at most three rows).
pub fn prompt_height(prompt: &Prompt, width: u16) -> u16 {
    1 + hint_rows(prompt) + error_rows(prompt, width)
}

/// The quick log's line has more to it than one row of 80 columns says: whom the
/// contact was with, and `!done`, get a second hint row.
fn hint_rows(prompt: &Prompt) -> u16 {
    match prompt.kind {
        PromptKind::QuickLog { .. } => 2,
        _ => 1,
    }
}

/// The quick log's second hint: the word between the kind and the when.
const QUICK_LOG_WHO: &str = " who: a first name, else the main contact · !done: every open follow-up done";

/// Where the error goes: the marker under the bad part, and the words beside it when they
/// fit on that row, else on rows of their own above it (this many).
fn error_rows(prompt: &Prompt, width: u16) -> u16 {
    let Some((error, span)) = &prompt.error else {
        return 0;
    };
    let (pad, marked) = marker(prompt, span);
    let width = usize::from(width.max(1));
    let error = sanitize(error).width();
    if pad + marked + 1 + error <= width {
        0
    } else {
        (1 + error).div_ceil(width).min(3) as u16
    }
}

/// Columns before the marker, and its width: the marker sits under the bad part.
fn marker(prompt: &Prompt, span: &std::ops::Range<usize>) -> (usize, usize) {
    let label = sanitize(&prompt.label()).width();
    let text = prompt.text();
    let start = span.start.min(text.len());
    let before = text.get(..start).map_or(0, UnicodeWidthStr::width);
    let marked = text
        .get(start..span.end.min(text.len()))
        .map_or(1, |s| s.width().max(1));
    (label + before, marked)
}

/// The error (with the bad part marked) or a hint, then the input.
impl Widget for &Prompt {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let prompt = self;
        let theme = &prompt.theme;
        let above = error_rows(prompt, area.width);
        // The second hint goes on top: the marker of an error stays right above the input.
        let [second, error_area, message, input_line] = Layout::vertical([
            Constraint::Length(hint_rows(prompt) - 1),
            Constraint::Length(above),
            Constraint::Length(1),
            Constraint::Length(1),
        ])
        .areas(area);
        if matches!(prompt.kind, PromptKind::QuickLog { .. }) {
            Line::styled(QUICK_LOG_WHO, theme.dim).render(second, buf);
        }
        let label = sanitize(&prompt.label()).into_owned();
        let label_width = label.width() as u16;
        if let Some((error, span)) = &prompt.error {
            let error = sanitize(error);
            let (pad, marked) = marker(prompt, span);
            let mut line = vec![
                Span::raw(" ".repeat(pad)),
                Span::styled("^".repeat(marked), theme.error),
            ];
            if above == 0 {
                line.push(Span::styled(format!(" {error}"), theme.error));
            } else {
                let words = Paragraph::new(format!(" {error}"))
                    .style(theme.error)
                    .wrap(Wrap { trim: false });
                words.render(error_area, buf);
            }
            Line::from(line).render(message, buf);
        } else {
            let hint = match &prompt.kind {
            PromptKind::QuickLog { .. } => {
                // The contact's own time by example: a day looking back, a time of day.
                let kinds = Kind::ALL.map(Kind::as_str).join(" ");
                format!(" kinds: {kinds} · when: mon 14:30")
            }
            PromptKind::FollowUp { .. } => {
                " what to do, then @when: today, fri, +3d, next week, 2026-12-01".to_string()
            }
            PromptKind::Snooze { .. } => {
                " +3d: on from its date (today if overdue) · fri, 2026-12-01: that day, even earlier"
                    .to_string()
            }
            PromptKind::SnoozeNudge { .. } => {
                " the day it nudges again, then why: +2w · 2027-03-01 champion on leave".to_string()
            }
            PromptKind::Pause { .. } => {
                " the day their cadence counts again, then why: +1m · 2027-03-01 on sabbatical".to_string()
            }
            PromptKind::Trigger { .. } => {
                " situational (their situation changed) · reactional (an incident) · influential (a competitor)"
                    .to_string()
            }
            PromptKind::Balance { .. } => {
                " give: gift, extra service, favour, discount · ask: referral, survey, price increase".to_string()
            }
            PromptKind::Order { .. } => " the amount (1250.50 or 1250,50), then @day if not today".to_string(),
            PromptKind::Export => " .md .csv .ics .json or .txt (todo.txt); the extension picks the format".to_string(),
            PromptKind::Merge { other: None, .. } => {
                " its records move over, empty fields are filled in, its name still finds them".to_string()
            }
            PromptKind::Merge { other: Some((_, said)), .. } | PromptKind::Left { follow: Some((_, said)), .. } => {
                format!(" {said}")
            }
            PromptKind::OutcomeNote { .. } => " how it went, in a few words · Enter alone: no note".to_string(),
            PromptKind::Resolution { .. } => {
                " how it was resolved, in a few words · Enter alone: no note".to_string()
            }
            PromptKind::Left {
                name,
                follow: None,
                picked: true,
                ..
            } => format!(
                " where they went, if you know: touchbase offers to follow them · Enter alone: not known · at {}",
                crate::domain::text::sanitize(name)
            ),
            PromptKind::Left {
                name,
                people,
                follow: None,
                ..
            } => format!(
                " at {}: {}",
                crate::domain::text::sanitize(name),
                crate::tui::leaving::numbered(people)
            ),
        };
            Line::styled(hint, theme.dim).render(message, buf);
        }
        let [label_area, input_area] =
            Layout::horizontal([Constraint::Length(label_width), Constraint::Min(1)]).areas(input_line);
        Span::styled(label, theme.title).render(label_area, buf);
        prompt.input.render(input_area, buf);
    }
}
