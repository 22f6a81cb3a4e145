//! The app: state per screen, and `update`, which turns one action into at most one store
//! transaction and a refreshed state. Rendering only ever borrows this.

use crossterm::event::KeyEvent;

use super::action::{Action, Screen, Verb};
use super::agenda::AgendaView;
use super::checklist::Checklist;
use super::customer::{CustomerView, Selected};
use super::customers::CustomersView;
use super::filter::Filter;
use super::form::Form;
use super::help::HelpView;
use super::note::NoteView;
use super::preload::Preload;
use super::prompt::{Prompt, PromptKind};
use super::reach::Pick;
use super::records::Confirm;
use super::search::SearchView;
use super::theme::{Look, Theme};
use super::week::WeekView;
use crate::app::urgency::ranked_ids;
use crate::clock::Now;
use crate::config::Config;
use crate::deliver::clipboard::Host;
use crate::deliver::opener::{Spawn, System};
use crate::domain::nudge::Nudge;
use crate::domain::reach::Means;
use crate::export;
use crate::store::Book;

pub enum Overlay {
    Help(Box<HelpView>),
    Prompt(Box<Prompt>),
    Form(Box<Form>),
    Search(Box<SearchView>),
    /// A contact's full note.
    Note(Box<NoteView>),
    /// A yes-or-no question in the footer.
    Confirm(Box<Confirm>),
    /// The open follow-ups to close after a log.
    Checklist(Box<Checklist>),
    /// Which of the e-mail address and phone number to copy or open.
    Pick(Box<Pick>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub tone: Tone,
}

/// What the status line says, each with its own mark and colour (so they differ under
/// `NO_COLOR` too): something done, a pointer on what to do, or a refusal or error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Done,
    Info,
    Refused,
}

pub struct App {
    pub store: Box<dyn Book>,
    pub now: Now,
    pub config: Config,
    /// Read from `NO_COLOR` once; every view and overlay gets a copy when it is made.
    pub(super) theme: Theme,
    pub screen: Screen,
    /// The screen the card was opened from, which Esc on it goes back to.
    pub came_from: Screen,
    pub agenda: AgendaView,
    /// Loaded the first time the screen is shown: the agenda alone decides the first frame.
    pub customers: Option<CustomersView>,
    pub customer: Option<CustomerView>,
    /// Loaded the first time the Week screen is shown.
    pub week: Option<WeekView>,
    pub overlay: Option<Overlay>,
    pub status: Option<Status>,
    /// Whether the status line has said that the book holds damaged values.
    damage_told: bool,
    /// Rows the customers table can show, from the terminal size.
    pub list_height: usize,
    /// The filter being built in the background, for the first `/`.
    pub preload: Preload<Filter>,
    /// The book ranked by urgency in the background, for the first `o` to urgency.
    pub ranking: Preload<Vec<i64>>,
    /// Whether to prepare things in the background (the terminal app does; tests opt in).
    background: bool,
    /// Where the time is read at each action, when not the system clock (`live.rs`).
    pub(super) clock: Option<super::live::Clock>,
    pub quit: bool,
    /// Whether the book is kept; a throwaway demo book's screen says it goes on quit.
    pub book: BookKind,
    /// What starts the system's opener for `mailto:` and `tel:` (a test puts its own).
    pub opener: Box<dyn Spawn>,
    /// Whether the app runs inside tmux (`$TMUX`, read once), whose clipboard escape differs.
    pub host: Host,
    /// Bytes for the terminal besides the frames (the clipboard's escape), until the loop
    /// writes them.
    pub(super) terminal_output: String,
}

/// The user's own book, or one made for `--demo` and thrown away on quit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BookKind {
    Own,
    Demo,
}

impl App {
    pub fn new(store: Box<dyn Book>, now: Now, config: Config) -> anyhow::Result<App> {
        let theme = Theme::from_env();
        let agenda = AgendaView::load(&*store, Look { theme, now }, &config)?;
        let mut app = App {
            store,
            now,
            config,
            theme,
            screen: Screen::Agenda,
            came_from: Screen::Customers,
            agenda,
            customers: None,
            customer: None,
            week: None,
            overlay: None,
            status: None,
            list_height: 20,
            preload: Preload::default(),
            ranking: Preload::default(),
            background: false,
            clock: None,
            quit: false,
            book: BookKind::Own,
            damage_told: false,
            opener: Box::new(System),
            host: Host::from_env(),
            terminal_output: String::new(),
        };
        app.tell_damage();
        Ok(app)
    }

    /// Says on the status line, once a session, that the book holds a value the screens
    /// show a stand-in for (the CLI says it on stderr).
    fn tell_damage(&mut self) {
        let damage = self.store.take_damage();
        let Some(first) = damage.first() else { return };
        if self.damage_told || self.status.as_ref().is_some_and(|s| s.tone == Tone::Refused) {
            return;
        }
        self.damage_told = true;
        let more = match damage.len() {
            1 => String::new(),
            n => format!(" (and {} more)", n - 1),
        };
        self.status = Some(Status {
            text: format!("{first}{more} — run `touchbase check --repair`"),
            tone: Tone::Refused,
        });
    }

    /// How the views are drawn now.
    pub(crate) fn look(&self) -> Look {
        Look {
            theme: self.theme,
            now: self.now,
        }
    }

    /// Starts building the customers filter on a second connection, so that the first `/`
    /// finds it ready; and from now on ranks the book by urgency in the background when
    /// the customers screen is first shown.
    pub fn prepare_in_background(&mut self) {
        self.background = true;
        self.preload = Preload::start(self.store.reopen(), Filter::of_book);
    }

    fn prepare_ranking(&mut self) {
        if self.background && !self.ranking.pending() {
            let (now, config) = (self.now, self.config.clone());
            self.ranking = Preload::start(self.store.reopen(), move |store| ranked_ids(store, now, &config));
        }
    }

    /// Handles a key press. Errors end up on the status line: the app never stops on one.
    pub fn on_key(&mut self, key: KeyEvent) {
        // What the key does happens now, not when the clock last ticked.
        if let Err(e) = self.catch_up_with_clock().and_then(|()| self.route_key(key)) {
            self.fail(&e);
        }
        self.tell_damage();
    }

    pub(crate) fn fail(&mut self, e: &anyhow::Error) {
        self.refuse(format!("{e:#}"));
    }

    /// Actions that would only say there is nothing to do on the selected row: the footer
    /// leaves them out (the key still says so, if pressed).
    pub(crate) fn idle_keys(&self) -> Vec<Action> {
        if let Some(Overlay::Pick(pick)) = &self.overlay {
            return pick
                .missing()
                .map(|m| match m {
                    Means::Email => Action::ReachEmail,
                    Means::Phone => Action::ReachPhone,
                })
                .collect();
        }
        match self.customer.as_ref().and_then(CustomerView::selected) {
            Some(Selected::Moment(m)) if m.status != crate::domain::moment::MomentStatus::Upcoming => {
                vec![Action::CloseMoment]
            }
            Some(Selected::Trigger(t)) if t.resolved_at.is_some() => vec![Action::ResolveTrigger],
            // No form for a person in the terminal app: `e` only says how to edit them.
            Some(Selected::Person(p)) if p.left.is_some() => vec![Action::EditSelected, Action::MarkLeft],
            Some(Selected::Person(_)) => vec![Action::EditSelected],
            _ => Vec::new(),
        }
    }

    /// Says what was done.
    pub(super) fn say(&mut self, text: impl Into<String>) {
        self.status = Some(Status {
            text: text.into(),
            tone: Tone::Done,
        });
    }

    /// Says what to do, or that there was nothing to do: no change, no error.
    pub(super) fn tell(&mut self, text: impl Into<String>) {
        self.status = Some(Status {
            text: text.into(),
            tone: Tone::Info,
        });
    }

    /// Says why something was not done.
    pub(super) fn refuse(&mut self, text: impl Into<String>) {
        self.status = Some(Status {
            text: text.into(),
            tone: Tone::Refused,
        });
    }

    /// Does what `action` says; `key` is the key that asked for it (an edit inserts the
    /// character typed).
    pub(crate) fn update(&mut self, action: Action, key: KeyEvent) -> anyhow::Result<()> {
        // The search has its own moves and Enter.
        if matches!(self.overlay, Some(Overlay::Search(_))) {
            return self.update_search(action, key);
        }
        if matches!(self.overlay, Some(Overlay::Note(_))) {
            self.update_note(action);
            return Ok(());
        }
        if let Some(Overlay::Checklist(list)) = &mut self.overlay {
            match action {
                Action::Down => list.move_by(1),
                Action::Up => list.move_by(-1),
                Action::Toggle => list.toggle(),
                Action::Submit => self.close_checked()?,
                Action::Cancel => self.overlay = None,
                Action::Quit => self.quit = true,
                _ => {}
            }
            return Ok(());
        }
        self.update_screen(action, key)
    }

    fn update_screen(&mut self, action: Action, key: KeyEvent) -> anyhow::Result<()> {
        match action {
            Action::Quit => self.quit = true,
            Action::Back => self.back()?,
            Action::ToggleHelp => self.overlay = Some(Overlay::Help(Box::new(HelpView::new(self.theme)))),
            Action::NextScreen => {
                let i = Screen::TABS.iter().position(|s| *s == self.screen).unwrap_or(0);
                self.show(Screen::TABS[(i + 1) % Screen::TABS.len()])?;
            }
            Action::Show(screen) => self.show(screen)?,
            Action::Down => self.move_by(1)?,
            Action::Up => self.move_by(-1)?,
            Action::PageDown => self.move_by(self.page() as i64)?,
            Action::PageUp => self.move_by(-(self.page() as i64))?,
            Action::Top => self.move_by(i64::MIN / 2)?,
            Action::Bottom => self.move_by(i64::MAX / 2)?,
            Action::Open => self.open()?,
            Action::Filter => self.start_filter()?,
            Action::Search => self.overlay = Some(Overlay::Search(Box::new(SearchView::new(self.look())))),
            Action::CycleSort => self.cycle_sort()?,
            Action::LogContact => {
                self.ask_for_customer(|customer_id, name| PromptKind::QuickLog { customer_id, name });
            }
            Action::AddFollowUp => {
                self.ask_for_customer(|customer_id, name| PromptKind::FollowUp { customer_id, name });
            }
            Action::Done => self.done()?,
            Action::Snooze => self.snooze(),
            Action::Pause => self.pause()?,
            Action::AddCustomer => self.form(Form::add_customer(self.theme)),
            Action::EditSelected => self.edit_selected()?,
            Action::DeleteSelected => self.ask_delete(),
            Action::CloseMoment => self.ask_close_moment()?,
            Action::ResolveTrigger => self.ask_resolve_trigger()?,
            Action::ReadNote => self.read_note(),
            Action::NextList => self.focus_list(true),
            Action::PreviousList => self.focus_list(false),
            Action::ToggleArchive => self.toggle_archive()?,
            Action::MergeCustomer => self.ask_for_customer(|customer_id, name| PromptKind::Merge {
                customer_id,
                name,
                other: None,
            }),
            Action::MarkLeft => self.ask_mark_left()?,
            Action::Undo => self.undo_last()?,
            Action::AddMoment => match self.target_customer() {
                Some((id, name)) => self.form(Form::moment(id, name, self.theme)),
                None => self.tell("Select a customer first (2: Customers)."),
            },
            Action::AddTrigger => {
                self.ask_for_customer(|customer_id, name| PromptKind::Trigger { customer_id, name });
            }
            Action::AddBalance => {
                self.ask_for_customer(|customer_id, name| PromptKind::Balance { customer_id, name });
            }
            Action::AddOrder => {
                self.ask_for_customer(|customer_id, name| PromptKind::Order { customer_id, name });
            }
            Action::PreviousWeek | Action::NextWeek => {
                let weeks = if action == Action::NextWeek { 1 } else { -1 };
                if let Some(week) = self.week.as_mut() {
                    week.shift(&*self.store, self.now, &self.config, weeks)?;
                }
            }
            Action::ExportWeek => self.ask_export_week(),
            Action::Copy => self.ask_reach(Verb::Copy)?,
            Action::OpenWith => self.ask_reach(Verb::Open)?,
            Action::ReachEmail => self.reach(Means::Email),
            Action::ReachPhone => self.reach(Means::Phone),
            Action::Cancel
            | Action::Toggle
            | Action::Confirm
            | Action::Submit
            | Action::Suggest
            | Action::NextField
            | Action::PreviousField
            | Action::NextPage
            | Action::KeepFilter
            | Action::ClearFilter
            | Action::Edit(_) => self.update_input(action, key)?,
        }
        Ok(())
    }

    fn start_filter(&mut self) -> anyhow::Result<()> {
        if let Some(view) = self.customers.as_mut() {
            view.start_filter(&*self.store, &mut self.preload)?;
        }
        Ok(())
    }

    /// The Customers list in its next order; urgency is ranked once, when first asked for.
    fn cycle_sort(&mut self) -> anyhow::Result<()> {
        if let Some(view) = self.customers.as_mut() {
            let (store, now, config) = (&*self.store, self.now, &self.config);
            let ranking = &mut self.ranking;
            view.cycle_sort(store, || match ranking.take() {
                Some(ids) => Ok(ids),
                None => ranked_ids(store, now, config),
            })?;
        }
        Ok(())
    }

    /// Asks where to write the week shown, offering the file name of its Markdown export.
    fn ask_export_week(&mut self) {
        if let Some(week) = &self.week {
            let file = export::default_file_name(&week.plan, export::WeekFormat::Md);
            let mut prompt = Prompt::new(PromptKind::Export, self.theme);
            prompt.input = ratatui_textarea::TextArea::new(vec![file.display().to_string()]);
            prompt.input.move_cursor(ratatui_textarea::CursorMove::End);
            self.prompt(prompt);
        }
    }

    fn back(&mut self) -> anyhow::Result<()> {
        match self.screen {
            Screen::Customers => {
                if let Some(view) = self.customers.as_mut().filter(|v| v.filter.is_some()) {
                    view.clear_filter(&*self.store)?;
                } else {
                    self.show(Screen::Agenda)?;
                }
            }
            Screen::Customer => match self.customer.as_mut().filter(|c| c.focus.is_some()) {
                Some(card) => card.unfocus(),
                // Back where it was opened from, its selection as it was.
                None => self.show(self.came_from)?,
            },
            Screen::Week => self.show(Screen::Agenda)?,
            Screen::Agenda => {}
        }
        Ok(())
    }

    /// The card is shown, opened from `screen`.
    pub(crate) fn opened_from(&mut self, screen: Screen) {
        if screen != Screen::Customer {
            self.came_from = screen;
        }
        self.screen = Screen::Customer;
    }

    pub(crate) fn show(&mut self, screen: Screen) -> anyhow::Result<()> {
        if screen == Screen::Customers && self.customers.is_none() {
            let look = self.look();
            self.customers = Some(CustomersView::load(
                &*self.store,
                self.list_height,
                look,
                &self.config,
            )?);
            self.prepare_ranking();
        }
        if screen == Screen::Week && self.week.is_none() {
            self.week = Some(WeekView::load(&*self.store, self.look(), &self.config, None)?);
        }
        self.screen = screen;
        Ok(())
    }

    /// Remembers how many table rows fit, and refills the window if that changed.
    pub fn resize(&mut self, list_height: usize) -> anyhow::Result<()> {
        self.list_height = list_height.max(1);
        if let Some(view) = self.customers.as_mut() {
            view.resize(&*self.store, self.list_height)?;
        }
        Ok(())
    }

    fn move_by(&mut self, delta: i64) -> anyhow::Result<()> {
        let step = |from: usize| from.saturating_add_signed(delta as isize);
        match self.screen {
            Screen::Agenda => self.agenda.select(step(self.agenda.selected)),
            Screen::Customers => {
                if let Some(view) = self.customers.as_mut() {
                    view.select(&*self.store, step(view.selected))?;
                }
            }
            Screen::Customer => {
                if let Some(customer) = self.customer.as_mut() {
                    customer.move_by(&*self.store, delta)?;
                }
            }
            Screen::Week => {
                if let Some(week) = self.week.as_mut() {
                    week.select(step(week.selected));
                }
            }
        }
        Ok(())
    }

    /// How far PgDn and PgUp move: a screen of the table, or of the card's list.
    fn page(&self) -> usize {
        match (self.screen, &self.customer) {
            (Screen::Customer, Some(card)) => card.page(),
            _ => self.list_height,
        }
    }

    fn open(&mut self) -> anyhow::Result<()> {
        if let Some((id, _)) = self.target_customer() {
            self.customer = Some(CustomerView::load(&*self.store, id, self.look(), &self.config)?);
            self.opened_from(self.screen);
        }
        Ok(())
    }

    /// The customer an action on this screen is about, with their name.
    pub(crate) fn target_customer(&self) -> Option<(i64, String)> {
        match self.screen {
            Screen::Agenda => self
                .agenda
                .selected()
                .map(|item| (item.customer_id(), item.customer_name().to_string())),
            Screen::Customers => self
                .customers
                .as_ref()?
                .selected_row()
                .map(|r| (r.customer.id, r.customer.name.clone())),
            Screen::Customer => self
                .customer
                .as_ref()
                .map(|c| (c.customer.id, c.customer.name.clone())),
            Screen::Week => self
                .week
                .as_ref()?
                .selected_item()
                .map(|i| (i.customer_id, i.customer.clone())),
        }
    }

    /// The follow-up `d`/`s` act on: the agenda's selected item or the card's selection.
    fn selected_follow_up(&self) -> Option<(i64, String)> {
        match self.screen {
            Screen::Agenda => {
                let n = self.agenda.selected_nudge()?;
                let id = n.follow_up_id?;
                let text = self.store.follow_up(id).ok()??.text;
                Some((id, text))
            }
            Screen::Customer => self
                .customer
                .as_ref()?
                .selected_follow_up()
                .map(|f| (f.id, f.text.clone())),
            Screen::Week => {
                let item = self.week.as_ref()?.selected_item()?;
                Some((item.follow_up_id?, item.action.clone()))
            }
            Screen::Customers => None,
        }
    }

    /// `s`: the snooze prompt for the selected follow-up, or for the agenda's nudge.
    fn snooze(&mut self) {
        match self.selected_follow_up() {
            Some((follow_up_id, text)) => {
                self.prompt(Prompt::new(PromptKind::Snooze { follow_up_id, text }, self.theme));
            }
            None => match self.selected_other_nudge() {
                Some(kind) => self.prompt(Prompt::new(kind, self.theme)),
                None => self.tell("Select a follow-up or a nudge to snooze."),
            },
        }
    }

    /// The snooze prompt for the agenda's selected nudge when it is no follow-up's, or for
    /// the nudge of the moment or trigger selected on the card.
    fn selected_other_nudge(&self) -> Option<PromptKind> {
        let n = match self.screen {
            Screen::Agenda => self
                .agenda
                .selected_nudge()
                .filter(|n| n.follow_up_id.is_none())?,
            Screen::Customer => {
                let card = self.customer.as_ref()?;
                let about = |n: &&Nudge| match card.selected() {
                    Some(Selected::Moment(m)) => n.moment_id == Some(m.id),
                    Some(Selected::Trigger(t)) => n.trigger_id == Some(t.id),
                    _ => false,
                };
                card.why.iter().find(about)?
            }
            Screen::Customers | Screen::Week => return None,
        };
        Some(PromptKind::SnoozeNudge {
            customer_id: n.customer_id,
            name: n.customer.clone(),
            kind: n.kind,
            subject: n.subject(),
        })
    }

    fn ask_for_customer(&mut self, kind: impl FnOnce(i64, String) -> PromptKind) {
        match self.target_customer() {
            Some((id, name)) => self.prompt(Prompt::new(kind(id, name), self.theme)),
            None => self.tell("Select a customer first (2: Customers)."),
        }
    }

    /// Gives the keys to `prompt`.
    pub(super) fn prompt(&mut self, prompt: Prompt) {
        self.overlay = Some(Overlay::Prompt(Box::new(prompt)));
    }

    /// Gives the keys to `form`.
    pub(super) fn form(&mut self, form: Form) {
        self.overlay = Some(Overlay::Form(Box::new(form)));
    }

    /// Re-reads every view after a change, so the screen never shows stale data.
    pub(super) fn refresh(&mut self) -> anyhow::Result<()> {
        self.refresh_views(true)
    }

    /// Re-reads every view; the filter's in-memory index of names, companies, emails and
    /// tags only when `index_changed` (rebuilding it costs most on a large book).
    pub(super) fn refresh_views(&mut self, index_changed: bool) -> anyhow::Result<()> {
        self.agenda.reload(&*self.store, self.now, &self.config)?;
        if index_changed {
            self.preload.discard();
        }
        // Any change can change who is most urgent.
        self.ranking.discard();
        if let Some(view) = self.customers.as_mut() {
            let (store, now, config) = (&*self.store, self.now, &self.config);
            view.rerank(|| ranked_ids(store, now, config))?;
            if view.filter.is_some() && index_changed {
                // The query as typed stays in the input while the fresh index replaces
                // the filter.
                view.filter = Some(Filter::of_book(&*self.store)?);
                view.filter_typed(&*self.store)?;
            }
            view.reload(&*self.store)?;
        }
        if let Some(week) = self.week.as_mut() {
            week.reload(&*self.store, self.now, &self.config)?;
        }
        if let Some(customer) = &self.customer {
            self.customer = customer.reload(&*self.store, self.now, &self.config)?;
            if self.customer.is_none() && self.screen == Screen::Customer {
                self.screen = Screen::Customers;
            }
        }
        Ok(())
    }
}
