import { describe, expect, it } from "vitest";
import { normalizeForMatch, normalizeLines, normalizeText } from "../../../src/fold/normalize";

describe("normalizeLines", () => {
  it("maps typographic quotes, dashes and ellipses to ASCII", () => {
    expect(normalizeText("‘a’ ‚b‛ 1′ “c” „d‟ 2″ «e» ‹f›")).toBe("'a' 'b' 1' \"c\" \"d\" 2\" \"e\" 'f'");
    expect(normalizeText("a‐b a‑b a‒b a–b a—b a―b 3−2")).toBe("a-b a-b a-b a-b a-b a-b 3-2");
    expect(normalizeText("wait… more")).toBe("wait... more");
  });

  it("treats a double hyphen like an em dash", () => {
    expect(normalizeText("quay -- closed")).toBe(normalizeText("quay — closed"));
  });

  it("applies NFKC: full-width letters and decomposed accents equal their plain forms", () => {
    expect(normalizeText("ＰＯＲＴ　Ｈａｌｖａｒｄ")).toBe("port halvard");
    expect(normalizeText("cafe\u0301")).toBe(normalizeText("café"));
    expect(normalizeText("ﬁnal ①")).toBe("final 1");
  });

  it("turns exotic spaces into spaces and removes invisible characters", () => {
    expect(normalizeText("a\u00a0b\u2009c\u202fd\u3000e")).toBe("a b c d e");
    expect(normalizeText("dock\u00adworkers zero\u200bwidth\ufeff joi\u200dner")).toBe(
      "dockworkers zerowidth joiner",
    );
  });

  it("lower-cases beyond ASCII", () => {
    expect(normalizeText("ÉTÉ ΑΘΗΝΑ ĞÜŞ")).toBe("été αθηνα ğüş");
  });

  it("returns one trimmed, collapsed entry per non-empty line", () => {
    expect(normalizeLines("  First   line \r\n\r\n\n second\tline\u2028third  \n   \n")).toEqual([
      "first line",
      "second line",
      "third",
    ]);
    expect(normalizeLines("")).toEqual([]);
  });

  it("gives equal lines for the same sentence written three ways", () => {
    const variants = [
      "Mirela Ostrand’s union called it “an insult” — again…",
      'Mirela Ostrand\'s union called it "an insult" -- again...',
      "MIRELA OSTRAND\u2019S UNION CALLED IT \u201CAN INSULT\u201D \u2014 AGAIN\u2026",
    ];
    const normalized = variants.map(normalizeText);
    expect(new Set(normalized).size).toBe(1);
  });
});

describe("normalizeForMatch", () => {
  it("ignores punctuation and symbols around a line", () => {
    expect(normalizeForMatch("“Dockworkers walk out!” »")).toBe("dockworkers walk out");
    expect(normalizeForMatch("*** — ***")).toBe("");
  });
});
