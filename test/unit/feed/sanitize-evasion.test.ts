import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ALLOWED_ELEMENTS } from "../../../src/feed/html-allowlist";
import { sanitizeHtml } from "../../../src/feed/sanitize";

const base = "https://quill.example/notes/7";

// The filter-evasion families of the OWASP XSS cheat sheet, each written out again here in our own
// payloads (the harmless call `boom()` stands in for an attack).
const EVASIONS: [string, string][] = [
  ["plain script", "<script>boom()</script>"],
  ["script with src", '<SCRIPT SRC="https://evil.example/x.js"></SCRIPT>'],
  ["img javascript:", '<img src="javascript:boom()">'],
  ["unquoted, mixed case", "<IMG SRC=JaVaScRiPt:boom()>"],
  ["grave accents", "<img src=`javascript:boom()`>"],
  ["malformed a with handler", '<a onmouseover="boom()">x</a>'],
  ["malformed img, quotes", '<IMG """><SCRIPT>boom()</SCRIPT>">'],
  ["fromCharCode", "<IMG SRC=javascript:boom(String.fromCharCode(88,83,83))>"],
  ["default src and handler", '<IMG SRC=# onmouseover="boom()">'],
  ["empty src and handler", '<IMG SRC= onmouseover="boom()">'],
  ["no src, handler", '<IMG onmouseover="boom()">'],
  ["onerror", '<IMG SRC=/ onerror="boom()"></img>'],
  [
    "decimal references",
    '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;boom()">x</a>',
  ],
  [
    "decimal without semicolons",
    "<a href=&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058boom()>x</a>",
  ],
  ["hex without semicolons", "<a href=&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A;boom()>x</a>"],
  ["embedded tab", '<a href="jav\tascript:boom();">x</a>'],
  ["encoded tab", '<a href="jav&#x09;ascript:boom();">x</a>'],
  ["encoded newline", '<a href="jav&#x0A;ascript:boom();">x</a>'],
  ["encoded carriage return", '<a href="jav&#x0D;ascript:boom();">x</a>'],
  ["null byte", '<a href="java\u0000script:boom()">x</a>'],
  ["spaces and controls first", '<a href=" &#14;  javascript:boom();">x</a>'],
  ["non-alpha after name", '<SCRIPT/XSS SRC="https://evil.example/x.js"></SCRIPT>'],
  ["junk in handler name", "<BODY onload!#$%&()*~+-_.,:;?@[/|\\]^`=boom()>"],
  ["slash as separator", '<SCRIPT/SRC="https://evil.example/x.js"></SCRIPT>'],
  ["extra open brackets", "<<SCRIPT>boom();//\\<</SCRIPT>"],
  ["no closing script tag", "<SCRIPT SRC=https://evil.example/x.js?< B >"],
  ["protocol-relative script", "<SCRIPT SRC=//evil.example/.j>"],
  ["half-open img", '<IMG SRC="`<javascript:boom()>`"'],
  ["double open angle", "<iframe src=https://evil.example/x.html <"],
  ["end title", "</TITLE><SCRIPT>boom();</SCRIPT>"],
  ["input image", '<INPUT TYPE="IMAGE" SRC="javascript:boom();">'],
  ["body background", '<BODY BACKGROUND="javascript:boom()">'],
  ["img dynsrc and lowsrc", '<IMG DYNSRC="javascript:boom()"><IMG LOWSRC="javascript:boom()">'],
  ["vbscript", "<IMG SRC='vbscript:msgbox(1)'>"],
  ["svg onload", "<svg/onload=boom()>"],
  ["math with link", '<math><mi xlink:href="javascript:boom()">x</mi></math>'],
  ["bgsound", '<BGSOUND SRC="javascript:boom();">'],
  ["link stylesheet", '<LINK REL="stylesheet" HREF="javascript:boom();">'],
  ["style import", "<STYLE>@import'https://evil.example/x.css';</STYLE>"],
  ["style attribute expression", '<DIV STYLE="width: expression(boom());">x</DIV>'],
  ["meta refresh", '<META HTTP-EQUIV="refresh" CONTENT="0;url=javascript:boom();">'],
  ["meta refresh data", '<META HTTP-EQUIV="refresh" CONTENT="0;url=data:text/html;base64,PHNjcmlwdD4=">'],
  ["iframe", '<IFRAME SRC="javascript:boom();"></IFRAME>'],
  ["iframe event", '<IFRAME SRC=# onmouseover="boom()"></IFRAME>'],
  ["frameset", '<FRAMESET><FRAME SRC="javascript:boom();"></FRAMESET>'],
  [
    "table background",
    '<TABLE BACKGROUND="javascript:boom()"><TD BACKGROUND="javascript:boom()">x</TD></TABLE>',
  ],
  ["conditional comment", "<!--[if gte IE 4]><SCRIPT>boom();</SCRIPT><![endif]-->"],
  ["base href", '<BASE HREF="javascript:boom();//">'],
  ["object", '<OBJECT TYPE="text/x-scriptlet" DATA="https://evil.example/x.html"></OBJECT>'],
  ["embed svg data", '<EMBED SRC="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9ImJvb20oKSIvPg==">'],
  ["comment split scheme", '<IMG SRC="javas<!-- -->cript:boom()">'],
  ["quoted > in script attribute", '<SCRIPT a=">" SRC="https://evil.example/x.js"></SCRIPT>'],
  ["equals first", '<SCRIPT =">" SRC="https://evil.example/x.js"></SCRIPT>'],
  ["grave in script attribute", '<SCRIPT a=`>` SRC="https://evil.example/x.js"></SCRIPT>'],
  [
    "document.write split",
    '<SCRIPT>document.write("<SCRI");</SCRIPT>PT SRC="https://evil.example/x.js"></SCRIPT>',
  ],
  ["split tag", "<scr<script>ipt>boom()</scr</script>ipt>"],
  ["data: html link", '<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>'],
  ["data: svg image", '<img src="data:image/svg+xml;base64,PHN2Zz4=">'],
  ["entity colon", '<a href="javascript&colon;boom()">x</a>'],
  ["textarea breakout", "<textarea></textarea><img src=x onerror=boom()>"],
  ["noscript breakout", '<noscript><p title="</noscript><img src=x onerror=boom()>">'],
  ["form action", '<form action="javascript:boom()"><button>go</button></form>'],
  ["unterminated attribute", '<a href="https://ok.example/" title="x onclick=boom() '],
];

const FORBIDDEN_LINK =
  /(?:href|src|cite|poster|srcset|action|background)\s*=\s*["']?\s*(?:javascript|vbscript|data:text)/i;

/** Every tag of the output: only allowed elements, no handler or style attribute. */
function expectOnlyAllowedMarkup(html: string): void {
  for (const m of html.matchAll(/<\/?([a-zA-Z][^\s/>]*)([^>]*)>/g)) {
    expect(ALLOWED_ELEMENTS.has(m[1]!), m[0]).toBe(true);
    expect(m[2], m[0]).not.toMatch(/(?:^|\s)(?:on[a-z]+|style)\s*=/i);
  }
  // Every "<" we write opens one of our tags; a stray one would be a tag to a browser.
  expect(html.replace(/<\/?[a-z][a-z0-9]*(?:\s[a-z-]+="[^"<>]*")*\s?\/?>/g, "")).not.toContain("<");
  expect(html).not.toMatch(FORBIDDEN_LINK);
}

describe("sanitizeHtml against the OWASP filter-evasion techniques", () => {
  it.each(EVASIONS)("%s", (_name, html) => {
    const out = sanitizeHtml(html, base);
    expectOnlyAllowedMarkup(out);
    expect(out).not.toMatch(/boom\(\)[^<]*<\/?script/i);
    // Sanitizing is stable: what we write is read back as exactly what we meant.
    expect(sanitizeHtml(out, base)).toBe(out);
  });

  it("keeps the harmless parts of an evasion", () => {
    expect(sanitizeHtml('<p>ok</p><SCRIPT a=">" SRC="x.js">boom()</SCRIPT><p>still</p>')).toBe(
      "<p>ok</p><p>still</p>",
    );
    expect(sanitizeHtml("<b>bold<script>boom()</b>", base)).toBe("<b>bold</b>");
    expect(sanitizeHtml('<img src=x onerror="boom()" alt="a > b">', base)).toBe(
      '<img src="https://quill.example/notes/x" alt="a &gt; b">',
    );
  });
});

describe("sanitizeHtml structure", () => {
  it("closes what is left open and drops end tags that close nothing", () => {
    expect(sanitizeHtml("<p><em>open</p></div>tail")).toBe("<p><em>open</em></p>tail");
    expect(sanitizeHtml("<ul><li>one<li>two</ul>")).toBe("<ul><li>one</li><li>two</li></ul>");
    expect(sanitizeHtml("<p>para<div>block</div>")).toBe("<p>para</p><div>block</div>");
  });

  it("reads </br> as <br>, <p/> as an empty paragraph, keeps void elements void", () => {
    expect(sanitizeHtml("a</br>b<p/>c<br/>d<hr>")).toBe("a<br>b<p></p>c<br />d<hr>");
  });

  it("drops comments, CDATA, processing instructions and declarations", () => {
    expect(sanitizeHtml("a<!-- x -->b<!---->c<![CDATA[d]]>e<?php f ?>g<!DOCTYPE html>h")).toBe("abcegh");
  });

  it("keeps a '<' that opens nothing as text", () => {
    expect(sanitizeHtml("1 < 2 and 3 <4, <!' <b>b</b>")).toBe("1 &lt; 2 and 3 &lt;4, &lt;!' <b>b</b>");
  });

  it("drops a tag the body ends inside of, as a browser does", () => {
    expect(sanitizeHtml('text <a href="https://x.example/')).toBe("text");
  });

  it("keeps the first of repeated attributes and escapes values", () => {
    expect(sanitizeHtml('<img alt="one" alt="two" title=\'say "hi" a=b\'>')).toBe(
      '<img alt="one" title="say &quot;hi&quot; a&#61;b">',
    );
  });

  it("drops SVG and MathML tags but keeps their text", () => {
    expect(
      sanitizeHtml(
        '<svg viewBox="0 0 1 1"><title>Chart</title><circle r="1"/></svg> and <math><mi>x</mi></math>',
      ),
    ).toBe("Chart and  x");
  });

  it("keeps SVG and MathML links as plain links", () => {
    expect(
      sanitizeHtml(
        '<svg><a xlink:href="/x"><text>go</text></a></svg><math><mrow xlink:href="https://m.example/"><mi>y</mi></mrow></math>',
        base,
      ),
    ).toBe('<a href="https://quill.example/x">go</a><a href="https://m.example/"> y </a>');
    expect(sanitizeHtml('<math><mi xlink:href="javascript:boom()">z</mi></math>', base)).toBe("z");
  });

  it("self-closed frames and unclosed objects drop only their tag", () => {
    expect(sanitizeHtml('safe<iframe src="https://x.example/" /> words')).toBe("safe words");
    expect(sanitizeHtml('safe<object data="x.swf"> <b>fallback</b>')).toBe("safe <b>fallback</b>");
    expect(sanitizeHtml("a<object><object>b</object>c</object>d")).toBe("ad");
  });

  it("copies clean input through unchanged", () => {
    const clean = '<p>Rye &amp; <em>spelt</em>, <a href="https://crumb.example/a">more</a></p>';
    expect(sanitizeHtml(clean, base)).toBe(clean);
  });
});

describe("sanitizeHtml on random markup", () => {
  const piece = fc.oneof(
    fc.constantFrom(
      "<",
      ">",
      "</",
      "/>",
      "<!--",
      "-->",
      "<![CDATA[",
      "]]>",
      '"',
      "'",
      "=",
      " ",
      "&",
      "&#106;",
      "&#x3A",
      "javascript:",
      "data:",
      "onerror=",
      "<p>",
      "</p>",
      "<a href=",
      "<img src=",
      "<script>",
      "</script>",
      "<style>",
      "<object>",
      "</object>",
      "<svg>",
      "<li>",
      "<table>",
      "<td>",
      "</br>",
      "<iframe/>",
    ),
    fc.string({ maxLength: 6 }),
  );
  it("writes only allowed markup, and a second pass changes nothing", () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
        const out = sanitizeHtml(pieces.join(""), base);
        expectOnlyAllowedMarkup(out);
        expect(sanitizeHtml(out, base)).toBe(out);
      }),
      { numRuns: 3000, seed: 20261126 },
    );
  });
});
