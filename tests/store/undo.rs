//! Undo through the contract: a change is taken back exactly, and only while nothing else
//! changed or built on it, even when another handle wrote meanwhile.

use touchbase::domain::Tags;
use touchbase::store::{Change, CustomerFields, CustomerPatch, UndoRefused};

use super::Backend;
use super::support::{at, customer, line, now};

pub fn an_undone_log_takes_back_everything_it_wrote(b: &dyn Backend) {
    let mut book = b.open();
    let mut new = customer("Acme");
    new.tags = Tags::new(["old"]).unwrap();
    let acme = book.add_customer(&new, at("2026-11-01T09:00:00Z")).unwrap().id;
    book.log_contact(acme, &line("visit: tour =4"), at("2026-11-10T10:00:00Z"))
        .unwrap();
    let before = book.require_customer(acme).unwrap();

    let logged = book
        .log_contact(
            acme,
            &line("gift: hamper >> ask how it went @fri =5 #vip #old"),
            now(),
        )
        .unwrap();
    assert_eq!(logged.tags_added.as_slice(), ["vip"]);
    book.undo(
        &Change::Logged {
            customer_id: acme,
            logged,
        },
        now(),
    )
    .unwrap();

    let after = book.require_customer(acme).unwrap();
    assert_eq!(after.tags, before.tags, "only the tag the line added goes");
    assert_eq!(after.summary, before.summary, "the summaries are as before");
    assert_eq!(after.last_contact_at, before.last_contact_at);
    assert_eq!(book.interactions(acme, 10).unwrap().len(), 1);
    assert!(book.open_follow_ups(acme).unwrap().is_empty());
    assert!(book.triggers_of(acme).unwrap().is_empty());
}

pub fn an_undo_is_refused_once_another_handle_built_on_the_change(b: &dyn Backend) {
    let mut tui = b.open();
    let mut cli = b.open();
    let acme = tui.add_customer(&customer("Acme"), now()).unwrap().id;
    let logged = tui
        .log_contact(acme, &line("call: quote >> send the quote @fri"), now())
        .unwrap();
    cli.complete_follow_up(logged.follow_up_id.unwrap(), now())
        .unwrap();

    let err = tui
        .undo(
            &Change::Logged {
                customer_id: acme,
                logged,
            },
            now(),
        )
        .expect_err("refused");
    let refused = err.downcast_ref::<UndoRefused>().expect("a refusal");
    assert_eq!(refused.what, "the logged call");
    assert_eq!(
        refused.why,
        "its follow-up “send the quote” was marked done since"
    );
    assert_eq!(
        tui.interactions(acme, 10).unwrap().len(),
        1,
        "nothing was taken back"
    );
    assert!(tui.require_customer(acme).unwrap().last_contact_at.is_some());
}

pub fn an_undone_edit_keeps_what_another_handle_changed(b: &dyn Backend) {
    let mut tui = b.open();
    let mut cli = b.open();
    let before = tui.add_customer(&customer("Acme"), now()).unwrap();
    let patch = CustomerPatch {
        phone: Some("010".into()),
        ..CustomerPatch::default()
    };
    let after = tui.update_customer(before.id, &patch, now()).unwrap();
    let change = Change::customer_edited(&before, &patch, &after);
    let email = CustomerPatch {
        email: Some("new@acme.test".into()),
        ..CustomerPatch::default()
    };
    cli.update_customer(before.id, &email, now()).unwrap();

    tui.undo(&change, now()).unwrap();
    let now_it_is = cli.require_customer(before.id).unwrap();
    assert_eq!(
        (now_it_is.phone.as_str(), now_it_is.email.as_str()),
        ("", "new@acme.test")
    );

    // An added customer with nothing recorded goes; the undo of an add is refused once
    // something was.
    let gamma = tui.add_customer(&customer("Gamma"), now()).unwrap();
    let added = Change::CustomerAdded {
        id: gamma.id,
        added: CustomerFields::of(&gamma),
    };
    cli.log_contact(gamma.id, &line("call: hi"), now()).unwrap();
    let err = tui.undo(&added, now()).expect_err("refused");
    assert_eq!(
        err.downcast_ref::<UndoRefused>().expect("a refusal").why,
        "1 contact was added since"
    );
    let delta = tui.add_customer(&customer("Delta"), now()).unwrap();
    let added = Change::CustomerAdded {
        id: delta.id,
        added: CustomerFields::of(&delta),
    };
    tui.undo(&added, now()).unwrap();
    assert_eq!(cli.customer(delta.id).unwrap(), None);
}

pub fn an_undone_archive_puts_the_flag_back_and_refuses_once_it_changed(b: &dyn Backend) {
    let mut tui = b.open();
    let mut cli = b.open();
    let acme = tui.add_customer(&customer("Acme"), now()).unwrap();
    let gamma = tui.add_customer(&customer("Gamma Foods"), now()).unwrap().id;
    let archived = Change::CustomerArchived {
        id: acme.id,
        name: "Acme".into(),
        archived: true,
    };
    tui.set_archived(acme.id, true, now()).unwrap();
    tui.undo(&archived, now()).unwrap();
    assert!(!cli.require_customer(acme.id).unwrap().archived);

    // Archived here, brought back by another handle: nothing to undo.
    tui.set_archived(acme.id, true, now()).unwrap();
    cli.set_archived(acme.id, false, now()).unwrap();
    let err = tui.undo(&archived, now()).expect_err("refused");
    let refused = err.downcast_ref::<UndoRefused>().expect("a refusal");
    assert_eq!(
        (refused.what.as_str(), refused.why.as_str()),
        ("archiving Acme", "they were unarchived since")
    );
    assert!(
        !tui.require_customer(acme.id).unwrap().archived,
        "nothing changed"
    );

    // Brought back here, archived again by another handle.
    let unarchived = Change::CustomerArchived {
        id: gamma,
        name: "Gamma Foods".into(),
        archived: false,
    };
    cli.set_archived(gamma, true, now()).unwrap();
    let err = tui.undo(&unarchived, now()).expect_err("refused");
    assert_eq!(
        err.to_string(),
        "can't undo unarchiving Gamma Foods: they were archived again since — nothing was changed"
    );
    assert!(tui.require_customer(gamma).unwrap().archived);

    // An added customer archived since is not removed by undoing the add.
    let added = Change::CustomerAdded {
        id: acme.id,
        added: CustomerFields::of(&acme),
    };
    cli.set_archived(acme.id, true, now()).unwrap();
    let err = tui.undo(&added, now()).expect_err("refused");
    assert_eq!(
        err.downcast_ref::<UndoRefused>().expect("a refusal").why,
        "they were archived since"
    );
    assert!(cli.customer(acme.id).unwrap().is_some());
}
