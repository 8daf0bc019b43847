import { describe, expect, it } from "vitest";
import { feedJson, ingest } from "./support/client";
import { orchardRepostAtom, orchardRss } from "./support/documents";

interface PreviewDoc {
  version: string;
  title: string;
  items: Array<{ id: string; title?: string; _feedfold: { fingerprint?: string; duplicate_of?: string } }>;
}

describe("POST /preview", () => {
  it("parses without storing, and names the stored story a copy would join", async () => {
    const res = await ingest(orchardRepostAtom(), { path: "/preview" });
    expect(res.status).toBe(200);
    const doc = res.body as unknown as PreviewDoc;
    expect(doc.version).toBe("https://jsonfeed.org/version/1.1");
    expect(doc.title).toBe("Riverside Reposts");
    expect(doc.items).toHaveLength(1);
    expect(doc.items[0]!.id).toBe("tag:riverside-reposts.example.net,2026:post-9");
    expect(doc.items[0]!._feedfold.duplicate_of).toBeUndefined();
    expect((await feedJson()).items).toHaveLength(0);

    const stored = await ingest(orchardRss(), { source: "https://weaver.example.org/feed.xml" });
    const again = (await ingest(orchardRepostAtom(), { path: "/preview" })).body as unknown as PreviewDoc;
    expect(again.items[0]!._feedfold.duplicate_of).toBe(
      `http://feedfold.test/items/${stored.body.results![0]!.item}`,
    );
    expect(again.items[0]!._feedfold.fingerprint).toMatch(/^sha256:/);
  });
});
