import { describe, expect, it } from "vitest";
import { readFeedQuery } from "../../../src/view/feed-query";
import { encodeSyncCursor } from "../../../src/view/sync-cursor";

const read = (qs: string, scope?: string, category?: string) =>
  readFeedQuery(new URLSearchParams(qs), scope, category);
const A = "0123456789abcdef";
const B = "fedcba9876543210";

describe("readFeedQuery", () => {
  it("takes no query as the pre-rendered default view", () => {
    expect(read("")).toEqual({
      ok: true,
      query: { limit: 50, before: undefined, sources: [], words: [], q: undefined, isDefault: true },
    });
    // Unknown parameters (a reader's tracking tag) do not leave the default view.
    expect(read("utm_source=reader")).toMatchObject({ ok: true, query: { isDefault: true } });
  });

  it("reads limit, repeatable sources and words, each making a live view", () => {
    const r = read(
      `limit=5&source=${A}&source=${B.toUpperCase()}&source=${A}&q=Ferry%20%20TIMETABLE%20ferry`,
    );
    expect(r).toMatchObject({
      ok: true,
      query: { limit: 5, sources: [A, B], words: ["ferry", "timetable"], q: "Ferry  TIMETABLE ferry" },
    });
    expect(r.ok && r.query.isDefault).toBe(false);
  });

  it("puts a per-source feed's own source first and keeps other ?source= values", () => {
    expect(read(`source=${B}`, A)).toMatchObject({ ok: true, query: { sources: [A, B], isDefault: false } });
    expect(read("", A)).toMatchObject({ ok: true, query: { sources: [A] } });
  });

  it("reads changed_since as a change position, a live view that takes only limit", () => {
    expect(read("changed_since=0")).toMatchObject({ ok: true, query: { changedSince: 0, isDefault: false } });
    expect(read(`changed_since=${encodeSyncCursor(42)}&limit=7`)).toMatchObject({
      ok: true,
      query: { changedSince: 42, limit: 7 },
    });
  });

  it("reads repeatable categories, trimmed and exact, and puts a category feed's own first", () => {
    expect(read("category=%20News%2FLocal%20&category=Sport&category=News/Local")).toMatchObject({
      ok: true,
      query: { categories: ["News/Local", "Sport"], isDefault: false },
    });
    expect(read("category=Sport", undefined, "Ports")).toMatchObject({
      ok: true,
      query: { categories: ["Ports", "Sport"] },
    });
  });

  it("ignores a blank q", () => {
    expect(read("q=%20%20")).toMatchObject({ ok: true, query: { words: [], q: undefined, isDefault: true } });
  });

  it.each([
    ["limit=0", "bad-limit"],
    ["limit=501", "bad-limit"],
    ["limit=ten", "bad-limit"],
    ["before=nonsense", "bad-cursor"],
    ["source=example.org", "bad-source"],
    ["source=0123", "bad-source"],
    [
      Array.from({ length: 21 }, (_, i) => `source=${i.toString(16).padStart(16, "0")}`).join("&"),
      "bad-source",
    ],
    ["q=a+b+c+d+e+f+g+h+i", "bad-query"],
    [`q=${"x".repeat(201)}`, "bad-query"],
    ["category=", "bad-category"],
    [`category=${"x".repeat(201)}`, "bad-category"],
    [Array.from({ length: 21 }, (_, i) => `category=c${i}`).join("&"), "bad-category"],
    ["changed_since=0&category=Sport", "bad-query"],
    ["changed_since=", "bad-cursor"],
    ["changed_since=42", "bad-cursor"],
    [
      `changed_since=0&before=${encodeURIComponent("2026-01-01T00-00-00.000Z_0123456789abcdef0123")}`,
      "bad-query",
    ],
    ["changed_since=0&q=ferry", "bad-query"],
    [`changed_since=0&source=${A}`, "bad-query"],
  ])("refuses %s as %s", (qs, code) => {
    expect(read(qs)).toMatchObject({ ok: false, code });
  });
});
