// The exact official images the Docker runtime uses, pinned; one place to move a version.
export const images = {
  prometheus: 'prom/prometheus:v3.5.0',
  alertmanager: 'prom/alertmanager:v0.28.1',
  grafana: 'grafana/grafana:12.1.1',
  loki: 'grafana/loki:3.5.3',
  jaeger: 'jaegertracing/jaeger:2.9.0',
  acapy: 'ghcr.io/openwallet-foundation/acapy-agent:py3.12-1.2.4',
  postgres: 'postgres:15.14-bookworm',
  redis: 'redis:7.4.5-bookworm',
  nodeExporter: 'prom/node-exporter:v1.9.1',
  postgresExporter: 'prometheuscommunity/postgres-exporter:v0.17.1',
  redisExporter: 'oliver006/redis_exporter:v1.75.0',
  blackbox: 'prom/blackbox-exporter:v0.27.0',
  api: 'obs/prescription-api:0.1.0',
} as const;
