// The built-in defaults of a stack; obs.yaml overrides any of them.

/** The port of every listening socket of the stack, by service (agents have two). */
export const defaultPorts = {
  prometheus: 9090,
  alertmanager: 9093,
  grafana: 3000,
  loki: 3100,
  'loki-grpc': 9095,
  jaeger: 16686,
  'jaeger-otlp': 4318,
  zipkin: 9411,
  api: 8080,
  worker: 8081,
  postgres: 5432,
  redis: 6379,
  'node-exporter': 9100,
  'postgres-exporter': 9187,
  'redis-exporter': 9121,
  blackbox: 9115,
  'acapy-doctor': 8021,
  'acapy-doctor-inbound': 8020,
  'acapy-patient': 8031,
  'acapy-patient-inbound': 8030,
  'acapy-pharmacist': 8041,
  'acapy-pharmacist-inbound': 8040,
} as const;

export type PortName = keyof typeof defaultPorts;

/** The levels every service of ours logs at, lowest first. */
export const logLevels = ['debug', 'info', 'warning', 'error', 'critical'] as const;

export type LogLevel = (typeof logLevels)[number];
