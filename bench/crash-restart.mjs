// Crash consistency under a real process kill (issue 14). Starts `wrangler dev` on a free loopback
// port with state persisted to a temporary folder, sends a run of ingests of distinct documents,
// SIGKILLs wrangler and its workerd child (the whole process group) while ingests are in flight,
// starts it again on the same state, sends every document again, and checks:
//   - every item is listed exactly once in some story's `_feedfold.copies` (/feed.json?limit=500,
//     walked through next_url), and the stories of items accepted before the kill kept their ids;
//   - no story is doubled (no two stories share an item, no story id twice);
//   - the feeds were rebuilt: /feed.json lists every story the index counts (/admin/stats).
// Prints the figures and exits 1 on any failure.
//
//   node bench/crash-restart.mjs [--documents 30] [--items 3] [--kill-after 12] [--keep]
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { seededRandom } from "./corpus.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const TOKEN = "t";

function flag(name, fallback) {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
}
const DOCUMENTS = flag("documents", 30);
const ITEMS = flag("items", 3);
const KILL_AFTER = flag("kill-after", Math.floor(DOCUMENTS * 0.4));
const CONCURRENCY = 3;
const KEEP = process.argv.includes("--keep");

// ---------------------------------------------------------------- documents of our own text

const random = seededRandom(14);
const SYLLABLES =
  "ba be bo da de di fa fe go ka ke ki lo lu ma me mi no nu pa pe po ra re ri sa se so ta te ti va ve zo".split(
    " ",
  );
const pick = (list) => list[Math.floor(random() * list.length)];
const word = () => Array.from({ length: 2 + Math.floor(random() * 3) }, () => pick(SYLLABLES)).join("");
const sentence = (n) => {
  const words = Array.from({ length: n }, word);
  return `${words[0][0].toUpperCase()}${words.join(" ").slice(1)}.`;
};

function makeDocument(d) {
  const items = Array.from({ length: ITEMS }, (_, i) => {
    const guid = `crash-d${d}-i${i}`;
    const title = `${sentence(6).slice(0, -1)} (${d}.${i})`;
    const body = Array.from({ length: 5 }, () => sentence(14)).join(" ");
    const date = new Date(Date.UTC(2026, 10, 1, 0, d * ITEMS + i)).toUTCString();
    return {
      guid,
      xml: `<item><title>${title}</title><link>https://crash${d}.example.org/posts/${i}</link><guid isPermaLink="false">${guid}</guid><pubDate>${date}</pubDate><description>${body}</description></item>`,
    };
  });
  const xml = `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Crash test source ${d}</title><link>https://crash${d}.example.org/</link><description>Our own text, source ${d}</description>${items.map((i) => i.xml).join("")}</channel></rss>`;
  return { d, source: `https://crash${d}.example.org/feed.xml`, xml, guids: items.map((i) => i.guid) };
}
const documents = Array.from({ length: DOCUMENTS }, (_, d) => makeDocument(d));

// ---------------------------------------------------------------- wrangler dev

async function freePort() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function startWrangler(port, state) {
  const args = ["dev", "--ip", "127.0.0.1", "--port", String(port), "--persist-to", state];
  args.push("--var", `INGEST_TOKEN:${TOKEN}`, "--var", "PUBLISH_MIN_INTERVAL_MS:0");
  const child = spawn(join(root, "node_modules/.bin/wrangler"), args, {
    cwd: root,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, WRANGLER_SEND_METRICS: "false", NO_COLOR: "1", CI: "true" },
  });
  let output = "";
  const collect = (d) => {
    output += d;
  };
  child.stdout.on("data", collect);
  child.stderr.on("data", collect);
  const exited = new Promise((resolve) => child.once("exit", resolve));
  const origin = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited:\n${output}`);
    try {
      if ((await fetch(`${origin}/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      killGroup(child);
      throw new Error(`wrangler dev did not start in 120 s:\n${output.slice(-2000)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return { child, origin, exited, output: () => output };
}

/** SIGKILL to the process group: wrangler, workerd and anything else they started. */
function killGroup(child, signal = "SIGKILL") {
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

async function ingest(origin, doc) {
  const res = await fetch(`${origin}/ingest?source=${encodeURIComponent(doc.source)}`, {
    method: "POST",
    headers: { Authorization: `Bearer ${TOKEN}`, "Content-Type": "application/rss+xml" },
    body: doc.xml,
  });
  return { status: res.status, body: await res.json() };
}

// ---------------------------------------------------------------- the run

const failures = [];
const check = (ok, what) => {
  if (!ok) failures.push(what);
};

const state = mkdtempSync(join(tmpdir(), "feedfold-crash-"));
const port = await freePort();
let worker;
try {
  worker = await startWrangler(port, state);

  // Phase 1: ingests in flight, killed after KILL_AFTER answers.
  const firstRun = new Map(); // d -> results
  let next = 0;
  let killed = false;
  let inFlightAtKill = 0;
  let inFlight = 0;
  await new Promise((resolve) => {
    const launch = () => {
      while (!killed && inFlight < CONCURRENCY && next < documents.length) {
        const doc = documents[next++];
        inFlight++;
        ingest(worker.origin, doc)
          .then((answer) => {
            if (!killed && answer.status === 200) firstRun.set(doc.d, answer.body.results);
            else if (!killed)
              failures.push(
                `before the kill, document ${doc.d}: ${answer.status} ${JSON.stringify(answer.body)}`,
              );
          })
          .catch(() => {
            // cut off by the kill
          })
          .finally(() => {
            inFlight--;
            if (!killed && firstRun.size >= KILL_AFTER) {
              killed = true;
              inFlightAtKill = inFlight;
              killGroup(worker.child);
            }
            if (killed && inFlight === 0) resolve();
            else if (!killed) launch();
            if (!killed && inFlight === 0 && next >= documents.length) resolve();
          });
      }
    };
    launch();
  });
  await worker.exited;
  const sentBeforeKill = next;

  // Phase 2: the same state. What the feed and the index hold before anything is sent again.
  worker = await startWrangler(port, state);
  const auth = { Authorization: `Bearer ${TOKEN}` };
  const countStories = async () => {
    const stats = await (await fetch(`${worker.origin}/admin/stats`, { headers: auth })).json();
    const feed = await (await fetch(`${worker.origin}/feed.json?limit=500`)).json();
    return { index: stats.stories, feed: feed.items.length };
  };
  const afterRestart = await countStories();
  const secondRun = new Map();
  for (const doc of documents) {
    const answer = await ingest(worker.origin, doc);
    check(
      answer.status === 200,
      `after the restart, document ${doc.d}: ${answer.status} ${JSON.stringify(answer.body)}`,
    );
    if (answer.status === 200) secondRun.set(doc.d, answer.body.results);
  }
  // Items accepted before the kill are unchanged, in the story they were given.
  let keptIds = 0;
  for (const [d, results] of firstRun) {
    const again = secondRun.get(d) ?? [];
    for (const r of results) {
      const same = again.find((a) => a.id === r.id);
      check(
        same?.status === "unchanged",
        `item ${r.id} accepted before the kill is ${same?.status} after it`,
      );
      check(same?.item === r.item, `item ${r.id} moved from story ${r.item} to ${same?.item}`);
      if (same?.item === r.item) keptIds++;
    }
  }

  // The documents that were in flight at the kill: stored whole before it ("unchanged" now) or not at all ("new").
  const inFlightDocs = documents.slice(0, sentBeforeKill).filter((doc) => !firstRun.has(doc.d));
  const inFlightStatuses = inFlightDocs.map((doc) => {
    const statuses = [...new Set((secondRun.get(doc.d) ?? []).map((r) => r.status))];
    check(
      statuses.length === 1,
      `document ${doc.d}, in flight at the kill, was half stored: ${statuses.join(", ")}`,
    );
    return statuses.join("+");
  });

  // The feeds: walk /feed.json until it lists what the index counts (publishing may lag a moment).
  let stories = [];
  let indexStories = -1;
  for (let attempt = 0; attempt < 40; attempt++) {
    indexStories = (await (await fetch(`${worker.origin}/admin/stats`, { headers: auth })).json()).stories;
    stories = [];
    let url = `${worker.origin}/feed.json?limit=500`;
    while (url) {
      const page = await (await fetch(url)).json();
      stories.push(...page.items);
      url = page.next_url
        ? new URL(page.next_url, worker.origin).href.replace(/^https?:\/\/[^/]+/, worker.origin)
        : undefined;
    }
    if (stories.length === indexStories) break;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  const seen = new Map(); // guid -> count
  for (const story of stories)
    for (const copy of story._feedfold.copies) seen.set(copy.id, (seen.get(copy.id) ?? 0) + 1);
  const expected = documents.flatMap((doc) => doc.guids);
  const missing = expected.filter((g) => !seen.has(g));
  const duplicates = expected.filter((g) => (seen.get(g) ?? 0) > 1);
  const storyIds = new Set(stories.map((s) => s.id));
  check(
    missing.length === 0,
    `${missing.length} items missing from the feed: ${missing.slice(0, 5).join(", ")}`,
  );
  check(
    duplicates.length === 0,
    `${duplicates.length} items listed more than once: ${duplicates.slice(0, 5).join(", ")}`,
  );
  check(storyIds.size === stories.length, `${stories.length - storyIds.size} story ids listed twice`);
  check(
    stories.length === indexStories,
    `the feed lists ${stories.length} stories, the index holds ${indexStories}`,
  );

  console.log(
    JSON.stringify(
      {
        documents: DOCUMENTS,
        itemsPerDocument: ITEMS,
        sentBeforeKill,
        acceptedBeforeKill: firstRun.size,
        inFlightAtKill,
        inFlightDocumentsAfterRestart: inFlightStatuses,
        storiesAfterRestartBeforeResend: afterRestart,
        itemsAcceptedBeforeKill: [...firstRun.values()].reduce((n, r) => n + r.length, 0),
        keptTheirStoryAfterRestart: keptIds,
        items: expected.length,
        itemsInFeed: seen.size,
        stories: stories.length,
        indexStories,
        missing: missing.length,
        duplicatesFound: duplicates.length,
        failures: failures.length,
      },
      null,
      2,
    ),
  );
} catch (err) {
  failures.push(String(err?.stack ?? err));
} finally {
  if (worker) {
    killGroup(worker.child, "SIGTERM");
    await Promise.race([worker.exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
    killGroup(worker.child);
  }
  if (!KEEP) rmSync(state, { recursive: true, force: true });
  else console.log(`state kept in ${state}`);
}
if (failures.length) {
  console.error(`FAILED:\n- ${failures.slice(0, 20).join("\n- ")}`);
  process.exit(1);
}
console.log("ok: every item once, no story doubled, feeds rebuilt");
