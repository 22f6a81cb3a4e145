//! The desktop channel: one [`Notice`] through the system's notification service (D-Bus
//! `org.freedesktop.Notifications` on Linux, native on macOS and Windows).

use super::{DeliveryError, Notice};

/// Shows `notice` on the desktop.
pub fn show(notice: &Notice) -> Result<(), DeliveryError> {
    let _ = notice;
    Err(DeliveryError(
        "desktop notifications are not built yet".to_string(),
    ))
}
