//! Delivering a message outside the app: the adapters between touchbase and the world's
//! channels (a mail server, the desktop's notification service, the clipboard through the
//! terminal, the system's link opener). Each takes a message already written (a
//! [`Letter`], a [`Notice`], a text, a URI) and either hands it over or says why it could
//! not; none knows what a digest holds, the store or the command line.

pub mod clipboard;
pub mod desktop;
pub mod email;
pub mod opener;

/// An e-mail: a plain-text body and the same as HTML, sent as multipart/alternative.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Letter {
    pub to: String,
    pub subject: String,
    pub text: String,
    pub html: String,
}

/// A desktop notification: a one-line summary and a short body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub summary: String,
    pub body: String,
}

/// Why a message was not delivered, said so that a person can act on it. Never holds a
/// password.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct DeliveryError(pub String);
