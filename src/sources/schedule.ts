/**
 * When to fetch a source next. Pure: time and randomness are passed in.
 *
 * - A healthy source comes back after the operator's interval, stretched (never shortened) by
 *   what the feed or server asks for (ttl, sy:updatePeriod, Cache-Control max-age), up to the
 *   operator's maximum.
 * - A failing source backs off exponentially from its interval, with ±10% jitter so sources that
 *   failed together do not return together, up to about a day; one success resets it.
 * - Retry-After (429/503) holds that source alone for at least what the server asked.
 */
export interface IntervalBounds {
  baseS: number;
  maxS: number;
}

export const BACKOFF_CEILING_S = 86_400;
/** A Retry-After beyond this is read as "much later", not as a week of silence. */
export const RETRY_AFTER_CEILING_S = 7 * 86_400;

/** The interval for a healthy source given the hints it sent. */
export function stretchedIntervalS(bounds: IntervalBounds, hintsS: Array<number | undefined>): number {
  const asked = Math.max(0, ...hintsS.filter((h): h is number => typeof h === "number" && h > 0));
  return Math.round(Math.min(bounds.maxS, Math.max(bounds.baseS, asked)));
}

/** Delay after the `errors`-th consecutive failure (errors ≥ 1). `random` in [0, 1). */
export function backoffS(intervalS: number, errors: number, random: number): number {
  const raw = intervalS * 2 ** Math.min(Math.max(errors, 1), 20);
  const capped = Math.min(BACKOFF_CEILING_S, raw);
  return Math.round(Math.min(BACKOFF_CEILING_S * 1.1, capped * (0.9 + 0.2 * random)));
}

/** Milliseconds a throttled source must wait: the server's Retry-After, else a backoff. */
export function throttleDelayMs(
  retryAfterMs: number | undefined,
  intervalS: number,
  errors: number,
  random: number,
): number {
  if (retryAfterMs !== undefined) return Math.min(retryAfterMs, RETRY_AFTER_CEILING_S * 1000);
  return backoffS(intervalS, errors, random) * 1000;
}
