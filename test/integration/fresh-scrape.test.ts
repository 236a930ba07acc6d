import { describe, expect, it } from 'vitest';

import { waitForFreshScrape } from '../../src/conformance/fresh-scrape.js';
import { freePort, startExposition, startPrometheus } from '../helpers/prometheus.js';

describe('waitForFreshScrape', () => {
  it('returns once a real Prometheus has scraped every target since the given time', async () => {
    const target = await startExposition();
    const prometheus = await startPrometheus({ api: target.target });
    try {
      const since = new Date();
      expect(await waitForFreshScrape(prometheus.url, since)).toBe(true);
      const answer = await fetch(`${prometheus.url}/api/v1/query?query=min(timestamp(up))`);
      const value = Number((await answer.json()).data.result[0].value[1]);
      expect(value * 1000).toBeGreaterThanOrEqual(since.getTime());
    } finally {
      await prometheus.stop();
      await target.close();
    }
  }, 30_000);

  it('gives up at once when Prometheus does not answer', async () => {
    const started = Date.now();
    expect(await waitForFreshScrape(`http://127.0.0.1:${await freePort()}`, new Date())).toBe(
      false,
    );
    expect(Date.now() - started).toBeLessThan(2000);
  });
});
