//! Whom a contact was with: which of an account's people the words of a quick-log line
//! name (`call anna yesterday:`), and what to say when they name no one or several. A
//! name is found as a person remembers it, ignoring case and accents (`domain::words`):
//! the full name, else the first name, else words that each start a word of the name in
//! turn ("jan de" is Jan de Boer). Someone who left can still be named: a goodbye call is
//! a contact with them. Pure.

use super::Customer;
use super::person::Person;
use super::words;

/// How many people a refusal lists before it says how many more there are.
const LISTED: usize = 8;

/// What the typed words name among the people.
#[derive(Debug, PartialEq, Eq)]
pub enum Whom<'a> {
    One(&'a Person),
    NoOne,
    /// Each of these fits as well as the others, in the order the people came.
    Several(Vec<&'a Person>),
}

/// The one of `people` that `typed` names, trying the full name, then the first name,
/// then the start of the name's words; the first of these that fits anyone decides, and
/// among those it fits, people still there win over those who left.
pub fn pick<'a>(people: &'a [Person], typed: &str) -> Whom<'a> {
    let typed_words = words::words(typed);
    if typed_words.is_empty() {
        return Whom::NoOne;
    }
    let typed_key = typed_words.join(" ");
    let named: Vec<(&Person, Vec<String>)> = people.iter().map(|p| (p, words::words(&p.name))).collect();
    let full = |w: &Vec<String>| w.join(" ") == typed_key;
    let first = |w: &Vec<String>| typed_words.len() == 1 && w.first() == typed_words.first();
    let start = |w: &Vec<String>| starts_in_turn(&typed_words, w);
    for fits in [&full as &dyn Fn(&Vec<String>) -> bool, &first, &start] {
        let mut found: Vec<&Person> = named.iter().filter(|(_, w)| fits(w)).map(|(p, _)| *p).collect();
        // Among equals, those still there win over those who left.
        if found.iter().any(|p| p.left.is_none()) {
            found.retain(|p| p.left.is_none());
        }
        match found.as_slice() {
            [] => {}
            [one] => return Whom::One(one),
            _ => return Whom::Several(found),
        }
    }
    Whom::NoOne
}

/// Whether each typed word starts a word of the name, in the name's order.
fn starts_in_turn(typed: &[String], name: &[String]) -> bool {
    let mut rest = name.iter();
    typed
        .iter()
        .all(|t| rest.by_ref().any(|w| w.starts_with(t.as_str())))
}

/// The person a contact with `person_id` was with, when that is someone other than the
/// main contact: the one a timeline names ("with Anna"). A contact with the main contact,
/// or with no one recorded, names no one.
pub fn other_than_main(people: &[Person], person_id: Option<i64>) -> Option<&Person> {
    let id = person_id?;
    people.iter().find(|p| p.id == id && !p.main)
}

/// How a timeline names `person` among `people`: the first name, or the whole name when
/// someone else there has the same first name.
pub fn short_name<'a>(people: &[Person], person: &'a Person) -> &'a str {
    let first = |p: &Person| words::words(&p.name).into_iter().next();
    let mine = first(person);
    let shared = people.iter().any(|p| p.id != person.id && first(p) == mine);
    match person.name.split_whitespace().next() {
        Some(word) if !shared && person.name.split_whitespace().nth(1).is_some() => word,
        _ => &person.name,
    }
}

/// What an account is called where a person at it is named ("Anna de Boer at Acme BV",
/// "no one called 'ana' at Acme BV"): its name, unless that is a person's at a company
/// (two accounts at one company, named after their people, `company::account_name`).
pub fn account(customer: &Customer) -> &str {
    super::company::account_name(&customer.name, &customer.company)
}

/// "no one called 'ana' at Acme — Anna de Boer, Jan Smit".
pub fn no_one(typed: &str, account: &str, people: &[Person]) -> String {
    format!("no one called '{typed}' at {account} — {}", listed(people))
}

/// "'jan' is more than one at Acme — Jan de Boer, Jan Smit; type more of the name".
pub fn several(typed: &str, account: &str, found: &[&Person]) -> String {
    format!(
        "'{typed}' is more than one at {account} — {}; type more of the name",
        names(found.iter().copied())
    )
}

/// The people's names, "(left)" after those who left: the first few and how many more.
pub fn listed(people: &[Person]) -> String {
    names(people.iter())
}

fn names<'a>(people: impl ExactSizeIterator<Item = &'a Person>) -> String {
    let total = people.len();
    let mut names: Vec<String> = people
        .take(LISTED)
        .map(|p| {
            if p.left.is_some() {
                format!("{} (left)", p.name)
            } else {
                p.name.clone()
            }
        })
        .collect();
    if total > LISTED {
        names.push(format!("and {} more", total - LISTED));
    }
    if names.is_empty() {
        "no one is recorded there yet".to_string()
    } else {
        names.join(", ")
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::domain::person::Left;

    use crate::domain::person::tests::person;

    fn acme() -> Vec<Person> {
        vec![
            person(1, "Anna de Boer"),
            person(2, "Jan Smit"),
            person(3, "Jan de Vries"),
            person(4, "Thomas Kühne"),
        ]
    }

    fn id(found: &Whom) -> Option<i64> {
        match found {
            Whom::One(p) => Some(p.id),
            _ => None,
        }
    }

    #[test]
    fn a_first_name_a_full_name_or_the_start_of_the_words() {
        let people = acme();
        assert_eq!(id(&pick(&people, "anna")), Some(1));
        assert_eq!(id(&pick(&people, "ANNA DE BOER")), Some(1));
        assert_eq!(id(&pick(&people, "jan smit")), Some(2));
        assert_eq!(id(&pick(&people, "jan de")), Some(3));
        assert_eq!(id(&pick(&people, "an")), Some(1), "a unique start");
        assert_eq!(id(&pick(&people, "kuhne")), Some(4), "accents do not matter");
        assert_eq!(id(&pick(&people, "thomas kü")), Some(4));
        assert_eq!(id(&pick(&people, "Thom")), Some(4));
    }

    #[test]
    fn several_or_no_one() {
        let people = acme();
        let Whom::Several(found) = pick(&people, "jan") else {
            panic!("two Jans")
        };
        assert_eq!(found.iter().map(|p| p.id).collect::<Vec<_>>(), [2, 3]);
        assert_eq!(pick(&people, "ana"), Whom::NoOne);
        assert_eq!(
            pick(&people, "boer anna"),
            Whom::NoOne,
            "the words in the name's order"
        );
        assert_eq!(pick(&people, "  "), Whom::NoOne);
        assert!(matches!(pick(&people, "de"), Whom::Several(_)));
    }

    #[test]
    fn a_full_name_beats_a_longer_one_it_starts() {
        let people = vec![person(1, "Jan"), person(2, "Jan Smit")];
        assert_eq!(id(&pick(&people, "jan")), Some(1));
    }

    #[test]
    fn who_left_can_be_named_and_is_listed_so() {
        let mut people = acme();
        people[1].left = Some(Left {
            on: NaiveDate::from_ymd_opt(2026, 10, 1).unwrap(),
            to: String::new(),
        });
        assert_eq!(id(&pick(&people, "jan smit")), Some(2));
        assert_eq!(
            no_one("ana", "Acme", &people[..2]),
            "no one called 'ana' at Acme — Anna de Boer, Jan Smit (left)"
        );
        let found = [&people[1], &people[2]];
        assert_eq!(
            several("jan", "Acme", &found),
            "'jan' is more than one at Acme — Jan Smit (left), Jan de Vries; type more of the name"
        );
    }

    #[test]
    fn a_timeline_names_whom_a_contact_was_with_unless_the_main_contact() {
        let people = acme();
        assert_eq!(other_than_main(&people, Some(1)), None, "the main contact");
        assert_eq!(other_than_main(&people, None), None);
        assert_eq!(other_than_main(&people, Some(99)), None);
        let jan = other_than_main(&people, Some(2)).unwrap();
        assert_eq!(short_name(&people, jan), "Jan Smit", "two Jans");
        assert_eq!(short_name(&people, &people[3]), "Thomas");
        assert_eq!(short_name(&people, &people[0]), "Anna");
    }

    #[test]
    fn a_long_list_says_how_many_more() {
        let people: Vec<Person> = (1..=10).map(|i| person(i, &format!("P{i}"))).collect();
        assert!(no_one("x", "Big", &people).ends_with("P8, and 2 more"));
    }
}
