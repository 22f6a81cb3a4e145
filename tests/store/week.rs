//! The reads behind one week's to-do list: ranges in the order they are listed, cut at a
//! limit, with the total.

use chrono::Duration;
use touchbase::domain::Cadence;
use touchbase::domain::moment::NewMoment;
use touchbase::store::NewCustomer;

use super::Backend;
use super::support::{at, day, now};

pub fn a_week_is_read_by_day_and_cut_at_the_limit_with_the_total(b: &dyn Backend) {
    let mut book = b.open();
    let (monday, next_monday) = (day("2026-11-23"), day("2026-11-30"));
    let mut ids = Vec::new();
    for (i, due) in [
        "2026-11-27",
        "2026-11-23",
        "2026-11-30",
        "2026-11-22",
        "2026-11-25",
        "2026-11-25",
    ]
    .into_iter()
    .enumerate()
    {
        let c = book
            .add_customer(
                &NewCustomer {
                    name: format!("C{i}"),
                    cadence: Some(Cadence::from_days(7).unwrap()),
                    ..NewCustomer::default()
                },
                // Their cadence runs out a week after they were added.
                at("2026-11-16T09:00:00Z") + Duration::days(i as i64),
            )
            .unwrap();
        let f = book.add_follow_up(c.id, "call", day(due), now()).unwrap();
        ids.push((c.id, f.id));
        let moment = NewMoment {
            title: "decision".into(),
            expected: day(due),
            ..NewMoment::default()
        };
        book.add_moment(c.id, &moment, now()).unwrap();
    }
    let done = book
        .add_follow_up(ids[0].0, "done already", monday, now())
        .unwrap();
    book.complete_follow_up(done.id, now()).unwrap();

    // In the week: the 23rd, the 25th twice, the 27th; not the 22nd, nor the 30th.
    let follow_ups = book.follow_ups_due_between(monday, next_monday, 10).unwrap();
    let due: Vec<_> = follow_ups
        .rows
        .iter()
        .map(|(f, c)| (f.due, f.customer_id == c.id))
        .collect();
    assert_eq!(
        due,
        [
            (day("2026-11-23"), true),
            (day("2026-11-25"), true),
            (day("2026-11-25"), true),
            (day("2026-11-27"), true)
        ]
    );
    assert_eq!((follow_ups.total, follow_ups.left_out()), (4, 0));
    let cut = book.follow_ups_due_between(monday, next_monday, 2).unwrap();
    assert_eq!(
        (&cut.rows[..], cut.total, cut.left_out()),
        (&follow_ups.rows[..2], 4, 2)
    );
    // Ties by id.
    assert!(follow_ups.rows[1].0.id < follow_ups.rows[2].0.id);

    let moments = book.moments_expected_between(monday, next_monday, 3).unwrap();
    let expected: Vec<_> = moments.rows.iter().map(|(m, _)| m.expected).collect();
    assert_eq!(
        expected,
        [day("2026-11-23"), day("2026-11-25"), day("2026-11-25")]
    );
    assert_eq!(moments.total, 4);

    // Added on the 16th to the 21st with a 7-day cadence: runs out on the 23rd to the 28th.
    let from = at("2026-11-23T00:00:00Z");
    let runs_out = book
        .cadence_runs_out_between(from, from + Duration::days(7), 10)
        .unwrap();
    let names: Vec<_> = runs_out.rows.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["C0", "C1", "C2", "C3", "C4", "C5"]);
    let cut = book
        .cadence_runs_out_between(from, from + Duration::days(2), 1)
        .unwrap();
    assert_eq!((cut.rows.len(), cut.total), (1, 2));
}
