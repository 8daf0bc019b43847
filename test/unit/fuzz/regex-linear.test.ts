/**
 * Catastrophic backtracking check: every text-processing entry point is timed on adversarial
 * inputs of length n and 8n. Linear code takes about 8 times as long; quadratic code 64 times,
 * exponential code never finishes. The bound (24) is a complexity check, not a wall-clock one.
 */
import { describe, expect, it } from "vitest";
import { parseDate } from "../../../src/feed/dates";
import { decodeEntities } from "../../../src/feed/entities";
import { parseFeed } from "../../../src/feed/parse-feed";
import { htmlToPlainTitle, sanitizeHtml } from "../../../src/feed/sanitize";
import { canonicalUrl, resolveUrl } from "../../../src/feed/urls";
import { stripBoilerplate } from "../../../src/fold/boilerplate";
import { normalizeBody } from "../../../src/fold/fingerprint";
import { htmlToText } from "../../../src/fold/html-text";
import { normalizeLines, normalizeText } from "../../../src/fold/normalize";
import { normalizeTitle, stripSiteSuffix } from "../../../src/fold/title";

const N = 8000;
const GROWTH = 8;
const BOUND = 24;

/** Strings known to make backtracking engines stumble, each built to length ~n. */
const ADVERSARIAL: Record<string, (n: number) => string> = {
  "spaces then a letter": (n) => `${" ".repeat(n)}x`,
  "tabs and newlines": (n) => "\t\n \r".repeat(n / 4),
  "one letter then !": (n) => `${"a".repeat(n)}!`,
  "open angle brackets": (n) => "<".repeat(n),
  "unclosed tags": (n) => "<a ".repeat(n / 3),
  "unclosed attribute quotes": (n) => `<a href="${"x ".repeat(n / 2)}`,
  "unclosed comments": (n) => "<!--".repeat(n / 4),
  ampersands: (n) => "&#".repeat(n / 2),
  "entity-like names": (n) => `&${"a".repeat(n)}`,
  dashes: (n) => "- ".repeat(n / 2),
  "pipes and dashes (title suffixes)": (n) => `Title${" | - ".repeat(n / 5)}`,
  digits: (n) => "1".repeat(n),
  "digits and colons (times)": (n) => "1:".repeat(n / 2),
  "weekday then digits": (n) => `Mon, ${"0".repeat(n)}`,
  "date-like repeats": (n) => "2020-01-01T".repeat(n / 11),
  "source prompts": (n) => `Source:${" ".repeat(n)}x`,
  "read more repeats": (n) => "Read more ".repeat(n / 10),
  "comment counts": (n) => `${"0".repeat(n)} Comments x`,
  dots: (n) => ".".repeat(n),
  "URL-ish": (n) => `http://${"a.".repeat(n / 2)}`,
  "query strings": (n) => `https://x.example/?${"utm_a=1&".repeat(n / 8)}`,
  "CDATA openers": (n) => "<![CDATA[".repeat(n / 9),
};

/** Each function under test, fed one adversarial string. */
const TARGETS: Record<string, (s: string) => unknown> = {
  normalizeText,
  normalizeLines,
  htmlToText,
  "normalizeBody (html)": (s) =>
    normalizeBody({ contentHtml: s }, { title: s.slice(0, 80), sourceTitle: "Site" }),
  "normalizeBody (text)": (s) =>
    normalizeBody({ contentText: s }, { title: "T", sourceTitle: s.slice(0, 80) }),
  stripBoilerplate: (s) =>
    stripBoilerplate([s, s, "Post a Comment"], { title: s.slice(0, 200), sourceTitle: "x" }),
  normalizeTitle,
  stripSiteSuffix: (s) => stripSiteSuffix(s, ["Site", "example.org"]),
  parseDate,
  sanitizeHtml,
  htmlToPlainTitle,
  decodeEntities,
  canonicalUrl,
  resolveUrl: (s) => resolveUrl(s, "https://base.example.org/"),
  "parseFeed (RSS title)": (s) => {
    try {
      return parseFeed(`<rss version="2.0"><channel><title>${s}</title></channel></rss>`);
    } catch {
      return undefined;
    }
  },
};

/** Time per call, repeating short calls until 4 ms have passed so timer resolution does not matter. */
function perCall(fn: (s: string) => unknown, input: string): number {
  let best = Number.POSITIVE_INFINITY;
  for (let round = 0; round < 2; round++) {
    const start = performance.now();
    let calls = 0;
    let elapsed = 0;
    do {
      fn(input);
      calls++;
      elapsed = performance.now() - start;
    } while (elapsed < 4 && calls < 10_000);
    best = Math.min(best, elapsed / calls);
  }
  return best;
}

describe("regular expressions run in linear time on adversarial input", () => {
  for (const [name, fn] of Object.entries(TARGETS)) {
    it(`${name}`, { timeout: 60_000 }, () => {
      const ratios: Record<string, number> = {};
      for (const [kind, make] of Object.entries(ADVERSARIAL)) {
        const small = make(N);
        const large = make(N * GROWTH);
        perCall(fn, small); // warm up the JIT on this shape
        // A busy machine makes one measurement noisy; a superlinear function is slow every time.
        let ratio = Number.POSITIVE_INFINITY;
        for (let attempt = 0; attempt < 3 && ratio > BOUND; attempt++) {
          ratio = Math.min(ratio, perCall(fn, large) / perCall(fn, small));
        }
        ratios[kind] = Math.round(ratio * 10) / 10;
      }
      const slow = Object.entries(ratios).filter(([, r]) => r > BOUND);
      expect(slow, `ratios t(${N * GROWTH})/t(${N}): ${JSON.stringify(ratios)}`).toEqual([]);
    });
  }
});
