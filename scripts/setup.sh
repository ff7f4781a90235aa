#!/usr/bin/env bash
# Install what clausemark's build and tests need on a Debian machine, skipping whatever is
# already present (a second run takes a second or two). Safe with CI=true and no TTY.
#
#   rustup target wasm32-unknown-unknown
#   wasm-bindgen-cli   at exactly the version Cargo.toml pins for the wasm-bindgen crate
#   wasm-pack          (cargo install --locked)
#   chromium + chromedriver   (apt; headless browser tests)
#   node_modules       (npm ci from package-lock.json: binaryen's wasm-opt, Playwright, tsc)
#
# Facts this relies on (see DESIGN.md, "Tooling that works here"): `cargo install
# wasm-bindgen-cli --locked` fails (a locked dependency is missing from the registry), so it is
# installed without --locked; Debian's binaryen is broken for our output, so wasm-opt comes from
# npm; browsers are never downloaded by Playwright (PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

export PATH="$HOME/.cargo/bin:$PATH"
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
export DEBIAN_FRONTEND=noninteractive
export CARGO_TERM_PROGRESS_WHEN=never

say() { printf '==> setup: %s\n' "$*"; }
have() { command -v "$1" >/dev/null 2>&1; }
as_root() {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  elif have sudo; then
    sudo -n "$@"
  else
    echo "setup: need root to run: $*" >&2
    exit 1
  fi
}

apt_updated=0
apt_install() {
  if [ "$apt_updated" -eq 0 ]; then
    as_root apt-get update -qq
    apt_updated=1
  fi
  as_root apt-get install -y -qq --no-install-recommends "$@"
}

# --- Rust -----------------------------------------------------------------------------------
if ! have cargo || ! have rustup; then
  echo "setup: cargo and rustup are required (https://rustup.rs); not found on PATH" >&2
  exit 1
fi
if rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "rust target wasm32-unknown-unknown: present"
else
  say "installing rust target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi
# cargo fmt / clippy are part of the default rustup profile; add them when a minimal one lacks them.
for comp in rustfmt clippy; do
  if ! rustup component list --installed 2>/dev/null | grep -q "^$comp"; then
    say "installing rustup component $comp"
    rustup component add "$comp"
  fi
done

# --- wasm-bindgen-cli at the crate's exact version --------------------------------------------
wbg_version=$(sed -n 's/^wasm-bindgen *= *"=\{0,1\}\([0-9][0-9.]*\)".*/\1/p' Cargo.toml | head -n1)
if [ -z "$wbg_version" ]; then
  wbg_version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
fi
if [ -z "$wbg_version" ]; then
  echo "setup: cannot find the wasm-bindgen version in Cargo.toml or Cargo.lock" >&2
  exit 1
fi
if [ "$(wasm-bindgen --version 2>/dev/null)" = "wasm-bindgen $wbg_version" ] && have wasm-bindgen-test-runner; then
  say "wasm-bindgen-cli $wbg_version: present"
else
  say "installing wasm-bindgen-cli $wbg_version (about 11 minutes on a fresh machine)"
  cargo install wasm-bindgen-cli --version "$wbg_version" --force
fi

# --- wasm-pack --------------------------------------------------------------------------------
if have wasm-pack; then
  say "wasm-pack: present ($(wasm-pack --version))"
else
  say "installing wasm-pack (about 6 minutes on a fresh machine)"
  cargo install --locked wasm-pack
fi

# --- Chromium and chromedriver ----------------------------------------------------------------
if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
  say "chromium and chromedriver: present"
else
  say "installing chromium and chromium-driver (apt)"
  apt_install chromium chromium-driver
fi

# --- Node and npm packages --------------------------------------------------------------------
if ! have node || ! have npm; then
  say "installing nodejs and npm (apt)"
  apt_install nodejs npm
fi
stamp=node_modules/.clausemark-setup
want=$(cat package.json package-lock.json | sha256sum | cut -d' ' -f1)
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
  say "node_modules: up to date with package-lock.json"
else
  say "installing npm packages (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
  echo "$want" >"$stamp"
fi

say "done"
