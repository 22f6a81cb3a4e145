//! The prompt line's counts (`touchbase status`): open follow-ups overdue and due today,
//! upcoming moments to prepare; done, closed, later and archived ones left out.

use touchbase::domain::moment::{MomentStatus, NewMoment};

use super::Backend;
use super::support::{customer, day, now};
use touchbase::store::DueCounts;

fn moment(title: &str, expected: &str) -> NewMoment {
    NewMoment {
        title: title.into(),
        expected: day(expected),
        concerns: String::new(),
        steps: String::new(),
        response: String::new(),
    }
}

pub fn what_is_due_is_counted_without_done_later_or_archived_rows(b: &dyn Backend) {
    let mut book = b.open();
    let today = day("2026-11-20");
    let through = day("2026-11-23");
    assert_eq!(
        book.count_due(today, through).unwrap(),
        DueCounts::default(),
        "a new book"
    );

    let acme = book.add_customer(&customer("Acme"), now()).unwrap().id;
    let gone = book.add_customer(&customer("Gone"), now()).unwrap().id;
    for (text, due) in [
        ("send the quote", "2026-11-18"),
        ("call back", "2026-11-19"),
        ("done already", "2026-11-17"),
        ("ring today", "2026-11-20"),
        ("next week", "2026-11-27"),
    ] {
        let f = book.add_follow_up(acme, text, day(due), now()).unwrap();
        if text == "done already" {
            book.complete_follow_up(f.id, now()).unwrap();
        }
    }
    for (title, expected) in [
        ("passed yesterday", "2026-11-19"),
        ("board today", "2026-11-20"),
        ("budget call", "2026-11-23"),
        ("one day too late", "2026-11-24"),
        ("closed already", "2026-11-21"),
    ] {
        let m = book.add_moment(acme, &moment(title, expected), now()).unwrap();
        if title == "closed already" {
            book.close_moment(m.id, MomentStatus::Won, "", now()).unwrap();
        }
    }
    // An archived customer's overdue, today's and moment to prepare count for nothing.
    book.add_follow_up(gone, "overdue", day("2026-11-10"), now())
        .unwrap();
    book.add_follow_up(gone, "today", today, now()).unwrap();
    book.add_moment(gone, &moment("to prepare", "2026-11-21"), now())
        .unwrap();
    let counted = DueCounts {
        overdue: 2,
        today: 1,
        prepare: 2,
    };
    let before = book.count_due(today, through).unwrap();
    assert_eq!(
        before,
        DueCounts {
            overdue: 3,
            today: 2,
            prepare: 3
        },
        "before Gone is archived"
    );
    book.set_archived(gone, true, now()).unwrap();
    assert_eq!(b.open().count_due(today, through).unwrap(), counted);
    // The same as the follow-up count the agenda shows.
    assert_eq!(
        book.count_follow_ups_due(today).unwrap(),
        (counted.overdue, counted.today)
    );
    // A window of today alone.
    assert_eq!(book.count_due(today, today).unwrap().prepare, 1);
}
