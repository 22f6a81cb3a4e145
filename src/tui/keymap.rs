//! The key bindings of every mode as one table: the screens' keys, the filter's, the
//! prompts' and forms', the text editing keys and the help's. The footer and the help are
//! generated from it, so they can never disagree with what the keys do. It knows keys and
//! actions, not what an action does.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::{Action, Edit, Screen};

/// What has the keys now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// A screen, with nothing over it.
    Screen(Screen),
    /// Typing into the customers filter.
    Filter,
    /// A one-line prompt.
    Prompt,
    /// The snooze prompt, which also suggests days.
    Snooze,
    Form,
    Help,
}

impl Mode {
    pub const ALL: [Mode; 9] = [
        Mode::Screen(Screen::Agenda),
        Mode::Screen(Screen::Customers),
        Mode::Screen(Screen::Customer),
        Mode::Screen(Screen::Week),
        Mode::Filter,
        Mode::Prompt,
        Mode::Snooze,
        Mode::Form,
        Mode::Help,
    ];
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
    Customer,
    Week,
    Filter,
    /// Every prompt and form.
    Input,
    Form,
    Snooze,
    /// The text of a prompt or of a form's field.
    Text,
    Help,
}

impl Scope {
    pub const ALL: [Scope; 12] = [
        Scope::Always,
        Scope::Everywhere,
        Scope::Agenda,
        Scope::Customers,
        Scope::Customer,
        Scope::Week,
        Scope::Filter,
        Scope::Input,
        Scope::Form,
        Scope::Snooze,
        Scope::Text,
        Scope::Help,
    ];

    pub fn applies_in(self, mode: Mode) -> bool {
        match (self, mode) {
            (Scope::Always, _)
            | (Scope::Everywhere, Mode::Screen(_))
            | (Scope::Filter, Mode::Filter)
            | (Scope::Input | Scope::Text, Mode::Prompt | Mode::Snooze | Mode::Form)
            | (Scope::Form, Mode::Form)
            | (Scope::Snooze, Mode::Snooze)
            | (Scope::Help, Mode::Help) => true,
            (Scope::Agenda, Mode::Screen(s)) => s == Screen::Agenda,
            (Scope::Customers, Mode::Screen(s)) => s == Screen::Customers,
            (Scope::Customer, Mode::Screen(s)) => s == Screen::Customer,
            (Scope::Week, Mode::Screen(s)) => s == Screen::Week,
            _ => false,
        }
    }

    pub const fn title(self) -> &'static str {
        match self {
            Scope::Always => "Always",
            Scope::Everywhere => "Everywhere",
            Scope::Agenda => "Agenda",
            Scope::Customers => "Customers",
            Scope::Customer => "Customer",
            Scope::Week => "Week",
            Scope::Filter => "Filter (after /)",
            Scope::Input => "Prompts and forms",
            Scope::Form => "Forms",
            Scope::Snooze => "Snooze prompt",
            Scope::Text => "Editing text (prompts, forms)",
            Scope::Help => "This help",
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
    pub fn matches(self, key: KeyEvent) -> bool {
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
}

const fn bind(
    scope: Scope,
    keys: &'static [Key],
    label: &'static str,
    action: Action,
    help: &'static str,
) -> Binding {
    Binding {
        scope,
        keys,
        label,
        action,
        help,
        footer: None,
    }
}

impl Binding {
    /// In the footer as its label and `word`.
    const fn footer(self, word: &'static str) -> Binding {
        let keys = self.label;
        self.footer_as(keys, word)
    }

    /// In the footer as `keys` and `word`: bindings shown as the same keys are shown once
    /// ("↑↓ move").
    const fn footer_as(self, keys: &'static str, word: &'static str) -> Binding {
        Binding {
            footer: Some(Footer { keys, word }),
            ..self
        }
    }
}

const fn key(code: KeyCode) -> Key {
    Key::Press {
        code,
        ctrl: false,
        alt: false,
    }
}

const fn ch(c: char) -> Key {
    key(Char(c))
}

const fn ctrl(code: KeyCode) -> Key {
    Key::Press {
        code,
        ctrl: true,
        alt: false,
    }
}

const fn alt(code: KeyCode) -> Key {
    Key::Press {
        code,
        ctrl: false,
        alt: true,
    }
}

const TEXT: Key = Key::Char;

use KeyCode::{
    BackTab, Backspace, Char, Delete, Down, End, Enter, Esc, Home, Left, PageDown, PageUp, Right, Tab, Up,
};
use Scope::{Agenda, Always, Customer, Customers, Everywhere, Filter, Form, Help, Input, Snooze, Text, Week};

// One binding per line reads as a table; rustfmt would spread each over seven lines.
#[rustfmt::skip]
pub const BINDINGS: &[Binding] = &[
    // The one place Ctrl-C is handled: it quits whatever has the keys.
    bind(Always, &[ctrl(Char('c'))], "Ctrl-C", Action::Quit, "quit from anywhere"),

    // The screens. Screen-specific bindings come first: they win over the general ones.
    bind(Customers, &[ch('/')], "/", Action::Filter, "filter as you type; #tag narrows by tag").footer("filter"),
    bind(Customers, &[ch('o')], "o", Action::CycleSort, "sort: last contact, urgency, name, value").footer("sort"),
    bind(Customers, &[key(Enter)], "Enter", Action::Open, "open the customer").footer("open"),
    bind(Agenda, &[key(Enter)], "Enter", Action::Open, "open the item's customer").footer("open"),
    bind(Week, &[key(Enter)], "Enter", Action::Open, "open the item's customer").footer("open"),
    bind(Week, &[ch('x')], "x", Action::ExportWeek, "export: md csv ics json todo.txt").footer("export"),
    bind(Week, &[ch('[')], "[", Action::PreviousWeek, "the week before"),
    bind(Week, &[ch(']')], "]", Action::NextWeek, "the week after"),
    bind(Everywhere, &[ch('l')], "l", Action::LogContact, "log a contact (quick-log line)").footer("log"),
    bind(Agenda, &[ch('d')], "d", Action::Done, "mark the follow-up done").footer("done"),
    bind(Customer, &[ch('d')], "d", Action::Done, "mark the selected follow-up done").footer("done"),
    bind(Agenda, &[ch('s')], "s", Action::Snooze, "snooze the follow-up").footer("snooze"),
    bind(Customer, &[ch('s')], "s", Action::Snooze, "snooze the selected follow-up").footer("snooze"),
    bind(Everywhere, &[ch('f')], "f", Action::AddFollowUp, "add a follow-up").footer("follow-up"),
    bind(Customer, &[ch('m')], "m", Action::AddMoment, "plan a decision moment").footer("moment"),
    bind(Everywhere, &[ch('m')], "m", Action::AddMoment, "plan a decision moment"),
    bind(Everywhere, &[ch('t')], "t", Action::AddTrigger, "note a switching trigger"),
    bind(Everywhere, &[ch('b')], "b", Action::AddBalance, "record a give or an ask"),
    bind(Everywhere, &[ch('$')], "$", Action::AddOrder, "record an order (a sale)"),
    bind(Everywhere, &[ch('a')], "a", Action::AddCustomer, "add a customer"),
    bind(Everywhere, &[ch('e')], "e", Action::EditCustomer, "edit the customer"),
    bind(Everywhere, &[ch('u')], "u", Action::Undo, "undo the last change").footer("undo"),
    bind(Everywhere, &[ch('j'), key(Down)], "j/↓", Action::Down, "move down"),
    bind(Everywhere, &[ch('k'), key(Up)], "k/↑", Action::Up, "move up"),
    bind(Everywhere, &[ch('g'), key(Home)], "g", Action::Top, "go to the top"),
    bind(Everywhere, &[ch('G'), key(End)], "G", Action::Bottom, "go to the bottom"),
    bind(Everywhere, &[key(PageDown)], "PgDn", Action::PageDown, "page down"),
    bind(Everywhere, &[key(PageUp)], "PgUp", Action::PageUp, "page up"),
    bind(Everywhere, &[ch('1')], "1", Action::Show(Screen::Agenda), "agenda"),
    bind(Everywhere, &[ch('2')], "2", Action::Show(Screen::Customers), "customers"),
    bind(Everywhere, &[ch('3')], "3", Action::Show(Screen::Customer), "the customer card"),
    bind(Everywhere, &[ch('4')], "4", Action::Show(Screen::Week), "the week's to-do list"),
    bind(Everywhere, &[key(Tab)], "Tab", Action::NextScreen, "next screen"),
    bind(Everywhere, &[key(Esc)], "Esc", Action::Back, "back / clear the filter"),
    bind(Everywhere, &[ch('?')], "?", Action::ToggleHelp, "all keys").footer("keys"),
    bind(Everywhere, &[ch('q')], "q", Action::Quit, "quit").footer("quit"),

    // Typing into the customers filter. `#` types itself, like any character.
    bind(Filter, &[TEXT], "type", Action::Edit(Edit::Type), "match name, company, email").footer("filter"),
    bind(Filter, &[ch('#')], "#tag", Action::Edit(Edit::Type), "narrow by tag: #vip").footer("by tag"),
    bind(Filter, &[key(Down)], "↓", Action::Down, "move down the matches").footer_as("↑↓", "move"),
    bind(Filter, &[key(Up)], "↑", Action::Up, "move up the matches").footer_as("↑↓", "move"),
    bind(Filter, &[key(Enter)], "Enter", Action::KeepFilter, "keep it; keys to the list").footer("keep"),
    bind(Filter, &[key(Esc)], "Esc", Action::ClearFilter, "clear the filter").footer("clear"),
    bind(Filter, &[key(Backspace)], "Bksp", Action::Edit(Edit::DeleteBack), "delete back; empty: close"),

    // Prompts and forms.
    bind(Form, &[key(Tab), key(Down)], "Tab/↓", Action::NextField, "next field").footer_as("Tab", "next field"),
    bind(Form, &[key(BackTab), key(Up)], "Shift-Tab/↑", Action::PreviousField, "previous field"),
    bind(Input, &[key(Enter)], "Enter", Action::Submit, "save").footer("save"),
    bind(Input, &[key(Esc)], "Esc", Action::Cancel, "cancel, saving nothing").footer("cancel"),
    bind(Snooze, &[key(Tab)], "Tab", Action::Suggest, "suggest tomorrow, +3d, +1w").footer("tomorrow / +3d / +1w"),

    // Editing the text of a prompt or of a form's field: readline's habits.
    bind(Text, &[TEXT], "type", Action::Edit(Edit::Type), "insert at the cursor"),
    bind(Text, &[key(Left), ctrl(Char('b'))], "←/Ctrl-B", Action::Edit(Edit::Left), "a character back"),
    bind(Text, &[key(Right), ctrl(Char('f'))], "→/Ctrl-F", Action::Edit(Edit::Right), "a character on"),
    bind(Text, &[ctrl(Left), alt(Char('b'))], "Ctrl-←/Alt-B", Action::Edit(Edit::WordLeft), "a word back"),
    bind(Text, &[ctrl(Right), alt(Char('f'))], "Ctrl-→/Alt-F", Action::Edit(Edit::WordRight), "a word on"),
    bind(Text, &[key(Home), ctrl(Char('a'))], "Home/Ctrl-A", Action::Edit(Edit::Home), "to the start"),
    bind(Text, &[key(End), ctrl(Char('e'))], "End/Ctrl-E", Action::Edit(Edit::End), "to the end"),
    bind(Text, &[key(Backspace), ctrl(Char('h'))], "Bksp/Ctrl-H", Action::Edit(Edit::DeleteBack), "delete the char before"),
    bind(Text, &[key(Delete), ctrl(Char('d'))], "Del/Ctrl-D", Action::Edit(Edit::DeleteForward), "delete at the cursor"),
    bind(Text, &[ctrl(Char('w')), alt(Backspace), alt(Char('h'))], "Ctrl-W/Alt-Bksp", Action::Edit(Edit::DeleteWordBack), "delete the word before"),
    bind(Text, &[alt(Char('d')), alt(Delete)], "Alt-D/Alt-Del", Action::Edit(Edit::DeleteWordForward), "delete the word after"),
    bind(Text, &[ctrl(Char('k'))], "Ctrl-K", Action::Edit(Edit::DeleteToEnd), "delete to the end"),
    bind(Text, &[ctrl(Char('j'))], "Ctrl-J", Action::Edit(Edit::DeleteToStart), "delete to the start"),
    bind(Text, &[ctrl(Char('u'))], "Ctrl-U", Action::Edit(Edit::Undo), "undo the last edit"),
    bind(Text, &[ctrl(Char('r'))], "Ctrl-R", Action::Edit(Edit::Redo), "redo it"),
    bind(Text, &[ctrl(Char('y'))], "Ctrl-Y", Action::Edit(Edit::Paste), "paste what was deleted"),
    bind(Text, &[ctrl(Char('x'))], "Ctrl-X", Action::Edit(Edit::Cut), "cut a Shift-selection"),

    // The help.
    bind(Help, &[key(Esc)], "Esc", Action::Cancel, "close the help").footer("close"),
    bind(Help, &[ch('?'), ch('q'), key(Enter)], "? q Enter", Action::Cancel, "close it too"),
    bind(Help, &[key(Tab)], "Tab", Action::NextPage, "the other page of keys").footer("next page"),
];

/// The action `key` means in `mode`, if any: the first binding of the key itself, in table
/// order (so a screen's own binding wins over a general one), else one for any character.
pub fn action_for(mode: Mode, key: KeyEvent) -> Option<Action> {
    let bound = || BINDINGS.iter().filter(move |b| b.scope.applies_in(mode));
    bound()
        .find(|b| b.keys.iter().any(|k| *k != Key::Char && k.matches(key)))
        .or_else(|| bound().find(|b| b.keys.contains(&Key::Char) && Key::Char.matches(key)))
        .map(|b| b.action)
}

/// What the footer shows in `mode`, in table order, each set of keys once.
pub fn footer(mode: Mode) -> Vec<Footer> {
    let mut shown: Vec<Footer> = Vec::new();
    for f in BINDINGS
        .iter()
        .filter(|b| b.scope.applies_in(mode))
        .filter_map(|b| b.footer)
    {
        if !shown.iter().any(|s| s.keys == f.keys) {
            shown.push(f);
        }
    }
    shown
}

#[cfg(test)]
mod tests {
    use super::*;

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
        for mode in Mode::ALL {
            assert_eq!(action_for(mode, ctrl_c), Some(Action::Quit), "{mode:?}");
        }
    }

    #[test]
    fn no_key_is_bound_twice_in_one_scope() {
        for scope in Scope::ALL {
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
        for mode in Mode::ALL {
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

    #[test]
    fn every_mode_has_a_footer_and_a_way_out() {
        for mode in Mode::ALL {
            assert!(!footer(mode).is_empty(), "{mode:?}");
            let esc = action_for(mode, press(Esc));
            assert!(esc.is_some(), "Esc does nothing in {mode:?}");
        }
    }
}
