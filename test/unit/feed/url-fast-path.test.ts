import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isCanonicalHttpUrl, resolveRootPath } from "../../../src/feed/url-fast-path";

const piece = fc.constantFrom(
  "http://",
  "https://",
  "HTTPS://",
  "example.org",
  "Example.ORG",
  "a-b.example",
  "xn--bcher-kva.example",
  "127.0.0.1",
  "0x7f.1",
  "user:pw@",
  ":80",
  ":443",
  ":8080",
  "/",
  "//",
  "/./",
  "/../",
  "/%2e%2E/",
  "/.well-known",
  "?",
  "#",
  "&",
  "=",
  "%20",
  "%zz",
  "'",
  '"',
  "`",
  "{",
  "^",
  "|",
  "\\",
  " ",
  "é",
  "~",
  "@",
  "a",
  "Z9",
  ".",
  "-",
);

function parsed(url: string, base?: string): string | undefined {
  try {
    return new URL(url, base).href;
  } catch {
    return undefined;
  }
}

describe("url fast path", () => {
  it("accepts only URLs the parser returns unchanged", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("http://", "https://", "HTTPS://", "ftp://", ""),
        fc.constantFrom(
          "example.org",
          "Example.org",
          "a-b.example",
          "xn--bcher-kva.example",
          "1.2.3.4",
          "0x7f.1",
          "a..b",
          "x_y.example",
          "",
        ),
        fc.array(piece, { maxLength: 12 }),
        (scheme, host, rest) => {
          const url = `${scheme}${host}${rest.join("")}`;
          if (isCanonicalHttpUrl(url)) expect(parsed(url)).toBe(url);
        },
      ),
      { numRuns: 20000, seed: 20261126 },
    );
  });

  it("resolves root paths as the parser does", () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 8 }), fc.array(piece, { maxLength: 8 }), (p, b) => {
        const path = `/${p.join("")}`;
        const base = `https://news.example.org/${b.join("")}`;
        const fast = resolveRootPath(path, base);
        if (fast !== undefined) expect(fast).toBe(parsed(path, base));
      }),
      { numRuns: 20000, seed: 20261126 },
    );
  });

  it("takes the common links", () => {
    expect(isCanonicalHttpUrl("https://news.example.org/2026/04/story-1?utm_source=feed#top")).toBe(true);
    expect(isCanonicalHttpUrl("https://news.example.org")).toBe(false);
    expect(resolveRootPath("/img/1.jpg", "https://news.example.org/2026/04/story-1")).toBe(
      "https://news.example.org/img/1.jpg",
    );
    expect(resolveRootPath("//cdn.example.org/x", "https://news.example.org/")).toBeUndefined();
  });
});
