//! The e-mail channel: a [`Letter`] over SMTP (STARTTLS, TLS, or plain to a loopback
//! server), with the password read from the environment or a command. lettre's types stay
//! in here; callers see a [`Letter`] and a [`DeliveryError`].
//!
//! Certificates are checked against the Mozilla roots built in, plus any certificates in the
//! PEM file `SSL_CERT_FILE` names (the OpenSSL convention): that is how a server with a
//! private CA or a self-signed certificate is trusted, never by turning the check off.

mod failure;
mod password;

use std::net::IpAddr;
use std::time::Duration;

use lettre::address::AddressError;
use lettre::message::{Mailbox, MultiPart};
use lettre::transport::smtp::authentication::{Credentials, Mechanism};
use lettre::transport::smtp::client::{Certificate, Tls, TlsParameters};
use lettre::{Message, SmtpTransport, Transport as _};

use self::failure::Attempt;
use super::{DeliveryError, Letter};
use crate::config::{Security, SmtpConfig};

/// Sends `letter` through the server `smtp` names.
pub fn send(smtp: &SmtpConfig, letter: &Letter) -> Result<(), DeliveryError> {
    let host = smtp.host.trim();
    if host.is_empty() {
        return Err(DeliveryError(
            "no mail server is set: put its host (and port, security, user) in [remind.smtp] of config.toml"
                .to_string(),
        ));
    }
    let port = u16::try_from(smtp.port)
        .ok()
        .filter(|&p| p > 0)
        .ok_or_else(|| DeliveryError(format!("port {} is not a TCP port (1 to 65535)", smtp.port)))?;
    let server = if host.contains(':') {
        format!("[{host}]:{port}")
    } else {
        format!("{host}:{port}")
    };
    let message = message(smtp, letter)?;
    let tls = tls(smtp.security, host)?;
    let user = smtp.user.trim();
    let password = if user.is_empty() {
        None
    } else {
        Some(password::password(smtp)?)
    };

    // How long a step (connect, a reply) may take before the server counts as dead.
    let timeout = Duration::from_secs(u64::try_from(smtp.timeout.max(1)).unwrap_or(u64::MAX));
    let mut transport = SmtpTransport::builder_dangerous(host)
        .port(port)
        .tls(tls)
        .timeout(Some(timeout));
    if let Some((secret, _)) = &password {
        transport = transport
            .credentials(Credentials::new(user.to_string(), secret.clone()))
            .authentication(vec![Mechanism::Plain, Mechanism::Login]);
    }
    let attempt = Attempt {
        server: &server,
        user,
        password: password.as_ref(),
        timeout_secs: timeout.as_secs(),
    };
    transport
        .build()
        .send(&message)
        .map(|_| ())
        .map_err(|e| attempt.explain(&e))
}

/// The letter as a MIME message: multipart/alternative of text/plain and text/html (both
/// UTF-8), with From, To, Subject, Date and a Message-ID.
fn message(smtp: &SmtpConfig, letter: &Letter) -> Result<Message, DeliveryError> {
    let (sender, which) = if smtp.from.trim().is_empty() {
        (smtp.user.trim(), "user")
    } else {
        (smtp.from.trim(), "from")
    };
    if sender.is_empty() {
        return Err(DeliveryError(
            "no sender address: set from (or user) in [remind.smtp] of config.toml".to_string(),
        ));
    }
    let from = mailbox(
        sender,
        &format!("the sender '{sender}' ({which} in [remind.smtp])"),
    )?;
    let to_text = letter.to.trim();
    if to_text.is_empty() {
        return Err(DeliveryError(
            "no address to send the digest to: give one with --email ADDRESS or set email in [remind]"
                .to_string(),
        ));
    }
    let to = mailbox(to_text, &format!("'{to_text}'"))?;
    Message::builder()
        .from(from)
        .to(to)
        .subject(letter.subject.as_str())
        .date_now()
        .message_id(None)
        .multipart(MultiPart::alternative_plain_html(
            letter.text.clone(),
            letter.html.clone(),
        ))
        .map_err(|e| DeliveryError(format!("cannot write the e-mail: {e}")))
}

/// `text` as an address, or an error saying `what` is not one (and lettre's reason, when it
/// says more than "invalid input").
fn mailbox(text: &str, what: &str) -> Result<Mailbox, DeliveryError> {
    text.parse().map_err(|e| {
        let why = match e {
            AddressError::InvalidInput => String::new(),
            other => format!(" ({})", other.to_string().to_lowercase()),
        };
        DeliveryError(format!(
            "{what} is not an e-mail address{why}; write it as name@example.com or \"Name <name@example.com>\""
        ))
    })
}

/// How the connection is protected. `none` only to this machine: anything else would carry
/// the login and the digest across the network for anyone on the way to read.
fn tls(security: Security, host: &str) -> Result<Tls, DeliveryError> {
    match security {
        Security::None if is_loopback(host) => Ok(Tls::None),
        Security::None => Err(DeliveryError(format!(
            "refusing to send to {host} without encryption: security = \"none\" is allowed only to a server on \
             this machine (localhost, 127.0.0.1, ::1), because the login and the digest would cross the network \
             readable by anyone on the way — use security = \"starttls\" (port 587) or \"tls\" (port 465)"
        ))),
        Security::Starttls => Ok(Tls::Required(parameters(host)?)),
        Security::Tls => Ok(Tls::Wrapper(parameters(host)?)),
    }
}

fn is_loopback(host: &str) -> bool {
    host.eq_ignore_ascii_case("localhost")
        || host
            .trim_start_matches('[')
            .trim_end_matches(']')
            .parse::<IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

/// The certificate check for `host`: the built-in roots and those in `SSL_CERT_FILE`.
fn parameters(host: &str) -> Result<TlsParameters, DeliveryError> {
    let mut builder = TlsParameters::builder(host.to_string());
    if let Some(path) = std::env::var_os("SSL_CERT_FILE").filter(|p| !p.is_empty()) {
        let shown = std::path::Path::new(&path).display().to_string();
        let pem = std::fs::read(&path).map_err(|e| {
            DeliveryError(format!(
                "cannot read the certificates SSL_CERT_FILE names ({shown}): {e}"
            ))
        })?;
        let certificate = Certificate::from_pem(&pem).map_err(|e| {
            DeliveryError(format!(
                "SSL_CERT_FILE ({shown}) holds no PEM certificate this program can read: {e}"
            ))
        })?;
        builder = builder.add_root_certificate(certificate);
    }
    builder
        .build()
        .map_err(|e| DeliveryError(format!("cannot set up TLS for {host}: {e}")))
}

#[cfg(test)]
mod tests {
    use super::is_loopback;

    #[test]
    fn only_this_machine_counts_as_loopback() {
        for host in [
            "localhost",
            "LocalHost",
            "127.0.0.1",
            "127.8.9.10",
            "::1",
            "[::1]",
        ] {
            assert!(is_loopback(host), "{host}");
        }
        for host in [
            "smtp.example.com",
            "localhost.example.com",
            "10.0.0.1",
            "192.0.2.1",
            "::2",
            "0.0.0.0",
        ] {
            assert!(!is_loopback(host), "{host}");
        }
    }
}
