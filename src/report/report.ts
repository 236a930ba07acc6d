import chalk from 'chalk';

import type { Verdict } from '../conformance/verdict.js';

/** The counts of a run. */
export function summarize(verdicts: Verdict[]) {
  return {
    passed: verdicts.filter((v) => v.status === 'pass').length,
    failed: verdicts.filter((v) => v.status === 'fail').length,
    skipped: verdicts.filter((v) => v.status === 'skip').length,
  };
}

/** The JSON report: the summary, then every criterion with its status and detail. */
export function jsonReport(verdicts: Verdict[], verbose = false): string {
  const criteria = verdicts.map(({ id, status, detail, evidence }) =>
    verbose ? { id, status, detail, evidence } : { id, status, detail },
  );
  return JSON.stringify({ summary: summarize(verdicts), criteria }, null, 2);
}

const marks = { pass: chalk.green('pass'), fail: chalk.red('fail'), skip: chalk.yellow('skip') };

/** The table report: a line a criterion, then the summary. */
export function tableReport(verdicts: Verdict[]): string {
  const width = Math.max(...verdicts.map((v) => v.id.length));
  const lines = verdicts.map(
    (v) => `${marks[v.status]}  ${v.id.padEnd(width)}  ${chalk.dim(v.detail)}`,
  );
  const { passed, failed, skipped } = summarize(verdicts);
  return [...lines, '', `${passed} passed, ${failed} failed, ${skipped} skipped`].join('\n');
}
