#!/usr/bin/env bash
# Build the PyInstaller bundle (dist/AppealDesk) from appealdesk.spec, run its --self-test and print its
# size, raw and compressed. Exits non-zero when the build or the self-test fails, so that a data file
# missing from the bundle breaks CI and not a user's PC.
#
#     scripts/build_bundle.sh            # needs: python -m pip install -e ".[build]"
set -euo pipefail
cd "$(dirname "$0")/.."
PY="${PYTHON:-python}"

echo "== PyInstaller bundle (appealdesk.spec)"
"$PY" -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath dist --workpath build/pyinstaller appealdesk.spec

BUNDLE=dist/AppealDesk
EXE="$BUNDLE/AppealDesk"
[ -x "$EXE" ] || EXE="$BUNDLE/AppealDesk.exe"

echo "== self-test of the bundle"
# a throwaway home: the self-test must not need (or touch) the user's data folder
HOME_DIR="$(mktemp -d)"
trap 'rm -rf "$HOME_DIR"' EXIT
APPEALDESK_HOME="$HOME_DIR" QT_QPA_PLATFORM=offscreen "$EXE" --self-test --report dist/selftest.txt

echo "== size"
"$PY" scripts/measure_bundle.py --size-only "$BUNDLE"
