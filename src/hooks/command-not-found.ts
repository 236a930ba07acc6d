import type { Hook } from '@oclif/core';

import { ExitCode } from '../errors.js';

// An unknown command is a usage error that says which commands there are.
const hook: Hook.CommandNotFound = async function (options) {
  const commands = options.config.commandIDs.sort().join(', ');
  process.stderr.write(
    `✖ obs has no command "${options.id.replaceAll(':', ' ')}"; its commands are ${commands}\n`,
  );
  process.stderr.write(`Try this: obs --help\n`);
  process.exit(ExitCode.usage);
};

export default hook;
