//! The terminal-safety rule over everything that prints for a person: a book whose every
//! text field holds escape sequences, C0 and C1 controls, DEL and bidi overrides, and no
//! such character reaching stdout, stderr or a TUI screen.

mod common {
    pub mod binary;
    pub mod book;
    pub mod clock;
    pub mod keys;
}

use std::process::Output;

use common::binary::touchbase;
use common::book::Book;
use common::keys::{self, Keys};
use crossterm::event::KeyCode;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use touchbase::tui::{App, ui};

/// Clear the screen, retitle the window, bell, SOH, DEL, an 8-bit CSI (C1), NEL, a
/// right-to-left override, a bidi isolate, a right-to-left mark, a zero width space and a
/// BOM.
const EVIL: &str =
    "\u{1b}[2J\u{1b}]0;pwned\u{7}\u{1}\u{7f}\u{9b}31m\u{85}\u{202E}dlrow\u{2066}\u{200F}\u{200B}\u{FEFF}";

/// What must not reach a terminal: every control character but the line break (and the
/// tab, which moves the cursor on but cannot hide text), the bidi controls and the
/// invisible characters in `EVIL`.
fn offending(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(
            c,
            '\u{061C}'
                | '\u{200B}'
                | '\u{200E}'
                | '\u{200F}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2066}'..='\u{2069}'
                | '\u{FEFF}'
        )
}

fn assert_safe(what: &str, bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    if let Some((i, c)) = text.char_indices().find(|&(_, c)| offending(c)) {
        let from = text[..i].char_indices().rev().nth(40).map_or(0, |(j, _)| j);
        panic!(
            "{what}: U+{:04X} reached the terminal after …{:?}",
            c as u32,
            &text[from..i]
        );
    }
}

impl Book {
    /// Runs `args`, which must succeed; returns all it printed.
    fn printed(&self, args: &[&str]) -> Output {
        let out = self.run(args).output().unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        out
    }
}

/// Two customers with hostile text everywhere: written through the CLI where it takes it,
/// then appended to every text column with SQL, for what it refuses or does not reach.
fn hostile() -> Book {
    let book = Book::empty();
    let e = EVIL;
    book.ok(&[
        "add",
        &format!("Evil{e}One"),
        "--company",
        &format!("Corp{e}"),
        // Refused as an address and as a number by the CLI: the SQL below adds the
        // hostile text to them.
        "--email",
        "evil@x.nl",
        "--phone",
        "+31 6 1234",
        "--notes",
        &format!("notes{e}\nsecond line"),
        "--cadence",
        "7d",
    ]);
    book.ok(&["add", &format!("Second{e}"), "--cadence", "7d"]);
    for id in ["1", "2"] {
        book.ok(&["log", id, &format!("call: talked{e} >> follow{e} up @today =5")]);
        book.ok(&["log", id, &format!("email: asked{e} >> overdue{e} @fri")]);
        book.ok(&[
            "moment",
            "add",
            id,
            &format!("Board{e}"),
            "@2026-11-24",
            "--concerns",
            &format!("price{e}"),
            "--steps",
            &format!("steps{e}"),
            "--response",
            &format!("response{e}"),
        ]);
        book.ok(&["trigger", "add", id, "reactional", &format!("late{e}")]);
        book.ok(&["give", id, &format!("gift{e}")]);
        book.ok(&["ask", id, &format!("referral{e}")]);
        book.ok(&["order", id, "1250.50"]);
    }
    // What is parked, and why, is said by `show` and `why`.
    book.ok(&["quiet", "2", "loyalty", "+2w", &format!("leave{e}")]);
    book.ok(&["pause", "1", "+1m", &format!("sabbatical{e}")]);
    let sql = rusqlite::Connection::open(&book.db).unwrap();
    for (table, columns) in [
        (
            "customers",
            &["name", "company", "email", "phone", "tags", "notes"][..],
        ),
        ("interactions", &["note"]),
        ("follow_ups", &["text"]),
        (
            "moments",
            &["title", "concerns", "steps", "response", "outcome_note"],
        ),
        ("triggers", &["note", "resolution_note"]),
        ("balance_entries", &["note"]),
        ("orders", &["note"]),
    ] {
        for column in columns {
            sql.execute(
                &format!("UPDATE {table} SET {column} = {column} || ?1"),
                [format!(" {e}")],
            )
            .unwrap();
        }
    }
    sql.execute(
        "UPDATE follow_ups SET due = '2026-11-20', first_due = '2026-11-20' WHERE text LIKE 'overdue%'",
        [],
    )
    .unwrap();
    // A customer past their cadence, so `due` has a nudge to explain.
    sql.execute(
        "UPDATE customers SET last_contact_at = last_contact_at - 60 * 86400 WHERE id = 2",
        [],
    )
    .unwrap();
    book
}

#[test]
fn every_command_for_a_person_prints_hostile_text_as_placeholders() {
    let book = hostile();
    for args in [
        &["list"][..],
        &["list", "--sort", "name"],
        &["list", "--sort", "urgency"],
        &["due"],
        &["due", "--all"],
        &["show", "1"],
        &["show", "2"],
        &["why", "1"],
        &["why", "2"],
        &["export", "week"],
        &["export", "week", "--format", "md"],
        &["export", "week", "--format", "todotxt"],
        &["export", "week", "--week", "2026-W49"],
    ] {
        let out = book.printed(args);
        assert_safe(&format!("{args:?} stdout"), &out.stdout);
        assert_safe(&format!("{args:?} stderr"), &out.stderr);
        let shown = String::from_utf8_lossy(&out.stdout).into_owned();
        assert!(
            shown.contains("pwned"),
            "{args:?} shows the hostile text: {shown}"
        );
    }
    // Paths the user named are echoed back when the file is written.
    let file = |name: &str| {
        let path = book.path(&format!("{EVIL}{name}"));
        path.to_str().unwrap().to_string()
    };
    for args in [
        ["export", "customers", "-o", &file("book.csv")]
            .map(String::from)
            .to_vec(),
        ["export", "week", "-o", &file("week.md")]
            .map(String::from)
            .to_vec(),
        ["backup", &file("backup.db")].map(String::from).to_vec(),
    ] {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = book.printed(&args);
        assert_safe(&format!("{args:?} stdout"), &out.stdout);
        assert_safe(&format!("{args:?} stderr"), &out.stderr);
    }
    let other = file("other.db");
    let out = touchbase().args(["--db", &other, "demo"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_safe("demo stdout", &out.stdout);
}

#[test]
fn closing_and_resolving_say_a_hostile_note_as_placeholders() {
    let book = hostile();
    let e = EVIL;
    book.ok(&["moment", "add", "1", "Pilot", "@2026-12-01"]);
    book.ok(&["trigger", "add", "1", "influential", "rival"]);
    for args in [
        &["moment", "close", "3", "lost", "--note", &format!("lost{e}")][..],
        &["trigger", "resolve", "3", "--note", &format!("fixed{e}")],
        &["show", "1"],
    ] {
        let out = book.printed(args);
        assert_safe(&format!("{args:?} stdout"), &out.stdout);
        let shown = String::from_utf8_lossy(&out.stdout).into_owned();
        assert!(
            shown.contains("pwned"),
            "{args:?} shows the hostile text: {shown}"
        );
    }
}

#[test]
fn errors_that_echo_an_argument_show_it_as_placeholders() {
    let book = hostile();
    let e = EVIL;
    let csv = book.path("bad.csv");
    std::fs::write(&csv, format!("Naam{e},Firma{e}\nJan,Acme\n")).unwrap();
    let missing = book.path(&format!("missing{e}.csv"));
    let csv = csv.to_str().unwrap();
    let missing = missing.to_str().unwrap();
    for args in [
        &["show", &format!("nobody{e}")][..],
        &["why", &format!("nobody{e}")],
        &["log", &format!("x{e}"), "call: hi"],
        &["log", "1", &format!("call: hi @{e}")],
        &["export", "week", "--week", &format!("2026-W{e}")],
        &["export", "week", "--format", &format!("md{e}")],
        &["export", "customers", "--format", &format!("csv{e}")],
        &["order", "1", &format!("12{e}")],
        &["order", "1", "12", &format!("@{e}")],
        &["snooze", "1", &format!("fri{e}")],
        &["add", "Someone", "--cadence", &format!("3{e}")],
        &["add", "Someone", "--tag", &format!("vip{e}")],
        &["moment", "add", "1", "Title", &format!("@{e}")],
        &["moment", "close", "1", "--outcome", &format!("won{e}")],
        &["trigger", "add", "1", &format!("kind{e}"), "note"],
        &["import", csv],
        &["import", missing],
        &["backup", book.db.to_str().unwrap()],
        // clap's own errors: an unknown command, a bad value, an unknown flag.
        &[&format!("frobnicate{e}")],
        &["list", "--sort", &format!("name{e}")],
        &["list", &format!("--{e}")],
    ] {
        let out = book.run(args).output().unwrap();
        assert!(!out.status.success(), "{args:?} should fail");
        assert_safe(&format!("{args:?} stdout"), &out.stdout);
        assert_safe(&format!("{args:?} stderr"), &out.stderr);
    }
}

fn draw(app: &mut App) -> String {
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    app.resize(ui::list_height(40)).unwrap();
    terminal.draw(|f| touchbase::tui::draw(f, app)).unwrap();
    terminal
        .backend()
        .buffer()
        .content()
        .iter()
        .map(ratatui::buffer::Cell::symbol)
        .collect()
}

#[test]
fn every_screen_draws_hostile_text_as_placeholders() {
    let book = hostile();
    // In UTC whatever the machine's time zone, as the child processes' TZ=UTC.
    let mut app = keys::app(touchbase::store::open(&book.db).unwrap());
    let mut screens = vec![("agenda", draw(&mut app))];
    app.keys("2");
    screens.push(("customers", draw(&mut app)));
    app.press(KeyCode::Enter);
    screens.push(("card", draw(&mut app)));
    app.keys("4");
    screens.push(("week", draw(&mut app)));
    // The quick-log prompt echoes a bad date in its error.
    app.submit("2l", "call: hello @fri\u{202E}\u{200F}x");
    screens.push(("quick-log error", draw(&mut app)));
    for (name, screen) in &screens {
        assert_safe(name, screen.as_bytes());
        assert!(
            screen.contains('␛') || *name == "quick-log error",
            "{name} shows the names"
        );
    }
    // ratatui drops zero-width characters such as U+202E; the placeholders show that
    // something is there.
    assert!(
        screens[4].1.contains("'@fri��x' is not a date"),
        "the error is shown: {}",
        screens[4].1
    );
}

/// Files are for other programs: they keep the hostile text exactly, escaped only as
/// their format escapes (JSON `\u001b`, CSV quoting), and a formula-like cell guarded.
#[test]
fn exported_files_keep_hostile_text_exactly() {
    let book = hostile();
    // The account is named after its company (Evil…One is its main contact).
    let name = format!("Corp{EVIL} {EVIL}");
    let json = book.path("book.json");
    book.ok(&["export", "customers", "-o", json.to_str().unwrap()]);
    let text = std::fs::read_to_string(&json).unwrap();
    assert!(text.contains("\\u001b[2J"), "JSON escapes ESC");
    assert!(text.contains('\u{202E}'), "JSON keeps the bidi override as it is");
    let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(doc[0]["name"], name.as_str());

    let csv = book.path("book.csv");
    book.ok(&["add", "＝HYPERLINK(\"x\")", "--notes", "\n=cmd|' /C calc'!A0"]);
    book.ok(&["export", "customers", "-o", csv.to_str().unwrap()]);
    let mut rows = ::csv::Reader::from_path(&csv).unwrap();
    let rows: Vec<::csv::StringRecord> = rows.records().map(Result::unwrap).collect();
    assert_eq!(&rows[0][0], name.as_str());
    assert_eq!(&rows[2][0], "'＝HYPERLINK(\"x\")");
    assert_eq!(&rows[2][6], "'\n=cmd|' /C calc'!A0");
}
