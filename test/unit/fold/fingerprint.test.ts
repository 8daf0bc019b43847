import { describe, expect, it } from "vitest";
import {
  bodyText,
  estimatedJaccard,
  exactFingerprint,
  NEAR_SIGNATURE_SIZE,
  nearSignature,
  normalizeBody,
} from "../../../src/fold/fingerprint";
import { normalizeText } from "../../../src/fold/normalize";
import { countWords } from "../../../src/fold/tokens";
import { FOLLOW_UP_BLOCKS, publisherHtml, STRIKE_BLOCKS } from "./port-strike-article";

const strikeText = normalizeBody({ contentHtml: publisherHtml(STRIKE_BLOCKS) }, {}).text;

describe("exactFingerprint", () => {
  it("is the SHA-256 of the UTF-8 bytes, as sha256:<hex>", async () => {
    // Known vectors (FIPS 180-2 "abc"; "hello world"); the second pins UTF-8 for non-ASCII text.
    expect(await exactFingerprint("abc")).toBe(
      "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
    );
    expect(await exactFingerprint("café")).toBe(
      "sha256:850f7dc43910ff890f8879c0ed26fe697c93a067ad93a7d50f466a7028a9bf4e",
    );
  });
});

describe("bodyText and normalizeBody", () => {
  it("prefers contentHtml, then contentText, then summary", () => {
    expect(bodyText({ contentHtml: "<p>html</p>", contentText: "text", summary: "sum" })).toBe("html");
    expect(bodyText({ contentHtml: "<br>", contentText: "text", summary: "sum" })).toBe("text");
    expect(bodyText({ summary: "<b>sum</b>" })).toBe("sum");
    expect(bodyText({})).toBe("");
  });

  it("joins paragraphs with one space so paragraph splitting does not matter", () => {
    const split = normalizeBody({ contentHtml: "<p>One two.</p><p>Three four.</p>" }, {});
    const joined = normalizeBody({ contentText: "One two. Three four." }, {});
    expect(split.lines).toEqual(["one two.", "three four."]);
    expect(split.text).toBe(joined.text);
    expect(split.words).toBe(4);
  });

  it("gives the same text for entity, character and windows-1252 forms of an apostrophe", () => {
    const forms = ["it&#8217;s", "it’s", "it&rsquo;s", "it&#x2019;s", "it&#146;s", "it's"].map(
      (form) => normalizeBody({ contentHtml: `<p>${form} late</p>` }, {}).text,
    );
    expect(new Set(forms)).toEqual(new Set(["it's late"]));
  });

  it("gives the same text for full-width, decomposed and precomposed forms", () => {
    const a = normalizeBody({ contentText: "Ｃａｆｅ\u0301 ｄｅｓ ｄｏｃｋｅｒｓ" }, {}).text;
    const b = normalizeBody({ contentHtml: "<p>Caf&eacute; des dockers</p>" }, {}).text;
    expect(a).toBe("café des dockers");
    expect(b).toBe(a);
  });
});

describe("countWords", () => {
  it("counts words, and characters of unspaced scripts as half words", () => {
    expect(countWords("the strike - day two, again.")).toBe(5);
    expect(countWords("港口工人罢工")).toBe(3);
    expect(countWords("")).toBe(0);
  });
});

describe("nearSignature", () => {
  it("has a fixed size of unsigned 32-bit values and is [] for empty text", () => {
    const signature = nearSignature(strikeText);
    expect(signature).toHaveLength(NEAR_SIGNATURE_SIZE);
    for (const value of signature) expect(value >>> 0).toBe(value);
    expect(nearSignature("")).toEqual([]);
    expect(nearSignature("... — ...")).toEqual([]);
  });

  it("is deterministic and pinned across releases", () => {
    const signature = nearSignature("the ferry to vesterby left on time, said the harbour master.");
    expect(nearSignature("the ferry to vesterby left on time, said the harbour master.")).toEqual(signature);
    expect(signature.slice(0, 4)).toEqual([821854945, 218410210, 44147, 780191217]);
  });

  it("estimates a high Jaccard for near-identical texts", () => {
    const edited = strikeText
      .replace("more than forty vessels", "more than forty-one vessels")
      .replace("later described as a turning point.", "later called a turning point.");
    expect(edited).not.toBe(strikeText);
    expect(estimatedJaccard(nearSignature(strikeText), nearSignature(edited))).toBeGreaterThan(0.8);
  });

  it("estimates a low Jaccard for unrelated texts", () => {
    const other = normalizeText(FOLLOW_UP_BLOCKS.join("\n"));
    expect(estimatedJaccard(nearSignature(strikeText), nearSignature(other))).toBeLessThan(0.2);
  });

  it("ignores punctuation differences and uses character 5-grams for unspaced scripts", () => {
    expect(nearSignature("the quay, closed; again")).toEqual(nearSignature("the quay closed again"));
    const chinese = "港口工人周二清晨停止装船四十多艘船只在外港等候";
    const edited = "港口工人周二清晨停止装船四十多艘船只在外港等待";
    const jaccard = estimatedJaccard(nearSignature(chinese), nearSignature(edited));
    expect(jaccard).toBeGreaterThan(0.6);
    expect(jaccard).toBeLessThan(1);
  });

  it("compares nothing to an empty or differently sized signature", () => {
    expect(estimatedJaccard([], [])).toBe(0);
    expect(estimatedJaccard([1, 2], [1, 2, 3])).toBe(0);
    expect(estimatedJaccard([1, 2, 3, 4], [1, 2, 3, 5])).toBe(0.75);
  });

  it("completes on long input", () => {
    const long = "dock ".repeat(40_000) + "港".repeat(40_000);
    expect(nearSignature(long)).toHaveLength(NEAR_SIGNATURE_SIZE);
  });
});
