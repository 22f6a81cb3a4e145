//! The desktop channel: one [`Notice`] through the system's notification service (D-Bus
//! `org.freedesktop.Notifications` on Linux, native on macOS and Windows). Knows
//! notify-rust and where a session bus is looked for; never waits on the desktop for more
//! than [`ANSWER_WITHIN`].

use std::sync::mpsc;
use std::time::Duration;

use notify_rust::{Notification, Timeout};

use super::{DeliveryError, Notice};

/// How long the notification service has to take the notice. A bus whose service hangs
/// must not hang a digest run from a timer.
pub const ANSWER_WITHIN: Duration = Duration::from_secs(5);

/// How long the notice stays on screen (the service may choose otherwise).
const SHOWN_FOR_MS: u32 = 15_000;

/// Shows `notice` on the desktop.
pub fn show(notice: &Notice) -> Result<(), DeliveryError> {
    session_bus()?;
    let mut notification = Notification::new();
    notification
        .appname("touchbase")
        .summary(&notice.summary)
        .body(&notice.body)
        .timeout(Timeout::Milliseconds(SHOWN_FOR_MS));
    // notify-rust blocks on the bus with no limit of its own: it runs on a thread of its own,
    // left behind if it does not answer in time (the process ends soon after).
    let (tx, rx) = mpsc::channel();
    std::thread::Builder::new()
        .name("desktop-notice".to_string())
        .spawn(move || {
            let shown = notification.show().map(drop).map_err(|e| e.to_string());
            let _ = tx.send(shown);
        })
        .map_err(|e| DeliveryError(format!("cannot start the desktop notification: {e}")))?;
    match rx.recv_timeout(ANSWER_WITHIN) {
        Ok(Ok(())) => Ok(()),
        Ok(Err(cause)) => Err(explain(&cause)),
        Err(_) => Err(DeliveryError(format!(
            "the desktop notification service did not answer within {} s — is the desktop session still \
             running? Use --email or stdout instead",
            ANSWER_WITHIN.as_secs()
        ))),
    }
}

/// Refuses at once when there is no session bus to talk to: the common case of a digest run
/// from cron or over ssh, where notify-rust would only say "No such file or directory".
#[cfg(all(unix, not(target_os = "macos")))]
fn session_bus() -> Result<(), DeliveryError> {
    if std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some_and(|a| !a.is_empty()) {
        return Ok(());
    }
    // Where zbus looks when the variable is not set.
    let runtime = std::env::var_os("XDG_RUNTIME_DIR")
        .filter(|d| !d.is_empty())
        .map_or_else(
            || format!("/run/user/{}", rustix::process::geteuid().as_raw()).into(),
            std::path::PathBuf::from,
        );
    if runtime.join("bus").exists() {
        return Ok(());
    }
    Err(DeliveryError(
        "no desktop session bus (DBUS_SESSION_BUS_ADDRESS is not set) — desktop notifications need a \
         logged-in desktop; use --email or stdout"
            .to_string(),
    ))
}

#[cfg(not(all(unix, not(target_os = "macos"))))]
fn session_bus() -> Result<(), DeliveryError> {
    Ok(())
}

/// notify-rust's (zbus's) words, said for a person.
fn explain(cause: &str) -> DeliveryError {
    DeliveryError(
        if cause.contains("ServiceUnknown") || cause.contains("NameHasNoOwner") {
            "no desktop notification service is running on the session bus (nothing answers to \
         org.freedesktop.Notifications) — start the desktop's notification daemon, or use --email or stdout"
                .to_string()
        } else if cause.contains("No such file") || cause.contains("Connection refused") {
            let address = std::env::var("DBUS_SESSION_BUS_ADDRESS").unwrap_or_default();
            // zbus: "failed to connect to `ADDRESS`: No such file or directory (os error 2)".
            let cause = cause.rsplit_once("`: ").map_or(cause, |(_, why)| why);
            let cause = cause.split(" (os error").next().unwrap_or(cause);
            format!(
                "cannot reach the desktop session bus at {address} ({cause}) — the desktop session may have ended; \
             use --email or stdout"
            )
        } else {
            format!("the desktop notification was not shown: {cause}")
        },
    )
}
