import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { exactBodyFingerprint, exactBodyFingerprintSync } from "../../../src/fold/fingerprint";
import {
  BODY_BANDS,
  bandKeys,
  LEAD_BANDS,
  matchFeatures,
  packFeatures,
  unpackFeatures,
} from "../../../src/fold/match-features";
import { edgeLineKeys, matchLines, stripLearnedLines } from "../../../src/fold/match-text";
import { normalizeLines } from "../../../src/fold/normalize";
import { sha256HexSync } from "../../../src/fold/sha256";
import { articleUrlKey, collapseAmpUrl } from "../../../src/fold/url-key";

const features = (text: string) => matchFeatures(matchLines(normalizeLines(text)));

describe("near-duplicate fingerprints are pinned across releases", () => {
  it("keeps the shingle windows and band keys of fixed texts", () => {
    const latin = features("The ferry to Vesterby left on time, said the harbour master.");
    expect(latin.windows.slice(0, 3)).toEqual([3573259428, 3167617954, 1016977867]);
    expect(bandKeys(latin).filter((_, i) => i % 9 === 0)).toEqual([
      2466865002, 42524531967, 78554632287, 116000010510, 155047215454,
    ]);
    const chinese = features("港口工人周二清晨停止装船四十多艘船只在外港等候");
    expect(chinese.windows.slice(0, 3)).toEqual([722099698, 2936781871, 2480678609]);
    expect(bandKeys(chinese).filter((_, i) => i % 9 === 0)).toEqual([
      2269455649, 41867891075, 79261706198, 116200741110, 154793541898,
    ]);
  });

  it("has one key per band, none for an empty text", () => {
    expect(bandKeys(features("one two three four five six seven"))).toHaveLength(BODY_BANDS + LEAD_BANDS);
    expect(bandKeys(features(""))).toEqual([]);
  });

  it("packs and unpacks features losslessly", () => {
    const f = features("Line one has 3 words and more.\nLine two, with 42 and 7.");
    expect(unpackFeatures(JSON.parse(JSON.stringify(packFeatures(f))))).toEqual(f);
  });
});

describe("sha256HexSync and exactBodyFingerprintSync", () => {
  it("equal node:crypto and the async fingerprint", async () => {
    for (const text of ["", "abc", "café", "x".repeat(55), "y".repeat(64), "港口".repeat(300)]) {
      expect(sha256HexSync(text)).toBe(createHash("sha256").update(text).digest("hex"));
    }
    const body = { lines: [], text: "a body of a few words", words: 6 };
    expect(exactBodyFingerprintSync(body, "title")).toBe(await exactBodyFingerprint(body, "title"));
    const long = { lines: [], text: "word ".repeat(30).trim(), words: 30 };
    expect(exactBodyFingerprintSync(long, undefined)).toBe(await exactBodyFingerprint(long, undefined));
  });
});

describe("matchLines", () => {
  it("drops inserted cross-links, credits and ads in several languages", () => {
    const lines = normalizeLines(
      [
        "First paragraph of the article.",
        "READ MORE: Council backs harbour plan",
        "(Photo: Valley Courier / A. Lindgren)",
        "Lesen Sie auch: Neue Brücke eröffnet",
        "相关阅读：新图书馆开馆",
        "Advertisement",
        "Second paragraph of the article.",
        "(Reporting by Jo Hartley; editing by Sam Reyes)",
      ].join("\n"),
    );
    expect(matchLines(lines)).toEqual([
      "first paragraph of the article.",
      "second paragraph of the article.",
    ]);
  });

  it("drops a wire dateline, a byline, a kicker and a trailing ellipsis, but keeps sentences", () => {
    const lines = normalizeLines(
      "Exclusive\nBy Jane Doe\nKESTREL BAY, March 3 (Harbour Wire) - Ferry crews stopped work.\nThey said more …",
    );
    expect(matchLines(lines)).toEqual(["ferry crews stopped work.", "they said more"]);
    expect(matchLines(normalizeLines("新华网南屿6月3日电 高铁全线贯通。"))).toEqual(["高铁全线贯通。"]);
    // A first line with a number is a fact, not a kicker.
    expect(matchLines(normalizeLines("Rovers 2, United 1\nA late goal."))).toEqual([
      "rovers 2, united 1",
      "a late goal.",
    ]);
  });
});

describe("learned template lines", () => {
  it("strips learned lines at the ends only", () => {
    const lines = ["welcome to the blog", "body one.", "body two.", "thanks for reading! share it.", "bye"];
    const learned = new Set(["welcome to the blog", "thanks for reading share it", "a line elsewhere"]);
    expect(edgeLineKeys(lines)).toContain("thanks for reading share it");
    expect(stripLearnedLines(lines, learned)).toEqual([
      "body one.",
      "body two.",
      "thanks for reading! share it.",
      "bye",
    ]);
    expect(stripLearnedLines(lines, new Set([...learned, "bye"]))).toEqual(["body one.", "body two."]);
    expect(stripLearnedLines(["only line"], new Set(["only line"]))).toEqual(["only line"]);
  });
});

describe("collapseAmpUrl", () => {
  it("maps AMP and mobile forms of a page to one key", () => {
    const plain = "https://example.org/news/story-1";
    for (const form of [
      "https://amp.example.org/news/story-1",
      "https://m.example.org/news/story-1",
      "https://www.example.org/news/story-1/",
      "https://example.org/news/story-1/amp",
      "https://example.org/news/story-1/amp/",
      "https://example.org/news/story-1?amp",
      "https://example.org/news/story-1?amp=1",
      "https://example.org/news/story-1?outputType=amp",
    ]) {
      expect(collapseAmpUrl(form)).toBe(plain);
    }
    expect(collapseAmpUrl("https://example.org/news/story-1?id=2")).toBe(
      "https://example.org/news/story-1?id=2",
    );
    expect(collapseAmpUrl("https://example.org/amp")).toBe("https://example.org/amp");
    expect(collapseAmpUrl("https://m.org/x")).toBe("https://m.org/x");
  });

  it("gives a home page link no key: it names no article", () => {
    expect(articleUrlKey("https://example.org/")).toBeUndefined();
    expect(articleUrlKey("https://m.example.org/")).toBeUndefined();
    expect(articleUrlKey("https://example.org/?p=12")).toBe("https://example.org/?p=12");
    expect(articleUrlKey("https://example.org/news/1")).toBe("https://example.org/news/1");
    expect(articleUrlKey(undefined)).toBeUndefined();
  });
});
