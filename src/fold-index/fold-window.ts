import { ConfigError } from "../config";

/** Candidate window settings (FOLD_WINDOW_DAYS). */
export interface FoldOptions {
  windowDays: number;
}

export const DEFAULT_FOLD_OPTIONS: FoldOptions = { windowDays: 14 };

/** The start of the candidate window: stories first stored before it are no longer candidates. */
export function windowStart(now: string, windowDays: number): string {
  return new Date(Date.parse(now) - windowDays * 86_400_000).toISOString();
}

/** The largest window accepted: a year of candidates is already more than one index should scan. */
const MAX_WINDOW_DAYS = 365;

/**
 * Reads FOLD_WINDOW_DAYS (how many days a story stays a candidate for near-duplicate and summary
 * folding; 14 by default). Exact, URL and id matches do not expire.
 */
export function readFoldOptions(env: object): FoldOptions {
  const raw = (env as { FOLD_WINDOW_DAYS?: unknown }).FOLD_WINDOW_DAYS;
  if (raw === undefined || raw === "") return DEFAULT_FOLD_OPTIONS;
  const days = Number(raw);
  if (typeof raw !== "string" || !Number.isInteger(days) || days < 1 || days > MAX_WINDOW_DAYS) {
    throw new ConfigError(
      "FOLD_WINDOW_DAYS",
      `must be a whole number of days from 1 to ${MAX_WINDOW_DAYS}, not ${JSON.stringify(raw)}; set it in wrangler.toml [vars]`,
    );
  }
  return { windowDays: days };
}
