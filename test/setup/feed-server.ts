/**
 * A feed server of our own on 127.0.0.1 for the worker tests (the Workers test pool of our version
 * has no fetch mock). Started once by vitest's globalSetup; the port reaches the worker as the
 * SOURCES and FEED_SERVER bindings. Every document is our own text.
 *
 * Test files run in parallel against this one server, so every stateful route takes a key of the
 * test's choosing in its path and keeps its state per key.
 *
 * - `/clinic.xml` a small RSS feed; `/broken.xml` always 500; `/hits` the number of requests served.
 * - `/cond/<key>.xml` RSS with ETag and Last-Modified, 304 when either validator matches;
 *   `/plain/<key>.xml` the same feed without validators. `POST /__bump/<key>` adds an item to both.
 * - `/ttl/<key>.xml` RSS with `<ttl>` and `sy:updatePeriod`, sent with `Cache-Control: max-age`.
 * - `/gone.xml` 410; `/throttled.xml` 429 with `Retry-After: 3600`; `/busy.xml` 503 with an
 *   HTTP-date Retry-After two hours ahead.
 * - `/flaky/<key>.xml` 500 until `POST /__heal/<key>`, then the feed; `/down-page/<key>.html`
 *   drops the connection unanswered until `POST /__heal/<key>`, then the page of `/page/<key>.html`.
 * - `/slow-head.xml` answers after 3 s; `/slow-body.xml` sends headers and half a document, then
 *   stalls 3 s; `/big.xml` 2 MB of feed streamed without Content-Length.
 * - `/hop/<n>/<key>.xml` a chain of n temporary redirects (302, 307 alternating) to `/cond/<key>.xml`;
 *   `/moved/<code>/<key>.xml` one permanent redirect (301 or 308) to `/cond/<key>.xml`.
 * - `/page/<key>.html` an HTML page naming `/cond/<key>.xml` in `<link rel="alternate">`;
 *   `/nofeed.html` an HTML page naming no feed.
 * - `GET /__requests/<path>` the request headers of every request to `/<path>`, as JSON.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { TestProject } from "vitest/node";

const CLINIC_RSS = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0">
  <channel>
    <title>Valley Clinic News</title>
    <link>http://127.0.0.1/clinic/</link>
    <description>Notices from the valley clinic</description>
    <item>
      <title>Flu vaccination evenings start next week</title>
      <link>http://127.0.0.1/clinic/flu-evenings</link>
      <guid>clinic-flu-evenings</guid>
      <pubDate>Mon, 16 Nov 2026 07:00:00 GMT</pubDate>
      <description>&lt;p&gt;The clinic opens on Tuesday and Thursday evenings until eight for flu vaccinations, no appointment needed. Bring your health card and wear a short-sleeved shirt.&lt;/p&gt;</description>
    </item>
  </channel>
</rss>`;

const NOTICES = [
  "The ferry timetable changes on Monday: the first crossing leaves at six fifteen and the last one returns at ten past eleven.",
  "Hill road is closed between the quarry and the school for resurfacing; buses run through the valley until Friday.",
  "The library will lend seed packets this spring; bring back a packet of your own seeds in the autumn.",
  "A lost grey cat answering to Pebble was found near the bakery and is waiting at the veterinary practice.",
  "The swimming club is looking for volunteers to time races at the regional gala on the last Saturday of the month.",
  "Recycling collection moves from Tuesday to Wednesday in the northern streets from the start of next month.",
];

/** A harbour notices feed for `key` with `items` items (oldest first in time, newest first in the document). */
function noticesRss(key: string, items: number, extraChannel = ""): string {
  const entries = [];
  for (let i = items - 1; i >= 0; i--) {
    const day = String(10 + i).padStart(2, "0");
    entries.push(`    <item>
      <title>Notice ${i + 1} for ${key}</title>
      <link>http://127.0.0.1/notices/${key}/${i + 1}</link>
      <guid>${key}-notice-${i + 1}</guid>
      <pubDate>${new Date(`2026-10-${day}T08:00:00Z`).toUTCString()}</pubDate>
      <description>${NOTICES[i % NOTICES.length]} (Notice ${i + 1} of the ${key} board.)</description>
    </item>`);
  }
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:sy="http://purl.org/rss/1.0/modules/syndication/">
  <channel>
    <title>Harbour Notices ${key}</title>
    <link>http://127.0.0.1/notices/${key}/</link>
    <description>Notices from the harbour office</description>${extraChannel}
${entries.join("\n")}
  </channel>
</rss>`;
}

const PAGE = (key: string) => `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Harbour office</title>
<link rel="stylesheet" href="/style.css">
<link rel="alternate" type="application/rss+xml" title="Harbour Notices (RSS)" href="/cond/${key}.xml">
</head><body><h1>Harbour office</h1><p>Opening hours and notices.</p></body></html>`;

const NO_FEED_PAGE = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Bakery</title></head>
<body><h1>The corner bakery</h1><p>Fresh bread every morning except Sunday.</p></body></html>`;

let server: Server | undefined;
let hits = 0;
const versions = new Map<string, number>();
const healed = new Set<string>();
const requests = new Map<string, Array<Record<string, string | string[] | undefined>>>();
/**
 * Holds an answer until the client gives up (its timeout), so that a timeout test never depends on
 * how fast the machine is; the cap only frees the server if a client never does.
 */
const untilClientLeaves = (res: ServerResponse) =>
  new Promise<void>((resolve) => {
    const cap = setTimeout(resolve, 120_000);
    res.once("close", () => {
      clearTimeout(cap);
      resolve();
    });
  });

const RSS = { "Content-Type": "application/rss+xml; charset=utf-8" };

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  hits++;
  const path = new URL(req.url ?? "/", "http://127.0.0.1").pathname;
  if (!path.startsWith("/__")) {
    const seen = requests.get(path) ?? [];
    seen.push({ ...req.headers });
    requests.set(path, seen);
  }
  let m: string[] = [];
  const hit = (re: RegExp): boolean => {
    const found = re.exec(path);
    if (found) m = found;
    return found !== null;
  };
  if (path === "/clinic.xml") {
    res.writeHead(200, RSS).end(CLINIC_RSS);
  } else if (path === "/broken.xml") {
    res.writeHead(500, { "Content-Type": "text/plain" }).end("upstream exploded");
  } else if (path === "/hits") {
    res.writeHead(200, { "Content-Type": "text/plain" }).end(String(hits));
  } else if (hit(/^\/__bump\/([\w-]+)$/)) {
    versions.set(m[1]!, (versions.get(m[1]!) ?? 1) + 1);
    res.writeHead(204).end();
  } else if (hit(/^\/__heal\/([\w-]+)$/)) {
    healed.add(m[1]!);
    res.writeHead(204).end();
  } else if (hit(/^\/__requests(\/.*)$/)) {
    res.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify(requests.get(m[1]!) ?? []));
  } else if (hit(/^\/(cond|plain)\/([\w-]+)\.xml$/)) {
    const key = m[2]!;
    const version = versions.get(key) ?? 1;
    const body = noticesRss(key, version + 1);
    if (m[1] === "plain") {
      res.writeHead(200, RSS).end(body);
      return;
    }
    const etag = `"${key}-v${version}"`;
    const lastModified = new Date(Date.UTC(2026, 9, 1, 8, version)).toUTCString();
    const validators = { ETag: etag, "Last-Modified": lastModified };
    if (req.headers["if-none-match"] === etag || req.headers["if-modified-since"] === lastModified) {
      res.writeHead(304, validators).end();
    } else {
      res.writeHead(200, { ...RSS, ...validators }).end(body);
    }
  } else if (hit(/^\/ttl\/([\w-]+)\.xml$/)) {
    const hints =
      "\n    <ttl>180</ttl>\n    <sy:updatePeriod>daily</sy:updatePeriod>\n    <sy:updateFrequency>4</sy:updateFrequency>";
    res
      .writeHead(200, { ...RSS, "Cache-Control": "public, max-age=7200" })
      .end(noticesRss(m[1]!, (versions.get(m[1]!) ?? 1) + 1, hints));
  } else if (path === "/gone.xml") {
    res.writeHead(410, { "Content-Type": "text/plain" }).end("this feed was retired");
  } else if (path === "/throttled.xml") {
    res.writeHead(429, { "Content-Type": "text/plain", "Retry-After": "3600" }).end("slow down");
  } else if (path === "/busy.xml") {
    const later = new Date(Date.now() + 2 * 3600_000).toUTCString();
    res.writeHead(503, { "Content-Type": "text/plain", "Retry-After": later }).end("maintenance");
  } else if (hit(/^\/flaky\/([\w-]+)\.xml$/)) {
    if (healed.has(m[1]!)) res.writeHead(200, RSS).end(noticesRss(m[1]!, 1));
    else res.writeHead(500, { "Content-Type": "text/plain" }).end("database unavailable");
  } else if (hit(/^\/down-page\/([\w-]+)\.html$/)) {
    if (healed.has(m[1]!))
      res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" }).end(PAGE(m[1]!));
    else req.socket.destroy();
  } else if (path === "/slow-head.xml") {
    await untilClientLeaves(res);
    if (!res.destroyed) res.writeHead(200, RSS).end(noticesRss("slow", 1));
  } else if (path === "/slow-body.xml") {
    const body = noticesRss("slow", 1);
    res.writeHead(200, RSS);
    res.write(body.slice(0, body.length / 2));
    await untilClientLeaves(res);
    if (!res.destroyed) res.end(body.slice(body.length / 2));
  } else if (path === "/big.xml") {
    res.writeHead(200, RSS);
    res.write('<?xml version="1.0"?><rss version="2.0"><channel><title>Big</title>');
    const chunk = `<item><title>filler</title><description>${"x".repeat(16_000)}</description></item>`;
    for (let i = 0; i < 128 && !res.destroyed; i++) res.write(chunk);
    res.end("</channel></rss>");
  } else if (hit(/^\/hop\/(\d+)\/([\w-]+)\.xml$/)) {
    const n = Number(m[1]);
    const next = n <= 1 ? `/cond/${m[2]}.xml` : `/hop/${n - 1}/${m[2]}.xml`;
    res.writeHead(n % 2 ? 302 : 307, { Location: next }).end();
  } else if (hit(/^\/moved\/(301|308)\/([\w-]+)\.xml$/)) {
    res.writeHead(Number(m[1]), { Location: `http://127.0.0.1:${portOf()}/cond/${m[2]}.xml` }).end();
  } else if (hit(/^\/page\/([\w-]+)\.html$/)) {
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" }).end(PAGE(m[1]!));
  } else if (path === "/nofeed.html") {
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" }).end(NO_FEED_PAGE);
  } else {
    res.writeHead(404).end();
  }
}

function portOf(): number {
  const address = server?.address();
  return typeof address === "object" && address ? address.port : 0;
}

export async function setup(project: TestProject): Promise<void> {
  server = createServer((req, res) => {
    handle(req, res).catch(() => res.destroy());
  });
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  project.provide("feedServerPort", portOf());
}

export async function teardown(): Promise<void> {
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
}

declare module "vitest" {
  export interface ProvidedContext {
    feedServerPort: number;
  }
}
