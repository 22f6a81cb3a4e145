//! Nothing lost, nothing broken: the real binary killed mid-write, many processes writing
//! at once, files created private, read-only books read without a trace, and failures
//! that leave nothing behind. Bounded to a few seconds each.

#![cfg(unix)]

mod common {
    pub mod binary;
    pub mod clock;
}

use std::fs;
use std::os::unix::fs::PermissionsExt as _;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use common::binary::{bin, hermetic};
use rusqlite::Connection;
use tempfile::TempDir;

fn touchbase(db: &Path) -> Command {
    let mut cmd = common::binary::touchbase();
    cmd.arg("--db").arg(db);
    cmd
}

/// `sh -c SCRIPT touchbase DB ARGS…` in the tests' environment: the script finds the
/// binary in `$0` and the book in `$1`, so neither needs quoting.
fn shell(script: &str, db: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::new("sh");
    cmd.arg("-c").arg(script).arg(bin()).arg(db).args(args);
    hermetic(&mut cmd);
    cmd
}

/// `touchbase --db DB ARGS…` run under `umask`, through a shell as a user's would be.
fn with_umask(umask: &str, db: &Path, args: &[&str]) -> Output {
    let mut line = format!("umask {umask}; exec \"$0\" --db \"$1\"");
    for i in 0..args.len() {
        line.push_str(&format!(" \"${}\"", i + 2));
    }
    shell(&line, db, args).output().unwrap()
}

/// Starts `touchbase --db DB ARGS…` with its output piped, to read when it ends.
fn spawn<S: AsRef<std::ffi::OsStr>>(db: &Path, args: &[S]) -> Child {
    touchbase(db)
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

fn run(db: &Path, args: &[&str]) -> Output {
    touchbase(db).args(args).output().unwrap()
}

#[track_caller]
fn ok(out: &Output) -> String {
    assert!(
        out.status.success(),
        "exit {:?}\nstdout: {}\nstderr: {}",
        out.status.code(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn mode(path: &Path) -> u32 {
    fs::metadata(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .permissions()
        .mode()
        & 0o777
}

fn beside(db: &Path, suffix: &str) -> PathBuf {
    let mut p = db.as_os_str().to_owned();
    p.push(suffix);
    PathBuf::from(p)
}

fn book_with(names: &[&str]) -> (TempDir, PathBuf) {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("touchbase.db");
    for name in names {
        ok(&run(&db, &["add", name]));
    }
    (dir, db)
}

/// The notes of every contact in the book, read with SQLite itself.
fn notes(db: &Path) -> Vec<String> {
    let conn = Connection::open(db).unwrap();
    let mut stmt = conn.prepare("SELECT note FROM interactions").unwrap();
    stmt.query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

fn integrity(db: &Path) -> String {
    let conn = Connection::open(db).unwrap();
    conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap()
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

// ---------------------------------------------------------------------------------------
// Killed mid-write, and many writers at once.

#[test]
fn a_logger_killed_at_random_points_loses_no_acknowledged_write() {
    let (_dir, db) = book_with(&["Ann Example"]);
    let mut rng = fastrand::Rng::with_seed(10);
    let deadline = Instant::now() + Duration::from_secs(4);
    let (mut acknowledged, mut kills, mut runs) = (Vec::new(), 0, 0);
    while Instant::now() < deadline {
        let note = format!("crash test {runs}");
        let mut child = spawn(&db, &["log", "Ann Example", &format!("call: {note}")]);
        // A log takes some 30-60 ms in a debug build: the kill lands anywhere in it, from
        // before SQLite is opened to after the commit.
        thread::sleep(Duration::from_millis(rng.u64(0..60)));
        if child.try_wait().unwrap().is_none() {
            child.kill().unwrap();
            kills += 1;
        }
        let out = child.wait_with_output().unwrap();
        if String::from_utf8_lossy(&out.stdout).contains("Logged call with Ann Example") {
            acknowledged.push(note);
        } else if out.status.success() {
            panic!("a log exited 0 without saying so: {}", stderr(&out));
        }
        runs += 1;
    }
    let found = notes(&db);
    let lost: Vec<&String> = acknowledged.iter().filter(|n| !found.contains(n)).collect();
    eprintln!(
        "crash test: {runs} logs, {kills} killed, {} acknowledged, {} found, {} lost",
        acknowledged.len(),
        found.len(),
        lost.len()
    );
    assert!(lost.is_empty(), "acknowledged but lost: {lost:?}");
    assert_eq!(integrity(&db), "ok");
    assert!(
        kills > 0 && !acknowledged.is_empty(),
        "{kills} kills, {acknowledged:?}"
    );
    // The book still opens and works after all that.
    ok(&run(&db, &["log", "Ann Example", "call: after the crashes"]));
}

#[test]
fn four_writers_and_a_reader_at_once_lose_nothing_and_never_fail() {
    const WRITERS: usize = 4;
    const LOGS: usize = 50;
    let (_dir, db) = book_with(&["Writer 0", "Writer 1", "Writer 2", "Writer 3"]);
    let writers: Vec<_> = (0..WRITERS)
        .map(|w| {
            let db = db.clone();
            thread::spawn(move || {
                for i in 0..LOGS {
                    let out = run(&db, &["log", &format!("Writer {w}"), &format!("call: w{w} n{i}")]);
                    ok(&out);
                    assert_eq!(stderr(&out), "", "writer {w}, log {i}");
                }
            })
        })
        .collect();
    let reader = {
        let db = db.clone();
        thread::spawn(move || {
            let mut reads = 0;
            let started = Instant::now();
            // Until the writers are done, but bounded.
            while started.elapsed() < Duration::from_secs(20) && notes(&db).len() < WRITERS * LOGS {
                for args in [&["due", "--all"][..], &["list"][..]] {
                    let out = run(&db, args);
                    ok(&out);
                    assert_eq!(stderr(&out), "", "{args:?}");
                    reads += 1;
                }
            }
            reads
        })
    };
    for w in writers {
        w.join().unwrap();
    }
    let reads = reader.join().unwrap();
    let found = notes(&db);
    eprintln!(
        "concurrency: {WRITERS} writers × {LOGS} logs, {reads} reads at the same time, {} contacts found",
        found.len()
    );
    for w in 0..WRITERS {
        for i in 0..LOGS {
            let note = format!("w{w} n{i}");
            assert!(found.contains(&note), "'{note}' was acknowledged and is missing");
        }
    }
    assert_eq!(found.len(), WRITERS * LOGS);
    assert_eq!(integrity(&db), "ok");
}

#[test]
fn eight_processes_creating_one_new_database_at_once_all_succeed() {
    for round in 0..3 {
        let dir = TempDir::new().unwrap();
        let db = dir.path().join("new/touchbase.db");
        let children: Vec<Child> = (0..8)
            .map(|i| spawn(&db, &["add", &format!("Person {i}")]))
            .collect();
        for (i, child) in children.into_iter().enumerate() {
            let out = child.wait_with_output().unwrap();
            ok(&out);
            assert_eq!(stderr(&out), "", "round {round}, process {i}");
        }
        let list = ok(&run(&db, &["list"]));
        for i in 0..8 {
            assert!(list.contains(&format!("Person {i}")), "round {round}: {list}");
        }
        assert_eq!(integrity(&db), "ok");
    }
}

#[test]
fn a_command_failing_on_a_new_book_never_removes_what_another_process_wrote() {
    // A failed command removes the empty book it created, but never one that another
    // process, started at the same moment, has open or has written to.
    let mut added = 0;
    for round in 0..4 {
        let dir = TempDir::new().unwrap();
        let db = dir.path().join("touchbase.db");
        let children: Vec<(bool, Child)> = (0..8)
            .map(|i| {
                let good = i % 2 == 0;
                let args = if good {
                    vec!["add".to_string(), format!("Person {i}")]
                } else {
                    vec!["log".to_string(), "Nobody".to_string(), "call: x".to_string()]
                };
                let child = spawn(&db, &args);
                (good, child)
            })
            .collect();
        let mut acknowledged = Vec::new();
        for (i, (good, child)) in children.into_iter().enumerate() {
            let out = child.wait_with_output().unwrap();
            if good {
                ok(&out);
                acknowledged.push(format!("Person {i}"));
            } else {
                assert_eq!(out.status.code(), Some(1), "round {round}: {}", stderr(&out));
            }
        }
        let list = ok(&run(&db, &["list"]));
        for name in &acknowledged {
            assert!(
                list.contains(name),
                "round {round}: '{name}' was added and is gone"
            );
            added += 1;
        }
    }
    assert_eq!(added, 16);
}

#[test]
fn a_log_waits_for_a_long_write_past_the_old_timeout_and_says_so() {
    let (_dir, db) = book_with(&["Ann Example"]);
    // Another process's long import, as SQLite sees it: the write lock held for 6 s, past
    // the 5 s after which a log used to fail with "database is locked".
    let conn = Connection::open(&db).unwrap();
    conn.execute_batch("BEGIN IMMEDIATE; UPDATE customers SET notes = 'importing'")
        .unwrap();
    let started = Instant::now();
    let log = spawn(&db, &["log", "Ann Example", "call: during the import"]);
    thread::sleep(Duration::from_secs(6));
    conn.execute_batch("COMMIT").unwrap();
    let out = log.wait_with_output().unwrap();
    ok(&out);
    assert!(started.elapsed() >= Duration::from_secs(6));
    assert_eq!(
        stderr(&out),
        "touchbase: waiting for another touchbase to finish writing…\n"
    );
    assert!(notes(&db).contains(&"during the import".to_string()));
}

// ---------------------------------------------------------------------------------------
// Personal data is private.

#[test]
fn the_book_its_directory_and_its_journal_files_are_private_whatever_the_umask() {
    for umask in ["000", "022"] {
        let dir = TempDir::new().unwrap();
        let data = dir.path().join("data/touchbase");
        let db = data.join("touchbase.db");
        ok(&with_umask(umask, &db, &["add", "Ann Example"]));
        assert_eq!(mode(&db), 0o600, "umask {umask}");
        assert_eq!(mode(&data), 0o700, "umask {umask}");
        assert_eq!(mode(data.parent().unwrap()), 0o700, "umask {umask}");

        // The -wal and -shm exist while a write is going on: catch them during a long one.
        let mut demo = shell(
            &format!("umask {umask}; exec \"$0\" --db \"$1\" demo --force --customers 20000"),
            &db,
            &[],
        )
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
        let (wal, shm) = (beside(&db, "-wal"), beside(&db, "-shm"));
        let started = Instant::now();
        while !(wal.exists() && shm.exists()) && started.elapsed() < Duration::from_secs(10) {
            thread::sleep(Duration::from_millis(2));
        }
        let modes = (mode(&wal), mode(&shm));
        demo.kill().unwrap();
        demo.wait().unwrap();
        assert_eq!(modes, (0o600, 0o600), "umask {umask}: -wal and -shm");
    }
}

#[test]
fn backups_and_exports_are_private_whatever_the_umask() {
    let (dir, db) = book_with(&["Ann Example"]);
    for umask in ["000", "022"] {
        let backup = dir.path().join(format!("backup-{umask}.db"));
        let customers = dir.path().join(format!("customers-{umask}.csv"));
        let week = dir.path().join(format!("week-{umask}.md"));
        ok(&with_umask(umask, &db, &["backup", backup.to_str().unwrap()]));
        ok(&with_umask(
            umask,
            &db,
            &["export", "customers", "-o", customers.to_str().unwrap()],
        ));
        ok(&with_umask(
            umask,
            &db,
            &["export", "week", "-o", week.to_str().unwrap()],
        ));
        for file in [&backup, &customers, &week] {
            assert_eq!(mode(file), 0o600, "umask {umask}: {}", file.display());
        }
    }
    // The backup is a whole book.
    let list = ok(&run(&dir.path().join("backup-000.db"), &["list"]));
    assert!(list.contains("Ann Example"), "{list}");
}

#[test]
fn a_book_others_can_read_gets_a_one_line_warning_saying_how_to_fix_it() {
    let (_dir, db) = book_with(&["Ann Example"]);
    fs::set_permissions(&db, fs::Permissions::from_mode(0o644)).unwrap();
    let out = run(&db, &["list"]);
    assert!(ok(&out).contains("Ann Example"));
    assert_eq!(
        stderr(&out),
        format!(
            "touchbase: warning: '{0}' can be read by other users of this machine (mode 644) — to keep it private: chmod 600 '{0}'\n",
            db.display()
        )
    );
    fs::set_permissions(&db, fs::Permissions::from_mode(0o600)).unwrap();
    assert_eq!(stderr(&run(&db, &["list"])), "");
}

// ---------------------------------------------------------------------------------------
// Read-only books. Root may write anything, and CI runs as root: touchbase goes by the
// permission bits too (a file or directory nobody may write was made read-only on
// purpose), so these tests check the same code path as root and as a user.

fn assert_reads_work_and_leave_no_trace(db: &Path) {
    let before = fs::read(db).unwrap();
    let dir = db.parent().unwrap();
    let files = files_in(dir);
    assert!(ok(&run(db, &["list"])).contains("Van der Berg Logistiek"));
    assert!(ok(&run(db, &["due"])).contains("overdue"));
    assert!(ok(&run(db, &["show", "Sanne de Vries"])).contains("Van der Berg"));
    assert!(ok(&run(db, &["export", "week"])).contains("# Week 2026-W48"));
    assert!(ok(&run(db, &["export", "customers"])).contains("Sanne de Vries"));

    let out = run(db, &["log", "Sanne de Vries", "call: from a read-only book"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("is read-only"), "{}", stderr(&out));
    assert!(stderr(&out).contains("nothing was changed"), "{}", stderr(&out));

    assert_eq!(files_in(dir), files, "nothing created beside the book");
    assert_eq!(fs::read(db).unwrap(), before, "the book is unchanged");
}

#[test]
fn a_read_only_book_is_read_without_creating_anything_beside_it() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("touchbase.db");
    ok(&run(&db, &["demo"]));
    fs::set_permissions(&db, fs::Permissions::from_mode(0o400)).unwrap();
    assert_reads_work_and_leave_no_trace(&db);
    let out = run(&db, &["log", "Sanne de Vries", "call: x"]);
    assert!(
        stderr(&out).contains(&format!("to write, chmod u+w '{}'", db.display())),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_book_in_a_read_only_directory_is_read_without_creating_anything() {
    let dir = TempDir::new().unwrap();
    let books = dir.path().join("books");
    let db = books.join("touchbase.db");
    ok(&run(&db, &["demo"]));
    fs::set_permissions(&books, fs::Permissions::from_mode(0o500)).unwrap();
    assert_reads_work_and_leave_no_trace(&db);
    let out = run(&db, &["log", "Sanne de Vries", "call: x"]);
    assert!(
        stderr(&out).contains("its directory is not writable"),
        "{}",
        stderr(&out)
    );
    fs::set_permissions(&books, fs::Permissions::from_mode(0o700)).unwrap();
}

// ---------------------------------------------------------------------------------------
// Failures leave nothing behind, and say what happened.

#[test]
fn a_failed_backup_leaves_no_file() {
    let (dir, db) = book_with(&["Ann Example"]);
    let before = files_in(dir.path());
    let missing = dir.path().join("no-such-dir/backup.db");
    let out = run(&db, &["backup", missing.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("cannot write the backup"),
        "{}",
        stderr(&out)
    );
    assert!(!missing.exists());

    let not_a_dir = dir.path().join("touchbase.db/backup.db");
    let out = run(&db, &["backup", not_a_dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));

    let existing = dir.path().join("existing.db");
    fs::write(&existing, "keep me").unwrap();
    let out = run(&db, &["backup", existing.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(fs::read_to_string(&existing).unwrap(), "keep me");
    fs::remove_file(&existing).unwrap();

    assert_eq!(files_in(dir.path()), before, "no temporary or 0-byte file left");
}

#[test]
fn a_failed_demo_on_a_new_path_leaves_no_database() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("demo.db");
    let out = run(&db, &["demo", "--customers", "100000000"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("'100000000'"), "{}", stderr(&out));
    assert_eq!(files_in(dir.path()), Vec::<String>::new());
}

/// A file called `name` made with `sql`, which `args` must refuse (exit 1) and leave
/// byte for byte as it was; returns what the refusal said.
fn refused_unchanged(name: &str, sql: &str, args: &[&str]) -> String {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join(name);
    Connection::open(&db).unwrap().execute_batch(sql).unwrap();
    let before = fs::read(&db).unwrap();
    let out = run(&db, args);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(fs::read(&db).unwrap(), before, "{name} was changed");
    stderr(&out)
}

#[test]
fn a_negative_schema_version_is_called_damaged_and_the_file_is_left_alone() {
    let err = refused_unchanged(
        "odd.db",
        "CREATE TABLE customers (id); PRAGMA user_version = -1;",
        &["list"],
    );
    assert!(err.contains("schema is version -1"), "{err}");
    assert!(err.contains("damaged or belongs to another program"), "{err}");
    assert!(err.contains("the file was not changed"), "{err}");
}

#[test]
fn another_programs_database_is_refused_unchanged() {
    let err = refused_unchanged(
        "photos.db",
        "CREATE TABLE photos (id, path)",
        &["add", "Ann Example"],
    );
    assert!(err.contains("another program's SQLite database"), "{err}");
}
