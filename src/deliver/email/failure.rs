//! What went wrong talking to the mail server, said in words a person can act on: the
//! server could not be reached, its certificate is not trusted, it refused the login or the
//! message. Knows lettre's error and the server's reply; scrubs the password from anything
//! it repeats.

use std::error::Error as _;
use std::io;

use lettre::transport::smtp::Error;

use super::super::DeliveryError;
use super::password::Source;

/// Who was talking to whom when it failed.
pub(super) struct Attempt<'a> {
    /// "smtp.example.com:587"
    pub server: &'a str,
    pub user: &'a str,
    pub password: Option<&'a (String, Source)>,
    pub timeout_secs: u64,
}

impl Attempt<'_> {
    /// `e` said for a person, without the password.
    pub(super) fn explain(&self, e: &Error) -> DeliveryError {
        let text = self.say(e);
        DeliveryError(match self.password {
            Some((password, _)) if !password.is_empty() => text.replace(password.as_str(), "[password]"),
            _ => text,
        })
    }

    fn say(&self, e: &Error) -> String {
        let server = self.server;
        if let Some(code) = e.status() {
            let reply = format!("{code} {}", reply_text(e));
            let reply = reply.trim_end();
            return match (code.to_string().as_str(), self.password) {
                ("535" | "534" | "538" | "454", Some((_, source))) => format!(
                    "the mail server refused the login for {} ({reply}) — check {}",
                    self.user,
                    source.describe()
                ),
                _ if e.is_transient() => {
                    format!(
                        "the mail server {server} turned the message away for now ({reply}); try again later"
                    )
                }
                _ => format!("the mail server {server} refused the message ({reply})"),
            };
        }
        let cause = innermost(e);
        let said = cause.to_lowercase();
        if e.is_timeout() || said.contains("timed out") || said.contains("would block") {
            return format!(
                "the mail server {server} did not answer within {} s — check host and port in [remind.smtp]",
                self.timeout_secs
            );
        }
        if said.contains("certificate") || said.contains("unknownissuer") || said.contains("notvalidforname")
        {
            return format!(
                "the mail server {server} showed a certificate that is not trusted ({cause}) — check the host \
                 name; for a server with a certificate of your own, point SSL_CERT_FILE at it"
            );
        }
        if said.contains("corrupt message") || said.contains("invalidcontenttype") {
            return format!(
                "the mail server {server} does not speak TLS on that port ({cause}) — security = \"tls\" is for \
                 port 465, \"starttls\" for port 587"
            );
        }
        if said.contains("starttls is not supported") {
            return format!(
                "the mail server {server} does not offer STARTTLS, so nothing was sent unencrypted — use \
                 security = \"tls\" (port 465) if it speaks TLS from the start"
            );
        }
        if said.contains("no compatible authentication mechanism") {
            return format!(
                "the mail server {server} offers no login this program speaks (PLAIN or LOGIN) — leave user \
                 empty in [remind.smtp] if it takes mail without one"
            );
        }
        if said.contains("failed to lookup address") || said.contains("could not resolve") {
            let host = server.rsplit_once(':').map_or(server, |(host, _)| host);
            return format!(
                "cannot reach the mail server {server}: the name {host} was not found ({cause}) — check host in \
                 [remind.smtp], and that this machine is online"
            );
        }
        if is_connection(e) {
            return format!("cannot reach the mail server {server}: {cause}");
        }
        format!("sending through the mail server {server} failed: {cause}")
    }
}

/// The server's own words from a negative reply.
fn reply_text(e: &Error) -> String {
    e.source().map(ToString::to_string).unwrap_or_default()
}

/// Whether `e` failed before the server said anything: name lookup, connect, reset.
fn is_connection(e: &Error) -> bool {
    e.to_string().starts_with("Connection error") || e.to_string().starts_with("network error")
}

/// The deepest cause's words: "connection refused", not "Connection error: Connection
/// refused (os error 111)".
fn innermost(e: &Error) -> String {
    let mut cause: &dyn std::error::Error = e;
    while let Some(next) = cause.source() {
        cause = next;
    }
    if let Some(io) = cause.downcast_ref::<io::Error>()
        && let Some(words) = io_words(io)
    {
        return words.to_string();
    }
    let text = cause.to_string();
    let text = match text.find(" (os error") {
        Some(at) => &text[..at],
        None => &text,
    };
    // "Connection refused" reads as a clause after a colon; "STARTTLS …" keeps its capitals.
    let mut chars = text.chars();
    match (chars.next(), chars.next()) {
        (Some(first), Some(second)) if !second.is_uppercase() => {
            first.to_lowercase().chain(text.chars().skip(1)).collect()
        }
        _ => text.to_string(),
    }
}

fn io_words(e: &io::Error) -> Option<&'static str> {
    Some(match e.kind() {
        io::ErrorKind::ConnectionRefused => "connection refused",
        io::ErrorKind::ConnectionReset => "the connection was reset",
        io::ErrorKind::ConnectionAborted => "the connection was closed",
        io::ErrorKind::UnexpectedEof => "the server closed the connection",
        io::ErrorKind::TimedOut | io::ErrorKind::WouldBlock => "timed out",
        io::ErrorKind::HostUnreachable => "no route to the host",
        io::ErrorKind::NetworkUnreachable => "the network is unreachable",
        _ => return None,
    })
}
