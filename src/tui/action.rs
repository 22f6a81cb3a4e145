//! Everything a user can do in the terminal app, as data.

/// The screens, in tab order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    Agenda,
    Customers,
    Customer,
    Week,
}

impl Screen {
    pub const TABS: [Screen; 4] = [Screen::Agenda, Screen::Customers, Screen::Customer, Screen::Week];

    pub fn title(self) -> &'static str {
        match self {
            Screen::Agenda => "Agenda",
            Screen::Customers => "Customers",
            Screen::Customer => "Customer",
            Screen::Week => "Week",
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
    CycleSort,
    LogContact,
    AddFollowUp,
    Done,
    Snooze,
    AddCustomer,
    EditCustomer,
    Undo,
    AddMoment,
    AddTrigger,
    AddBalance,
    AddOrder,
    PreviousWeek,
    NextWeek,
    ExportWeek,
}
