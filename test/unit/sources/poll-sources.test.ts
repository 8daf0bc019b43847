import { describe, expect, it } from "vitest";
import { type PollDeps, pollSources } from "../../../src/sources/poll-sources";

function deps(responses: Record<string, () => Response | Promise<Response>>, ingested: string[]): PollDeps {
  return {
    fetch: (async (input: RequestInfo | URL) => {
      const url = String(input);
      const make = responses[url];
      if (!make) throw new TypeError(`no route for ${url}`);
      return make();
    }) as typeof fetch,
    ingest: async (body, sourceUrl) => {
      ingested.push(`${sourceUrl}:${new TextDecoder().decode(body)}`);
      return { new: 1 };
    },
    allowLoopback: false,
    timeoutMs: 1000,
    maxBytes: 100,
    userAgent: "feedfold-test",
  };
}

describe("pollSources", () => {
  it("ingests what answers 200 and reports the others without stopping", async () => {
    const ingested: string[] = [];
    const outcomes = await pollSources(
      [
        "https://a.example.org/feed",
        "https://b.example.org/feed",
        "http://127.0.0.1/feed",
        "https://c.example.org/feed",
        "https://d.example.org/feed",
      ],
      deps(
        {
          "https://a.example.org/feed": () => new Response("<rss/>", { status: 200 }),
          "https://b.example.org/feed": () => new Response("gone", { status: 410 }),
          "https://c.example.org/feed": () => {
            throw new TypeError("connection refused");
          },
          "https://d.example.org/feed": () => new Response("x".repeat(101), { status: 200 }),
        },
        ingested,
      ),
    );
    expect(ingested).toEqual(["https://a.example.org/feed:<rss/>"]);
    expect(outcomes.map((o) => [o.ok, o.status ?? null])).toEqual([
      [true, 200],
      [false, 410],
      [false, null],
      [false, null],
      [false, 200],
    ]);
    expect(outcomes[2]!.error).toContain("private");
    expect(outcomes[3]!.error).toContain("connection refused");
    expect(outcomes[4]!.error).toContain("size cap");
  });
});
