//! A key press, routed: what has the keys (the mode), the action the keymap gives the key
//! there, and the edits that the prompt, the form's fields and the filter take. It binds
//! no key itself: every binding is in the keymap table.

use crossterm::event::KeyEvent;

use super::action::{Action, Edit, Screen};
use super::app::{App, Overlay};
use super::keymap::{self, Mode};
use super::prompt::PromptKind;
use super::text;

impl App {
    /// What has the keys now.
    pub fn mode(&self) -> Mode {
        match &self.overlay {
            Some(Overlay::Help(_)) => Mode::Help,
            Some(Overlay::Prompt(p)) if matches!(p.kind, PromptKind::Snooze { .. }) => Mode::Snooze,
            Some(Overlay::Prompt(_)) => Mode::Prompt,
            Some(Overlay::Form(f)) if f.on_lines() => Mode::Lines,
            Some(Overlay::Form(_)) => Mode::Form,
            Some(Overlay::Search(s)) if s.on_hits => Mode::SearchHits,
            Some(Overlay::Search(_)) => Mode::Search,
            Some(Overlay::Confirm(_)) => Mode::Confirm,
            Some(Overlay::Note(_)) => Mode::Note,
            Some(Overlay::Checklist(_)) => Mode::Checklist,
            Some(Overlay::Pick(p)) => Mode::Pick(p.verb),
            None if self.screen == Screen::Customers && self.customers.as_ref().is_some_and(|c| c.typing) => {
                Mode::Filter
            }
            None => match self.customer.as_ref().and_then(|c| c.focus) {
                Some(list) if self.screen == Screen::Customer => Mode::Card(list),
                _ => Mode::Screen(self.screen),
            },
        }
    }

    pub(super) fn route_key(&mut self, key: KeyEvent) -> anyhow::Result<()> {
        let mode = self.mode();
        let action = match keymap::action_for(mode, key) {
            Some(action) => action,
            // Any key the question does not name keeps the record.
            None if mode == Mode::Confirm => Action::Cancel,
            None => return Ok(()),
        };
        if mode.on_screen() {
            // A new command on a screen: the last one's message has been read.
            self.status = None;
        }
        self.update(action, key)
    }

    /// An edit of the text that has the keys; `key` is the one that asked for it.
    fn edit(&mut self, edit: Edit, key: KeyEvent) -> anyhow::Result<()> {
        match &mut self.overlay {
            Some(Overlay::Prompt(prompt)) => {
                if text::apply(&mut prompt.input, edit, key) {
                    prompt.error = None;
                }
            }
            Some(Overlay::Form(form)) => {
                let focus = form.focus;
                if text::apply(&mut form.fields[focus], edit, key) {
                    form.error = None;
                }
            }
            Some(
                Overlay::Help(_)
                | Overlay::Search(_)
                | Overlay::Confirm(_)
                | Overlay::Note(_)
                | Overlay::Checklist(_)
                | Overlay::Pick(_),
            ) => {}
            None => self.edit_filter(edit, key)?,
        }
        Ok(())
    }

    /// The filter is edited as a prompt is; Backspace on an empty one closes it.
    fn edit_filter(&mut self, edit: Edit, key: KeyEvent) -> anyhow::Result<()> {
        let Some(view) = self.customers.as_mut() else {
            return Ok(());
        };
        let empty = view.input.lines().iter().all(String::is_empty);
        if edit == Edit::DeleteBack && empty {
            view.clear_filter(&*self.store)
        } else if text::apply(&mut view.input, edit, key) {
            view.filter_typed(&*self.store)
        } else {
            Ok(())
        }
    }

    /// The actions of what has the keys over a screen: the help, a prompt, a form or the
    /// filter. `key` is the one that asked for the action.
    pub(super) fn update_input(&mut self, action: Action, key: KeyEvent) -> anyhow::Result<()> {
        match (action, &mut self.overlay) {
            (Action::Edit(edit), _) => self.edit(edit, key)?,
            (Action::KeepFilter, None) => {
                if let Some(view) = self.customers.as_mut() {
                    view.typing = false;
                }
            }
            (Action::ClearFilter, None) => {
                if let Some(view) = self.customers.as_mut() {
                    view.clear_filter(&*self.store)?;
                }
            }
            (Action::Cancel, Some(Overlay::Confirm(_))) => self.keep(),
            (Action::Confirm, Some(Overlay::Confirm(_))) => self.confirm_delete()?,
            (Action::Cancel, _) => self.overlay = None,
            (Action::Submit, Some(Overlay::Prompt(_))) => self.submit_prompt()?,
            (Action::Submit, Some(Overlay::Form(_))) => self.submit_form()?,
            (Action::Suggest, Some(Overlay::Prompt(prompt))) => {
                prompt.next_suggestion(self.now.today(), self.config.week.workdays);
            }
            (Action::NextField, Some(Overlay::Form(form))) => form.next(),
            (Action::PreviousField, Some(Overlay::Form(form))) => form.prev(),
            (Action::NextPage, Some(Overlay::Help(help))) => help.next_page(),
            _ => {}
        }
        Ok(())
    }
}
