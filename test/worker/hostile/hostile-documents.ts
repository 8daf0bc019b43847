/** Hostile documents of our own making, each built in code so none is stored as a fixture. */

const enc = new TextEncoder();

export function rss(items: string, options: { head?: string; attrs?: string } = {}): string {
  return `<?xml version="1.0" encoding="UTF-8"?>${options.head ?? ""}
<rss version="2.0"${options.attrs ?? ""}><channel><title>Hostile Hill</title><link>https://hostile.example.net/</link>
<description>made to break things</description>${items}</channel></rss>`;
}

export function item(n: number, title = `Item number ${n}`, extra = ""): string {
  return `<item><title>${title}</title><link>https://hostile.example.net/p/${n}</link><guid>h-${n}</guid><description>Body of item ${n}, long enough to be an article of its own about item ${n}.</description>${extra}</item>`;
}

export function jsonFeed(fields: Record<string, unknown>): string {
  return JSON.stringify({
    version: "https://jsonfeed.org/version/1.1",
    title: "Hostile JSON",
    home_page_url: "https://hostile.example.net/",
    ...fields,
  });
}

export const BILLION_LAUGHS_CLASSIC = `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<lolz>&lol4;</lolz>`;

/** Ten-fold nine times: &lol9; stands for 3,000,000,000 characters, referred to in an item. */
export const BILLION_LAUGHS_IN_ITEM = rss(
  `<item><title>Laughing &lol9;</title><guid>bl-1</guid><description>&lol9;</description></item>`,
  {
    head: `<!DOCTYPE rss [<!ENTITY lol0 "lol">${Array.from(
      { length: 9 },
      (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i};`.repeat(10)}">`,
    ).join("")}]>`,
  },
);

/** An external entity (XXE) referred to in an item. */
export const EXTERNAL_ENTITY = rss(
  `<item><title>Read this: &xxe;</title><guid>xxe-1</guid><description>Body of the item that leaks &xxe; into a story.</description></item>`,
  { head: `<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>` },
);

/** An external parameter entity referred to in the DOCTYPE itself (out-of-band XXE). */
export const EXTERNAL_PARAMETER_ENTITY = rss(
  `<item><title>Harmless title</title><guid>xxe-2</guid><description>Body of an item.</description></item>`,
  { head: `<!DOCTYPE rss [<!ENTITY % remote SYSTEM "http://127.0.0.1:9/evil.dtd"> %remote;]>` },
);

/** One kilobyte entity referenced many thousand times: the "quadratic blowup" variant. */
export const QUADRATIC_BLOWUP = rss(
  `<item><title>&big;</title><guid>q-1</guid><description>${"&big;".repeat(20000)}</description></item>`,
  { head: `<!DOCTYPE rss [<!ENTITY big "${"B".repeat(1000)}">]>` },
);

export const PNG_BYTES = new Uint8Array([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52,
]);
export const GZIP_BYTES = new Uint8Array([
  0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0, 0x00, 0x03, 0x4b, 0x4c, 0x4a, 0x06, 0x00,
]);

/** "<rss/>" with its "<" written as an overlong two-byte UTF-8 sequence (C0 BC). */
export const OVERLONG_LT = new Uint8Array([0xc0, 0xbc, ...enc.encode('rss version="2.0"/>')]);
/** Continuation bytes with no lead byte, then text. */
export const LONE_CONTINUATION = new Uint8Array([0x80, 0x81, 0xbf, 0xa0, ...enc.encode(" not a feed")]);
/** A UTF-16 byte order mark in front of UTF-8 bytes: decoded as UTF-16 it is noise. */
export const UTF16_BOM_ON_UTF8 = new Uint8Array([0xff, 0xfe, ...enc.encode(rss(item(1)))]);

export function deepXml(depth: number): string {
  return rss(`<item><title>deep</title><guid>d-1</guid>${"<x>".repeat(depth)}${"</x>".repeat(depth)}</item>`);
}

export function deepJsonItems(depth: number): string {
  return `{"version":"https://jsonfeed.org/version/1.1","home_page_url":"https://hostile.example.net/","items":${"[".repeat(depth)}${"]".repeat(depth)}}`;
}

export function manyAttributes(count: number): string {
  const attrs = Array.from({ length: count }, (_, i) => ` a${i}="${i}"`).join("");
  return rss(`<item${attrs}><title>attrs</title><guid>a-1</guid></item>`);
}

export function manyItems(count: number): string {
  return rss(Array.from({ length: count }, (_, i) => item(i)).join(""));
}

/** A stream that offers `total` bytes in 64 KiB chunks and counts how many were pulled. */
export function countingStream(total: number): { stream: ReadableStream<Uint8Array>; pulled: () => number } {
  let pulled = 0;
  const chunk = new Uint8Array(64 * 1024).fill(0x20);
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled >= total) return controller.close();
      pulled += chunk.byteLength;
      controller.enqueue(chunk.slice());
    },
  });
  return { stream, pulled: () => pulled };
}
