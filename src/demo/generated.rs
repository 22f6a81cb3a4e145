//! Generated customers beyond the hand-written ones: names, companies and emails from the
//! country pools (unique up to ~28,000 per country), and a random but plausible story.
//! Each account has one to five people (about 2.5), some of whom left. What to write,
//! not how: that is `writer`'s.

use fastrand::Rng;

use super::data::{Country, Pools, Status, TriggerKind, Value};
use super::writer::{MomentAt, Plan, Writer, pick};
use crate::domain::moment::Part;
use crate::domain::person::{Detail, NewPerson};
use crate::domain::{Cadence, Tags};
use crate::store::NewCustomer;

/// Keep-in-touch cadences in days and how common each is, in percent.
const CADENCES: [(u32, u8); 5] = [(7, 5), (14, 20), (30, 40), (60, 20), (90, 15)];

/// Hands out distinct names: the `j`th customer of a country gets name number
/// `j * stride mod total`, a walk that visits every first/initial/last combination once
/// before any repeats, without neighbours looking alike.
pub(super) struct Namer {
    strides: Vec<usize>,
}

impl Namer {
    pub fn new(pools: &Pools) -> Namer {
        let strides = pools.country.iter().map(|c| stride(combinations(c))).collect();
        Namer { strides }
    }

    /// The `i`th generated customer (counting from 0) and whether they are a prospect.
    pub fn customer(&self, pools: &Pools, i: usize, rng: &mut Rng) -> anyhow::Result<(NewCustomer, bool)> {
        let nth = i % pools.country.len();
        let c = &pools.country[nth];
        let j = i / pools.country.len();
        let total = combinations(c);
        let k = (j % total) * self.strides[nth] % total;
        let first = &c.first[k % c.first.len()];
        let last = &c.last[k / c.first.len() % c.last.len()];
        let initial = char::from(b'A' + (k / c.first.len() / c.last.len()) as u8);
        // Past the unique combinations, a number tells namesakes apart.
        let round = j / total;
        let round = if round == 0 {
            String::new()
        } else {
            (round + 1).to_string()
        };

        let name = if round.is_empty() {
            format!("{first} {initial}. {last}")
        } else {
            format!("{first} {initial}. {last} {round}")
        };
        let stem = if rng.u8(..100) < 30 {
            capitalised(last)
        } else {
            pick(rng, &c.stems).clone()
        };
        let form = pick(rng, &c.forms);
        let company = format!("{stem} {}", form.suffix);
        let mut email = String::with_capacity(64);
        push_slug(&mut email, first);
        email.push('.');
        email.push(initial.to_ascii_lowercase());
        email.push('.');
        push_slug(&mut email, last);
        email.push_str(&round);
        email.push('@');
        push_slug(&mut email, &stem);
        email.push('-');
        email.push_str(&form.web);
        email.push('.');
        email.push_str(&c.tld);
        let phone = format!(
            "{} {:03} {:04}",
            pick(rng, &c.phones),
            rng.u32(100..1000),
            rng.u32(0..10_000)
        );

        let mut tags = vec![form.tag.as_str()];
        let prospect = rng.u8(..100) < 10;
        for (tag, percent, on) in [
            ("vip", 6, !prospect),
            ("renewal", 8, !prospect),
            ("prospect", 100, prospect),
        ] {
            if on && rng.u8(..100) < percent {
                tags.push(tag);
            }
        }
        let new = NewCustomer {
            name,
            company,
            email,
            phone,
            tags: Tags::new(tags)?,
            cadence: Some(Cadence::from_days(cadence(rng))?),
            notes: pick(rng, &pools.customer_notes).clone(),
        };
        Ok((new, prospect))
    }
}

/// The `i`th generated customer with their whole story.
pub(super) fn write(w: &mut Writer<'_, '_>, namer: &Namer, i: usize) -> anyhow::Result<()> {
    let pools = w.pools;
    let (new, prospect) = namer.customer(pools, i, &mut w.rng)?;
    let cadence = new.cadence.unwrap_or(Cadence::DEFAULT).days();
    let value = if prospect {
        Value::None
    } else {
        match w.rng.u8(..100) {
            0..30 => Value::None,
            30..62 => Value::Low,
            62..90 => Value::Mid,
            _ => Value::High,
        }
    };
    let plan = match w.rng.u8(..100) {
        0..3 => Plan::never_contacted(-w.rng.i64(3..=60), value),
        r => {
            let last = if r < 23 {
                -(i64::from(cadence) + w.rng.i64(1..=i64::from(cadence) * 2))
            } else {
                Plan::fresh_last_contact(&mut w.rng, cadence)
            };
            let count = w.rng.usize(10..=30);
            let mood = Plan::random_mood(&mut w.rng);
            Plan::contacted(&mut w.rng, cadence, last, count, mood, value)
        }
    };

    let main = NewPerson {
        name: new.name.clone(),
        role: pick(&mut w.people_rng, &pools.country[i % pools.country.len()].roles).clone(),
        emails: vec![Detail::new(&new.email)],
        phones: vec![Detail::new(&new.phone)],
        main: true,
        ..NewPerson::default()
    };
    let (id, main_id) = w.customer(&new, &main, &plan)?;
    let people = colleagues(w, id, i, &new.email, plan.created)?;
    w.history(id, &plan)?;
    if let Some((first, _)) = plan.contacts {
        story(w, id, first, main_id, &people)?;
    }
    w.orders(id, &plan)?;
    open_follow_ups(w, id, plan.created)
}

/// How many people an account has beside its main contact, in percent: 1.6 on average.
const COLLEAGUES: [(usize, u8); 5] = [(0, 20), (1, 30), (2, 30), (3, 12), (4, 8)];

/// The other people at the `i`th generated account (e-mail `email`, added on day
/// `created`): named from its country's pools, at the account's domain; one in ten left.
/// The ids of those still there.
fn colleagues(
    w: &mut Writer<'_, '_>,
    id: i64,
    i: usize,
    email: &str,
    created: i64,
) -> anyhow::Result<Vec<i64>> {
    let pools = w.pools;
    let country = &pools.country[i % pools.country.len()];
    let domain = email.rsplit_once('@').map_or("", |(_, d)| d);
    let mut roll = w.people_rng.u8(..100);
    let mut how_many = 0;
    for (count, share) in COLLEAGUES {
        if roll < share {
            how_many = count;
            break;
        }
        roll -= share;
    }
    let mut there = Vec::with_capacity(how_many);
    for _ in 0..how_many {
        let rng = &mut w.people_rng;
        let first = pick(rng, &country.first);
        let last = pick(rng, &country.last);
        let mut address = String::with_capacity(48);
        push_slug(&mut address, first);
        address.push('.');
        push_slug(&mut address, last);
        address.push('@');
        address.push_str(domain);
        let phone = format!(
            "{} {:03} {:04}",
            pick(rng, &country.phones),
            rng.u32(100..1000),
            rng.u32(0..10_000)
        );
        let person = NewPerson {
            name: format!("{first} {last}"),
            role: pick(rng, &country.roles).clone(),
            emails: vec![Detail::new(&address)],
            phones: vec![Detail::new(&phone)],
            ..NewPerson::default()
        };
        let left = (rng.u8(..100) < 10).then(|| {
            let day = rng.i64(created.min(-2)..0);
            let to = if rng.bool() {
                pick(rng, &country.stems).as_str()
            } else {
                ""
            };
            (day, to)
        });
        let person_id = w.person(id, &person, None, left)?;
        if left.is_none() {
            there.push(person_id);
        }
    }
    Ok(there)
}

/// Now and then a decision moment naming its people, a switching trigger, gives and asks.
fn story(w: &mut Writer<'_, '_>, id: i64, first: i64, main: i64, people: &[i64]) -> anyhow::Result<()> {
    let pools = w.pools;
    let r = w.rng.u8(..100);
    if r < 40 {
        let t = w.pick(&pools.moment);
        let (expected, planned, status, closed) = if r < 25 {
            (w.rng.i64(1..=60), -w.rng.i64(5..=45), Status::Upcoming, None)
        } else {
            let expected = w.rng.i64((first + 14).min(-10)..=-10);
            let planned = (expected - w.rng.i64(14..=60)).max(first);
            let status = match w.rng.u8(..4) {
                0 | 1 => Status::Won,
                2 => Status::Lost,
                _ => Status::Passed,
            };
            (expected, planned, status, Some(expected + w.rng.i64(0..=3)))
        };
        let moment = MomentAt {
            title: &t.title,
            concerns: &t.concerns,
            steps: &t.steps,
            response: &t.response,
            expected,
            planned,
            status,
            closed,
        };
        let mut parts = vec![(main, Part::Champion)];
        if let Some(&other) = people.first() {
            parts.push((other, Part::Decides));
            parts.push((other, Part::Signs));
        } else {
            parts.push((main, Part::Decides));
        }
        if let Some(&other) = people.get(1) {
            parts.push((other, Part::Involved));
        }
        w.moment(id, &moment, &parts)?;
    }

    if w.rng.u8(..100) < 10 {
        let kind = match w.rng.u8(..100) {
            0..40 => TriggerKind::Reactional,
            40..75 => TriggerKind::Situational,
            _ => TriggerKind::Influential,
        };
        let note = w.pick(pools.triggers.of(kind));
        let opened = w.rng.i64(first..0);
        let resolved = Some(opened + w.rng.i64(1..=14)).filter(|&d| d < 0 && w.rng.u8(..100) < 75);
        let satisfaction = (kind == TriggerKind::Reactional && w.rng.bool()).then_some(2);
        w.trigger(id, kind, note, opened, resolved, satisfaction)?;
    }

    for (side, favours) in [("give", &pools.give), ("ask", &pools.ask)] {
        if w.rng.u8(..100) < 25 {
            for _ in 0..w.rng.usize(1..=2) {
                let f = w.pick(favours);
                let day = w.rng.i64(first..0);
                w.balance(id, side, &f.note, f.weight, day, f.gift)?;
            }
        }
    }
    Ok(())
}

/// Open promises: some overdue, some due today, some this week, more later.
fn open_follow_ups(w: &mut Writer<'_, '_>, id: i64, created: i64) -> anyhow::Result<()> {
    let pools = w.pools;
    let due = match w.rng.u8(..100) {
        0..8 => -w.rng.i64(1..=10),
        8..12 => 0,
        12..24 => w.rng.i64(1..=5),
        24..45 => w.rng.i64(6..=45),
        _ => return Ok(()),
    };
    let text = w.pick(&pools.follow_ups);
    w.follow_up(id, text, due, created)
}

fn cadence(rng: &mut Rng) -> u32 {
    let mut r = rng.u8(..100);
    for (days, share) in CADENCES {
        if r < share {
            return days;
        }
        r -= share;
    }
    Cadence::DEFAULT.days()
}

fn combinations(c: &Country) -> usize {
    c.first.len() * c.last.len() * 26
}

/// A step coprime with `total`, so that stepping by it modulo `total` visits every number.
fn stride(total: usize) -> usize {
    let gcd = |mut a: usize, mut b: usize| {
        while b != 0 {
            (a, b) = (b, a % b);
        }
        a
    };
    (7919..).step_by(2).find(|&s| gcd(s, total) == 1).unwrap_or(1)
}

/// "van den Berg" → "Van den Berg", for a company named after the family.
fn capitalised(s: &str) -> String {
    let mut chars = s.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// Appends `s` as it would appear in an email address: lowercase ASCII letters and digits.
fn push_slug(out: &mut String, s: &str) {
    for c in s.chars().flat_map(char::to_lowercase) {
        match c {
            'a'..='z' | '0'..='9' => out.push(c),
            'ä' | 'æ' => out.push_str("ae"),
            'ö' | 'ø' => out.push_str("oe"),
            'ü' => out.push_str("ue"),
            'ß' => out.push_str("ss"),
            'å' => out.push_str("aa"),
            'á' | 'à' | 'â' => out.push('a'),
            'é' | 'è' | 'ê' | 'ë' => out.push('e'),
            'í' | 'ì' | 'î' | 'ï' => out.push('i'),
            'ó' | 'ò' | 'ô' => out.push('o'),
            'ú' | 'ù' | 'û' => out.push('u'),
            'ç' => out.push('c'),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;
    use crate::demo::data::Content;

    #[test]
    fn a_hundred_thousand_generated_customers_have_distinct_names_and_emails() {
        let content = Content::load().unwrap();
        let namer = Namer::new(&content.pools);
        let mut rng = Rng::with_seed(1);
        let (mut people, mut emails) = (HashSet::new(), HashSet::new());
        for i in 0..100_000 {
            let (c, _) = namer.customer(&content.pools, i, &mut rng).unwrap();
            assert!(c.email.is_ascii(), "{}", c.email);
            assert_eq!(crate::domain::email::check(&c.email), Ok(()));
            assert!(people.insert(c.name.clone()), "{} twice", c.name);
            assert!(emails.insert(c.email.clone()), "{} twice", c.email);
        }
    }

    #[test]
    fn slugs_spell_umlauts_out() {
        let mut s = String::new();
        push_slug(&mut s, "Kühne Präzision Øresund Großhandel");
        assert_eq!(s, "kuehnepraezisionoeresundgrosshandel");
    }
}
