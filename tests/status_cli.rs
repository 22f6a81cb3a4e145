//! `touchbase status` (the prompt line) and `touchbase remind --setup [--write]`, through
//! the real binary as a shell prompt, tmux or a new user runs them.

mod common {
    pub mod binary;
    pub mod book;
    pub mod clock;
    pub mod json;
    pub mod refusals;
}

use std::path::Path;
use std::process::Command as StdCommand;

use common::book::Book;
use serde_json::json;

/// Mon 23 Nov 2026, 09:00 UTC, the tests' `NOW`: Acme's quote was due Friday, Beta's call
/// is today, Acme's board meets Wednesday (within the 3 preparation days) and the
/// contract is signed in January. Gone, archived, has an overdue follow-up of its own.
fn book() -> Book {
    let book = Book::empty();
    let before = "2026-11-16T09:00:00Z";
    for name in ["Acme", "Beta", "Gone"] {
        book.run_at(before, &["add", name]).assert().success();
    }
    for (who, line) in [
        ("acme", "call: pricing >> send the revised quote @2026-11-20"),
        ("beta", "call: hello >> call about the spring order @2026-11-23"),
        ("gone", "call: last words >> send the farewell card @2026-11-18"),
    ] {
        book.run_at(before, &["log", who, line]).assert().success();
    }
    book.ok(&["moment", "add", "acme", "Board meets", "@2026-11-25"]);
    book.ok(&["moment", "add", "acme", "Contract signed", "@2027-01-15"]);
    book.ok(&["archive", "gone"]);
    book
}

fn stdout(cmd: &mut assert_cmd::Command) -> String {
    String::from_utf8(cmd.assert().success().get_output().stdout.clone()).unwrap()
}

#[test]
fn a_prompt_on_a_machine_without_a_book_says_nothing_is_due_and_creates_none() {
    let book = Book::empty();
    assert_eq!(book.ok(&["status"]), "nothing due\n");
    assert_eq!(book.ok(&["status", "--quiet-when-clear"]), "");
    assert_eq!(book.ok(&["status", "--format", "{due}"]), "0\n");
    assert!(book.ok(&["status", "--json"]).contains("\"due\":0"));
    book.run(&["status", "--format", "{late}"]).assert().failure();
    assert!(!book.db.exists(), "status must not leave an empty book behind");
}

#[test]
fn the_line_counts_overdue_today_and_to_prepare_leaving_zeros_out() {
    let book = book();
    assert_eq!(book.ok(&["status"]), "1 overdue · 1 today · 1 to prepare\n");
    // Thursday: the quote and the call are overdue, the board met yesterday.
    assert_eq!(
        stdout(&mut book.run_at("2026-11-26T09:00:00Z", &["status"])),
        "2 overdue\n"
    );
    // Never coloured into a pipe: a prompt embeds it.
    assert!(!book.ok(&["status"]).contains('\x1b'));
}

#[test]
fn nothing_due_says_so_or_with_the_flag_nothing_at_all() {
    let empty = Book::empty();
    assert_eq!(empty.ok(&["status"]), "nothing due\n");
    assert_eq!(empty.ok(&["status", "--quiet-when-clear"]), "");
    assert_eq!(
        empty.ok(&["status", "--quiet-when-clear", "--format", "{due}"]),
        ""
    );
    let busy = book();
    assert_eq!(
        busy.ok(&["status", "--quiet-when-clear"]),
        "1 overdue · 1 today · 1 to prepare\n"
    );
}

#[test]
fn format_fills_the_named_fields_and_refuses_an_unknown_one() {
    let book = book();
    assert_eq!(
        book.ok(&[
            "status",
            "--format",
            "⚑ {due} ({overdue}+{today}) {prepare}p{warning} {{x}}"
        ]),
        "⚑ 2 (1+1) 1p {x}\n"
    );
    book.refuses(
        &["status", "--format", "{overdue} {late}"],
        "no field '{late}' — the fields are {overdue} {today} {prepare} {due} {warning}",
    );
    book.run(&["status", "--format", "{due", "--json"])
        .assert()
        .code(2);
}

#[test]
fn json_has_every_count_and_the_warning() {
    let book = book();
    assert_eq!(
        book.json(&["status"]),
        json!({
            "overdue": 1, "today": 1, "prepare": 1, "due": 2,
            "reminders_stopped_since": null, "warning": null
        })
    );
}

/// `remind --setup` with its files going under `home`.
fn setup(book: &Book, home: &Path, args: &[&str]) -> assert_cmd::Command {
    let mut cmd = book.run(&[&["remind", "--setup"], args].concat());
    cmd.env("HOME", home).env_remove("XDG_CONFIG_HOME");
    cmd
}

#[test]
fn setup_prints_a_timer_that_runs_the_scheduled_digest_of_this_book() {
    let book = book();
    let home = tempfile::tempdir().unwrap();
    let printed = stdout(&mut setup(&book, home.path(), &["--at", "07:45"]));
    let exe = common::binary::bin().canonicalize().unwrap();
    let db = book.db.canonicalize().unwrap();
    let run = format!("{} --db {} remind --scheduled", exe.display(), db.display());
    assert!(printed.contains(&format!("ExecStart={run}")), "{printed}");
    for line in [
        "OnCalendar=*-*-* 07:45:00",
        "Persistent=true",
        "WantedBy=timers.target",
        "systemctl --user daemon-reload && systemctl --user enable --now touchbase-remind.timer",
    ] {
        assert!(printed.contains(line), "{line}: {printed}");
    }
    // The config it reads is passed on, the crontab line is the other way.
    let config = book.path("config.toml");
    assert!(printed.contains(&format!("Environment=TOUCHBASE_CONFIG={}", config.display())));
    assert!(printed.contains(&format!("45 7 * * * TOUCHBASE_CONFIG={} {run}", config.display())));
    // The default time is [remind] at.
    std::fs::write(&config, "[remind]\nat = \"18:05\"\n").unwrap();
    assert!(stdout(&mut setup(&book, home.path(), &[])).contains("OnCalendar=*-*-* 18:05:00"));
    // Printing installs nothing and marks nothing.
    assert!(!home.path().join(".config").exists());
    assert_eq!(
        book.json_at("2026-12-02T12:00:00Z", &["status"])["warning"],
        json!(null)
    );
}

#[test]
fn a_bad_time_is_refused_with_what_to_write() {
    let book = book();
    let home = tempfile::tempdir().unwrap();
    for at in ["25:00", "soon", "8.30"] {
        let out = setup(&book, home.path(), &["--write", "--at", at])
            .assert()
            .code(1)
            .get_output()
            .stderr
            .clone();
        let err = String::from_utf8(out).unwrap();
        assert!(
            err.contains(&format!("--at '{at}' is not a time of day")) && err.contains("08:30"),
            "{err}"
        );
    }
    assert!(!home.path().join(".config").exists(), "nothing was written");
    // --at and --write belong to --setup.
    book.run(&["remind", "--at", "08:30"]).assert().code(2);
}

/// A book in a directory whose name needs quoting in a unit file and a crontab line.
fn odd_book() -> Book {
    let dir = tempfile::Builder::new().prefix("sales 100% ").tempdir().unwrap();
    let db = dir.path().join("touch base.db");
    Book { dir, db }
}

#[test]
fn write_installs_the_units_marks_the_book_and_leaves_others_files_alone() {
    let book = odd_book();
    book.ok(&["add", "Acme"]);
    let home = tempfile::tempdir().unwrap();
    let config = tempfile::tempdir().unwrap();
    let units = config.path().join("systemd/user");
    let write = || {
        let mut cmd = setup(&book, home.path(), &["--write"]);
        cmd.env("XDG_CONFIG_HOME", config.path());
        stdout(&mut cmd)
    };
    let said = write();
    let service = units.join("touchbase-remind.service");
    let timer = units.join("touchbase-remind.timer");
    assert!(said.contains(&format!("wrote {}", service.display())), "{said}");
    assert!(
        said.contains(
            "systemctl --user daemon-reload && systemctl --user enable --now touchbase-remind.timer"
        )
    );
    let text = std::fs::read_to_string(&service).unwrap();
    assert!(
        text.contains("--db \"") && text.contains("%%") && text.contains("remind --scheduled"),
        "{text}"
    );
    assert!(
        std::fs::read_to_string(&timer)
            .unwrap()
            .contains("Persistent=true")
    );
    verify(&units);

    // Again: ours, as it should be.
    assert!(write().contains(&format!("unchanged {}", timer.display())));

    // Marked as set up at NOW (Mon 23 Nov 09:00, after 08:30): Monday's digest was not
    // due yet, Tuesday's is, past 10:30.
    let warning = |now: &str| book.json_at(now, &["status"])["warning"].clone();
    assert_eq!(warning("2026-11-24T10:00:00Z"), json!(null));
    assert_eq!(
        warning("2026-11-24T12:00:00Z"),
        json!("reminders have not run since yesterday")
    );
    assert_eq!(
        stdout(&mut book.run_at("2026-11-25T12:00:00Z", &["status"])),
        "reminders have not run since Mon 23 Nov\n"
    );
    let mut quiet = book.run_at(
        "2026-11-25T12:00:00Z",
        &["status", "--quiet-when-clear", "--format", "{due}{warning}"],
    );
    assert_eq!(
        stdout(&mut quiet),
        "0reminders have not run since Mon 23 Nov\n",
        "a warning is not clear"
    );

    // Someone else's timer is left alone, and nothing else is written.
    std::fs::remove_file(&service).unwrap();
    std::fs::write(&timer, "[Timer]\nOnCalendar=daily\n").unwrap();
    let mut cmd = setup(&book, home.path(), &["--write"]);
    cmd.env("XDG_CONFIG_HOME", config.path());
    let err = String::from_utf8(cmd.assert().code(1).get_output().stderr.clone()).unwrap();
    assert!(
        err.contains("touchbase did not write it") && err.contains("nothing was written"),
        "{err}"
    );
    assert!(!service.exists());
    assert_eq!(
        std::fs::read_to_string(&timer).unwrap(),
        "[Timer]\nOnCalendar=daily\n"
    );
}

#[test]
fn without_xdg_config_home_the_units_go_under_home() {
    let book = book();
    let home = tempfile::tempdir().unwrap();
    stdout(&mut setup(&book, home.path(), &["--write"]));
    assert!(
        home.path()
            .join(".config/systemd/user/touchbase-remind.timer")
            .is_file()
    );
}

/// `systemd-analyze --user verify` on the installed units, when the machine has it
/// (skipped, saying so, when it does not).
fn verify(units: &Path) {
    let runtime = tempfile::tempdir().unwrap();
    let run = StdCommand::new("systemd-analyze")
        .args([
            "--user",
            "verify",
            "./touchbase-remind.service",
            "./touchbase-remind.timer",
        ])
        .current_dir(units)
        .env("XDG_RUNTIME_DIR", runtime.path())
        .output();
    match run {
        Err(e) => eprintln!("systemd-analyze not run ({e}): the units are not verified"),
        Ok(out) => assert!(
            out.status.success(),
            "systemd-analyze verify: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ),
    }
}
