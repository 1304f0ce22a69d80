#!/bin/sh
# Check (and, as root on Debian/Ubuntu, install) the system libraries the build needs.
#   scripts/system-deps.sh build   Pango >= 1.44 and HarfBuzz's subsetter, for WeasyPrint
#   scripts/system-deps.sh test    the same, plus Java (EPUBCheck), poppler-utils (pdftotext, pdffonts),
#                                  Node.js, npm and Chromium (Ace by DAISY runs in the browser), and
#                                  chromedriver (Selenium opens the web edition in the same Chromium)
# Without libharfbuzz-subset WeasyPrint falls back to subsetting the CJK fonts
# in Python, and a PDF of the default book takes ~14 s instead of well under 1 s.
set -eu
need=${1:-build}

missing=""
have_lib() { ldconfig -p 2>/dev/null | grep -q "$1"; }
have_lib 'libpango-1.0.so.0' || missing="$missing libpango-1.0-0"
have_lib 'libpangoft2-1.0.so.0' || missing="$missing libpangoft2-1.0-0"
have_lib 'libharfbuzz-subset.so.0' || missing="$missing libharfbuzz-subset0"
python3 -c 'import ensurepip, venv' 2>/dev/null || missing="$missing python3-venv"
if [ "$need" = test ]; then
    command -v java >/dev/null 2>&1 || missing="$missing default-jre-headless"
    command -v pdftotext >/dev/null 2>&1 || missing="$missing poppler-utils"
    command -v node >/dev/null 2>&1 || missing="$missing nodejs"
    command -v npm >/dev/null 2>&1 || missing="$missing npm"
    command -v chromium >/dev/null 2>&1 || missing="$missing chromium"
    command -v chromedriver >/dev/null 2>&1 || missing="$missing chromium-driver"
fi

if [ -n "$missing" ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        echo "installing system packages:$missing" >&2
        apt-get update -qq >/dev/null
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
    else
        echo "error: missing system packages:$missing" >&2
        echo "install them with:  sudo apt-get install$missing" >&2
        exit 1
    fi
fi

if [ "$need" = test ]; then
    node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
    if [ "$node_major" -lt 20 ]; then
        echo "warning: Node.js $(node --version 2>/dev/null) is older than the 20 Ace by DAISY is made for" >&2
    fi
fi

version=$(python3 - <<'PY'
import ctypes
pango = ctypes.CDLL("libpango-1.0.so.0")
pango.pango_version_string.restype = ctypes.c_char_p
print(pango.pango_version_string().decode())
PY
)
case "$version" in
    1.4[4-9]*|1.[5-9]*|[2-9].*) ;;
    *) echo "error: Pango $version is too old; WeasyPrint needs Pango 1.44 or newer" >&2; exit 1 ;;
esac
