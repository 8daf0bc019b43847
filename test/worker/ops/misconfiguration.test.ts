// Each misconfiguration an operator can make, as the HTTP response they would see: one 503
// `misconfigured` error naming the setting and how to fix it, never a stack trace.
import { createExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createApp } from "../../../src/http/app";
import { TOKEN } from "../support/client";

const app = createApp();

async function answer(
  changes: Record<string, unknown>,
  path = "/feed.json",
  init: RequestInit = {},
): Promise<{ status: number; body: { error?: string; detail?: string } }> {
  const fakeEnv = { ...env, ...changes } as Env;
  const res = await app.request(`http://feedfold.test${path}`, init, fakeEnv, createExecutionContext());
  const text = await res.text();
  expect(text).not.toMatch(/\n\s+at /); // no stack trace
  return { status: res.status, body: JSON.parse(text) as { error?: string; detail?: string } };
}

const authed = { method: "POST", headers: { Authorization: `Bearer ${TOKEN}` }, body: "<rss/>" };

describe("a misconfigured deployment says which setting is wrong and how to fix it", () => {
  it.each([
    [
      "the KV binding is missing",
      { FEEDFOLD_KV: undefined },
      "/feed.json",
      "FEEDFOLD_KV",
      /wrangler kv namespace create FEEDFOLD_KV/,
    ],
    [
      "the Durable Object binding is missing",
      { FOLD_INDEX: undefined },
      "/",
      "FOLD_INDEX",
      /durable_objects/,
    ],
    [
      "a flag is not true/false",
      { ALLOW_LOOPBACK_SOURCES: "yes" },
      "/feed.xml",
      "ALLOW_LOOPBACK_SOURCES",
      /"true" or "false"/,
    ],
    [
      "a number is not a number",
      { PUBLISH_MIN_INTERVAL_MS: "1s" },
      "/feed.atom",
      "PUBLISH_MIN_INTERVAL_MS",
      /whole number/,
    ],
    [
      "a number is out of range",
      { FEED_CACHE_SECONDS: "99999" },
      "/items/0123456789abcdef0123",
      "FEED_CACHE_SECONDS",
      /between 0 and 3600/,
    ],
    [
      "PUBLIC_URL is not a URL",
      { PUBLIC_URL: "news.example.org" },
      "/feed.json",
      "PUBLIC_URL",
      /https:\/\/news\.example\.org/,
    ],
  ])("%s", async (_case, changes, path, setting, fix) => {
    const { status, body } = await answer(changes, path);
    expect(status).toBe(503);
    expect(body.error).toBe("misconfigured");
    expect(body.detail).toMatch(new RegExp(`^${setting}: `));
    expect(body.detail).toMatch(fix);
  });

  it.each([
    "/ingest",
    "/preview",
    "/admin/poll",
  ])("INGEST_TOKEN unset: POST %s names the secret", async (path) => {
    const { status, body } = await answer({ INGEST_TOKEN: undefined }, path, authed);
    expect(status).toBe(503);
    expect(body.error).toBe("misconfigured");
    expect(body.detail).toMatch(/INGEST_TOKEN/);
    expect(body.detail).toMatch(/wrangler secret put INGEST_TOKEN/);
  });

  it("INGEST_TOKEN unset: GET /admin/stats names the secret too", async () => {
    const { status, body } = await answer({ INGEST_TOKEN: undefined }, "/admin/stats");
    expect(status).toBe(503);
    expect(body.detail).toMatch(/wrangler secret put INGEST_TOKEN/);
  });

  it("INGEST_TOKEN unset still serves the public feeds", async () => {
    const res = await app.request(
      "http://feedfold.test/feed.json",
      {},
      { ...env, INGEST_TOKEN: undefined } as Env,
      createExecutionContext(),
    );
    expect(res.status).toBe(200);
  });

  it("liveness does not depend on configuration", async () => {
    const res = await app.request("http://feedfold.test/healthz", {}, {
      FEEDFOLD_KV: undefined,
    } as unknown as Env);
    expect(res.status).toBe(200);
  });
});
