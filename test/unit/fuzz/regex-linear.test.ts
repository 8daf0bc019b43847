/**
 * Superlinear scanning check: every text-processing entry point runs on adversarial inputs of
 * length n and 8n, and the work it does is counted (work-counter.ts), not timed, so the check
 * gives the same answer on a loaded CI machine. Backtracking inside regexes is regex-static's part.
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
import { countSteps } from "./work-counter";

const N = 2000;
const GROWTH = 8;

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
  // The body goes through the fast XML path (xml-fast.ts) and the sanitizer's tokenizer.
  "parseFeed (RSS description)": (s) => {
    try {
      return parseFeed(
        `<rss version="2.0"><channel><title>T</title><item><title>i</title><description>${s}</description></item></channel></rss>`,
      );
    } catch {
      return undefined;
    }
  },
  "parseFeed (Atom content, CDATA)": (s) => {
    try {
      return parseFeed(
        `<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title><entry><id>e</id><title>e</title><content type="html"><![CDATA[${s}]]></content></entry></feed>`,
      );
    } catch {
      return undefined;
    }
  },
};

// Linear work a·n + b grows at most GROWTH-fold when n does; quadratic work grows 64-fold. The
// slack covers nothing random (the count is exact), only the rounding of the inputs' lengths.
const SLACK = 1.25;

describe("text functions do linear work on adversarial input", () => {
  for (const [name, fn] of Object.entries(TARGETS)) {
    it(`${name}`, () => {
      const ratios: Record<string, number> = {};
      for (const [kind, make] of Object.entries(ADVERSARIAL)) {
        const small = countSteps(fn, make(N));
        const large = countSteps(fn, make(N * GROWTH));
        ratios[kind] = Math.round((large / Math.max(1, small)) * 10) / 10;
      }
      const superlinear = Object.entries(ratios).filter(([, r]) => r > GROWTH * SLACK);
      expect(superlinear, `steps(${N * GROWTH})/steps(${N}): ${JSON.stringify(ratios)}`).toEqual([]);
    });
  }
});

describe("the work count", () => {
  const ratio = (fn: (s: string) => unknown, make: (n: number) => string) =>
    countSteps(fn, make(N * GROWTH)) / countSteps(fn, make(N));

  it("sees a scanner that searches the rest of the input from every position", () => {
    const rescans = (s: string) => {
      let found = 0;
      for (let i = 0; i < s.length; i++) if (s.indexOf(">", i) >= 0) found++;
      return found;
    };
    expect(ratio(rescans, (n) => "<".repeat(n))).toBeGreaterThan(GROWTH * 4);
  });

  it("sees a global regex that restarts its search after every match", () => {
    const restarts = (s: string) => {
      const re = /</g;
      let found = 0;
      for (let i = 0; i < s.length; i++) {
        re.lastIndex = i;
        if (re.exec(s) !== null && s.slice(i).startsWith("<")) found++;
      }
      return found;
    };
    expect(ratio(restarts, (n) => `${"a".repeat(n)}<`)).toBeGreaterThan(GROWTH * 4);
  });

  it("counts one pass over the input as linear", () => {
    const onePass = (s: string) => s.replace(/[<>]/g, "").indexOf("x");
    expect(ratio(onePass, (n) => "<a>".repeat(n / 3))).toBeLessThanOrEqual(GROWTH * SLACK);
    expect(countSteps(onePass, "<a>".repeat(100))).toBeGreaterThanOrEqual(300);
  });
});
