#!/usr/bin/env bash
# Sets up what the tests need (the local runtime's programs, npm packages, the build), then runs
# the formatter and linter, the unit and integration tests, and the end-to-end test.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup-local.sh
npx prettier --check . >/dev/null || { echo "Formatting differs: run npm run format" >&2; exit 1; }
npx eslint .
npx vitest run --project unit
npx vitest run --project e2e
