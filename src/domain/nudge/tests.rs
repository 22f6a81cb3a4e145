//! Each rule at its boundaries: the day before, on, and after its window. Plain values
//! only: no store, no clock.

use chrono::TimeZone as _;

use super::*;
use crate::clock::Zone;
use crate::domain::balance::Balance;
use crate::domain::customer::Summary;
use crate::domain::money::Cents;
use crate::domain::{Cadence, Tags};

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn at(s: &str) -> DateTime<Utc> {
    Utc.from_utc_datetime(&format!("{s}T12:00:00").parse().unwrap())
}

fn acme(last: Option<&str>) -> Customer {
    Customer {
        id: 1,
        name: "Acme BV".into(),
        company: "Acme".into(),
        email: String::new(),
        phone: String::new(),
        tags: Tags::default(),
        cadence: Cadence::from_days(30).unwrap(),
        notes: String::new(),
        archived: false,
        created_at: at("2026-01-01"),
        last_contact_at: last.map(at),
        summary: Summary::default(),
        paused: None,
    }
}

fn quote(due: &str) -> FollowUp {
    FollowUp {
        id: 7,
        customer_id: 1,
        text: "send the quote".into(),
        due: day(due),
        done_at: None,
    }
}

fn rules() -> Rules {
    Rules::default()
}

#[test]
fn a_follow_up_nudges_from_its_day_on() {
    let c = acme(None);
    assert_eq!(
        follow_up(&quote("2026-11-24"), &c, day("2026-11-23"), &rules()),
        None
    );

    let today = follow_up(&quote("2026-11-23"), &c, day("2026-11-23"), &rules()).unwrap();
    assert_eq!(today.kind, NudgeKind::FollowUpToday);
    assert_eq!(today.reason, "“send the quote” is due today");

    let late = follow_up(&quote("2026-11-20"), &c, day("2026-11-23"), &rules()).unwrap();
    assert_eq!(late.kind, NudgeKind::FollowUpOverdue);
    assert_eq!(late.reason, "“send the quote” is 3 days overdue (due Fri 20 Nov)");
    assert_eq!(late.follow_up_id, Some(7));
}

#[test]
fn overdue_grows_for_two_weeks_then_holds() {
    let c = acme(None);
    let score = |due| {
        follow_up(&quote(due), &c, day("2026-11-30"), &rules())
            .unwrap()
            .score
    };
    assert!(score("2026-11-29") < score("2026-11-23"));
    assert!((score("2026-11-16") - 30.0).abs() < 1e-9);
    assert!((score("2026-10-01") - 30.0).abs() < 1e-9);
}

#[test]
fn a_done_follow_up_never_nudges() {
    let mut f = quote("2026-11-01");
    f.done_at = Some(at("2026-11-02"));
    assert_eq!(follow_up(&f, &acme(None), day("2026-11-23"), &rules()), None);
}

#[test]
fn cadence_nudges_only_once_it_has_run_out() {
    let c = acme(Some("2026-10-24"));
    assert_eq!(
        cadence(&c, at("2026-11-23"), &rules()),
        None,
        "exactly 30 days is on time"
    );
    let n = cadence(&c, at("2026-11-24"), &rules()).unwrap();
    assert_eq!(n.kind, NudgeKind::CadenceExceeded);
    assert_eq!(n.reason, "last contact 31 days ago; you aim for every 30 days");
    let never = cadence(&acme(None), at("2026-11-23"), &rules()).unwrap();
    assert!(
        never.reason.starts_with("no contact yet, added 326 days ago"),
        "{}",
        never.reason
    );
    let twice = cadence(&c, at("2026-12-23"), &rules()).unwrap().score;
    assert!((twice - 4.0 * (1.0 + 2f64.ln())).abs() < 0.01, "{twice}");
    assert!(never.score > twice, "staler weighs more");
}

fn board(expected: &str, planned: &str) -> Moment {
    Moment {
        id: 3,
        customer_id: 1,
        title: "Board approves budget".into(),
        expected: day(expected),
        concerns: String::new(),
        steps: String::new(),
        response: String::new(),
        status: MomentStatus::Upcoming,
        planned_at: at(planned),
        closed_at: None,
        outcome_note: String::new(),
        people: Vec::new(),
    }
}

#[test]
fn a_moment_nudges_inside_its_preparation_window() {
    let c = acme(Some("2026-11-01"));
    let m = board("2026-11-26", "2026-11-10");
    let on = |today| moment(&m, &c, day(today), &rules());
    assert_eq!(
        on("2026-11-22"),
        None,
        "four days ahead is outside the 3-day window"
    );
    let first = on("2026-11-23").unwrap();
    assert_eq!(first.kind, NudgeKind::MomentAhead);
    assert_eq!(
        first.reason,
        "“Board approves budget” in 3 days; nothing logged since you planned it"
    );
    assert_eq!(first.moment_id, Some(3));
    assert!(
        on("2026-11-26").unwrap().score > first.score,
        "the day itself weighs more"
    );
    assert_eq!(
        on("2026-11-26").unwrap().reason,
        "“Board approves budget” today; nothing logged since you planned it"
    );
    assert_ne!(
        on("2026-11-27").map(|n| n.kind),
        Some(NudgeKind::MomentAhead),
        "the day after is past"
    );
}

#[test]
fn a_moment_whose_day_passed_while_open_asks_how_it_went() {
    let mut c = acme(Some("2026-11-01"));
    // Logging something does not answer it: only closing the moment does.
    c.summary.last_logged_at = Some(at("2026-11-27"));
    let m = board("2026-11-26", "2026-11-10");
    let on = |today| moment(&m, &c, day(today), &rules());
    assert_eq!(on("2026-11-25"), None, "prepared for: logged since planned");
    let passed = on("2026-11-27").unwrap();
    assert_eq!(passed.kind, NudgeKind::MomentPassed);
    assert_eq!(
        passed.reason,
        "how did “Board approves budget” go (Thu 26 Nov)? — close it"
    );
    assert_eq!(passed.moment_id, Some(3));
    assert!((passed.score - 7.0).abs() < 1e-9, "{}", passed.score);
    let much_later = on("2027-02-01").unwrap().score;
    assert!((much_later - passed.score).abs() < 1e-9, "a flat weight");
    let mut won = m.clone();
    won.status = MomentStatus::Won;
    assert_eq!(moment(&won, &c, day("2026-11-27"), &rules()), None);
}

#[test]
fn a_contact_in_the_same_second_as_the_planning_came_before_it() {
    let mut c = acme(Some("2026-11-10"));
    c.summary.last_logged_at = Some(at("2026-11-10"));
    let m = board("2026-11-24", "2026-11-10");
    let n = moment(&m, &c, day("2026-11-23"), &rules()).map(|n| n.kind);
    assert_eq!(n, Some(NudgeKind::MomentAhead));
}

#[test]
fn a_moment_prepared_for_does_not_nudge() {
    let mut c = acme(Some("2026-11-01"));
    c.summary.last_logged_at = Some(at("2026-11-20"));
    assert_eq!(
        moment(
            &board("2026-11-24", "2026-11-10"),
            &c,
            day("2026-11-23"),
            &rules()
        ),
        None
    );
    let mut closed = board("2026-11-24", "2026-11-10");
    closed.status = MomentStatus::Won;
    assert_eq!(moment(&closed, &acme(None), day("2026-11-23"), &rules()), None);
}

fn complaint(kind: TriggerKind, opened: &str) -> Trigger {
    Trigger {
        id: 9,
        customer_id: 1,
        kind,
        note: "late delivery".into(),
        opened_at: at(opened),
        resolved_at: None,
        resolution_note: String::new(),
        person_id: None,
        answered_at: None,
    }
}

#[test]
fn a_complaint_nudges_from_the_day_it_arrives_most_then() {
    let c = acme(Some("2026-11-20"));
    let t = complaint(TriggerKind::Reactional, "2026-11-20");
    let score = |now| trigger(&t, &c, at(now), Zone::UTC, &rules()).unwrap().score;
    let fresh = trigger(&t, &c, at("2026-11-20"), Zone::UTC, &rules()).unwrap();
    assert_eq!(fresh.kind, NudgeKind::ComplaintOpen);
    assert_eq!(
        fresh.reason,
        "complaint “late delivery” arrived today — side with them: resolve it and tell them"
    );
    assert!((fresh.score - 27.0).abs() < 1e-9, "three times: {}", fresh.score);
    assert_eq!(
        trigger(&t, &c, at("2026-11-22"), Zone::UTC, &rules())
            .unwrap()
            .reason,
        "complaint “late delivery” arrived 2 days ago — side with them: resolve it and tell them"
    );
    assert!(score("2026-11-21") < fresh.score && score("2026-11-22") < score("2026-11-21"));
    assert!(
        (score("2026-11-23") - 9.0).abs() < 1e-9,
        "calmed to once after three days"
    );
    assert!(
        score("2026-12-04") > score("2026-11-24"),
        "left open, it grows again"
    );
    assert!(
        score("2027-06-01") <= fresh.score,
        "never above the day it arrived"
    );
}

#[test]
fn a_complaint_nudges_after_three_days_open() {
    let c = acme(Some("2026-11-20"));
    let t = complaint(TriggerKind::Reactional, "2026-11-20");
    let n = trigger(&t, &c, at("2026-11-24"), Zone::UTC, &rules()).unwrap();
    assert_eq!(n.kind, NudgeKind::ComplaintOpen);
    assert_eq!(
        n.reason,
        "complaint “late delivery” open for 4 days — resolve it and tell them"
    );
    assert_eq!(n.trigger_id, Some(9));
    let mut resolved = t.clone();
    resolved.resolved_at = Some(at("2026-11-22"));
    assert_eq!(
        trigger(&resolved, &c, at("2026-11-30"), Zone::UTC, &rules()),
        None
    );
}

#[test]
fn a_competitors_offer_nudges_until_a_contact_logged_after_it() {
    let mut t = complaint(TriggerKind::Influential, "2026-11-10");
    t.note = "Rival offered 10% off".into();
    let n = trigger(
        &t,
        &acme(Some("2026-11-09")),
        at("2026-11-23"),
        Zone::UTC,
        &rules(),
    )
    .unwrap();
    assert_eq!(n.kind, NudgeKind::InfluenceUnanswered);
    assert_eq!(
        n.reason,
        "“Rival offered 10% off” noted 13 days ago and no contact since — answer it before they switch"
    );
    assert!((n.score - 7.0).abs() < 1e-9);
    assert_eq!(n.trigger_id, Some(9));
    assert_eq!(
        trigger(
            &t,
            &acme(Some("2026-11-11")),
            at("2026-11-23"),
            Zone::UTC,
            &rules()
        ),
        None,
        "a contact after it answers it"
    );
}

#[test]
fn a_changed_situation_nudges_until_answered_by_a_contact() {
    let t = complaint(TriggerKind::Situational, "2026-11-10");
    let before = acme(Some("2026-11-09"));
    let n = trigger(&t, &before, at("2026-11-23"), Zone::UTC, &rules()).unwrap();
    assert_eq!(n.kind, NudgeKind::SituationUnanswered);
    assert_eq!(
        n.reason,
        "“late delivery” noted 13 days ago and no contact since — reach out"
    );
    assert_eq!(
        trigger(
            &t,
            &acme(Some("2026-11-11")),
            at("2026-11-23"),
            Zone::UTC,
            &rules()
        ),
        None
    );
    let influential = complaint(TriggerKind::Influential, "2026-11-01");
    assert_eq!(
        trigger(&influential, &before, at("2026-11-23"), Zone::UTC, &rules()),
        None
    );
}

#[test]
fn asking_more_than_giving_nudges() {
    let mut c = acme(None);
    c.summary.balance = Balance { gives: 1, asks: 1 };
    assert!(balance(&c, at("2026-11-23"), &rules()).is_empty(), "even is fine");
    c.summary.balance = Balance { gives: 1, asks: 3 };
    let n = &balance(&c, at("2026-11-23"), &rules())[0];
    assert_eq!(n.kind, NudgeKind::TakingTooMuch);
    assert_eq!(
        n.reason,
        "you asked 3 times and gave once — give something before the next ask"
    );
}

#[test]
fn very_satisfied_customers_are_rewarded_every_180_days() {
    let mut c = acme(None);
    c.summary.satisfaction = Some(5);
    c.summary.prev_satisfaction = Some(5);
    c.summary.last_give_at = Some(at("2026-05-28"));
    assert!(balance(&c, at("2026-11-23"), &rules()).is_empty(), "179 days");
    let n = &balance(&c, at("2026-11-24"), &rules())[0];
    assert_eq!(n.kind, NudgeKind::LoyaltyUnrewarded);
    assert_eq!(
        n.reason,
        "very satisfied (5) and nothing given in 180 days — reward their loyalty"
    );
    c.summary.satisfaction = Some(4);
    assert!(
        balance(&c, at("2026-12-24"), &rules()).is_empty(),
        "satisfied (4) is not very satisfied"
    );
}

#[test]
fn loyalty_needs_a_history_90_days_in_the_book_and_more_than_one_satisfaction() {
    let mut c = acme(None);
    c.created_at = at("2026-11-23");
    c.summary.satisfaction = Some(5);
    let loyal = |c: &Customer, now| {
        balance(c, at(now), &rules())
            .iter()
            .any(|n| n.kind == NudgeKind::LoyaltyUnrewarded)
    };
    assert!(!loyal(&c, "2026-11-23"), "added today with one =5");
    assert!(!loyal(&c, "2027-06-01"), "old enough, one record");
    c.summary.prev_satisfaction = Some(4);
    assert!(!loyal(&c, "2026-12-23"), "two records, a month old");
    assert!(!loyal(&c, "2027-02-20"), "89 days");
    assert!(loyal(&c, "2027-02-21"), "two records, 90 days in the book");
}

#[test]
fn a_satisfaction_drop_nudges_by_its_size() {
    let mut c = acme(None);
    c.summary.satisfaction = Some(4);
    c.summary.prev_satisfaction = Some(4);
    assert_eq!(satisfaction(&c, Zone::UTC, &rules()), None);
    c.summary.satisfaction = Some(3);
    c.summary.prev_satisfaction = Some(5);
    c.summary.satisfaction_at = Some(at("2026-11-10"));
    let n = satisfaction(&c, Zone::UTC, &rules()).unwrap();
    assert_eq!(
        n.reason,
        "satisfaction dropped from 5 to 3 (Tue 10 Nov) — ask what changed"
    );
    assert!((n.score - 10.0).abs() < 1e-9);
}

#[test]
fn a_satisfaction_drop_is_dated_by_the_local_day() {
    let mut c = acme(None);
    c.summary.satisfaction = Some(3);
    c.summary.prev_satisfaction = Some(5);
    c.summary.satisfaction_at = Some(Utc.with_ymd_and_hms(2026, 11, 10, 23, 30, 0).unwrap());
    let reason = |zone| satisfaction(&c, zone, &rules()).unwrap().reason;
    assert!(
        reason(Zone::UTC).contains("(Tue 10 Nov)"),
        "{}",
        reason(Zone::UTC)
    );
    let east = Zone::parse("+02:00").unwrap();
    assert!(reason(east).contains("(Wed 11 Nov)"), "{}", reason(east));
}

#[test]
fn a_satisfaction_drop_is_answered_by_the_next_contact() {
    // The score came with the contact of 10 Nov.
    let mut c = acme(Some("2026-11-10"));
    c.summary.satisfaction = Some(3);
    c.summary.prev_satisfaction = Some(5);
    c.summary.satisfaction_at = Some(at("2026-11-10"));
    assert!(
        satisfaction(&c, Zone::UTC, &rules()).is_some(),
        "no contact since the drop"
    );
    c.last_contact_at = Some(at("2026-11-09"));
    assert!(
        satisfaction(&c, Zone::UTC, &rules()).is_some(),
        "the last contact was before it"
    );
    c.last_contact_at = Some(at("2026-11-11"));
    assert_eq!(satisfaction(&c, Zone::UTC, &rules()), None, "they talked since");
}

#[test]
fn value_lifts_every_nudge_of_a_valuable_customer() {
    let plain = acme(Some("2026-09-01"));
    let mut valuable = plain.clone();
    valuable.summary.value = Cents(6_000_000);
    let a = cadence(&plain, at("2026-11-23"), &rules()).unwrap().score;
    let b = cadence(&valuable, at("2026-11-23"), &rules()).unwrap().score;
    assert!((b / a - 1.3).abs() < 0.01, "tier 3 lifts by 30%: {a} → {b}");
}

#[test]
fn rank_puts_the_highest_score_first_and_urgency_sums() {
    let c = acme(Some("2026-09-01"));
    let mut all = vec![
        cadence(&c, at("2026-11-23"), &rules()).unwrap(),
        follow_up(&quote("2026-11-10"), &c, day("2026-11-23"), &rules()).unwrap(),
    ];
    rank(&mut all);
    assert_eq!(all[0].kind, NudgeKind::FollowUpOverdue);
    assert!((urgency(&all) - (all[0].score + all[1].score)).abs() < 0.01);
}

#[test]
fn no_nudges_is_an_urgency_of_zero_not_minus_zero() {
    assert_eq!(format!("{:.1}", urgency(&[])), "0.0");
}

/// Every front end prints the scores as they come from here: the card `{:.1}`, `why`
/// `{:.2}`, JSON as is.
#[test]
fn no_score_is_ever_negative_zero() {
    let c = acme(Some("2026-09-01"));
    for base in [-0.0, -0.001, -0.004_9] {
        let n = Nudge::new(&c, NudgeKind::CadenceExceeded, base, String::new(), &rules());
        assert!(n.score.is_sign_positive(), "{base}: {}", n.score);
        assert_eq!(format!("{:.2}", n.score), "0.00");
        let total = urgency(std::slice::from_ref(&n));
        assert_eq!(format!("{total:.1}"), "0.0");
        assert_eq!(serde_json::to_string(&total).unwrap(), "0.0");
    }
}

#[test]
fn a_leaver_s_trigger_is_answered_only_by_a_contact_with_someone_else() {
    let mut t = complaint(TriggerKind::Situational, "2026-11-20");
    t.note = "Anna de Boer left — build the relationship with the successor".into();
    t.person_id = Some(2);
    // A contact since, but with Anna (or the main contact while Anna is main): still open.
    let talked = acme(Some("2026-11-22"));
    let n = trigger(&t, &talked, at("2026-11-23"), Zone::UTC, &rules()).expect("nudges");
    assert_eq!(n.kind, NudgeKind::SituationUnanswered);
    assert_eq!(
        n.reason,
        "“Anna de Boer left — build the relationship with the successor” noted 3 days ago and \
         no contact with anyone else there since — meet the successor"
    );
    assert_eq!(n.trigger_id, Some(9));
    t.answered_at = Some(at("2026-11-22"));
    assert_eq!(trigger(&t, &talked, at("2026-11-23"), Zone::UTC, &rules()), None);
    // Any other situational trigger is answered by any contact since.
    let mut plain = complaint(TriggerKind::Situational, "2026-11-20");
    assert_eq!(
        trigger(&plain, &talked, at("2026-11-23"), Zone::UTC, &rules()),
        None
    );
    plain.opened_at = at("2026-11-23");
    assert!(trigger(&plain, &talked, at("2026-11-23"), Zone::UTC, &rules()).is_some());
}

fn big(cents: i64) -> Customer {
    let mut c = acme(Some("2026-11-20"));
    c.name = "Kühne Maschinenbau".into();
    c.summary.value = Cents(cents);
    c
}

fn thread(contacts: u32, open_moment: bool) -> Thread {
    Thread {
        person_id: 3,
        person: "Thomas Kühne".into(),
        contacts,
        open_moment,
    }
}

#[test]
fn a_valuable_account_on_one_person_is_single_threaded() {
    let n = single_threaded(&big(14_955_000), &thread(4, false), &rules()).expect("nudges");
    assert_eq!(n.kind, NudgeKind::SingleThreaded);
    assert_eq!(
        n.reason,
        "EUR 149,550.00 hangs on Thomas Kühne alone: all 4 contacts in 90 days were with them \
         — meet a second person"
    );
    assert!((n.score - 2.0 * 1.3).abs() < 1e-9, "{}", n.score);
    // Tier 2 (10,000 and up) is valuable; tier 1 only with an open decision moment.
    assert!(single_threaded(&big(1_000_000), &thread(2, false), &rules()).is_some());
    assert_eq!(single_threaded(&big(999_999), &thread(2, false), &rules()), None);
    let deciding = single_threaded(&big(0), &thread(2, true), &rules()).expect("a decision");
    assert!(
        deciding
            .reason
            .starts_with("an open decision hangs on Thomas Kühne alone"),
        "{}",
        deciding.reason
    );
    // One contact is no pattern.
    assert_eq!(
        single_threaded(&big(14_955_000), &thread(1, true), &rules()),
        None
    );
    // Weighted like every nudge; 0 switches it off in effect.
    let mut r = rules();
    r.weights.single_threaded = 0.0;
    r.currency = "USD".into();
    let off = single_threaded(&big(14_955_000), &thread(4, false), &r).unwrap();
    assert!(
        off.score.abs() < 1e-9 && off.reason.starts_with("USD 149,550.00"),
        "{off:?}"
    );
}
