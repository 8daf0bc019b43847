import { describe, expect, it } from "vitest";
import { htmlToPlainText, plainTextToHtml, truncateText } from "../../../src/render/text-html";

describe("htmlToPlainText", () => {
  it("keeps words of adjacent blocks apart and inline markup joined, decodes entities", () => {
    expect(htmlToPlainText("<p>One.</p><p>Two<b>fold</b> &amp; three&nbsp;four</p>")).toBe(
      "One. Twofold & three four",
    );
  });

  it("drops script and style bodies and comments", () => {
    expect(htmlToPlainText("a<script>var x = '<p>';</script>b<!-- c --><style>p{}</style>d")).toBe("abd");
  });
});

describe("truncateText", () => {
  it("leaves short text alone", () => {
    expect(truncateText("short text", 20)).toBe("short text");
  });

  it("cuts at a word boundary, strips trailing punctuation and adds an ellipsis", () => {
    expect(truncateText("The ferry runs, every forty minutes from November", 20)).toBe("The ferry runs…");
  });

  it("cuts inside a long word rather than returning almost nothing", () => {
    expect(truncateText("a supercalifragilisticexpialidocious", 12)).toBe("a supercali…");
  });

  it("counts code points and never splits a surrogate pair", () => {
    const out = truncateText("\u{1F600}".repeat(10), 5);
    expect(out).toBe(`${"\u{1F600}".repeat(4)}…`);
    expect(Array.from(out)).toHaveLength(5);
  });
});

describe("plainTextToHtml", () => {
  it("makes paragraphs from blank lines and escapes markup", () => {
    expect(plainTextToHtml("a < b\nstill a\n\n  c & d  \n\n\n")).toBe(
      "<p>a &lt; b<br>still a</p>\n<p>c &amp; d</p>",
    );
  });
});
