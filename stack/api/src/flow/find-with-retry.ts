// How long a webhook waits for the row it refers to: ACA-Py can answer the next agent faster
// than we store the exchange id that its first call returned.
const LOOKUP_ATTEMPTS = 15;
const LOOKUP_INTERVAL_MS = 200;

// Runs a lookup until it finds something or the attempts run out.
export async function findWithRetry<T>(
  lookup: () => Promise<T | undefined>,
): Promise<T | undefined> {
  for (let attempt = 1; ; attempt += 1) {
    const found = await lookup();
    if (found !== undefined || attempt >= LOOKUP_ATTEMPTS) return found;

    await new Promise((resolve) => setTimeout(resolve, LOOKUP_INTERVAL_MS));
  }
}
