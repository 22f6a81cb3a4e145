//! More than one handle on a book: two writers at once, and readers that see what was
//! committed. The contract says the summaries stay right without relying on one writer.

use std::sync::{Arc, Barrier};
use std::thread;

use chrono::Duration;
use touchbase::domain::balance::Side;
use touchbase::domain::money::Cents;
use touchbase::store::SortKey;

use super::Backend;
use super::support::{at, customer, day, line, now};

const CUSTOMERS: usize = 4;
const ROUNDS: i64 = 40;

pub fn two_writers_at_once_lose_no_update_and_keep_the_summaries_right(b: &dyn Backend) {
    let mut setup = b.open();
    let ids: Vec<i64> = (0..CUSTOMERS)
        .map(|i| {
            setup
                .add_customer(&customer(&format!("C{i}")), at("2026-10-01T09:00:00Z"))
                .unwrap()
                .id
        })
        .collect();
    let start = at("2026-11-01T09:00:00Z");
    // When writer `w` writes round `r`: the two writers' times interleave.
    let when = move |w: i64, r: i64| start + Duration::minutes(r * 2 + w);
    let go = Arc::new(Barrier::new(2));
    let writers: Vec<_> = (0..2i64)
        .map(|w| {
            let mut book = b.open();
            let (ids, go) = (ids.clone(), Arc::clone(&go));
            thread::spawn(move || -> anyhow::Result<()> {
                go.wait();
                for r in 0..ROUNDS {
                    let id = ids[r as usize % CUSTOMERS];
                    let rating = 1 + (r + w) % 5;
                    book.log_contact(id, &line(&format!("call: round {r} ={rating}")), when(w, r))?;
                    book.add_order(id, day("2026-11-01"), Cents(100 * (w + 1)), "EUR", when(w, r))?;
                    let side = if w == 0 { Side::Give } else { Side::Ask };
                    book.add_balance_entry(id, side, "each round", when(w, r))?;
                    // A read between writes, as a screen reloads.
                    book.require_customer(id)?;
                }
                Ok(())
            })
        })
        .collect();
    for writer in writers {
        // Every write succeeded: waited for the other writer, never "database is locked".
        writer.join().unwrap().unwrap_or_else(|e| panic!("{e:#}"));
    }

    let book = b.open();
    let per_writer = ROUNDS / CUSTOMERS as i64;
    for (k, &id) in ids.iter().enumerate() {
        let c = book.require_customer(id).unwrap();
        let mine: Vec<i64> = (0..ROUNDS).filter(|r| *r as usize % CUSTOMERS == k).collect();
        let last = *mine.last().unwrap();
        assert_eq!(book.interactions(id, 1000).unwrap().len() as i64, 2 * per_writer);
        assert_eq!(
            c.summary.value,
            Cents(per_writer * (100 + 200)),
            "no order lost: {c:?}"
        );
        assert_eq!(
            (c.summary.balance.gives, c.summary.balance.asks),
            (per_writer as u32, per_writer as u32)
        );
        // The latest contact is the second writer's in the last round for this customer.
        assert_eq!(c.last_contact_at, Some(when(1, last)));
        assert_eq!(c.summary.satisfaction, Some((1 + (last + 1) % 5) as u8));
        assert_eq!(c.summary.prev_satisfaction, Some((1 + last % 5) as u8));
        assert_eq!(c.summary.last_give_at, Some(when(0, last)));
    }
    let report = book.check().unwrap();
    assert!(report.is_sound(), "{:?}", report.problems);
}

pub fn another_handle_sees_every_committed_write(b: &dyn Backend) {
    let mut writer = b.open();
    let reader = b.open();
    assert!(!writer.location().is_empty());
    let acme = writer.add_customer(&customer("Acme"), now()).unwrap();
    assert_eq!(reader.require_customer(acme.id).unwrap(), acme);

    // A handle opened on another thread, as the terminal app's background work does.
    let reopen = writer.reopen();
    let elsewhere = thread::spawn(move || {
        let book = reopen().unwrap();
        book.list_customers(SortKey::Name, 0, 10).unwrap()
    })
    .join()
    .unwrap();
    assert_eq!(elsewhere.len(), 1);
    assert_eq!(elsewhere[0].customer, acme);

    writer.log_contact(acme.id, &line("call: hi"), now()).unwrap();
    assert_eq!(
        reader.require_customer(acme.id).unwrap().last_contact_at,
        Some(now())
    );
}

pub fn a_handle_tells_another_handle_s_commits_from_its_own(b: &dyn Backend) {
    let mut screen = b.open();
    let mut cli = b.open();
    assert!(
        !screen.changed_elsewhere().unwrap(),
        "nothing changed since it opened"
    );

    let acme = screen.add_customer(&customer("Acme"), now()).unwrap();
    screen.log_contact(acme.id, &line("call: hi"), now()).unwrap();
    assert!(
        !screen.changed_elsewhere().unwrap(),
        "its own writes are no change elsewhere, so a screen does not read itself again"
    );
    assert!(
        cli.changed_elsewhere().unwrap(),
        "but they are for the other handle"
    );
    assert!(!cli.changed_elsewhere().unwrap(), "once: it was told");

    cli.log_contact(acme.id, &line("email: sent the quote"), now())
        .unwrap();
    assert!(
        screen.changed_elsewhere().unwrap(),
        "the other handle's commit is seen"
    );
    assert!(!screen.changed_elsewhere().unwrap(), "and told once");

    // Background work opens a handle of its own and reads: no change, so no loop of
    // reloads each starting more background work.
    let reopen = screen.reopen();
    thread::spawn(move || {
        let book = reopen().unwrap();
        book.list_customers(SortKey::Name, 0, 10).unwrap();
        book.require_customer(acme.id).unwrap();
    })
    .join()
    .unwrap();
    screen.require_customer(acme.id).unwrap();
    assert!(!screen.changed_elsewhere().unwrap(), "reading changes nothing");

    // A write that fails saves nothing, so it changes nothing either.
    assert!(
        cli.log_contact(acme.id + 100, &line("call: nobody"), now())
            .is_err()
    );
    assert!(
        !screen.changed_elsewhere().unwrap(),
        "a failed write is no change"
    );

    let reopen = cli.reopen();
    let mut third = reopen().unwrap();
    third.add_customer(&customer("Beta"), now()).unwrap();
    assert!(
        screen.changed_elsewhere().unwrap(),
        "any other handle's commit is seen"
    );
    assert!(cli.changed_elsewhere().unwrap());
}
