//! The help overlay: every binding of every mode with its description, straight from the
//! keymap table, on four pages — the screens' keys, the customer card's, those of the
//! filter, prompts and forms, then the search's. Drawn from the `HelpView` alone.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget};

use super::super::action::Action;
use super::super::help::HelpView;
use super::super::keymap::{BINDINGS, Binding, Scope};
use super::super::theme::Theme;
use super::centered;

/// One heading and the bindings under it.
struct Section {
    title: &'static str,
    keep: fn(&Binding) -> bool,
}

const fn section(title: &'static str, keep: fn(&Binding) -> bool) -> Section {
    Section { title, keep }
}

/// A page: its title, and the sections of its left and right columns.
type Page = (&'static str, [&'static [Section]; 2]);

const SCREENS: Page = (
    " Keys · Esc closes ",
    [
        &[
            section("Everywhere", |b| {
                b.scope == Scope::Everywhere && !moves(b.action) && !reaches(b.action)
            }),
            section("Agenda", |b| b.scope == Scope::Agenda && !repeats(b)),
        ],
        &[
            section("Customers", |b| b.scope == Scope::Customers && !repeats(b)),
            section("Week", |b| b.scope == Scope::Week && !repeats(b)),
            // Everywhere's y and O with the keys that follow them, to balance the columns.
            section("Copy or open (everywhere)", |b| {
                (b.scope == Scope::Everywhere && reaches(b.action)) || b.scope == Scope::Pick
            }),
        ],
    ],
);

const TYPING: Page = (
    " Keys of the filter, prompts and forms · Esc closes ",
    [
        // At 80×24 each column holds 22 rows: the help's own keys close the right one. A
        // right-hand heading starts where the left text may end, so it faces a short row.
        &[
            section(Scope::Filter.title(), |b| b.scope == Scope::Filter),
            section(Scope::Always.title(), |b| b.scope == Scope::Always),
            // One heading for the prompts' and the forms' keys: a row for each fits.
            section(Scope::Input.title(), |b| {
                matches!(
                    b.scope,
                    Scope::Input | Scope::OneLine | Scope::Form | Scope::Lines
                )
            }),
            section(Scope::Snooze.title(), |b| b.scope == Scope::Snooze),
        ],
        &[
            section(Scope::Text.title(), |b| b.scope == Scope::Text),
            section(Scope::Help.title(), |b| b.scope == Scope::Help),
        ],
    ],
);

const CARD: Page = (
    " Keys of the customer card · Esc closes ",
    [
        &[
            section(Scope::Customer.title(), |b| {
                b.scope == Scope::Customer && !repeats(b)
            }),
            section(Scope::FollowUp.title(), |b| b.scope == Scope::FollowUp),
            section(Scope::Row.title(), |b| b.scope == Scope::Row),
            section(Scope::Person.title(), |b| b.scope == Scope::Person),
        ],
        &[
            section(Scope::Moment.title(), |b| b.scope == Scope::Moment),
            section(Scope::Trigger.title(), |b| b.scope == Scope::Trigger),
            section(Scope::Contact.title(), |b| b.scope == Scope::Contact),
            section(Scope::Confirm.title(), |b| b.scope == Scope::Confirm),
        ],
    ],
);

const OVERLAYS: Page = (
    " Keys for moving around, a full note, the checklist after a log · Esc closes ",
    [
        &[section("Moving around", |b| {
            b.scope == Scope::Everywhere && moves(b.action)
        })],
        &[
            section(Scope::Note.title(), |b| b.scope == Scope::Note),
            section(Scope::Checklist.title(), |b| b.scope == Scope::Checklist),
        ],
    ],
);

const SEARCH: Page = (
    " Keys of the search · Esc closes ",
    [
        &[section(Scope::Search.title(), |b| b.scope == Scope::Search)],
        &[section(Scope::SearchHits.title(), |b| {
            b.scope == Scope::SearchHits
        })],
    ],
);

/// In the order Tab turns them; `help::PAGES` long.
const PAGES: [Page; super::super::help::PAGES] = [SCREENS, CARD, OVERLAYS, TYPING, SEARCH];

impl Widget for &HelpView {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let theme = &self.theme;
        let (title, columns) = &PAGES[self.page % PAGES.len()];
        let popup = centered(area, 96, 24);
        Clear.render(popup, buf);
        let block = Block::bordered().title(Span::styled(*title, theme.title));
        let inner = block.inner(popup);
        block.render(popup, buf);
        let [left, right] = Layout::horizontal([Constraint::Fill(1), Constraint::Fill(1)]).areas(inner);
        for (sections, area) in columns.iter().zip([left, right]) {
            Paragraph::new(column(sections, theme)).render(area, buf);
        }
    }
}

/// The sections one under the other, their keys in a column as wide as the longest.
fn column(sections: &[Section], theme: &Theme) -> Vec<Line<'static>> {
    let width = sections
        .iter()
        .flat_map(bindings)
        .map(|b| b.label.chars().count() + 1)
        .max()
        .unwrap_or(0);
    let mut lines = Vec::new();
    for s in sections {
        lines.push(Line::styled(s.title, theme.header));
        for b in bindings(s) {
            lines.push(Line::from(vec![
                Span::styled(format!(" {:<width$}", b.label), theme.key),
                Span::raw(b.help),
            ]));
        }
    }
    lines
}

fn bindings(s: &Section) -> impl Iterator<Item = &'static Binding> + '_ {
    BINDINGS.iter().filter(|b| (s.keep)(b))
}

/// Keys that move around rather than change anything.
fn moves(action: Action) -> bool {
    matches!(
        action,
        Action::Down
            | Action::Up
            | Action::Top
            | Action::Bottom
            | Action::PageDown
            | Action::PageUp
            | Action::Show(_)
            | Action::NextScreen
            | Action::PreviousWeek
            | Action::NextWeek
            | Action::Back
            | Action::ToggleHelp
            | Action::Quit
    )
}

/// The quick actions on the customer's e-mail address and phone number.
fn reaches(action: Action) -> bool {
    matches!(action, Action::Copy | Action::OpenWith)
}

/// A screen binding that only puts an everywhere-binding in that screen's footer: the same
/// keys, action and words.
fn repeats(b: &Binding) -> bool {
    BINDINGS
        .iter()
        .any(|e| e.scope == Scope::Everywhere && e.action == b.action && e.keys == b.keys && e.help == b.help)
}
