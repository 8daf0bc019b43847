import { describe, expect, it } from "vitest";
import { ConfigError, readConfig } from "../../../src/config";

const base = { FEEDFOLD_KV: {}, FOLD_INDEX: {} };

describe("polling settings", () => {
  it("have defaults a Free account can run", () => {
    expect(readConfig(base)).toMatchObject({
      pollIntervalS: 3600,
      pollIntervalMaxS: 86_400,
      pollInlineMax: 10,
      pollMaxPerCycle: 4000,
      fetchTimeoutMs: 15_000,
      maxSources: 10_000,
    });
  });

  it.each([
    [{ POLL_INTERVAL_MINUTES: "1" }, "POLL_INTERVAL_MINUTES"],
    [{ POLL_INTERVAL_MINUTES: "often" }, "POLL_INTERVAL_MINUTES"],
    [{ POLL_INTERVAL_MINUTES: "120", POLL_INTERVAL_MAX_MINUTES: "60" }, "POLL_INTERVAL_MAX_MINUTES"],
    [{ POLL_MAX_PER_CYCLE: "5000" }, "POLL_MAX_PER_CYCLE"],
    [{ FETCH_TIMEOUT_MS: "10" }, "FETCH_TIMEOUT_MS"],
  ])("refuses %j naming the setting", (vars, setting) => {
    let error: unknown;
    try {
      readConfig({ ...base, ...vars });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).setting).toBe(setting);
  });
});
