import { ConfigError } from "../config";

/** Hours two stories' publication times may lie apart and still be related (RELATED_WINDOW_HOURS). */
export const DEFAULT_RELATED_WINDOW_HOURS = 72;

/** The largest window accepted: a month of candidates is already more than an event lasts. */
const MAX_WINDOW_HOURS = 720;

/**
 * Reads RELATED_WINDOW_HOURS (72 by default): how far apart in time two reports of one event may
 * be published and still be shown as related coverage.
 */
export function readRelatedWindowHours(env: object): number {
  const raw = (env as { RELATED_WINDOW_HOURS?: unknown }).RELATED_WINDOW_HOURS;
  if (raw === undefined || raw === "") return DEFAULT_RELATED_WINDOW_HOURS;
  const hours = Number(raw);
  if (typeof raw !== "string" || !Number.isInteger(hours) || hours < 1 || hours > MAX_WINDOW_HOURS) {
    throw new ConfigError(
      "RELATED_WINDOW_HOURS",
      `must be a whole number of hours from 1 to ${MAX_WINDOW_HOURS}, not ${JSON.stringify(raw)}; set it in wrangler.toml [vars]`,
    );
  }
  return hours;
}
