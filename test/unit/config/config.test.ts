import { describe, expect, it } from "vitest";
import { ConfigError, readConfig } from "../../../src/config";

const bound = { FEEDFOLD_KV: {}, FOLD_INDEX: {} };

describe("configuration", () => {
  it("reads defaults from bindings alone", () => {
    const config = readConfig(bound);
    expect(config).toMatchObject({
      feedTitle: "feedfold",
      sources: [],
      allowLoopbackSources: false,
      publishMinIntervalMs: 1000,
      demo: false,
      maxBodyBytes: 5 * 1024 * 1024,
    });
  });

  it("splits SOURCES on commas and whitespace", () => {
    expect(
      readConfig({ ...bound, SOURCES: " https://a.example/feed,https://b.example/rss\nhttps://c.example/x " })
        .sources,
    ).toEqual(["https://a.example/feed", "https://b.example/rss", "https://c.example/x"]);
  });

  it.each([
    [{ FOLD_INDEX: {} }, "FEEDFOLD_KV", /wrangler kv namespace create/],
    [{ FEEDFOLD_KV: {} }, "FOLD_INDEX", /durable_objects/],
    [{ ...bound, ALLOW_LOOPBACK_SOURCES: "yes" }, "ALLOW_LOOPBACK_SOURCES", /"true" or "false"/],
    [{ ...bound, DEMO: "1" }, "DEMO", /"true" or "false"/],
    [{ ...bound, PUBLISH_MIN_INTERVAL_MS: "-5" }, "PUBLISH_MIN_INTERVAL_MS", /whole number/],
    [{ ...bound, MAX_BODY_BYTES: "5MB" }, "MAX_BODY_BYTES", /whole number/],
    [{ ...bound, PUBLIC_URL: "news.example.org" }, "PUBLIC_URL", /not a URL/],
    [{ ...bound, PUBLIC_URL: "ftp://news.example.org" }, "PUBLIC_URL", /http\(s\)/],
    [{ ...bound, POLL_INTERVAL_MINUTES: "2" }, "POLL_INTERVAL_MINUTES", /between 5 and 1440/],
    [
      { ...bound, POLL_INTERVAL_MINUTES: "120", POLL_INTERVAL_MAX_MINUTES: "60" },
      "POLL_INTERVAL_MAX_MINUTES",
      /below POLL_INTERVAL_MINUTES/,
    ],
    [{ ...bound, FEED_CACHE_SECONDS: "-1" }, "FEED_CACHE_SECONDS", /whole number/],
    [{ ...bound, FEED_CACHE_SECONDS: "7200" }, "FEED_CACHE_SECONDS", /between 0 and 3600/],
    [{ ...bound, WEBSUB_HUB: "hub" }, "WEBSUB_HUB", /not a URL/],
    [{ ...bound, WRITE_LIMITER: {} }, "WRITE_LIMITER", /\[\[ratelimits\]\]/],
  ])("names the bad setting %#", (settings, name, message) => {
    try {
      readConfig(settings);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      expect((err as ConfigError).setting).toBe(name);
      expect((err as ConfigError).detail).toMatch(message);
    }
  });

  it("keeps only the origin of PUBLIC_URL", () => {
    expect(readConfig({ ...bound, PUBLIC_URL: "https://news.example.org/some/path" }).publicUrl).toBe(
      "https://news.example.org",
    );
  });
});
