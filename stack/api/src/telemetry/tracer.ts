import {
  context,
  propagation,
  trace,
  type Context,
  type Span,
  type SpanOptions,
  SpanStatusCode,
} from '@opentelemetry/api';

// The tracer every module of our services creates its own spans with.
export const tracer = trace.getTracer('obs-prescription-system');

// The outcome recorded on every operation span, and used as a metric label.
export type Outcome = 'success' | 'failure';

// Runs fn in a new active span that ends with fn, marked with its outcome.
// Errors keep only their type on the span: their messages may echo an agent's response body.
export async function inSpan<T>(
  name: string,
  attributes: Record<string, string | number | boolean>,
  fn: (span: Span) => Promise<T>,
  options: SpanOptions = {},
): Promise<T> {
  return tracer.startActiveSpan(name, { ...options, attributes }, async (span) => {
    try {
      const value = await fn(span);
      if (span.isRecording() && !spanHasOutcome.has(span)) markOutcome(span, 'success');
      return value;
    } catch (err) {
      markOutcome(span, 'failure', err instanceof Error ? err.name : 'error');
      throw err;
    } finally {
      spanHasOutcome.delete(span);
      span.end();
    }
  });
}

const spanHasOutcome = new WeakSet<Span>();

// Records an operation's outcome on its span; a failure also sets the span status to error.
export function markOutcome(span: Span, outcome: Outcome, reason?: string): void {
  spanHasOutcome.add(span);
  span.setAttribute('outcome', outcome);
  if (outcome === 'failure') {
    span.setStatus({ code: SpanStatusCode.ERROR, message: reason ?? 'failed' });
    if (reason) span.setAttribute('failure.reason', reason);
  }
}

// The W3C trace context of a context, as a plain object to store in a job or a row.
export function toCarrier(from: Context = context.active()): Record<string, string> {
  const carrier: Record<string, string> = {};
  propagation.inject(from, carrier);
  return carrier;
}

// The context a stored carrier describes, so later work joins the trace that caused it.
export function fromCarrier(carrier: Record<string, string>): Context {
  return propagation.extract(context.active(), carrier);
}
