import { Hono } from "hono";
import { readConfig } from "../../config";
import { foldIndexStub } from "../../fold-index/fold-index-stub";
import { countStatuses, foldDocument, type ReadDocument, readDocument } from "../../ingest/ingest-document";
import { logEvent } from "../../log-event";
import { renderPreview } from "../../view/preview-feed";
import { requireToken } from "../auth";
import { HttpError } from "../http-error";
import { readBodyCapped } from "../read-body";

export const ingestRoutes = new Hono<{ Bindings: Env }>();

/**
 * Shared by /ingest and /preview, so a preview is exactly what an ingest would store. A preview
 * lists rejected items with their reason; only an ingest refuses a document it cannot keep.
 */
async function readRequestDocument(req: Request, env: Env): Promise<ReadDocument> {
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
  const doc = await readDocument(body, {
    declaredSource: declared,
    contentType: req.headers.get("Content-Type") ?? undefined,
    maxItems: config.maxItemsPerDocument,
  });
  return doc;
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
  const doc = await readRequestDocument(c.req.raw, c.env);
  refuseIfNothingUsable(doc);
  const report = await foldDocument(foldIndexStub(c.env), doc, new URL(c.req.url).origin).catch(
    (err: unknown) => {
      throw indexUnavailable(err);
    },
  );
  logEvent("ingest", {
    source: doc.source.id,
    url: doc.source.feedUrl ?? doc.source.homePageUrl,
    items: report.results.length,
    counts: countStatuses(report.results),
    publishError: report.publishError,
    ms: Date.now() - started,
  });
  if (report.publishError) {
    throw new HttpError(
      503,
      "storage-unavailable",
      "the items were recorded but the feeds could not be updated yet; feedfold retries on its own, and sending the same request again is safe",
    );
  }
  return c.json({ results: report.results });
});

ingestRoutes.post("/preview", requireToken, async (c) => {
  const { feed, source, prepared } = await readRequestDocument(c.req.raw, c.env);
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
function refuseIfNothingUsable(doc: ReadDocument): void {
  if (doc.feed.items.length > 0 && doc.prepared.every((p) => p.kind === "rejected")) {
    // Items were there and none could be kept: nothing was stored, and the sender should know.
    const reasons = [...new Set(doc.prepared.map((p) => (p.kind === "rejected" ? p.reason : "")))];
    throw new HttpError(422, "no-usable-items", `no item could be kept: ${reasons.slice(0, 3).join("; ")}`);
  }
}
