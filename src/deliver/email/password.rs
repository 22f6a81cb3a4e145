//! Where the SMTP password comes from: the environment variable `password_env` names, else
//! the first line `password_command` prints. Never from the config file, and never said
//! in an error: a failing command is named, its output is not.

use std::process::{Command, Stdio};

use super::super::DeliveryError;
use crate::config::SmtpConfig;

/// Where the password was found, so a refused login can say which one to check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Source {
    Env(String),
    Command(String),
}

impl Source {
    /// "the password in $TOUCHBASE_SMTP_PASSWORD", "the password `pass show smtp` prints".
    pub(super) fn describe(&self) -> String {
        match self {
            Source::Env(name) => format!("the password in ${name}"),
            Source::Command(command) => format!("the password `{command}` prints"),
        }
    }
}

/// The password for `smtp.user`, and where it came from.
pub(super) fn password(smtp: &SmtpConfig) -> Result<(String, Source), DeliveryError> {
    let name = smtp.password_env.trim();
    if !name.is_empty()
        && let Some(value) = std::env::var_os(name)
        && !value.is_empty()
    {
        let value = value.into_string().map_err(|_| {
            DeliveryError(format!(
                "the environment variable {name} holds a password that is not UTF-8 text"
            ))
        })?;
        return Ok((value, Source::Env(name.to_string())));
    }
    let command = smtp.password_command.trim();
    if !command.is_empty() {
        return Ok((run(command)?, Source::Command(command.to_string())));
    }
    let env_hint = if name.is_empty() {
        "set password_env".to_string()
    } else {
        format!("set the environment variable {name}")
    };
    Err(DeliveryError(format!(
        "no password for the mail login {}: {env_hint}, or set password_command in [remind.smtp] \
         of config.toml (for example password_command = \"pass show smtp\"); the password is \
         never written in the config file itself",
        smtp.user
    )))
}

/// The first line `command` prints, run through `sh -c`. Its stderr is the user's (a
/// password manager's own complaint is useful there); its stdout is the password, so it
/// appears in no error.
fn run(command: &str) -> Result<String, DeliveryError> {
    let output = Command::new("sh")
        .arg("-c")
        .arg(command)
        .stdin(Stdio::inherit())
        .stderr(Stdio::inherit())
        .stdout(Stdio::piped())
        .output()
        .map_err(|e| DeliveryError(format!("cannot run the password command `{command}`: {e}")))?;
    if !output.status.success() {
        let status = output.status.code().map_or_else(
            || "it was killed by a signal".to_string(),
            |code| format!("exit status {code}"),
        );
        return Err(DeliveryError(format!(
            "the password command `{command}` failed ({status}); run it yourself to see why"
        )));
    }
    let text = String::from_utf8(output.stdout).map_err(|_| {
        DeliveryError(format!(
            "the password command `{command}` printed something that is not UTF-8 text"
        ))
    })?;
    let first = text.lines().next().unwrap_or_default().trim_end_matches('\r');
    if first.is_empty() {
        return Err(DeliveryError(format!(
            "the password command `{command}` printed no password (its first line is empty)"
        )));
    }
    Ok(first.to_string())
}
