import { describe, expect, it } from "vitest";
import { checkSourceUrl } from "../../../src/sources/url-policy";

describe("source URL policy", () => {
  it.each(["https://example.org/feed.xml", "http://news.example.com:8080/rss"])("accepts %s", (url) => {
    expect(checkSourceUrl(url, false).ok).toBe(true);
  });

  it.each([
    ["ftp://example.org/feed", "only http"],
    ["file:///etc/passwd", "only http"],
    ["https://user:pw@example.org/feed", "credentials"],
    ["http://127.0.0.1:8080/feed", "private"],
    ["http://localhost/feed", "private"],
    ["http://10.1.2.3/feed", "private"],
    ["http://192.168.0.10/feed", "private"],
    ["http://172.20.0.1/feed", "private"],
    ["http://169.254.169.254/latest/meta-data", "private"],
    ["http://[::1]/feed", "private"],
    ["http://[fd00::1]/feed", "private"],
    ["not a url", "not a URL"],
  ])("refuses %s", (url, reason) => {
    const verdict = checkSourceUrl(url, false);
    expect(verdict.ok).toBe(false);
    if (!verdict.ok) expect(verdict.reason).toContain(reason);
  });

  it("allows loopback only when ALLOW_LOOPBACK_SOURCES is on", () => {
    expect(checkSourceUrl("http://127.0.0.1:8080/feed", true).ok).toBe(true);
    expect(checkSourceUrl("https://user:pw@127.0.0.1/feed", true).ok).toBe(false);
  });
});
