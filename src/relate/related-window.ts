import { wholeNumberVar } from "../config";

/** Hours two stories' publication times may lie apart and still be related (RELATED_WINDOW_HOURS). */
export const DEFAULT_RELATED_WINDOW_HOURS = 72;

/** The largest window accepted: a month of candidates is already more than an event lasts. */
const MAX_WINDOW_HOURS = 720;

/**
 * Reads RELATED_WINDOW_HOURS (72 by default): how far apart in time two reports of one event may
 * be published and still be shown as related coverage.
 */
export function readRelatedWindowHours(env: object): number {
  return wholeNumberVar(
    "RELATED_WINDOW_HOURS",
    (env as { RELATED_WINDOW_HOURS?: unknown }).RELATED_WINDOW_HOURS,
    {
      unset: DEFAULT_RELATED_WINDOW_HOURS,
      max: MAX_WINDOW_HOURS,
      unit: "hours",
    },
  );
}
