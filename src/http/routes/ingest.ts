import { Hono } from "hono";
import { readConfig } from "../../config";
import { countStatuses, foldDocument, type ReadDocument, readDocument } from "../../ingest/ingest-document";
import { renderPreview } from "../../view/preview-feed";
import { requireToken } from "../auth";
import { foldIndexStub } from "../fold-index-stub";
import { HttpError } from "../http-error";
import { readBodyCapped } from "../read-body";

export const ingestRoutes = new Hono<{ Bindings: Env }>();

/** Shared by /ingest and /preview, so a preview is exactly what an ingest would store. */
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
  });
  if (doc.feed.items.length === 0 && doc.feed.warnings.length > 0) {
    // Read leniently and nothing usable came out (a truncated download, say): say why.
    throw new HttpError(
      422,
      "no-items",
      `no item could be read: ${doc.feed.warnings.slice(0, 3).join("; ")}`,
    );
  }
  return doc;
}

ingestRoutes.post("/ingest", requireToken, async (c) => {
  const doc = await readRequestDocument(c.req.raw, c.env);
  const report = await foldDocument(foldIndexStub(c.env), doc, new URL(c.req.url).origin);
  console.log(JSON.stringify({ event: "ingest", source: doc.source.id, ...countStatuses(report.results) }));
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
    return { item, id: p.copy.itemKey, fingerprint: p.copy.fingerprint, duplicateOf: matches[next++] };
  });
  return c.body(
    renderPreview(feed, source, entries, (id) => `${origin}/items/${id}`),
    200,
    {
      "Content-Type": "application/feed+json; charset=utf-8",
    },
  );
});
