# Shared setup for scripts/run and scripts/test. Sourced, not run.
# Installs what Briefing needs, only when it is missing: Debian/Ubuntu system
# packages (when root, or through sudo) and a project virtualenv in .venv.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${BRIEFING_VENV:-$ROOT/.venv}"
PY="${PYTHON:-python3}"

say() { printf '==> %s\n' "$*" >&2; }

# apt_ensure PKG... : install the Debian packages that are not installed yet.
apt_ensure() {
  command -v dpkg-query >/dev/null 2>&1 || { say "not Debian/Ubuntu: install by hand: $*"; return 0; }
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo="sudo"; else
      say "missing system packages (need root to install): ${missing[*]}"; return 0
    fi
  fi
  say "installing system packages: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# Qt's runtime libraries for the offscreen and xcb platforms.
QT_PACKAGES=(libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3 libglib2.0-0
  libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-xinerama0 libxcb-randr0
  libxcb-render-util0 libxcb-image0)

venv_ensure() {  # venv_ensure EXTRAS
  local extras="$1"
  "$PY" -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { say "Python 3.11 or newer is required"; exit 2; }
  if [ ! -x "$VENV/bin/python" ]; then
    "$PY" -m venv "$VENV" 2>/dev/null || { apt_ensure python3-venv; "$PY" -m venv "$VENV"; }
  fi
  say "installing Briefing into $(basename "$VENV") ($extras)"
  "$VENV/bin/python" -m pip install -q --disable-pip-version-check --upgrade pip >/dev/null 2>&1 || true
  PYTHONWARNINGS=ignore "$VENV/bin/python" -m pip install -q --disable-pip-version-check -e "$ROOT[$extras]" 2>&1 \
    | grep -v -e "^WARNING: Location" -e "is ignored: it is neither" || true
  "$VENV/bin/python" -c "import briefing" || { say "installation failed"; exit 1; }
}

# venv_upgrade_all EXTRAS: every dependency of Briefing (and of EXTRAS) at its newest release,
# whatever pyproject.toml's ranges say; then list what is now outside those ranges.
venv_upgrade_all() {
  local extras="$1" names
  names="$("$VENV/bin/python" "$ROOT/scripts/dependency_names.py" "$ROOT/pyproject.toml" "$extras")"
  say "upgrading to the newest releases: $names"
  PYTHONWARNINGS=ignore "$VENV/bin/python" -m pip install -q --disable-pip-version-check --upgrade $names 2>&1 \
    | grep -v -e "^WARNING: Location" -e "is ignored: it is neither" -e "dependency resolver does not currently" || true
  say "newer than pyproject.toml allows (pip check):"
  "$VENV/bin/python" -m pip check 2>&1 | sed 's/^/    /' >&2 || true
}

# Fonts the exports are measured and rendered with: metric twins of Arial,
# Times and Courier (Liberation), Calibri (Carlito) and Cambria (Caladea), CJK
# coverage (Noto CJK, which the PDF style sheets name), and DejaVu, fontconfig's
# own fallback that Qt and LibreOffice use for anything else. Without them
# LibreOffice renders with other widths than the deck was measured with, and the
# render tests see overlaps that are not there.
FONT_PACKAGES=(fonts-noto-color-emoji fonts-liberation2 fonts-crosextra-carlito fonts-crosextra-caladea fonts-noto-cjk fonts-dejavu-core fonts-symbola fontconfig)

# fonts_ensure: install the fonts and refresh fontconfig's cache when any was missing,
# so that a LibreOffice or Qt started right after sees them.
fonts_ensure() {
  local before after
  before="$(dpkg-query -W -f='${Status}\n' "${FONT_PACKAGES[@]}" 2>/dev/null | grep -c "install ok installed" || true)"
  apt_ensure "${FONT_PACKAGES[@]}"
  after="$(dpkg-query -W -f='${Status}\n' "${FONT_PACKAGES[@]}" 2>/dev/null | grep -c "install ok installed" || true)"
  if [ "$before" != "$after" ] && command -v fc-cache >/dev/null 2>&1; then
    say "refreshing the font cache"
    fc-cache -f >/dev/null 2>&1 || true
  fi
}

# A real X display for the app's screenshots and manual runs: a virtual framebuffer, a window
# manager, keyboard/mouse driving and a screenshot tool (scripts/screenshots).
DESKTOP_PACKAGES=(xvfb xauth openbox xdotool imagemagick x11-utils)
