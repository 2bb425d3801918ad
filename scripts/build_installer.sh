#!/usr/bin/env bash
# Compile the NSIS installer (installer/appealdesk.nsi) against the bundle in dist/AppealDesk.
# On Linux this checks the script's syntax and makes an installer of the Linux bundle (not for use);
# on Windows (Git Bash, or the workflow) it makes the real AppealDesk-<version>-setup.exe.
#
#     scripts/build_bundle.sh && scripts/build_installer.sh      # needs makensis (apt-get install nsis)
set -euo pipefail
cd "$(dirname "$0")/.."
PY="${PYTHON:-python}"
BUNDLE="${1:-dist/AppealDesk}"
[ -d "$BUNDLE" ] || { echo "no bundle at $BUNDLE: run scripts/build_bundle.sh first" >&2; exit 1; }
VERSION="$("$PY" -c 'import appealdesk; print(appealdesk.__version__)')"
OUT="dist/AppealDesk-$VERSION-setup.exe"
abs() { (cd "$(dirname "$1")" && echo "$(pwd)/$(basename "$1")"); }

FAST=()
# NSIS_FAST=1: zlib instead of solid LZMA (a syntax check in CI in seconds, not a release build)
if [ "${NSIS_FAST:-0}" = "1" ]; then FAST=("-DNSIS_FAST"); fi

echo "== NSIS installer ($OUT)"
makensis -V2 -WX "${FAST[@]}" \
    "-DVERSION=$VERSION" "-DBUNDLE=$(abs "$BUNDLE")" "-DOUTFILE=$(abs dist)/$(basename "$OUT")" \
    "-DICON=$(abs resources/icons/appealdesk.ico)" installer/appealdesk.nsi
ls -l "$OUT" | awk '{printf "installer: %s, %.1f MB\n", $9, $5 / 1048576}'
