import { register } from 'node:module';

// ioredis is imported as an ES module, which require hooks never see; this ESM hook lets
// its OpenTelemetry instrumentation patch it. Only ioredis is wrapped, to keep startup cheap.
export function registerInstrumentationHooks(): void {
  register('@opentelemetry/instrumentation/hook.mjs', import.meta.url, {
    data: { include: ['ioredis'] },
  });
}
