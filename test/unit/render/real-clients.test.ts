/**
 * The served feeds and page as real clients see them, against one `wrangler dev` of the Worker:
 * Debian's python3-feedparser and newsboat read /feed.xml and /feed.atom, the shared JSON Feed 1.1
 * validator reads /feed.json, and Debian's chromium (via playwright-core) opens /, /feed.xml and
 * /feed.atom (the HTML page content negotiation gives a browser).
 * Each part skips when its tool is missing (.ci/run installs them all); the Worker starts only when
 * at least one part can run.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LocalWorker, startLocalWorker } from "./local-wrangler";
import { hasPythonFeedparser, REPO_ROOT, SHARED_CHECKS } from "./node-tools";
import { BLOG_ATOM, EXPECTED, LIBRARY_JSON, TOWN_RSS } from "./real-client-documents";

const CHROMIUM = "/usr/bin/chromium";
const NEWSBOAT = ["/usr/bin/newsboat", "/usr/local/bin/newsboat"].find((p) => existsSync(p));
const JSONFEED_SCRIPT = join(SHARED_CHECKS, "validate-jsonfeed.mjs");
const canFeedparser = hasPythonFeedparser();
const canChromium = existsSync(CHROMIUM);
const canJsonFeed = existsSync(JSONFEED_SCRIPT);
const anything = canFeedparser || canChromium || canJsonFeed || NEWSBOAT !== undefined;
const ARTIFACTS = join(REPO_ROOT, "test-results");

let worker: LocalWorker;
let storyIds: string[] = [];

beforeAll(async () => {
  if (!anything) return;
  worker = await startLocalWorker();
  await worker.ingest(TOWN_RSS, "https://canalside-gazette.example/feed.xml", "application/rss+xml");
  await worker.ingest(BLOG_ATOM, "https://lockside-blog.example/feed.atom", "application/atom+xml");
  await worker.ingest(LIBRARY_JSON, "https://wharf-library.example/feed.json", "application/feed+json");
  const json = (await (await fetch(`${worker.origin}/feed.json`)).json()) as { items: Array<{ id: string }> };
  storyIds = json.items.map((i) => i.id);
}, 120_000);

afterAll(async () => {
  await worker?.stop();
});

/** Our own reading of a feed with feedparser: what a Python reader would show. */
const FEEDPARSER_SNIPPET = `
import json, sys, time, feedparser
d = feedparser.parse(sys.argv[1])
iso = lambda t: time.strftime("%Y-%m-%dT%H:%M:%SZ", t) if t else None
print(json.dumps({
  "bozo": bool(d.bozo), "error": str(d.get("bozo_exception")) if d.bozo else None, "version": d.version,
  "title": d.feed.get("title"),
  "entries": [{
    "id": e.get("id"), "title": e.get("title"), "link": e.get("link"),
    "published": iso(e.get("published_parsed")), "author": e.get("author"),
    "links": [[l.get("rel"), l.get("href")] for l in e.get("links", [])],
    "tags": [t.get("term") for t in e.get("tags", [])],
    "enclosures": [x.get("href") for x in e.get("enclosures", [])],
  } for e in d.entries]}))
`;

interface ReadFeed {
  bozo: boolean;
  error: string | null;
  version: string;
  title: string;
  entries: Array<{
    id: string;
    title: string;
    link: string;
    published: string | null;
    author: string | null;
    links: Array<[string, string]>;
    tags: string[];
    enclosures: string[];
  }>;
}

describe.skipIf(!canFeedparser)("python3-feedparser reads the merged feeds", () => {
  it.each([
    ["/feed.xml", "rss20"],
    ["/feed.atom", "atom10"],
  ])("%s: no bozo, every story once, dates and authors right", (path, version) => {
    const r = spawnSync("/usr/bin/python3", ["-c", FEEDPARSER_SNIPPET, `${worker.origin}${path}`], {
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(r.status, r.stderr).toBe(0);
    const feed = JSON.parse(r.stdout) as ReadFeed;
    expect(feed.error).toBeNull();
    expect(feed.bozo).toBe(false);
    expect(feed.version).toBe(version);
    expect(feed.title).toBe("Folded Town News");
    expect(feed.entries.map((e) => ({ title: e.title, published: e.published, author: e.author }))).toEqual(
      EXPECTED,
    );
    expect(feed.entries.map((e) => e.id)).toEqual(storyIds.map((id) => `urn:feedfold:story:${id}`));
    const pears = feed.entries[2]!;
    expect(pears.link).toBe("https://canalside-gazette.example/2026/03/pear-trees");
    expect(pears.tags).toEqual(["environment"]);
    expect(pears.enclosures).toEqual(["https://canalside-gazette.example/media/pears.jpg"]);
    if (version === "atom10") {
      expect(pears.links).toContainEqual(["via", "https://lockside-blog.example/2026/03/pears.html"]);
    }
  });
});

describe.skipIf(NEWSBOAT === undefined)("newsboat reads the merged feeds", () => {
  it.each(["/feed.xml", "/feed.atom"])("%s: every story stored, no error in its log", (path) => {
    const home = mkdtempSync(join(tmpdir(), "feedfold-newsboat-"));
    try {
      writeFileSync(join(home, "urls"), `${worker.origin}${path}\n`);
      writeFileSync(join(home, "config"), "");
      const r = spawnSync(
        NEWSBOAT!,
        [
          "-u",
          "urls",
          "-c",
          "cache.db",
          "-C",
          "config",
          "-x",
          "reload",
          "print-unread",
          "-l",
          "3",
          "-d",
          "newsboat.log",
        ],
        { cwd: home, encoding: "utf8", timeout: 60_000, env: { ...process.env, HOME: home } },
      );
      expect(r.status, r.stderr).toBe(0);
      const log = spawnSync("cat", [join(home, "newsboat.log")], { encoding: "utf8" }).stdout;
      expect(log.split("\n").filter((line) => /error/i.test(line))).toEqual([]);
      expect(r.stdout).toContain(`${EXPECTED.length} unread articles`);
      const rows = spawnSync(
        "/usr/bin/python3",
        [
          "-c",
          "import json,sqlite3,sys; c=sqlite3.connect(sys.argv[1]); print(json.dumps(c.execute('select title, guid, author, pubDate from rss_item order by pubDate desc').fetchall()))",
          join(home, "cache.db"),
        ],
        { encoding: "utf8" },
      );
      const items = JSON.parse(rows.stdout) as Array<[string, string, string, number]>;
      expect(
        items.map(([title, , author, date]) => ({
          title,
          author,
          published: new Date(date * 1000).toISOString().replace(".000", ""),
        })),
      ).toEqual(EXPECTED);
      expect(items.map(([, guid]) => guid)).toEqual(storyIds.map((id) => `urn:feedfold:story:${id}`));
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });
});

describe.skipIf(!canJsonFeed)("the shared JSON Feed 1.1 validator", () => {
  it("accepts /feed.json", () => {
    const r = spawnSync(process.execPath, [JSONFEED_SCRIPT, `${worker.origin}/feed.json`], {
      encoding: "utf8",
      timeout: 120_000,
    });
    expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0);
    expect(r.stdout).toContain(`valid JSON Feed 1.1 (${EXPECTED.length} items)`);
  }, 120_000);
});

describe.skipIf(!canChromium)("the page in headless Chromium", () => {
  it("shows stories, copies, feed links and sources, without console errors, in both schemes", async () => {
    const { chromium } = await import("playwright-core");
    const profile = mkdtempSync(join(tmpdir(), "feedfold-chromium-"));
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1000, height: 900 },
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    });
    try {
      const page = await context.newPage();
      const problems: string[] = [];
      page.on("console", (m) => {
        if (m.type() === "error") problems.push(`console: ${m.text()}`);
      });
      page.on("pageerror", (e) => problems.push(`page: ${e.message}`));
      page.on("requestfailed", (r) => problems.push(`request: ${r.url()} ${r.failure()?.errorText}`));
      page.on("response", (r) => {
        if (r.status() >= 400) problems.push(`response: ${r.url()} ${r.status()}`);
      });

      await page.goto(`${worker.origin}/`, { waitUntil: "load" });
      expect(await page.locator("main article h3").allTextContents()).toEqual(EXPECTED.map((e) => e.title));
      const pears = page.locator("article", { hasText: "Forty pear trees" });
      expect(await pears.locator(".also").textContent()).toBe("Also in: Lockside Blog");
      expect(await pears.locator(".also a").getAttribute("href")).toBe(
        "https://lockside-blog.example/2026/03/pears.html",
      );
      expect(await pears.locator("time").getAttribute("datetime")).toBe("2026-03-02T07:30:00Z");
      for (const [name, path] of [
        ["RSS", "/feed.xml"],
        ["Atom", "/feed.atom"],
        ["JSON Feed", "/feed.json"],
      ]) {
        expect(await page.locator("nav a", { hasText: new RegExp(`^${name}$`) }).getAttribute("href")).toBe(
          `${worker.origin}${path}`,
        );
      }
      expect(await page.locator('link[rel="alternate"]').count()).toBe(3);
      expect(await page.locator("header, main, footer, nav").count()).toBe(4);
      expect(await page.locator("#sources-heading + ul li").allTextContents()).toEqual(
        expect.arrayContaining([expect.stringContaining("Canalside Gazette — pushed")]),
      );
      expect(await page.locator("img:not([alt])").count()).toBe(0);
      const contrast = await page.evaluate(contrastOfText);
      expect(contrast).toBeGreaterThanOrEqual(4.5);
      mkdirSync(ARTIFACTS, { recursive: true });
      await page.screenshot({ path: join(ARTIFACTS, "home.png"), fullPage: true });

      await page.emulateMedia({ colorScheme: "dark" });
      expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe(
        "rgb(18, 19, 22)",
      );
      expect(await page.evaluate(contrastOfText)).toBeGreaterThanOrEqual(4.5);
      await page.screenshot({ path: join(ARTIFACTS, "home-dark.png"), fullPage: true });

      await page.setViewportSize({ width: 360, height: 740 });
      await page.emulateMedia({ colorScheme: "light" });
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      await page.screenshot({ path: join(ARTIFACTS, "home-narrow.png"), fullPage: true });

      expect(problems).toEqual([]);

      // The RSS and Atom feeds opened in a browser: Chromium's Accept prefers text/html, so the
      // Worker answers the HTML page of the feed (src/http/accept.ts): no XSLT, so no XSLT banner.
      await page.setViewportSize({ width: 1000, height: 900 });
      for (const path of ["/feed.xml", "/feed.atom"]) {
        const response = await page.goto(`${worker.origin}${path}`, { waitUntil: "load" });
        expect(response?.headers()["content-type"]).toBe("text/html; charset=utf-8");
        expect(response?.headers().vary).toBe("Accept, Sec-Fetch-Dest");
        expect(await page.evaluate(() => document.contentType)).toBe("text/html");
        expect(await page.locator("h1").textContent()).toBe("Folded Town News");
        expect(await page.locator("main article h3").allTextContents()).toEqual(EXPECTED.map((e) => e.title));
        for (const title of EXPECTED.map((e) => e.title)) {
          expect(await page.getByText(title, { exact: true }).isVisible()).toBe(true);
        }
        expect(await page.locator(".feed-url").textContent()).toBe(`${worker.origin}${path}`);
        expect(await page.locator(".feed-url").isVisible()).toBe(true);
        expect(await page.locator(".also").allTextContents()).toEqual(["Also in: Lockside Blog"]);
        const bodyText = (await page.locator("body").textContent()) ?? "";
        expect(bodyText).not.toMatch(/XSLT/i);
        expect(await page.evaluate(contrastOfText)).toBeGreaterThanOrEqual(4.5);
        await page.screenshot({ path: join(ARTIFACTS, `feed-${path.slice(6)}-page.png`), fullPage: true });
      }
      expect(problems).toEqual([]);
    } finally {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    }
  }, 90_000);
});

describe.skipIf(!anything)("WebSub", () => {
  it("the hub heard about each feed after the ingests", () => {
    const topics = new Set(worker.hubPings.map((body) => new URLSearchParams(body).get("hub.url")));
    for (const path of ["/feed.xml", "/feed.atom", "/feed.json"]) {
      expect(topics).toContain(`${worker.origin}${path}`);
    }
  });
});

/** Runs in the page: the worst contrast ratio of body, muted and link text against the page. */
function contrastOfText(): number {
  const rgb = (css: string) => (css.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map(Number);
  const lum = (c: number[]) => {
    const [r, g, b] = c.map((v) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  };
  const bg = lum(rgb(getComputedStyle(document.body).backgroundColor));
  let worst = 21;
  for (const el of Array.from(document.querySelectorAll("body, .meta, .also, .status, footer, main a"))) {
    const fg = lum(rgb(getComputedStyle(el).color));
    const ratio = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
    worst = Math.min(worst, ratio);
  }
  return worst;
}
