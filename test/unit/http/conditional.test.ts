import { describe, expect, it } from "vitest";
import { isNotModified } from "../../../src/http/conditional";

const ETAG = '"abc123"';
const LAST = "Wed, 25 Nov 2026 10:00:00 GMT";
const h = (init: Record<string, string>) => new Headers(init);

describe("conditional GET", () => {
  it("matches If-None-Match strongly, weakly, in lists and with *", () => {
    expect(isNotModified(h({ "If-None-Match": ETAG }), ETAG, LAST)).toBe(true);
    expect(isNotModified(h({ "If-None-Match": `W/${ETAG}` }), ETAG, LAST)).toBe(true);
    expect(isNotModified(h({ "If-None-Match": `"zzz", ${ETAG}` }), ETAG, LAST)).toBe(true);
    expect(isNotModified(h({ "If-None-Match": "*" }), ETAG, LAST)).toBe(true);
    expect(isNotModified(h({ "If-None-Match": '"zzz"' }), ETAG, LAST)).toBe(false);
  });

  it("lets If-None-Match win over If-Modified-Since", () => {
    expect(isNotModified(h({ "If-None-Match": '"zzz"', "If-Modified-Since": LAST }), ETAG, LAST)).toBe(false);
  });

  it("compares If-Modified-Since at one-second precision", () => {
    expect(isNotModified(h({ "If-Modified-Since": LAST }), ETAG, LAST)).toBe(true);
    expect(isNotModified(h({ "If-Modified-Since": "Wed, 25 Nov 2026 11:00:00 GMT" }), ETAG, LAST)).toBe(true);
    expect(isNotModified(h({ "If-Modified-Since": "Wed, 25 Nov 2026 09:59:59 GMT" }), ETAG, LAST)).toBe(
      false,
    );
    expect(isNotModified(h({ "If-Modified-Since": "yesterday" }), ETAG, LAST)).toBe(false);
  });

  it("is modified without conditions", () => {
    expect(isNotModified(h({}), ETAG, LAST)).toBe(false);
  });
});
