import { Hono } from "hono";
import { readConfig } from "../../config";
import { foldIndexStub } from "../../fold-index/fold-index-stub";
import {
  countStatuses,
  foldDocument,
  type IdentifiedDocument,
  identifyDocument,
  readDocument,
} from "../../ingest/ingest-document";
import { logEvent } from "../../log-event";
import { purgeCachedFeeds } from "../../store/feed-cache";
import { SNAPSHOT_FORMATS } from "../../store/keys";
import { renderPreview } from "../../view/preview-feed";
import { requireToken } from "../auth";
import { HttpError } from "../http-error";
import { readBodyCapped } from "../read-body";

export const ingestRoutes = new Hono<{ Bindings: Env }>();

/**
 * Shared by /ingest and /preview, so a preview is exactly what an ingest would store. A preview
 * lists rejected items with their reason; only an ingest refuses a document it cannot keep.
 */
async function readRequestBody(req: Request, env: Env) {
  const config = readConfig(env);
  const declared = new URL(req.url).searchParams.get("source") ?? undefined;
  if (declared !== undefined && !/^https?:\/\/\S+$/i.test(declared)) {
    throw new HttpError(
      400,
      "bad-source",
      "?source= must be the http(s) URL of the feed or site the document comes from",
    );
  }
  const body = await readBodyCapped(req, config.maxBodyBytes);
  const options = {
    declaredSource: declared,
    contentType: req.headers.get("Content-Type") ?? undefined,
    maxItems: config.maxItemsPerDocument,
  };
  return { body, options };
}

/**
 * The fold index failed or timed out. Its batch is one transaction, so either all of it was
 * stored or none; a retry of the same request is `unchanged` where it was, and completes it where not.
 */
function indexUnavailable(err: unknown): HttpError {
  logEvent("fold-index-error", { message: String(err).slice(0, 500) }, "error");
  return new HttpError(
    503,
    "index-unavailable",
    "the fold index did not answer; nothing was half-stored, and sending the same request again is safe",
  );
}

ingestRoutes.post("/ingest", requireToken, async (c) => {
  const started = Date.now();
  const { body, options } = await readRequestBody(c.req.raw, c.env);
  const doc = await identifyDocument(body, options);
  refuseIfNothingUsable(doc);
  const report = await foldDocument(foldIndexStub(c.env), doc, new URL(c.req.url).origin).catch(
    (err: unknown) => {
      throw indexUnavailable(err);
    },
  );
  // Cached default feeds in this data centre would hide what was just stored until the publish
  // purges them: dropped now, so the next read asks the fold index (see routes/feeds.ts).
  if (report.results.some((r) => r.status === "new" || r.status === "duplicate" || r.status === "updated")) {
    await purgeCachedFeeds(readConfig(c.env).publicUrl ?? new URL(c.req.url).origin, SNAPSHOT_FORMATS).catch(
      () => undefined,
    );
  }
  logEvent("ingest", {
    source: doc.source.id,
    url: doc.source.feedUrl ?? doc.source.homePageUrl,
    items: report.results.length,
    counts: countStatuses(report.results),
    prepared: report.prepared,
    ms: Date.now() - started,
  });
  return c.json({ results: report.results });
});

ingestRoutes.post("/preview", requireToken, async (c) => {
  const { body, options } = await readRequestBody(c.req.raw, c.env);
  const { feed, source, prepared } = await readDocument(body, options);
  const copies = prepared.flatMap((p) => (p.kind === "copy" ? [p.copy] : []));
  const matches = copies.length ? await foldIndexStub(c.env).match(copies) : [];
  let next = 0;
  const origin = new URL(c.req.url).origin;
  const entries = prepared.map((p, i) => {
    const item = feed.items[i]!;
    if (p.kind === "rejected") return { item, id: p.id, rejected: p.reason };
    return { item, id: p.copy.payload.id, fingerprint: p.copy.fingerprint, duplicateOf: matches[next++] };
  });
  return c.body(
    renderPreview(feed, source, entries, (id) => `${origin}/items/${id}`),
    200,
    {
      "Content-Type": "application/feed+json; charset=utf-8",
    },
  );
});

/** Items were there and none could be kept: nothing is stored, and the sender should know why. */
function refuseIfNothingUsable(doc: IdentifiedDocument): void {
  if (doc.feed.items.length > 0 && doc.items.every((p) => p.kind === "rejected")) {
    const reasons = [...new Set(doc.items.map((p) => (p.kind === "rejected" ? p.reason : "")))];
    throw new HttpError(422, "no-usable-items", `no item could be kept: ${reasons.slice(0, 3).join("; ")}`);
  }
}
