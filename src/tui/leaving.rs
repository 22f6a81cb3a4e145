//! `L` on the card: marking a person as left. With a person selected it asks only where
//! they went; else the prompt lists the people still there by number and asks who left
//! (and, after "to", where they went). The mark opens the
//! situational trigger of their leaving. When they went somewhere, it then asks y/n
//! whether to follow them there: a new prospect with them as its first person, or the
//! account of that company in the book. What marking and following do is the use case's
//! (`app::people`).

use super::app::{App, Overlay};
use super::prompt::{Prompt, PromptKind};
use crate::app::people::{self, Destination, Follow, MarkedLeft};
use crate::app::undo::{Undoable as _, journaled};
use crate::app::{Refused, Who};
use crate::domain::text::sanitize;
use crate::store::By;

/// "1 Anna de Boer · 2 Jan Smit": the people a number picks.
pub fn numbered(people: &[(i64, String)]) -> String {
    people
        .iter()
        .enumerate()
        .map(|(i, (_, name))| format!("{} {}", i + 1, sanitize(name)))
        .collect::<Vec<_>>()
        .join(" · ")
}

/// What was typed: the number of who left, and where to ("" when not said):
/// `2`, `2 to Globex`, `2 Globex`.
fn read(text: &str, count: usize) -> Result<(usize, String), String> {
    let text = text.trim();
    let (number, rest) = text.split_once(char::is_whitespace).unwrap_or((text, ""));
    let rest = rest.trim();
    let to = rest.strip_prefix("to ").unwrap_or(rest).trim();
    match number.parse::<usize>() {
        Ok(n) if (1..=count).contains(&n) => Ok((n - 1, to.to_string())),
        _ => Err(format!(
            "type the number of who left (1 to {count}), then where they went if you know: 1 to Globex"
        )),
    }
}

/// Where the person selected went, as typed: `Globex`, `to Globex`, or nothing.
fn read_to(text: &str) -> String {
    let text = text.trim();
    text.strip_prefix("to ").unwrap_or(text).trim().to_string()
}

/// The y/n question after the mark, when they went somewhere.
fn follow_question(done: &MarkedLeft) -> Option<String> {
    let name = sanitize(&done.person.name);
    Some(match done.destination.as_ref()? {
        Destination::New { company } => format!(
            "make {} a new prospect with {name} as its first person",
            sanitize(company)
        ),
        Destination::Existing { customer } => {
            format!("add {name} to {} (in your book)", sanitize(&customer.name))
        }
    })
}

impl App {
    /// `L`: asks who of the card's people left, or with one selected where they went.
    pub(super) fn ask_mark_left(&mut self) -> anyhow::Result<()> {
        let Some((customer_id, name)) = self.target_customer() else {
            self.tell("Open a customer first (2: Customers, Enter).");
            return Ok(());
        };
        let selected = self
            .customer
            .as_ref()
            .filter(|_| self.screen == super::action::Screen::Customer)
            .and_then(|card| card.selected_person())
            .map(|p| (p.id, p.name.clone(), p.left.as_ref().map(|l| l.on)));
        if let Some((id, person, left)) = selected {
            if let Some(on) = left {
                self.tell(format!("{} left on {on} already.", sanitize(&person)));
                return Ok(());
            }
            let kind = PromptKind::Left {
                customer_id,
                name,
                people: vec![(id, person)],
                follow: None,
                picked: true,
            };
            self.prompt(Prompt::new(kind, self.theme));
            return Ok(());
        }
        let (_, all) = people::list(&*self.store, Who::Id(customer_id))?;
        let there: Vec<(i64, String)> = all
            .into_iter()
            .filter(|p| p.left.is_none())
            .map(|p| (p.id, p.name))
            .collect();
        if there.is_empty() {
            self.tell(format!("No one at {} is there any more.", sanitize(&name)));
            return Ok(());
        }
        let kind = PromptKind::Left {
            customer_id,
            name,
            people: there,
            follow: None,
            picked: false,
        };
        self.prompt(Prompt::new(kind, self.theme));
        Ok(())
    }

    /// Enter in the prompt after `L` (`kind`): who left (`follow` is `None`; `picked`: the
    /// one in `people`, and where to), or whether to follow them. A refusal stays on the
    /// prompt.
    pub(super) fn submit_left(&mut self, kind: &PromptKind, text: &str) -> anyhow::Result<()> {
        let PromptKind::Left {
            people,
            follow,
            picked,
            ..
        } = kind
        else {
            return Ok(());
        };
        let (picked, follow) = (*picked, follow.as_ref().map(|(id, _)| *id));
        let now = self.now;
        let typed = if picked {
            Ok((0, read_to(text)))
        } else {
            read(text, people.len())
        };
        let outcome = match follow {
            None => {
                match typed.and_then(|(i, to)| people.get(i).map(|p| (p.0, to)).ok_or_else(String::new)) {
                    Ok((id, to)) => journaled(&mut *self.store, now, By::Tui, |s| {
                        people::mark_left(s, id, None, &to, Follow::No, &now)
                    }),
                    Err(plan) => Err(Refused::Plan(plan).into()),
                }
            }
            Some(id) => match text.trim().to_lowercase().as_str() {
                "y" | "yes" => journaled(&mut *self.store, now, By::Tui, |s| {
                    people::mark_left(s, id, None, "", Follow::Yes, &now)
                }),
                "n" | "no" => {
                    self.overlay = None;
                    self.tell("Not followed; the mark stands (u undoes it).");
                    return Ok(());
                }
                _ => {
                    Err(Refused::Plan("type y to follow them there, or n (or Esc) not to".to_string()).into())
                }
            },
        };
        match super::outcomes::refused(outcome)? {
            Ok(done) => {
                let name = sanitize(&done.person.name).into_owned();
                let said = match &done.followed {
                    Some((to, _)) => format!("Followed {name} to {} — u undoes", sanitize(&to.name)),
                    None => format!(
                        "Recorded that {name} left; a trigger nudges until you contact someone else there — u undoes"
                    ),
                };
                let question = if done.marked { follow_question(&done) } else { None };
                self.overlay = None;
                if let Some(change) = done.journaled().map(|j| j.change) {
                    self.committed(&change, said)?;
                }
                if let Some(question) = question {
                    let mut prompt = Prompt::new(
                        PromptKind::Left {
                            customer_id: done.customer.id,
                            name: done.customer.name.clone(),
                            people: Vec::new(),
                            follow: Some((done.person.id, question)),
                            picked: false,
                        },
                        self.theme,
                    );
                    prompt
                        .input
                        .set_placeholder_text("y to follow them there, n not to");
                    self.prompt(prompt);
                }
                Ok(())
            }
            Err(refused) => {
                if let Some(Overlay::Prompt(prompt)) = &mut self.overlay {
                    prompt.error = Some((refused, 0..text.len()));
                }
                Ok(())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::read;

    #[test]
    fn who_left_is_a_number_then_where_to() {
        assert_eq!(read("2", 3), Ok((1, String::new())));
        assert_eq!(read(" 1 to Globex BV ", 3), Ok((0, "Globex BV".to_string())));
        assert_eq!(read("1 Globex", 3), Ok((0, "Globex".to_string())));
        assert!(read("4", 3).unwrap_err().contains("1 to 3"));
        assert!(read("anna", 3).is_err());
    }

    #[test]
    fn where_the_selected_person_went_is_all_that_is_typed() {
        assert_eq!(super::read_to(" to Globex BV "), "Globex BV");
        assert_eq!(super::read_to("Globex"), "Globex");
        assert_eq!(super::read_to(""), "");
    }
}
