import { describe, expect, it } from "vitest";
import { ConfigError } from "../../../src/config";
import { readFoldOptions, windowStart } from "../../../src/fold-index/fold-window";

/** The two bindings readConfig requires, and FOLD_WINDOW_DAYS as given (a new env object each time). */
const env = (days?: string) => ({ FEEDFOLD_KV: {}, FOLD_INDEX: {}, FOLD_WINDOW_DAYS: days });

describe("FOLD_WINDOW_DAYS", () => {
  it("defaults to 14 days and accepts whole days from 1 to 365", () => {
    expect(readFoldOptions(env())).toEqual({ windowDays: 14 });
    expect(readFoldOptions(env(""))).toEqual({ windowDays: 14 });
    expect(readFoldOptions(env("3"))).toEqual({ windowDays: 3 });
  });

  it("names the setting when it is not a whole number of days in range", () => {
    for (const bad of ["0", "-2", "1.5", "two", "366"]) {
      expect(() => readFoldOptions(env(bad))).toThrow(ConfigError);
      expect(() => readFoldOptions(env(bad))).toThrow(/FOLD_WINDOW_DAYS/);
    }
  });

  it("starts the window the given days before now", () => {
    expect(windowStart("2026-03-15T12:00:00.000Z", 14)).toBe("2026-03-01T12:00:00.000Z");
  });
});
