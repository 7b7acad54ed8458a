#!/usr/bin/env bash
# Prepare the project's virtualenv (.venv) with Odoo 18.0 and every Python
# package the add-ons use. Idempotent: a second run only checks the stamp.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PY="${PYTHON:-python3}"
VENV="$ROOT/.venv"
LOCAL="$ROOT/.local"
NIGHTLY_URL="${ODOO_NIGHTLY_URL:-https://nightly.odoo.com/18.0/nightly/src/odoo_18.0.latest.tar.gz}"
mkdir -p "$LOCAL"

say() { printf '[setup] %s\n' "$*" >&2; }
die() { printf '%s\n' "$*" >&2; exit 1; }
hint="Odoo 18.0 not found: set ODOO_SOURCE to an Odoo 18.0 source tree, source archive or URL (e.g. ODOO_SOURCE=/path/to/odoo-18.0 make test)."

is_odoo18_tree() { [ -f "$1/odoo/release.py" ] && grep -q "^version_info = (18, 0" "$1/odoo/release.py"; }

unpack_archive() {  # $1 archive file -> prints tree path
    local archive="$1" dest="$LOCAL/odoo-src"
    rm -rf "$dest.tmp" && mkdir -p "$dest.tmp"
    case "$archive" in
        *.zip) "$PY" -m zipfile -e "$archive" "$dest.tmp" >&2 ;;
        *) tar -xf "$archive" -C "$dest.tmp" ;;
    esac
    local release
    release="$(find "$dest.tmp" -maxdepth 3 -path '*/odoo/release.py' | head -n1)"
    [ -n "$release" ] || die "$hint"
    rm -rf "$dest" && mv "$(dirname "$(dirname "$release")")" "$dest" && rm -rf "$dest.tmp"
    echo "$dest"
}

locate_odoo() {
    local src
    # 1. an Odoo 18.0 the machine's python3 already imports
    src="$("$PY" - <<'PYEOF' 2>/dev/null || true
import os, odoo
from odoo import release
if release.version_info[:2] == (18, 0):
    print(os.path.dirname(os.path.dirname(os.path.abspath(odoo.__file__))))
PYEOF
)"
    if [ -n "$src" ]; then echo "import:$src"; return; fi
    # 2. ODOO_SOURCE: a tree, an archive or a URL
    if [ -n "${ODOO_SOURCE:-}" ]; then
        if [ -d "$ODOO_SOURCE" ]; then
            is_odoo18_tree "$ODOO_SOURCE" || die "ODOO_SOURCE=$ODOO_SOURCE is not an Odoo 18.0 source tree. $hint"
            echo "tree:$(cd "$ODOO_SOURCE" && pwd)"; return
        elif [ -f "$ODOO_SOURCE" ]; then
            echo "tree:$(unpack_archive "$(cd "$(dirname "$ODOO_SOURCE")" && pwd)/$(basename "$ODOO_SOURCE")")"; return
        elif [[ "$ODOO_SOURCE" =~ ^https?:// ]]; then
            say "downloading $ODOO_SOURCE"
            curl -fsSL --retry 2 -o "$LOCAL/odoo-src.archive" "$ODOO_SOURCE" || die "Cannot download ODOO_SOURCE. $hint"
            echo "tree:$(unpack_archive "$LOCAL/odoo-src.archive")"; return
        fi
        die "ODOO_SOURCE=$ODOO_SOURCE is neither a directory, an archive nor a URL. $hint"
    fi
    # 3. the conventional server location
    if is_odoo18_tree /opt/odoo/18.0; then echo "tree:/opt/odoo/18.0"; return; fi
    # 4. an earlier download/unpack of this project
    if is_odoo18_tree "$LOCAL/odoo-src"; then echo "tree:$LOCAL/odoo-src"; return; fi
    # 5. Odoo's official nightly source archive
    say "downloading the Odoo 18.0 nightly source archive"
    if curl -fsSL --retry 2 --connect-timeout 20 -o "$LOCAL/odoo-src.tar.gz" "$NIGHTLY_URL" 2>/dev/null; then
        echo "tree:$(unpack_archive "$LOCAL/odoo-src.tar.gz")"; return
    fi
    die "$hint"
}

found="$(locate_odoo)"
ODOO_TREE="${found#*:}"
is_odoo18_tree "$ODOO_TREE" || die "$hint"

stamp_input="$ODOO_TREE|$(cat requirements.txt requirements-dev.txt constraints.txt scripts/setup.sh | sha1sum)"
if [ -f "$VENV/.dealer-setup" ] && [ "$(cat "$VENV/.dealer-setup")" = "$stamp_input" ] \
        && "$VENV/bin/python" -c "import odoo" 2>/dev/null; then
    exit 0
fi

say "Odoo 18.0 source: $ODOO_TREE"
[ -x "$VENV/bin/python" ] || "$PY" -m venv "$VENV"
PIP=("$VENV/bin/python" -m pip --disable-pip-version-check -q)
"${PIP[@]}" install -U "pip<26.2" wheel >&2
# Odoo's own pins, minus what a dealer platform never uses (LDAP); the
# constraints file replaces pins whose sdists no longer build on Python 3.11.
overridden="$(sed -nE 's/^([A-Za-z0-9_.-]+)==.*/\1/p' constraints.txt | grep -vix setuptools | paste -sd'|')"
grep -viE "^\s*(python-ldap|${overridden})\b" "$ODOO_TREE/requirements.txt" > "$LOCAL/odoo-requirements.txt"
sed -nE 's/^([A-Za-z0-9_.-]+)==.*/\1/p' constraints.txt | grep -vix setuptools >> "$LOCAL/odoo-requirements.txt"
say "installing Odoo's requirements (first run takes a few minutes)"
PIP_CONSTRAINT="$ROOT/constraints.txt" "${PIP[@]}" install -r "$LOCAL/odoo-requirements.txt" -c constraints.txt >&2
PIP_CONSTRAINT="$ROOT/constraints.txt" "${PIP[@]}" install -r requirements.txt -r requirements-dev.txt -c constraints.txt >&2
# Odoo is used in place (never copied): a .pth makes it importable from the venv.
site="$("$VENV/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')"
echo "$ODOO_TREE" > "$site/odoo-source.pth"
"$VENV/bin/python" -c "import odoo.release as r; assert r.version_info[:2] == (18, 0)" || die "$hint"

# System packages, from Debian where we may (as root): headless Chromium for the
# browser tests (tours), wkhtmltopdf for Odoo's PDF documents (invoices, orders;
# without it the dealer portal shows them as web pages), a Chinese font.
apt_updated=""
system_package() {  # package command purpose
    command -v "$2" >/dev/null && return 0
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        say "installing $1 for $3"
        if [ -z "$apt_updated" ]; then apt-get update -qq >&2 && apt_updated=1; fi
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$1" >&2 \
            || say "WARNING: $1 could not be installed; $3 will not work"
    else
        say "WARNING: no $2 found (Debian: apt-get install $1); $3 will not work"
    fi
}
if ! command -v chromium-browser >/dev/null && ! command -v google-chrome >/dev/null; then
    system_package chromium chromium "the browser tests"
fi
system_package wkhtmltopdf wkhtmltopdf "PDF documents"
# A Chinese font: without one, PDFs and browser pages print Chinese as empty boxes.
if command -v fc-list >/dev/null && [ -z "$(fc-list :lang=zh 2>/dev/null)" ]; then
    system_package fonts-wqy-microhei no-command-for-a-font "Chinese text in PDFs"
fi
echo "$stamp_input" > "$VENV/.dealer-setup"
say "ready"
