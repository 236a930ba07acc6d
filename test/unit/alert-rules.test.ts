import { readFileSync } from 'node:fs';
import path from 'node:path';

import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

import { packageRoot } from '../../src/stack/paths.js';

const rulesFile = path.join(packageRoot, 'stack', 'prometheus', 'rules', 'prescription-alerts.yml');
const testsFile = path.join(
  packageRoot,
  'stack',
  'prometheus',
  'tests',
  'prescription-alerts.test.yml',
);

interface Rule {
  alert?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

const alerts = (
  parse(readFileSync(rulesFile, 'utf8')) as { groups: Array<{ rules: Rule[] }> }
).groups
  .flatMap((group) => group.rules)
  .filter((rule) => rule.alert);

describe('the alert rules of the story', () => {
  it('each have a severity, a summary, a description and a runbook', () => {
    expect(alerts.length).toBe(9);
    for (const rule of alerts) {
      expect(['critical', 'warning'], rule.alert).toContain(rule.labels?.severity);
      for (const key of ['summary', 'description', 'runbook_url']) {
        expect(rule.annotations?.[key], `${rule.alert} ${key}`).toBeTruthy();
      }
    }
  });

  it('each have a promtool unit test that sees them fire and not fire', () => {
    const tests = parse(readFileSync(testsFile, 'utf8')) as {
      tests: Array<{ alert_rule_test: Array<{ alertname: string; exp_alerts: unknown[] }> }>;
    };
    const cases = tests.tests.flatMap((test) => test.alert_rule_test);
    for (const rule of alerts) {
      const own = cases.filter((c) => c.alertname === rule.alert);
      expect(
        own.some((c) => c.exp_alerts.length === 0),
        `${rule.alert} not firing`,
      ).toBe(true);
      expect(
        own.some((c) => c.exp_alerts.length > 0),
        `${rule.alert} firing`,
      ).toBe(true);
    }
  });

  it('behave as their tests say, in promtool', async () => {
    const result = await execa('promtool', ['test', 'rules', testsFile], { reject: false });
    expect(result.stdout + result.stderr).toContain('SUCCESS');
    expect(result.exitCode).toBe(0);
  });
});
