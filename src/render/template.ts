import { readFileSync } from 'node:fs';
import path from 'node:path';

import { packageRoot } from '../stack/paths.js';

/** Fills `${name}` placeholders of a file under templates/; a placeholder left unfilled throws. */
export function fillTemplate(name: string, values: Record<string, string | number>): string {
  const text = readFileSync(path.join(packageRoot, 'templates', name), 'utf8');
  return text.replace(/\$\{(\w+)\}/g, (_, key: string) => {
    if (!(key in values)) throw new Error(`template ${name} needs a value for \${${key}}`);
    return String(values[key]);
  });
}
