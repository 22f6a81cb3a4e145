//! The e-mail channel: a [`Letter`] over SMTP (STARTTLS, TLS, or plain to a loopback
//! server), with the password read from the environment or a command.

use super::{DeliveryError, Letter};
use crate::config::SmtpConfig;

/// Sends `letter` through the server `smtp` names.
pub fn send(smtp: &SmtpConfig, letter: &Letter) -> Result<(), DeliveryError> {
    let _ = (smtp, letter);
    Err(DeliveryError("e-mail delivery is not built yet".to_string()))
}
