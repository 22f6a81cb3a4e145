//! Follow-ups: done once, snoozed while open.

use touchbase::store::NotOpen;

use super::Backend;
use super::support::{customer, day, not_found, now};

pub fn follow_ups_are_done_once_and_snoozed_while_open(b: &dyn Backend) {
    let mut book = b.open();
    let c = book.add_customer(&customer("Acme"), now()).unwrap();
    let f = book
        .add_follow_up(c.id, "  send quote  ", day("2026-11-19"), now())
        .unwrap();
    assert_eq!(
        (f.text.as_str(), f.due, f.done_at),
        ("send quote", day("2026-11-19"), None)
    );
    assert_eq!(book.follow_up(f.id).unwrap(), Some(f.clone()));
    let snoozed = book.snooze_follow_up(f.id, day("2026-11-25")).unwrap();
    assert_eq!(snoozed.due, day("2026-11-25"));
    assert_eq!(book.open_follow_ups(c.id).unwrap(), [snoozed]);
    let done = book.complete_follow_up(f.id, now()).unwrap();
    assert_eq!(done.done_at, Some(now()));
    let again = book.complete_follow_up(f.id, now()).unwrap_err();
    assert_eq!(
        again.downcast_ref::<NotOpen>(),
        Some(&NotOpen::FollowUpDone {
            id: f.id,
            on: day("2026-11-20")
        })
    );
    assert!(again.to_string().contains("already done"), "{again}");
    let snooze = book.snooze_follow_up(f.id, day("2026-11-30")).unwrap_err();
    assert_eq!(
        snooze.downcast_ref::<NotOpen>(),
        Some(&NotOpen::SnoozeDone { id: f.id })
    );
    assert_eq!(
        book.require_follow_up(f.id).unwrap(),
        done,
        "refusals change nothing"
    );
    assert!(book.open_follow_ups(c.id).unwrap().is_empty());
}

pub fn a_missing_follow_up_is_not_found(b: &dyn Backend) {
    let mut book = b.open();
    assert_eq!(book.follow_up(9).unwrap(), None);
    for err in [
        book.require_follow_up(9).unwrap_err(),
        book.complete_follow_up(9, now()).unwrap_err(),
        book.snooze_follow_up(9, day("2026-12-01")).unwrap_err(),
        book.add_follow_up(5, "for nobody", day("2026-12-01"), now())
            .unwrap_err(),
    ] {
        let missing = not_found(&err);
        assert!(
            (missing.what, missing.id) == ("follow-up", 9) || (missing.what, missing.id) == ("customer", 5),
            "{err}"
        );
    }
}
