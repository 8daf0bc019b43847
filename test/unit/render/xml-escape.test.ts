import { XMLParser, XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { cdata, escapeXmlAttr, escapeXmlText, stripXmlForbidden } from "../../../src/render/xml-escape";

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  trimValues: false,
  // Numeric character references are only decoded with htmlEntities on.
  htmlEntities: true,
});

function roundTripText(text: string): unknown {
  const doc = `<r>${escapeXmlText(text)}</r>`;
  expect(XMLValidator.validate(doc)).toBe(true);
  return parser.parse(doc).r;
}

describe("stripXmlForbidden", () => {
  it("removes C0 controls but keeps tab, newline and carriage return", () => {
    expect(stripXmlForbidden("a\u0000b\u0001c\u0008d\u000Be\u000Cf\u001Fg\th\ni\rj")).toBe(
      "abcdefg\th\ni\rj",
    );
  });

  it("removes U+FFFE, U+FFFF and lone surrogates, keeps surrogate pairs", () => {
    expect(stripXmlForbidden("x\uFFFEy\uFFFFz")).toBe("xyz");
    expect(stripXmlForbidden("lone \uD800 high, lone \uDC00 low")).toBe("lone  high, lone  low");
    expect(stripXmlForbidden("pair \uD83D\uDE00 kept")).toBe("pair \u{1F600} kept");
    expect(stripXmlForbidden("\uDE00\uD83D")).toBe("");
  });

  it("keeps C1 controls and U+FFFD, which XML 1.0 allows", () => {
    expect(stripXmlForbidden("\u0085\u009F\uFFFD")).toBe("\u0085\u009F\uFFFD");
  });
});

describe("escapeXmlText", () => {
  it("round-trips markup characters through a real XML parser", () => {
    expect(roundTripText("a < b && c > \"d\" ]]> 'e'")).toBe("a < b && c > \"d\" ]]> 'e'");
  });

  it("escapes > so that ]]> never appears in character data", () => {
    expect(escapeXmlText("x]]>y")).toBe("x]]&gt;y");
  });

  it("yields a well-formed document even with forbidden characters", () => {
    expect(roundTripText("bell\u0007 and \uFFFF end")).toBe("bell and  end");
  });
});

describe("escapeXmlAttr", () => {
  it("survives attribute-value normalization: quotes, tabs and newlines round-trip", () => {
    const value = `say "hi" & 'bye'\tline1\nline2\r<tag>`;
    const doc = `<r a="${escapeXmlAttr(value)}" b='${escapeXmlAttr(value)}'/>`;
    expect(XMLValidator.validate(doc)).toBe(true);
    const r = parser.parse(doc).r;
    expect(r["@_a"]).toBe(value);
    expect(r["@_b"]).toBe(value);
  });
});

describe("cdata", () => {
  it("splits ]]> across sections so the parsed text is unchanged", () => {
    const html = '<p>if (a[b[0]]> 1) s = "]]>";</p>]]>';
    const doc = `<r>${cdata(html)}</r>`;
    expect(XMLValidator.validate(doc)).toBe(true);
    expect(parser.parse(doc).r).toBe(html);
  });

  it("drops forbidden characters inside CDATA, which cannot hold them either", () => {
    const doc = `<r>${cdata("a\u0001b\uFFFEc")}</r>`;
    expect(XMLValidator.validate(doc)).toBe(true);
    expect(parser.parse(doc).r).toBe("abc");
  });
});
