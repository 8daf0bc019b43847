import { describe, expect, it } from "vitest";
import { decodeBody } from "../../../src/feed/decode";
import { parseFeed } from "../../../src/feed/parse-feed";

// Legacy charsets are tested here, in workerd: Node 20's TextDecoder (small ICU) gets
// windows-1252 wrong, and workerd is where the parser runs.

/** ASCII text with %XX escapes for raw bytes: bytes("caf%e9") */
function bytes(template: string): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < template.length; i++) {
    if (template[i] === "%") {
      out.push(Number.parseInt(template.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      out.push(template.charCodeAt(i));
    }
  }
  return new Uint8Array(out);
}

function utf16(text: string, littleEndian: boolean): Uint8Array {
  const out = new Uint8Array(2 + text.length * 2);
  const view = new DataView(out.buffer);
  view.setUint16(0, 0xfeff, littleEndian);
  for (let i = 0; i < text.length; i++) view.setUint16(2 + i * 2, text.charCodeAt(i), littleEndian);
  return out;
}

const rssAround = (title: string, prolog = '<?xml version="1.0"?>') =>
  `${prolog}<rss version="2.0"><channel><title>${title}</title></channel></rss>`;

describe("decodeBody", () => {
  it("honours a UTF-8 BOM over a contradicting prolog", () => {
    const body = new Uint8Array([
      0xef,
      0xbb,
      0xbf,
      ...new TextEncoder().encode(rssAround("Café", '<?xml version="1.0" encoding="windows-1252"?>')),
    ]);
    const decoded = decodeBody(body);
    expect(decoded.encoding).toBe("utf-8");
    expect(parseFeed(body).title).toBe("Café");
  });

  it.each([true, false])("decodes UTF-16 with a BOM (little endian: %s)", (littleEndian) => {
    const body = utf16(rssAround("Пекарня «Хлеб»", '<?xml version="1.0" encoding="UTF-16"?>'), littleEndian);
    expect(decodeBody(body).encoding).toBe(littleEndian ? "utf-16le" : "utf-16be");
    expect(parseFeed(body).title).toBe("Пекарня «Хлеб»");
  });

  it("reads windows-1252 from the prolog, including 0x80–0x9F", () => {
    const body = bytes(
      '<?xml version="1.0" encoding="windows-1252"?><rss version="2.0"><channel><title>%805 %91rye%92 %93loaf%94 %96 caf%e9</title></channel></rss>',
    );
    expect(parseFeed(body).title).toBe("€5 ‘rye’ “loaf” – café");
  });

  it("maps latin-1 style labels to windows-1252, as browsers do", () => {
    for (const label of ["ISO-8859-1", "latin-1", "latin1"]) {
      const body = bytes(
        `<?xml version="1.0" encoding="${label}"?><rss><channel><title>%80 na%efve</title></channel></rss>`,
      );
      expect(parseFeed(body).title).toBe("€ naïve");
    }
  });

  it("reads koi8-r, windows-1251 and shift_jis", () => {
    const koi8 = bytes(
      '<?xml version="1.0" encoding="koi8-r"?><rss><channel><title>%c8%cc%c5%c2</title></channel></rss>',
    );
    expect(parseFeed(koi8).title).toBe("хлеб");
    const cp1251 = bytes(
      '<?xml version="1.0" encoding="windows-1251"?><rss><channel><title>%ef%e5%ea%e0%f0%ed%ff</title></channel></rss>',
    );
    expect(parseFeed(cp1251).title).toBe("пекарня");
    const sjis = bytes(
      '<?xml version="1.0" encoding="Shift_JIS"?><rss><channel><title>%83%70%83%93</title></channel></rss>',
    );
    expect(parseFeed(sjis).title).toBe("パン");
    const gb = bytes(
      '<?xml version="1.0" encoding="gb2312"?><rss><channel><title>%c3%e6%b0%fc</title></channel></rss>',
    );
    expect(parseFeed(gb).title).toBe("面包");
  });

  it("prefers the prolog over the HTTP charset, and the HTTP charset over the UTF-8 default", () => {
    const declared = bytes(
      '<?xml version="1.0" encoding="koi8-r"?><rss><channel><title>%c8%cc%c5%c2</title></channel></rss>',
    );
    expect(parseFeed(declared, { contentType: "application/rss+xml; charset=utf-8" }).title).toBe("хлеб");
    const undeclared = bytes(
      '<?xml version="1.0"?><rss><channel><title>%c8%cc%c5%c2</title></channel></rss>',
    );
    expect(parseFeed(undeclared, { contentType: 'text/xml; charset="KOI8-R"' }).title).toBe("хлеб");
    const json = bytes('{"version":"https://jsonfeed.org/version/1.1","title":"caf%e9","items":[]}');
    expect(parseFeed(json, { contentType: "application/feed+json; charset=iso-8859-1" }).title).toBe("café");
  });

  it("falls back to UTF-8 with a warning for an unknown label", () => {
    const body = new TextEncoder().encode(rssAround("Café", '<?xml version="1.0" encoding="x-made-up"?>'));
    const decoded = decodeBody(body);
    expect(decoded.encoding).toBe("utf-8");
    expect(decoded.warnings.join(" ")).toContain("x-made-up");
    expect(parseFeed(body).title).toBe("Café");
  });

  it("reads undeclared non-UTF-8 bytes as windows-1252 with a warning", () => {
    const feed = parseFeed(bytes("<rss><channel><title>Jo%e3o p%e3o</title></channel></rss>"));
    expect(feed.title).toBe("João pão");
    expect(feed.warnings.join(" ")).toContain("windows-1252");
  });

  it("ignores a UTF-16 prolog on ASCII-compatible bytes", () => {
    const body = new TextEncoder().encode(rssAround("Café", '<?xml version="1.0" encoding="utf-16"?>'));
    expect(parseFeed(body).title).toBe("Café");
  });
});

describe("sanitizer in workerd", () => {
  it("strips script in the Workers runtime", () => {
    const feed = parseFeed(
      "<rss><channel><item><description>&lt;p&gt;ok&lt;/p&gt;&lt;script&gt;x()&lt;/script&gt;</description></item></channel></rss>",
    );
    expect(feed.items[0]!.contentHtml).toBe("<p>ok</p>");
  });
});
