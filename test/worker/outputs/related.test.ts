// Related coverage (issue 18) through the Worker: different articles about one event are listed
// with each other in every output (JSON Feed, Atom, RSS, the page, /items/{id}), never folded;
// template items of one site never; the relation follows merges and splits; the feeds still
// answer conditional GETs.
import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { buildEvalSet, jsonFeedOf } from "../../fixtures/fold-eval/build-eval";
import type { EvalItem } from "../../fixtures/fold-eval/model";
import { get, ingest, TOKEN } from "../support/client";

const evalSet = buildEvalSet();
const pick = (cluster: string, role: string): EvalItem => {
  const found = evalSet.find((i) => i.cluster === cluster && i.role === role);
  if (!found) throw new Error(`no ${cluster}/${role} in the evaluation set`);
  return found;
};

async function push(item: EvalItem): Promise<{ item: string; status: string }> {
  const answer = await ingest(jsonFeedOf([item]), { contentType: "application/feed+json" });
  expect(answer.status).toBe(200);
  return answer.body.results![0] as { item: string; status: string };
}

interface Related {
  id: string;
  title?: string;
  url?: string;
  score: number;
}

interface ItemJson {
  id: string;
  _feedfold: { copies: Array<{ id: string }>; related?: Related[] };
}

async function itemJson(id: string): Promise<ItemJson> {
  const res = await get(`/items/${id}`);
  expect(res.status).toBe(200);
  return (await res.json()) as ItemJson;
}

const relatedIds = async (id: string) => ((await itemJson(id))._feedfold.related ?? []).map((r) => r.id);

describe("related coverage", () => {
  it("lists rival reports and follow-ups with each other in every output, never as copies", async () => {
    const ferry = await push(pick("ferry-strike", "original"));
    const etag = (await get("/feed.json")).headers.get("ETag")!;
    const rival = await push(pick("ferry-strike-rival", "rival"));
    const followUp = await push(pick("ferry-strike-followup", "follow-up"));
    const otters = await push(pick("river-otters", "original"));
    expect(new Set([ferry.item, rival.item, followUp.item, otters.item]).size).toBe(4);

    const story = await itemJson(ferry.item);
    expect(story._feedfold.copies).toHaveLength(1);
    const related = story._feedfold.related ?? [];
    expect(related.map((r) => r.id).sort()).toEqual([rival.item, followUp.item].sort());
    expect(related.map((r) => r.score)).toEqual([...related.map((r) => r.score)].sort((a, b) => b - a));
    expect(related.find((r) => r.id === rival.item)).toMatchObject({
      title: pick("ferry-strike-rival", "rival").title,
      url: pick("ferry-strike-rival", "rival").url,
    });
    expect(await relatedIds(rival.item)).toContain(ferry.item);
    expect(await relatedIds(otters.item)).toEqual([]);

    const feed = (await (await get("/feed.json")).json()) as { items: ItemJson[] };
    expect(
      feed.items
        .find((i) => i.id === ferry.item)
        ?._feedfold.related?.map((r) => r.id)
        .sort(),
    ).toEqual([rival.item, followUp.item].sort());
    expect(feed.items.find((i) => i.id === otters.item)?._feedfold.related).toBeUndefined();

    const atom = await (await get("/feed.atom")).text();
    expect(atom).toContain(`<link rel="related" href="${pick("ferry-strike-rival", "rival").url}"`);
    const rss = await (await get("/feed.xml")).text();
    expect(rss).toContain(`<feedfold:related id="${rival.item}"`);
    const page = await (await get("/")).text();
    expect(page).toContain("Related coverage");
    expect(page).toContain(pick("ferry-strike-followup", "follow-up").title!);

    // The relation changed the feeds: the old ETag is stale, the new one answers 304.
    const fresh = await get("/feed.json", { "If-None-Match": etag });
    expect(fresh.status).toBe(200);
    const again = await get("/feed.json", { "If-None-Match": fresh.headers.get("ETag")! });
    expect(again.status).toBe(304);
  });

  it("never relates template items of one site, nor posts sharing only a footer", async () => {
    const ids: string[] = [];
    for (const item of evalSet.filter((i) => i.role === "template" || i.role === "shared-footer")) {
      ids.push((await push(item)).item);
    }
    for (const id of new Set(ids)) expect(await relatedIds(id)).toEqual([]);
  });

  it("follows merges (an absorbed id is never listed) and splits", async () => {
    const bakery = (role: string) => pick("bakery-prize", role);
    const rival: EvalItem = {
      cluster: "bakery-prize-rival",
      role: "rival",
      source: {
        feedUrl: "https://crust-weekly.example/feed.json",
        title: "Crust Weekly",
        homePageUrl: "https://crust-weekly.example/",
      },
      id: "crust-weekly-118",
      url: "https://crust-weekly.example/hollins-green-sourdough",
      title: "Hollins Green bakers take the national sourdough title",
      contentHtml:
        "<p>Dev and Priya Marsh, who run a two-person bakery in Hollins Green, are the new national sourdough champions after their rye and caraway loaf beat more than 300 other entries.</p><p>The couple say the recipe was born of a shortage: with no wheat flour left one spring morning, they baked with the rye they had. The judges said it was the first rye loaf to take the title in twenty years, and the Marshes plan to buy a second oven with the prize.</p>",
      datePublished: bakery("original").datePublished,
    };
    const summary = await push(bakery("summary"));
    const caption = await push(bakery("caption-repost"));
    expect(caption.item).not.toBe(summary.item);
    const other = await push(rival);
    expect(await relatedIds(other.item)).toEqual(expect.arrayContaining([caption.item]));

    // The full text bridges the summary and the repost: they merge into the summary's story.
    expect(await push(bakery("original"))).toMatchObject({ item: summary.item });
    const moved = await exports.default.fetch(`http://feedfold.test/items/${caption.item}`, {
      redirect: "manual",
    });
    expect(moved.status).toBe(301);
    expect(await relatedIds(other.item)).toEqual([summary.item]);
    expect(await relatedIds(summary.item)).toEqual([other.item]);
    const feed = (await (await get("/feed.json")).json()) as { items: ItemJson[] };
    const listed = feed.items.flatMap((i) => (i._feedfold.related ?? []).map((r) => r.id));
    expect(listed).not.toContain(caption.item);

    // Splitting the repost off again makes it a story of its own, related to the rival.
    const split = await exports.default.fetch(`http://feedfold.test/items/${summary.item}/split`, {
      method: "POST",
      headers: { Authorization: `Bearer ${TOKEN}`, "Content-Type": "application/json" },
      body: JSON.stringify({ copy: bakery("caption-repost").id }),
    });
    expect(split.status).toBe(200);
    const { split: part } = (await split.json()) as { split: { id: string } };
    expect(await relatedIds(part.id)).toContain(other.item);
    expect(await relatedIds(other.item)).toEqual(expect.arrayContaining([summary.item, part.id]));
  });
});
