//! The undo journal through the contract: an action and its entry are saved together or
//! not at all, undo takes the newest open entry of any handle, a refused entry is marked
//! and passed over, and the newest entries are kept.

use touchbase::store::{Book, By, Change, JOURNAL_KEEP, Journaled, Undid};

use super::Backend;
use super::support::{at, customer, line, now};

/// Logs `text` for `customer_id` as a journaled action `by` one front end.
fn log(book: &mut dyn Book, by: By, customer_id: i64, text: &str, said: &str) -> Change {
    let mut change = None;
    book.journaled(by, now(), &mut |b| {
        let logged = b.log_contact(customer_id, &line(text), now())?;
        let c = Change::Logged { customer_id, logged };
        change = Some(c.clone());
        Ok(Some(Journaled {
            said: said.into(),
            change: c,
        }))
    })
    .unwrap();
    change.unwrap()
}

/// The customers called `name`.
fn named(book: &dyn Book, name: &str) -> Vec<String> {
    book.customers_named(name, 10)
        .unwrap()
        .exact
        .into_iter()
        .map(|c| c.name)
        .collect()
}

pub fn a_journaled_action_is_undone_newest_first_from_any_handle(b: &dyn Backend) {
    let mut tui = b.open();
    let mut cli = b.open();
    let acme = tui.add_customer(&customer("Acme"), now()).unwrap().id;
    let first = log(
        &mut *tui,
        By::Tui,
        acme,
        "call: pricing >> send the quote @fri #vip =4",
        "logged a call with Acme",
    );
    let second = log(
        &mut *cli,
        By::Cli,
        acme,
        "email: sent it",
        "logged an email with Acme",
    );

    let listed = tui.journal(10).unwrap();
    let shown: Vec<_> = listed
        .iter()
        .map(|e| (e.by, e.said.as_str(), e.at, e.undone_at))
        .collect();
    assert_eq!(
        shown,
        [
            (By::Cli, "logged an email with Acme", now(), None),
            (By::Tui, "logged a call with Acme", now(), None),
        ]
    );

    let later = at("2026-11-21T08:00:00Z");
    let Undid::Undone { entry, change } = tui.undo_latest(later).unwrap() else {
        panic!("undone")
    };
    assert_eq!(
        (entry.said.as_str(), entry.undone_at),
        ("logged an email with Acme", Some(later))
    );
    assert_eq!(*change, second, "the change comes back as it was written");
    assert_eq!(cli.interactions(acme, 10).unwrap().len(), 1);

    let Undid::Undone { change, .. } = cli.undo_latest(later).unwrap() else {
        panic!("undone")
    };
    assert_eq!(*change, first);
    let c = tui.require_customer(acme).unwrap();
    assert!(c.tags.is_empty() && c.last_contact_at.is_none(), "{c:?}");
    assert!(tui.open_follow_ups(acme).unwrap().is_empty());
    assert_eq!(tui.undo_latest(later).unwrap(), Undid::Nothing);
    assert!(
        tui.journal(10)
            .unwrap()
            .iter()
            .all(|e| e.undone_at == Some(later))
    );
}

pub fn a_failed_action_saves_neither_its_writes_nor_an_entry(b: &dyn Backend) {
    let mut book = b.open();
    let err = book
        .journaled(By::Cli, now(), &mut |b| {
            b.add_customer(&customer("Acme"), now())?;
            anyhow::bail!("refused after writing")
        })
        .expect_err("the action failed");
    assert_eq!(err.to_string(), "refused after writing");
    assert!(named(&*b.open(), "Acme").is_empty(), "the write went with it");
    assert!(book.journal(10).unwrap().is_empty());

    // An action that changed nothing worth undoing keeps its writes and leaves no entry.
    book.journaled(By::Tui, now(), &mut |b| {
        b.add_customer(&customer("Beta"), now())?;
        Ok(None)
    })
    .unwrap();
    assert_eq!(named(&*b.open(), "Beta"), ["Beta"]);
    assert!(book.journal(10).unwrap().is_empty());
    assert_eq!(book.undo_latest(now()).unwrap(), Undid::Nothing);
}

pub fn a_refused_entry_changes_nothing_and_undo_goes_on_to_the_one_before(b: &dyn Backend) {
    let mut tui = b.open();
    let mut other = b.open();
    let acme = tui.add_customer(&customer("Acme"), now()).unwrap().id;
    log(
        &mut *tui,
        By::Tui,
        acme,
        "visit: tour",
        "logged a visit with Acme",
    );
    log(
        &mut *tui,
        By::Tui,
        acme,
        "call: pricing >> send the quote @fri",
        "logged a call with Acme",
    );
    // Written without the journal, as another program would.
    let follow_up = other.open_follow_ups(acme).unwrap()[0].id;
    other.complete_follow_up(follow_up, now()).unwrap();

    let Undid::Refused { entry, refused, next } = tui.undo_latest(now()).unwrap() else {
        panic!("refused")
    };
    assert_eq!(entry.said, "logged a call with Acme");
    assert_eq!(
        refused.why,
        "its follow-up “send the quote” was marked done since"
    );
    assert_eq!(entry.refused.as_deref(), Some(refused.why.as_str()));
    assert_eq!(next.map(|e| e.said), Some("logged a visit with Acme".to_string()));
    assert_eq!(
        other.interactions(acme, 10).unwrap().len(),
        2,
        "nothing was changed"
    );
    assert!(other.require_follow_up(follow_up).unwrap().done_at.is_some());
    let listed = other.journal(10).unwrap();
    assert_eq!(listed[0].refused.as_deref(), Some(refused.why.as_str()));
    assert_eq!(listed[0].undone_at, None);

    let Undid::Undone { entry, .. } = tui.undo_latest(now()).unwrap() else {
        panic!("the one before is undone")
    };
    assert_eq!(entry.said, "logged a visit with Acme");
    let notes: Vec<_> = other
        .interactions(acme, 10)
        .unwrap()
        .into_iter()
        .map(|i| i.note)
        .collect();
    assert_eq!(notes, ["pricing"]);
    assert_eq!(tui.undo_latest(now()).unwrap(), Undid::Nothing);
}

pub fn the_journal_keeps_its_newest_entries(b: &dyn Backend) {
    let mut book = b.open();
    let acme = book.add_customer(&customer("Acme"), now()).unwrap().id;
    let n = JOURNAL_KEEP + 5;
    for i in 0..n {
        log(
            &mut *book,
            By::Cli,
            acme,
            &format!("note: {i}"),
            &format!("note {i}"),
        );
    }
    let listed = book.journal(n).unwrap();
    assert_eq!(listed.len(), JOURNAL_KEEP);
    assert_eq!(listed[0].said, format!("note {}", n - 1));
    assert_eq!(listed[JOURNAL_KEEP - 1].said, "note 5");
    for _ in 0..JOURNAL_KEEP {
        assert!(matches!(book.undo_latest(now()).unwrap(), Undid::Undone { .. }));
    }
    assert_eq!(book.undo_latest(now()).unwrap(), Undid::Nothing);
    let left: Vec<_> = book
        .interactions(acme, 10)
        .unwrap()
        .into_iter()
        .map(|i| i.note)
        .collect();
    assert_eq!(left, ["4", "3", "2", "1", "0"], "the pruned ones stay done");
}
