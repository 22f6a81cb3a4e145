//! The keymap: the bindings of every mode as one table (table.rs) — the screens' keys, the
//! filter's, the prompts' and forms', the text editing keys and the help's — and how a key
//! is looked up in it. The footer and the help are generated from the same table, so they
//! can never disagree with what the keys do. It knows keys and actions, not what an action
//! does.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::{Action, CardList, Screen, Verb};

mod table;

pub use table::BINDINGS;

/// What has the keys now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// A screen, with nothing over it (on the card: no row selected).
    Screen(Screen),
    /// The Customer screen with a row of this list selected.
    Card(CardList),
    /// Typing into the customers filter.
    Filter,
    /// A one-line prompt.
    Prompt,
    /// The snooze prompt, which also suggests days.
    Snooze,
    Form,
    /// A form with its field of several lines focused (the customer's notes).
    Lines,
    Help,
    /// A yes-or-no question in the footer (delete this?).
    Confirm,
    /// The open follow-ups to close after a log.
    Checklist,
    /// Typing the words of a search.
    Search,
    /// Moving through a search's hits.
    SearchHits,
    /// Reading a contact's full note.
    Note,
    /// Choosing the e-mail address or the phone number to copy or to open.
    Pick(Verb),
}

impl Mode {
    /// Whether this is a screen's, with no prompt, form or help over it.
    pub(crate) fn on_screen(self) -> bool {
        matches!(self, Mode::Screen(_) | Mode::Card(_))
    }
}

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// In every mode, whatever has the keys.
    Always,
    /// On every screen.
    Everywhere,
    Agenda,
    Customers,
    /// The customer card, whether a row is selected or not.
    Customer,
    /// The follow-up selected on the card; with no row selected, the first one.
    FollowUp,
    /// Any row selected on the card.
    Row,
    /// A decision moment selected on the card.
    Moment,
    /// A switching trigger selected on the card.
    Trigger,
    /// A contact selected on the card's timeline.
    Contact,
    /// A person selected in the card's people list.
    Person,
    /// Reading a contact's full note.
    Note,
    Week,
    Filter,
    /// Every prompt and form.
    Input,
    /// A prompt, or a form's field of one line.
    OneLine,
    /// Every field of a form.
    Form,
    /// A form's field of several lines.
    Lines,
    Snooze,
    /// The text of a prompt, of a form's field, of the filter or of the search.
    Text,
    Help,
    Confirm,
    /// The follow-ups offered to close after a log.
    Checklist,
    /// Typing the words of a search.
    Search,
    /// Moving through a search's hits.
    SearchHits,
    /// Choosing the e-mail address or the phone number, after `y` or `O`.
    Pick,
}

impl Scope {
    pub(crate) fn applies_in(self, mode: Mode) -> bool {
        match (self, mode) {
            (Scope::Always, _)
            | (Scope::Everywhere, Mode::Screen(_) | Mode::Card(_))
            | (Scope::Customer, Mode::Card(_))
            | (Scope::Person, Mode::Card(CardList::People))
            | (Scope::Moment, Mode::Card(CardList::Moments))
            | (Scope::Trigger, Mode::Card(CardList::Triggers))
            | (Scope::Contact, Mode::Card(CardList::Timeline))
            | (Scope::Note, Mode::Note)
            | (Scope::FollowUp, Mode::Card(CardList::FollowUps) | Mode::Screen(Screen::Customer))
            | (Scope::Confirm, Mode::Confirm)
            | (Scope::Checklist, Mode::Checklist)
            | (Scope::Input | Scope::Text, Mode::Prompt | Mode::Snooze | Mode::Form | Mode::Lines)
            | (Scope::OneLine, Mode::Prompt | Mode::Snooze | Mode::Form)
            | (Scope::Form, Mode::Form | Mode::Lines)
            | (Scope::Lines, Mode::Lines)
            | (Scope::Snooze, Mode::Snooze)
            | (Scope::Help, Mode::Help)
            | (Scope::Search | Scope::Text, Mode::Search)
            | (Scope::Filter | Scope::Text, Mode::Filter)
            | (Scope::SearchHits, Mode::SearchHits)
            | (Scope::Pick, Mode::Pick(_)) => true,
            // A person is neither edited in a form here nor deleted: `L` marks them as left.
            (Scope::Row, Mode::Card(list)) => list != CardList::People,
            (Scope::Agenda, Mode::Screen(s)) => s == Screen::Agenda,
            (Scope::Customers, Mode::Screen(s)) => s == Screen::Customers,
            (Scope::Customer, Mode::Screen(s)) => s == Screen::Customer,
            (Scope::Week, Mode::Screen(s)) => s == Screen::Week,
            _ => false,
        }
    }

    pub(crate) const fn title(self) -> &'static str {
        match self {
            Scope::Always => "Always",
            Scope::Everywhere => "Everywhere",
            Scope::Agenda => "Agenda",
            Scope::Customers => "Customers",
            Scope::Customer => "Customer",
            Scope::FollowUp => "Customer: a follow-up (else the first)",
            Scope::Row => "Customer: a selected row (not a person)",
            Scope::Moment => "Customer: a selected decision moment",
            Scope::Trigger => "Customer: a selected trigger",
            Scope::Contact => "Customer: a selected contact",
            Scope::Person => "Customer: a selected person",
            Scope::Note => "A contact's full note",
            Scope::Confirm => "Delete? (y/n)",
            Scope::Checklist => "Close any of these? (after a log)",
            Scope::Week => "Week",
            Scope::Filter => "Filter (after /)",
            Scope::Input => "Prompts and forms",
            Scope::OneLine => "A prompt or a one-line field",
            Scope::Form => "Forms",
            Scope::Lines => "A field of several lines (notes)",
            Scope::Snooze => "Snooze prompt",
            Scope::Text => "Editing text (every input)",
            Scope::Help => "This help",
            Scope::Search => "Search (after S): typing",
            Scope::SearchHits => "Search: the hits (after Tab)",
            Scope::Pick => "Copy or open (after y or O)",
        }
    }
}

/// A key a binding answers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    /// This key, with Ctrl and Alt held or not as said. Shift is part of the key itself
    /// (`G`, `$`, BackTab); with a move in a text it selects.
    Press { code: KeyCode, ctrl: bool, alt: bool },
    /// Any character typed without Ctrl or Alt: text.
    Char,
}

impl Key {
    pub(crate) fn matches(self, key: KeyEvent) -> bool {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let alt = key.modifiers.contains(KeyModifiers::ALT);
        match self {
            Key::Press {
                code,
                ctrl: c,
                alt: a,
            } => key.code == code && ctrl == c && alt == a,
            Key::Char => matches!(key.code, KeyCode::Char(_)) && !ctrl && !alt,
        }
    }
}

pub struct Binding {
    pub scope: Scope,
    pub keys: &'static [Key],
    /// How the keys are written in the help ("j/↓").
    pub label: &'static str,
    pub action: Action,
    pub help: &'static str,
    /// How the footer shows the binding where it applies, if it does.
    pub footer: Option<Footer>,
}

/// A binding in the footer: its keys, shortly, and a word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Footer {
    pub keys: &'static str,
    pub word: &'static str,
    /// Left out while a row on the card is selected, to make room for the keys that act on
    /// it (the help still lists it).
    pub spare: bool,
}

/// The action `key` means in `mode`, if any: the first binding of the key itself, in table
/// order (so a screen's own binding wins over a general one), else one for any character.
pub(crate) fn action_for(mode: Mode, key: KeyEvent) -> Option<Action> {
    let bound = || BINDINGS.iter().filter(move |b| b.scope.applies_in(mode));
    bound()
        .find(|b| b.keys.iter().any(|k| *k != Key::Char && k.matches(key)))
        .or_else(|| bound().find(|b| b.keys.contains(&Key::Char) && Key::Char.matches(key)))
        .map(|b| b.action)
}

/// What the footer shows in `mode`, in table order, each set of keys once.
pub(crate) fn footer(mode: Mode) -> Vec<Footer> {
    footer_without(mode, &[])
}

/// Like `footer`, leaving out the keys of `idle`: actions that would only say they have
/// nothing to do on the row selected (closing a moment that is closed already).
pub(crate) fn footer_without(mode: Mode, idle: &[Action]) -> Vec<Footer> {
    let mut shown: Vec<Footer> = Vec::new();
    let row = matches!(mode, Mode::Card(_));
    for f in BINDINGS
        .iter()
        .filter(|b| b.scope.applies_in(mode) && !idle.contains(&b.action))
        .filter_map(|b| b.footer)
        .filter(|f| !(row && f.spare))
    {
        if !shown.iter().any(|s| s.keys == f.keys) {
            shown.push(f);
        }
    }
    shown
}

#[cfg(test)]
mod tests {
    use super::super::action::Edit;
    use super::*;
    use crossterm::event::KeyCode::{Char, Esc};

    const MODES: [Mode; 24] = [
        Mode::Card(CardList::People),
        Mode::Pick(Verb::Copy),
        Mode::Pick(Verb::Open),
        Mode::Checklist,
        Mode::Search,
        Mode::SearchHits,
        Mode::Screen(Screen::Agenda),
        Mode::Screen(Screen::Customers),
        Mode::Screen(Screen::Customer),
        Mode::Screen(Screen::Week),
        Mode::Card(CardList::FollowUps),
        Mode::Card(CardList::Moments),
        Mode::Card(CardList::Timeline),
        Mode::Card(CardList::Triggers),
        Mode::Card(CardList::Entries),
        Mode::Card(CardList::Orders),
        Mode::Confirm,
        Mode::Filter,
        Mode::Prompt,
        Mode::Snooze,
        Mode::Form,
        Mode::Lines,
        Mode::Help,
        Mode::Note,
    ];

    const SCOPES: [Scope; 26] = [
        Scope::Person,
        Scope::Pick,
        Scope::Checklist,
        Scope::Search,
        Scope::SearchHits,
        Scope::Always,
        Scope::Everywhere,
        Scope::Agenda,
        Scope::Customers,
        Scope::Customer,
        Scope::FollowUp,
        Scope::Row,
        Scope::Moment,
        Scope::Trigger,
        Scope::Contact,
        Scope::Note,
        Scope::Confirm,
        Scope::Week,
        Scope::Filter,
        Scope::Input,
        Scope::OneLine,
        Scope::Form,
        Scope::Lines,
        Scope::Snooze,
        Scope::Text,
        Scope::Help,
    ];

    fn press(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    fn on(screen: Screen) -> Mode {
        Mode::Screen(screen)
    }

    #[test]
    fn screen_bindings_win_over_general_ones() {
        assert_eq!(
            action_for(on(Screen::Customers), press(Char('/'))),
            Some(Action::Filter)
        );
        assert_eq!(action_for(on(Screen::Agenda), press(Char('/'))), None);
        assert_eq!(
            action_for(on(Screen::Agenda), press(Char('d'))),
            Some(Action::Done)
        );
        assert_eq!(action_for(on(Screen::Customers), press(Char('d'))), None);
    }

    #[test]
    fn ctrl_c_always_quits() {
        let ctrl_c = KeyEvent::new(Char('c'), KeyModifiers::CONTROL);
        for mode in MODES {
            assert_eq!(action_for(mode, ctrl_c), Some(Action::Quit), "{mode:?}");
        }
    }

    #[test]
    fn no_key_is_bound_twice_in_one_scope() {
        for scope in SCOPES {
            let mut seen: Vec<Key> = Vec::new();
            for b in BINDINGS.iter().filter(|b| b.scope == scope) {
                for k in b.keys {
                    assert!(!seen.contains(k), "{k:?} twice in {scope:?}");
                    seen.push(*k);
                }
            }
        }
    }

    /// Where two bindings of one mode share a key, the first wins; they must mean the same,
    /// or the second would be a promise the keys do not keep.
    #[test]
    fn a_key_shadowed_in_a_mode_means_the_same_there() {
        for mode in MODES {
            let bound: Vec<&Binding> = BINDINGS.iter().filter(|b| b.scope.applies_in(mode)).collect();
            for (i, a) in bound.iter().enumerate() {
                for b in &bound[i + 1..] {
                    if a.keys.iter().any(|k| b.keys.contains(k)) {
                        assert_eq!(a.action, b.action, "{} and {} in {mode:?}", a.label, b.label);
                    }
                }
            }
        }
    }

    #[test]
    fn typing_is_text_only_without_ctrl_or_alt() {
        assert_eq!(
            action_for(Mode::Prompt, press(Char('x'))),
            Some(Action::Edit(Edit::Type))
        );
        let ctrl_x = KeyEvent::new(Char('x'), KeyModifiers::CONTROL);
        assert_eq!(action_for(Mode::Prompt, ctrl_x), Some(Action::Edit(Edit::Cut)));
        let alt_x = KeyEvent::new(Char('x'), KeyModifiers::ALT);
        assert_eq!(action_for(Mode::Prompt, alt_x), None);
        let shifted = KeyEvent::new(Char('G'), KeyModifiers::SHIFT);
        assert_eq!(action_for(Mode::Filter, shifted), Some(Action::Edit(Edit::Type)));
        assert_eq!(action_for(on(Screen::Agenda), shifted), Some(Action::Bottom));
    }

    /// Every line typed into (the quick-log prompt, the snooze prompt, a form, the filter,
    /// the search) takes readline's keys, each meaning the same edit.
    #[test]
    fn every_text_input_edits_as_readline_does() {
        let ctrl = |c| KeyEvent::new(Char(c), KeyModifiers::CONTROL);
        let alt = |c| KeyEvent::new(Char(c), KeyModifiers::ALT);
        let keys = [
            (ctrl('u'), Edit::DeleteToStart),
            (ctrl('w'), Edit::DeleteWordBack),
            (ctrl('k'), Edit::DeleteToEnd),
            (ctrl('a'), Edit::Home),
            (ctrl('e'), Edit::End),
            (ctrl('b'), Edit::Left),
            (ctrl('f'), Edit::Right),
            (ctrl('y'), Edit::Paste),
            (alt('b'), Edit::WordLeft),
            (alt('f'), Edit::WordRight),
            (alt('d'), Edit::DeleteWordForward),
            (press(KeyCode::Home), Edit::Home),
            (press(KeyCode::End), Edit::End),
            (press(KeyCode::Backspace), Edit::DeleteBack),
            (press(KeyCode::Delete), Edit::DeleteForward),
        ];
        for mode in [
            Mode::Prompt,
            Mode::Snooze,
            Mode::Form,
            Mode::Lines,
            Mode::Filter,
            Mode::Search,
        ] {
            for (key, edit) in keys {
                assert_eq!(
                    action_for(mode, key),
                    Some(Action::Edit(edit)),
                    "{key:?} in {mode:?}"
                );
            }
        }
    }

    #[test]
    fn the_card_s_footer_offers_what_works_on_the_selected_row() {
        let words = |mode| footer(mode).iter().map(|f| f.keys).collect::<Vec<_>>();
        let on_timeline = words(Mode::Card(CardList::Timeline));
        assert!(
            on_timeline.contains(&"e") && on_timeline.contains(&"x"),
            "{on_timeline:?}"
        );
        assert!(
            !on_timeline.contains(&"d") && !on_timeline.contains(&"s"),
            "{on_timeline:?}"
        );
        let on_follow_up = words(Mode::Card(CardList::FollowUps));
        assert!(
            on_follow_up.contains(&"d") && on_follow_up.contains(&"x"),
            "{on_follow_up:?}"
        );
        let unselected = words(Mode::Screen(Screen::Customer));
        assert!(!unselected.contains(&"x"), "{unselected:?}");
        assert_eq!(
            action_for(Mode::Card(CardList::Orders), press(Char('d'))),
            None,
            "d marks follow-ups done, not orders"
        );
        // Closing and resolving only where a moment or a trigger is selected.
        let on_moment = words(Mode::Card(CardList::Moments));
        assert!(
            on_moment.contains(&"c") && !on_moment.contains(&"r"),
            "{on_moment:?}"
        );
        let on_trigger = words(Mode::Card(CardList::Triggers));
        assert!(
            on_trigger.contains(&"r") && !on_trigger.contains(&"c"),
            "{on_trigger:?}"
        );
        assert!(!on_timeline.contains(&"c") && !unselected.contains(&"r"));
        assert_eq!(
            action_for(Mode::Card(CardList::Moments), press(Char('c'))),
            Some(Action::CloseMoment)
        );
        assert_eq!(action_for(Mode::Card(CardList::Timeline), press(Char('r'))), None);
        assert_eq!(action_for(Mode::Confirm, press(Char('n'))), Some(Action::Cancel));
        assert_eq!(action_for(Mode::Confirm, press(Char('y'))), Some(Action::Confirm));
    }

    #[test]
    fn every_mode_has_a_footer_and_a_way_out() {
        for mode in MODES {
            assert!(!footer(mode).is_empty(), "{mode:?}");
            let esc = action_for(mode, press(Esc));
            assert!(esc.is_some(), "Esc does nothing in {mode:?}");
        }
    }
}
