#!/usr/bin/env bash
# Sets up what the tests need (the local runtime's programs, npm packages, the build), then runs
# the formatter, linter and type checker, the unit and integration tests, and the end-to-end test,
# and ends with one line counting them all.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup-local.sh
npx prettier --check . >/dev/null || { echo "Formatting differs: run npm run format" >&2; exit 1; }
npx eslint .
npx tsc -p tsconfig.test.json

results=$(mktemp -d)
status=0
npx vitest run --project unit --reporter=default --reporter=json --outputFile="$results/unit.json" || status=1
npx vitest run --project e2e --reporter=default --reporter=json --outputFile="$results/e2e.json" || status=1
node -e '
  const files = process.argv.slice(1).filter((f) => require("fs").existsSync(f));
  const runs = files.map((f) => JSON.parse(require("fs").readFileSync(f, "utf8")));
  const sum = (key) => runs.reduce((n, r) => n + r[key], 0);
  console.log(`${sum("numPassedTests")} passed, ${sum("numFailedTests")} failed, ${sum("numPendingTests")} skipped`);
' "$results/unit.json" "$results/e2e.json"
rm -rf "$results"
exit $status
