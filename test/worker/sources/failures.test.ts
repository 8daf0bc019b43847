import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { runPollCycle } from "../../../src/sources/run-poll-cycle";
import { TOKEN } from "../support/client";
import { addSource, adminPoll, importUrls, reportFor, SERVER, serverPost, sourceByUrl } from "./support";

describe("failures a person can act on", () => {
  it("a page that cannot be fetched is registered pending discovery, never as a feed, and found later", async () => {
    const page = `${SERVER}/down-page/pd1.html`;
    const added = await addSource(page);
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({
      failure: "connect",
      source: { url: page, pendingDiscovery: true },
    });
    expect(added.body.warning).toBe(
      `could not fetch ${page} now (connect: the connection was refused or lost before an answer (${new URL(SERVER).host})); it is registered pending discovery: the next polling cycle fetches it again and, if it is an HTML page, takes the feed the page names`,
    );
    expect(String(added.body.warning)).not.toContain("internal error");

    // Still down: the cycle names the failure, the source keeps waiting for discovery.
    const first = reportFor(await adminPoll(), "/down-page/pd1.html");
    expect(first).toMatchObject({ ok: false, result: "failed", failure: "connect" });
    expect(first.error).toMatch(/^connect: /);
    expect(await sourceByUrl("/down-page/pd1.html")).toMatchObject({
      pendingDiscovery: true,
      lastFailure: "connect",
      lastError: first.error,
      consecutiveErrors: 1,
    });
    const stats = (await (
      await exports.default.fetch("http://feedfold.test/admin/stats", {
        headers: { Authorization: `Bearer ${TOKEN}` },
      })
    ).json()) as { failing: Array<{ url: string; failure: string | null; pendingDiscovery: boolean }> };
    expect(stats.failing.find((f) => f.url === page)).toMatchObject({
      failure: "connect",
      pendingDiscovery: true,
    });

    // Back up: the page names its feed, and the feed becomes the source.
    await serverPost("/__heal/pd1");
    const second = reportFor(await adminPoll(), "/down-page/pd1.html");
    expect(second).toMatchObject({ ok: true, result: "discovered", discovered: `${SERVER}/cond/pd1.xml` });
    expect(await sourceByUrl("/cond/pd1.xml")).toMatchObject({
      pendingDiscovery: false,
      lastFailure: null,
      lastError: null,
      consecutiveErrors: 0,
    });
    const third = reportFor(await adminPoll(), "/cond/pd1.xml");
    expect(third).toMatchObject({ ok: true, result: "ingested" });
  });

  it("a feed that answers later is kept as the feed when polled", async () => {
    const feed = `${SERVER}/flaky/pd2.xml`;
    const added = await addSource(feed);
    expect(added.body).toMatchObject({ failure: "http-500", source: { pendingDiscovery: true } });
    await serverPost("/__heal/pd2");
    expect(reportFor(await adminPoll(), "/flaky/pd2.xml")).toMatchObject({ ok: true, result: "ingested" });
    expect(await sourceByUrl("/flaky/pd2.xml")).toMatchObject({ pendingDiscovery: false, lastFailure: null });
  });

  it("names a DNS failure (workerd's opaque 'internal error') in the cycle and in GET /sources", async () => {
    await importUrls(["http://feeds.harbour.example/notices.xml"]);
    const opaque = (async () => {
      throw new Error("internal error; reference = 0123456789abcdefghijklmn");
    }) as unknown as typeof fetch;
    const summary = await runPollCycle(env, { force: true, fetcher: opaque });
    const report = reportFor(summary, "/notices.xml");
    expect(report).toMatchObject({
      failure: "dns",
      error: "dns: the host name does not resolve (feeds.harbour.example)",
    });
    expect(await sourceByUrl("/notices.xml")).toMatchObject({
      lastFailure: "dns",
      lastError: "dns: the host name does not resolve (feeds.harbour.example)",
    });
  });
});
