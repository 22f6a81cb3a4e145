//! `touchbase edit …` and `touchbase delete …` through the real binary: every logged
//! record corrected or deleted by the id `show` prints, the summaries right afterwards,
//! `--json` the record, and every refusal exit 1 with the book unchanged.

mod common {
    pub mod binary;
    pub mod book;
    pub mod clock;
    pub mod json;
    pub mod refusals;
}

use common::book::Book;
use serde_json::{Value, json};

/// Acme with a visit (=3) on Friday and, today, a gift (=5) with a follow-up; an order, a
/// give, an ask, a trigger and a moment. Ids are all 1 but the gift's (contact 2, give 1,
/// so the extra give is 2 and the ask 3).
fn acme() -> Book {
    let book = Book::empty();
    book.ok(&["add", "Acme BV", "--company", "Acme"]);
    book.run_at("2026-11-20T10:00:00Z", &["log", "acme", "visit: tour =3"])
        .assert()
        .success();
    book.ok(&["log", "acme", "gift: hamper >> ask how it went @fri =5"]);
    book.ok(&["order", "acme", "1250,50", "@2026-11-20"]);
    book.ok(&["give", "acme", "extra training"]);
    book.ok(&["ask", "acme", "referral"]);
    book.ok(&["trigger", "add", "acme", "situational", "new buyer"]);
    book.ok(&["moment", "add", "acme", "Board decides", "@2026-12-10"]);
    book
}

impl Book {
    fn card(&self) -> Value {
        self.json(&["show", "acme"])
    }
}

#[test]
fn every_edit_and_delete_command_has_help() {
    let book = Book::empty();
    for args in [
        &["edit", "--help"][..],
        &["delete", "--help"],
        &["edit", "customer", "--help"],
        &["edit", "contact", "--help"],
        &["edit", "follow-up", "--help"],
        &["edit", "moment", "--help"],
        &["edit", "trigger", "--help"],
        &["edit", "give", "--help"],
        &["edit", "ask", "--help"],
        &["edit", "order", "--help"],
    ] {
        let out = book.ok(args);
        assert!(out.contains("Usage"), "{args:?}: {out}");
    }
    let delete = book.ok(&["delete", "--help"]);
    assert!(
        delete.contains("follow-up") && delete.contains("order"),
        "{delete}"
    );
}

#[test]
fn show_prints_the_id_of_every_record_a_user_can_edit() {
    let book = acme();
    let shown = book.ok(&["show", "acme"]);
    for line in [
        "       2  Mon 23 Nov 09:00   gift      hamper  =5",
        "       1  Fri 20 Nov 10:00   visit     tour  =3",
        "Gives and asks",
        "       3  Mon 23 Nov 09:00   ask  referral",
        "       1  Mon 23 Nov 09:00   give hamper",
        "Orders",
        "       1  Fri 20 Nov   EUR 1,250.50",
        "       1  Fri 27 Nov   ask how it went",
        "       1  situational  new buyer",
        "▸     1  Thu 10 Dec   upcoming  Board decides",
    ] {
        assert!(shown.contains(line), "no {line:?} in\n{shown}");
    }
    let card = book.card();
    assert_eq!(card["balance_entries"][0]["note"], "referral");
    assert_eq!(card["orders"][0]["amount_cents"], 125_050);
}

#[test]
fn a_contact_is_corrected_and_the_summaries_follow() {
    let book = acme();
    let said = book.ok(&[
        "edit",
        "contact",
        "1",
        "--at",
        "2026-11-19 14:30",
        "--note",
        "site tour",
    ]);
    assert_eq!(
        said,
        "Edited the visit of Thu 19 Nov with Acme BV: time and note\n"
    );

    // The gift was really last Tuesday, unrated: the visit is the latest satisfaction.
    let edited = book.json(&["edit", "contact", "2", "--at", "tue", "--satisfaction", "none"]);
    assert_eq!(
        edited,
        json!({"id": 2, "at": "2026-11-17T09:00:00Z", "kind": "gift", "note": "hamper", "satisfaction": null, "person_id": 1, "person": "Acme BV"})
    );
    let card = book.card();
    assert_eq!(card["last_contact"], "2026-11-19T14:30:00Z");
    assert_eq!(
        (
            card["satisfaction"].clone(),
            card["previous_satisfaction"].clone()
        ),
        (json!(3), json!(null))
    );
    assert_eq!(
        card["interactions"][0]["note"], "site tour",
        "the timeline is by contact time"
    );

    book.ok(&["edit", "contact", "2", "--kind", "call", "--satisfaction", "2"]);
    let card = book.card();
    assert_eq!(
        (
            card["satisfaction"].clone(),
            card["previous_satisfaction"].clone()
        ),
        (json!(3), json!(2))
    );
}

#[test]
fn follow_ups_moments_triggers_gives_asks_and_orders_are_corrected() {
    let book = acme();
    let f = book.json(&[
        "edit",
        "follow-up",
        "1",
        "--text",
        "ask how the hamper went",
        "--due",
        "2026-11-30",
    ]);
    assert_eq!(
        f,
        json!({"id": 1, "customer_id": 1, "text": "ask how the hamper went", "due": "2026-11-30", "done": false})
    );

    let m = book.json(&[
        "edit",
        "moment",
        "1",
        "--on",
        "2026-12-15",
        "--concerns",
        "budget",
        "--outcome",
        "won",
    ]);
    assert_eq!(
        (m["expected"].clone(), m["concerns"].clone(), m["status"].clone()),
        (json!("2026-12-15"), json!("budget"), json!("won"))
    );
    assert_eq!(m["closed_at"], "2026-11-23T09:00:00Z");

    let t = book.json(&[
        "edit",
        "trigger",
        "1",
        "--kind",
        "influential",
        "--note",
        "competitor offer",
    ]);
    assert_eq!(
        (t["kind"].clone(), t["note"].clone()),
        (json!("influential"), json!("competitor offer"))
    );

    let said = book.ok(&["edit", "ask", "3", "--side", "give"]);
    assert_eq!(said, "Edited the give “referral” for Acme BV: side\n");
    let e = book.json(&[
        "edit",
        "give",
        "2",
        "--note",
        "two days of training",
        "--on",
        "2026-11-21",
    ]);
    assert_eq!(
        e,
        json!({"id": 2, "customer_id": 1, "side": "give", "note": "two days of training", "at": "2026-11-21T09:00:00Z"})
    );
    assert_eq!(book.card()["balance"], json!({"gives": 3, "asks": 0}));

    let o = book.json(&[
        "edit",
        "order",
        "1",
        "--amount",
        "50.000,00",
        "--note",
        "framework deal",
    ]);
    assert_eq!(
        o,
        json!({"id": 1, "customer_id": 1, "ordered_on": "2026-11-20", "amount_cents": 5_000_000, "currency": "EUR", "note": "framework deal"})
    );
    assert_eq!(book.card()["lifetime_value_cents"], 5_000_000);
    let said = book.ok(&["edit", "order", "1", "--on", "yesterday"]);
    assert_eq!(said, "Edited the order of EUR 50,000.00 for Acme BV: day\n");
    assert_eq!(book.card()["last_order"], "2026-11-22");
}

#[test]
fn a_customer_is_edited_field_by_field() {
    let book = acme();
    let said = book.ok(&[
        "edit",
        "customer",
        "acme",
        "--tags",
        "vip logistics",
        "--cadence",
        "2w",
    ]);
    assert_eq!(said, "Edited Acme BV: tags, cadence\n");
    let c = book.json(&[
        "edit",
        "customer",
        "1",
        "--notes",
        "prefers mornings",
        "--email",
        "jan@acme.nl",
    ]);
    assert_eq!(c["tags"], json!(["logistics", "vip"]));
    assert_eq!(
        (c["cadence_days"].clone(), c["email"].clone()),
        (json!(14), json!("jan@acme.nl"))
    );
    assert_eq!(c["company"], "Acme", "what was not given stays");
    assert_eq!(book.card()["notes"], "prefers mornings");

    // Notes of several lines keep them; `show` prints each under the first.
    book.ok(&[
        "edit",
        "customer",
        "acme",
        "--notes",
        "prefers mornings\nask for Jörg",
    ]);
    assert_eq!(book.card()["notes"], "prefers mornings\nask for Jörg");
    let shown = book.ok(&["show", "acme"]);
    assert!(
        shown.contains("notes: prefers mornings\n       ask for Jörg\n"),
        "{shown}"
    );
}

#[test]
fn deleting_puts_every_summary_right_and_keeps_what_a_contact_made() {
    let book = acme();
    let said = book.ok(&["delete", "contact", "2"]);
    assert_eq!(
        said,
        "Deleted the gift of Mon 23 Nov with Acme BV (its follow-up and give are kept)\n"
    );
    let card = book.card();
    assert_eq!(
        card["last_contact"], "2026-11-20T10:00:00Z",
        "the visit is the last contact again"
    );
    assert_eq!(
        (
            card["satisfaction"].clone(),
            card["previous_satisfaction"].clone()
        ),
        (json!(3), json!(null))
    );
    assert_eq!(card["follow_ups"][0]["text"], "ask how it went");
    assert_eq!(card["balance"], json!({"gives": 2, "asks": 1}));

    let order = book.json(&["delete", "order", "1"]);
    assert_eq!(order["amount_cents"], 125_050, "--json prints the deleted record");
    assert_eq!(book.card()["lifetime_value_cents"], 0);
    assert_eq!(
        book.ok(&["delete", "give", "1"]),
        "Deleted the give “hamper” for Acme BV\n"
    );
    assert_eq!(book.card()["balance"], json!({"gives": 1, "asks": 1}));
    book.ok(&["delete", "ask", "3"]);
    book.ok(&["delete", "follow-up", "1"]);
    book.ok(&["delete", "trigger", "1"]);
    book.ok(&["delete", "moment", "1"]);
    let card = book.card();
    for list in ["follow_ups", "moments", "triggers"] {
        assert_eq!(card[list], json!([]), "{list}");
    }
    assert_eq!(card["balance"], json!({"gives": 1, "asks": 0}));
    let check = book.ok(&["check"]);
    assert!(
        !check.contains("summary"),
        "every summary matches its records: {check}"
    );
}

#[test]
fn bad_values_and_gone_ids_are_refused_and_change_nothing() {
    let book = acme();
    let before = book.card();
    for (args, says) in [
        (
            &["edit", "contact", "1"][..],
            "nothing to change — give --kind, --at, --note, --satisfaction or --with",
        ),
        (
            &["edit", "contact", "1", "--satisfaction", "7"],
            "satisfaction '7' is not 1 to 5",
        ),
        (
            &["edit", "contact", "1", "--at", "tomorrow"],
            "'tomorrow' is in the future",
        ),
        (
            &["edit", "contact", "1", "--at", "someday"],
            "'someday' is not a time",
        ),
        (
            &["edit", "contact", "1", "--kind", "lunch"],
            "unknown kind 'lunch'",
        ),
        (
            &["edit", "follow-up", "1", "--text", "  "],
            "the follow-up is empty",
        ),
        (
            &["edit", "follow-up", "1", "--due", "2026-11-01"],
            "'2026-11-01' is before today",
        ),
        (&["edit", "moment", "1", "--title", ""], "the title is empty"),
        (
            &["edit", "moment", "1", "--status", "maybe"],
            "unknown outcome 'maybe'",
        ),
        (&["edit", "trigger", "1", "--note", ""], "the note is empty"),
        (
            &["edit", "trigger", "1", "--kind", "angry"],
            "unknown trigger kind 'angry'",
        ),
        (
            &["edit", "give", "3", "--note", "x"],
            "3 is an ask, not a give — use `touchbase edit ask 3`",
        ),
        (
            &["edit", "ask", "3", "--side", "maybe"],
            "'maybe' is neither give nor ask",
        ),
        (&["edit", "order", "1", "--amount", "0"], "amount '0' is zero"),
        (
            &["edit", "order", "1", "--amount", "-5"],
            "amount '-5' is negative",
        ),
        (
            &["edit", "order", "1", "--on", "tomorrow"],
            "'tomorrow' is after today",
        ),
        (
            &["edit", "order", "1"],
            "nothing to change — give --amount, --on or --note",
        ),
        (&["edit", "customer", "acme"], "nothing to change — give --name"),
        (&["edit", "customer", "acme", "--name", " "], "the name is empty"),
        (
            &["edit", "customer", "acme", "--cadence", "often"],
            "cadence 'often'",
        ),
        (
            &["edit", "contact", "99", "--note", "x"],
            "no contact with id 99 — see `touchbase show CUSTOMER` for ids",
        ),
        (&["delete", "order", "99"], "no order with id 99"),
        (
            &["delete", "give", "3"],
            "3 is an ask, not a give — use `touchbase delete ask 3`",
        ),
    ] {
        book.refuses(args, says);
    }
    assert_eq!(book.card(), before, "nothing changed");

    book.ok(&["delete", "moment", "1"]);
    book.refuses(&["delete", "moment", "1"], "no decision moment with id 1");
    book.refuses(
        &["edit", "moment", "1", "--title", "x"],
        "no decision moment with id 1",
    );
}

#[test]
fn a_customer_is_deleted_with_every_record_only_when_confirmed() {
    let book = acme();
    book.ok(&["add", "Beta"]);
    let before = book.card();
    book.refuses(
        &["delete", "customer", "acme"],
        "deleting Acme BV deletes their 2 contacts, 1 follow-up, 1 decision moment, 1 trigger, 3 gives/asks and 1 order too — add --yes to delete",
    );
    book.refuses(&["delete", "contact", "acme"], "'acme' is not an id");
    assert_eq!(book.card(), before, "nothing changed");

    let said = book.ok(&["delete", "customer", "acme", "--yes"]);
    assert!(said.starts_with("Deleted Acme BV and their 2 contacts"), "{said}");
    book.refuses(&["show", "acme"], "no customer is called 'acme'");
    book.refuses(&["delete", "order", "1"], "no order with id 1");
    assert_eq!(
        book.json(&["delete", "customer", "beta", "--yes"])["name"],
        "Beta"
    );
    book.ok(&["check"]);
}

#[test]
fn a_deleted_merged_customer_comes_back_by_undo_found_by_a_word_and_a_former_name() {
    let book = Book::empty();
    book.ok(&["add", "Thomas Kühne", "--company", "Kühne Logistik"]);
    book.ok(&["add", "Kuehne Thomas", "--email", "tk@kuehne.example"]);
    book.ok(&["log", "2", "visit yesterday: warehouse tour =4"]);
    book.ok(&["merge", "1", "kuehne thomas"]);
    book.ok(&["delete", "customer", "1", "--yes"]);
    book.refuses(&["show", "kuhne"], "no customer is called 'kuhne'");
    book.refuses(
        &["show", "kuehne thomas"],
        "no customer is called 'kuehne thomas'",
    );
    assert!(book.ok(&["check"]).starts_with("The book is sound"));

    let said = book.ok(&["undo"]);
    assert!(said.contains("Kühne Logistik"), "{said}");
    let by_word = book.json(&["show", "logistik"]);
    assert_eq!(by_word["id"], 1, "a word of the company finds them");
    assert_eq!(
        book.json(&["show", "kuhne"])["id"],
        1,
        "a word of the name, unaccented"
    );
    let by_alias = book.json(&["show", "kuehne thomas"]);
    assert_eq!(by_alias["id"], 1, "the former name finds them");
    assert_eq!(by_alias["also_known_as"], json!(["Kuehne Thomas"]));
    assert_eq!(by_alias["email"], "tk@kuehne.example");
    assert_eq!(by_alias["interactions"][0]["note"], "warehouse tour");
    assert!(book.ok(&["check"]).starts_with("The book is sound"));

    // The merge before it is undone too: the former name is their own again.
    book.ok(&["undo"]);
    assert_eq!(book.json(&["show", "kuehne thomas"])["id"], 2);
    assert!(book.ok(&["check"]).starts_with("The book is sound"));
}
