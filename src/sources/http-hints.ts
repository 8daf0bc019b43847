/**
 * What a server says about when to come back: Retry-After (RFC 9110 §10.2.3: seconds or an
 * HTTP-date) and Cache-Control max-age. Tolerant: anything unusable is undefined.
 */

/** Milliseconds to wait, from a Retry-After value; undefined when absent or unusable. */
export function parseRetryAfter(value: string | null | undefined, now: number): number | undefined {
  if (!value) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}

/** Seconds from `Cache-Control: max-age=N`; undefined without one or with no-store/no-cache. */
export function parseCacheMaxAge(value: string | null | undefined): number | undefined {
  if (!value) return undefined;
  const m = /(?:^|[,\s])max-age\s*=\s*"?(\d+)"?/i.exec(value);
  return m ? Number(m[1]) : undefined;
}
