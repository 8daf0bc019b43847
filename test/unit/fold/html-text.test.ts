import { describe, expect, it } from "vitest";
import { htmlToText } from "../../../src/fold/html-text";

describe("htmlToText", () => {
  it("puts each block on its own line and joins inline markup without spaces", () => {
    const html =
      "<h2>Quay <em>closed</em></h2><p>First <b>para</b>graph.</p><div>Second<br>line two<br/>line three</div>" +
      "<ul><li>one</li><li>two</li></ul><blockquote>quoted</blockquote><figure><img src=x><figcaption>cap</figcaption></figure>";
    expect(htmlToText(html).split("\n")).toEqual([
      "Quay closed",
      "First paragraph.",
      "Second",
      "line two",
      "line three",
      "one",
      "two",
      "quoted",
      "cap",
    ]);
  });

  it("collapses source whitespace inside a block but keeps line breaks in <pre>", () => {
    expect(htmlToText("<p>hard\n   wrapped\ttext</p>")).toBe("hard wrapped text");
    expect(htmlToText("<pre>a  b\nc</pre>")).toBe("a  b\nc");
  });

  it("separates table cells and rows", () => {
    expect(
      htmlToText("<table><tr><td>Berth</td><td>4</td></tr><tr><th>Ships</th><td>46</td></tr></table>"),
    ).toBe("Berth 4\nShips 46");
  });

  it("drops script, style, noscript and comments", () => {
    const html =
      "<p>kept</p><script>var x = '<p>not text</p>';</script><STYLE>p{color:red}</STYLE>" +
      "<noscript>enable js</noscript><!-- a <p>comment</p> --><p>also kept</p>";
    expect(htmlToText(html)).toBe("kept\nalso kept");
  });

  it("decodes named, decimal and hex entities once", () => {
    expect(
      htmlToText("<p>it&rsquo;s &#8217; &#x2019; &amp;amp; &lt;b&gt; &hellip; &mdash; &nbsp;x</p>"),
    ).toBe("it’s ’ ’ &amp; <b> … — \u00a0x");
  });

  it("decodes windows-1252 numeric references and legacy names without a semicolon", () => {
    expect(htmlToText("it&#146;s &#151; caf&eacute; &copy 2024 &nbspX")).toBe("it’s — café © 2024 &nbspX");
  });

  it("leaves unknown entities and bare ampersands as written", () => {
    expect(htmlToText("AT&T & Sons &unknown; &constructor; &toString;")).toBe(
      "AT&T & Sons &unknown; &constructor; &toString;",
    );
  });

  it("treats a '<' that does not start a tag as text", () => {
    expect(htmlToText("<p>3 < 5 and 5 > 3, a<-b</p>")).toBe("3 < 5 and 5 > 3, a<-b");
  });

  it("honours quoted attribute values that contain '>'", () => {
    expect(htmlToText('<p><img alt="a > b" src=x>after</p>')).toBe("after");
    expect(htmlToText("<p><a title='x>y' href=\"/\">link</a></p>")).toBe("link");
  });

  it("tolerates broken markup: unclosed tags, stray end tags, an unterminated tag at the end", () => {
    expect(htmlToText("<div><p>one<p>two</span></div></div><b>three")).toBe("one\ntwo\nthree");
    expect(htmlToText("text before <a href='x")).toBe("text before");
    expect(htmlToText("before<!-- never closed")).toBe("before");
    expect(htmlToText("a</>b</ 3>c")).toBe("abc");
  });

  it("keeps the text of CDATA sections that survived into the HTML", () => {
    expect(htmlToText("<p><![CDATA[raw <text>]]></p>")).toBe("raw <text>");
  });

  it("completes on long adversarial input", () => {
    const size = 200_000;
    for (const input of [
      "<".repeat(size),
      "&".repeat(size),
      " ".repeat(size),
      "<a x='".repeat(size / 6),
      '<a x="y'.repeat(size / 7),
      "&#".repeat(size / 2),
      "<!".repeat(size / 2),
      "<script>".repeat(size / 8),
    ]) {
      expect(typeof htmlToText(input)).toBe("string");
    }
    expect(htmlToText("<".repeat(1000))).toBe("<".repeat(1000));
  });
});
