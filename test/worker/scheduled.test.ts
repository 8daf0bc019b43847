import { createExecutionContext, createScheduledController, waitOnExecutionContext } from "cloudflare:test";
import { env, exports } from "cloudflare:workers";
import { expect, it } from "vitest";
import worker from "../../src/index";
import { feedJson, TOKEN } from "./support/client";

it("the cron handler polls the configured sources and ingests their items", async () => {
  const ctx = createExecutionContext();
  worker.scheduled(createScheduledController({ cron: "*/15 * * * *" }), env, ctx);
  await waitOnExecutionContext(ctx);
  const json = await feedJson();
  expect(json.items.map((i) => i.title)).toEqual(["Flu vaccination evenings start next week"]);
  expect(json.items[0]!._feedfold.copies[0]!.source.title).toBe("Valley Clinic News");
});

it("POST /admin/poll runs one cycle, reports each source, and a second cycle changes nothing", async () => {
  const poll = () =>
    exports.default.fetch("http://feedfold.test/admin/poll", {
      method: "POST",
      headers: { Authorization: `Bearer ${TOKEN}` },
    });
  const first = (await (await poll()).json()) as {
    mode: string;
    polled: number;
    ok: number;
    failed: number;
    sources: Array<{
      url: string;
      ok: boolean;
      result: string;
      status?: number;
      counts?: Record<string, number>;
    }>;
  };
  expect(first.mode).toBe("inline");
  expect(first.polled).toBe(2);
  expect(first.failed).toBe(1);
  expect(first.sources.find((s) => s.url.endsWith("/broken.xml"))).toMatchObject({ ok: false, status: 500 });
  expect(first.sources.find((s) => s.url.endsWith("/clinic.xml"))).toMatchObject({
    ok: true,
    result: "ingested",
    counts: { new: 1 },
  });
  const etag = (await exports.default.fetch("http://feedfold.test/feed.json")).headers.get("ETag");
  const second = (await (await poll()).json()) as typeof first;
  // The same bytes again: recognised by their hash, not even parsed.
  expect(second.sources.find((s) => s.url.endsWith("/clinic.xml"))).toMatchObject({
    ok: true,
    result: "unchanged",
  });
  expect((await exports.default.fetch("http://feedfold.test/feed.json")).headers.get("ETag")).toBe(etag);
});

it("POST /admin/poll needs the token", async () => {
  const res = await exports.default.fetch("http://feedfold.test/admin/poll", { method: "POST" });
  expect(res.status).toBe(401);
});
