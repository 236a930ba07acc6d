#!/usr/bin/env node
// obs' entry point. `--version` answers before oclif loads, so a cold start stays cheap.
import { readFileSync } from 'node:fs';

// A reader that goes away (`obs up | head`) must not stop obs halfway through its work.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code !== 'EPIPE') throw error;
  });
}

const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-v')) {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  process.stdout.write(
    `obs/${pkg.version} ${process.platform}-${process.arch} node-${process.version}\n`,
  );
} else {
  const { execute } = await import('@oclif/core');
  await execute({ dir: import.meta.url });
}
