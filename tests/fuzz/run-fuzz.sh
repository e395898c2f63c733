#!/bin/sh
# run-fuzz.sh SRCDIR BUILDROOT OUTDIR SECONDS — builds fuzz-sanitize with clang
# (-fsanitize=fuzzer,address,undefined) and runs it for SECONDS on a corpus seeded with
# the clipboard samples. Exit 77 (meson: skipped) when clang or its fuzzer runtime is missing.
set -eu
src=$1 build=$2 out=$3 seconds=$4
CC=${CLANG:-clang}
if ! command -v "$CC" >/dev/null 2>&1; then
  for c in clang-16 clang-15 clang-14; do command -v $c >/dev/null 2>&1 && CC=$c && break; done
fi
if ! command -v "$CC" >/dev/null 2>&1; then
  echo "SKIP: clang is not installed (./run installs clang and libclang-rt-14-dev)"; exit 77
fi
mkdir -p "$out/corpus"
flags="$(pkg-config --cflags --libs glib-2.0 json-glib-1.0 gumbo)"
# shellcheck disable=SC2086
if ! "$CC" -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
    -DTOA_ALLOW_LIST_PATH="\"$src/resources/sanitize/allow-list.json\"" \
    -I"$build" -I"$src/app/core" \
    "$src/tests/fuzz/fuzz-sanitize.c" "$src/app/core/toa-sanitize.c" "$src/app/core/toa-error.c" \
    $flags -o "$out/fuzz-sanitize" 2>"$out/build.log"; then
  if grep -q "libclang_rt.fuzzer\|cannot find.*fuzzer" "$out/build.log"; then
    echo "SKIP: clang's fuzzer runtime is missing (install libclang-rt-14-dev)"; cat "$out/build.log"; exit 77
  fi
  cat "$out/build.log"; exit 1
fi
cp "$src"/tests/data/paste/*.html "$out/corpus/" 2>/dev/null || true
cd "$out"
ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ./fuzz-sanitize -max_total_time="$seconds" -max_len=8192 -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 -dict="$src/tests/fuzz/html.dict" corpus
