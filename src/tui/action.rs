//! Everything a user can do in the terminal app, as data. It knows neither the keys that
//! lead to an action (the keymap) nor what an action does (the app).

/// The screens, in tab order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    Agenda,
    Customers,
    Customer,
    Week,
}

impl Screen {
    pub(crate) const TABS: [Screen; 4] = [Screen::Agenda, Screen::Customers, Screen::Customer, Screen::Week];

    pub(crate) fn title(self) -> &'static str {
        match self {
            Screen::Agenda => "Agenda",
            Screen::Customers => "Customers",
            Screen::Customer => "Customer",
            Screen::Week => "Week",
        }
    }
}

/// What a quick action does with an e-mail address or a phone number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verb {
    /// Puts it on the clipboard.
    Copy,
    /// Opens it with the system's opener.
    Open,
}

/// The lists on the customer card a row can be selected in, in the order `]` visits them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CardList {
    FollowUps,
    /// The buying process: its decision moments.
    Moments,
    /// The contacts.
    Timeline,
    Triggers,
    /// Gives and asks.
    Entries,
    Orders,
    /// The people at the account, when there is more than the main contact. Last, so
    /// that `j` on an unselected card still starts at the follow-ups and `[` goes straight
    /// to the people.
    People,
}

impl CardList {
    pub(crate) const ALL: [CardList; 7] = [
        CardList::FollowUps,
        CardList::Moments,
        CardList::Timeline,
        CardList::Triggers,
        CardList::Entries,
        CardList::Orders,
        CardList::People,
    ];

    pub(crate) fn index(self) -> usize {
        self as usize
    }

    pub(crate) fn title(self) -> &'static str {
        match self {
            CardList::FollowUps => "Open follow-ups",
            CardList::Moments => "Buying process",
            CardList::Timeline => "Timeline",
            CardList::Triggers => "Triggers",
            CardList::Entries => "Gives/asks",
            CardList::Orders => "Orders",
            CardList::People => "People",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Quit,
    Back,
    ToggleHelp,
    NextScreen,
    Show(Screen),
    Down,
    Up,
    Top,
    Bottom,
    PageDown,
    PageUp,
    Open,
    Filter,
    /// Opens the search over every note.
    Search,
    CycleSort,
    LogContact,
    AddFollowUp,
    Done,
    /// Snoozes the follow-up, or the nudge that is no follow-up, until a day.
    Snooze,
    /// Pauses the customer until a day, or ends their pause.
    Pause,
    AddCustomer,
    /// Edits the row selected on the card; with none, the customer.
    EditSelected,
    /// Asks whether to delete the row selected on the card.
    DeleteSelected,
    /// Asks how the decision moment selected on the card went, to close it.
    CloseMoment,
    /// Resolves the switching trigger selected on the card.
    ResolveTrigger,
    /// Opens the full note of the contact selected on the card.
    ReadNote,
    /// The yes to a question (a delete).
    Confirm,
    /// Checks or unchecks the row selected in a checklist.
    Toggle,
    /// Selects a row in the card's next list, or in none after the last.
    NextList,
    PreviousList,
    /// Archives the customer, or brings an archived one back.
    ToggleArchive,
    /// Merges a duplicate into the customer, after saying what it will do.
    MergeCustomer,
    /// Asks who of the card's people left (the selected person: only where to), then
    /// whether to follow them.
    MarkLeft,
    Undo,
    AddMoment,
    AddTrigger,
    AddBalance,
    AddOrder,
    PreviousWeek,
    NextWeek,
    ExportWeek,
    /// Asks which of the customer's (or the selected person's) e-mail address and phone
    /// number to copy.
    Copy,
    /// Asks which of them to open (`mailto:`, `tel:`).
    OpenWith,
    /// The e-mail address, in the question of `Copy` or `OpenWith`.
    ReachEmail,
    /// The phone number, in that question.
    ReachPhone,
    /// Closes the help, a prompt or a form; nothing is saved.
    Cancel,
    /// Saves what a prompt or a form holds.
    Submit,
    /// The snooze prompt's next suggested day.
    Suggest,
    NextField,
    PreviousField,
    /// The help's other page.
    NextPage,
    /// Leaves the filter as typed and gives the keys back to the list.
    KeepFilter,
    ClearFilter,
    /// An edit of the text that has the keys: a prompt, a form's field or the filter.
    Edit(Edit),
}

/// The edits of a line of text, readline's habits as the text input knows them. With Shift
/// held, a move extends the selection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edit {
    /// Inserts the character typed.
    Type,
    Left,
    Right,
    WordLeft,
    WordRight,
    Home,
    End,
    DeleteBack,
    DeleteForward,
    DeleteWordBack,
    DeleteWordForward,
    DeleteToEnd,
    DeleteToStart,
    Undo,
    Redo,
    /// Puts back what was last deleted or cut.
    Paste,
    Cut,
    /// Starts a new line, in a field that takes several.
    NewLine,
}
