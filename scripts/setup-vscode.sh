#!/usr/bin/env bash
# Installs the real VS Code (code-server 4.100.3, bundling VS Code 1.100.3) for offline use.
# Why this dance: code-server's own postinstall refuses root and downloads ripgrep from GitHub,
# which fails on machines with only the npm registry and Debian packages reachable.
# Idempotent: the install is cached under $ROADMAP_LENS_CACHE (default ~/.cache/roadmap-lens).
set -euo pipefail

VERSION=4.100.3
CACHE="${ROADMAP_LENS_CACHE:-$HOME/.cache/roadmap-lens}"
DIR="$CACHE/code-server-$VERSION"
BIN="$DIR/node_modules/code-server/out/node/entry.js"
STAMP="$DIR/.installed"

need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
command -v rg >/dev/null 2>&1 || need_apt+=(ripgrep)
dpkg -s libkrb5-dev >/dev/null 2>&1 || need_apt+=(libkrb5-dev)
command -v git >/dev/null 2>&1 || need_apt+=(git)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "setup-vscode: installing Debian packages: ${need_apt[*]}"
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

if [ -f "$STAMP" ] && [ -f "$BIN" ]; then
  echo "setup-vscode: code-server $VERSION already installed in $DIR"
  exit 0
fi

echo "setup-vscode: installing code-server $VERSION into $DIR (about a minute)"
rm -rf "$DIR"
mkdir -p "$DIR"
cd "$DIR"
echo '{"name":"code-server-cache","private":true}' > package.json
npm install --no-audit --no-fund --ignore-scripts "code-server@$VERSION" >/dev/null
npm rebuild argon2 >/dev/null

VS="$DIR/node_modules/code-server/lib/vscode"
cd "$VS"
npm install --no-audit --no-fund --omit=dev --ignore-scripts >/dev/null
npm rebuild @vscode/spdlog native-watchdog @vscode/deviceid >/dev/null
mkdir -p node_modules/@vscode/ripgrep/bin
cp "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
ln -sfn node_modules node_modules.asar
cd extensions
npm install --no-audit --no-fund --omit=dev --ignore-scripts >/dev/null

node "$BIN" --version
touch "$STAMP"
echo "setup-vscode: done"
