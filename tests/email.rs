//! The e-mail channel against a real SMTP server on loopback (mailin-embedded, started by
//! each test): what arrives, and what a person is told when it cannot arrive. Tests that
//! need an environment variable (the certificate to trust, the password) run in a child
//! process of their own (tests/common/child.rs).

mod common {
    pub mod child;
    pub mod mime;
    pub mod smtp;
}

use std::time::Instant;

use common::child;
use common::mime::{header, header_text, parts};
use common::smtp::{MailServer, Received, certificate};
use mailin_embedded::AuthMechanism;
use touchbase::config::{Security, SmtpConfig};
use touchbase::deliver::{Letter, email};

/// A variable no test sets: the password is never found there.
const UNSET: &str = "TOUCHBASE_TEST_SMTP_PASSWORD_UNSET";
/// The variable the child processes put the password in.
const PASSWORD_VAR: &str = "TOUCHBASE_TEST_SMTP_PASSWORD";

const USER: &str = "anna@example.com";
const PASSWORD: &str = "correct horse battery";

fn letter() -> Letter {
    Letter {
        to: "Anna Berg <anna@example.com>".to_string(),
        subject: "touchbase: 2 overdue, 1 today".to_string(),
        text: "Overdue\n  f12  Call Müller GmbH about the renewal (3 days late)\n".to_string(),
        html: "<h1>Overdue</h1>\n<p><code>f12</code> Call Müller GmbH about the renewal</p>\n".to_string(),
    }
}

/// `security = "none"` to the plain server on 127.0.0.1, no login.
fn plain_to(port: u16) -> SmtpConfig {
    SmtpConfig {
        host: "127.0.0.1".to_string(),
        port: usize::from(port),
        security: Security::None,
        user: String::new(),
        from: "touchbase <digest@example.com>".to_string(),
        password_env: UNSET.to_string(),
        password_command: String::new(),
        timeout: 15,
    }
}

/// STARTTLS to `localhost` (the name on the fixture certificate), logging in as [`USER`].
fn starttls_to(port: u16) -> SmtpConfig {
    SmtpConfig {
        host: "localhost".to_string(),
        security: Security::Starttls,
        user: USER.to_string(),
        from: String::new(),
        password_env: PASSWORD_VAR.to_string(),
        ..plain_to(port)
    }
}

fn only(server: &MailServer) -> Received {
    let received = server.received();
    assert_eq!(received.len(), 1, "one message arrived: {received:#?}");
    received.into_iter().next().expect("one message")
}

#[test]
fn the_digest_arrives_with_its_headers_and_both_parts() {
    let server = MailServer::plain();
    email::send(&plain_to(server.port), &letter()).expect("sent");

    let mail = only(&server);
    println!("{}", mail.data);
    assert_eq!(mail.from, "digest@example.com");
    assert_eq!(mail.to, vec!["anna@example.com".to_string()]);
    let data = &mail.data;
    assert_eq!(
        header(data, "From").as_deref(),
        Some("touchbase <digest@example.com>")
    );
    assert_eq!(
        header(data, "To").as_deref(),
        Some("\"Anna Berg\" <anna@example.com>")
    );
    assert_eq!(
        header_text(data, "Subject").as_deref(),
        Some("touchbase: 2 overdue, 1 today")
    );
    assert_eq!(header(data, "MIME-Version").as_deref(), Some("1.0"));
    let date = header(data, "Date").expect("a Date");
    chrono::DateTime::parse_from_rfc2822(&date).unwrap_or_else(|e| panic!("Date {date:?} is RFC 2822: {e}"));
    let id = header(data, "Message-ID").expect("a Message-ID");
    assert!(
        id.starts_with('<') && id.ends_with('>') && id.contains('@'),
        "Message-ID {id:?}"
    );
    assert!(
        header(data, "Content-Type")
            .expect("a Content-Type")
            .starts_with("multipart/alternative;"),
        "{data}"
    );

    let parts = parts(data);
    assert_eq!(parts.len(), 2, "two parts: {data}");
    let (plain_head, plain) = &parts[0];
    let (html_head, html) = &parts[1];
    assert_eq!(
        header(plain_head, "Content-Type").as_deref(),
        Some("text/plain; charset=utf-8")
    );
    assert_eq!(
        header(html_head, "Content-Type").as_deref(),
        Some("text/html; charset=utf-8")
    );
    assert_eq!(format!("{plain}\n"), letter().text);
    assert_eq!(format!("{html}\n"), letter().html);
}

#[test]
fn tls_from_the_first_byte_delivers() {
    if !child::in_child() {
        child::rerun("tls_from_the_first_byte_delivers", |cmd| {
            cmd.env("SSL_CERT_FILE", certificate())
        });
        return;
    }
    let server = MailServer::implicit_tls();
    let smtp = SmtpConfig {
        host: "localhost".to_string(),
        security: Security::Tls,
        ..plain_to(server.port)
    };
    email::send(&smtp, &letter()).expect("sent");
    let mail = only(&server);
    assert_eq!(
        header(&mail.data, "Subject").as_deref(),
        Some("touchbase: 2 overdue, 1 today")
    );
}

#[test]
fn a_login_with_the_right_password_sends_through_starttls() {
    if !child::in_child() {
        child::rerun("a_login_with_the_right_password_sends_through_starttls", |cmd| {
            cmd.env("SSL_CERT_FILE", certificate())
                .env(PASSWORD_VAR, PASSWORD)
        });
        return;
    }
    for mechanism in [AuthMechanism::Plain, AuthMechanism::Login] {
        let server = MailServer::starttls(USER, PASSWORD, std::slice::from_ref(&mechanism));
        email::send(&starttls_to(server.port), &letter())
            .unwrap_or_else(|e| panic!("sent with AUTH {mechanism:?}: {e}"));
        let mail = only(&server);
        assert_eq!(mail.from, USER, "From is the login when from is empty");
        assert_eq!(header(&mail.data, "From").as_deref(), Some(USER));
    }
}

#[test]
fn a_wrong_password_says_the_server_refused_the_login_and_not_the_password() {
    let wrong = "wrong-horse-battery";
    if !child::in_child() {
        child::rerun(
            "a_wrong_password_says_the_server_refused_the_login_and_not_the_password",
            |cmd| cmd.env("SSL_CERT_FILE", certificate()).env(PASSWORD_VAR, wrong),
        );
        return;
    }
    let server = MailServer::starttls(USER, PASSWORD, &[AuthMechanism::Plain, AuthMechanism::Login]);
    let started = Instant::now();
    let error = email::send(&starttls_to(server.port), &letter())
        .expect_err("refused")
        .to_string();
    println!("failed login ({:?}): {error}", started.elapsed());
    assert_eq!(
        error,
        format!(
            "the mail server refused the login for {USER} (535 5.7.8 Invalid credentials for {USER}: [password]) — \
             check the password in ${PASSWORD_VAR}"
        )
    );
    assert!(!error.contains(wrong) && !error.contains(PASSWORD));
    assert!(server.received().is_empty());
}

#[test]
fn the_password_command_gives_the_password_on_its_first_line() {
    if !child::in_child() {
        child::rerun(
            "the_password_command_gives_the_password_on_its_first_line",
            |cmd| cmd.env("SSL_CERT_FILE", certificate()),
        );
        return;
    }
    let dir = tempfile::tempdir().expect("a temporary directory");
    let file = dir.path().join("password");
    std::fs::write(&file, format!("{PASSWORD}\nurl: smtp.example.com\n")).expect("written");
    let command = format!("cat '{}'", file.display());
    let server = MailServer::starttls(USER, PASSWORD, &[AuthMechanism::Plain]);
    let smtp = SmtpConfig {
        password_env: UNSET.to_string(),
        password_command: command,
        ..starttls_to(server.port)
    };
    email::send(&smtp, &letter()).expect("sent");
    only(&server);
}

#[test]
fn a_failing_password_command_is_named_and_its_output_is_not_shown() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let script = dir.path().join("password.sh");
    std::fs::write(&script, "echo leaked-output\nexit 3\n").expect("written");
    let command = format!("sh '{}'", script.display());
    let server = MailServer::plain();
    let smtp = SmtpConfig {
        user: USER.to_string(),
        password_command: command.clone(),
        ..plain_to(server.port)
    };

    let error = email::send(&smtp, &letter())
        .expect_err("no password")
        .to_string();
    assert_eq!(
        error,
        format!("the password command `{command}` failed (exit status 3); run it yourself to see why")
    );
    assert!(!error.contains("leaked-output"));
    assert!(server.received().is_empty());
}

#[test]
fn no_password_anywhere_says_where_to_put_it() {
    let smtp = SmtpConfig {
        user: USER.to_string(),
        ..plain_to(1)
    };
    let error = email::send(&smtp, &letter())
        .expect_err("no password")
        .to_string();
    assert!(error.starts_with(&format!("no password for the mail login {USER}: set the environment variable {UNSET}, or set password_command in [remind.smtp]")), "{error}");
}

#[test]
fn a_refused_connection_says_the_server_cannot_be_reached() {
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a loopback port");
        listener.local_addr().expect("its address").port()
    };
    let started = Instant::now();
    let error = email::send(&plain_to(port), &letter())
        .expect_err("refused")
        .to_string();
    println!("refused connection ({:?}): {error}", started.elapsed());
    assert_eq!(
        error,
        format!("cannot reach the mail server 127.0.0.1:{port}: connection refused")
    );
}

#[test]
fn an_unknown_host_name_is_named() {
    // .invalid never resolves (RFC 6761).
    let smtp = SmtpConfig {
        host: "smtp.example.invalid".to_string(),
        ..starttls_to(587)
    };
    let smtp = SmtpConfig {
        user: String::new(),
        from: "digest@example.com".to_string(),
        ..smtp
    };
    let error = email::send(&smtp, &letter()).expect_err("not found").to_string();
    println!("unknown host: {error}");
    assert!(
        error.starts_with(
            "cannot reach the mail server smtp.example.invalid:587: the name smtp.example.invalid was not found"
        ),
        "{error}"
    );
}

#[test]
fn a_server_that_never_answers_is_given_up_on() {
    // The kernel accepts the connection into the backlog; nobody ever says hello.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a loopback port");
    let port = listener.local_addr().expect("its address").port();
    let smtp = SmtpConfig {
        timeout: 1,
        ..plain_to(port)
    };
    let started = Instant::now();
    let error = email::send(&smtp, &letter()).expect_err("given up").to_string();
    println!("silent server ({:?}): {error}", started.elapsed());
    assert_eq!(
        error,
        format!(
            "the mail server 127.0.0.1:{port} did not answer within 1 s — check host and port in [remind.smtp]"
        )
    );
    drop(listener);
}

#[test]
fn security_none_to_another_machine_is_refused_before_connecting() {
    // 192.0.2.1 is TEST-NET-1: were a connection tried, it would wait out the timeout.
    let smtp = SmtpConfig {
        host: "192.0.2.1".to_string(),
        port: 25,
        ..plain_to(1)
    };
    let started = Instant::now();
    let error = email::send(&smtp, &letter()).expect_err("refused").to_string();
    assert!(started.elapsed().as_secs() < 5, "it did not try to connect");
    assert!(
        error.starts_with("refusing to send to 192.0.2.1 without encryption: security = \"none\" is allowed only to a server on this machine"),
        "{error}"
    );
}

#[test]
fn a_bad_address_is_named() {
    let server = MailServer::plain();
    let bad_to = Letter {
        to: "anna-at-example.com".to_string(),
        ..letter()
    };
    let started = Instant::now();
    let error = email::send(&plain_to(server.port), &bad_to)
        .expect_err("refused")
        .to_string();
    println!("bad address ({:?}): {error}", started.elapsed());
    assert!(
        error.starts_with("'anna-at-example.com' is not an e-mail address"),
        "{error}"
    );

    let bad_from = SmtpConfig {
        from: "digest at example".to_string(),
        ..plain_to(server.port)
    };
    let error = email::send(&bad_from, &letter())
        .expect_err("refused")
        .to_string();
    assert!(
        error.starts_with("the sender 'digest at example' (from in [remind.smtp]) is not an e-mail address"),
        "{error}"
    );
    assert!(server.received().is_empty());
}

#[test]
fn starttls_is_required_not_tried() {
    let server = MailServer::plain();
    let smtp = SmtpConfig {
        security: Security::Starttls,
        user: String::new(),
        from: "digest@example.com".to_string(),
        ..starttls_to(server.port)
    };
    let error = email::send(&smtp, &letter()).expect_err("refused").to_string();
    assert_eq!(
        error,
        format!(
            "the mail server localhost:{} does not offer STARTTLS, so nothing was sent unencrypted — use \
             security = \"tls\" (port 465) if it speaks TLS from the start",
            server.port
        )
    );
    assert!(server.received().is_empty());
}

#[test]
fn an_untrusted_certificate_is_refused() {
    if !child::in_child() {
        child::rerun("an_untrusted_certificate_is_refused", |cmd| {
            cmd.env_remove("SSL_CERT_FILE").env(PASSWORD_VAR, PASSWORD)
        });
        return;
    }
    let server = MailServer::starttls(USER, PASSWORD, &[AuthMechanism::Plain]);
    let error = email::send(&starttls_to(server.port), &letter())
        .expect_err("refused")
        .to_string();
    println!("untrusted certificate: {error}");
    assert!(
        error.starts_with(&format!(
            "the mail server localhost:{} showed a certificate that is not trusted",
            server.port
        )),
        "{error}"
    );
    assert!(!error.contains(PASSWORD));
    assert!(server.received().is_empty());
}

#[test]
fn tls_to_a_port_without_it_says_which_port_is_which() {
    let server = MailServer::plain();
    let smtp = SmtpConfig {
        security: Security::Tls,
        ..plain_to(server.port)
    };
    let error = email::send(&smtp, &letter()).expect_err("refused").to_string();
    println!("tls to a plain port: {error}");
    assert!(
        error.starts_with(&format!(
            "the mail server 127.0.0.1:{} does not speak TLS on that port",
            server.port
        )),
        "{error}"
    );
}
