//! Writing one customer's story into a bulk transaction: the people at the account, the
//! contact history (each contact with one of them), follow-ups, orders, moments naming
//! their people, triggers and the give/take ledger, each placed on the calendar. What
//! to write is decided by the callers (hand-written or generated); this knows how.

use chrono::{DateTime, TimeDelta, Utc};
use fastrand::Rng;

use super::DemoSummary;
use super::calendar::Calendar;
use super::data::{Pools, Status, TriggerKind, Value};
use crate::domain::Kind;
use crate::domain::moment::Part;
use crate::domain::person::{Left, NewPerson, left_note};
use crate::store::{Bulk, NewCustomer, PersonFill};

/// The shape of one customer's history. Days are relative to today.
#[derive(Debug, Clone, Copy)]
pub(super) struct Plan {
    pub created: i64,
    /// The first and last generated contact; `None` for a customer never contacted.
    pub contacts: Option<(i64, i64)>,
    pub count: usize,
    /// The satisfaction generated contacts are scored around; 0 records none.
    pub mood: u8,
    pub value: Value,
    /// Every generated contact is with the main contact: an account hanging on one person.
    pub single_threaded: bool,
}

impl Plan {
    /// A history of `count` contacts ending at `last`, starting 3 to 12 months back: the
    /// shorter the cadence, the more recent. The customer was added a little before.
    pub fn contacted(rng: &mut Rng, cadence: u32, last: i64, count: usize, mood: u8, value: Value) -> Plan {
        let span = (i64::from(cadence) * 6).clamp(90, 365) * rng.i64(70..=100) / 100;
        let first = (-span).min(last - 14);
        Plan {
            created: first - rng.i64(3..=40),
            contacts: Some((first, last)),
            count,
            mood,
            value,
            single_threaded: false,
        }
    }

    pub fn never_contacted(created: i64, value: Value) -> Plan {
        Plan {
            created,
            contacts: None,
            count: 0,
            mood: 0,
            value,
            single_threaded: false,
        }
    }

    /// A last contact comfortably within the cadence.
    pub fn fresh_last_contact(rng: &mut Rng, cadence: u32) -> i64 {
        -rng.i64(1..=(i64::from(cadence) * 4 / 5).max(1))
    }

    /// How satisfied a customer tends to be: mostly 4 or 5, some 3, some never scored.
    pub fn random_mood(rng: &mut Rng) -> u8 {
        match rng.u8(..100) {
            0..20 => 0,
            20..35 => 3,
            35..70 => 4,
            _ => 5,
        }
    }
}

/// A decision moment to write; days relative to today.
pub(super) struct MomentAt<'a> {
    pub title: &'a str,
    pub concerns: &'a str,
    pub steps: &'a str,
    pub response: &'a str,
    pub expected: i64,
    pub planned: i64,
    pub status: Status,
    pub closed: Option<i64>,
}

/// One of `items`, which the pools guarantee is not empty.
pub(super) fn pick<'a, T>(rng: &mut Rng, items: &'a [T]) -> &'a T {
    &items[rng.usize(..items.len())]
}

/// How routine contacts are spread over the kinds, in percent.
const KINDS: [(Kind, u8); 6] = [
    (Kind::Call, 30),
    (Kind::Email, 30),
    (Kind::Message, 12),
    (Kind::Meeting, 10),
    (Kind::Visit, 8),
    (Kind::Note, 10),
];

/// The seed of `Writer::people_rng`.
const PEOPLE_SEED: u64 = 0x9E09_1E5D;

pub(super) struct Writer<'s, 'p> {
    bulk: Box<dyn Bulk + 's>,
    pub pools: &'p Pools,
    pub cal: Calendar,
    pub rng: Rng,
    /// For everything about people: drawn apart from `rng`, so that the rest of the story
    /// is the same as before the demo had people.
    pub people_rng: Rng,
    summary: DemoSummary,
    /// When the customer being written was added.
    created_at: DateTime<Utc>,
    /// This customer's contacts so far, (workday, instant), oldest first. Reused between
    /// customers to spare an allocation each.
    contacts: Vec<(i64, DateTime<Utc>)>,
    /// The people at the customer being written: their id and the days they are there
    /// from and until (`i64::MIN`, `i64::MAX`: always), the main contact first.
    people: Vec<(i64, i64, i64)>,
    /// The people who left, (customer, person, name, when): the trigger each leaving
    /// opened is written last, so the other records keep the ids they had before.
    leavers: Vec<(i64, i64, String, DateTime<Utc>)>,
    /// Every leaving opens its trigger (the hand-written stories); when false (the
    /// generated book) only those of the last `RECENT_LEAVING_DAYS` do, as a user marking
    /// people as they go would have them: the ones before were answered long since, and
    /// 16,000 open leaver triggers at 100k accounts made `due` walk them all (51 ms).
    pub every_leaving_opens: bool,
}

/// How recent a generated leaving is to open its trigger.
const RECENT_LEAVING_DAYS: i64 = 30;

impl<'s, 'p> Writer<'s, 'p> {
    pub fn new(bulk: Box<dyn Bulk + 's>, pools: &'p Pools, cal: Calendar, rng: Rng) -> Self {
        Writer {
            bulk,
            pools,
            cal,
            people_rng: Rng::with_seed(PEOPLE_SEED),
            rng,
            summary: DemoSummary::default(),
            created_at: DateTime::UNIX_EPOCH,
            contacts: Vec::with_capacity(64),
            people: Vec::with_capacity(8),
            leavers: Vec::new(),
            every_leaving_opens: true,
        }
    }

    pub fn finish(mut self) -> anyhow::Result<DemoSummary> {
        // As marking them left opens it: it nudges until someone else there is contacted.
        for (customer, person, name, at) in std::mem::take(&mut self.leavers) {
            self.bulk
                .leaver_trigger(customer, person, &left_note(&name), at)?;
            self.summary.triggers += 1;
        }
        self.bulk.finish()?;
        Ok(self.summary)
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        pick(&mut self.rng, items)
    }

    /// The customer, with `main` (whose first e-mail and phone are the customer's) as
    /// its main contact; their ids.
    pub fn customer(
        &mut self,
        new: &NewCustomer,
        main: &NewPerson,
        plan: &Plan,
    ) -> anyhow::Result<(i64, i64)> {
        self.contacts.clear();
        self.people.clear();
        self.created_at = self.cal.at(&mut self.rng, plan.created);
        self.summary.customers += 1;
        self.summary.people += 1;
        let (id, person) = self.bulk.account(new, main, self.created_at)?;
        self.people.push((person, i64::MIN, i64::MAX));
        Ok((id, person))
    }

    /// Another person at customer `id`, there since day `since` (`None`: always); `left`:
    /// the day they left and where to.
    pub fn person(
        &mut self,
        id: i64,
        p: &NewPerson,
        since: Option<i64>,
        left: Option<(i64, &str)>,
    ) -> anyhow::Result<i64> {
        let person = self.bulk.person(id, p, self.created_at)?;
        if let Some((day, to)) = left {
            let fill = PersonFill {
                left: Some(Left {
                    on: self.cal.date(self.cal.workday(day)),
                    to: to.to_string(),
                }),
                ..PersonFill::default()
            };
            let at = self.cal.at(&mut self.people_rng, day).max(self.created_at);
            self.bulk.fill_person(person, &fill, at)?;
            if self.every_leaving_opens || day >= -RECENT_LEAVING_DAYS {
                self.leavers.push((id, person, p.name.clone(), at));
            }
        }
        let since = since.unwrap_or(i64::MIN);
        self.people
            .push((person, since, left.map_or(i64::MAX, |(day, _)| day)));
        self.summary.people += 1;
        Ok(person)
    }

    /// Whom a routine contact on `day` was with: mostly the main contact, else (or when
    /// `other`) someone else still there on that day.
    fn whom(&mut self, day: i64, single_threaded: bool, other: bool) -> Option<i64> {
        let main = self.people.first().map(|p| p.0);
        if single_threaded || self.people.len() < 2 || (!other && self.people_rng.u8(..100) < 60) {
            return main;
        }
        let start = self.people_rng.usize(1..self.people.len());
        let there = (0..self.people.len() - 1)
            .map(|k| self.people[1 + (start - 1 + k) % (self.people.len() - 1)])
            .find(|&(_, since, until)| since <= day && day < until);
        there.map_or(main, |(person, _, _)| Some(person))
    }

    /// A minute during business hours on `day`, but not before the customer was added.
    fn at(&mut self, day: i64) -> DateTime<Utc> {
        self.cal.at(&mut self.rng, day).max(self.created_at)
    }

    /// Routine contacts from the first to the last day of the plan, the last one a real
    /// contact (not an internal note) so that it sets the last contact. Some carry a
    /// satisfaction score; some made a promise: kept if it fell due, else still open.
    pub fn history(&mut self, id: i64, plan: &Plan) -> anyhow::Result<()> {
        let Some((first, last)) = plan.contacts else {
            return Ok(());
        };
        let last = self.cal.workday(last);
        let at = self.at(last);
        self.contacts.push((last, at));
        for _ in 1..plan.count {
            let day = self.cal.workday(self.rng.i64(first..=last));
            let at = self.at(day);
            self.contacts.push((day, at));
        }
        self.contacts.sort_unstable();
        let pools = self.pools;
        // Each kind's notes are taken in turn from a random start: a customer hears the
        // same note twice only once the whole pool has been used.
        let mut cursors = [0; KINDS.len()];
        for c in &mut cursors {
            *c = self.rng.usize(..1000);
        }
        // The last contact is with the main contact; unless the account hangs on one
        // person, the first one of the last 90 days before it is with someone else: the
        // single-threaded nudge is for those that do hang on one.
        let main = self.people.first().map(|p| p.0);
        let mut recent_other = false;
        for i in 0..self.contacts.len() {
            let (day, at) = self.contacts[i];
            let k = match self.routine_kind() {
                // Calls come first in KINDS.
                k if KINDS[k].0 == Kind::Note && i + 1 == self.contacts.len() => 0,
                k => k,
            };
            let kind = KINDS[k].0;
            let notes = pools.notes.of(kind);
            let note = &notes[cursors[k] % notes.len()];
            cursors[k] += 1;
            let satisfaction = self.satisfaction(kind, plan.mood);
            // An internal note is with no one.
            let with = if !kind.is_contact() {
                None
            } else if i + 1 == self.contacts.len() {
                main
            } else {
                let force = !recent_other && day >= -90;
                self.whom(day, plan.single_threaded, force)
            };
            recent_other |= with != main && day >= -90;
            self.bulk
                .interaction_with(id, with, at, kind, note, satisfaction)?;
            self.summary.interactions += 1;
            if kind.is_contact() && self.rng.u8(..100) < 20 {
                self.kept_promise(id, day, at)?;
            }
        }
        Ok(())
    }

    /// A kind of routine contact, as an index into `KINDS`.
    fn routine_kind(&mut self) -> usize {
        let mut r = self.rng.u8(..100);
        for (i, (_, share)) in KINDS.iter().enumerate() {
            if r < *share {
                return i;
            }
            r -= share;
        }
        0
    }

    fn satisfaction(&mut self, kind: Kind, mood: u8) -> Option<u8> {
        if mood == 0 || !matches!(kind, Kind::Call | Kind::Meeting | Kind::Visit) || self.rng.u8(..100) >= 30
        {
            return None;
        }
        let dip = match self.rng.u8(..100) {
            0..70 => 0,
            70..90 => 1,
            _ => 2,
        };
        Some(mood.saturating_sub(dip).clamp(1, 5))
    }

    /// A follow-up promised in the contact at `at`, due a few days later and done around
    /// then; one still ahead is left open.
    fn kept_promise(&mut self, id: i64, day: i64, at: DateTime<Utc>) -> anyhow::Result<()> {
        let due = day + self.rng.i64(1..=10);
        let pools = self.pools;
        let text = self.pick(&pools.follow_ups);
        let done_at = if due < 0 {
            let done_on = due - self.rng.i64(0..=2);
            let done = self.at(done_on);
            Some(done.max(at + TimeDelta::hours(2)))
        } else {
            None
        };
        self.bulk
            .follow_up(id, text, self.cal.due_date(due), at, done_at)?;
        self.summary.follow_ups += 1;
        Ok(())
    }

    /// A contact the story names, in among the generated ones, with person `with` (`None`:
    /// the main contact).
    pub fn contact(
        &mut self,
        id: i64,
        with: Option<i64>,
        day: i64,
        kind: Kind,
        note: &str,
        satisfaction: Option<u8>,
    ) -> anyhow::Result<(i64, DateTime<Utc>)> {
        let day = self.cal.workday(day.min(0));
        let at = self.at(day);
        let with = with.or_else(|| self.people.first().map(|p| p.0));
        let interaction = self
            .bulk
            .interaction_with(id, with, at, kind, note, satisfaction)?;
        self.summary.interactions += 1;
        if kind.is_contact() {
            let pos = self.contacts.partition_point(|c| *c <= (day, at));
            self.contacts.insert(pos, (day, at));
        }
        Ok((interaction, at))
    }

    /// An open follow-up, promised in the last contact before it falls due (or, for a
    /// customer not yet contacted, a few days before).
    pub fn follow_up(&mut self, id: i64, text: &str, due: i64, created: i64) -> anyhow::Result<()> {
        let promised = if let Some(&(_, at)) = self.contacts.iter().rev().find(|(day, _)| *day < due) {
            at
        } else {
            let day = (due - self.rng.i64(2..=10)).clamp(created, 0);
            self.at(day)
        };
        self.bulk
            .follow_up(id, text, self.cal.due_date(due), promised, None)?;
        self.summary.follow_ups += 1;
        Ok(())
    }

    /// Orders from the first contact until today, as often and as large as the value says.
    pub fn orders(&mut self, id: i64, plan: &Plan) -> anyhow::Result<()> {
        let (every, euros) = match plan.value {
            Value::None => return Ok(()),
            Value::Low => (90, 300..=2_500),
            Value::Mid => (45, 1_500..=9_000),
            Value::High => (30, 8_000..=45_000),
        };
        let Some((first, _)) = plan.contacts else {
            return Ok(());
        };
        let pools = self.pools;
        let mut day = first + self.rng.i64(0..=every / 2);
        while day < 0 {
            let on = self.cal.workday(day);
            let cents =
                self.rng.i64(euros.clone()) * 100 + if self.rng.bool() { 0 } else { self.rng.i64(1..100) };
            let note = self.pick(&pools.order_notes);
            let at = self.at(on);
            self.bulk.order(id, self.cal.date(on), cents, "EUR", note, at)?;
            self.summary.orders += 1;
            day += every + self.rng.i64(-every / 5..=every / 5);
        }
        Ok(())
    }

    /// A decision moment naming `people` (person id and part).
    pub fn moment(&mut self, id: i64, m: &MomentAt<'_>, people: &[(i64, Part)]) -> anyhow::Result<()> {
        let planned_at = self.at(m.planned);
        let closed_at = m.closed.map(|day| self.at(day).max(planned_at));
        let moment = self.bulk.moment(
            id,
            m.title,
            self.cal.due_date(m.expected),
            m.concerns,
            m.steps,
            m.response,
            m.status.as_str(),
            planned_at,
            closed_at,
        )?;
        if !people.is_empty() {
            self.bulk.moment_people(moment, people)?;
        }
        self.summary.moments += 1;
        Ok(())
    }

    /// A switching trigger; a reactional one is logged as the complaint that opened it.
    pub fn trigger(
        &mut self,
        id: i64,
        kind: TriggerKind,
        note: &str,
        opened: i64,
        resolved: Option<i64>,
        satisfaction: Option<u8>,
    ) -> anyhow::Result<()> {
        let kind_str = kind.as_str();
        if kind == TriggerKind::Reactional {
            let (interaction, at) = self.contact(id, None, opened, Kind::Complaint, note, satisfaction)?;
            let resolved_at = self.resolved(at, resolved);
            self.bulk
                .trigger_from_interaction(interaction, id, kind_str, note, at, resolved_at)?;
        } else {
            let at = self.at(opened);
            let resolved_at = self.resolved(at, resolved);
            self.bulk.trigger(id, kind_str, note, at, resolved_at)?;
        }
        self.summary.triggers += 1;
        Ok(())
    }

    fn resolved(&mut self, opened_at: DateTime<Utc>, day: Option<i64>) -> Option<DateTime<Utc>> {
        day.map(|day| {
            self.cal
                .at(&mut self.rng, day)
                .max(opened_at + TimeDelta::hours(1))
        })
    }

    /// A give or an ask; a gift is logged as a gift contact too.
    pub fn balance(
        &mut self,
        id: i64,
        side: &str,
        note: &str,
        weight: u8,
        day: i64,
        gift: bool,
    ) -> anyhow::Result<()> {
        if gift {
            let (interaction, at) = self.contact(id, None, day, Kind::Gift, note, None)?;
            self.bulk
                .balance_from_interaction(interaction, id, side, note, weight, at)?;
        } else {
            let at = self.at(day);
            self.bulk.balance(id, side, note, weight, at)?;
        }
        self.summary.balance_entries += 1;
        Ok(())
    }
}
