import { DEFAULT_FOLD_WINDOW_DAYS, type RawSettings, readConfig } from "../config";

/** Candidate window settings (FOLD_WINDOW_DAYS). */
export interface FoldOptions {
  windowDays: number;
}

export const DEFAULT_FOLD_OPTIONS: FoldOptions = { windowDays: DEFAULT_FOLD_WINDOW_DAYS };

/** The start of the candidate window: stories first stored before it are no longer candidates. */
export function windowStart(now: string, windowDays: number): string {
  return new Date(Date.parse(now) - windowDays * 86_400_000).toISOString();
}

/**
 * The fold options of a deployment: FOLD_WINDOW_DAYS as src/config.ts reads and checks it (how
 * many days a story stays a candidate for near-duplicate and summary folding).
 */
export function readFoldOptions(env: RawSettings): FoldOptions {
  return { windowDays: readConfig(env).foldWindowDays };
}
