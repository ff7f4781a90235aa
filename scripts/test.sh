#!/usr/bin/env bash
# Run every test: the README's test command, and what .ci/run calls.
#
#   setup (install what is missing) → cargo fmt --check → clippy -D warnings → cargo test
#   → build the WASM package → wasm-bindgen tests in headless Chromium → TypeScript check
#   → node --test tests/js/ → Playwright page tests (when playwright.config.mjs exists)
#
# Every step runs even when an earlier one failed (steps that need the WASM build are skipped
# when it failed), then a summary prints each step's result and time. Exit status: 0 only when
# every step passed.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
export CARGO_TERM_PROGRESS_WHEN=never
export CI="${CI:-true}"

names=()
results=()
times=()
failed=0
wasm_built=1
t_start=$SECONDS

# step NAME COMMAND...: run one step, stream its output, record the result.
step() {
  local name=$1
  shift
  printf '\n========== %s ==========\n' "$name"
  local t0=$SECONDS status=0
  "$@" || status=$?
  names+=("$name")
  times+=("$((SECONDS - t0))s")
  if [ "$status" -eq 0 ]; then
    results+=("ok")
  else
    results+=("FAILED (exit $status)")
    failed=1
  fi
  return "$status"
}

skip() {
  names+=("$1")
  times+=("-")
  results+=("skipped: $2")
  failed=1
}

# The setup must work for anything else to run.
if ! step "setup" bash scripts/setup.sh; then
  echo "test.sh: setup failed; nothing else can run" >&2
  exit 1
fi

step "cargo fmt --check" cargo fmt --all -- --check || true
step "cargo clippy -D warnings" cargo clippy --all-targets -- -D warnings || true
step "cargo test (native)" cargo test --no-fail-fast || true
step "build WASM package" bash scripts/build-wasm.sh || wasm_built=0

wasm_tests=()
for f in tests/wasm_*.rs; do
  [ -e "$f" ] && wasm_tests+=(--test "$(basename "$f" .rs)")
done
if [ "${#wasm_tests[@]}" -gt 0 ]; then
  # The runner starts chromedriver and headless Chromium (it adds --headless and --no-sandbox,
  # so it works as root); the timeout covers the unoptimised debug build on a slow machine.
  step "wasm-bindgen tests (headless Chromium)" env \
    CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
    CHROMEDRIVER=/usr/bin/chromedriver \
    WASM_BINDGEN_TEST_TIMEOUT=180 \
    cargo test --target wasm32-unknown-unknown "${wasm_tests[@]}" || true
fi

if [ "$wasm_built" -eq 1 ]; then
  step "TypeScript types (tsc --noEmit)" tsc --noEmit --strict --target es2022 --lib es2022,dom \
    --module es2022 --moduleResolution bundler www/clausemark.d.ts pkg/clausemark.d.ts || true
  step "node --test tests/js/" node --test tests/js/ || true
  if [ -f playwright.config.mjs ]; then
    step "Playwright page tests" playwright test || true
  fi
else
  skip "TypeScript types (tsc --noEmit)" "the WASM build failed"
  skip "node --test tests/js/" "the WASM build failed"
  [ -f playwright.config.mjs ] && skip "Playwright page tests" "the WASM build failed"
fi

printf '\n========== summary ==========\n'
for i in "${!names[@]}"; do
  printf '  %-42s %-8s %s\n' "${names[$i]}" "${times[$i]}" "${results[$i]}"
done
total=$((SECONDS - t_start))
if [ "$failed" -eq 0 ]; then
  printf 'ALL PASSED in %dm%02ds\n' $((total / 60)) $((total % 60))
else
  printf 'SOME STEPS FAILED (total %dm%02ds)\n' $((total / 60)) $((total % 60))
  exit 1
fi
