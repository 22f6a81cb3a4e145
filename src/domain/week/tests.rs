//! The plan at its edges: what is in the week and what is not, overdue first, no item
//! twice.

use chrono::{DateTime, TimeZone as _, Utc, Weekday};

use super::*;
use crate::domain::customer::Summary;
use crate::domain::moment::MomentStatus;
use crate::domain::{Cadence, Tags};

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn at(s: &str) -> DateTime<Utc> {
    Utc.from_utc_datetime(&format!("{s}T12:00:00").parse().unwrap())
}

fn customer(id: i64, name: &str) -> Customer {
    Customer {
        id,
        name: name.into(),
        company: String::new(),
        email: format!("{}@example.com", name.to_lowercase()),
        phone: "+31 20 555 0101".into(),
        tags: Tags::default(),
        cadence: Cadence::from_days(30).unwrap(),
        notes: String::new(),
        archived: false,
        created_at: at("2026-01-01"),
        last_contact_at: Some(at("2026-10-26")),
        summary: Summary::default(),
        paused: None,
    }
}

fn follow_up(id: i64, text: &str, due: &str) -> FollowUp {
    FollowUp {
        id,
        customer_id: 1,
        text: text.into(),
        due: day(due),
        done_at: None,
    }
}

fn moment(id: i64, title: &str, expected: &str) -> Moment {
    Moment {
        id,
        customer_id: 2,
        title: title.into(),
        expected: day(expected),
        concerns: "price".into(),
        steps: String::new(),
        response: "case study".into(),
        status: MomentStatus::Upcoming,
        planned_at: at("2026-11-01"),
        closed_at: None,
        outcome_note: String::new(),
        people: Vec::new(),
    }
}

fn w48() -> Span {
    Span::of_week("2026-W48".parse().unwrap(), WeekStart::default())
}

/// Monday of the week.
fn monday() -> NaiveDate {
    day("2026-11-23")
}

fn plan_of(found: &WeekRecords, today: NaiveDate) -> WeekPlan {
    plan(w48(), today, &Rules::default(), found)
}

#[test]
fn follow_ups_before_the_week_are_carried_in_as_overdue_and_come_first() {
    let acme = customer(1, "Acme");
    let p = plan_of(
        &WeekRecords {
            follow_ups: vec![
                (follow_up(3, "send proposal", "2026-11-27"), acme.clone()),
                (follow_up(2, "call back", "2026-11-20"), acme.clone()),
                (follow_up(1, "quote", "2026-11-02"), acme.clone()),
            ],
            ..WeekRecords::default()
        },
        monday(),
    );
    let kinds: Vec<_> = p.items.iter().map(|i| (i.kind, i.date, i.priority)).collect();
    assert_eq!(
        kinds,
        [
            (ItemKind::Overdue, day("2026-11-02"), Priority::A),
            (ItemKind::Overdue, day("2026-11-20"), Priority::A),
            (ItemKind::FollowUp, day("2026-11-27"), Priority::B),
        ]
    );
    assert_eq!(p.items[1].reason, "3 days overdue (due Fri 20 Nov)");
    assert_eq!(p.items[1].channel, Channel::Call);
    assert_eq!(p.items[2].channel, Channel::Email, "'send' is an email");
    assert_eq!(p.items[2].reason, "due Fri 27 Nov");
    let headings: Vec<_> = p.groups().iter().map(|g| (g.heading, g.items.len())).collect();
    assert_eq!(
        headings,
        [(Heading::Overdue, 2), (Heading::Day(day("2026-11-27")), 1)]
    );
}

#[test]
fn nothing_after_the_week_and_nothing_done() {
    let acme = customer(1, "Acme");
    let mut done = follow_up(4, "done already", "2026-11-24");
    done.done_at = Some(at("2026-11-22"));
    let p = plan_of(
        &WeekRecords {
            follow_ups: vec![
                (follow_up(5, "next week", "2026-11-30"), acme.clone()),
                (done, acme.clone()),
            ],
            moments: vec![(moment(9, "Far away", "2026-12-10"), customer(2, "Beta"))],
            touch_base: vec![TouchBase {
                customer: acme,
                runs_out: day("2026-11-30"),
                last_contact: None,
            }],
            ..WeekRecords::default()
        },
        monday(),
    );
    assert!(p.is_empty(), "{:#?}", p.items);
}

#[test]
fn in_a_running_week_earlier_days_are_overdue() {
    let acme = customer(1, "Acme");
    let p = plan_of(
        &WeekRecords {
            follow_ups: vec![
                (follow_up(1, "call back", "2026-11-23"), acme.clone()),
                (follow_up(2, "demo", "2026-11-25"), acme),
            ],
            ..WeekRecords::default()
        },
        day("2026-11-25"),
    );
    assert_eq!(p.items[0].kind, ItemKind::Overdue);
    assert_eq!(p.items[0].reason, "2 days overdue (due Mon 23 Nov)");
    assert_eq!(
        (p.items[1].kind, p.items[1].priority),
        (ItemKind::FollowUp, Priority::A)
    );
    assert_eq!(p.items[1].reason, "due today");
    assert_eq!(p.items[1].channel, Channel::Meeting);
}

#[test]
fn a_week_ahead_carries_in_only_what_is_late_already_and_says_it_by_date() {
    let next = Span::of_week("2026-W49".parse().unwrap(), WeekStart::default());
    let acme = customer(1, "Acme");
    let p = plan(
        next,
        day("2026-11-25"),
        &Rules::default(),
        &WeekRecords {
            follow_ups: vec![
                (follow_up(1, "call back", "2026-11-20"), acme.clone()),
                (follow_up(2, "tomorrow's", "2026-11-26"), acme.clone()),
                (follow_up(3, "in the week", "2026-12-01"), acme),
            ],
            nudges: vec![a_nudge(NudgeKind::SatisfactionDrop, 20.0, 3)],
            ..WeekRecords::default()
        },
    );
    let got: Vec<_> = p
        .items
        .iter()
        .map(|i| (i.follow_up_id, i.kind, i.reason.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            (Some(1), ItemKind::Overdue, "due Fri 20 Nov, before this week"),
            (Some(3), ItemKind::FollowUp, "due Tue 1 Dec"),
        ]
    );
}

#[test]
fn preparation_that_started_on_a_day_gone_by_is_carried_into_today() {
    let p = plan_of(
        &WeekRecords {
            moments: vec![(moment(1, "Board decision", "2026-11-27"), customer(2, "Beta"))],
            ..WeekRecords::default()
        },
        day("2026-11-25"),
    );
    assert_eq!(p.items[0].date, day("2026-11-25"));
}

#[test]
fn moments_are_prepared_from_their_window_inside_the_week() {
    let beta = customer(2, "Beta");
    let p = plan_of(
        &WeekRecords {
            moments: vec![
                (moment(1, "Board decision", "2026-11-27"), beta.clone()),
                (moment(2, "Renewal", "2026-12-01"), beta.clone()),
                (moment(3, "Kick-off", "2026-11-24"), beta.clone()),
                (moment(4, "Last week", "2026-11-20"), beta),
            ],
            ..WeekRecords::default()
        },
        monday(),
    );
    let got: Vec<_> = p
        .items
        .iter()
        .map(|i| (i.moment_id.unwrap(), i.date, i.priority))
        .collect();
    assert_eq!(
        got,
        [
            (3, day("2026-11-23"), Priority::A),
            (1, day("2026-11-24"), Priority::A),
            (2, day("2026-11-28"), Priority::B),
        ]
    );
    assert_eq!(p.items[1].action, "Prepare for “Board decision”");
    assert_eq!(
        p.items[1].reason,
        "decision expected Fri 27 Nov · their concerns: price · our response: case study"
    );
    assert_eq!(p.items[1].channel, Channel::Prepare);
    assert_eq!(p.items[1].key(), "moment-1");
}

#[test]
fn a_moment_left_open_after_its_day_asks_how_it_went() {
    let p = plan_of(
        &WeekRecords {
            moments: vec![(moment(1, "Board decision", "2026-11-24"), customer(2, "Beta"))],
            ..WeekRecords::default()
        },
        day("2026-11-26"),
    );
    assert_eq!(p.items[0].action, "Record how “Board decision” went");
    assert!(p.items[0].reason.starts_with("was expected Tue 24 Nov"));
}

#[test]
fn cadences_running_out_in_the_week_are_touch_base_items() {
    let p = plan_of(
        &WeekRecords {
            touch_base: vec![TouchBase {
                customer: customer(1, "Acme"),
                runs_out: day("2026-11-25"),
                last_contact: Some(day("2026-10-26")),
            }],
            ..WeekRecords::default()
        },
        monday(),
    );
    let item = &p.items[0];
    assert_eq!(
        (item.kind, item.priority, item.date),
        (ItemKind::TouchBase, Priority::C, day("2026-11-25"))
    );
    assert_eq!(item.action, "Touch base");
    assert_eq!(
        item.reason,
        "last contact Mon 26 Oct; you aim for every 30 days — runs out Wed 25 Nov"
    );
    assert_eq!(item.key(), "touch-base-1-20261125");
}

fn a_nudge(kind: NudgeKind, score: f64, customer_id: i64) -> Nudge {
    Nudge {
        customer_id,
        customer: format!("Customer {customer_id}"),
        phone: String::new(),
        email: String::new(),
        kind,
        score,
        reason: "because".into(),
        follow_up_id: None,
        moment_id: None,
        trigger_id: None,
    }
}

#[test]
fn nudges_already_on_the_list_are_not_listed_twice() {
    let acme = customer(1, "Acme");
    let mut overdue = a_nudge(NudgeKind::FollowUpOverdue, 14.0, 1);
    overdue.follow_up_id = Some(2);
    let mut ahead = a_nudge(NudgeKind::MomentAhead, 12.0, 2);
    ahead.moment_id = Some(1);
    let stale = a_nudge(NudgeKind::CadenceExceeded, 5.0, 1);
    let mut complaint = a_nudge(NudgeKind::ComplaintOpen, 9.5, 3);
    complaint.reason = "complaint “late — again” open for 5 days — resolve it and tell them".into();
    let loyalty = a_nudge(NudgeKind::LoyaltyUnrewarded, 3.0, 4);
    let p = plan_of(
        &WeekRecords {
            follow_ups: vec![(follow_up(2, "call back", "2026-11-20"), acme.clone())],
            moments: vec![(moment(1, "Board decision", "2026-11-25"), customer(2, "Beta"))],
            touch_base: vec![TouchBase {
                customer: acme,
                runs_out: day("2026-11-24"),
                last_contact: None,
            }],
            nudges: vec![overdue, ahead, stale, complaint, loyalty],
            ..WeekRecords::default()
        },
        monday(),
    );
    let nudges: Vec<_> = p
        .items
        .iter()
        .filter(|i| i.kind == ItemKind::Nudge)
        .map(|i| (i.nudge.unwrap(), i.priority, i.date, i.action.as_str()))
        .collect();
    assert_eq!(
        nudges,
        [
            (
                NudgeKind::ComplaintOpen,
                Priority::B,
                monday(),
                "Resolve the complaint"
            ),
            (
                NudgeKind::LoyaltyUnrewarded,
                Priority::C,
                monday(),
                "Reward their loyalty"
            ),
        ]
    );
    assert_eq!(p.items.len(), 5);
    let complaint = p
        .items
        .iter()
        .find(|i| i.nudge == Some(NudgeKind::ComplaintOpen))
        .unwrap();
    assert_eq!(complaint.reason, "complaint “late — again” open for 5 days");
    let keys: HashSet<String> = p.items.iter().map(Item::key).collect();
    assert_eq!(keys.len(), p.items.len(), "keys are unique");
}

#[test]
fn only_the_week_that_holds_today_has_nudges_on_today() {
    let found = || WeekRecords {
        nudges: vec![a_nudge(NudgeKind::ComplaintOpen, 20.0, 3)],
        ..WeekRecords::default()
    };
    assert!(plan_of(&found(), day("2026-12-01")).is_empty());
    assert!(plan_of(&found(), day("2026-11-18")).is_empty());
    let monday = plan_of(&found(), monday());
    assert_eq!(
        (monday.items[0].date, monday.items[0].priority),
        (day("2026-11-23"), Priority::A)
    );
    let midweek = plan_of(&found(), day("2026-11-26"));
    assert_eq!(midweek.items[0].date, day("2026-11-26"));
}

#[test]
fn within_a_day_priority_then_kind_then_name() {
    let p = plan_of(
        &WeekRecords {
            follow_ups: vec![
                (follow_up(1, "call", "2026-11-24"), customer(1, "zeta")),
                (follow_up(2, "call", "2026-11-24"), customer(2, "Alpha")),
            ],
            moments: vec![(moment(3, "Decision", "2026-11-27"), customer(3, "Mid"))],
            ..WeekRecords::default()
        },
        monday(),
    );
    let order: Vec<_> = p.items.iter().map(|i| i.customer.as_str()).collect();
    assert_eq!(order, ["Mid", "Alpha", "zeta"]);
}

#[test]
fn left_out_lists_only_kinds_with_some_left_out() {
    let l = LeftOut {
        follow_ups: 3,
        touch_base: 10,
        ..LeftOut::default()
    };
    assert_eq!(l.total(), 13);
    assert_eq!(l.by_kind(), [(ItemKind::FollowUp, 3), (ItemKind::TouchBase, 10)]);
}

#[test]
fn config_reads_start_day_and_limit() {
    #[derive(Deserialize)]
    struct Wrap {
        week: WeekConfig,
    }
    let w: Wrap = toml::from_str("[week]\nstart = \"sunday\"\n").unwrap();
    assert_eq!(w.week.start, WeekStart(Weekday::Sun));
    assert_eq!(w.week.limit, WeekConfig::default().limit);
    let err = toml::from_str::<Wrap>("[week]\nstart = \"funday\"\n")
        .err()
        .unwrap()
        .to_string();
    assert!(err.contains("'funday' is not a day of the week"), "{err}");
}

fn person(id: i64, customer_id: i64, name: &str, phone: &str) -> Person {
    use crate::domain::person::Detail;
    Person {
        id,
        customer_id,
        name: name.into(),
        role: String::new(),
        notes: String::new(),
        main: false,
        left: None,
        emails: vec![Detail::new(&format!(
            "{}@beta.example",
            name.to_lowercase().replace(' ', ".")
        ))],
        phones: if phone.is_empty() {
            Vec::new()
        } else {
            vec![Detail::new(phone)]
        },
    }
}

/// Each item names the person to contact and carries their phone and e-mail: a moment's
/// champion, the successor of someone who left, else the main contact; with no people
/// recorded, the customer's own.
#[test]
fn items_carry_the_person_to_contact() {
    use crate::domain::moment::{MomentPerson, Part};
    use crate::domain::person::Left;
    let beta = customer(2, "Beta");
    let mut main = person(10, 2, "Anna de Boer", "+31 6 1111 1111");
    main.main = true;
    let champion = person(11, 2, "Jan Smit", "");
    let mut leaver = person(12, 2, "Els Bakker", "+31 6 3333 3333");
    leaver.left = Some(Left {
        on: day("2026-11-01"),
        to: String::new(),
    });
    let mut board = moment(1, "Board decision", "2026-11-25");
    board.people = vec![MomentPerson {
        id: 11,
        name: "Jan Smit".into(),
        part: Part::Champion,
    }];
    let mut unanswered = a_nudge(NudgeKind::SituationUnanswered, 9.0, 2);
    unanswered.trigger_id = Some(5);
    let mut records = WeekRecords {
        follow_ups: vec![
            (follow_up(2, "call back", "2026-11-24"), customer(1, "Acme")),
            (
                FollowUp {
                    customer_id: 2,
                    ..follow_up(3, "send the quote", "2026-11-25")
                },
                beta.clone(),
            ),
        ],
        moments: vec![(board, beta)],
        nudges: vec![unanswered],
        ..WeekRecords::default()
    };
    records.people.insert(
        2,
        AccountPeople {
            people: vec![main, champion, leaver],
            last_contacts: vec![(12, at("2026-10-20")), (11, at("2026-10-01"))],
        },
    );
    records.about.insert(Subject::Trigger(5), About::Beside(12));
    let p = plan_of(&records, monday());
    let of = |key: &str| p.items.iter().find(|i| i.key() == key).unwrap();
    let moment = of("moment-1");
    assert_eq!(
        (moment.contact.as_str(), moment.contact_id),
        ("Jan Smit", Some(11))
    );
    assert_eq!(
        (moment.phone.as_str(), moment.email.as_str()),
        ("", "jan.smit@beta.example")
    );
    let quote = of("follow-up-3");
    assert_eq!(
        (quote.contact.as_str(), quote.phone.as_str()),
        ("Anna de Boer", "+31 6 1111 1111")
    );
    let successor = of("nudge-situation-unanswered-2-5");
    assert_eq!(
        successor.contact, "Jan Smit",
        "the other one last in touch, not the leaver"
    );
    assert_eq!(successor.channel, Channel::Email, "Jan has no phone");
    let acme = of("follow-up-2");
    assert_eq!((acme.contact.as_str(), acme.contact_id), ("", None));
    assert_eq!(acme.phone, "+31 20 555 0101");
}
