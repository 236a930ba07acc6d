#!/usr/bin/env bash
# Installs what the local runtime needs: Debian's Prometheus family, PostgreSQL and Redis, and a
# Python virtual environment with ACA-Py. Idempotent, and quick when everything is there.
set -euo pipefail

ACAPY_VERSION=0.12.8
VENV=${OBS_VENV:-${XDG_DATA_HOME:-$HOME/.local/share}/obs/venv}
packages=(prometheus prometheus-alertmanager prometheus-blackbox-exporter prometheus-node-exporter
  prometheus-postgres-exporter prometheus-redis-exporter postgresql redis-server docker-compose)

say() { printf '%s\n' "$*" >&2; }

missing=()
for pkg in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  say "Installing Debian packages: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if ! "$VENV/bin/aca-py" --version 2>/dev/null | grep -q "$ACAPY_VERSION"; then
  say "Installing ACA-Py $ACAPY_VERSION into $VENV"
  mkdir -p "$(dirname "$VENV")"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q --disable-pip-version-check "aries-cloudagent[askar]==$ACAPY_VERSION"
fi

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "Installing npm packages"
  npm ci --no-audit --no-fund --loglevel=error
fi
say "Building obs"
npm run build --silent
say "Set up: $(./bin/run.js --version)"
