// The label of a request that matched no route, so scanners cannot mint new series.
export const UNMATCHED_ENDPOINT = 'unmatched';

// HTTP methods kept as their own label value; anything else is counted as "other".
const KNOWN_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

// The endpoint label of a request: its route template (/prescriptions/:id), never the raw path.
export function endpointLabel(routeTemplate: string | undefined): string {
  if (routeTemplate === undefined || routeTemplate === '' || routeTemplate === '*') {
    return UNMATCHED_ENDPOINT;
  }

  return routeTemplate;
}

// The method label, bounded to the standard methods.
export function methodLabel(method: string): string {
  const upper = method.toUpperCase();
  return KNOWN_METHODS.has(upper) ? upper : 'OTHER';
}

// The status label: the numeric code as a string (200, 404, 503).
export function statusLabel(statusCode: number): string {
  return Number.isInteger(statusCode) && statusCode >= 100 && statusCode < 600
    ? String(statusCode)
    : 'unknown';
}
