// Structured logs: one JSON line per ingest batch and per source polled, `event` first, status
// counts as flat fields, so `wrangler tail` shows one readable line per event.
import { exports } from "cloudflare:workers";
import { afterEach, expect, it, vi } from "vitest";
import { ingest, TOKEN } from "../support/client";
import { orchardRss } from "../support/documents";

afterEach(() => vi.restoreAllMocks());

function capture(): Array<Record<string, unknown>> {
  const lines: Array<Record<string, unknown>> = [];
  const keep = (line: unknown) => {
    if (typeof line === "string" && line.startsWith("{"))
      lines.push(JSON.parse(line) as Record<string, unknown>);
  };
  vi.spyOn(console, "log").mockImplementation(keep);
  vi.spyOn(console, "warn").mockImplementation(keep);
  vi.spyOn(console, "error").mockImplementation(keep);
  return lines;
}

it("an ingest batch is one line with its source, counts and duration", async () => {
  const lines = capture();
  await ingest(orchardRss(), { source: "https://weaver.example.org/feed.xml" });
  const events = lines.filter((l) => l.event === "ingest");
  expect(events).toHaveLength(1);
  expect(Object.keys(events[0]!)[0]).toBe("event");
  expect(events[0]).toMatchObject({ url: "https://weaver.example.org/feed.xml", items: 1, new: 1 });
  expect(typeof events[0]!.ms).toBe("number");
  expect(typeof events[0]!.source).toBe("string");
});

it("a poll cycle is one line per source and one for the cycle", async () => {
  const lines = capture();
  await exports.default.fetch("http://feedfold.test/admin/poll", {
    method: "POST",
    headers: { Authorization: `Bearer ${TOKEN}` },
  });
  const polls = lines.filter((l) => l.event === "poll");
  expect(polls).toHaveLength(2);
  for (const p of polls) {
    expect(Object.keys(p)[0]).toBe("event");
    expect(p).toHaveProperty("source");
    expect(p).toHaveProperty("url");
    expect(p).not.toHaveProperty("counts");
  }
  expect(polls.find((p) => String(p.url).endsWith("/clinic.xml"))).toMatchObject({ ok: true, new: 1 });
  expect(polls.find((p) => String(p.url).endsWith("/broken.xml"))).toMatchObject({ ok: false });
  const cycles = lines.filter((l) => l.event === "poll-cycle");
  expect(cycles).toHaveLength(1);
  expect(cycles[0]).toMatchObject({ polled: 2, ok: 1, failed: 1 });
});
