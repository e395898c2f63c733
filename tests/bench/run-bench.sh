#!/bin/sh
# run-bench.sh — the benchmark in one command: builds toa-bench, generates the synthetic
# database if it is missing, measures the store, and, when the window benchmark has been
# built (tests/ui toa-bench-window), scrolls the window over the same database under Xvfb
# for its memory (RSS).
#
#   tests/bench/run-bench.sh [DB [ARTICLES]]
#
#   DB        default /var/tmp/toa-bench-1m.db (about 8.5 GB at 1,000,000 articles)
#   ARTICLES  default 1000000; generation takes about 8 minutes on 2 cores
#
# Environment: BUILD_DIR (default build), SEED (default 1), RUNS (default 5),
# DROP_CACHES=1 to drop the page cache before measuring (root; makes "first" cold).
# Results: JSON on stdout; also written to $BUILD_DIR/bench-store.json and
# $BUILD_DIR/bench-window-<renderer>.json.
set -eu

here=$(cd "$(dirname "$0")/../.." && pwd)
build=${BUILD_DIR:-build}
db=${1:-/var/tmp/toa-bench-1m.db}
articles=${2:-1000000}
seed=${SEED:-1}
runs=${RUNS:-5}

cd "$here"
if [ ! -f "$build/build.ninja" ]; then
  meson setup "$build" >&2
fi
ninja -C "$build" tests/bench/toa-bench >&2

if [ ! -f "$db" ]; then
  echo "run-bench: generating $articles articles into $db (seed $seed)" >&2
  nice "$build/tests/bench/toa-bench" generate --db "$db" --articles "$articles" --seed "$seed" >&2
fi

drop=""
if [ "${DROP_CACHES:-0}" = 1 ]; then
  drop="--drop-caches"
fi
"$build/tests/bench/toa-bench" measure --db "$db" --runs "$runs" $drop > "$build/bench-store.json"
cat "$build/bench-store.json"

window="$build/tests/ui/toa-bench-window"
ninja -C "$build" tests/ui/toa-bench-window data/gschemas.compiled >&2 \
  || echo "run-bench: the window benchmark does not build" >&2
if [ -x "$window" ] && command -v xvfb-run > /dev/null; then
  # Both renderers: cairo (no GL), and GTK's default, which under Xvfb is GL on Mesa's software
  # rasteriser (llvmpipe) — its own memory counts in the RSS and is not the app's.
  for renderer in ${RENDERERS:-cairo default}; do
    echo "run-bench: scrolling the window over $db (renderer $renderer)" >&2
    GTK_A11Y=none NO_AT_BRIDGE=1 LANGUAGE=vi LANG=C.UTF-8 GSETTINGS_BACKEND=memory \
      GSETTINGS_SCHEMA_DIR="$build/data" \
      xvfb-run -a "$window" --db "$db" --login thuky --password toasoan2026 --renderer "$renderer" \
      > "$build/bench-window-$renderer.json"
    cat "$build/bench-window-$renderer.json"
  done
else
  echo "run-bench: $window not built (or no xvfb-run): window RSS not measured" >&2
fi

# The article editor (issue 5): a 20,000-word article with 50 images opens ready to edit;
# an autosave's main-thread time.
editor_bench="$build/tests/ui/toa-bench-editor"
ninja -C "$build" tests/ui/toa-bench-editor >&2 || echo "run-bench: the editor benchmark does not build" >&2
if [ -x "$editor_bench" ] && command -v xvfb-run > /dev/null; then
  GTK_A11Y=none NO_AT_BRIDGE=1 LANGUAGE=vi LANG=C.UTF-8 GSETTINGS_BACKEND=memory \
    GSETTINGS_SCHEMA_DIR="$build/data" xvfb-run -a "$editor_bench" --runs 5 > "$build/bench-editor.json"
  cat "$build/bench-editor.json"
fi
