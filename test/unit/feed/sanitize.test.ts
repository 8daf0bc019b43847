import { describe, expect, it } from "vitest";
import { cleanCharacterReferences } from "../../../src/feed/character-references";
import { htmlToPlainTitle, sanitizeHtml } from "../../../src/feed/sanitize";
import { html5Problems } from "../../worker/support/html5-check";
import { countSteps } from "../fuzz/work-counter";

const base = "https://crumb.example/posts/1";

describe("sanitizeHtml", () => {
  it("removes script, style, iframe, object, embed and form controls with their content", () => {
    const html =
      '<p>Hi</p><script>steal()</script><style>p{}</style><iframe src="https://x.example"></iframe>' +
      '<object data="x.swf"><embed src="x.swf"></object><form action="/x"><textarea>t</textarea></form><p>Bye</p>';
    expect(sanitizeHtml(html)).toBe("<p>Hi</p><p>Bye</p>");
  });

  it("removes event handlers and style attributes", () => {
    expect(sanitizeHtml('<img src="https://i.example/a.png" onerror="steal()" style="x">')).toBe(
      '<img src="https://i.example/a.png">',
    );
    expect(sanitizeHtml('<p onclick="x()" class="c" id="i">t</p>')).toBe("<p>t</p>");
  });

  it.each([
    '<a href="javascript:alert(1)">x</a>',
    '<a href="jav&#x61;script:alert(1)">x</a>',
    '<a href="jav&#97;script&colon;alert(1)">x</a>',
    '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>',
    '<a href="java\tscript:alert(1)">x</a>',
    '<a href=" JAVASCRIPT:alert(1)">x</a>',
    '<a href="vbscript:msgbox(1)">x</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>',
  ])("drops the dangerous link in %s", (html) => {
    expect(sanitizeHtml(html, base)).toBe("<a>x</a>");
  });

  it("allows data:image only in img src", () => {
    const png = "data:image/png;base64,iVBORw0KGgo=";
    expect(sanitizeHtml(`<img src="${png}" alt="dot">`)).toBe(`<img src="${png}" alt="dot">`);
    expect(sanitizeHtml(`<a href="${png}">x</a>`)).toBe("<a>x</a>");
    expect(sanitizeHtml('<img src="data:image/svg+xml;base64,PHN2Zz4=">')).toBe("<img>");
  });

  it("makes relative URLs absolute against the base", () => {
    expect(sanitizeHtml('<a href="../about?x=1&amp;y=2" title="About">a</a>', base)).toBe(
      '<a href="https://crumb.example/about?x=1&amp;y=2" title="About">a</a>',
    );
    expect(sanitizeHtml('<img src="/i.png" srcset="/i-2x.png 2x, javascript:x 3x">', base)).toBe(
      '<img src="https://crumb.example/i.png" srcset="https://crumb.example/i-2x.png 2x">',
    );
  });

  it("keeps allowed structure, unwraps unknown elements, drops comments", () => {
    expect(sanitizeHtml("<h2>Menu</h2><ul><li><strong>Rye</strong> &amp; <em>spelt</em></li></ul>")).toBe(
      "<h2>Menu</h2><ul><li><strong>Rye</strong> &amp; <em>spelt</em></li></ul>",
    );
    expect(sanitizeHtml("<custom-el>text</custom-el> 1 &lt; 2 <!-- note -->")).toBe("text 1 &lt; 2");
  });

  it("keeps mailto: links but not other schemes", () => {
    expect(sanitizeHtml('<a href="mailto:bea@crumb.example">mail</a>')).toBe(
      '<a href="mailto:bea@crumb.example">mail</a>',
    );
    expect(sanitizeHtml('<a href="file:///etc/passwd">f</a>')).toBe("<a>f</a>");
  });

  // Each case is a repair an HTML5 parser would make with a parse error; the output writes the
  // repair out, so it parses cleanly everywhere (issue 16: the W3C validator's "Invalid HTML").
  it.each([
    [
      "a heading inside a link inside a paragraph",
      '<p>Intro <a href="https://crumb.example/x"><h2>Next</h2></a> end</p>',
      '<p>Intro <a href="https://crumb.example/x"></a></p><h2>Next</h2> end',
    ],
    [
      "a block closing a paragraph under inline elements",
      "<p><em>a<div>b</div>c</p>",
      "<p><em>a</em></p><div>b</div>c",
    ],
    ["a stray end tag", "<p>one</p></p>two", "<p>one</p>two"],
    [
      "a list item inside an inline element",
      "<ul><li><span>a<li>b</ul>",
      "<ul><li><span>a</span></li><li>b</li></ul>",
    ],
    [
      "a definition under a paragraph",
      "<dl><dt>term<dd><p>text</dl>",
      "<dl><dt>term</dt><dd><p>text</p></dd></dl>",
    ],
    ["a heading inside a heading", "<h3>one<h4>two</h3></h4>", "<h3>one</h3><h4>two</h4>"],
    [
      "a link inside a link",
      '<a href="https://a.example/">x<a href="https://b.example/">y</a></a>',
      '<a href="https://a.example/">x</a><a href="https://b.example/">y</a>',
    ],
    [
      "cells outside a row",
      "<table><td>a</td><td>b</td></table>",
      "<table><tr><td>a</td><td>b</td></tr></table>",
    ],
    ["misnested formatting", "<b><i>x</b>y</i>", "<b><i>x</i></b>y"],
    [
      "references a browser repairs",
      "&copy 2026 &amp co &#0; &#x80; &nosuch; &#xD800; &",
      "&copy; 2026 &amp; co \uFFFD € &amp;nosuch; \uFFFD &amp;",
    ],
  ])("writes out the repair of %s", (_, html, expected) => {
    expect(sanitizeHtml(html)).toBe(expected);
    expect(html5Problems(html).length).toBeGreaterThan(0);
    expect(html5Problems(expected)).toEqual([]);
  });

  it("keeps a link with only a canonical href as written, and sends every other link the long way", () => {
    const kept = '<p><a href="https://x.example/a?b=1&amp;c=2">x</a></p>';
    expect(sanitizeHtml(kept)).toBe(kept);
    expect(sanitizeHtml('<a href="https://x.example/a?b=1&c=2">x</a>')).toBe(
      '<a href="https://x.example/a?b=1&amp;c=2">x</a>',
    );
    // "&#38;" is an "&" too, but written otherwise than escaping writes it back.
    expect(sanitizeHtml('<a href="https://x.example/?a&#38;b">x</a>')).toBe(
      '<a href="https://x.example/?a&amp;b">x</a>',
    );
    expect(sanitizeHtml('<a href="https://x.example/a/../b">x</a>')).toBe(
      '<a href="https://x.example/b">x</a>',
    );
    expect(sanitizeHtml('<a href="/b">x</a>', base)).toBe('<a href="https://crumb.example/b">x</a>');
    // A link inside a link closes the first, as a browser does.
    expect(sanitizeHtml('<a href="https://x.example/">x<a href="https://y.example/">y</a>')).toBe(
      '<a href="https://x.example/">x</a><a href="https://y.example/">y</a>',
    );
  });

  it("keeps clean references as written and never escapes twice", () => {
    const clean = "a &amp; b &lt; c &#8212; d &#x2014; e &nbsp; f &hellip; g &#034; h &#X41;";
    expect(cleanCharacterReferences(clean)).toBe(clean);
    expect(sanitizeHtml(`<p>${clean}</p>`)).toBe(`<p>${clean}</p>`);
    expect(sanitizeHtml(sanitizeHtml("&copy &amp co &nosuch;"))).toBe("&copy; &amp; co &amp;nosuch;");
  });

  it("passes over clean references between tags but still fixes the others", () => {
    // A two-byte body, as most are: the text between tags is searched for references in place.
    const body = "<p>“a” &#8217; &#x2014; &nbsp; b</p><p>c&#0;d &nbspx; &nbsp e &#x110000; f</p>";
    expect(sanitizeHtml(body)).toBe(
      "<p>“a” &#8217; &#x2014; &nbsp; b</p><p>c\uFFFDd &amp;nbspx; &nbsp; e \uFFFD f</p>",
    );
  });

  it("lower-cases attribute and tag names, ASCII or not", () => {
    expect(sanitizeHtml('<p ItemProp="d" İd="x">“t”</p><A HREF="https://x.example/a">l</A>')).toBe(
      '<p>“t”</p><a href="https://x.example/a">l</a>',
    );
  });

  it("trims the space a MathML token leaves at either end", () => {
    expect(sanitizeHtml("<mi>x</mi> “y” <mi>z</mi>")).toBe("x  “y”  z");
  });
});

describe("htmlToPlainTitle", () => {
  it.each([
    ["Rye &amp; Spelt", "Rye & Spelt"],
    ["Rye &amp;amp; Spelt", "Rye &amp; Spelt"],
    ["<b>Bold</b>   news\n today", "Bold news today"],
    ["&lt;em&gt;Escaped&lt;/em&gt; tags", "Escaped tags"],
    ["Caf&eacute; &#8220;open&#8221; &#x2014; 5 &lt; 6", "Café “open” — 5 < 6"],
  ])("%j → %j", (input, expected) => {
    expect(htmlToPlainTitle(input)).toBe(expected);
  });

  it("is linear on unclosed angle brackets", () => {
    const input = "<a".repeat(100_000);
    // No ">" closes any of them, so none is a tag: the text stays as it is.
    expect(htmlToPlainTitle(input)).toBe(input);
    // Counted, not timed: each of the few stripping passes reads the input a fixed number of times.
    expect(countSteps(htmlToPlainTitle, input)).toBeLessThanOrEqual(10 * input.length);
  });
});
