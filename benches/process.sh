#!/usr/bin/env bash
# Whole-process numbers the divan benchmarks cannot see: `touchbase due`, `status` (the
# prompt line), `remind`, `log`, `calendar -o`, `list | head -1`, `list --json`, `export week` in every
# format and `import` of 100k rows under hyperfine; one request to `calendar --serve`
# (curl's time_total); the TUI's peak memory while a user walks it in an 80×24
# pseudo-terminal; and its time from execve to the first frame on the terminal (by
# strace, and read back from a pseudo-terminal without strace).
#
#   cargo build --release && cargo bench --bench cli   # the binary, and the 100k book
#   benches/process.sh [all|cli|files|serve|memory|first-frame]
#
# Needs hyperfine, tmux, strace, curl, GNU time (/usr/bin/time) and python3. The clock is fixed
# to the book's and the config file is ignored, as in the benchmarks.
set -euo pipefail

cd "$(dirname "$0")/.."
target=${CARGO_TARGET_DIR:-target}
bin=$(realpath "$target/release/touchbase")
data=$(realpath "$target/bench-data")
book=$data/book-100k.db
runs=${RUNS:-15}
[ -x "$bin" ] || { echo "no $bin: cargo build --release" >&2; exit 1; }
[ -f "$book.done" ] || { echo "no $book: cargo bench --bench cli generates it" >&2; exit 1; }
export TOUCHBASE_NOW=2026-11-23T09:00:00Z TOUCHBASE_CONFIG=/nonexistent
out=$(mktemp -d)
# A tmux server of its own: a session started on one already running (another user's)
# gets that server's environment, not this one, so the app ran with the real clock and
# config file there.
tmux() { command tmux -L "touchbase-bench-$$" "$@"; }
trap 'tmux kill-server 2>/dev/null; rm -rf "$out" "$data/book-100k-hyperfine.db"' EXIT

cli() {
    # `log` writes, and so does `remind` (it records the digest it delivered): a synced
    # copy, so the book stays as generated and no sample pays for flushing the copy.
    cp "$book" "$data/book-100k-hyperfine.db"
    sync "$data/book-100k-hyperfine.db"
    hyperfine -N --warmup 5 --runs 60 --export-json "$out/due-log.json" \
        "$bin --db $book due" \
        "$bin --db $book status" \
        "$bin --db $data/book-100k-hyperfine.db remind" \
        "$bin --db $data/book-100k-hyperfine.db log 4242 'call: checked in >> send brochure @fri'" \
        "$bin --db $data/book-100k-hyperfine.db log 4243 'visit yesterday 14:30: site tour =5 >> send the offer @fri'" \
        "$bin --db $book search send revised" \
        "$bin --db $book search delivery late" \
        "$bin --db $book calendar -o $out/calendar.ics" >/dev/null
    # An edit, and a delete of the newest contact: each run's --prepare logs it again, and
    # SQLite hands the freed highest id out again, so every run deletes the same id.
    local copy=$data/book-100k-hyperfine.db newest
    newest=$("$bin" --db "$copy" log 4242 'call: to delete' --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["interaction"]["id"])')
    "$bin" --db "$copy" delete contact "$newest" >/dev/null
    hyperfine -N --warmup 5 --runs 60 --export-json "$out/edit.json" \
        "$bin --db $copy edit contact 4242 --note 'checked in, sent the brochure'" >/dev/null
    hyperfine -N --warmup 5 --runs 60 --export-json "$out/delete.json" \
        --prepare "$bin --db $copy log 4242 'call: to delete'" \
        "$bin --db $copy delete contact $newest" >/dev/null
    # A pipe needs a shell; `true | head -1` measures the shell.
    hyperfine --warmup 5 --runs 60 --export-json "$out/list.json" \
        "$bin --db $book list | head -1" "true | head -1" >/dev/null 2>&1
    # The whole book as JSON (hyperfine sends stdout to /dev/null).
    hyperfine -N --warmup 3 --runs 30 --export-json "$out/list-json.json" \
        "$bin --db $book list --json" >/dev/null
    python3 - "$out/due-log.json" "$out/edit.json" "$out/delete.json" "$out/list.json" "$out/list-json.json" <<'EOF'
import json, sys
print(f"{'command':<40} {'median':>8} {'fastest':>8} {'slowest':>8} {'user':>7} {'sys':>7}  (ms)")
for path in sys.argv[1:]:
    for r in json.load(open(path))["results"]:
        name = r["command"].split("/")[-1][:40]
        print(f"{name:<40} {r['median']*1e3:8.1f} {r['min']*1e3:8.1f} {r['max']*1e3:8.1f} {r['user']*1e3:7.1f} {r['system']*1e3:7.1f}")
EOF
}

# `export week` in every format to a file, `export customers`, and `import` of the exported
# 100k-row CSV into an empty database, then again into the same one (every row matches).
files() {
    local fresh=$out/imported.db
    hyperfine -N --warmup 3 --runs 30 --export-json "$out/export.json" \
        -L format md,csv,ics,json,todotxt \
        "$bin --db $book export week --format {format} -o $out/week.{format}" >/dev/null
    hyperfine -N --warmup 1 --runs 5 --export-json "$out/export-customers.json" \
        "$bin --db $book export customers --format csv -o $out/book.csv" >/dev/null
    wc -l <"$out/book.csv" | xargs printf '%s lines in the exported CSV\n'
    hyperfine -N --runs 5 --export-json "$out/import.json" \
        --prepare "rm -f $fresh $fresh-wal $fresh-shm" \
        "$bin --db $fresh import $out/book.csv" >/dev/null
    hyperfine -N --runs 5 --export-json "$out/reimport.json" \
        "$bin --db $fresh import $out/book.csv" >/dev/null
    python3 - "$out/export.json" "$out/export-customers.json" "$out/import.json" "$out/reimport.json" <<'EOF2'
import json, sys
print(f"{'command':<44} {'median':>8} {'fastest':>8} {'slowest':>8}  (ms)")
for path in sys.argv[1:]:
    for r in json.load(open(path))["results"]:
        name = " ".join(w.split("/")[-1] for w in r["command"].split()[3:])[:44]
        if path.endswith("reimport.json"):
            name = "again: " + name
        print(f"{name:<44} {r['median']*1e3:8.1f} {r['min']*1e3:8.1f} {r['max']*1e3:8.1f}")
EOF2
}

# One request to the served calendar feed, from curl's connect to the last byte: the
# server reads the book and writes the feed anew for each. On a copy: the first serve
# stores its token in the book.
serve() {
    local copy=$data/book-100k-hyperfine.db url
    cp "$book" "$copy"
    "$bin" --db "$copy" calendar --serve 127.0.0.1:0 >"$out/serve.txt" &
    local server=$!
    for _ in $(seq 1 100); do
        url=$(grep -o 'http://[^ ]*' "$out/serve.txt" || true)
        [ -n "$url" ] && break
        sleep 0.05
    done
    [ -n "$url" ] || { echo "calendar --serve printed no address" >&2; kill "$server"; return 1; }
    for _ in $(seq 1 5); do curl -s -o /dev/null "$url"; done
    for _ in $(seq 1 60); do
        curl -s -o /dev/null -w '%{time_total}\n' "$url"
    done >"$out/serve-times.txt"
    kill -INT "$server"
    wait "$server" || true
    python3 - "$out/serve-times.txt" <<'EOF3'
import statistics, sys
v = sorted(float(l) * 1e3 for l in open(sys.argv[1]))
print(f"calendar --serve, one request      median {statistics.median(v):6.1f} ms  fastest {v[0]:6.1f}  slowest {v[-1]:6.1f}  ({len(v)} requests)")
EOF3
}

# Runs the TUI in a fresh 80×24 tmux session; `$1` is the command line around it.
start_tui() {
    session=touchbase-bench-$$
    tmux new-session -d -s "$session" -x 80 -y 24 "$1"
}

# Waits for `$1` on the screen.
wait_for() {
    for _ in $(seq 1 200); do
        tmux capture-pane -p -t "$session" >"$out/pane.txt" 2>/dev/null || true
        grep -q -- "$1" "$out/pane.txt" && return 0
        sleep 0.05
    done
    echo "timed out waiting for '$1' on the screen:" >&2
    cat "$out/pane.txt" >&2
    return 1
}

# The app's memory now: peak, resident, and resident split into private (anon) and
# file-backed (a memory-mapped database shows up here).
snapshot() {
    local pid
    pid=$(pgrep -n -f "^$bin --db $book\$")
    printf '%-28s %s\n' "$1" "$(grep -E 'VmHWM|VmRSS|RssAnon|RssFile' "/proc/$pid/status" | tr -s ' \t' ' ' | tr '\n' ' ')"
}

memory() {
    start_tui "/usr/bin/time -v -o $out/time.txt $bin --db $book"
    wait_for "Agenda"
    snapshot "agenda"
    tmux send-keys -t "$session" j j j
    tmux send-keys -t "$session" 2
    wait_for "Customers ·"
    snapshot "customers"
    tmux send-keys -t "$session" o
    wait_for "by urgency"
    snapshot "sorted by urgency"
    tmux send-keys -t "$session" o o o
    wait_for "by last contact"
    tmux send-keys -t "$session" j j j j j G
    sleep 0.5
    tmux send-keys -t "$session" g
    sleep 0.3
    snapshot "scrolled to the end and back"
    tmux send-keys -t "$session" /
    wait_for "match"
    snapshot "filter open"
    for c in a b c; do
        tmux send-keys -t "$session" "$c"
        sleep 0.3
    done
    wait_for "/ abc"
    snapshot "typed abc"
    tmux send-keys -t "$session" Escape
    sleep 0.3
    snapshot "filter cleared"
    tmux send-keys -t "$session" q
    for _ in $(seq 1 100); do
        [ -s "$out/time.txt" ] && break
        sleep 0.05
    done
    tmux kill-session -t "$session" 2>/dev/null || true
    grep -E "Maximum resident set size" "$out/time.txt"
}

# From execve to the end of the first frame's writes to the terminal, by strace
# timestamps: the first write to stdout switches to the alternate screen, the next burst is
# the frame. strace (seccomp-filtered to execve and write) adds a few milliseconds.
first_frame() {
    for i in $(seq 1 "$runs"); do
        rm -f "$out/strace.txt"
        start_tui "strace -f --seccomp-bpf -tt -e trace=execve,write -o $out/strace.txt $bin --db $book"
        wait_for "Agenda"
        sleep 0.2
        tmux send-keys -t "$session" q
        sleep 0.2
        tmux kill-session -t "$session" 2>/dev/null || true
        cp "$out/strace.txt" "$out/strace-$i.txt"
    done
    python3 - "$out"/strace-*.txt <<'EOF'
import statistics, sys

def seconds(stamp):
    h, m, s = stamp.split(":")
    return int(h) * 3600 + int(m) * 60 + float(s)

runs = []
for path in sys.argv[1:]:
    execve = screen = frame_end = None
    for line in open(path):
        parts = line.split(None, 2)
        if len(parts) < 3:
            continue
        at, call = seconds(parts[1]), parts[2]
        if call.startswith("execve("):
            execve = at
        elif call.startswith("write(1,") and execve is not None:
            if screen is None:
                screen = at
            elif frame_end is None or at - frame_end < 0.02:
                frame_end = at
            else:
                break
    runs.append(((screen - execve) * 1e3, (frame_end - execve) * 1e3))
for name, i in [("alternate screen", 0), ("first frame written", 1)]:
    v = sorted(r[i] for r in runs)
    print(f"execve → {name:<20} median {statistics.median(v):6.1f} ms  fastest {v[0]:6.1f}  slowest {v[-1]:6.1f}  ({len(v)} runs)")
EOF
}

# From fork to the first frame read back from a pseudo-terminal, without strace: the
# agenda's title and the footer's "quit" have both arrived.
first_frame_pty() {
    python3 - "$bin" "$book" "$runs" <<'EOF'
import fcntl, os, pty, select, statistics, struct, sys, termios, time

binary, db, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
env = dict(os.environ, TERM="xterm-256color")
times = []
for _ in range(runs):
    started = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:
        os.execve(binary, [binary, "--db", db], env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    screen = b""
    while not (b"Agenda" in screen and b"quit" in screen):
        if not select.select([fd], [], [], 5)[0]:
            sys.exit("no first frame within 5 s")
        screen += os.read(fd, 65536)
    times.append((time.perf_counter() - started) * 1e3)
    os.write(fd, b"q")
    os.waitpid(pid, 0)
    os.close(fd)
    time.sleep(0.1)
times.sort()
print(f"fork → first frame read from a pty median {statistics.median(times):6.1f} ms  fastest {times[0]:6.1f}  slowest {times[-1]:6.1f}  ({len(times)} runs)")
EOF
}

case ${1:-all} in
    cli) cli ;;
    files) files ;;
    serve) serve ;;
    memory) memory ;;
    first-frame)
        first_frame
        first_frame_pty
        ;;
    all)
        cli
        files
        serve
        memory
        first_frame
        first_frame_pty
        ;;
    *)
        echo "usage: $0 [all|cli|files|serve|memory|first-frame]" >&2
        exit 2
        ;;
esac
