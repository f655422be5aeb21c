#!/usr/bin/env bash
# Renders the HTML report of the Lâm Đồng 2024 fixture and takes a screenshot of it with
# headless Chromium (Debian's chromium package, installed here if it is missing), for the
# README: docs/images/lam-dong-2024.html and .png. Run from anywhere: bash docs/screenshot.sh
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v chromium >/dev/null; then
  apt-get update && apt-get install -y --no-install-recommends chromium fonts-dejavu-core
fi
[ -f dist/bundle/main.js ] || npm run build
out=docs/images
mkdir -p "$out"
./bin/tdbv summarize fixtures/lam-dong-2024.csv --by district --quiet --output "$out/lam-dong-2024.html"
profile=$(mktemp -d)
# The flags keep Chromium off the network (this machine has none) and out of the user's profile.
chromium --headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update \
  --disable-sync --no-first-run --user-data-dir="$profile" --hide-scrollbars --window-size=900,2400 \
  --screenshot="$PWD/$out/lam-dong-2024.png" "file://$PWD/$out/lam-dong-2024.html" 2>/dev/null
rm -rf "$profile"
echo "wrote $out/lam-dong-2024.html and $out/lam-dong-2024.png"
