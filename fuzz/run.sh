#!/usr/bin/env bash
# Runs every fuzz target in turn for SECONDS each (default 60) and prints, per target, how
# many inputs it executed and whether it crashed. Exit status 1 when any target crashed.
#   fuzz/run.sh 600        # ten minutes each
# Crashing inputs are kept in fuzz/artifacts/<target>/, the full libFuzzer output in
# fuzz/artifacts/<target>.log; new interesting inputs grow fuzz/corpus/<target>/.
set -u
cd "$(dirname "$0")/.."

seconds=${1:-60}
# FUZZ_TARGETS="config when" runs only those.
read -r -a targets <<<"${FUZZ_TARGETS:-quicklog when config import_csv import_vcard import_json}"
# cargo-fuzz passes -Z flags to rustc; RUSTC_BOOTSTRAP lets the stable toolchain take them.
export RUSTC_BOOTSTRAP=1
# --dev keeps overflow checks on, so an integer overflow is found as the panic it would
# be; FUZZ_FLAGS may add e.g. "--sanitizer none".
flags=(--dev ${FUZZ_FLAGS:-})

cargo fuzz build "${flags[@]}" || exit 2

crashed=0
printf '%-14s %12s  %s\n' target inputs result
for t in "${targets[@]}"; do
    mkdir -p "fuzz/corpus/$t" "fuzz/artifacts/$t"
    log="fuzz/artifacts/$t.log"
    cargo fuzz run "${flags[@]}" "$t" "fuzz/corpus/$t" "fuzz/seeds/$t" -- \
        -max_total_time="$seconds" -print_final_stats=1 >"$log" 2>&1
    rc=$?
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
    if [ "$rc" -eq 0 ]; then
        result="no crash in ${seconds}s"
    else
        crashed=1
        artifact=$(grep -o 'Test unit written to [^ ]*' "$log" | tail -1 | cut -d' ' -f5)
        result="CRASHED (exit $rc) ${artifact:-see $log}"
    fi
    printf '%-14s %12s  %s\n' "$t" "${runs:-?}" "$result"
done
exit "$crashed"
