#!/usr/bin/env bash
# One entry point for a fresh machine: sets up .venv from the pinned constraints, then
#   serve  – builds the archive from content/ and serves it with live reload
#   build  – builds the archive into site/ (strict)
#   test   – ruff + the whole pytest suite (installs Debian's chromium when missing)
set -euo pipefail
cd "$(dirname "$0")/.."
# Material prints a banner about MkDocs 2.0 / its end of life on every mkdocs command unless
# this is set (material/templates/__init__.py); the workflows set it too.
export NO_MKDOCS_2_WARNING=1
PY=${PYTHON:-python3.11}
command -v "$PY" >/dev/null || PY=python3

setup() {
  if [ ! -x .venv/bin/python ]; then "$PY" -m venv .venv; fi
  local stamp=.setup-stamp want
  want=$(cat pyproject.toml constraints.txt | sha256sum | cut -d' ' -f1)
  if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    .venv/bin/python -m pip install -q --upgrade "pip==26.3"
    .venv/bin/python -m pip install -q -c constraints.txt -e ".[dev]"
    echo "$want" > "$stamp"
  fi
}

ensure_chromium() {
  if [ -x /usr/bin/chromium ]; then return; fi
  local sudo=""
  if [ "$(id -u)" != 0 ] && sudo -n true 2>/dev/null; then sudo="sudo -n"; fi  # CI runners
  if [ "$(id -u)" = 0 ] || [ -n "$sudo" ]; then
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
  else
    echo "dev.sh: /usr/bin/chromium missing; browser tests will be skipped (install Debian's chromium)" >&2
  fi
}

# axe-core for the accessibility tests (package-lock.json pins it); without npm those tests
# skip and say why.
ensure_node_tools() {
  if ! command -v npm >/dev/null; then
    echo "dev.sh: npm missing; the axe-core accessibility tests will be skipped" >&2
    return
  fi
  local stamp=node_modules/.lock-stamp want
  want=$(sha256sum package-lock.json | cut -d' ' -f1)
  if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    npm ci --silent --no-audit --no-fund && echo "$want" > "$stamp"
  fi
}

cmd=${1:-serve}; shift || true
setup
case "$cmd" in
  serve) exec .venv/bin/mkdocs serve "$@" ;;
  build) exec .venv/bin/mkdocs build --strict "$@" ;;
  test)
    ensure_chromium
    ensure_node_tools
    .venv/bin/ruff check .
    exec .venv/bin/python -m pytest "$@" ;;
  *) echo "usage: scripts/dev.sh [serve|build|test]" >&2; exit 2 ;;
esac
