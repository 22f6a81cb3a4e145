//! The key bindings, as a table. The help overlay and the footer are generated from it, so
//! they can never disagree with what the keys do.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::{Action, Screen};

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Everywhere,
    Agenda,
    Customers,
    Customer,
    Week,
}

impl Scope {
    fn applies_on(self, screen: Screen) -> bool {
        match self {
            Scope::Everywhere => true,
            Scope::Agenda => screen == Screen::Agenda,
            Scope::Customers => screen == Screen::Customers,
            Scope::Customer => screen == Screen::Customer,
            Scope::Week => screen == Screen::Week,
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Scope::Everywhere => "Everywhere",
            Scope::Agenda => "Agenda",
            Scope::Customers => "Customers",
            Scope::Customer => "Customer",
            Scope::Week => "Week",
        }
    }
}

pub struct Binding {
    pub scope: Scope,
    pub keys: &'static [KeyCode],
    /// How the keys are written in the footer and help ("j/↓").
    pub label: &'static str,
    pub action: Action,
    pub help: &'static str,
    /// The word shown in the footer of the screens it applies to, if any.
    pub footer: Option<&'static str>,
}

const fn bind(
    scope: Scope,
    keys: &'static [KeyCode],
    label: &'static str,
    action: Action,
    help: &'static str,
    footer: Option<&'static str>,
) -> Binding {
    Binding {
        scope,
        keys,
        label,
        action,
        help,
        footer,
    }
}

use KeyCode::{Char, Down, End, Enter, Esc, Home, PageDown, PageUp, Tab, Up};
use Scope::{Agenda, Customer, Customers, Everywhere, Week};

// One binding per line reads as a table; rustfmt would spread each over seven lines.
#[rustfmt::skip]
pub const BINDINGS: &[Binding] = &[
    // Screen-specific bindings come first: they win over the general ones.
    bind(Customers, &[Char('/')], "/", Action::Filter, "filter as you type; #tag narrows by tag", Some("filter")),
    bind(Customers, &[Char('o')], "o", Action::CycleSort, "sort: last contact, urgency, name, value", Some("sort")),
    bind(Customers, &[Enter], "Enter", Action::Open, "open the customer", Some("open")),
    bind(Agenda, &[Enter], "Enter", Action::Open, "open the item's customer", Some("open")),
    bind(Week, &[Enter], "Enter", Action::Open, "open the item's customer", Some("open")),
    bind(Week, &[Char('x')], "x", Action::ExportWeek, "export: md csv ics json todo.txt", Some("export")),
    bind(Week, &[Char('[')], "[", Action::PreviousWeek, "the week before", None),
    bind(Week, &[Char(']')], "]", Action::NextWeek, "the week after", None),
    bind(Everywhere, &[Char('l')], "l", Action::LogContact, "log a contact (quick-log line)", Some("log")),
    bind(Agenda, &[Char('d')], "d", Action::Done, "mark the follow-up done", Some("done")),
    bind(Customer, &[Char('d')], "d", Action::Done, "mark the selected follow-up done", Some("done")),
    bind(Agenda, &[Char('s')], "s", Action::Snooze, "snooze the follow-up", Some("snooze")),
    bind(Customer, &[Char('s')], "s", Action::Snooze, "snooze the selected follow-up", Some("snooze")),
    bind(Everywhere, &[Char('f')], "f", Action::AddFollowUp, "add a follow-up", Some("follow-up")),
    bind(Customer, &[Char('m')], "m", Action::AddMoment, "plan a decision moment", Some("moment")),
    bind(Everywhere, &[Char('m')], "m", Action::AddMoment, "plan a decision moment", None),
    bind(Everywhere, &[Char('t')], "t", Action::AddTrigger, "note a switching trigger", None),
    bind(Everywhere, &[Char('b')], "b", Action::AddBalance, "record a give or an ask", None),
    bind(Everywhere, &[Char('$')], "$", Action::AddOrder, "record an order (a sale)", None),
    bind(Everywhere, &[Char('a')], "a", Action::AddCustomer, "add a customer", None),
    bind(Everywhere, &[Char('e')], "e", Action::EditCustomer, "edit the customer", None),
    bind(Everywhere, &[Char('u')], "u", Action::Undo, "undo the last change", Some("undo")),
    bind(Everywhere, &[Char('j'), Down], "j/↓", Action::Down, "move down", None),
    bind(Everywhere, &[Char('k'), Up], "k/↑", Action::Up, "move up", None),
    bind(Everywhere, &[Char('g'), Home], "g", Action::Top, "go to the top", None),
    bind(Everywhere, &[Char('G'), End], "G", Action::Bottom, "go to the bottom", None),
    bind(Everywhere, &[PageDown], "PgDn", Action::PageDown, "page down", None),
    bind(Everywhere, &[PageUp], "PgUp", Action::PageUp, "page up", None),
    bind(Everywhere, &[Char('1')], "1", Action::Show(Screen::Agenda), "agenda", None),
    bind(Everywhere, &[Char('2')], "2", Action::Show(Screen::Customers), "customers", None),
    bind(Everywhere, &[Char('3')], "3", Action::Show(Screen::Customer), "the customer card", None),
    bind(Everywhere, &[Char('4')], "4", Action::Show(Screen::Week), "the week's to-do list", None),
    bind(Everywhere, &[Tab], "Tab", Action::NextScreen, "next screen", None),
    bind(Everywhere, &[Esc], "Esc", Action::Back, "back / clear the filter", None),
    bind(Everywhere, &[Char('?')], "?", Action::ToggleHelp, "all keys", Some("keys")),
    bind(Everywhere, &[Char('q')], "q", Action::Quit, "quit", Some("quit")),
];

/// The action `key` means on `screen`, if any.
pub fn action_for(screen: Screen, key: KeyEvent) -> Option<Action> {
    if key.modifiers.contains(KeyModifiers::CONTROL) {
        return (key.code == Char('c')).then_some(Action::Quit);
    }
    BINDINGS
        .iter()
        .find(|b| b.scope.applies_on(screen) && b.keys.contains(&key.code))
        .map(|b| b.action)
}

/// The bindings the footer shows on `screen`, in table order, without duplicates.
pub fn footer(screen: Screen) -> Vec<&'static Binding> {
    let mut shown: Vec<&Binding> = Vec::new();
    for b in BINDINGS
        .iter()
        .filter(|b| b.footer.is_some() && b.scope.applies_on(screen))
    {
        if !shown.iter().any(|s| s.label == b.label) {
            shown.push(b);
        }
    }
    shown
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn screen_bindings_win_over_general_ones() {
        assert_eq!(
            action_for(Screen::Customers, key(Char('/'))),
            Some(Action::Filter)
        );
        assert_eq!(action_for(Screen::Agenda, key(Char('/'))), None);
        assert_eq!(action_for(Screen::Agenda, key(Char('d'))), Some(Action::Done));
        assert_eq!(action_for(Screen::Customers, key(Char('d'))), None);
    }

    #[test]
    fn ctrl_c_always_quits() {
        let ctrl_c = KeyEvent::new(Char('c'), KeyModifiers::CONTROL);
        for screen in Screen::TABS {
            assert_eq!(action_for(screen, ctrl_c), Some(Action::Quit));
        }
    }

    #[test]
    fn no_key_is_bound_twice_in_one_scope() {
        for scope in [Everywhere, Agenda, Customers, Customer, Week] {
            let mut seen: Vec<KeyCode> = Vec::new();
            for b in BINDINGS.iter().filter(|b| b.scope == scope) {
                for k in b.keys {
                    assert!(!seen.contains(k), "{k:?} twice in {scope:?}");
                    seen.push(*k);
                }
            }
        }
    }
}
