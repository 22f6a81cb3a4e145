//! A private D-Bus session bus and a notification service on it, both real: `dbus-daemon`
//! started by the test with a config of its own (nothing activated, nothing shared with the
//! desktop's bus), and a zbus server owning `org.freedesktop.Notifications` that records
//! every `Notify` call. Point `DBUS_SESSION_BUS_ADDRESS` at [`SessionBus::address`] (in a
//! child process: tests/common/child.rs) and whatever shows a notification talks to it.

use std::collections::HashMap;
use std::io::{BufRead as _, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};

use zbus::OwnedVariant;

/// Whether a missing `dbus-daemon` fails the test rather than skips it: `.ci/run` sets
/// `TOUCHBASE_REQUIRE_DBUS=1`, so CI never passes by skipping.
pub fn required() -> bool {
    std::env::var("TOUCHBASE_REQUIRE_DBUS").is_ok_and(|v| v == "1")
}

/// A `dbus-daemon` of the test's own, listening in a temporary directory.
pub struct SessionBus {
    /// The address to put in `DBUS_SESSION_BUS_ADDRESS`.
    pub address: String,
    daemon: Child,
    _dir: tempfile::TempDir,
}

impl SessionBus {
    /// The bus, or `None` when `dbus-daemon` is not installed (and not [`required`]).
    pub fn start() -> Option<SessionBus> {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let config = dir.path().join("session.conf");
        std::fs::write(
            &config,
            format!(
                r#"<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:path={}/bus</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"#,
                dir.path().display()
            ),
        )
        .expect("the bus config written");
        let spawned = Command::new("dbus-daemon")
            .arg(format!("--config-file={}", config.display()))
            .args(["--print-address", "--nofork"])
            .stdout(Stdio::piped())
            // It says only that it may not raise its file limit, on every start.
            .stderr(Stdio::null())
            .spawn();
        let mut daemon = match spawned {
            Ok(daemon) => daemon,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && !required() => return None,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                panic!(
                    "dbus-daemon is not installed, and TOUCHBASE_REQUIRE_DBUS=1 asks for the tests that need it"
                )
            }
            Err(e) => panic!("cannot start dbus-daemon: {e}"),
        };
        // The address is printed once the bus listens.
        let mut address = String::new();
        BufReader::new(daemon.stdout.take().expect("its stdout"))
            .read_line(&mut address)
            .expect("dbus-daemon prints its address (if not, run it by hand with that --config-file)");
        let address = address.trim().to_string();
        assert!(address.starts_with("unix:"), "dbus-daemon's address: {address:?}");
        Some(SessionBus {
            address,
            daemon,
            _dir: dir,
        })
    }
}

impl Drop for SessionBus {
    fn drop(&mut self) {
        let _ = self.daemon.kill();
        let _ = self.daemon.wait();
    }
}

/// One `Notify` call as the service received it.
#[derive(Debug, Clone, PartialEq)]
pub struct Notified {
    pub app_name: String,
    pub replaces_id: u32,
    pub app_icon: String,
    pub summary: String,
    pub body: String,
    pub actions: Vec<String>,
    pub hints: Vec<String>,
    pub expire_timeout: i32,
}

/// `org.freedesktop.Notifications` on a [`SessionBus`], for as long as it is kept.
pub struct Notifications {
    received: Arc<Mutex<Vec<Notified>>>,
    _connection: zbus::Connection,
}

impl Notifications {
    /// Owns the name on `bus` and starts answering.
    pub fn serve(bus: &SessionBus) -> Notifications {
        let received = Arc::new(Mutex::new(Vec::new()));
        let service = Service {
            received: Arc::clone(&received),
        };
        let connection = zbus::block_on(
            zbus::connection::Builder::address(bus.address.as_str())
                .name("org.freedesktop.Notifications")
                .serve_at("/org/freedesktop/Notifications", service)
                .build(),
        )
        .expect("the notification service is on the bus");
        Notifications {
            received,
            _connection: connection,
        }
    }

    /// Every notification received so far, oldest first.
    pub fn received(&self) -> Vec<Notified> {
        self.received.lock().expect("the notifications").clone()
    }
}

struct Service {
    received: Arc<Mutex<Vec<Notified>>>,
}

/// The calls of the Desktop Notifications Specification, as a notification daemon answers
/// them.
#[zbus::interface(name = "org.freedesktop.Notifications")]
impl Service {
    #[allow(clippy::too_many_arguments)]
    fn notify(
        &self,
        app_name: String,
        replaces_id: u32,
        app_icon: String,
        summary: String,
        body: String,
        actions: Vec<String>,
        hints: HashMap<String, OwnedVariant>,
        expire_timeout: i32,
    ) -> u32 {
        let mut received = self.received.lock().expect("the notifications");
        let mut hints: Vec<String> = hints.into_keys().collect();
        hints.sort();
        received.push(Notified {
            app_name,
            replaces_id,
            app_icon,
            summary,
            body,
            actions,
            hints,
            expire_timeout,
        });
        u32::try_from(received.len()).expect("a few notifications")
    }

    fn get_capabilities(&self) -> Vec<String> {
        vec!["body".to_string()]
    }

    fn get_server_information(&self) -> (String, String, String, String) {
        (
            "touchbase-test".to_string(),
            "touchbase".to_string(),
            "1".to_string(),
            "1.2".to_string(),
        )
    }

    fn close_notification(&self, id: u32) {
        let _ = id;
    }
}
