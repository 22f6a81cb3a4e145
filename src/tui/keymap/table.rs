//! The default bindings, one row each: the table the keymap looks keys up in and the
//! footer and help are made from (yazi's `keymap-default.toml`, in code). It says which
//! key means what, nothing about what an action does.

use crossterm::event::KeyCode;

use super::super::action::{Action, Edit, Screen};
use super::{Binding, Footer, Key, Scope};

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
            footer: Some(Footer {
                keys,
                word,
                spare: false,
            }),
            ..self
        }
    }

    /// Its footer entry is left out while a row on the card is selected.
    const fn spare(self) -> Binding {
        let Some(f) = self.footer else { return self };
        Binding {
            footer: Some(Footer { spare: true, ..f }),
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
use Scope::{
    Agenda, Always, Checklist, Confirm, Contact, Customer, Customers, Everywhere, Filter, FollowUp, Form,
    Help, Input, Lines, Moment, Note, OneLine, Person, Pick, Row, Search, SearchHits, Snooze, Text, Trigger,
    Week,
};

// One binding per line reads as a table; rustfmt would spread each over seven lines.
#[rustfmt::skip]
pub const BINDINGS: &[Binding] = &[
    // The one place Ctrl-C is handled: it quits whatever has the keys.
    bind(Always, &[ctrl(Char('c'))], "Ctrl-C", Action::Quit, "quit from anywhere"),

    // The screens. Screen-specific bindings come first: they win over the general ones.
    bind(Customers, &[ch('/')], "/", Action::Filter, "filter: words, #tag or #archived").footer("filter"),
    bind(Customers, &[ch('o')], "o", Action::CycleSort, "sort: contact/urgency/name/value").footer("sort"),
    bind(Customers, &[key(Enter)], "Enter", Action::Open, "open the customer").footer("open"),
    bind(Agenda, &[key(Enter)], "Enter", Action::Open, "open the item's customer").footer("open"),
    bind(Week, &[key(Enter)], "Enter", Action::Open, "open the item's customer").footer("open"),
    bind(Week, &[ch('x')], "x", Action::ExportWeek, "export: md csv ics json todo.txt").footer("export"),
    bind(Week, &[ch('[')], "[", Action::PreviousWeek, "the week before"),
    bind(Week, &[ch(']')], "]", Action::NextWeek, "the week after"),
    bind(Everywhere, &[ch('l')], "l", Action::LogContact, "log a contact (quick-log line)").footer("log").spare(),
    bind(Agenda, &[ch('d')], "d", Action::Done, "mark the follow-up done").footer("done"),
    bind(FollowUp, &[ch('d')], "d", Action::Done, "mark the selected follow-up done").footer("done"),
    bind(Agenda, &[ch('s')], "s", Action::Snooze, "snooze the follow-up or nudge").footer("snooze"),
    bind(FollowUp, &[ch('s')], "s", Action::Snooze, "snooze the selected follow-up").footer("snooze"),
    bind(Moment, &[ch('c')], "c", Action::CloseMoment, "close it: won, lost, passed").footer("close"),
    bind(Moment, &[ch('s')], "s", Action::Snooze, "snooze its nudge until a day"),
    bind(Trigger, &[ch('r')], "r", Action::ResolveTrigger, "resolve the trigger").footer("resolve"),
    bind(Contact, &[key(Enter)], "Enter", Action::ReadNote, "read the full note").footer("read"),
    bind(Trigger, &[ch('s')], "s", Action::Snooze, "snooze its nudge until a day"),
    bind(Person, &[ch('y')], "y", Action::Copy, "copy their e-mail/phone (then e/p)").footer("copy"),
    bind(Person, &[ch('O')], "O", Action::OpenWith, "mail or call them (then e/p)").footer("open"),
    bind(Person, &[ch('L')], "L", Action::MarkLeft, "mark them as left (asks where to)").footer("left"),
    bind(Person, &[key(Esc)], "Esc", Action::Back, "unselect (y/O: the customer)"),
    bind(Row, &[ch('e')], "e", Action::EditSelected, "edit the selected row").footer("edit"),
    bind(Agenda, &[ch('e')], "e", Action::EditSelected, "edit the follow-up, or customer"),
    bind(Week, &[ch('e')], "e", Action::EditSelected, "edit the follow-up, or customer"),
    bind(Row, &[ch('x')], "x", Action::DeleteSelected, "delete the selected row (asks y/n)").footer("delete"),
    bind(Row, &[key(Esc)], "Esc", Action::Back, "unselect (e edits the customer)"),
    bind(Customer, &[ch(']')], "]", Action::NextList, "select a row in the next list").footer_as("[ ]", "list"),
    bind(Customer, &[ch('[')], "[", Action::PreviousList, "select a row in the list before").footer_as("[ ]", "list"),
    bind(Customer, &[ch('e')], "e", Action::EditSelected, "edit the customer").footer("edit"),
    bind(Customer, &[ch('L')], "L", Action::MarkLeft, "mark a person as left"),
    bind(Everywhere, &[ch('f')], "f", Action::AddFollowUp, "add a follow-up").footer("follow-up").spare(),
    bind(Everywhere, &[ch('m')], "m", Action::AddMoment, "plan a decision moment"),
    bind(Everywhere, &[ch('t')], "t", Action::AddTrigger, "note a switching trigger"),
    bind(Everywhere, &[ch('b')], "b", Action::AddBalance, "record a give or an ask"),
    bind(Everywhere, &[ch('$')], "$", Action::AddOrder, "record an order (a sale)"),
    bind(Everywhere, &[ch('a')], "a", Action::AddCustomer, "add a customer"),
    bind(Everywhere, &[ch('e')], "e", Action::EditSelected, "edit the customer"),
    bind(Everywhere, &[ch('A')], "A", Action::ToggleArchive, "archive / unarchive the customer"),
    bind(Everywhere, &[ch('P')], "P", Action::Pause, "pause the customer / end it"),
    bind(Everywhere, &[ch('M')], "M", Action::MergeCustomer, "merge in a duplicate"),
    bind(Everywhere, &[ch('y')], "y", Action::Copy, "copy to the clipboard (then e/p)"),
    bind(Everywhere, &[ch('O')], "O", Action::OpenWith, "open mail/phone app (then e/p)"),
    bind(Everywhere, &[ch('u')], "u", Action::Undo, "undo the last change").footer("undo"),
    bind(Everywhere, &[ch('S')], "S", Action::Search, "search every note").footer("search").spare(),
    // In the footers of the list and the card, after the general keys: where not all fit,
    // these are the ones left out (the help lists them under Everywhere).
    bind(Customers, &[ch('y')], "y", Action::Copy, "copy to the clipboard (then e/p)").footer("copy"),
    bind(Customer, &[ch('y')], "y", Action::Copy, "copy to the clipboard (then e/p)").footer("copy").spare(),
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
    bind(Everywhere, &[key(Esc)], "Esc", Action::Back, "back / clear filter / unselect"),
    bind(Everywhere, &[ch('?')], "?", Action::ToggleHelp, "all keys").footer("keys"),
    bind(Everywhere, &[ch('q')], "q", Action::Quit, "quit").footer("quit"),

    // Typing into the customers filter. `#` types itself, like any character.
    bind(Filter, &[TEXT], "type", Action::Edit(Edit::Type), "match name, company, email").footer("filter"),
    bind(Filter, &[ch('#')], "#tag", Action::Edit(Edit::Type), "narrow by tag: #vip").footer("by tag"),
    // A word of the query, not a key (`#` above types it): here so the footer and help tell of it.
    bind(Filter, &[], "#archived", Action::Edit(Edit::Type), "search the archive instead").footer("archive"),
    bind(Filter, &[key(Down)], "↓", Action::Down, "move down the matches").footer_as("↑↓", "move"),
    bind(Filter, &[key(Up)], "↑", Action::Up, "move up the matches").footer_as("↑↓", "move"),
    bind(Filter, &[key(Enter)], "Enter", Action::KeepFilter, "keep it; keys to the list").footer("keep"),
    bind(Filter, &[key(Esc)], "Esc", Action::ClearFilter, "clear the filter").footer("clear"),
    bind(Filter, &[key(Backspace)], "Bksp", Action::Edit(Edit::DeleteBack), "delete back; empty: close"),
    // The rest of its editing keys are readline's, as in every text (below).

    // The search: words typed as in a prompt; the hits move with ↑↓, or j/k after Tab.
    bind(Search, &[key(Down), ctrl(Char('n'))], "↓/Ctrl-N", Action::Down, "the next hit").footer_as("↑↓", "move"),
    bind(Search, &[key(Up), ctrl(Char('p'))], "↑/Ctrl-P", Action::Up, "the hit before").footer_as("↑↓", "move"),
    bind(Search, &[key(Enter)], "Enter", Action::Open, "open the hit's customer").footer("open"),
    bind(Search, &[key(Tab)], "Tab", Action::NextField, "keys to the hits (j/k)").footer("hits"),
    bind(Search, &[key(Esc)], "Esc", Action::Cancel, "close the search").footer("close"),
    bind(SearchHits, &[ch('j'), key(Down)], "j/↓", Action::Down, "the next hit").footer_as("j/k", "move"),
    bind(SearchHits, &[ch('k'), key(Up)], "k/↑", Action::Up, "the hit before").footer_as("j/k", "move"),
    bind(SearchHits, &[ch('g'), key(Home)], "g", Action::Top, "the first hit"),
    bind(SearchHits, &[ch('G'), key(End)], "G", Action::Bottom, "the last hit"),
    bind(SearchHits, &[key(Enter)], "Enter", Action::Open, "open the hit's customer").footer("open"),
    bind(SearchHits, &[key(Tab), ch('/')], "Tab or /", Action::NextField, "back to the words").footer("words"),
    bind(SearchHits, &[key(Esc), ch('q')], "Esc or q", Action::Cancel, "close the search").footer("close"),

    // A contact's full note: it scrolls, and closes.
    bind(Note, &[ch('j'), key(Down)], "j/↓", Action::Down, "scroll down").footer_as("j/k", "scroll"),
    bind(Note, &[ch('k'), key(Up)], "k/↑", Action::Up, "scroll up").footer_as("j/k", "scroll"),
    bind(Note, &[key(PageDown)], "PgDn", Action::PageDown, "a page down"),
    bind(Note, &[key(PageUp)], "PgUp", Action::PageUp, "a page up"),
    bind(Note, &[ch('g'), key(Home)], "g", Action::Top, "to the start"),
    bind(Note, &[ch('G'), key(End)], "G", Action::Bottom, "to the end"),
    bind(Note, &[key(Esc), ch('q')], "Esc/q", Action::Cancel, "close the note").footer_as("Esc", "close"),
    bind(Note, &[key(Enter)], "Enter", Action::Cancel, "close it too"),

    // Prompts and forms.
    bind(Form, &[key(Tab), key(Down)], "Tab/↓", Action::NextField, "next field").footer_as("Tab", "next field"),
    bind(Form, &[key(BackTab), key(Up)], "Shift-Tab/↑", Action::PreviousField, "previous field"),
    bind(OneLine, &[key(Enter)], "Enter", Action::Submit, "save").footer("save"),
    bind(Lines, &[key(Enter)], "Enter", Action::Edit(Edit::NewLine), "in the notes: a new line").footer("new line"),
    bind(Form, &[ctrl(Char('s'))], "Ctrl-S", Action::Submit, "save, from any field").footer("save"),
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
    bind(Text, &[ctrl(Char('u'))], "Ctrl-U", Action::Edit(Edit::DeleteToStart), "delete to the start"),
    bind(Text, &[ctrl(Char('z'))], "Ctrl-Z", Action::Edit(Edit::Undo), "undo the last edit"),
    bind(Text, &[ctrl(Char('r'))], "Ctrl-R", Action::Edit(Edit::Redo), "redo it"),
    bind(Text, &[ctrl(Char('y'))], "Ctrl-Y", Action::Edit(Edit::Paste), "paste what was deleted"),
    bind(Text, &[ctrl(Char('x'))], "Ctrl-X", Action::Edit(Edit::Cut), "cut a Shift-selection"),

    // The question before a delete: only y deletes.
    bind(Confirm, &[ch('y')], "y", Action::Confirm, "yes: delete it (u undoes)").footer("delete"),
    bind(Confirm, &[TEXT, key(Esc), key(Enter)], "any other", Action::Cancel, "keep it: nothing deleted").footer_as("any other key", "keeps it"),

    // The open follow-ups offered to close after a log: nothing is closed unless checked.
    bind(Checklist, &[ch('j'), key(Down)], "j/↓", Action::Down, "the next follow-up").footer_as("j/k", "move"),
    bind(Checklist, &[ch('k'), key(Up)], "k/↑", Action::Up, "the follow-up before").footer_as("j/k", "move"),
    bind(Checklist, &[ch(' ')], "Space", Action::Toggle, "check it, or uncheck it").footer("check"),
    bind(Checklist, &[key(Enter)], "Enter", Action::Submit, "close the checked ones").footer("close checked"),
    bind(Checklist, &[key(Esc)], "Esc", Action::Cancel, "keep them all open").footer("keep all"),

    // After y (copy) or O (open): which of the customer's ways to reach them.
    bind(Pick, &[ch('e')], "e", Action::ReachEmail, "the e-mail address").footer("e-mail"),
    bind(Pick, &[ch('p')], "p", Action::ReachPhone, "the phone number").footer("phone"),
    bind(Pick, &[key(Esc)], "Esc", Action::Cancel, "neither: nothing done").footer("cancel"),

    // The help.
    bind(Help, &[key(Esc)], "Esc", Action::Cancel, "close the help").footer("close"),
    bind(Help, &[ch('?'), ch('q'), key(Enter)], "? q Enter", Action::Cancel, "close it too"),
    bind(Help, &[key(Tab)], "Tab", Action::NextPage, "the next page of keys").footer("next page"),
];
