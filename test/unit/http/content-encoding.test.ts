import { describe, expect, it } from "vitest";
import { acceptsGzip, clientAcceptEncoding, isEdgeCompressed } from "../../../src/http/content-encoding";

describe("Accept-Encoding", () => {
  it("accepts gzip where readers and browsers ask for it", () => {
    expect(acceptsGzip("gzip")).toBe(true);
    expect(acceptsGzip("gzip, deflate")).toBe(true); // Node fetch, Python requests
    expect(acceptsGzip("gzip, deflate, br, zstd")).toBe(true); // Chromium
    expect(acceptsGzip("deflate, gzip;q=1.0, *;q=0.5")).toBe(true); // libcurl --compressed
    expect(acceptsGzip("x-gzip")).toBe(true);
    expect(acceptsGzip("GZIP;Q=0.5")).toBe(true);
  });

  it("refuses gzip when it is absent, weighed 0, or refused despite a wildcard", () => {
    expect(acceptsGzip(null)).toBe(false);
    expect(acceptsGzip(undefined)).toBe(false);
    expect(acceptsGzip("")).toBe(false);
    expect(acceptsGzip("identity")).toBe(false);
    expect(acceptsGzip("br, deflate")).toBe(false);
    expect(acceptsGzip("gzip;q=0")).toBe(false);
    expect(acceptsGzip("gzip;q=0.000")).toBe(false);
    expect(acceptsGzip("*, gzip;q=0")).toBe(false);
    expect(acceptsGzip("*;q=0")).toBe(false);
  });

  it("takes a wildcard for gzip, and a malformed weight as a refusal", () => {
    expect(acceptsGzip("*")).toBe(true);
    expect(acceptsGzip("br, *;q=0.1")).toBe(true);
    expect(acceptsGzip("gzip;q=2")).toBe(false);
    expect(acceptsGzip("gzip;q=")).toBe(false);
    expect(acceptsGzip("gzip;q=high")).toBe(false);
  });

  it("reads the client's own value from cf.clientAcceptEncoding before the header", () => {
    const rewritten = Object.assign(
      new Request("https://news.example/feed.xml", { headers: { "Accept-Encoding": "br, gzip" } }),
      { cf: { clientAcceptEncoding: "identity" } },
    );
    expect(clientAcceptEncoding(rewritten)).toBe("identity");
    const plain = new Request("https://news.example/feed.xml", { headers: { "Accept-Encoding": "gzip" } });
    expect(clientAcceptEncoding(plain)).toBe("gzip");
    expect(clientAcceptEncoding(new Request("https://news.example/feed.xml"))).toBeNull();
  });
});

describe("the types the edge compresses", () => {
  it("are RSS, XML and HTML, parameters and case aside; not Atom or JSON Feed", () => {
    expect(isEdgeCompressed("application/rss+xml; charset=utf-8")).toBe(true);
    expect(isEdgeCompressed("application/xml; charset=utf-8")).toBe(true);
    expect(isEdgeCompressed("Text/HTML;charset=utf-8")).toBe(true);
    expect(isEdgeCompressed("application/atom+xml; charset=utf-8")).toBe(false);
    expect(isEdgeCompressed("application/feed+json; charset=utf-8")).toBe(false);
  });
});
