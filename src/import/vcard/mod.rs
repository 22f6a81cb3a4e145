//! vCards 2.1, 3.0 and 4.0. vcard4 reads 3.0 and 4.0, but refuses what old phones and
//! Outlook write (`TEL;WORK;VOICE:`, quoted-printable, CHARSET) and one bad property can
//! derail a whole card, so each card is first rewritten to the properties we use, in
//! plain 4.0 syntax, and then handed to `vcard4::parse_loose`. Text in, records out: no
//! file, no store.

use std::fmt::Write as _;

use vcard4::property::{AnyProperty, TextOrUriProperty};

mod normalise;

use normalise::{logical_lines, normalise, restore};

use super::contain::contained;
use super::fields::Draft;
use super::{Invalid, Location, Parsed};
use crate::clock::Now;
use crate::domain::limits::IMPORT_RECORDS;

/// Our own extensions, so an exported book reads back whole.
pub(crate) const CADENCE: &str = "X-TOUCHBASE-CADENCE";
pub(crate) const LAST_CONTACT: &str = "X-TOUCHBASE-LAST-CONTACT";
/// The account's name, on the cards of an account without a company.
pub(crate) const ACCOUNT: &str = "X-TOUCHBASE-ACCOUNT";
pub(crate) const PERSON_NOTE: &str = "X-TOUCHBASE-PERSON-NOTE";
pub(crate) const LEFT_ON: &str = "X-TOUCHBASE-LEFT-ON";
pub(crate) const LEFT_TO: &str = "X-TOUCHBASE-LEFT-TO";

/// The label a property's TYPE list gives its value: the first type that says where
/// (CELL is mobile; WORK, HOME, FAX, PAGER, or our own X- label), not how (VOICE,
/// INTERNET, PREF).
fn label(parameters: Option<&vcard4::parameter::Parameters>) -> String {
    let types = parameters.and_then(|p| p.types.as_ref());
    types
        .into_iter()
        .flatten()
        .map(|t| {
            let t = t.to_string().to_lowercase();
            t.strip_prefix("x-").map(str::to_string).unwrap_or(t)
        })
        .find(|t| {
            !matches!(
                t.as_str(),
                "voice" | "internet" | "pref" | "text" | "x400" | "msg" | ""
            )
        })
        .map(|t| if t == "cell" { "mobile".to_string() } else { t })
        .unwrap_or_default()
}

pub fn read(text: &str, now: Now) -> anyhow::Result<Parsed> {
    read_at_most(text, now, IMPORT_RECORDS)
}

fn read_at_most(text: &str, now: Now, max_cards: usize) -> anyhow::Result<Parsed> {
    let mut parsed = Parsed::default();
    let mut card: Option<(usize, Vec<String>)> = None;
    let mut count = 0;
    for (line, content) in logical_lines(text) {
        let trimmed = content.trim();
        if trimmed.eq_ignore_ascii_case("BEGIN:VCARD") {
            if let Some((start, _)) = card.take() {
                parsed.invalid.push(Invalid {
                    at: Location::Card {
                        card: count,
                        line: start,
                    },
                    problem: format!("no END:VCARD before the next BEGIN:VCARD on line {line}"),
                });
            }
            count += 1;
            if count > max_cards {
                let at = Location::Card { card: count, line };
                return Err(super::too_many(at, max_cards, "vCards"));
            }
            card = Some((line, Vec::new()));
        } else if trimmed.eq_ignore_ascii_case("END:VCARD") {
            let Some((start, lines)) = card.take() else {
                parsed.invalid.push(Invalid {
                    at: Location::Line(line),
                    problem: "END:VCARD without a BEGIN:VCARD before it".to_string(),
                });
                continue;
            };
            let at = Location::Card {
                card: count,
                line: start,
            };
            parsed.push(at, one_card(&lines).and_then(|d| d.finish(at, now)));
        } else if let Some((_, lines)) = &mut card {
            lines.push(content);
        } else if !trimmed.is_empty() {
            parsed.invalid.push(Invalid {
                at: Location::Line(line),
                problem: format!("'{}' is outside any BEGIN:VCARD … END:VCARD", short(trimmed)),
            });
        }
    }
    if let Some((start, _)) = card {
        parsed.invalid.push(Invalid {
            at: Location::Card {
                card: count,
                line: start,
            },
            problem: "the file ends before its END:VCARD".to_string(),
        });
    }
    if count == 0 {
        anyhow::bail!("no vCards in it — a vCard starts with BEGIN:VCARD");
    }
    Ok(parsed)
}

fn short(s: &str) -> String {
    s.chars().take(40).collect()
}

/// One card's fields, through vcard4.
fn one_card(lines: &[String]) -> Result<Draft, String> {
    let mut text = String::from("BEGIN:VCARD\nVERSION:4.0\n");
    let mut has_fn = false;
    for line in lines {
        if let Some(clean) = normalise(line)? {
            has_fn |= clean.starts_with("FN:") || clean.starts_with("FN;");
            text.push_str(&clean);
            text.push('\n');
        }
    }
    if !has_fn {
        // vcard4 requires FN; an empty one lets the name come from N, ORG or EMAIL.
        text.push_str("FN:\n");
    }
    text.push_str("END:VCARD\n");
    let card = parse_contained(&text)?
        .into_iter()
        .next()
        .ok_or("an empty vCard")?;

    let mut d = Draft::default();
    for p in &card.formatted_name {
        Draft::offer(&mut d.name, &restore(&p.value));
    }
    if let Some(n) = &card.name {
        let part = |i: usize| n.value.get(i).map(|s| restore(s)).unwrap_or_default();
        (d.last, d.first, d.middle) = (part(0), part(1), part(2));
    }
    // ORG is the organisation, then its units: the first is the company.
    if let Some(org) = card.org.first() {
        let name = org
            .value
            .iter()
            .map(|s| restore(s))
            .find(|s| !s.trim().is_empty());
        d.company = name.unwrap_or_default();
    }
    for e in &card.email {
        d.add_email(&label(e.parameters.as_ref()), &restore(&e.value));
    }
    for t in &card.tel {
        let (number, params) = match t {
            TextOrUriProperty::Text(t) => (restore(&t.value), t.parameters.as_ref()),
            TextOrUriProperty::Uri(u) => (tel_uri(&u.value.to_string()), u.parameters.as_ref()),
        };
        d.add_phone(&label(params), &number);
    }
    // TITLE is the job title; ROLE the function, when there is no title.
    for t in card.title.iter().chain(&card.role) {
        Draft::offer(&mut d.role, &restore(&t.value));
    }
    for n in &card.note {
        d.add_note(&restore(&n.value));
    }
    let categories: Vec<String> = card
        .categories
        .iter()
        .flat_map(|c| c.value.iter().map(|s| restore(s)))
        .collect();
    if !categories.is_empty() {
        d.labels.push(categories.join(","));
    }
    for x in &card.extensions {
        let AnyProperty::Text(value) = &x.value else {
            continue;
        };
        if x.name.eq_ignore_ascii_case(CADENCE) {
            Draft::offer(&mut d.cadence, value);
        } else if x.name.eq_ignore_ascii_case(LAST_CONTACT) {
            Draft::offer(&mut d.last_contact, value);
        } else if x.name.eq_ignore_ascii_case(ACCOUNT) {
            // The account is named apart only where the person is not it.
            d.person.clone_from(&d.name);
            d.name = restore(value);
        } else if x.name.eq_ignore_ascii_case(PERSON_NOTE) {
            d.add_person_note(&restore(value));
        } else if x.name.eq_ignore_ascii_case(LEFT_ON) {
            Draft::offer(&mut d.left_on, value);
        } else if x.name.eq_ignore_ascii_case(LEFT_TO) {
            Draft::offer(&mut d.left_to, &restore(value));
        }
    }
    Ok(d)
}

/// vcard4 on one card. `normalise` keeps from it what is known to make it panic; should
/// something else still do so, that card is reported, not the whole import lost.
fn parse_contained(text: &str) -> Result<Vec<vcard4::Vcard>, String> {
    match contained(|| vcard4::parse_loose(text)) {
        Some(Ok(cards)) => Ok(cards),
        Some(Err(e)) => Err(format!("not a readable vCard: {}", super::clip(&e.to_string()))),
        None => Err("not a readable vCard: the vCard reader failed on it".to_string()),
    }
}

/// `tel:+31-20-1234567;ext=12` as a person writes it: `+31-20-1234567 ext. 12`.
fn tel_uri(uri: &str) -> String {
    let rest = super::strip_prefix_ignore_case(uri, "tel:").unwrap_or(uri);
    let mut parts = rest.split(';');
    let mut number = parts.next().unwrap_or("").to_string();
    if let Some(ext) = parts.find_map(|p| p.strip_prefix("ext=")) {
        let _ = write!(number, " ext. {ext}");
    }
    number
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> Now {
        Now::parse("2026-11-23T09:00:00Z").unwrap()
    }

    fn one(text: &str) -> super::super::ImportedCustomer {
        let p = read(text, now()).unwrap();
        assert!(p.invalid.is_empty(), "{:?}", p.invalid);
        p.records.into_iter().next().unwrap()
    }

    #[test]
    fn version_2_1_parameters_and_quoted_printable_are_read() {
        let c = one(
            "BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=ISO-8859-1;ENCODING=QUOTED-PRINTABLE:M=FCller;J=F6rg\r\n\
             TEL;WORK;VOICE:+49 30 1234\r\nEMAIL;PREF;INTERNET:joerg@example.de\r\n\
             NOTE;ENCODING=QUOTED-PRINTABLE;CHARSET=UTF-8:Zwei=0D=0AZeilen, =C3=BC=\r\nber alles\r\nEND:VCARD\r\n",
        );
        assert_eq!(c.name, "Jörg Müller");
        assert_eq!(c.phone, "+49 30 1234");
        assert_eq!(c.email, "joerg@example.de");
        assert_eq!(c.notes, "Zwei\nZeilen, über alles");
    }

    #[test]
    fn quoted_printable_in_any_known_charset_is_read_and_an_unknown_one_named() {
        // An old Nokia phone's export: KOI8-R, a soft line break in the note.
        let c = one(
            "BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=KOI8-R;ENCODING=QUOTED-PRINTABLE:=E9=D7=C1=CE=CF=D7;=F0=C5=D4=D2\r\n\
             NOTE;CHARSET=windows-1251;ENCODING=QUOTED-PRINTABLE:=CF=F0=E8=E2=E5=F2 =3D=\r\n ok\r\nEND:VCARD\r\n",
        );
        assert_eq!(c.name, "Петр Иванов");
        assert_eq!(c.notes, "Привет = ok");
        let p = read(
            "BEGIN:VCARD\r\nVERSION:2.1\r\nFN;CHARSET=X-KLINGON;ENCODING=QUOTED-PRINTABLE:Q=41\r\nEND:VCARD\r\n",
            now(),
        )
        .unwrap();
        let said = p.invalid[0].to_string();
        assert!(
            said.contains("charset 'X-KLINGON'") && said.contains("save the file as UTF-8"),
            "{said}"
        );
    }

    #[test]
    fn grouped_properties_folded_notes_and_categories_are_read() {
        let c = one(
            "BEGIN:VCARD\nVERSION:3.0\nFN:Anna de Vries\nORG:Beta BV;Inkoop\nitem1.EMAIL;type=INTERNET:anna@beta.nl\n\
             item1.X-ABLabel:_$!<Work>!$_\nNOTE:eerste regel\\nen een lange\n  tweede\nCATEGORIES:Klant,Key accounts\nEND:VCARD\n",
        );
        assert_eq!(c.email, "anna@beta.nl");
        assert_eq!(c.company, "Beta BV");
        assert_eq!(c.notes, "eerste regel\nen een lange tweede");
        assert_eq!(c.tags.as_slice(), ["key-accounts", "klant"]);
    }

    #[test]
    fn tel_uris_become_numbers() {
        let c = one(
            "BEGIN:VCARD\nVERSION:4.0\nFN:Cas\nTEL;VALUE=uri;TYPE=\"voice,work\":tel:+31-20-555-0100;ext=12\nEND:VCARD\n",
        );
        assert_eq!(c.phone, "+31-20-555-0100 ext. 12");
    }

    #[test]
    fn broken_cards_are_named_by_number_and_line() {
        let p = read(
            "BEGIN:VCARD\nVERSION:3.0\nFN:Ok\nEND:VCARD\nBEGIN:VCARD\nVERSION:3.0\nEMAIL:nope\nEND:VCARD\nBEGIN:VCARD\nFN:Open\n",
            now(),
        )
        .unwrap();
        assert_eq!(p.records.len(), 1);
        let msgs: Vec<String> = p.invalid.iter().map(ToString::to_string).collect();
        assert!(msgs[0].starts_with("card 2 (line 5): e-mail 'nope'"), "{msgs:?}");
        assert!(msgs[1].starts_with("card 3 (line 9): the file ends"), "{msgs:?}");
    }

    #[test]
    fn a_panic_in_vcard4_is_a_reason_not_a_crash() {
        // What normalise refuses, handed to vcard4 directly: its URI parser panics.
        let err = parse_contained("BEGIN:VCARD\nVERSION:4.0\nFN:x\nTEL:9:30\nEND:VCARD\n").unwrap_err();
        assert_eq!(err, "not a readable vCard: the vCard reader failed on it");
    }

    #[test]
    fn a_phone_with_a_colon_must_be_a_uri() {
        let p = read(
            "BEGIN:VCARD\nFN:A\nTEL:9:30\nEND:VCARD\nBEGIN:VCARD\nFN:B\nTEL: sip:b@example.com \nEND:VCARD\n",
            now(),
        )
        .unwrap();
        assert_eq!(p.records[0].phone, "sip:b@example.com");
        let msg = p.invalid[0].to_string();
        assert!(
            msg.starts_with("card 1 (line 1): phone '9:30' is not a phone number"),
            "{msg}"
        );
    }

    #[test]
    fn sizes_are_counted_as_the_card_means_them() {
        let card = "BEGIN:VCARD\nFN:x\nEND:VCARD\n";
        let err = read_at_most(&card.repeat(3), now(), 2).unwrap_err().to_string();
        assert_eq!(
            err,
            "card 3 (line 7): the file holds more than 2 vCards — split it into files of at most 2"
        );
        // 20,000 characters of note, written with 100 escaped line breaks.
        let note = format!("{}\\n", "n".repeat(199)).repeat(100);
        let c = one(&format!("BEGIN:VCARD\nFN:x\nNOTE:{note}\nEND:VCARD\n"));
        assert_eq!(c.notes.chars().count(), 20_000);
        let p = read(&format!("BEGIN:VCARD\nFN:x\nNOTE:{note}x\nEND:VCARD\n"), now()).unwrap();
        assert!(
            p.invalid[0].problem.starts_with("the note is longer than 20000"),
            "{:?}",
            p.invalid
        );
        let p = read(
            &format!("BEGIN:VCARD\nN:{};Jan\nEND:VCARD\n", "m".repeat(201)),
            now(),
        )
        .unwrap();
        assert!(
            p.invalid[0].problem.starts_with("the name is longer than 200"),
            "{:?}",
            p.invalid
        );
    }

    #[test]
    fn control_characters_and_escaped_semicolons_survive() {
        let c =
            one("BEGIN:VCARD\nVERSION:3.0\nFN:Esc\\;ape\nORG:A\\;B\\\\;Unit\nNOTE:a\u{1b}[2Jb\nEND:VCARD\n");
        assert_eq!(c.notes, "a\u{1b}[2Jb");
        assert_eq!(c.name, "Esc;ape");
        assert_eq!(c.company, "A;B\\");
    }
}
