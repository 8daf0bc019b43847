// What one new story, one copy and one unchanged poll cost in KV and Durable Object operations,
// counted on the real Worker in Miniflare by wrappers around its bindings (bench/local-worker.mjs).
// The corpus is our own (bench/corpus.mjs, seed 8). Figures:
//   kv_writes_per_new_story      one /ingest of a site's feed with one new item (worst case: one
//                                new story per request, so nothing is shared between stories)
//   kv_writes_per_new_story_poll one cron poll over every source after some gained 1-2 items
//   kv_writes_per_copy           one /ingest of a blog feed with one new repost of a recent story
//   kv_writes_per_unchanged_poll a cron poll where no source changed, per source polled
// plus, for the README's cost table, per event: kv reads and lists, DO requests, DO rows read and
// written, queue messages and subrequests (outbound fetches).
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { makeCorpus, newSiteItem, renderFeed } from "./corpus.mjs";
import { serveFeeds, startLocalWorker } from "./local-worker.mjs";

const SEED = 8;
const corpus = makeCorpus({ seed: SEED, sites: 10, itemsPerSite: 12, reposters: 3, repostShare: 0.3 });
const sites = corpus.sources.filter((s) => s.kind === "site");
const blogs = corpus.sources.filter((s) => s.kind === "reposter");

const host = await serveFeeds();
const pathOf = (source, i) => `/${source.kind}-${i}.xml`;
corpus.sources.forEach((s, i) => {
  host.files[pathOf(s, i)] = renderFeed(s);
});
const feedUrls = corpus.sources.map((s, i) => `${host.origin}${pathOf(s, i)}`);
/** Pushes use the URL the poller knows the source by, so its known items stay `unchanged`. */
const urlOf = (source) => feedUrls[corpus.sources.indexOf(source)];
const w = await startLocalWorker({ vars: { SOURCES: feedUrls.join(",") } });

const figures = [];
const figure = (name, value) => {
  const v = Number.isInteger(value) ? value : Number(value.toFixed(3));
  figures.push(`figure ${name} ${v}`);
};
const table = [];
/** Records one scenario's counters divided by its number of events. */
function record(label, counts, events) {
  const per = (n) => n / events;
  table.push({
    label,
    events,
    kvReads: per(counts.kvReads),
    kvWrites: per(counts.kvWrites),
    kvLists: per(counts.kvLists),
    doRequests: per(counts.doRequests + counts.doAlarms),
    doRowsRead: per(counts.doRowsRead),
    doRowsWritten: per(counts.doRowsWritten),
    queueMessages: per(counts.queueMessages),
    subrequests: per(counts.subrequests),
  });
  return per(counts.kvWrites);
}

async function expectStatuses(answer, wanted) {
  if (answer.status !== 200)
    throw new Error(`ingest failed: ${answer.status} ${JSON.stringify(answer.body)}`);
  const got = answer.body.results.map((r) => r.status);
  for (const [status, n] of Object.entries(wanted)) {
    const have = got.filter((s) => s === status).length;
    if (have !== n) throw new Error(`expected ${n} ${status}, got ${JSON.stringify(got)}`);
  }
}

// 1. The store fills from a first poll of every source (not a figure: a one-off backfill).
const first = await w.measure(async () => {
  await w.pollNow();
  await w.settle();
});
const stored = await (await w.fetch("/feed.json?limit=500")).json();
console.log(
  `backfill: ${corpus.sources.length} sources, ${corpus.originals} originals + ${corpus.copies} reposts → ${stored.items.length} stories; ${first.counts.kvWrites} KV writes`,
);
record("backfill poll (per source)", first.counts, corpus.sources.length);

// 2. Unchanged poll: nothing changed at any source.
const unchanged = await w.measure(async () => {
  await w.pollNow();
  await w.settle();
});
figure(
  "kv_writes_per_unchanged_poll",
  record("unchanged poll (per source)", unchanged.counts, corpus.sources.length),
);
figure("do_rows_written_per_unchanged_poll", unchanged.counts.doRowsWritten / corpus.sources.length);

// 3. New story by push: a site's whole feed again, with one new item on top.
const PUSHES = 12;
let pushRows;
{
  const results = [];
  const m = await w.measure(async () => {
    for (let k = 0; k < PUSHES; k++) {
      const site = sites[k % sites.length];
      site.items.unshift(newSiteItem(site, k, SEED, "2026-11-11T00:00:00Z"));
      const { body, contentType } = renderFeed(site);
      results.push(await w.ingest(body, { source: urlOf(site), contentType }));
      // The fold index publishes from its alarm after the answer: count that publish too.
      await w.settle();
    }
  });
  for (const r of results) await expectStatuses(r, { new: 1, duplicate: 0 });
  pushRows = await w.rows();
  figure("kv_writes_per_new_story", record("new story, pushed alone", m.counts, PUSHES));
  figure("do_requests_per_new_story", m.counts.doRequests / PUSHES);
  figure("do_rows_read_per_new_story", m.counts.doRowsRead / PUSHES);
  figure("do_rows_written_per_new_story", m.counts.doRowsWritten / PUSHES);
  // Related coverage's share of it (issue 18): its own tables (related_docs, the related_fts
  // index and its shadow tables, related_pairs, the related_vocab lookups).
  const related = pushRows.filter((r) => r.query.includes("related_"));
  figure("do_rows_written_per_new_story_related", related.reduce((n, r) => n + r.rowsWritten, 0) / PUSHES);
  figure("do_rows_read_per_new_story_related", related.reduce((n, r) => n + r.rowsRead, 0) / PUSHES);
}

// 4. A copy: a blog reposts one of the newest stories (it is on the default feed's first page).
{
  const results = [];
  const m = await w.measure(async () => {
    for (let k = 0; k < blogs.length; k++) {
      const blog = blogs[k];
      const site = sites[k % sites.length];
      const original = site.items[0];
      const html = `<div>${original.paragraphs.join("<br /><br />")}<br />Source: ${site.title}<br />Post a Comment</div>`;
      blog.items.unshift({
        guid: `tag:${new URL(blog.home).host},2026:copy-${k}`,
        title: original.title,
        link: `${blog.home}2026/11/copy-${k}.html`,
        date: new Date(Date.parse(original.date) + 600_000).toISOString(),
        html,
      });
      const { body, contentType } = renderFeed(blog);
      results.push(await w.ingest(body, { source: urlOf(blog), contentType }));
      await w.settle();
    }
  });
  for (const r of results) await expectStatuses(r, { duplicate: 1 });
  figure("kv_writes_per_copy", record("copy of a recent story", m.counts, blogs.length));
}

// 5. New stories by polling: some sources gained one or two items since the last cycle.
{
  let added = 0;
  sites.forEach((site, i) => {
    if (i % 3 === 2) return;
    const n = 1 + (i % 2);
    for (let j = 0; j < n; j++) {
      site.items.unshift(newSiteItem(site, 100 + i * 10 + j, SEED, "2026-11-12T00:00:00Z"));
      added++;
    }
  });
  corpus.sources.forEach((s, i) => {
    host.files[pathOf(s, i)] = renderFeed(s);
  });
  const m = await w.measure(async () => {
    await w.pollNow();
    await w.settle();
  });
  const after = await (await w.fetch("/feed.json?limit=500")).json();
  const grew = after.items.length - stored.items.length - PUSHES;
  if (grew !== added) console.log(`warning: poll added ${grew} stories, expected ${added}`);
  figure("kv_writes_per_new_story_poll", record("new story, by a poll cycle", m.counts, added));
}

// 6. Served requests. The first request of each default feed misses the Cache API (one KV read),
// the next one in the same location hits it; other views are rendered by the fold index.
const FEED_PATHS = ["/feed.xml", "/feed.atom", "/feed.json", "/"];
const served = {};
{
  const get = async (path, headers = {}) => {
    const res = await w.fetch(path, { headers });
    await res.arrayBuffer();
    return res;
  };
  const miss = await w.measure(async () => {
    for (const path of FEED_PATHS) await get(path);
  });
  served.miss = miss.counts.kvReads / FEED_PATHS.length;
  record("default feed, Cache API miss", miss.counts, FEED_PATHS.length);
  const hit = await w.measure(async () => {
    for (const path of FEED_PATHS) await get(path);
  });
  served.hit = hit.counts.kvReads / FEED_PATHS.length;
  record("default feed, Cache API hit", hit.counts, FEED_PATHS.length);
  const etag = (await get("/feed.xml")).headers.get("ETag");
  const m304 = await w.measure(async () => {
    const res = await get("/feed.xml", { "If-None-Match": etag });
    if (res.status !== 304) throw new Error(`expected 304, got ${res.status}`);
  });
  record("conditional GET answered 304", m304.counts, 1);
  const page = await w.measure(() => get("/feed.json?limit=20"));
  record("other view (?limit=20)", page.counts, 1);
  const newest = (await (await w.fetch("/feed.json")).json()).items[0].id;
  const item = await w.measure(() => get(`/items/${newest}`));
  record("GET /items/{id}", item.counts, 1);
}
// The issue-6 bench (feeds.bench.mjs) owns these two figures when it is there.
if (!existsSync(join(dirname(fileURLToPath(import.meta.url)), "feeds.bench.mjs"))) {
  figure("kv_reads_per_feed_hit", served.hit);
  figure("kv_reads_per_feed_miss", served.miss);
}

await w.stop();
await host.close();

// The README's cost table, printed from the counters above (paste it as it is).
const COLUMNS = [
  ["kvReads", "KV reads"],
  ["kvWrites", "KV writes"],
  ["kvLists", "KV lists"],
  ["doRequests", "DO requests"],
  ["doRowsRead", "DO rows read"],
  ["doRowsWritten", "DO rows written"],
  ["queueMessages", "Queue messages"],
  ["subrequests", "subrequests"],
];
const fmt = (n) => (Number.isInteger(n) ? String(n) : n.toFixed(2));
console.log(`\n| per event (events counted) | ${COLUMNS.map(([, h]) => h).join(" | ")} |`);
console.log(`|---|${COLUMNS.map(() => "---:").join("|")}|`);
for (const row of table) {
  console.log(`| ${row.label} (${row.events}) | ${COLUMNS.map(([k]) => fmt(row[k])).join(" | ")} |`);
}
printPlans();

/**
 * What the Free plan holds per day and what 10,000 sources cost on Paid, from the counted costs
 * above. Plan limits and prices as Cloudflare publishes them (November 2026); the assumptions are
 * named in the output.
 */
function printPlans() {
  const row = (label) => table.find((r) => r.label.startsWith(label));
  const story = row("new story, pushed alone");
  const polled = row("new story, by a poll cycle");
  const idle = row("unchanged poll");
  const FREE = {
    kvWrites: 1000,
    kvReads: 100_000,
    requests: 100_000,
    doRequests: 100_000,
    rowsWritten: 100_000,
    queueOps: 10_000,
  };
  const pollsPerDay = 24; // POLL_INTERVAL_MINUTES = 60
  // Polling: one queue message (3 operations) per source polled when sources fan out over the queue.
  const sourcesByQueue = Math.floor(FREE.queueOps / (3 * idle.queueMessages * pollsPerDay));
  const sourcesInline = Math.floor((96 * 10) / pollsPerDay); // 96 cron runs a day, POLL_INLINE_MAX = 10
  const pollRows = idle.doRowsWritten * pollsPerDay * sourcesByQueue;
  const storiesByKv = Math.floor(FREE.kvWrites / story.kvWrites);
  const storiesByRows = Math.floor((FREE.rowsWritten - pollRows) / story.doRowsWritten);
  console.log(`\nFree plan, per day (polling every 60 minutes):`);
  console.log(
    `- sources: ${sourcesByQueue} through the queue (10,000 queue operations, 3 per message), or ${sourcesInline} polled inline by the cron (10 a run, 96 runs)`,
  );
  console.log(`- polls: ${sourcesByQueue * pollsPerDay}, costing ${Math.round(pollRows)} DO rows written`);
  console.log(
    `- new stories: ${Math.min(storiesByKv, storiesByRows)} (KV writes allow ${storiesByKv} even pushed one at a time; DO rows written allow ${storiesByRows})`,
  );
  console.log(
    `- readers: ${FREE.kvReads} default-feed requests that miss the Cache API (1 KV read each), within 100,000 Worker requests; a reader polling every 15 minutes makes 96`,
  );

  const sources = 10_000;
  const newPerSourcePerDay = 3;
  const month = 30;
  const polls = sources * pollsPerDay * month;
  const stories = sources * newPerSourcePerDay * month;
  const over = (used, included, pricePerMillion) => (Math.max(0, used - included) / 1e6) * pricePerMillion;
  const cost = {
    base: 5,
    workerRequests: over(polls / 8 + 2880, 10e6, 0.3),
    queue: over(polls * idle.queueMessages * 3, 1e6, 0.4),
    doRequests: over(polls * idle.doRequests + stories * polled.doRequests, 1e6, 0.15),
    rowsWritten: over(polls * idle.doRowsWritten + stories * polled.doRowsWritten, 50e6, 1),
    rowsRead: over(polls * idle.doRowsRead + stories * polled.doRowsRead, 25e9, 0.001),
    kvWrites: over(stories * polled.kvWrites, 1e6, 5),
  };
  const total = Object.values(cost).reduce((a, b) => a + b, 0);
  console.log(
    `\nPaid plan, ${sources} sources polled every 60 minutes, ${newPerSourcePerDay} new stories per source a day (${(stories / 1e6).toFixed(1)} M stories, ${(polls / 1e6).toFixed(1)} M polls a month):`,
  );
  for (const [k, v] of Object.entries(cost)) console.log(`- ${k}: $${v.toFixed(2)}`);
  console.log(
    `- total: $${total.toFixed(2)} a month, before readers (Worker requests $0.30 and KV reads $0.50 per million beyond 10 M each)`,
  );
  figure("paid_usd_per_month_10k_sources", total);
}

console.log("\nDO rows written per new story, by statement (pushed alone):");
for (const r of pushRows.filter((r) => r.rowsWritten > 0)) {
  console.log(`  ${(r.rowsWritten / PUSHES).toFixed(1).padStart(6)}  ${r.query}`);
}
console.log("\nDO rows read per new story, by statement (pushed alone):");
for (const r of [...pushRows].sort((a, b) => b.rowsRead - a.rowsRead).filter((r) => r.rowsRead >= PUSHES)) {
  console.log(`  ${(r.rowsRead / PUSHES).toFixed(1).padStart(6)}  ${r.query}`);
}
console.log("\nDO rows of related coverage per new story, by statement (pushed alone): read, written");
for (const r of pushRows.filter((r) => r.query.includes("related_"))) {
  console.log(
    `  ${(r.rowsRead / PUSHES).toFixed(1).padStart(8)} ${(r.rowsWritten / PUSHES).toFixed(1).padStart(6)}  ${r.query}`,
  );
}
for (const line of figures) console.log(line);
