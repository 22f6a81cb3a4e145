//! `touchbase remind`, the daily digest, as a user and a timer run it: its sections and
//! item codes, acting on a line by its code (`done`, `snooze`, the quick-log line's
//! `!f114`), `--since-last` against the last delivered digest, `--json`, days off, and a
//! channel that fails: exit non-zero, the reason on stderr, nothing recorded.

mod common {
    pub mod binary;
    pub mod book;
    pub mod clock;
    pub mod json;
    pub mod refusals;
}

use common::book::Book;
use serde_json::Value;
use touchbase::store::Setting;

/// Monday 23 November 2026 (the tests' `NOW`): Acme with "send proposal" overdue since
/// Fri 20 Nov and "board meets" on Wed 25 Nov; Beta with "call back" due today; Gamma
/// with a complaint opened today; Delta, archived, with a follow-up overdue.
fn book() -> Book {
    let book = Book::empty();
    for name in ["Acme", "Beta", "Gamma", "Delta"] {
        book.ok(&["add", name]);
    }
    book.run_at(
        "2026-11-16T09:00:00Z",
        &["log", "Acme", "call: renewal >> send proposal @fri"],
    )
    .assert()
    .success();
    book.run_at(
        "2026-11-16T09:00:00Z",
        &["log", "Delta", "call: hi >> send the brochure @fri"],
    )
    .assert()
    .success();
    book.ok(&["log", "Beta", "call: ok >> call back @today"]);
    book.ok(&["moment", "add", "Acme", "board meets", "@wed"]);
    book.ok(&["trigger", "add", "Gamma", "reactional", "delivery late"]);
    book.ok(&["archive", "Delta"]);
    book
}

impl Book {
    /// The code the digest prints on the line that says `says`.
    fn code_of(&self, digest: &str, says: &str) -> String {
        let line = digest
            .lines()
            .find(|l| l.contains(says))
            .unwrap_or_else(|| panic!("no line says {says:?}:\n{digest}"));
        line.split_whitespace().next().unwrap().to_string()
    }

    /// Writes config.toml beside the book.
    fn config(&self, toml: &str) {
        std::fs::write(self.path("config.toml"), toml).unwrap();
    }
}

#[test]
fn the_digest_lists_each_section_with_codes_first() {
    let book = book();
    let digest = book.ok(&["remind"]);
    assert!(
        digest.starts_with("touchbase — Mon 23 Nov 2026: 1 overdue · 1 today · 1 to prepare\n"),
        "{digest}"
    );
    let section = |name: &str| {
        let start = digest
            .find(&format!("\n{name}\n"))
            .unwrap_or_else(|| panic!("{name}:\n{digest}"));
        digest[start + name.len() + 2..]
            .split("\n\n")
            .next()
            .unwrap()
            .to_string()
    };
    assert_eq!(
        section("Overdue"),
        "f1  Acme — send proposal (overdue since Fri 20 Nov)"
    );
    assert_eq!(section("Due today"), "f3  Beta — call back");
    assert_eq!(
        section("To prepare"),
        "m1  Acme — “board meets” in 2 days; nothing logged since you planned it (Wed 25 Nov)"
    );
    let also = section("Also");
    assert!(
        also.starts_with("t1  Gamma — complaint “delivery late” arrived today"),
        "{also}"
    );
    assert!(
        !digest.contains("Delta"),
        "an archived customer is left out: {digest}"
    );
    assert!(
        !also.contains("send proposal") && !also.contains("board meets"),
        "each once: {also}"
    );
}

#[test]
fn a_code_from_the_digest_marks_its_line_done() {
    let book = book();
    let digest = book.ok(&["remind"]);
    let code = book.code_of(&digest, "send proposal");
    let done = book.ok(&["done", &code]);
    assert!(done.contains("Done: “send proposal” for Acme"), "{done}");
    let next = book.ok(&["remind"]);
    assert!(!next.contains("send proposal"), "{next}");
    assert!(next.contains("0 overdue · 1 today"), "{next}");

    let trigger = book.code_of(&next, "delivery late");
    let resolved = book.ok(&["done", &trigger.to_uppercase()]);
    assert!(
        resolved.contains("Resolved the reactional trigger “delivery late”"),
        "{resolved}"
    );
    assert!(!book.ok(&["remind"]).contains("delivery late"));
}

#[test]
fn a_bare_id_is_still_a_follow_up() {
    let book = book();
    assert!(book.ok(&["done", "1"]).contains("Done: “send proposal”"));
    assert!(
        book.ok(&["snooze", "3", "+2d"])
            .contains("Snoozed “call back” for Beta")
    );
}

#[test]
fn a_moment_is_closed_with_its_outcome_not_marked_done() {
    let book = book();
    book.refuses(&["done", "m1"], "moment close 1 --outcome won|lost|passed");
    book.refuses(&["done", "c1"], "touchbase log 1");
    assert!(book.ok(&["remind"]).contains("m1  Acme"), "nothing changed");
}

#[test]
fn a_bad_code_is_refused_naming_it_and_the_shapes() {
    let book = book();
    for bad in ["x12", "f", "m-1"] {
        let err = book.refused(&["done", bad]);
        assert!(err.contains(&format!("'{bad}' is not an item code")), "{err}");
        assert!(err.contains("f<id>") && err.contains("m<id>"), "{err}");
    }
    book.refuses(&["snooze", "q1", "+2d"], "'q1' is not an item code");
    book.refuses(&["done", "f99"], "99");
}

#[test]
fn snoozing_a_nudge_by_its_code_quiets_it_until_then() {
    let book = book();
    let digest = book.ok(&["remind"]);
    let moment = book.code_of(&digest, "board meets");
    let said = book.ok(&["snooze", &moment, "+2d", "waiting", "for", "the", "agenda"]);
    assert!(said.contains("Snoozed the moment nudge for Acme"), "{said}");
    assert!(said.contains("waiting for the agenda"), "{said}");
    let next = book.ok(&["remind"]);
    assert!(!next.contains("board meets"), "{next}");
    assert!(next.contains("0 to prepare"), "the count agrees: {next}");
    let later = book
        .run_at("2026-11-25T09:00:00Z", &["remind"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert!(
        String::from_utf8(later).unwrap().contains("board meets"),
        "back on the day the snooze ends"
    );

    let complaint = book.code_of(&next, "delivery late");
    book.ok(&["snooze", &complaint, "+1w"]);
    assert!(!book.ok(&["remind"]).contains("delivery late"));
}

#[test]
fn the_quick_log_line_closes_a_follow_up_by_its_code() {
    let book = book();
    let code = book.code_of(&book.ok(&["remind"]), "send proposal");
    let logged = book.json(&["log", "Acme", &format!("email: sent it !{code}")]);
    assert_eq!(logged["closed"][0]["text"], "send proposal", "{logged}");
    assert!(!book.ok(&["remind"]).contains("send proposal"));
    let help = book.ok(&["log", "--help"]);
    assert!(help.contains("!f114"), "{help}");
}

#[test]
fn since_last_shows_only_what_the_last_digest_did_not_hold() {
    let book = book();
    let first = book.ok(&["remind", "--since-last"]);
    assert!(
        first.contains("send proposal"),
        "no digest before: all of it: {first}"
    );
    let again = book.ok(&["remind", "--since-last"]);
    assert!(again.contains("Nothing new since Mon 23 Nov 09:00."), "{again}");
    book.ok(&["log", "Gamma", "call: sorry >> send a credit note @today"]);
    let new = book.ok(&["remind", "--since-last"]);
    assert!(new.contains("send a credit note"), "{new}");
    assert!(!new.contains("send proposal"), "{new}");
    assert!(new.contains("already in the digest of Mon 23 Nov 09:00"), "{new}");
}

#[test]
fn the_json_digest_has_its_documented_shape() {
    let book = book();
    let digest: Value = book.json(&["remind"]);
    assert_eq!(digest["day"], "2026-11-23");
    assert_eq!(
        digest["counts"],
        serde_json::json!({"overdue": 1, "today": 1, "prepare": 1})
    );
    assert_eq!(digest["since"], Value::Null);
    let items = digest["items"].as_array().unwrap();
    assert_eq!(
        items[0],
        serde_json::json!({
            "code": "f1",
            "section": "overdue",
            "kind": "follow_up_overdue",
            "customer_id": 1,
            "customer": "Acme",
            "what": "send proposal",
            "reason": "“send proposal” is 3 days overdue (due Fri 20 Nov)",
            "date": "2026-11-20",
        })
    );
    let sections: Vec<&str> = items.iter().map(|i| i["section"].as_str().unwrap()).collect();
    assert_eq!(&sections[..3], ["overdue", "today", "prepare"]);
    assert!(sections[3..].iter().all(|s| *s == "nudge"), "{sections:?}");
    assert_eq!(items[2]["code"], "m1");
    assert_eq!(items[3]["code"], "t1");
    assert_eq!(items[3]["date"], Value::Null);
}

#[test]
fn no_digest_on_a_day_off_unless_asked() {
    let book = book();
    let saturday = "2026-11-28T09:00:00Z";
    let out = book
        .run_at(saturday, &["remind"])
        .assert()
        .success()
        .get_output()
        .clone();
    assert!(out.stdout.is_empty(), "{}", String::from_utf8_lossy(&out.stdout));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("Saturday 28 Nov is not one of [week] workdays"),
        "{err}"
    );
    assert!(err.contains("--anyway"), "{err}");
    let anyway = book
        .run_at(saturday, &["remind", "--anyway"])
        .assert()
        .success()
        .get_output()
        .clone();
    assert!(
        String::from_utf8(anyway.stdout)
            .unwrap()
            .contains("send proposal")
    );

    // The day off recorded nothing; only the --anyway digest was.
    let run = touchbase::store::open(&book.db)
        .unwrap()
        .last_remind_run()
        .unwrap()
        .unwrap();
    assert_eq!(run.day.to_string(), "2026-11-28");

    book.config("[week]\nworkdays = [\"sat\"]\n");
    let sat = book
        .run_at(saturday, &["remind"])
        .assert()
        .success()
        .get_output()
        .clone();
    assert!(String::from_utf8(sat.stdout).unwrap().contains("send proposal"));
}

#[test]
fn a_failing_channel_exits_non_zero_says_why_and_records_nothing() {
    let book = book();
    // Nothing listens on port 9 of loopback: the connection is refused.
    book.config(
        "[remind.smtp]\nhost = \"127.0.0.1\"\nport = 9\nsecurity = \"none\"\nuser = \"me\"\npassword_env = \"TB_TEST_SMTP\"\n",
    );
    let out = book
        .run(&["remind", "--email", "me@example.com"])
        .env("TB_TEST_SMTP", "hunter2-very-secret")
        .assert()
        .failure()
        .get_output()
        .clone();
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("the digest was not e-mailed to me@example.com"),
        "{err}"
    );
    assert!(!err.contains("hunter2"), "never the password: {err}");
    assert!(!err.contains("panicked"), "{err}");

    // No D-Bus session bus at all.
    let out = book
        .run(&["remind", "--notify"])
        .env("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus")
        .assert()
        .failure()
        .get_output()
        .clone();
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("the digest did not reach the desktop"), "{err}");

    let all = book.ok(&["remind", "--since-last", "--stdout"]);
    assert!(
        all.contains("send proposal") && all.contains("board meets"),
        "nothing was recorded: {all}"
    );
}

#[test]
fn email_from_the_config_needs_an_address() {
    let book = book();
    book.config("[remind]\nchannels = [\"email\"]\n");
    book.refuses(
        &["remind"],
        "[remind] email is empty — set the address there, or pass --email ADDRESS",
    );
    book.refuses(
        &["remind", "--email", "nobody"],
        "'nobody' is not an e-mail address",
    );
    // A flag overrides the config's channels.
    assert!(book.ok(&["remind", "--stdout"]).contains("send proposal"));
}

#[test]
fn an_empty_day_says_so_and_counts_as_run() {
    let book = Book::empty();
    book.ok(&["add", "Acme"]);
    let out = book.ok(&["remind", "--scheduled"]);
    assert!(out.contains("Nothing due today."), "{out}");
    let store = touchbase::store::open(&book.db).unwrap();
    let run = store.last_remind_run().unwrap().expect("recorded as run");
    assert_eq!(run.channels, ["stdout"]);
    assert!(run.items.is_empty() && run.scheduled);
    assert_eq!(
        store.setting(Setting::RemindersSetUp).unwrap().as_deref(),
        Some("2026-11-23T09:00:00Z"),
        "a scheduled run marks reminders set up"
    );
    // Nothing to send, so the failing desktop is not even tried.
    book.ok(&["remind", "--notify"]);
}

#[test]
fn a_delivered_digest_records_its_channels_and_codes() {
    let book = book();
    book.ok(&["remind"]);
    let store = touchbase::store::open(&book.db).unwrap();
    let run = store.last_remind_run().unwrap().unwrap();
    assert_eq!(run.channels, ["stdout"]);
    assert_eq!(&run.items[..3], ["f1", "f3", "m1"]);
    assert!(run.items.contains(&"t1".to_string()), "{:?}", run.items);
    assert!(!run.scheduled);
    assert_eq!(
        store.setting(Setting::RemindersSetUp).unwrap(),
        None,
        "only a scheduled run sets it"
    );
}

#[test]
fn a_moment_prepared_for_is_listed_and_can_be_snoozed_by_its_code() {
    let book = book();
    let later = "2026-11-23T11:00:00Z";
    book.run_at(later, &["log", "Acme", "call: went through the board's agenda"])
        .assert()
        .success();
    let out = |args: &[&str]| book.ok_at(later, args);
    let digest = out(&["remind"]);
    assert!(
        digest.contains("m1  Acme — “board meets” in 2 days (Wed 25 Nov)"),
        "still to prepare, without the nudge's “nothing logged”: {digest}"
    );
    let said = out(&["snooze", "m1", "+2d"]);
    assert!(said.contains("Snoozed the moment nudge for Acme"), "{said}");
    assert!(!out(&["remind"]).contains("board meets"));
}
