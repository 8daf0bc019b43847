import { describe, expect, it } from "vitest";
import { feedIntervalHintS } from "../../../src/sources/feed-hints";
import { parseCacheMaxAge, parseRetryAfter } from "../../../src/sources/http-hints";
import {
  BACKOFF_CEILING_S,
  backoffS,
  stretchedIntervalS,
  throttleDelayMs,
} from "../../../src/sources/schedule";

describe("schedule", () => {
  const bounds = { baseS: 3600, maxS: 86_400 };

  it("hints only stretch the interval, within the operator's maximum", () => {
    expect(stretchedIntervalS(bounds, [])).toBe(3600);
    expect(stretchedIntervalS(bounds, [60, undefined])).toBe(3600);
    expect(stretchedIntervalS(bounds, [7200, 10_800])).toBe(10_800);
    expect(stretchedIntervalS(bounds, [30 * 86_400])).toBe(86_400);
  });

  it("backs off exponentially with jitter, up to about a day", () => {
    expect(backoffS(3600, 1, 0.5)).toBe(7200);
    expect(backoffS(3600, 2, 0.5)).toBe(14_400);
    expect(backoffS(3600, 2, 0)).toBe(Math.round(14_400 * 0.9));
    expect(backoffS(3600, 2, 0.999)).toBeGreaterThan(14_400 * 1.09);
    expect(backoffS(3600, 30, 0.5)).toBe(BACKOFF_CEILING_S);
    expect(backoffS(3600, 30, 0.999)).toBeLessThanOrEqual(BACKOFF_CEILING_S * 1.1);
  });

  it("a Retry-After wins over the backoff, capped at a week", () => {
    expect(throttleDelayMs(120_000, 3600, 1, 0.5)).toBe(120_000);
    expect(throttleDelayMs(undefined, 3600, 1, 0.5)).toBe(7_200_000);
    expect(throttleDelayMs(30 * 86_400_000, 3600, 1, 0.5)).toBe(7 * 86_400_000);
  });
});

describe("hints", () => {
  it("reads Retry-After as seconds or an HTTP-date, and Cache-Control max-age", () => {
    const now = Date.parse("2026-11-20T10:00:00Z");
    expect(parseRetryAfter("3600", now)).toBe(3_600_000);
    expect(parseRetryAfter("Fri, 20 Nov 2026 10:30:00 GMT", now)).toBe(1_800_000);
    expect(parseRetryAfter("Fri, 20 Nov 2026 09:00:00 GMT", now)).toBe(0);
    expect(parseRetryAfter("soon", now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseCacheMaxAge("public, max-age=600")).toBe(600);
    expect(parseCacheMaxAge("s-maxage=10, no-cache")).toBeUndefined();
  });

  it("reads ttl and sy:updatePeriod / sy:updateFrequency; the longest wins", () => {
    expect(feedIntervalHintS("<rss><channel><ttl>90</ttl></channel></rss>")).toBe(5400);
    expect(
      feedIntervalHintS(
        "<rdf:RDF><channel><sy:updatePeriod>daily</sy:updatePeriod><sy:updateFrequency>2</sy:updateFrequency>",
      ),
    ).toBe(43_200);
    expect(feedIntervalHintS("<channel><sy:updatePeriod>hourly</sy:updatePeriod><ttl>180</ttl>")).toBe(
      10_800,
    );
    expect(feedIntervalHintS("<feed><title>no hints</title></feed>")).toBeUndefined();
  });
});
