import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { feedJson, ingest } from "../support/client";
import { ORCHARD_TITLE, orchardRepostAtom } from "../support/documents";

function stats() {
  return env.FOLD_INDEX.get(env.FOLD_INDEX.idFromName("main")).stats();
}

/**
 * Deterministic made-up words (three syllables from twenty: 8,000 of them), so the 500 articles
 * share no more text than unrelated articles do and none is a near-duplicate of another.
 */
function wordsFor(seed: number, count: number): string {
  const syllables = "ka lo mi ne ru sa ti vo pe da gu fi zo ha je wu bi ce xo ly".split(" ");
  let x = (seed * 2654435761 + 1) % 2147483648;
  const next = () => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return syllables[(x >>> 8) % syllables.length]!;
  };
  return Array.from({ length: count }, () => next() + next() + next()).join(" ");
}

function distinctArticle(n: number): string {
  return JSON.stringify({
    version: "https://jsonfeed.org/version/1.1",
    title: `Parish Bulletin ${n}`,
    home_page_url: `https://parish-${n}.example.org/`,
    items: [
      {
        id: `bulletin-${n}`,
        url: `https://parish-${n}.example.org/posts/${n}`,
        title: `Bulletin ${n}: ${wordsFor(n + 7, 4)}`,
        content_text: `Notice ${n}. ${wordsFor(n, 80)}. Number ${n * 7919} closes the notice.`,
        date_published: new Date(Date.UTC(2026, 0, 1) + n * 60_000).toISOString(),
      },
    ],
  });
}

describe("concurrent ingests", () => {
  it("50 copies of one article sent at once make 1 story with 50 copies", async () => {
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        ingest(orchardRepostAtom(`Reposter ${i}`, `reposter-${i}.example.net`), {
          contentType: "application/atom+xml",
        }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(50).fill(200));
    const results = answers.map((a) => a.body.results![0]!);
    expect(results.filter((r) => r.status === "new")).toHaveLength(1);
    expect(results.filter((r) => r.status === "duplicate")).toHaveLength(49);
    expect(new Set(results.map((r) => r.item)).size).toBe(1);

    const json = await feedJson();
    expect(json.items).toHaveLength(1);
    expect(json.items[0]!.title).toBe(ORCHARD_TITLE);
    const copies = json.items[0]!._feedfold.copies;
    expect(copies).toHaveLength(50);
    expect(new Set(copies.map((c) => c.url)).size).toBe(50);
    expect(await stats()).toEqual({ stories: 1, copies: 50, entries: 50 });
  });

  it(
    "500 distinct articles sent concurrently make 500 stories, none lost",
    { timeout: 120_000 },
    async () => {
      const answers: Awaited<ReturnType<typeof ingest>>[] = [];
      // Two waves of 250 concurrent requests keep the test quick on two cores.
      for (const wave of [0, 250]) {
        answers.push(
          ...(await Promise.all(
            Array.from({ length: 250 }, (_, i) =>
              ingest(distinctArticle(wave + i), { contentType: "application/feed+json" }),
            ),
          )),
        );
      }
      expect(answers.filter((a) => a.status !== 200)).toEqual([]);
      const ids = answers.map((a) => a.body.results![0]!);
      expect(ids.filter((r) => r.status !== "new")).toEqual([]);
      expect(new Set(ids.map((r) => r.item)).size).toBe(500);
      expect(await stats()).toEqual({ stories: 500, copies: 500, entries: 500 });

      const listed = new Set<string>();
      for (let path: string | undefined = "/feed.json?limit=200"; path; ) {
        const page = await feedJson(path);
        for (const item of page.items) listed.add(item.id);
        path = page.next_url ? new URL(page.next_url).pathname + new URL(page.next_url).search : undefined;
      }
      expect(listed).toEqual(new Set(ids.map((r) => r.item)));
      expect((await feedJson()).items).toHaveLength(50);
    },
  );
});
