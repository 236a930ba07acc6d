import { PrometheusClient } from '../clients/prometheus.js';

/**
 * Waits until Prometheus has scraped every target since `since`, so the checks read the stack
 * as it is now, not as it was one scrape ago (just after a seed, the last flows would be
 * missing). Gives up quietly after `timeoutMs`, or at once when Prometheus does not answer: the
 * checks then say what is wrong.
 */
export async function waitForFreshScrape(
  prometheusUrl: string,
  since: Date,
  timeoutMs = 15_000,
): Promise<boolean> {
  const client = new PrometheusClient(prometheusUrl);
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const [oldest] = await client.query('min(timestamp(up))');
      if (oldest && oldest.value * 1000 >= since.getTime()) return true;
    } catch {
      return false;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return false;
}
