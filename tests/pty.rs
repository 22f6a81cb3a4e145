//! The real binary in a pseudo-terminal, driven by keys as a user drives it. The bytes it
//! writes are fed to a terminal emulator (`vt100`) and the tests look at the screen that
//! builds, never at the raw bytes: ratatui only sends the cells that changed.

mod common {
    pub mod binary;
    pub mod book;
    pub mod clock;
    pub mod json;
}

use std::num::NonZeroU16;
use std::process::Command;
use std::thread;
use std::time::{Duration, Instant};

use common::binary::{bin, hermetic};
use common::book::Book;
use rexpect::process::{Signal, WaitStatus};
use rexpect::session::{PtySession, spawn_command};
use serde_json::Value;

const ROWS: u16 = 24;
const COLS: u16 = 80;
/// How long anything may take before a test gives up and shows the screen.
const TIMEOUT: Duration = Duration::from_secs(10);

/// What `ratatui::restore` and then dropping the `Terminal` write on the way out: leave the
/// alternate screen, then show the cursor again (ratatui 0.30's `restore` itself does not).
const RESTORED: &[u8] = b"\x1b[?1049l\x1b[?25h";

/// The tests' environment (`hermetic`) in a terminal that takes colour, for the app or the
/// shell that starts it.
fn with_env(cmd: &mut Command) -> &mut Command {
    hermetic(cmd).env("TERM", "xterm-256color").env_remove("NO_COLOR")
}

impl Book {
    /// Two customers: "Acme BV" (company Acme) and "Beta GmbH".
    fn two_customers() -> Book {
        let book = Book::empty();
        book.ok(&["add", "Acme BV", "--company", "Acme"]);
        book.ok(&["add", "Beta GmbH"]);
        book
    }
}

/// The app running in an 80×24 pseudo-terminal, and the screen its output draws.
struct Tui {
    session: PtySession,
    screen: vt100::Parser,
    /// Every byte the app wrote, for what the screen does not keep (the restore sequences).
    raw: Vec<u8>,
}

impl Tui {
    /// Starts `touchbase --db DB`. rexpect gives the pty no size, so `stty` sets one first;
    /// the paths go in as `$0`/`$1`, so they need no quoting.
    fn open(book: &Book) -> Tui {
        Tui::open_with(book, |cmd| cmd)
    }

    /// `open`, with `env` changing the environment the app starts in.
    fn open_with(book: &Book, env: impl FnOnce(&mut Command) -> &mut Command) -> Tui {
        let mut cmd = Command::new("sh");
        cmd.arg("-c")
            .arg(format!("stty rows {ROWS} cols {COLS} && exec \"$0\" --db \"$1\""))
            .arg(bin())
            .arg(&book.db);
        env(with_env(&mut cmd));
        let timeout_ms = u64::try_from(TIMEOUT.as_millis()).unwrap();
        Tui {
            session: spawn_command(cmd, Some(timeout_ms)).unwrap(),
            // vt100 0.18 takes its size as `NonZeroU16`.
            screen: vt100::Parser::new(NonZeroU16::new(ROWS).unwrap(), NonZeroU16::new(COLS).unwrap(), 0),
            raw: Vec::new(),
        }
    }

    /// Feeds whatever output has arrived to the screen; whether there was any.
    fn pump(&mut self) -> bool {
        let start = self.raw.len();
        // rexpect's reader turns each byte into a `char` of the same value (not UTF-8
        // decoding), so this gives the bytes back exactly.
        while let Some(c) = self.session.try_read() {
            self.raw
                .push(u8::try_from(c).expect("rexpect hands out one byte per char"));
        }
        self.screen.process(&self.raw[start..]);
        self.raw.len() > start
    }

    fn contents(&self) -> String {
        self.screen.screen().contents()
    }

    /// Whether any cell on the screen has a colour of its own.
    fn coloured(&self) -> bool {
        let screen = self.screen.screen();
        (0..ROWS).any(|row| {
            (0..COLS).any(|col| {
                screen.cell(row, col).is_some_and(|cell| {
                    cell.fgcolor() != vt100::Color::Default || cell.bgcolor() != vt100::Color::Default
                })
            })
        })
    }

    /// Reads output until the screen satisfies `done`; fails with the last screen.
    fn wait_until(&mut self, what: &str, timeout: Duration, done: impl Fn(&str) -> bool) {
        let deadline = Instant::now() + timeout;
        loop {
            let fresh = self.pump();
            if done(&self.contents()) {
                return;
            }
            if Instant::now() > deadline {
                panic!("waited {timeout:?} for {what}; the screen is:\n{}", self.framed());
            }
            if !fresh {
                thread::sleep(Duration::from_millis(10));
            }
        }
    }

    /// Waits until `text` is on the screen.
    fn wait_for(&mut self, text: &str) {
        self.wait_until(&format!("{text:?}"), TIMEOUT, |s| s.contains(text));
    }

    /// Waits until `text` is no longer on the screen.
    fn wait_gone(&mut self, text: &str) {
        self.wait_until(&format!("{text:?} to go"), TIMEOUT, |s| !s.contains(text));
    }

    /// Types `keys`: one write, as a fast typist or a paste would arrive.
    fn keys(&mut self, keys: &str) {
        self.session.send(keys).unwrap();
        self.session.flush().unwrap();
    }

    /// Esc on its own: crossterm reads a lone 0x1b as the Esc key only when nothing else
    /// arrives with it, so callers wait for its effect before typing on.
    fn esc(&mut self) {
        self.keys("\x1b");
    }

    /// Waits for the process to end, reads the rest of its output and returns its exit code.
    fn exit_code(&mut self) -> i32 {
        let deadline = Instant::now() + TIMEOUT;
        let status = loop {
            self.pump();
            match self.session.process().status() {
                Some(WaitStatus::StillAlive) | None => {}
                Some(status) => break status,
            }
            if Instant::now() > deadline {
                panic!("the app did not exit; the screen is:\n{}", self.framed());
            }
            thread::sleep(Duration::from_millis(10));
        };
        // The child is gone; the pty may still hold its last bytes.
        let rest = self.session.exp_eof().unwrap_or_default();
        let rest: Vec<u8> = rest.chars().map(|c| u8::try_from(c).unwrap()).collect();
        self.screen.process(&rest);
        self.raw.extend_from_slice(&rest);
        match status {
            WaitStatus::Exited(_, code) => code,
            other => panic!("the app did not exit normally: {other:?}"),
        }
    }

    /// The screen with a frame around it, for failure messages.
    fn framed(&self) -> String {
        let width = usize::from(COLS);
        let mut out = format!("+{}+\n", "-".repeat(width));
        for row in self.screen.screen().rows(0, COLS) {
            let pad = width.saturating_sub(row.chars().count());
            out.push_str(&format!("|{row}{}|\n", " ".repeat(pad)));
        }
        out.push_str(&format!("+{}+", "-".repeat(width)));
        out
    }

    /// The terminal is as the app found it: primary screen, cursor visible, and the last
    /// bytes written are the ones that put it back.
    fn assert_restored(&self) {
        let screen = self.screen.screen();
        assert!(!screen.alternate_screen(), "still on the alternate screen");
        assert!(!screen.hide_cursor(), "the cursor is still hidden");
        assert!(
            self.raw.ends_with(RESTORED),
            "the output does not end with {:?}: …{:?}",
            String::from_utf8_lossy(RESTORED),
            String::from_utf8_lossy(&self.raw[self.raw.len().saturating_sub(40)..])
        );
    }
}

#[test]
fn no_color_draws_every_screen_and_the_help_without_colour() {
    let book = Book::two_customers();
    for no_color in [false, true] {
        let mut tui = Tui::open_with(&book, |cmd| if no_color { cmd.env("NO_COLOR", "1") } else { cmd });
        tui.wait_for("Mon 23 Nov 2026");
        for (key, shows) in [
            ("2", "Customers · 2"),
            ("3", "No customer open"),
            ("4", "Week 2026-W48"),
            ("?", "Keys · Esc closes"),
        ] {
            tui.keys(key);
            tui.wait_for(shows);
            assert_eq!(
                tui.coloured(),
                !no_color,
                "NO_COLOR set: {no_color}; screen:\n{}",
                tui.framed()
            );
        }
        tui.esc();
        tui.wait_gone("Keys · Esc closes");
        tui.keys("q");
        assert_eq!(tui.exit_code(), 0, "exit code; screen:\n{}", tui.framed());
    }
}

#[test]
fn quick_log_from_the_customer_card_lands_in_the_database() {
    let book = Book::two_customers();
    let mut tui = Tui::open(&book);
    tui.wait_for("Agenda");
    // The app sees the pty's 80 columns: the date in the tab bar ends at the right edge.
    tui.wait_for("Mon 23 Nov 2026");
    let top = tui.screen.screen().rows(0, COLS).next().unwrap();
    assert_eq!(
        top.trim_end().chars().count(),
        usize::from(COLS) - 1,
        "{}",
        tui.framed()
    );

    tui.keys("2");
    tui.wait_for("Customers · 2 · by");
    tui.wait_for("Acme BV");

    tui.keys("/");
    // The filter's own keys in the footer: it is open and typing.
    tui.wait_for("Enter keep");
    tui.keys("acme");
    tui.wait_for("1 of 2 match");
    assert!(!tui.contents().contains("Beta GmbH"), "{}", tui.framed());

    // Enter keeps the filter (the keys go back to the list); Enter again opens the customer.
    tui.keys("\r");
    tui.wait_for("o sort");
    tui.keys("\r");
    tui.wait_for("Timeline");
    tui.wait_for("nothing logged yet");

    tui.keys("l");
    tui.wait_for("Log for Acme BV");
    // The empty input shows a placeholder much like this line (ending in "#tag"), so wait
    // for the input row to end the way the typed line does.
    tui.keys("call: discussed renewal >> send proposal @fri =5");
    tui.wait_until("the typed line", TIMEOUT, |s| {
        s.lines()
            .any(|l| l.starts_with("Log for Acme BV") && l.trim_end().ends_with("@fri =5"))
    });
    tui.keys("\r");
    tui.wait_for("Logged call with Acme BV");
    // The card shows it at once: the follow-up and the timeline entry.
    tui.wait_for("discussed renewal");
    tui.wait_gone("nothing logged yet");

    tui.keys("q");
    assert_eq!(tui.exit_code(), 0, "exit code; screen:\n{}", tui.framed());
    tui.assert_restored();

    let acme = book.json(&["show", "acme"]);
    let logged = &acme["interactions"][0];
    assert_eq!(logged["kind"], "call", "{acme:#}");
    assert_eq!(logged["note"], "discussed renewal", "{acme:#}");
    assert_eq!(logged["satisfaction"], 5, "{acme:#}");
    assert_eq!(acme["interactions"].as_array().unwrap().len(), 1, "{acme:#}");
    let follow_up = &acme["follow_ups"][0];
    assert_eq!(follow_up["text"], "send proposal", "{acme:#}");
    assert_eq!(follow_up["due"], "2026-11-27", "{acme:#}");
    assert_eq!(follow_up["done"], false, "{acme:#}");
    let beta = book.json(&["show", "beta"]);
    assert_eq!(beta["interactions"], Value::Array(vec![]), "{beta:#}");
}

#[test]
fn a_bad_quick_log_line_shows_the_error_and_saves_nothing() {
    let book = Book::two_customers();
    let mut tui = Tui::open(&book);
    tui.wait_for("Agenda");

    tui.keys("2");
    tui.wait_for("Customers · 2 · by");
    tui.keys("l");
    tui.wait_for("Log for ");
    tui.keys("bogus: hello");
    tui.wait_for("bogus: hello");
    tui.keys("\r");
    tui.wait_for("unknown kind 'bogus'");
    // The line stays in the input, to be fixed.
    assert!(tui.contents().contains("bogus: hello"), "{}", tui.framed());

    tui.esc();
    tui.wait_gone("Log for ");
    tui.wait_gone("unknown kind");

    tui.keys("q");
    assert_eq!(tui.exit_code(), 0, "exit code; screen:\n{}", tui.framed());
    tui.assert_restored();

    for who in ["acme", "beta"] {
        let customer = book.json(&["show", who]);
        assert_eq!(customer["interactions"], Value::Array(vec![]), "{customer:#}");
        assert_eq!(customer["follow_ups"], Value::Array(vec![]), "{customer:#}");
    }
}

/// Waits for the app to end and gives its exit code, whether it exited or was killed.
fn status_after_signal(tui: &mut Tui, signal: Signal) -> WaitStatus {
    tui.wait_for("Agenda");
    tui.session.process_mut().signal(signal).unwrap();
    let deadline = Instant::now() + TIMEOUT;
    let status = loop {
        tui.pump();
        match tui.session.process().status() {
            Some(WaitStatus::StillAlive) | None => {}
            Some(status) => break status,
        }
        assert!(
            Instant::now() < deadline,
            "the app did not end on {signal:?}:\n{}",
            tui.framed()
        );
        thread::sleep(Duration::from_millis(10));
    };
    let rest = tui.session.exp_eof().unwrap_or_default();
    let rest: Vec<u8> = rest.chars().map(|c| u8::try_from(c).unwrap()).collect();
    tui.screen.process(&rest);
    tui.raw.extend_from_slice(&rest);
    status
}

#[test]
fn sigterm_ends_the_app_with_the_terminal_restored() {
    let book = Book::two_customers();
    for (signal, code) in [(Signal::SIGTERM, 143), (Signal::SIGINT, 130)] {
        let mut tui = Tui::open(&book);
        let status = status_after_signal(&mut tui, signal);
        assert!(
            matches!(status, WaitStatus::Exited(_, c) if c == code),
            "{signal:?}: {status:?}, not exit {code}"
        );
        tui.assert_restored();
    }
}

/// SIGHUP is what the app gets when its terminal window is closed: nothing is left to
/// restore, but it must end instead of running on (or panicking on the dead terminal).
#[test]
fn sighup_ends_the_app() {
    let book = Book::two_customers();
    let mut tui = Tui::open(&book);
    let status = status_after_signal(&mut tui, Signal::SIGHUP);
    assert!(
        matches!(status, WaitStatus::Exited(_, 129)),
        "{status:?}, not exit 129"
    );
    tui.assert_restored();
}

/// What `touchbase --db DB args…` writes to a terminal, every byte, and its exit code.
fn on_terminal(book: &Book, args: &[&str]) -> (Vec<u8>, i32) {
    let mut cmd = Command::new(bin());
    cmd.arg("--db").arg(&book.db).args(args);
    with_env(&mut cmd);
    let timeout_ms = u64::try_from(TIMEOUT.as_millis()).unwrap();
    let mut session = spawn_command(cmd, Some(timeout_ms)).unwrap();
    let out = session.exp_eof().unwrap();
    let out: Vec<u8> = out.chars().map(|c| u8::try_from(c).unwrap()).collect();
    let code = match session.process().wait().unwrap() {
        WaitStatus::Exited(_, code) => code,
        other => panic!("{args:?}: {other:?}"),
    };
    (out, code)
}

/// Files and pipes get the data exactly; a terminal gets placeholders, whatever the
/// format: an exported book, JSON, clap's own errors.
#[test]
fn data_written_to_a_terminal_shows_hidden_characters_as_placeholders() {
    let book = Book::two_customers();
    let evil = "Evil\u{1b}]0;pwned\u{7}\u{202E}\u{9b}2J";
    book.ok(&["add", evil, "--notes", evil]);
    let piped = book.ok(&["export", "customers", "--format", "json"]);
    assert!(
        piped.contains("Evil\\u001b]0;pwned\\u0007\u{202E}\u{9b}2J"),
        "a pipe gets the data exactly, escaped as JSON escapes it"
    );
    for args in [
        &["export", "customers"][..],
        &["export", "customers", "--format", "vcard"],
        &["export", "customers", "--format", "json"],
        &["show", "3", "--json"],
        &["list", "--json"],
    ] {
        let (out, code) = on_terminal(&book, args);
        assert_eq!(code, 0, "{args:?}: {}", String::from_utf8_lossy(&out));
        let text = String::from_utf8_lossy(&out);
        assert!(text.contains("Evil"), "{args:?}: {text}");
        for bad in ["\u{1b}", "\u{7}", "\u{202E}", "\u{9b}"] {
            assert!(
                !text.contains(bad),
                "{args:?} wrote {bad:?} to the terminal: {text:?}"
            );
        }
    }
    let (out, code) = on_terminal(&book, &["list", "--sort", "name\u{1b}[2J\u{202E}"]);
    assert_eq!(code, 2);
    let text = String::from_utf8_lossy(&out);
    assert!(text.contains("'name␛[2J�'"), "{text:?}");
    assert!(!text.contains('\u{1b}'), "{text:?}");
}

/// `cmd` started on a terminal of its own, as the shell of a terminal window is: it leads
/// a new session whose controlling terminal is the pty. Returns once the app has drawn
/// its agenda; dropping the returned master closes the window. rexpect cannot close its
/// terminal without killing the child first, hence this.
fn on_own_terminal(mut cmd: Command) -> (std::process::Child, std::fs::File) {
    use std::fs::File;
    use std::io::Read as _;
    use std::os::fd::{AsRawFd as _, FromRawFd as _};
    use std::os::unix::process::CommandExt as _;

    let (mut master, mut slave) = (0, 0);
    let size = libc::winsize {
        ws_row: ROWS,
        ws_col: COLS,
        ws_xpixel: 0,
        ws_ypixel: 0,
    };
    // SAFETY: openpty writes two descriptors into the two ints; the name is not asked for.
    let opened = unsafe {
        libc::openpty(
            &raw mut master,
            &raw mut slave,
            std::ptr::null_mut(),
            std::ptr::null(),
            &raw const size,
        )
    };
    assert_eq!(opened, 0, "openpty: {}", std::io::Error::last_os_error());
    // The child must not inherit the master: while any copy is open, nothing hangs up.
    // SAFETY: `master` is an open descriptor.
    unsafe { libc::fcntl(master, libc::F_SETFD, libc::FD_CLOEXEC) };
    // SAFETY: both descriptors were just opened and are owned by nothing else.
    let (mut master, slave) = unsafe { (File::from_raw_fd(master), File::from_raw_fd(slave)) };

    with_env(&mut cmd);
    cmd.stdin(slave.try_clone().unwrap())
        .stdout(slave.try_clone().unwrap())
        .stderr(slave.try_clone().unwrap());
    // SAFETY: only async-signal-safe calls between fork and exec.
    unsafe {
        cmd.pre_exec(|| {
            if libc::setsid() < 0 || libc::ioctl(0, libc::TIOCSCTTY as _, 0) < 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    let mut child = cmd.spawn().unwrap();
    drop(cmd);
    drop(slave);

    let mut screen = vt100::Parser::new(NonZeroU16::new(ROWS).unwrap(), NonZeroU16::new(COLS).unwrap(), 0);
    let deadline = Instant::now() + TIMEOUT;
    while !screen.screen().contents().contains("Agenda") {
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("no first screen:\n{}", screen.screen().contents());
        }
        let mut fds = libc::pollfd {
            fd: master.as_raw_fd(),
            events: libc::POLLIN,
            revents: 0,
        };
        // SAFETY: one valid pollfd.
        if unsafe { libc::poll(&raw mut fds, 1, 100) } > 0 {
            let mut buf = [0; 4096];
            let n = master.read(&mut buf).unwrap();
            screen.process(&buf[..n]);
        }
    }
    (child, master)
}

/// Waits for `child` to end, killing it after `TIMEOUT`.
fn ended(child: &mut std::process::Child, what: &str) -> std::process::ExitStatus {
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return status;
        }
        if start.elapsed() > TIMEOUT {
            let _ = child.kill();
            panic!("{what} runs on after its terminal closed");
        }
        thread::sleep(Duration::from_millis(10));
    }
}

/// The terminal window closes under the running app, which leads its session (`ssh -t`,
/// `tmux new touchbase`): the kernel hangs up the terminal and sends it SIGHUP. It must
/// end at once with 129, without aborting while it tries to restore a dead terminal.
#[test]
fn closing_the_terminal_ends_the_app() {
    let book = Book::two_customers();
    let mut cmd = Command::new(bin());
    cmd.arg("--db").arg(&book.db);
    let (mut child, master) = on_own_terminal(cmd);
    let closed = Instant::now();
    drop(master);
    let status = ended(&mut child, "the app");
    assert_eq!(status.code(), Some(129), "{status:?}");
    // Well before the watchdog's two seconds: the loop itself saw the hang-up.
    assert!(
        closed.elapsed() < Duration::from_millis(1500),
        "{:?}",
        closed.elapsed()
    );
}

/// The same under a shell that does not pass SIGHUP on (here it ignores it; an
/// interactive shell passes it on only later): the app sees the terminal hang up before
/// any signal, the case where crossterm alone would spin forever on the dead terminal.
#[test]
fn a_hung_up_terminal_ends_the_app_without_a_signal() {
    let book = Book::two_customers();
    let code = book.db.with_extension("exit-code");
    let mut cmd = Command::new("sh");
    cmd.arg("-c")
        .arg(r#"trap "" HUP; "$0" --db "$1"; echo $? > "$2""#)
        .arg(bin())
        .arg(&book.db)
        .arg(&code);
    let (mut child, master) = on_own_terminal(cmd);
    let closed = Instant::now();
    drop(master);
    let status = ended(&mut child, "the shell");
    assert!(status.success(), "{status:?}");
    assert_eq!(std::fs::read_to_string(&code).unwrap().trim(), "129");
    assert!(
        closed.elapsed() < Duration::from_millis(1500),
        "{:?}",
        closed.elapsed()
    );
}

/// `y` then `e` on the Customers list, in the real binary, returning every byte it wrote.
fn copy_anna_s_e_mail(tmux: Option<&str>) -> Vec<u8> {
    let book = Book::empty();
    book.ok(&["add", "Anna de Boer", "--email", "anna@acme.example"]);
    let mut tui = Tui::open_with(&book, |cmd| match tmux {
        Some(socket) => cmd.env("TMUX", socket),
        None => cmd.env_remove("TMUX"),
    });
    tui.wait_for("Agenda");
    tui.keys("2");
    tui.wait_for("Anna de Boer");
    tui.keys("y");
    tui.wait_for("e e-mail");
    tui.keys("e");
    tui.wait_for("Copied anna@acme.example to the clipboard");
    tui.keys("q");
    assert_eq!(tui.exit_code(), 0, "exit code; screen:\n{}", tui.framed());
    tui.assert_restored();
    tui.raw
}

fn count(haystack: &[u8], needle: &[u8]) -> usize {
    haystack.windows(needle.len()).filter(|w| *w == needle).count()
}

/// The clipboard's escape is written on the app's own output, exactly once, as OSC 52:
/// `ESC ] 52 ; c ; base64 BEL` ("anna@acme.example" is YW5uYUBhY21lLmV4YW1wbGU=).
#[test]
fn copying_writes_the_osc_52_sequence_to_the_terminal() {
    let raw = copy_anna_s_e_mail(None);
    let osc52 = b"\x1b]52;c;YW5uYUBhY21lLmV4YW1wbGU=\x07";
    assert_eq!(count(&raw, osc52), 1, "{:?}", String::from_utf8_lossy(&raw));
    assert_eq!(count(&raw, b"\x1bPtmux;"), 0, "no tmux passthrough outside tmux");
}

/// Inside tmux: the sequence as it is (for `set-clipboard on`), then in tmux's passthrough
/// with its ESC doubled (for `allow-passthrough on`).
#[test]
fn inside_tmux_copying_also_writes_the_passthrough() {
    let raw = copy_anna_s_e_mail(Some("/tmp/tmux-1000/default,4242,0"));
    let both =
        b"\x1b]52;c;YW5uYUBhY21lLmV4YW1wbGU=\x07\x1bPtmux;\x1b\x1b]52;c;YW5uYUBhY21lLmV4YW1wbGU=\x07\x1b\\";
    assert_eq!(count(&raw, both), 1, "{:?}", String::from_utf8_lossy(&raw));
}
