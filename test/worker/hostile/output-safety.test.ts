import { XMLValidator } from "fast-xml-parser";
import { beforeEach, describe, expect, it } from "vitest";
import { get, ingest } from "../support/client";
import { XSS_TECHNIQUES } from "./xss-techniques";

const xmlEscape = (s: string) => s.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");

/** One item per technique: in the body, and for a few also in the title and the link. */
function attackFeed(): string {
  const items = XSS_TECHNIQUES.map(
    ([name, html], n) => `<item>
      <title>${xmlEscape(`Technique ${n}: ${name} ${n % 5 === 0 ? html : ""} \u0001\u000B\uFFFE`)}</title>
      <link>${n % 3 === 0 ? "javascript:ff(99)" : n % 3 === 1 ? " data:text/html,ff" : `https://attack.example.org/${n}`}</link>
      <guid isPermaLink="false">xss-${n}</guid>
      <pubDate>Mon, 02 Nov 2026 ${String(n % 24).padStart(2, "0")}:00:00 +0000</pubDate>
      <description>${xmlEscape(`<p>Technique ${n} (${name}) is shown below, in an article of its own.</p>${html}<p>Closing words ${n}.</p>`)}</description>
    </item>`,
  ).join("");
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Attack &lt;b&gt;Lab&lt;/b&gt; \u0007</title>
    <link>https://attack.example.org/</link><description>x</description>${items}</channel></rss>`;
}

const UNSAFE_LINK =
  /(?:\b(?:href|src|url|action|background)\s*=\s*["']?|<link>|"(?:url|external_url|home_page_url|feed_url|image)":\s*")\s*(?:javascript|vbscript|data):/i;

/** Every element of an HTML string, with its attributes. */
function tags(html: string): Array<{ name: string; attrs: string }> {
  return [...html.matchAll(/<([a-z][a-z0-9]*)\b([^>]*)>/gi)].map((m) => ({
    name: m[1]!.toLowerCase(),
    attrs: m[2]!,
  }));
}

function expectSafeMarkup(html: string, where: string): void {
  for (const { name, attrs } of tags(html)) {
    expect(
      [
        "script",
        "iframe",
        "frame",
        "frameset",
        "object",
        "embed",
        "svg",
        "math",
        "form",
        "input",
        "base",
        "meta",
        "link",
        "style",
        "body",
      ],
      `${where}: <${name}${attrs}>`,
    ).not.toContain(name);
    expect(attrs, `${where}: <${name}${attrs}>`).not.toMatch(/(?:^|\s)(?:on[a-z]+|style)\s*=|expression\(/i);
  }
  expect(html).not.toMatch(UNSAFE_LINK);
}

describe("output safety against the OWASP XSS techniques", () => {
  beforeEach(async () => {
    const answer = await ingest(attackFeed(), { source: "https://attack.example.org/feed.xml" });
    expect(answer.status).toBe(200);
    expect(answer.body.results).toHaveLength(XSS_TECHNIQUES.length);
  });

  it("JSON Feed: every content_html is sanitized and no link has a scripting scheme", async () => {
    const text = await (await get("/feed.json?limit=100")).text();
    expect(text).not.toMatch(UNSAFE_LINK);
    const feed = JSON.parse(text) as {
      items: Array<{ title?: string; content_html?: string; url?: string }>;
    };
    expect(feed.items).toHaveLength(XSS_TECHNIQUES.length);
    for (const item of feed.items) {
      expectSafeMarkup(item.content_html ?? "", item.title ?? "");
      expect(item.url === undefined || /^https:\/\/attack\.example\.org\//.test(item.url)).toBe(true);
    }
  });

  it.each([
    "/feed.xml?limit=100",
    "/feed.atom?limit=100",
    "/feed.xml",
    "/feed.atom",
  ])("%s is well-formed XML without forbidden characters or unsafe links", async (path) => {
    const xml = await (await get(path)).text();
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/);
    expect(xml).not.toMatch(UNSAFE_LINK);
    // The bodies travel escaped or in CDATA; once unescaped they are the sanitized markup.
    const bodies = [...xml.matchAll(/<!\[CDATA\[([\s\S]*?)\]\]>/g)].map((m) => m[1]!);
    for (const body of bodies) expectSafeMarkup(body, path);
  });

  it.each(["/", "/?limit=100"])("the HTML page %s has no script, handler or unsafe link", async (path) => {
    const html = await (await get(path)).text();
    expect(html).toMatch(/Technique \d+/);
    const page = tags(html);
    expect(page.filter((t) => t.name === "script" || t.name === "iframe" || t.name === "img")).toEqual([]);
    for (const { attrs } of page) expect(attrs).not.toMatch(/(?:^|\s)on[a-z]+\s*=/i);
    expect(html).not.toMatch(UNSAFE_LINK);
    expect(html).not.toMatch(/[\u0001\u0007\u000B\uFFFE]/);
  });
});

describe("security headers", () => {
  it("the HTML page sends a strict CSP whose style hash matches its one stylesheet", async () => {
    const res = await get("/");
    const html = await res.text();
    const csp = res.headers.get("Content-Security-Policy") ?? "";
    expect(csp).toMatch(/default-src 'none'/);
    expect(csp).toMatch(/frame-ancestors 'none'/);
    expect(csp).toMatch(/base-uri 'none'/);
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|script-src/);
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? "";
    const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(style));
    const hash = btoa(String.fromCharCode(...new Uint8Array(digest)));
    expect(csp).toContain(`style-src 'sha256-${hash}'`);
    expect(res.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(res.headers.get("X-Frame-Options")).toBe("DENY");
    expect(res.headers.get("Referrer-Policy")).toBe("no-referrer");
  });

  it.each([
    ["GET", "/feed.json"],
    ["GET", "/feed.xml"],
    ["GET", "/feed.atom"],
    ["GET", "/healthz"],
    ["GET", "/no-such-page"],
    ["POST", "/ingest"],
  ])("%s %s carries the headers too", async (method, path) => {
    const { exports } = await import("cloudflare:workers");
    const res = await exports.default.fetch(`http://feedfold.test${path}`, { method });
    await res.arrayBuffer();
    expect(res.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(res.headers.get("X-Frame-Options")).toBe("DENY");
    expect(res.headers.get("Referrer-Policy")).toBe("no-referrer");
    expect(res.headers.get("Content-Security-Policy")).toMatch(/default-src 'none'.*frame-ancestors 'none'/);
  });
});
