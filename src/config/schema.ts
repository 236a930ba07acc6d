import { z } from 'zod';

import { defaultPorts, logLevels, type PortName } from './defaults.js';

const port = z
  .number({ error: 'expected a port number' })
  .int('expected a whole number')
  .min(1024, 'expected a port from 1024 to 65535')
  .max(65535, 'expected a port from 1024 to 65535');

const portNames = Object.keys(defaultPorts) as [PortName, ...PortName[]];

const portsShape = Object.fromEntries(portNames.map((name) => [name, port.optional()])) as {
  [K in PortName]: z.ZodOptional<typeof port>;
};

const stackName = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,30}$/, 'expected lower-case letters, digits and dashes, like "obs"');

// What obs.yaml may say. Every key is optional: the defaults fill the rest.
export const configFileSchema = z
  .object({
    stack: stackName.optional(),
    runtime: z.enum(['local', 'docker']).optional(),
    dataDir: z.string().min(1).optional(),
    ports: z.strictObject(portsShape).optional(),
    retention: z
      .strictObject({
        metricsDays: z.number().int().min(1).max(3650).optional(),
        logsDays: z
          .number()
          .int()
          .min(30, 'the policy keeps logs 30 to 90 days')
          .max(90, 'the policy keeps logs 30 to 90 days')
          .optional(),
      })
      .optional(),
    logLevels: z
      .strictObject({ api: z.enum(logLevels).optional(), worker: z.enum(logLevels).optional() })
      .optional(),
    disabled: z.array(z.string()).optional(),
    faultInjection: z.boolean().optional(),
    postgres: z
      .strictObject({
        user: z
          .string()
          .regex(/^[a-z_][a-z0-9_]*$/, 'expected a plain SQL name')
          .optional(),
        database: z
          .string()
          .regex(/^[a-z_][a-z0-9_]*$/, 'expected a plain SQL name')
          .optional(),
      })
      .optional(),
  })
  .strict();

export type ConfigFile = z.infer<typeof configFileSchema>;
