import { describe, expect, it } from "vitest";
import { countTokenWords, countWords, hasMoreWordsThan, tokenize } from "../../../src/fold/tokens";

// Texts that take each path of the per-character count: spaced words, unspaced characters
// (half words), both in one token run, punctuation, and surrogates (an astral Han character and an
// emoji), which send the text to the regular expression.
const TEXTS = [
  "",
  "the strike - day two, again.",
  "港口工人罢工",
  "港口工人罢工 strike at the port 3,400 workers",
  "dock中workers東 walk-out!!",
  "𠀀𠀁 two words 😀 and more",
  "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen",
  "«quoted» — and … ellipsis",
];

describe("countWords", () => {
  it("counts the tokens, unspaced characters as half words", () => {
    for (const text of TEXTS) {
      const tokens = tokenize(text);
      const unspaced = tokens.filter((t) => /^[\p{Script=Han}]$/u.test(t)).length;
      expect(countWords(text)).toBe(tokens.length - unspaced + Math.ceil(unspaced / 2));
      expect(countTokenWords(tokens)).toBe(countWords(text));
    }
    expect(countWords("𠀀𠀁 two")).toBe(2);
  });
});

describe("hasMoreWordsThan", () => {
  it("answers countWords(text) > limit for every limit", () => {
    for (const text of TEXTS) {
      const words = countWords(text);
      for (let limit = 0; limit <= words + 2; limit++) {
        expect(hasMoreWordsThan(text, limit)).toBe(words > limit);
      }
    }
  });
});
