#!/usr/bin/env python3
"""The calendar feed read by an independent parser, Python's `icalendar` package.

    .ci/check-calendar.py [path/to/touchbase]   (default: target/debug/touchbase)

Makes a small book with the binary, then checks `calendar` to stdout, `-o FILE` and the
feed served by `--serve 127.0.0.1:0` (fetched with urllib): every item is a VEVENT with a
stable UID, a DTSTAMP, an all-day DTSTART and one DISPLAY alarm with a TRIGGER; no ATTENDEE
or ORGANIZER anywhere; the UIDs are the same across runs and after a follow-up is edited;
an overdue follow-up sits on today. Exits non-zero with what was wrong.
"""

import datetime
import os
import signal
import subprocess
import sys
import tempfile
import urllib.error
import urllib.request

import icalendar

BOOK_NOW = "2026-11-23T09:00:00Z"
FEED_NOW = "2026-11-30T10:00:00Z"
TODAY = datetime.date(2026, 11, 30)


def main():
    binary = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else "target/debug/touchbase")
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(
            os.environ,
            TOUCHBASE_DB=os.path.join(tmp, "touchbase.db"),
            TOUCHBASE_CONFIG=os.path.join(tmp, "none.toml"),
            TOUCHBASE_TZ="UTC",
            TZ="UTC",
        )

        def run(now, *args):
            done = subprocess.run(
                [binary, *args], env=dict(env, TOUCHBASE_NOW=now), capture_output=True, text=True
            )
            if done.returncode != 0:
                sys.exit(f"touchbase {' '.join(args)} failed: {done.stderr}")
            return done.stdout

        run(BOOK_NOW, "add", "Acme", "--phone", "+31 20 555 0101", "--email", "anna@acme.example")
        run(BOOK_NOW, "log", "Acme", "call: renewal >> call about the renewal @2026-11-25")
        run(BOOK_NOW, "log", "Acme", "call: quote >> send proposal @2026-12-03")
        run(BOOK_NOW, "moment", "add", "Acme", "Board decision", "@2026-12-02")

        first = run(FEED_NOW, "calendar")
        uids = check(first, "stdout")
        if run(FEED_NOW, "calendar") != first:
            sys.exit("two runs at the same time gave different feeds")
        out = os.path.join(tmp, "feed.ics")
        run(FEED_NOW, "calendar", "-o", out)
        with open(out, encoding="utf-8", newline="") as f:
            if check(f.read(), "-o") != uids:
                sys.exit("-o wrote other UIDs than stdout")
        run(FEED_NOW, "edit", "follow-up", "2", "--text", "send the revised proposal")
        edited = run(FEED_NOW, "calendar")
        if check(edited, "after an edit") != uids:
            sys.exit("an edited follow-up changed its UID")
        if "send the revised proposal" not in edited:
            sys.exit("the edit is not in the feed")
        if check(served(binary, dict(env, TOUCHBASE_NOW=FEED_NOW)), "--serve") != uids:
            sys.exit("the served feed has other UIDs")
    print(f"calendar feed: {len(uids)} events read back by icalendar {icalendar.__version__}: alarms, no attendees, stable UIDs")


def check(text, where):
    """The UIDs of the feed `text`, after checking every event in it."""
    cal = icalendar.Calendar.from_ical(text)
    for component in cal.walk():
        for never in ("ATTENDEE", "ORGANIZER"):
            if never in component:
                sys.exit(f"{where}: {never} in {component.name}")
    events = cal.walk("VEVENT")
    if len(events) != 3 or cal.walk("VTODO"):
        sys.exit(f"{where}: {len(events)} events, {len(cal.walk('VTODO'))} to-dos; want 3 events")
    uids = []
    for event in events:
        uid = str(event.get("UID", ""))
        if not uid.endswith("@touchbase"):
            sys.exit(f"{where}: UID {uid!r}")
        if "DTSTAMP" not in event:
            sys.exit(f"{where}: {uid} has no DTSTAMP")
        start = event.decoded("DTSTART")
        if isinstance(start, datetime.datetime) or start < TODAY:
            sys.exit(f"{where}: {uid} starts {start!r}, not on a day from today")
        alarms = event.walk("VALARM")
        if len(alarms) != 1 or str(alarms[0].get("ACTION")) != "DISPLAY" or "TRIGGER" not in alarms[0]:
            sys.exit(f"{where}: {uid} has no DISPLAY alarm with a TRIGGER")
        if alarms[0].decoded("TRIGGER") != datetime.timedelta(hours=9):
            sys.exit(f"{where}: {uid}'s alarm is not at 09:00 on its day")
        uids.append(uid)
    overdue = [e for e in events if "overdue since" in str(e.get("SUMMARY"))]
    if len(overdue) != 1 or overdue[0].decoded("DTSTART") != TODAY:
        sys.exit(f"{where}: the overdue follow-up is not on today")
    if len(set(uids)) != len(uids):
        sys.exit(f"{where}: UIDs repeat: {uids}")
    return sorted(uids)


def served(binary, env):
    """The feed `--serve 127.0.0.1:0` answers with; a wrong token must get 404."""
    server = subprocess.Popen(
        [binary, "calendar", "--serve", "127.0.0.1:0"], env=env, stdout=subprocess.PIPE, text=True
    )
    try:
        line = server.stdout.readline()
        url = next((w for w in line.split() if w.startswith("http://")), None)
        if url is None:
            sys.exit(f"--serve printed no address: {line!r}")
        with urllib.request.urlopen(url, timeout=5) as response:
            if response.headers.get_content_type() != "text/calendar":
                sys.exit(f"--serve answered {response.headers['Content-Type']}")
            body = response.read().decode("utf-8")
        wrong = url.rsplit("/", 1)[0] + "/" + "0" * 32 + ".ics"
        try:
            urllib.request.urlopen(wrong, timeout=5)
            sys.exit("a wrong token was answered")
        except urllib.error.HTTPError as e:
            if e.code != 404:
                sys.exit(f"a wrong token got {e.code}, not 404")
        return body
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=5)


if __name__ == "__main__":
    main()
