import { describe, expect, it } from "vitest";
import type { Story } from "../../../src/story";
import {
  normalizeForSearch,
  pageOf,
  prefilterWords,
  searchWords,
  storyMatchesWords,
} from "../../../src/view/story-query";

function story(id: string, sortDate: string, fields: Partial<Story> = {}): Story {
  return { id, sortDate, updatedAt: sortDate, authors: [], tags: [], attachments: [], copies: [], ...fields };
}

describe("?q= matching", () => {
  const ferry = story("a".repeat(20), "2026-01-02T00:00:00Z", {
    title: "Harbour ferry: winter timetable",
    contentHtml: "<p>Crossings every <b>forty</b> minutes; the café on board stays open.</p>",
  });

  it("normalizes case, compatibility forms and whitespace", () => {
    expect(normalizeForSearch("  Ｆｅｒｒｙ\n\tCAFÉ ")).toBe("ferry café");
    expect(searchWords("Ferry  ferry CAFÉ")).toEqual(["ferry", "café"]);
  });

  it("needs every word, in the title or the text, not in the markup", () => {
    expect(storyMatchesWords(ferry, searchWords("ferry forty"))).toBe(true);
    expect(storyMatchesWords(ferry, searchWords("CAFÉ timetable"))).toBe(true);
    expect(storyMatchesWords(ferry, searchWords("ferry bus"))).toBe(false);
    // "<b>" is markup, not text.
    expect(storyMatchesWords(ferry, searchWords("<b>"))).toBe(false);
    expect(storyMatchesWords(story("b".repeat(20), "2026-01-01T00:00:00Z"), ["x"])).toBe(false);
  });

  it("pre-filters in SQLite only on plain ASCII words", () => {
    expect(prefilterWords(["ferry", "café", "o'clock", "2026"])).toEqual(["ferry", "2026"]);
  });
});

describe("pageOf", () => {
  const rows = ["2026-01-05", "2026-01-04", "2026-01-03"].map((d, i) =>
    story(String(i).repeat(20), `${d}T00:00:00Z`),
  );

  it("cuts an extra row off and points next after the page's last story", () => {
    expect(pageOf(rows, 2, { exhausted: true })).toEqual({
      stories: rows.slice(0, 2),
      next: { sortDate: rows[1]!.sortDate, id: rows[1]!.id },
    });
  });

  it("has no next when the store ended", () => {
    expect(pageOf(rows, 3, { exhausted: true })).toEqual({ stories: rows });
  });

  it("continues after the last row examined when a scan window ended first", () => {
    const lastScanned = { sortDate: "2026-01-01T00:00:00Z", id: "9".repeat(20) };
    expect(pageOf(rows.slice(0, 1), 2, { exhausted: false, lastScanned })).toEqual({
      stories: rows.slice(0, 1),
      next: lastScanned,
    });
  });
});
