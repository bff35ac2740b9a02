#!/usr/bin/env bash
# Steady's one entry point for people and CI.
#   ./steady.sh [ARGS...]   install what is missing, then run `steady ARGS...`
#   ./steady.sh test [PYTEST ARGS...]
#                           install what is missing (with test tools), then run the whole suite offscreen
# Installs are skipped when nothing changed since the last run, so an ordinary start needs no network.
set -euo pipefail

ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
cd "$ROOT"
VENV="$ROOT/.venv"

MODE=run
if [[ "${1:-}" == "test" ]]; then
    MODE=test
    shift
fi

# Debian packages: Python with venv, the libraries Qt needs to start, an X11 window, and a sound player.
APT_RUN=(python3 python3-venv python3-pip ca-certificates
    libgl1 libegl1 libfontconfig1 libxkbcommon0 libdbus-1-3 libglib2.0-0
    libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0 libxcb-shape0
    libxkbcommon-x11-0 libxrender1 libxi6 fonts-dejavu-core fonts-inter alsa-utils)
# Tests also need a virtual screen and a sound server with a null sink to record what is played.
APT_TEST=(xvfb xauth pulseaudio pulseaudio-utils)

say() { printf 'steady.sh: %s\n' "$*" >&2; }

missing_apt_packages() {
    # One dpkg-query for all of them (cheap enough for every start); unknown names count as missing.
    local installed
    installed="$(dpkg-query -W -f='${Package} ${Status}\n' "$@" 2>/dev/null | awk '/ install ok installed$/ {print $1}' || true)"
    local pkg
    for pkg in "$@"; do
        grep -qxF -- "$pkg" <<<"$installed" || printf '%s\n' "$pkg"
    done
}

apt_quietly() {
    # apt and dpkg print hundreds of lines; keep them in a log and show its end only on failure.
    local log="$1"
    shift
    if ! "$@" >>"$log" 2>&1; then
        say "failed: $* (last lines of $log below)"
        tail -n 30 "$log" >&2
        exit 1
    fi
}

ensure_apt_packages() {
    if ! command -v dpkg-query >/dev/null 2>&1; then
        say "not a Debian-like system; make sure Qt's libraries (see README) are installed."
        return 0
    fi
    local missing
    mapfile -t missing < <(missing_apt_packages "$@")
    ((${#missing[@]} == 0)) && return 0
    if [[ $(id -u) -eq 0 ]]; then
        local log
        log="$(mktemp "${TMPDIR:-/tmp}/steady-apt.XXXXXX.log")"
        say "installing ${#missing[@]} Debian packages (log: $log): ${missing[*]}"
        export DEBIAN_FRONTEND=noninteractive
        local opts=(-q -y -o Dpkg::Use-Pty=0 -o DPkg::Lock::Timeout=300)
        apt_quietly "$log" apt-get "${opts[@]}" update
        apt_quietly "$log" apt-get "${opts[@]}" install --no-install-recommends "${missing[@]}"
        rm -f "$log"
    else
        say "these Debian packages are missing. Install them as root, then run ./steady.sh again:"
        local prefix=""
        command -v sudo >/dev/null 2>&1 && prefix="sudo "
        printf '  %sapt-get install -y --no-install-recommends %s\n' "$prefix" "${missing[*]}" >&2
        exit 1
    fi
}

pick_python() {
    local candidate
    for candidate in python3.13 python3.12 python3.11 python3; do
        if command -v "$candidate" >/dev/null 2>&1 &&
            "$candidate" -c 'import sys, venv, ensurepip; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
            command -v "$candidate"
            return 0
        fi
    done
    return 1
}

ensure_venv() {
    local extra="$1" stamp="$VENV/.steady-install-stamp" want
    want="$(cat pyproject.toml; echo "extra=$extra")"
    want="$(printf '%s' "$want" | sha256sum | cut -d' ' -f1)"
    if [[ -x "$VENV/bin/python" && -f "$stamp" ]] && grep -qx "$want" "$stamp"; then
        return 0
    fi
    # A test install also covers a plain run: don't downgrade it just to start the app.
    if [[ "$extra" == "" && -f "$stamp" ]] && grep -qx "$(printf '%s' "$(cat pyproject.toml; echo "extra=test")" | sha256sum | cut -d' ' -f1)" "$stamp"; then
        return 0
    fi
    local python
    if ! python="$(pick_python)"; then
        say "Python 3.11 or newer with venv is needed and was not found."
        exit 1
    fi
    if [[ ! -x "$VENV/bin/python" ]]; then
        say "creating the virtual environment in .venv with $python"
        "$python" -m venv "$VENV"
    fi
    say "installing Steady and its Python packages into .venv"
    "$VENV/bin/python" -m pip install -q --disable-pip-version-check --upgrade pip >&2
    local target="."
    [[ -n "$extra" ]] && target=".[$extra]"
    "$VENV/bin/python" -m pip install -q --disable-pip-version-check -e "$target" >&2
    printf '%s\n' "$want" >"$stamp"
}

install_desktop_entry() {
    # Lets the desktop's launcher (and a hotkey) start `steady now` from this checkout.
    "$VENV/bin/python" -m app.desktop_entry install --quiet >/dev/null 2>&1 || true
}

if [[ "$MODE" == test ]]; then
    ensure_apt_packages "${APT_RUN[@]}" "${APT_TEST[@]}"
    ensure_venv test
    export QT_QPA_PLATFORM=offscreen
    export PYTHONDONTWRITEBYTECODE=1
    exec "$VENV/bin/python" -m pytest "$@"
else
    ensure_apt_packages "${APT_RUN[@]}"
    ensure_venv ""
    install_desktop_entry
    exec "$VENV/bin/steady" "$@"
fi
