//! `touchbase remind` to the e-mail and desktop channels, end to end through the binary:
//! a real SMTP server on loopback (tests/common/smtp.rs) and a real D-Bus session bus with
//! a notification service (tests/common/dbus.rs), set up in `config.toml` and the
//! environment as a user sets them up. What arrives, what is said when it cannot arrive
//! (never the password), and that only a digest every channel took is recorded.

mod common {
    pub mod binary;
    pub mod book;
    pub mod clock;
    pub mod dbus;
    pub mod mime;
    pub mod smtp;
}

use std::process::Output;
use std::time::Instant;

use common::book::Book;
use common::dbus::{Notifications, SessionBus};
use common::mime::{header, header_text, parts};
use common::smtp::{MailServer, Received, certificate};
use mailin_embedded::AuthMechanism;

const USER: &str = "digest@example.com";
const PASSWORD: &str = "correct horse battery";
/// The variable `password_env` names in these tests.
const PASSWORD_VAR: &str = "TB_TEST_SMTP_PASSWORD";
/// A customer whose name is HTML.
const SMITH: &str = "<b>Smith & Co</b>";
const SUBJECT: &str = "touchbase: 1 overdue · 1 today · 1 to prepare";

/// Monday 23 November 2026 (`NOW`): Acme with "send proposal" overdue since Fri 20 Nov
/// and "board meets" on Wed 25 Nov; Smith & Co (named in HTML) with "call back" due today
/// and a complaint opened today.
fn book() -> Book {
    let book = Book::empty();
    book.ok(&["add", "Acme"]);
    book.ok(&["add", SMITH]);
    book.run_at(
        "2026-11-16T09:00:00Z",
        &["log", "Acme", "call: renewal >> send proposal @fri"],
    )
    .assert()
    .success();
    book.ok(&["log", SMITH, "call: ok >> call back @today"]);
    book.ok(&["moment", "add", "Acme", "board meets", "@wed"]);
    book.ok(&["trigger", "add", SMITH, "reactional", "delivery <late>"]);
    book
}

/// What one run said.
struct Said {
    ok: bool,
    stdout: String,
    stderr: String,
}

impl From<Output> for Said {
    fn from(out: Output) -> Said {
        let said = Said {
            ok: out.status.success(),
            stdout: String::from_utf8(out.stdout).expect("UTF-8 stdout"),
            stderr: String::from_utf8(out.stderr).expect("UTF-8 stderr"),
        };
        assert!(!said.stderr.contains("panicked"), "{}", said.stderr);
        said
    }
}

impl Book {
    /// Writes config.toml beside the book.
    fn config(&self, toml: &str) {
        std::fs::write(self.path("config.toml"), toml).expect("config.toml written");
    }

    /// `[remind.smtp]` for a server on this machine at `port`, with `more` lines after.
    fn smtp(&self, host: &str, port: u16, security: &str, more: &str) {
        self.config(&format!(
            "[remind.smtp]\nhost = \"{host}\"\nport = {port}\nsecurity = \"{security}\"\n\
             from = \"touchbase <{USER}>\"\n{more}"
        ));
    }

    /// `touchbase remind ARGS` with `env` set after the hermetic environment.
    fn remind(&self, args: &[&str], env: &[(&str, &str)]) -> Said {
        let mut cmd = self.run(&[&["remind"], args].concat());
        for (key, value) in env {
            cmd.env(key, value);
        }
        cmd.output().expect("the binary runs").into()
    }

    /// Whether the last delivered digest holds today's lines: what `--since-last` says.
    fn recorded(&self) -> bool {
        let since = self.ok(&["remind", "--since-last", "--stdout"]);
        if since.contains("Nothing new since Mon 23 Nov 09:00.") {
            return true;
        }
        assert!(
            since.contains("send proposal") && since.contains("board meets") && !since.contains("already in"),
            "nothing recorded, so all of it again: {since}"
        );
        false
    }
}

fn only(server: &MailServer) -> Received {
    let received = server.received();
    assert_eq!(received.len(), 1, "one message arrived: {received:#?}");
    received.into_iter().next().expect("one message")
}

/// The digest as it arrives: envelope, headers, and both parts listing every line, the
/// HTML escaped.
fn assert_is_the_digest(mail: &Received, to: &str) {
    let data = &mail.data;
    assert_eq!(mail.from, USER);
    assert_eq!(mail.to, [to]);
    assert_eq!(
        header(data, "From").as_deref(),
        Some("touchbase <digest@example.com>")
    );
    assert_eq!(header(data, "To").as_deref(), Some(to));
    assert_eq!(header_text(data, "Subject").as_deref(), Some(SUBJECT), "{data}");
    let parts = parts(data);
    assert_eq!(parts.len(), 2, "text and HTML: {data}");
    let (text_head, text) = &parts[0];
    let (html_head, html) = &parts[1];
    assert!(header(text_head, "Content-Type").is_some_and(|t| t.starts_with("text/plain")));
    assert!(header(html_head, "Content-Type").is_some_and(|t| t.starts_with("text/html")));
    for line in [
        "f1  Acme — send proposal (overdue since Fri 20 Nov)",
        "f2  <b>Smith & Co</b> — call back",
        "m1  Acme — “board meets” in 2 days; nothing logged since you planned it (Wed 25 Nov)",
        "t1  <b>Smith & Co</b> — complaint “delivery <late>” arrived today",
    ] {
        assert!(text.contains(line), "the text part lists {line:?}:\n{text}");
    }
    for row in [
        "<td><code>f1</code></td><td>Acme</td><td>send proposal (overdue since Fri 20 Nov)</td>",
        "<td><code>f2</code></td><td>&lt;b&gt;Smith &amp; Co&lt;/b&gt;</td><td>call back</td>",
        "<td><code>m1</code></td><td>Acme</td><td>“board meets” in 2 days",
        "<td><code>t1</code></td><td>&lt;b&gt;Smith &amp; Co&lt;/b&gt;</td><td>complaint “delivery &lt;late&gt;” arrived today",
    ] {
        assert!(html.contains(row), "the HTML part has {row:?}:\n{html}");
    }
    assert!(
        !html.contains("<b>") && !html.contains("<late>"),
        "escaped: {html}"
    );
}

#[test]
fn the_digest_is_e_mailed_to_a_plain_loopback_server_and_recorded() {
    let book = book();
    let server = MailServer::plain();
    book.smtp("127.0.0.1", server.port, "none", "");
    let run = book.remind(&["--email", "anna@example.com"], &[]);
    assert!(run.ok, "{}", run.stderr);
    assert_eq!(run.stdout, "", "only the e-mail channel was asked for");
    assert_eq!(run.stderr, "");
    assert_is_the_digest(&only(&server), "anna@example.com");
    assert!(book.recorded(), "the delivered digest is recorded");
}

#[test]
fn a_login_over_starttls_with_a_private_ca_delivers() {
    let book = book();
    let server = MailServer::starttls(USER, PASSWORD, &[AuthMechanism::Plain, AuthMechanism::Login]);
    let cert = certificate().display().to_string();
    book.smtp(
        "localhost",
        server.port,
        "starttls",
        &format!("user = \"{USER}\"\npassword_env = \"{PASSWORD_VAR}\"\n"),
    );
    let run = book.remind(
        &["--email", "anna@example.com"],
        &[("SSL_CERT_FILE", &cert), (PASSWORD_VAR, PASSWORD)],
    );
    assert!(run.ok, "{}", run.stderr);
    assert_is_the_digest(&only(&server), "anna@example.com");
    assert!(book.recorded());
}

#[test]
fn tls_from_the_first_byte_delivers() {
    let book = book();
    let server = MailServer::implicit_tls();
    let cert = certificate().display().to_string();
    book.smtp("localhost", server.port, "tls", "");
    let run = book.remind(&["--email", "anna@example.com"], &[("SSL_CERT_FILE", &cert)]);
    assert!(run.ok, "{}", run.stderr);
    assert_is_the_digest(&only(&server), "anna@example.com");
}

#[test]
fn a_wrong_password_is_refused_without_saying_it_and_nothing_is_recorded() {
    let book = book();
    let wrong = "wrong-horse-battery";
    let server = MailServer::starttls(USER, PASSWORD, &[AuthMechanism::Plain, AuthMechanism::Login]);
    let cert = certificate().display().to_string();
    book.smtp(
        "localhost",
        server.port,
        "starttls",
        &format!("user = \"{USER}\"\npassword_env = \"{PASSWORD_VAR}\"\n"),
    );
    let run = book.remind(
        &["--email", "anna@example.com"],
        &[("SSL_CERT_FILE", &cert), (PASSWORD_VAR, wrong)],
    );
    println!("{}", run.stderr);
    assert!(!run.ok);
    assert!(
        run.stderr.starts_with(&format!(
            "touchbase: the digest was not e-mailed to anna@example.com: the mail server refused the login for {USER} (535"
        )),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains(&format!("check the password in ${PASSWORD_VAR}")),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("not recorded as delivered"), "{}", run.stderr);
    for secret in [wrong, PASSWORD, "horse"] {
        assert!(
            !run.stdout.contains(secret) && !run.stderr.contains(secret),
            "never the password: {}{}",
            run.stdout,
            run.stderr
        );
    }
    assert!(server.received().is_empty());
    assert!(!book.recorded());
}

#[test]
fn a_refused_connection_says_so_and_nothing_is_recorded() {
    let book = book();
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a loopback port");
        listener.local_addr().expect("its address").port()
    };
    book.smtp("127.0.0.1", port, "none", "");
    let run = book.remind(&["--email", "anna@example.com"], &[]);
    assert!(!run.ok);
    assert!(
        run.stderr.starts_with(&format!(
            "touchbase: the digest was not e-mailed to anna@example.com: cannot reach the mail server 127.0.0.1:{port}: \
             connection refused; so the digest is not recorded as delivered"
        )),
        "{}",
        run.stderr
    );
    assert!(!book.recorded());
}

#[test]
fn the_config_alone_sends_the_digest_by_e_mail() {
    let book = book();
    let server = MailServer::plain();
    book.config(&format!(
        "[remind]\nchannels = [\"email\"]\nemail = \"anna@example.com\"\n\n[remind.smtp]\nhost = \"127.0.0.1\"\n\
         port = {}\nsecurity = \"none\"\nfrom = \"touchbase <{USER}>\"\n",
        server.port
    ));
    let run = book.remind(&[], &[]);
    assert!(run.ok, "{}", run.stderr);
    assert_eq!(run.stdout, "", "the config names only e-mail");
    assert_is_the_digest(&only(&server), "anna@example.com");
    let run = touchbase::store::open(&book.db)
        .expect("the book")
        .last_remind_run()
        .expect("read")
        .expect("recorded");
    assert_eq!(run.channels, ["email"]);
}

#[test]
fn stdout_and_a_failing_e_mail_print_the_digest_but_record_nothing() {
    let book = book();
    book.smtp("127.0.0.1", 9, "none", "");
    let run = book.remind(&["--stdout", "--email", "anna@example.com"], &[]);
    assert!(!run.ok);
    assert!(
        run.stdout
            .starts_with("touchbase — Mon 23 Nov 2026: 1 overdue · 1 today · 1 to prepare\n"),
        "stdout still got its digest: {}",
        run.stdout
    );
    assert!(run.stdout.contains("f1  Acme — send proposal"), "{}", run.stdout);
    assert!(
        run.stderr.contains(
            "the digest was not e-mailed to anna@example.com: cannot reach the mail server 127.0.0.1:9"
        ),
        "{}",
        run.stderr
    );
    assert!(!book.recorded());
}

#[test]
fn the_digest_is_shown_on_the_desktop_and_recorded() {
    let book = book();
    let Some(bus) = SessionBus::start() else {
        println!("skipped: dbus-daemon not installed");
        return;
    };
    let service = Notifications::serve(&bus);
    let run = book.remind(&["--notify"], &[("DBUS_SESSION_BUS_ADDRESS", &bus.address)]);
    assert!(run.ok, "{}", run.stderr);
    assert_eq!(run.stdout, "");
    let received = service.received();
    assert_eq!(received.len(), 1, "one notification: {received:#?}");
    let notice = &received[0];
    assert_eq!(notice.app_name, "touchbase");
    assert_eq!(notice.summary, SUBJECT);
    let lines: Vec<&str> = notice.body.lines().collect();
    assert_eq!(
        lines[..3],
        [
            "f1  Acme — send proposal (overdue since Fri 20 Nov)",
            "f2  <b>Smith & Co</b> — call back",
            "m1  Acme — “board meets” in 2 days; nothing logged since you planned it (Wed 25 Nov)",
        ],
        "the top items first: {}",
        notice.body
    );
    assert!(
        lines[3].starts_with("t1  <b>Smith & Co</b> — complaint"),
        "{}",
        notice.body
    );
    assert!(book.recorded());
}

#[test]
fn no_session_bus_is_a_clear_error_at_once_and_nothing_is_recorded() {
    let book = book();
    // Neither DBUS_SESSION_BUS_ADDRESS (the hermetic environment removes it) nor a bus
    // where one is looked for without it.
    let runtime = tempfile::tempdir().expect("an empty runtime directory");
    let started = Instant::now();
    let run = book.remind(
        &["--notify"],
        &[("XDG_RUNTIME_DIR", &runtime.path().display().to_string())],
    );
    let took = started.elapsed();
    assert!(!run.ok);
    assert!(
        run.stderr.starts_with(
            "touchbase: the digest did not reach the desktop: no desktop session bus (DBUS_SESSION_BUS_ADDRESS is not set)"
        ),
        "{}",
        run.stderr
    );
    // Not the wait for a service that does not answer: it never looked for one.
    assert!(took < touchbase::deliver::desktop::ANSWER_WITHIN, "{took:?}");
    assert!(!book.recorded());
}

#[test]
fn the_mail_still_goes_when_the_desktop_fails_but_nothing_is_recorded() {
    let book = book();
    let server = MailServer::plain();
    book.smtp("127.0.0.1", server.port, "none", "");
    let runtime = tempfile::tempdir().expect("an empty runtime directory");
    let run = book.remind(
        &["--notify", "--email", "anna@example.com"],
        &[("XDG_RUNTIME_DIR", &runtime.path().display().to_string())],
    );
    assert!(!run.ok);
    assert!(
        run.stderr.contains("the digest did not reach the desktop"),
        "{}",
        run.stderr
    );
    assert!(
        !run.stderr.contains("e-mailed"),
        "the e-mail went: {}",
        run.stderr
    );
    assert_is_the_digest(&only(&server), "anna@example.com");
    assert!(!book.recorded(), "half-delivered is not delivered");
}
