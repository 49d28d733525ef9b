#!/usr/bin/env bash
# Tenk deg om: the one entry point.
#   ./build.sh           install what is missing, build the extension (dist/chrome, dist/firefox) and the CLI
#   ./build.sh test      everything that proves it: fmt, clippy, cargo test, typecheck, lint, browser tests
#   ./build.sh demo      open Chromium with the extension on local demo pages (screenshots without a display)
#   ./build.sh screenshots  retake the README's screenshots into docs/screenshots/ (tests save them to target/screenshots/)
#   ./build.sh package   store zip, signed CRX3, updates.xml, Firefox .xpi, policy templates in dist/
#   ./build.sh bench     native and in-browser benchmarks, written to BENCHMARKS.md
#   ./build.sh fuzz      the long fuzz run (FUZZ_SECONDS, default 600)
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$(pwd)
CMD=${1:-build}
WASM_BINDGEN_VERSION=$(sed -n 's/^wasm-bindgen = "=\(.*\)"/\1/p' Cargo.toml)

log() { printf '\033[1m==> %s\033[0m\n' "$*"; }
have() { command -v "$1" >/dev/null 2>&1; }

apt_install() {
  if [ "$(id -u)" != 0 ]; then
    echo "build.sh: missing Debian packages: $* (run as root or install them)" >&2
    return 1
  fi
  if [ ! -f /tmp/.tenk-apt-updated ]; then apt-get update -qq && touch /tmp/.tenk-apt-updated; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

ensure_tools() {
  rustup target list --installed 2>/dev/null | grep -q wasm32-unknown-unknown \
    || { log "adding rust target wasm32-unknown-unknown"; rustup target add wasm32-unknown-unknown; }
  rustup component list --installed 2>/dev/null | grep -q '^clippy' || rustup component add clippy rustfmt
  if ! have wasm-bindgen || [ "$(wasm-bindgen --version | awk '{print $2}')" != "$WASM_BINDGEN_VERSION" ]; then
    log "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 3 minutes, once)"
    cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
  fi
  local pkgs=()
  have wasm-opt || pkgs+=(binaryen)
  [ -x /usr/bin/chromium ] || pkgs+=(chromium chromium-driver)
  [ -x /usr/bin/firefox-esr ] || pkgs+=(firefox-esr)
  [ -d /usr/lib/chromium/locales ] && ls /usr/lib/chromium/locales | grep -q '^nb' || pkgs+=(chromium-l10n)
  [ ${#pkgs[@]} -eq 0 ] || { log "installing Debian packages: ${pkgs[*]}"; apt_install "${pkgs[@]}"; }
  if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    log "installing npm packages from package-lock.json"
    npm ci --no-fund --no-audit --loglevel=error
  fi
}

build_wasm() {
  log "building the core for WebAssembly"
  wasm_into target/wasm-bindgen
}

# The core for WebAssembly into $1 (wasm-bindgen's output), with the cargo arguments that
# follow (`--features bench` for the benchmark's build, which only adds an export).
wasm_into() {
  local out=$1
  shift
  cargo build -q -p tenk-wasm --target wasm32-unknown-unknown --profile wasm "$@"
  rm -rf "$out" target/wasm-opt
  mkdir -p target/wasm-opt
  # wasm-opt runs on rustc's output, before wasm-bindgen, never after: binaryen 108 (Debian 12)
  # writes a module with two tables wrongly (the externref table that wasm-bindgen adds gets
  # exported as the function table, and instantiation fails with "WebAssembly.Table.set():
  # Argument 1 is invalid"). wasm-bindgen then drops the name and producers sections itself.
  # `-ocimfs 20`: binaryen inlines a function with one caller only when it is small. By default
  # `-Oz` inlines every such function whatever its size, which makes the file 5 KB smaller raw
  # but 11 KB larger gzipped (long merged bodies compress worse), and makes V8 compile more at
  # start-up (BENCHMARKS.md, «binaryen's one-caller inlining»).
  wasm-opt -Oz -ocimfs 20 --strip-debug --strip-producers --enable-bulk-memory --enable-sign-ext \
    --enable-mutable-globals --enable-nontrapping-float-to-int --enable-reference-types \
    --enable-multivalue target/wasm32-unknown-unknown/wasm/tenk_wasm.wasm -o target/wasm-opt/tenk_wasm.wasm
  wasm-bindgen --target web --no-typescript --remove-name-section --remove-producers-section \
    --out-dir "$out" target/wasm-opt/tenk_wasm.wasm
}

# The benchmark's build of the core (`bench_analyse`, the analysis alone), beside the shipped one.
build_bench_wasm() {
  log "building the core for WebAssembly with the benchmark's export"
  wasm_into target/wasm-bindgen-bench --features bench
}

build_cli() {
  log "building the CLI (target/release/tenk)"
  cargo build -q --release -p tenk-cli
}

build_extension() {
  log "bundling the extension"
  node tools/build-extension.mjs
}

build_all() {
  ensure_tools
  build_wasm
  build_extension
  build_cli
  cat <<MSG

Built.
  Chrome/Edge extension: $ROOT/dist/chrome   (chrome://extensions → Developer mode → Load unpacked)
  Firefox extension:     $ROOT/dist/firefox  (about:debugging → This Firefox → Load Temporary Add-on → manifest.json)
  CLI:                   $ROOT/target/release/tenk   (echo "tekst" | target/release/tenk check --json)
MSG
}

# Runs a command with its output in a log; on failure shows the log's end and stops.
run_logged() {
  local logfile=$1; shift
  mkdir -p "$(dirname "$logfile")"
  if ! "$@" >"$logfile" 2>&1; then
    tail -120 "$logfile"
    echo "build.sh: FAILED: $*" >&2
    exit 1
  fi
}

run_tests() {
  build_all
  log "cargo fmt --check"
  cargo fmt --all -- --check
  log "cargo clippy -D warnings"
  cargo clippy -q --workspace --all-targets -- -D warnings
  cargo clippy -q -p tenk-core --no-default-features --lib -- -D warnings
  log "cargo test"
  run_logged target/cargo-test.log cargo test -q --workspace
  # The WebAssembly build's configuration of the core (no full TOML reader, its own policy and
  # request readers), natively: unit and integration tests, so the readers' errors are checked
  # against the same hostile policies as the TOML crate's.
  run_logged target/cargo-test-wasm-config.log cargo test -q -p tenk-core --no-default-features
  grep -E '^test result' target/cargo-test-wasm-config.log >> target/cargo-test.log
  grep -E '^test result' target/cargo-test.log
  log "TypeScript typecheck"
  npx tsc --noEmit -p .
  log "ESLint"
  npx eslint --max-warnings=0 .
  log "addons-linter on dist/firefox (Mozilla's add-on checks: 0 errors)"
  npx addons-linter --boring dist/firefox
  log "JavaScript unit tests"
  run_logged target/unit-tests.log node --test --test-reporter=tap tests/unit/
  grep -E '^(not ok|# (tests|pass|fail))' target/unit-tests.log
  log "browser tests (headless Chromium with dist/chrome; Firefox ESR with dist/firefox in tests/browser/firefox/)"
  run_logged target/browser-tests.log node --test --test-concurrency=1 --test-reporter=tap tests/browser/
  grep -E '^(not ok|# (tests|pass|fail|skip))' target/browser-tests.log
  log "summary"
  grep -h '^test result' target/cargo-test.log | awk '{p+=$4; f+=$6} END {printf "cargo: %d passed, %d failed\n", p, f}'
  awk '/^# pass/ {p=$3} /^# fail/ {f=$3} /^# skip/ {s=$3} END {printf "browser: %d passed, %d failed, %d skipped\n", p, f, s}' target/browser-tests.log
}

case "$CMD" in
  build) build_all ;;
  test) run_tests ;;
  demo) build_all; node tools/demo.mjs ;;
  screenshots) build_all; TENK_SCREENSHOTS=1 node --test --test-concurrency=1 tests/browser/contract.test.mjs tests/browser/ui-inpage.test.mjs tests/browser/ui-pages.test.mjs ;;
  package) build_all; node tools/package.mjs ;;
  bench) build_all; build_bench_wasm; cargo bench -p tenk-core; node tools/bench-browser.mjs ;;
  fuzz) FUZZ_SECONDS=${FUZZ_SECONDS:-600} cargo test --profile fuzz -p tenk-core --test fuzz -- --ignored --exact fuzz_long --nocapture ;;
  *) echo "usage: ./build.sh [build|test|demo|screenshots|package|bench|fuzz]" >&2; exit 2 ;;
esac
