//! When someone leaves, through the real binary: `person left` opens a situational
//! trigger that `due` and `why` show until a contact with someone else there is logged;
//! `--to` offers to follow them, `--follow` makes the company a prospect with them as its
//! first person (or adds them to its account); undo takes it all back. And the
//! single-threaded nudge of a valuable account that hangs on one person.

mod common {
    pub mod binary;
    pub mod book;
    pub mod clock;
    pub mod demo;
    pub mod json;
    pub mod refusals;
}

use common::book::Book;

const LATER: &str = "2026-11-24T09:00:00Z";

/// Acme BV with Anna de Boer (person 2, the main contact, inkoper) and Jan Smit (3).
fn acme() -> Book {
    let book = Book::empty();
    book.ok(&["add", "Acme BV", "--company", "Acme BV"]);
    book.ok(&[
        "person",
        "add",
        "acme",
        "Anna de Boer",
        "--role",
        "inkoper",
        "--email",
        "anna@acme.nl",
        "--main",
    ]);
    book.ok(&["person", "add", "acme", "Jan Smit"]);
    book
}

const NOTE: &str = "“Anna de Boer left — build the relationship with the successor”";

#[test]
fn a_leaving_nudges_until_a_contact_with_someone_else_there() {
    let book = acme();
    let said = book.ok(&["person", "left", "2"]);
    assert!(
        said.starts_with("Recorded that Anna de Boer left Acme BV\n"),
        "{said}"
    );
    assert!(
        said.contains(&format!("Opened a situational trigger (t1): {NOTE}")),
        "{said}"
    );
    assert!(
        said.contains("Anna de Boer was the main contact and stays it until you choose another: touchbase person main ID"),
        "{said}"
    );
    let due = book.ok(&["due"]);
    assert!(
        due.contains(&format!(
            "Acme BV — {NOTE} noted today and no contact with anyone else there since — meet the successor"
        )),
        "{due}"
    );
    let why = book.ok(&["why", "acme"]);
    assert!(
        why.contains("situation_unanswered") && why.contains(NOTE),
        "{why}"
    );
    let shown = book.json(&["show", "acme"]);
    assert_eq!(shown["triggers"][0]["kind"], "situational");

    // Still the main contact: a contact with no one named is with Anna, and answers nothing.
    book.ok_at(LATER, &["log", "acme", "call: her old number"]);
    assert!(book.ok_at(LATER, &["due"]).contains(NOTE));

    // A contact with Jan, named in the line, answers it.
    book.ok_at(LATER, &["log", "acme", "meeting jan: met the new buyer"]);
    let due = book.ok_at(LATER, &["due"]);
    assert!(!due.contains(NOTE), "{due}");
    assert!(
        !book
            .ok_at(LATER, &["why", "acme"])
            .contains("situation_unanswered")
    );
}

#[test]
fn where_they_went_is_offered_and_followed_with_them_as_first_person() {
    let book = acme();
    let said = book.ok(&["person", "left", "2", "--to", "Globex"]);
    assert!(
        said.ends_with(
            "Anna de Boer went to Globex: to make it a new prospect with Anna de Boer as its first person, run\n  \
             touchbase person left 2 --follow\n"
        ),
        "{said}"
    );
    assert_eq!(book.json(&["list"]).as_array().unwrap().len(), 1, "only offered");

    let said = book.ok(&["person", "left", "2", "--follow"]);
    assert_eq!(
        said,
        "Added Globex as a prospect with Anna de Boer as its first person (4); the relationship moves with them\n"
    );
    let globex = book.json(&["show", "globex"]);
    assert_eq!(globex["name"], "Globex");
    assert_eq!(globex["company"], "Globex");
    assert_eq!(globex["email"], "anna@acme.nl");
    assert_eq!(globex["tags"], serde_json::json!(["prospect"]));
    let people = book.json(&["person", "list", "globex"]);
    assert_eq!(people.as_array().unwrap().len(), 1);
    assert_eq!(people[0]["name"], "Anna de Boer");
    assert_eq!(people[0]["role"], "inkoper");
    assert_eq!(people[0]["main"], true);

    // Undo takes the follow back, then the mark with its trigger.
    assert!(
        book.ok(&["undo"])
            .starts_with("Undone: followed Anna de Boer to Globex")
    );
    assert_eq!(book.json(&["list"]).as_array().unwrap().len(), 1);
    assert!(
        book.ok(&["undo"])
            .starts_with("Undone: marked Anna de Boer as left")
    );
    assert_eq!(book.json(&["show", "acme"])["triggers"], serde_json::json!([]));
    assert!(!book.ok(&["due"]).contains("successor"));
    assert!(book.json(&["person", "list", "acme"])[0]["left"].is_null());
}

#[test]
fn follow_at_once_and_to_an_account_already_in_the_book() {
    let book = acme();
    book.ok(&["add", "Initech", "--company", "Initech"]);
    let said = book.ok(&["person", "left", "3", "--to", "initech", "--follow"]);
    assert!(said.contains("Opened a situational trigger"), "{said}");
    assert!(
        said.ends_with("Added Jan Smit to Initech (5); the relationship moves with them\n"),
        "{said}"
    );
    let people = book.json(&["person", "list", "initech"]);
    assert_eq!(people[1]["name"], "Jan Smit");
    assert_eq!(people[1]["main"], false, "Initech keeps its main contact");
    // One action, one undo: the mark, the trigger and the copy go together.
    assert!(
        book.ok(&["undo"])
            .starts_with("Undone: marked Jan Smit as left for Initech")
    );
    assert_eq!(
        book.json(&["person", "list", "initech"])
            .as_array()
            .unwrap()
            .len(),
        1
    );
    assert!(book.json(&["person", "list", "acme"])[2]["left"].is_null());
}

#[test]
fn following_needs_a_destination_and_nothing_changes() {
    let book = acme();
    book.refuses(
        &["person", "left", "2", "--follow"],
        "to follow Anna de Boer you need to say where they went: add --to COMPANY",
    );
    assert!(book.json(&["person", "list", "acme"])[0]["left"].is_null());
    assert_eq!(book.json(&["show", "acme"])["triggers"], serde_json::json!([]));
}

#[test]
fn a_leaving_day_still_to_come_is_refused_and_nothing_changes() {
    let book = acme();
    book.refuses(
        &["person", "left", "2", "--on", "2027-05-01", "--to", "Globex"],
        "2027-05-01 is in the future (today is 2026-11-23) — a person leaves on a day that has come: \
         mark them when they go",
    );
    book.refuses(
        &["person", "left", "2", "--on", "tomorrow"],
        "2026-11-24 is in the future",
    );
    assert!(book.json(&["person", "list", "acme"])[0]["left"].is_null());
    assert_eq!(book.json(&["show", "acme"])["triggers"], serde_json::json!([]));
    assert_eq!(book.json(&["list"]).as_array().unwrap().len(), 1, "no Globex");
    // Today is a day that has come.
    book.ok(&["person", "left", "2", "--on", "today"]);
}

#[test]
fn the_demo_s_leavers_opened_their_trigger_and_due_names_the_one_not_followed_up() {
    let book = Book::demo();
    for (id, name) in [
        ("6", "Ulrike Sommer"),
        ("13", "Hélène Roussel"),
        ("19", "Jens Thygesen"),
        ("21", "Kai Brandt"),
        ("22", "Katrien Wouters"),
        ("36", "Ines Maes"),
    ] {
        let triggers = book.json(&["show", id])["triggers"].clone();
        let note = format!("{name} left — build the relationship with the successor");
        assert!(
            triggers
                .as_array()
                .unwrap()
                .iter()
                .any(|t| t["note"] == note.as_str()
                    && t["kind"] == "situational"
                    && t["resolved_at"].is_null()),
            "{name}: {triggers}"
        );
    }
    // Only at Weber has no one else been contacted since.
    let due = book.ok(&["due"]);
    let left: Vec<&str> = due.lines().filter(|l| l.contains(" left — ")).collect();
    assert_eq!(left.len(), 1, "{due}");
    assert!(
        left[0].contains("“Ulrike Sommer left — build the relationship with the successor” noted 12 days ago and no contact with anyone else there since — meet the successor"),
        "{due}"
    );
}

/// Kühne Maschinenbau, worth 149,550, with two contacts with Thomas Kühne (its main).
fn kuhne() -> Book {
    let book = Book::empty();
    book.ok(&["add", "Kühne Maschinenbau", "--company", "Kühne Maschinenbau"]);
    book.ok(&["person", "add", "kühne", "Thomas Kühne", "--main"]);
    book.ok(&["order", "kühne", "149550", "@2026-06-01"]);
    book.ok_at("2026-10-01T09:00:00Z", &["log", "kühne", "call: budget"]);
    book.ok_at("2026-11-02T09:00:00Z", &["log", "kühne", "meeting: demo"]);
    book
}

#[test]
fn a_big_account_on_one_person_is_single_threaded_and_snoozable() {
    let book = kuhne();
    let said = "Kühne Maschinenbau — EUR 149,550.00 hangs on Thomas Kühne alone: all 2 contacts \
                in 90 days were with them — meet a second person";
    let due = book.ok(&["due"]);
    assert!(due.contains(said), "{due}");
    let why = book.ok(&["why", "kühne"]);
    assert!(
        why.contains("single_threaded") && why.contains("hangs on Thomas Kühne alone"),
        "{why}"
    );
    let digest = book.ok(&["remind", "--stdout"]);
    assert!(
        digest.contains("p1  Kühne Maschinenbau — EUR 149,550.00"),
        "{digest}"
    );
    book.ok(&["snooze", "p1", "+2w"]);
    assert!(!book.ok(&["due"]).contains("hangs on"));
    assert!(
        book.ok(&["why", "kühne"]).contains("single"),
        "why lists it as snoozed"
    );
}

#[test]
fn the_window_and_the_weight_are_in_the_config() {
    let book = kuhne();
    std::fs::write(book.path("config.toml"), "[nudge]\nsingle_threaded_days = 30\n").unwrap();
    assert!(
        !book.ok(&["why", "kühne"]).contains("single_threaded"),
        "one contact in 30 days"
    );
    std::fs::write(
        book.path("config.toml"),
        "[nudge.weights]\nsingle_threaded = 20\n",
    )
    .unwrap();
    assert!(
        book.ok(&["due"]).starts_with(" 26.0  Kühne Maschinenbau — EUR"),
        "{}",
        book.ok(&["due"])
    );
    std::fs::write(book.path("config.toml"), "[nudge]\nsingle_threaded_days = 0\n").unwrap();
    book.refuses(&["due"], "single_threaded_days");
}
