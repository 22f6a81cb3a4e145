//! `touchbase export week` as a user runs it: the demo week in every format, each read
//! back by a real parser, snapshotted, byte-identical when repeated; and the mistakes a
//! user makes, which leave no file behind.

mod common {
    pub mod binary;
    pub mod book;
    pub mod clock;
    pub mod demo;
    pub mod refusals;
}

use std::collections::HashSet;
use std::fs;

use chrono::NaiveDate;
use common::book::Book;
use predicates::prelude::*;
use serde_json::Value;

const FORMATS: [(&str, &str); 5] = [
    ("md", "md"),
    ("csv", "csv"),
    ("ics", "ics"),
    ("json", "json"),
    ("todotxt", "txt"),
];

impl Book {
    /// `export week ARGS` on stdout.
    fn export(&self, args: &[&str]) -> String {
        let mut all = vec!["export", "week"];
        all.extend_from_slice(args);
        self.ok(&all)
    }

    /// The week plan `export week --format json ARGS` prints.
    fn plan(&self, args: &[&str]) -> Value {
        let mut all = vec!["--format", "json"];
        all.extend_from_slice(args);
        serde_json::from_str(&self.export(&all)).unwrap()
    }

    /// The files in the book's directory other than the database.
    fn files(&self) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(self.dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| !n.starts_with("touchbase.db"))
            .collect();
        names.sort();
        names
    }
}

fn day(v: &Value) -> NaiveDate {
    v.as_str().unwrap().parse().unwrap()
}

#[test]
fn the_demo_week_in_every_format_matches_its_snapshot() {
    let book = Book::demo();
    for (format, _) in FORMATS {
        let text = book.export(&["--week", "2026-W48", "--format", format]);
        insta::assert_snapshot!(format!("demo_week_{format}"), text);
    }
}

#[test]
fn the_plan_holds_only_the_week_overdue_first() {
    let plan = Book::demo().plan(&[]);
    assert_eq!(plan["week"], "2026-W48");
    assert_eq!(
        (day(&plan["start"]), day(&plan["end"])),
        ("2026-11-23".parse().unwrap(), "2026-11-29".parse().unwrap())
    );
    let items = plan["items"].as_array().unwrap();
    let kinds: HashSet<&str> = items.iter().map(|i| i["kind"].as_str().unwrap()).collect();
    for kind in ["overdue", "follow_up", "moment", "touch_base", "nudge"] {
        assert!(kinds.contains(kind), "the demo week has no {kind}: {kinds:?}");
    }
    let start = day(&plan["start"]);
    let end = day(&plan["end"]);
    let mut seen_day = false;
    for item in items {
        let date = day(&item["date"]);
        if item["kind"] == "overdue" {
            assert!(!seen_day, "overdue items come first: {item}");
            assert!(date < start, "{item}");
        } else {
            seen_day = true;
            assert!((start..=end).contains(&date), "outside the week: {item}");
        }
        for key in [
            "customer", "action", "reason", "phone", "email", "priority", "context", "key",
        ] {
            assert!(item[key].is_string(), "{key} in {item}");
        }
    }
    let keys: HashSet<&str> = items.iter().map(|i| i["key"].as_str().unwrap()).collect();
    assert_eq!(keys.len(), items.len(), "no item twice");
    let follow_ups: Vec<i64> = items.iter().filter_map(|i| i["follow_up_id"].as_i64()).collect();
    assert_eq!(follow_ups.iter().collect::<HashSet<_>>().len(), follow_ups.len());
    assert_eq!(plan["left_out"]["follow_up"], 0);
}

#[test]
fn a_week_ahead_holds_only_that_week_and_nothing_said_relative_to_today() {
    let book = Book::demo();
    let today: NaiveDate = "2026-11-23".parse().unwrap();
    for week in ["2026-W49", "2026-W50", "2026-W52"] {
        let plan = book.plan(&["--week", week]);
        let start = day(&plan["start"]);
        let end = day(&plan["end"]);
        for item in plan["items"].as_array().unwrap() {
            let date = day(&item["date"]);
            assert_ne!(item["kind"], "nudge", "nudges are about now: {item}");
            if item["kind"] == "overdue" {
                assert!(date < today, "only what is late already is carried in: {item}");
            } else {
                assert!((start..=end).contains(&date), "outside {week}: {item}");
            }
            let reason = item["reason"].as_str().unwrap();
            for relative in ["today", "tomorrow", " ago", "overdue", "in 1 day", "days"] {
                assert!(
                    !reason.contains(relative) || reason.contains("you aim for every"),
                    "{week} says {relative:?}: {item}"
                );
            }
        }
    }
}

#[test]
fn a_cadence_running_out_on_a_sunday_is_mondays_to_do_in_the_next_week() {
    let book = Book::demo();
    let touch = |week: &str| -> Vec<(String, String)> {
        book.plan(&["--week", week])["items"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|i| i["kind"] == "touch_base")
            .map(|i| {
                (
                    i["customer"].as_str().unwrap().to_string(),
                    i["date"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    };
    let this = touch("2026-W48");
    assert!(
        !this.iter().any(|(c, _)| c == "Kühne Maschinenbau GmbH"),
        "{this:?}"
    );
    assert!(
        this.iter().all(|(_, d)| d.as_str() < "2026-11-28"),
        "no weekend day: {this:?}"
    );
    let next = touch("2026-W49");
    assert!(
        next.contains(&("Kühne Maschinenbau GmbH".to_string(), "2026-11-30".to_string())),
        "{next:?}"
    );
}

#[test]
fn the_default_week_is_this_week_and_a_done_follow_up_leaves_it() {
    let book = Book::demo();
    let this = book.plan(&[]);
    assert_eq!(this, book.plan(&["--week", "2026-W48"]));
    let first = this["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["follow_up_id"].is_i64())
        .unwrap();
    let id = first["follow_up_id"].as_i64().unwrap().to_string();
    book.run(&["done", &id]).assert().success();
    let after = book.plan(&[]);
    assert!(
        after["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|i| i["follow_up_id"].as_i64().map(|f| f.to_string()) != Some(id.clone())),
        "follow-up {id} is done"
    );
}

#[test]
fn the_ics_reads_back_with_the_icalendar_parser() {
    use icalendar::{Calendar, Component as _, EventLike as _};

    let book = Book::demo();
    let ics = book.export(&["--format", "ics"]);
    assert!(ics.ends_with("END:VCALENDAR\r\n"));
    assert!(!ics.replace("\r\n", "").contains('\n'), "every line ends in CRLF");
    for line in ics.split_terminator("\r\n") {
        assert!(line.len() <= 75, "{} octets: {line:?}", line.len());
    }
    let cal: Calendar = ics.parse().unwrap();
    let todos: Vec<_> = cal.todos().collect();
    let plan = book.plan(&[]);
    let items = plan["items"].as_array().unwrap();
    assert_eq!(todos.len(), items.len());
    for (todo, item) in todos.iter().zip(items) {
        assert_eq!(
            todo.get_uid(),
            Some(format!("{}@touchbase", item["key"].as_str().unwrap()).as_str())
        );
        assert_eq!(
            todo.get_summary(),
            Some(
                format!(
                    "{}: {}",
                    item["customer"].as_str().unwrap(),
                    item["action"].as_str().unwrap()
                )
                .as_str()
            )
        );
        let description = todo.get_description().unwrap();
        assert!(
            description.starts_with(item["reason"].as_str().unwrap()),
            "{description}"
        );
        assert!(
            description.contains(item["email"].as_str().unwrap()),
            "{description}"
        );
        assert_eq!(
            todo.get_timestamp().unwrap().to_rfc3339(),
            "2026-11-23T09:00:00+00:00"
        );
        let due = todo.get_due().unwrap();
        assert_eq!(due, icalendar::DatePerhapsTime::Date(day(&item["date"])));
        let priority = match item["priority"].as_str().unwrap() {
            "A" => 1,
            "B" => 5,
            _ => 9,
        };
        assert_eq!(todo.get_priority(), Some(priority));
        assert!(
            todo.get_categories()
                .unwrap_or_default()
                .contains(&"touchbase".to_string())
        );
    }
}

#[test]
fn the_csv_reads_back_with_the_csv_crate() {
    let book = Book::demo();
    let text = book.export(&["--format", "csv"]);
    assert!(text.lines().count() > 1 && text.contains("\r\n"));
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(str::to_string).collect();
    assert_eq!(
        header,
        [
            "date", "kind", "priority", "customer", "action", "reason", "phone", "email", "context", "key"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let plan = book.plan(&[]);
    let items = plan["items"].as_array().unwrap();
    assert_eq!(rows.len(), items.len());
    for (row, item) in rows.iter().zip(items) {
        assert_eq!(&row[0], item["date"].as_str().unwrap());
        assert_eq!(&row[3], item["customer"].as_str().unwrap());
        assert_eq!(&row[9], item["key"].as_str().unwrap());
        let phone = item["phone"].as_str().unwrap();
        if !phone.is_empty() {
            assert_eq!(row[6], format!("'{phone}"), "a leading + is neutralised");
        }
        for cell in row {
            assert!(!cell.starts_with(['=', '+', '-', '@', '\t', '\r']), "{cell:?}");
        }
    }
}

/// `(A) 2026-11-23 text +Project @context due:2026-11-27 [key:value]…` per
/// github.com/todotxt/todo.txt.
#[test]
fn todotxt_lines_follow_the_format() {
    let book = Book::demo();
    let text = book.export(&["--format", "todotxt"]);
    let plan = book.plan(&[]);
    let items = plan["items"].as_array().unwrap();
    assert_eq!(text.lines().count(), items.len());
    assert!(text.ends_with('\n') && !text.contains('\r'));
    for (line, item) in text.lines().zip(items) {
        let words: Vec<&str> = line.split(' ').collect();
        let priority = format!("({})", item["priority"].as_str().unwrap());
        assert_eq!(words[0], priority, "{line}");
        assert!(["(A)", "(B)", "(C)"].contains(&words[0]), "{line}");
        assert_eq!(
            words[1], "2026-11-23",
            "the creation date follows the priority: {line}"
        );
        assert!(
            !words[2].starts_with(['+', '@']) && !words[2].contains(':'),
            "text comes first: {line}"
        );
        let projects: Vec<&&str> = words
            .iter()
            .filter(|w| w.starts_with('+') && w.len() > 1)
            .collect();
        let contexts: Vec<&&str> = words
            .iter()
            .filter(|w| w.starts_with('@') && w.len() > 1)
            .collect();
        assert_eq!(projects.len(), 1, "one +customer: {line}");
        assert_eq!(contexts.len(), 1, "one @context: {line}");
        assert_eq!(*contexts[0], format!("@{}", item["context"].as_str().unwrap()));
        let due: Vec<&&str> = words.iter().filter(|w| w.starts_with("due:")).collect();
        assert_eq!(
            due,
            [&format!("due:{}", item["date"].as_str().unwrap()).as_str()],
            "{line}"
        );
        assert!(words.iter().all(|w| !w.is_empty()), "no double spaces: {line}");
    }
}

#[test]
fn the_same_export_twice_is_byte_identical() {
    let book = Book::demo();
    for (format, ext) in FORMATS {
        let (a, b) = (book.path(&format!("a.{ext}")), book.path(&format!("b.{ext}")));
        for path in [&a, &b] {
            book.run(&["export", "week", "-o", path.to_str().unwrap()])
                .assert()
                .success()
                .stdout(predicate::str::contains(format!(
                    "({format}) to '{}'",
                    path.display()
                )));
        }
        let bytes = fs::read(&a).unwrap();
        assert!(!bytes.is_empty());
        assert_eq!(bytes, fs::read(&b).unwrap(), "{format}");
        assert_eq!(
            String::from_utf8(bytes).unwrap(),
            book.export(&["--format", format])
        );
    }
}

#[test]
fn format_overrides_the_extension() {
    let book = Book::demo();
    let out = book.path("week.txt");
    book.run(&["export", "week", "--format", "json", "-o", out.to_str().unwrap()])
        .assert()
        .success();
    let text = fs::read_to_string(&out).unwrap();
    assert!(serde_json::from_str::<Value>(&text).is_ok(), "{text}");
}

#[test]
fn a_sunday_week_starts_on_sunday() {
    let book = Book::demo();
    let config = book.path("config.toml");
    fs::write(&config, "[week]\nstart = \"sunday\"\n").unwrap();
    let plan = book.plan(&[]);
    assert_eq!(
        (plan["week"].as_str(), plan["start"].as_str()),
        (Some("2026-W48"), Some("2026-11-22"))
    );

    fs::write(&config, "[week]\nstart = \"funday\"\n").unwrap();
    book.refuses(&["export", "week"], "'funday' is not a day of the week");
}

#[test]
fn a_limit_counts_what_it_leaves_out() {
    let book = Book::demo();
    fs::write(book.path("config.toml"), "[week]\nlimit = 1\n").unwrap();
    let run = |format: &str| {
        book.run(&["export", "week", "--format", format])
            .assert()
            .success()
    };
    let plan: Value = serde_json::from_slice(&run("json").get_output().stdout).unwrap();
    assert!(
        plan["left_out"]["follow_up"].as_u64().unwrap() > 0,
        "{}",
        plan["left_out"]
    );
    run("md").stdout(predicate::str::contains("_Not listed: "));
    run("csv").stderr(predicate::str::contains("more follow-ups are not in the export"));
}

#[test]
fn user_text_cannot_break_any_format() {
    let book = Book::empty();
    let nasty = "=HYPERLINK(\"http://x\"), *Bold*; [link] \\ +proj @ctx due:never é 日本";
    book.run(&[
        "add",
        nasty,
        "--phone",
        "+31 6 1234 5678",
        "--email",
        "a@b.nl",
        "--cadence",
        "3d",
    ])
    .assert()
    .success();
    book.run(&[
        "log",
        "=HYPER",
        "call: met >> send quote, terms; prices \\ +3d @wed",
    ])
    .assert()
    .success();

    let md = book.export(&["--format", "md"]);
    assert!(md.contains("**=HYPERLINK(\"http://x\"), "), "{md}");
    assert!(md.contains(r"\*Bold\*; \[link\] \\ +proj"), "{md}");

    let csv = book.export(&["--format", "csv"]);
    let rows: Vec<csv::StringRecord> = csv::Reader::from_reader(csv.as_bytes())
        .records()
        .map(Result::unwrap)
        .collect();
    assert_eq!(rows.len(), 2, "{csv}");
    assert!(rows.iter().all(|r| r[3] == format!("'{nasty}")), "{csv}");

    use icalendar::Component as _;
    let ics = book.export(&["--format", "ics"]);
    let cal: icalendar::Calendar = ics.parse().unwrap();
    let summaries: Vec<&str> = cal.todos().filter_map(|t| t.get_summary()).collect();
    assert!(
        summaries.contains(&format!("{nasty}: send quote, terms; prices \\ +3d").as_str()),
        "{summaries:?}"
    );
    for line in ics.split_terminator("\r\n") {
        assert!(line.len() <= 75, "{line:?}");
    }

    let todo = book.export(&["--format", "todotxt"]);
    for line in todo.lines() {
        let projects = line
            .split(' ')
            .filter(|w| w.starts_with('+') && w.len() > 1)
            .count();
        let dues = line.split(' ').filter(|w| w.starts_with("due:")).count();
        assert_eq!((projects, dues), (1, 1), "{line}");
    }
}

#[test]
fn a_malformed_week_is_named_and_nothing_is_written() {
    let book = Book::demo();
    let out = book.path("week.md");
    book.run(&["export", "week", "--week", "2026-48", "-o", out.to_str().unwrap()])
        .assert()
        .failure()
        .stderr(
            predicate::str::contains("week '2026-48' is not understood")
                .and(predicate::str::contains("2026-W48")),
        );
    book.refuses(
        &["export", "week", "--week", "2027-W53"],
        "2027 has ISO weeks 1 to 52",
    );
    assert_eq!(book.files(), Vec::<String>::new());
}

#[test]
fn an_unknown_format_or_extension_is_named_and_nothing_is_written() {
    let book = Book::demo();
    book.refuses(
        &["export", "week", "--format", "xlsx"],
        "unknown format 'xlsx' — use md, csv, ics, json or todotxt",
    );
    let out = book.path("week.xlsx");
    book.run(&["export", "week", "-o", out.to_str().unwrap()])
        .assert()
        .failure()
        .stderr(
            predicate::str::contains(format!("'{}'", out.display()))
                .and(predicate::str::contains("--format")),
        );
    assert_eq!(book.files(), Vec::<String>::new());
}

#[test]
fn an_unwritable_path_is_named_and_leaves_nothing_behind() {
    let book = Book::demo();
    let missing = book.path("no/such/dir/week.md");
    book.refuses(
        &["export", "week", "-o", missing.to_str().unwrap()],
        &format!("cannot write '{}'", missing.display()),
    );
    let dir = book.path("adir.md");
    fs::create_dir(&dir).unwrap();
    book.refuses(
        &["export", "week", "-o", dir.to_str().unwrap()],
        "it is a directory",
    );
    assert_eq!(book.files(), ["adir.md"]);
    assert_eq!(fs::read_dir(&dir).unwrap().count(), 0);
}

#[test]
fn a_failed_export_keeps_the_previous_file() {
    let book = Book::demo();
    let out = book.path("week.md");
    fs::write(&out, "last week's list\n").unwrap();
    book.run(&["export", "week", "--week", "W48", "-o", out.to_str().unwrap()])
        .assert()
        .failure();
    assert_eq!(fs::read_to_string(&out).unwrap(), "last week's list\n");
    book.run(&["export", "week", "-o", out.to_str().unwrap()])
        .assert()
        .success();
    assert!(fs::read_to_string(&out).unwrap().starts_with("# Week 2026-W48"));
    assert_eq!(book.files(), ["week.md"], "no temporary file is left");
}

#[test]
fn an_empty_book_exports_an_empty_week() {
    let book = Book::empty();
    assert_eq!(
        book.export(&["--week", "2026-W01"]),
        "# Week 2026-W01: Mon 29 Dec 2025 – Sun 4 Jan 2026\n\nNothing to do this week.\n"
    );
    let ics = book.export(&["--format", "ics"]);
    let cal: icalendar::Calendar = ics.parse().unwrap();
    assert_eq!(cal.todos().count(), 0);
    assert_eq!(book.export(&["--format", "csv"]).lines().count(), 1);
    assert_eq!(book.export(&["--format", "todotxt"]), "");
}

#[test]
fn archived_customers_are_neither_listed_nor_counted() {
    let book = Book::demo();
    let before = book.plan(&[]);
    let archived = before["items"][0]["customer_id"].as_i64().unwrap();
    let conn = rusqlite::Connection::open(&book.db).unwrap();
    conn.execute("UPDATE customers SET archived = 1 WHERE id = ?1", [archived])
        .unwrap();
    drop(conn);

    let all = book.plan(&[]);
    let items = all["items"].as_array().unwrap();
    assert!(
        items.iter().all(|i| i["customer_id"] != archived),
        "{archived} is archived"
    );
    fs::write(book.path("config.toml"), "[week]\nlimit = 1\n").unwrap();
    let limited = book.plan(&[]);
    for (kind, left_out) in [
        ("overdue", "overdue"),
        ("follow_up", "follow_up"),
        ("moment", "moment"),
        ("touch_base", "touch_base"),
    ] {
        let count = |plan: &Value| {
            plan["items"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|i| i["kind"] == kind)
                .count() as u64
        };
        assert_eq!(
            count(&limited) + limited["left_out"][left_out].as_u64().unwrap(),
            count(&all),
            "{kind}: listed and left out add up to all"
        );
    }
}

/// Each item says how to reach whom it is about, in every format: where the format has a
/// place for it, and nothing (no empty `phone:` tag) for a customer without one.
#[test]
fn every_format_carries_the_phone_and_e_mail_to_reach() {
    let book = Book::empty();
    book.ok(&[
        "add",
        "Anna de Boer",
        "--phone",
        "+31 20 555 0101",
        "--email",
        "anna@acme.example",
    ]);
    book.ok(&["add", "Jan Smit"]);
    book.ok(&["log", "anna", "call: met >> send quote @wed"]);
    book.ok(&["log", "jan", "visit: met >> send samples @wed"]);
    let line_of = |text: &str, who: &str| -> String {
        text.lines()
            .filter(|l| l.contains(who))
            .collect::<Vec<_>>()
            .join("\n")
    };

    let md = book.export(&["--format", "md"]);
    assert!(
        line_of(&md, "Anna de Boer").ends_with(" · +31 20 555 0101 · anna@acme.example"),
        "{md}"
    );
    assert!(!line_of(&md, "Jan Smit").contains(" · "), "{md}");

    let todo = book.export(&["--format", "todotxt"]);
    let anna = line_of(&todo, "+AnnadeBoer");
    assert!(
        anna.ends_with(" phone:+31205550101 email:anna@acme.example"),
        "{todo}"
    );
    let jan = line_of(&todo, "+JanSmit");
    assert!(!jan.contains("phone:") && !jan.contains("email:"), "{todo}");

    let csv = book.export(&["--format", "csv"]);
    let rows: Vec<csv::StringRecord> = csv::Reader::from_reader(csv.as_bytes())
        .records()
        .map(Result::unwrap)
        .collect();
    let anna = rows.iter().find(|r| &r[3] == "Anna de Boer").unwrap();
    assert_eq!((&anna[6], &anna[7]), ("'+31 20 555 0101", "anna@acme.example"));
    let jan = rows.iter().find(|r| &r[3] == "Jan Smit").unwrap();
    assert_eq!((&jan[6], &jan[7]), ("", ""));

    let plan = book.plan(&[]);
    let items = plan["items"].as_array().unwrap();
    let anna = items.iter().find(|i| i["customer"] == "Anna de Boer").unwrap();
    assert_eq!(
        (&anna["phone"], &anna["email"]),
        (&"+31 20 555 0101".into(), &"anna@acme.example".into())
    );

    use icalendar::Component as _;
    let ics = book.export(&["--format", "ics"]);
    let cal: icalendar::Calendar = ics.parse().unwrap();
    let description = |who: &str| {
        cal.todos()
            .find(|t| t.get_summary().is_some_and(|s| s.starts_with(who)))
            .and_then(|t| t.get_description().map(str::to_string))
            .unwrap()
    };
    let anna = description("Anna de Boer");
    assert!(
        anna.contains("Phone: +31 20 555 0101\nEmail: anna@acme.example"),
        "{anna}"
    );
    let jan = description("Jan Smit");
    assert!(!jan.contains("Phone:") && !jan.contains("Email:"), "{jan}");
}
