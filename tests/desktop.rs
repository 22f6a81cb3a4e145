//! The desktop channel against a real D-Bus session bus: a private `dbus-daemon` and a
//! notification service on it (tests/common/dbus.rs). `DBUS_SESSION_BUS_ADDRESS` is set only
//! in child processes (tests/common/child.rs): the bus and the service live in the parent,
//! the notice is shown from the child.

mod common {
    pub mod child;
    pub mod dbus;
}

use std::collections::HashMap;
use std::time::{Duration, Instant};

use common::child;
use common::dbus::{Notifications, SessionBus};
use touchbase::deliver::{Notice, desktop};
use zbus::OwnedVariant;

fn notice() -> Notice {
    Notice {
        summary: "touchbase: 2 overdue · 1 today".to_string(),
        body: "f12 Call Müller GmbH (3 days late)\nm4 Prepare the Acme renewal".to_string(),
    }
}

#[test]
fn the_notice_reaches_the_notification_service() {
    if child::in_child() {
        let started = Instant::now();
        desktop::show(&notice()).expect("shown");
        println!("shown in {:?}", started.elapsed());
        return;
    }
    let Some(bus) = SessionBus::start() else {
        println!("skipped: dbus-daemon not installed");
        return;
    };
    let service = Notifications::serve(&bus);
    child::rerun("the_notice_reaches_the_notification_service", |cmd| {
        cmd.env("DBUS_SESSION_BUS_ADDRESS", &bus.address)
    });

    let received = service.received();
    assert_eq!(received.len(), 1, "one notification: {received:#?}");
    let got = &received[0];
    assert_eq!(got.app_name, "touchbase");
    assert_eq!(got.summary, notice().summary);
    assert_eq!(got.body, notice().body);
    assert!(got.actions.is_empty(), "no buttons: {:?}", got.actions);
    assert_eq!(
        (got.replaces_id, got.app_icon.as_str()),
        (0, ""),
        "a new notice, no icon"
    );
    println!("hints: {:?}", got.hints);
    assert!(
        got.expire_timeout > 0,
        "it goes away on its own: {}",
        got.expire_timeout
    );
}

#[test]
fn a_bus_without_a_notification_service_says_so() {
    if child::in_child() {
        let started = Instant::now();
        let error = desktop::show(&notice())
            .expect_err("nobody to show it")
            .to_string();
        println!("no service ({:?}): {error}", started.elapsed());
        assert!(
            error.starts_with("no desktop notification service is running on the session bus"),
            "{error}"
        );
        return;
    }
    let Some(bus) = SessionBus::start() else {
        println!("skipped: dbus-daemon not installed");
        return;
    };
    child::rerun("a_bus_without_a_notification_service_says_so", |cmd| {
        cmd.env("DBUS_SESSION_BUS_ADDRESS", &bus.address)
    });
}

/// A notification service that takes the call and never answers (a hung desktop).
struct Hung;

#[zbus::interface(name = "org.freedesktop.Notifications")]
impl Hung {
    #[allow(clippy::too_many_arguments, clippy::unused_async)]
    async fn notify(
        &self,
        _app_name: String,
        _replaces_id: u32,
        _app_icon: String,
        _summary: String,
        _body: String,
        _actions: Vec<String>,
        _hints: HashMap<String, OwnedVariant>,
        _expire_timeout: i32,
    ) -> u32 {
        std::future::pending().await
    }
}

#[test]
fn a_service_that_never_answers_is_given_up_on() {
    if child::in_child() {
        let started = Instant::now();
        let error = desktop::show(&notice()).expect_err("no answer").to_string();
        let took = started.elapsed();
        println!("hung service ({took:?}): {error}");
        assert_eq!(
            error,
            "the desktop notification service did not answer within 5 s — is the desktop session still \
             running? Use --email or stdout instead"
        );
        assert!(took < desktop::ANSWER_WITHIN + Duration::from_secs(2), "{took:?}");
        return;
    }
    let Some(bus) = SessionBus::start() else {
        println!("skipped: dbus-daemon not installed");
        return;
    };
    let _hung = zbus::block_on(
        zbus::connection::Builder::address(bus.address.as_str())
            .name("org.freedesktop.Notifications")
            .serve_at("/org/freedesktop/Notifications", Hung)
            .build(),
    )
    .expect("the hung service is on the bus");
    child::rerun("a_service_that_never_answers_is_given_up_on", |cmd| {
        cmd.env("DBUS_SESSION_BUS_ADDRESS", &bus.address)
    });
}

#[test]
fn no_session_bus_at_all_is_a_clear_error_at_once() {
    let runtime = tempfile::tempdir().expect("an empty runtime directory");
    if child::in_child() {
        let started = Instant::now();
        let error = desktop::show(&notice()).expect_err("no bus").to_string();
        let took = started.elapsed();
        println!("no bus ({took:?}): {error}");
        assert_eq!(
            error,
            "no desktop session bus (DBUS_SESSION_BUS_ADDRESS is not set) — desktop notifications need a \
             logged-in desktop; use --email or stdout"
        );
        assert!(
            took < Duration::from_secs(2),
            "it did not wait for a bus: {took:?}"
        );
        return;
    }
    child::rerun("no_session_bus_at_all_is_a_clear_error_at_once", |cmd| {
        cmd.env_remove("DBUS_SESSION_BUS_ADDRESS")
            .env("XDG_RUNTIME_DIR", runtime.path())
    });
}

#[test]
fn a_bus_address_that_leads_nowhere_is_a_clear_error() {
    let runtime = tempfile::tempdir().expect("an empty directory");
    let address = format!("unix:path={}/gone", runtime.path().display());
    if child::in_child() {
        let started = Instant::now();
        let error = desktop::show(&notice()).expect_err("no bus").to_string();
        let took = started.elapsed();
        println!("bus gone ({took:?}): {error}");
        assert!(
            error.starts_with("cannot reach the desktop session bus at unix:path="),
            "{error}"
        );
        assert!(
            took < Duration::from_secs(2),
            "it did not wait for a bus: {took:?}"
        );
        return;
    }
    child::rerun("a_bus_address_that_leads_nowhere_is_a_clear_error", |cmd| {
        cmd.env("DBUS_SESSION_BUS_ADDRESS", &address)
    });
}
