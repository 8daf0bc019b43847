import { describe, expect, it } from "vitest";
import { type RelateSubject, rankRelated } from "../../../src/relate/rank-related";
import {
  idfOf,
  isSeriesPair,
  isTemplatePair,
  relatedScore,
  withoutSharedLines,
} from "../../../src/relate/related-score";
import { readRelatedWindowHours } from "../../../src/relate/related-window";
import { guessLanguage, salientTerms } from "../../../src/relate/salient-terms";
import { relateText, storyTerms } from "../../../src/relate/story-terms";
import type { EvalItem } from "../../fixtures/fold-eval/model";
import { relatedEvalSet, relatedScores } from "../../fixtures/fold-eval/related-truth";

const flat = () => 3;
const termsOf = (title: string, text: string) => salientTerms({ title, text });

describe("salientTerms", () => {
  it("takes names that do not open a sentence, title words and numbers with their separators dropped", () => {
    const { terms, lang } = termsOf(
      "Ferry crews walk out",
      "Crews on the Kestrel Bay crossing stopped work, leaving about 3,000 commuters stranded. Nobody sailed.",
    );
    const names = terms.map(([t]) => t);
    expect(lang).toBe("en");
    expect(names).toEqual(expect.arrayContaining(["ferry", "crew", "walk", "kestre", "bay", "#3000"]));
    // "Crews" and "Nobody" open sentences: not names; "the", "out" are function words.
    expect(names).not.toContain("nobody");
    expect(names).not.toContain("the");
  });

  it("tells languages and scripts apart", () => {
    expect(guessLanguage("The council said that the vote was close and the plan will go ahead.")).toBe("en");
    expect(guessLanguage("Die Stadt sagt, dass der Plan nicht mit dem Rat abgestimmt ist.")).toBe("de");
    expect(guessLanguage("В Заречье запустили первый трамвайный маршрут.")).toBe("ru");
    expect(guessLanguage("青川市新图书馆开馆")).toBe("zh");
    expect(guessLanguage("港町の夏祭り、四年ぶりに花火大会が復活")).toBe("ja");
  });

  it("is deterministic", () => {
    const text = "Police in Castlegate said the brooch was found in 1952 by a farmer near Kelby.";
    expect(termsOf("Brooch stolen", text)).toEqual(termsOf("Brooch stolen", text));
  });
});

describe("relatedScore", () => {
  it("is 0 across languages, whatever the names shared", () => {
    const en = termsOf(
      "Ferry strike at Kestrel Bay",
      "Bayline and Morag Ellery met at Kestrel Bay on 3,000 terms.",
    );
    const de = termsOf(
      "Fährstreik in Kestrel Bay",
      "Bayline und Morag Ellery trafen sich in Kestrel Bay, 3.000 Pendler.",
    );
    expect(relatedScore(en, de, flat).score).toBe(0);
  });

  it("weighs rare shared terms above common ones", () => {
    expect(idfOf(1, 100)).toBeGreaterThan(idfOf(30, 100));
  });
});

describe("template items, series and shared lines", () => {
  const score = (home: string, goals: number) =>
    `Full time at the Riverside Ground: ${home} ${goals}, Fell United 1. The decisive moment came in the 64th minute in front of a crowd of 8400.`;

  it("two items of one template with other facts are a template pair; a follow-up with a new lead is not", () => {
    expect(isTemplatePair(score("Harbour Rovers", 2), score("Harbour Rovers", 3))).toBe(true);
    expect(isTemplatePair(score("Harbour Rovers", 2), score("Kelby Town", 0))).toBe(true);
    const background =
      "The tunnel carries every train between Ashford Cross and the coast and will close for eight weeks.";
    expect(
      isTemplatePair(
        background,
        `The start of the Greyfell tunnel works has been put back by a week.\n${background}`,
      ),
    ).toBe(false);
    expect(isTemplatePair(background, background)).toBe(false);
  });

  it("items of one site's series are never related", () => {
    const a = { title: "The Morning Briefing: Tuesday", text: "x", source: "s" };
    const b = { title: "The Morning Briefing: Wednesday", text: "y", source: "s" };
    expect(isSeriesPair(a, b)).toBe(true);
    expect(isSeriesPair(a, { ...b, source: "other" })).toBe(false);
    expect(isSeriesPair(a, { ...b, title: "Ferry strike ends after mediator brokers deal" })).toBe(false);
    expect(isSeriesPair(a, { ...b, title: "The Morning Briefing: Tuesday" })).toBe(true);
    expect(isSeriesPair(a, { ...b, title: "Update: The Morning Briefing: Tuesday" })).toBe(false);
  });

  it("drops the lines two stories share as lines, keeping what is their own", () => {
    const footer = "This post is part of the Small Towns Network. Subscribe to our weekly letter.";
    const [a, b] = withoutSharedLines(
      { title: "Allotment open day", text: `Plots open on Saturday.\n${footer}`, source: "a" },
      { title: "Choir seeks tenors", text: `The choir needs tenors.\n${footer}`, source: "b" },
    );
    expect(a.text).toBe("Plots open on Saturday.");
    expect(b.text).toBe("The choir needs tenors.");
    expect(a.title).toBe("Allotment open day");
  });
});

/** One story per cluster (its earliest item), related oldest first, as the fold index does. */
function relateEvalSet(items: EvalItem[]): Array<[string, string]> {
  const first = new Map<string, EvalItem>();
  for (const item of items) {
    const held = first.get(item.cluster);
    if (!held || item.datePublished < held.datePublished) first.set(item.cluster, item);
  }
  const stories = [...first.values()].sort((a, b) => (a.datePublished < b.datePublished ? -1 : 1));
  const df = new Map<string, number>();
  const held: RelateSubject[] = [];
  const texts = new Map<string, { title?: string; text: string; source: string }>();
  const pairs: Array<[string, string]> = [];
  for (const item of stories) {
    const terms = storyTerms(item);
    texts.set(item.cluster, { title: item.title, text: relateText(item), source: item.source.feedUrl });
    for (const [term] of terms.terms) df.set(term, (df.get(term) ?? 0) + 1);
    const subject = { id: item.cluster, terms, at: Date.parse(item.datePublished) };
    held.push(subject);
    const idf = (term: string) => idfOf(df.get(term) ?? 1, held.length);
    for (const link of rankRelated(subject, held, idf, 72 * 3_600_000, (id) => texts.get(id)!)) {
      pairs.push([item.cluster, link.id]);
    }
  }
  return pairs;
}

describe("the evaluation set's related-coverage truth", () => {
  it("relates rivals, follow-ups and corrections, and never template items, footers or roundups", () => {
    const scores = relatedScores(relateEvalSet(relatedEvalSet()));
    expect(scores.wrong).toEqual([]);
    expect(scores.precision).toBeGreaterThanOrEqual(0.95);
    expect(scores.recall).toBeGreaterThanOrEqual(0.8);
  });

  it("relates no two template items of one site", () => {
    const items = relatedEvalSet().filter((i) => i.role === "template");
    expect(relateEvalSet(items)).toEqual([]);
  });
});

describe("RELATED_WINDOW_HOURS", () => {
  it("defaults to 72 hours and refuses what is not a whole number of hours from 1 to 720", () => {
    expect(readRelatedWindowHours({})).toBe(72);
    expect(readRelatedWindowHours({ RELATED_WINDOW_HOURS: "24" })).toBe(24);
    expect(() => readRelatedWindowHours({ RELATED_WINDOW_HOURS: "0" })).toThrow(/RELATED_WINDOW_HOURS/);
    expect(() => readRelatedWindowHours({ RELATED_WINDOW_HOURS: "1.5" })).toThrow(/RELATED_WINDOW_HOURS/);
  });

  it("keeps stories published further apart than the window unrelated", () => {
    const texts: Record<string, { title: string; text: string }> = {
      a: {
        title: "Ferry crews walk out at Kestrel Bay",
        text: "Crews of Bayline stopped work at Kestrel Bay, stranding 3,000 commuters, said Morag Ellery.",
      },
      b: {
        title: "Kestrel Bay ferry crews strand commuters",
        text: "Union steward Morag Ellery said Bayline crews at Kestrel Bay left 3,000 commuters stranded.",
      },
    };
    const subject = (id: string, at: number) => ({ id, terms: salientTerms(texts[id]!), at });
    const hour = 3_600_000;
    const related = (gap: number) =>
      rankRelated(subject("a", 0), [subject("b", gap * hour)], flat, 72 * hour, (id) => texts[id]!);
    expect(related(10).map((l) => l.id)).toEqual(["b"]);
    expect(related(80)).toEqual([]);
  });
});
