import { readFileSync } from 'node:fs';
import path from 'node:path';

import { parse } from 'yaml';

import { packageRoot } from '../stack/paths.js';

/** One acceptance criterion of the user story, as kept in criteria.yaml. */
export interface Criterion {
  id: string;
  area: string;
  needs: string[];
  passes_when: string;
  /** How long its check may retry, when it needs longer than the run's default. */
  timeout_seconds?: number;
}

/** The criteria, in the order of the story. */
export function loadCriteria(): Criterion[] {
  const file = path.join(packageRoot, 'src', 'conformance', 'criteria.yaml');
  return (parse(readFileSync(file, 'utf8')) as { criteria: Criterion[] }).criteria;
}
