#!/bin/sh
# run-bench-desks.sh — issue 4's benchmark in one command: 20 desks on one PostgreSQL board,
# each taking a transition every 100 ms for 60 s (toa-bench-desks.c). Builds the benchmark,
# then runs it on a throwaway PostgreSQL server (loopback, fsync off), or on an empty
# database of yours with URL.
#
#   tests/bench/run-bench-desks.sh [URL]
#
# Environment: BUILD_DIR (default build), DESKS (20), SECONDS_RUN (60), INTERVAL_MS (100),
# ITEMS (items per secretary/deputy pair, 8: enough that every desk acts on every tick),
# POLL=1 to read inboxes every 50 ms instead of on LISTEN/NOTIFY notices.
# Results: JSON on stdout, also in $BUILD_DIR/bench-desks.json. Exit status 1 when a target
# (zero errors, p95 ≤ 20 ms, inbox update ≤ 1 s) was missed.
set -eu

here=$(cd "$(dirname "$0")/../.." && pwd)
build=${BUILD_DIR:-build}

cd "$here"
if [ ! -f "$build/build.ninja" ]; then
  meson setup "$build" >&2
fi
ninja -C "$build" tests/bench/toa-bench-desks >&2

set -- ${1:+--url "$1"} --desks "${DESKS:-20}" --seconds "${SECONDS_RUN:-60}" \
  --interval-ms "${INTERVAL_MS:-100}" --items "${ITEMS:-8}"
if [ "${POLL:-0}" = 1 ]; then
  set -- "$@" --poll
fi
status=0
"$build/tests/bench/toa-bench-desks" "$@" > "$build/bench-desks.json" || status=$?
cat "$build/bench-desks.json"
exit $status
