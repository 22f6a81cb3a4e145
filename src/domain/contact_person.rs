//! Whom to contact about something at an account: the person a week item, a quick action
//! or an export names beside its phone and e-mail. The item's own person where it has one
//! (a moment's champion, else who decides, else who signs), someone other than the person
//! it is about for a leaver's trigger or a single-threaded account (the most recently
//! contacted other one still there), else the main contact. Only people still there are
//! ever chosen. Pure: the people and their last contacts are given.

use chrono::{DateTime, Utc};

use super::moment::{Moment, Part};
use super::person::Person;

/// What the thing to do says about whom it concerns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum About {
    /// No one in particular: the account's main contact.
    Account,
    /// A person of its own (a moment's champion): them, while they are still there.
    Own(i64),
    /// A person it is about who is not the one to talk to: the leaver whose successor to
    /// meet, the one person a single-threaded account hangs on.
    Beside(i64),
}

impl About {
    /// A decision moment's own person: the one who champions us, else who decides, else
    /// who signs; a moment that names none of them is the account's.
    pub fn moment(m: &Moment) -> About {
        [Part::Champion, Part::Decides, Part::Signs]
            .into_iter()
            .find_map(|part| m.people.iter().find(|p| p.part == part))
            .map_or(About::Account, |p| About::Own(p.id))
    }
}

/// The one of `people` (an account's) to contact about `about`; `last` is when each was
/// last in touch, by person id (`app::customer`'s `last_contacts`). `None` when no one is
/// there any more.
pub fn whom<'a>(people: &'a [Person], last: &[(i64, DateTime<Utc>)], about: About) -> Option<&'a Person> {
    let there = || people.iter().filter(|p| p.left.is_none());
    match about {
        About::Own(id) => there().find(|p| p.id == id),
        About::Beside(id) => {
            let last_with = |p: &Person| last.iter().find(|(who, _)| *who == p.id).map(|(_, at)| *at);
            let others = || there().filter(move |p| p.id != id);
            // The latest contact wins; among those never contacted, the main contact, then
            // the order the people came in (main first, then by name).
            others()
                .filter_map(|p| last_with(p).map(|at| (at, p)))
                .max_by_key(|(at, _)| *at)
                .map(|(_, p)| p)
                .or_else(|| others().find(|p| p.main))
                .or_else(|| others().next())
        }
        About::Account => None,
    }
    .or_else(|| main_contact(people, last))
}

/// The main contact while they are there, else the one still there last in touch, else
/// the first still there.
fn main_contact<'a>(people: &'a [Person], last: &[(i64, DateTime<Utc>)]) -> Option<&'a Person> {
    let there = || people.iter().filter(|p| p.left.is_none());
    there()
        .find(|p| p.main)
        .or_else(|| {
            there()
                .filter_map(|p| last.iter().find(|(who, _)| *who == p.id).map(|(_, at)| (*at, p)))
                .max_by_key(|(at, _)| *at)
                .map(|(_, p)| p)
        })
        .or_else(|| there().next())
}

#[cfg(test)]
mod tests {
    use chrono::{NaiveDate, TimeZone as _};

    use super::*;
    use crate::domain::moment::{MomentPerson, MomentStatus};
    use crate::domain::person::Left;

    use crate::domain::person::tests::person;

    fn left(mut p: Person) -> Person {
        p.left = Some(Left {
            on: NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(),
            to: String::new(),
        });
        p
    }

    fn on(day: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, day, 12, 0, 0).unwrap()
    }

    fn name(p: Option<&Person>) -> Option<&str> {
        p.map(|p| p.name.as_str())
    }

    fn acme() -> Vec<Person> {
        vec![
            person(1, "Anna de Boer"),
            person(2, "Jan Smit"),
            person(3, "Els Bakker"),
        ]
    }

    #[test]
    fn no_one_in_particular_is_the_main_contact() {
        assert_eq!(name(whom(&acme(), &[], About::Account)), Some("Anna de Boer"));
        // The main contact left: whoever there was last in touch.
        let people = vec![
            left(person(1, "Anna de Boer")),
            person(2, "Jan Smit"),
            person(3, "Els Bakker"),
        ];
        assert_eq!(
            name(whom(&people, &[(3, on(2))], About::Account)),
            Some("Els Bakker")
        );
        assert_eq!(name(whom(&people, &[], About::Account)), Some("Jan Smit"));
        assert_eq!(
            whom(&[left(person(1, "Anna de Boer"))], &[], About::Account),
            None
        );
        assert_eq!(whom(&[], &[], About::Account), None);
    }

    #[test]
    fn an_own_person_is_chosen_while_they_are_there() {
        assert_eq!(name(whom(&acme(), &[], About::Own(3))), Some("Els Bakker"));
        let people = vec![person(1, "Anna de Boer"), left(person(3, "Els Bakker"))];
        assert_eq!(name(whom(&people, &[], About::Own(3))), Some("Anna de Boer"));
        // Someone of another account (or deleted since): the main contact.
        assert_eq!(name(whom(&acme(), &[], About::Own(99))), Some("Anna de Boer"));
    }

    #[test]
    fn beside_someone_is_the_other_one_last_in_touch() {
        let last = [(1, on(20)), (2, on(3)), (3, on(9))];
        assert_eq!(name(whom(&acme(), &last, About::Beside(1))), Some("Els Bakker"));
        // Never in touch with anyone else: the main contact, else the first other one.
        assert_eq!(
            name(whom(&acme(), &[(2, on(20))], About::Beside(2))),
            Some("Anna de Boer")
        );
        assert_eq!(
            name(whom(&acme(), &[(1, on(20))], About::Beside(1))),
            Some("Jan Smit")
        );
        // A leaver is never the one to call.
        let people = vec![
            left(person(1, "Anna de Boer")),
            left(person(2, "Jan Smit")),
            person(3, "Els Bakker"),
        ];
        assert_eq!(
            name(whom(&people, &[(2, on(20))], About::Beside(1))),
            Some("Els Bakker")
        );
        // No one else: still the main contact, who can introduce a second person.
        let alone = vec![person(1, "Thomas Kühne")];
        assert_eq!(name(whom(&alone, &[], About::Beside(1))), Some("Thomas Kühne"));
    }

    #[test]
    fn a_moment_s_person_is_its_champion_else_who_decides_else_who_signs() {
        let with = |people: &[(i64, Part)]| Moment {
            id: 1,
            customer_id: 1,
            title: "Board".into(),
            expected: NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
            concerns: String::new(),
            steps: String::new(),
            response: String::new(),
            status: MomentStatus::Upcoming,
            planned_at: on(1),
            closed_at: None,
            outcome_note: String::new(),
            people: people
                .iter()
                .map(|&(id, part)| MomentPerson {
                    id,
                    name: String::new(),
                    part,
                })
                .collect(),
        };
        assert_eq!(About::moment(&with(&[])), About::Account);
        assert_eq!(About::moment(&with(&[(4, Part::Involved)])), About::Account);
        assert_eq!(
            About::moment(&with(&[(2, Part::Signs), (3, Part::Decides)])),
            About::Own(3)
        );
        assert_eq!(
            About::moment(&with(&[(2, Part::Decides), (3, Part::Champion)])),
            About::Own(3)
        );
        assert_eq!(About::moment(&with(&[(2, Part::Signs)])), About::Own(2));
    }
}
