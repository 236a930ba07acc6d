import { ObsError } from '../errors.js';

/** GETs or POSTs JSON with a timeout; a failure names the URL and keeps the cause. */
export async function fetchJson<T>(
  url: string,
  init: RequestInit & { timeoutMs?: number } = {},
): Promise<T> {
  const { timeoutMs = 10_000, ...rest } = init;
  let response: Response;
  try {
    response = await fetch(url, { ...rest, signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    throw new ObsError('REQUEST_FAILED', `no answer from ${redactUrl(url)}`, { cause: error });
  }
  const text = await response.text();
  if (!response.ok) {
    throw new ObsError(
      'REQUEST_FAILED',
      `${redactUrl(url)} answered ${response.status}: ${text.slice(0, 300)}`,
    );
  }
  try {
    return JSON.parse(text) as T;
  } catch (error) {
    throw new ObsError(
      'REQUEST_FAILED',
      `${redactUrl(url)} answered with something other than JSON`,
      {
        cause: error,
      },
    );
  }
}

// Credentials and query strings in a URL never reach a message.
function redactUrl(url: string): string {
  return url.replace(/\/\/[^/@]+@/, '//***@').replace(/\?.*$/, '');
}
