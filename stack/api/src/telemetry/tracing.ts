import { ZipkinExporter } from '@opentelemetry/exporter-zipkin';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { IORedisInstrumentation } from '@opentelemetry/instrumentation-ioredis';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import type { IncomingMessage } from 'node:http';

// Paths probed by Prometheus and health checkers; tracing them would bury the real traces.
const UNTRACED_PATHS = new Set(['/metrics', '/health', '/ready']);

// Options for one service's tracer.
export interface TracingOptions {
  service: string;
  tracesUrl: string | undefined;
}

// A started tracer; shutdown flushes the spans still in the batch.
export interface Tracing {
  shutdown(): Promise<void>;
}

// Starts tracing (http, undici, pg and ioredis spans), exporting to Zipkin when a URL is set.
// It must run before fastify, pg and ioredis are imported: entry points import the app after it.
export function startTracing(options: TracingOptions): Tracing {
  const spanProcessors = options.tracesUrl
    ? [
        new BatchSpanProcessor(
          new ZipkinExporter({ url: options.tracesUrl, serviceName: options.service }),
          { scheduledDelayMillis: 1000 },
        ),
      ]
    : [];
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: options.service }),
    spanProcessors,
  });
  provider.register();

  const unregister = registerInstrumentations({
    tracerProvider: provider,
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (request: IncomingMessage) =>
          UNTRACED_PATHS.has((request.url ?? '').split('?')[0] ?? ''),
        headersToSpanAttributes: { server: { requestHeaders: ['x-correlation-id'] } },
      }),
      new UndiciInstrumentation(),
      new PgInstrumentation({ enhancedDatabaseReporting: false, requireParentSpan: true }),
      new IORedisInstrumentation({ requireParentSpan: true }),
    ],
  });

  return {
    async shutdown() {
      unregister();
      await provider.shutdown();
    },
  };
}
