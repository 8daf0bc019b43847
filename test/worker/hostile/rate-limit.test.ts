import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createApp } from "../../../src/http/app";
import { WindowLimiter } from "../../../src/http/rate-limit";
import { TOKEN } from "../support/client";
import { orchardRss } from "../support/documents";
import { expectRefusal, seedTwoStories, storeState } from "./store-state";

function request(
  app: ReturnType<typeof createApp>,
  bindings: object,
  init: { method?: string; token?: string },
) {
  return app.request(
    "http://feedfold.test/ingest?source=https://weaver.example.org/feed.xml",
    init.method === "GET"
      ? {}
      : { method: "POST", headers: { Authorization: `Bearer ${init.token ?? TOKEN}` }, body: orchardRss() },
    bindings,
  );
}

describe("write endpoints are rate-limited per token", () => {
  it("the in-memory fallback allows WRITE_RATE_LIMIT writes a minute, then 429 with Retry-After", async () => {
    await seedTwoStories();
    const app = createApp();
    // A limit no other test uses, so this test has its own fallback limiter.
    const bindings = { ...env, WRITE_RATE_LIMIT: "3" };
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await request(app, bindings, {})).status);
    expect(statuses).toEqual([200, 200, 200]);
    const before = await storeState();
    const limited = await request(app, bindings, {});
    expect(limited.headers.get("Retry-After")).toBe("60");
    await expectRefusal(limited, 429, "rate-limited");
    expect(await storeState()).toEqual(before);
    // Another token has its own budget (and, being wrong, gets its 401); reads are never limited.
    await expectRefusal(await request(app, bindings, { token: "someone-else" }), 401, "unauthorized");
    const read = await app.request("http://feedfold.test/feed.json", {}, bindings);
    expect(read.status).toBe(200);
  });

  it("uses Cloudflare's rate limiting binding when WRITE_LIMITER is bound", async () => {
    const keys: string[] = [];
    const limiter = {
      limit: async ({ key }: { key: string }) => {
        keys.push(key);
        return { success: keys.length <= 1 };
      },
    };
    const app = createApp();
    const bindings = { ...env, WRITE_RATE_LIMIT: "100", WRITE_LIMITER: limiter };
    expect((await request(app, bindings, {})).status).toBe(200);
    await expectRefusal(await request(app, bindings, {}), 429, "rate-limited");
    // The key is a hash of the token, never the token itself.
    expect(keys[0]).toMatch(/^token:[0-9a-f]{24}$/);
    expect(keys.join()).not.toContain(TOKEN);
  });

  it("a WRITE_LIMITER that is not a rate limiter is a clear 503 misconfigured", async () => {
    const app = createApp();
    const res = await request(app, { ...env, WRITE_RATE_LIMIT: "100", WRITE_LIMITER: "oops" }, {});
    await expectRefusal(res, 503, "misconfigured");
  });
});

describe("WindowLimiter", () => {
  it("counts per key and resets after a minute; a flood of keys stays bounded", () => {
    let now = 0;
    const limiter = new WindowLimiter(2, () => now);
    expect([limiter.take("a"), limiter.take("a"), limiter.take("a"), limiter.take("b")]).toEqual([
      true,
      true,
      false,
      true,
    ]);
    now = 60_000;
    expect(limiter.take("a")).toBe(true);
    for (let i = 0; i < 20_000; i++) limiter.take(`k${i}`);
    expect((limiter as unknown as { windows: Map<string, unknown> }).windows.size).toBeLessThanOrEqual(
      10_000,
    );
  });
});
