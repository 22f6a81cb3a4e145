//! The nudge walks: every kind and value tier has one, and each hands out its rows in the
//! order of the scores the domain rules give them, which is what lets the agenda read only
//! the first rows of most walks.

use chrono::{Duration, NaiveDate};
use touchbase::clock::Zone;
use touchbase::domain::Cadence;
use touchbase::domain::balance::Side;
use touchbase::domain::moment::NewMoment;
use touchbase::domain::money::Cents;
use touchbase::domain::nudge::{self, NudgeKind, Rules};
use touchbase::domain::trigger::TriggerKind;
use touchbase::store::{Book, NewCustomer, Rows, Stream, Window};

use super::Backend;
use super::support::{at, line, now};

fn today() -> NaiveDate {
    now().date_naive()
}

fn window(rules: &Rules) -> Window {
    Window {
        today: today(),
        now: now(),
        moments_through: rules.prepare_through(today()),
        complaints_before: rules.complaints_before(now()),
        loyalty_before: rules.loyalty_before(now()),
        loyal_if_added_before: rules.loyal_if_added_before(now()),
        single_threaded_since: rules.single_threaded_since(now()),
    }
}

const AMOUNTS: [i64; 4] = [0, 100_000, 1_000_000, 5_000_000];
const CADENCES: [u32; 3] = [7, 14, 30];

/// Forty customers spread over the value tiers and three cadences, each with a different
/// history, so that every walk has several rows in every tier with different scores.
fn varied_book(b: &dyn Backend) -> Box<dyn Book> {
    let mut book = b.open();
    let days = Duration::days;
    for i in 0..40i64 {
        let created = at("2026-01-01T09:00:00Z") + days(i * 5);
        let c = book
            .add_customer(
                &NewCustomer {
                    name: format!("Customer {i:02}"),
                    cadence: Some(Cadence::from_days(CADENCES[(i % 3) as usize]).unwrap()),
                    ..NewCustomer::default()
                },
                created,
            )
            .unwrap();
        let id = c.id;
        let amount = AMOUNTS[((i / 3) % 4) as usize];
        if amount > 0 {
            book.add_order(id, created.date_naive(), Cents(amount + i), "EUR", created)
                .unwrap();
        }
        let contact = now() - days(i * 3 % 40 + 1);
        if i % 5 != 0 {
            match i % 4 {
                // Twice: loyalty needs a history.
                0 => {
                    book.log_contact(id, &line("call: good =5"), contact - days(5))
                        .unwrap();
                    book.log_contact(id, &line("visit: great =5"), contact)
                }
                1 => {
                    book.log_contact(id, &line("call: fine =5"), contact - days(10))
                        .unwrap();
                    let drop = format!("call: worse ={}", 1 + i % 3);
                    book.log_contact(id, &line(&drop), contact)
                }
                _ => book.log_contact(id, &line("call: hi"), contact),
            }
            .unwrap();
        }
        book.add_follow_up(id, "overdue or today", today() - days(i % 9), created)
            .unwrap();
        if i % 2 == 1 {
            book.add_follow_up(id, "another", today() - days(i * 7 % 13), created)
                .unwrap();
        }
        for n in 0..i % 4 {
            book.add_balance_entry(id, Side::Ask, "a favour", contact + Duration::minutes(n))
                .unwrap();
        }
        if i % 3 == 0 {
            book.add_balance_entry(id, Side::Give, "a gift", now() - days(i * 20))
                .unwrap();
        }
        if i % 2 == 0 {
            let opened = now() - days(4 + i % 11);
            book.add_trigger(id, TriggerKind::Reactional, "a complaint", opened)
                .unwrap();
        }
        if i % 3 == 1 {
            book.add_trigger(
                id,
                TriggerKind::Situational,
                "a new buyer",
                now() - Duration::hours(12 + i),
            )
            .unwrap();
        }
        if i % 2 == 1 {
            // Fresh ones (and a few just past `complaint_days`).
            let opened = now() - Duration::hours(i * 3);
            book.add_trigger(id, TriggerKind::Reactional, "a fresh complaint", opened)
                .unwrap();
        }
        if i % 3 == 2 {
            let opened = now() - Duration::hours(20 + i);
            book.add_trigger(id, TriggerKind::Influential, "a rival's offer", opened)
                .unwrap();
            let moment = NewMoment {
                title: "a decision gone by".into(),
                expected: today() - days(1 + i % 5),
                ..NewMoment::default()
            };
            book.add_moment(id, &moment, now() - days(20)).unwrap();
        }
        if i % 3 == 0 {
            let moment = NewMoment {
                title: "a decision".into(),
                expected: today() + days(i % 4),
                ..NewMoment::default()
            };
            book.add_moment(id, &moment, now() - Duration::hours(1)).unwrap();
        }
    }
    book
}

/// The score the rules give each row for the walk's kind of nudge (`None`: no such nudge).
fn scores(stream: Stream, rows: &Rows, rules: &Rules) -> Vec<Option<f64>> {
    let kind = stream.kind();
    let of = |n: Option<nudge::Nudge>| n.filter(|n| n.kind == kind).map(|n| n.score);
    match rows {
        Rows::FollowUps(rows) => rows
            .iter()
            .map(|(f, c)| of(nudge::follow_up(f, c, today(), rules)))
            .collect(),
        Rows::Moments(rows) => rows
            .iter()
            .map(|(m, c)| of(nudge::moment(m, c, today(), rules)))
            .collect(),
        Rows::Triggers(rows) => rows
            .iter()
            .map(|(t, c)| of(nudge::trigger(t, c, now(), Zone::UTC, rules)))
            .collect(),
        Rows::Threads(rows) => rows
            .iter()
            .map(|(t, c)| of(nudge::single_threaded(c, t, rules)))
            .collect(),
        Rows::Customers(rows) => rows
            .iter()
            .map(|c| {
                let mut all: Vec<_> = nudge::cadence(c, now(), rules).into_iter().collect();
                all.extend(nudge::balance(c, now(), rules));
                all.extend(nudge::satisfaction(c, touchbase::clock::Zone::UTC, rules));
                of(all.into_iter().find(|n| n.kind == kind))
            })
            .collect(),
    }
}

pub fn every_walk_hands_out_its_rows_in_score_order(b: &dyn Backend) {
    let book = varied_book(b);
    let rules = Rules::default();
    let w = window(&rules);
    let mut walks_with_rows = 0;
    let mut kinds = std::collections::HashSet::new();
    for stream in book.nudge_streams().unwrap() {
        let rows = book.stream_rows(stream, &w, 1000).unwrap();
        let scores = scores(stream, &rows, &rules);
        assert!(
            scores.iter().all(Option::is_some),
            "{stream:?}: every row is a nudge of its kind: {scores:?}"
        );
        let scores: Vec<f64> = scores.into_iter().flatten().collect();
        assert!(
            scores.windows(2).all(|pair| pair[1] <= pair[0]),
            "{stream:?}: a later row scores above an earlier one: {scores:?}"
        );
        // The first rows of a walk are its first rows whatever the limit.
        let first = book.stream_rows(stream, &w, 2).unwrap();
        assert_eq!(first.len(), rows.len().min(2), "{stream:?}");
        if scores.len() > 1 {
            walks_with_rows += 1;
            kinds.insert(stream.kind());
        }
    }
    assert_eq!(
        kinds.len(),
        NudgeKind::ALL.len(),
        "every kind was put to the test: {kinds:?}"
    );
    assert!(
        walks_with_rows > 20,
        "{walks_with_rows} walks with two rows or more"
    );
}

pub fn every_kind_and_tier_has_a_walk(b: &dyn Backend) {
    let book = varied_book(b);
    let streams = book.nudge_streams().unwrap();
    for tier in 0..4 {
        for stream in [
            Stream::Overdue { tier },
            Stream::Today { tier },
            Stream::Moments { tier },
            Stream::MomentsPassed { tier },
            Stream::Complaints { tier },
            Stream::FreshComplaints { tier },
            Stream::Situations { tier },
            Stream::Influences { tier },
            Stream::Taking { tier },
            Stream::Loyal { tier },
            Stream::LessSatisfied { tier },
            Stream::SingleThreaded { tier },
        ] {
            assert!(streams.contains(&stream), "{stream:?}");
        }
        for days in CADENCES {
            let stream = Stream::Cadence {
                days: i64::from(days),
                tier,
            };
            assert!(streams.contains(&stream), "{stream:?}");
        }
    }
    assert_eq!(
        streams.len(),
        4 * (12 + CADENCES.len()),
        "one walk per cadence in use"
    );
}

pub fn counts_and_upcoming_moments(b: &dyn Backend) {
    let book = varied_book(b);
    let rules = Rules::default();
    let w = window(&rules);
    let (mut overdue, mut due_today, mut past_cadence) = (0, 0, 0);
    for stream in book.nudge_streams().unwrap() {
        let n = book.stream_rows(stream, &w, 1000).unwrap().len();
        match stream {
            Stream::Overdue { .. } => overdue += n,
            Stream::Today { .. } => due_today += n,
            Stream::Cadence { .. } => past_cadence += n,
            _ => {}
        }
    }
    assert_eq!(book.count_follow_ups_due(today()).unwrap(), (overdue, due_today));
    assert!(overdue > 0 && due_today > 0);
    assert_eq!(book.count_cadence_overdue(now(), today()).unwrap(), past_cadence);

    let through = today() + Duration::days(2);
    let moments = book
        .moments_expected_between(today(), through + Duration::days(1), 100)
        .unwrap()
        .rows;
    assert!(!moments.is_empty());
    assert!(
        moments
            .iter()
            .all(|(m, c)| m.expected <= through && m.customer_id == c.id)
    );
    assert!(
        moments
            .windows(2)
            .all(|p| (p[0].0.expected, p[0].0.id) < (p[1].0.expected, p[1].0.id))
    );
    assert_eq!(
        book.moments_expected_between(today(), through + Duration::days(1), 1)
            .unwrap()
            .rows[..],
        moments[..1]
    );
}
