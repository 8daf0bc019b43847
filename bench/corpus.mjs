// A deterministic corpus of our own for benchmarks: made-up sites publishing made-up articles
// (words built from syllables, so no real text), and reposting blogs that carry some of those
// articles again with their own markup and boilerplate. The same seed always gives the same bytes.
//
//   const corpus = makeCorpus({ seed: 1, sites: 12, itemsPerSite: 20, reposters: 4 });
//   corpus.sources  // [{ url, home, title, kind: "site" | "reposter", items: [...] }]
//   renderFeed(source, items?)  // → { body, contentType } (sites: RSS 2.0, reposters: Atom)
//   corpus.originals, corpus.copies  // how many distinct stories and reposted copies it holds
//
// Items: { guid, title, link, date (ISO), html, original? (the site item a repost copies) }.

/** mulberry32: a small seeded PRNG, good enough to pick words. */
export function seededRandom(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SYLLABLES =
  "ka lo mi ren tas vu pe dor sil an ob ri el nu ham zet qui bra fo lin tur os ge mak ve".split(" ");

function word(rnd) {
  const n = 1 + Math.floor(rnd() * 3);
  let w = "";
  for (let i = 0; i < n; i++) w += SYLLABLES[Math.floor(rnd() * SYLLABLES.length)];
  return w;
}

function sentence(rnd, min = 8, max = 20) {
  const n = min + Math.floor(rnd() * (max - min));
  const words = Array.from({ length: n }, () => word(rnd));
  // Numbers make template-like items differ in their facts, as real news does.
  if (rnd() < 0.3) words.splice(Math.floor(rnd() * n), 0, String(Math.floor(rnd() * 1000)));
  const s = words.join(" ");
  return `${s[0].toUpperCase()}${s.slice(1)}.`;
}

function article(rnd) {
  const paragraphs = 3 + Math.floor(rnd() * 4);
  return Array.from({ length: paragraphs }, () =>
    Array.from({ length: 2 + Math.floor(rnd() * 3) }, () => sentence(rnd)).join(" "),
  );
}

const escapeXml = (s) =>
  s.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;");

/**
 * Builds the corpus. `repostShare` of each site's items are reposted by one reposter each.
 * Dates go back from `start` one hour per item, so feeds are newest first like real ones.
 */
export function makeCorpus({
  seed = 1,
  sites = 12,
  itemsPerSite = 20,
  reposters = 4,
  repostShare = 0.25,
  start = Date.parse("2026-11-10T12:00:00Z"),
} = {}) {
  const rnd = seededRandom(seed);
  const sources = [];
  for (let s = 0; s < sites; s++) {
    const host = `${word(rnd)}-news-${s}.example.org`;
    const source = {
      kind: "site",
      url: `https://${host}/feed.xml`,
      home: `https://${host}/`,
      title: `${capital(word(rnd))} ${capital(word(rnd))} News`,
      items: [],
    };
    for (let i = 0; i < itemsPerSite; i++) source.items.push(siteItem(rnd, host, s, i, start));
    sources.push(source);
  }
  const blogs = Array.from({ length: reposters }, (_, r) => {
    const host = `${word(rnd)}-reposts-${r}.example.net`;
    return {
      kind: "reposter",
      url: `https://${host}/feeds/posts/default`,
      home: `https://${host}/`,
      title: `${capital(word(rnd))} Reposts`,
      items: [],
    };
  });
  let copies = 0;
  if (blogs.length) {
    for (const site of sources) {
      for (const item of site.items) {
        if (rnd() >= repostShare) continue;
        const blog = blogs[Math.floor(rnd() * blogs.length)];
        blog.items.push(repostItem(rnd, blog, site, item, blog.items.length));
        copies++;
      }
    }
  }
  for (const blog of blogs) blog.items.sort((a, b) => b.date.localeCompare(a.date));
  const originals = sources.reduce((n, s) => n + s.items.length, 0);
  return { sources: [...sources, ...blogs], originals, copies };
}

/** One fresh article of a site, for benches that publish new items over time. */
export function newSiteItem(source, index, seed, date) {
  const rnd = seededRandom(seed * 7919 + index);
  const host = new URL(source.home).host;
  return siteItem(rnd, host, 0, index, Date.parse(date) + 3_600_000 * index, `n${index}`);
}

function siteItem(rnd, host, s, i, start, prefix = "") {
  const title = sentence(rnd, 5, 9).slice(0, -1);
  const paragraphs = article(rnd);
  return {
    guid: `${host}-${prefix}${i}`,
    title,
    link: `https://${host}/${2026 - (s % 2)}/${prefix}${i}-${title.split(" ")[0].toLowerCase()}.html`,
    date: new Date(start - i * 3_600_000 - s * 60_000).toISOString(),
    html: paragraphs.map((p) => `<p>${p}</p>`).join("\n"),
    paragraphs,
  };
}

function repostItem(rnd, blog, site, item, n) {
  const host = new URL(blog.home).host;
  const comments = Math.floor(rnd() * 5);
  const html = `<div dir="ltr">${item.paragraphs.join("<br /><br />\n")}<br /><br /><b>${item.title}</b><br />Source: <a href="${item.link}?utm_source=${host}">${site.title}</a><br />Post a Comment<br />${comments} Comments</div>`;
  return {
    guid: `tag:${host},2026:post-${n}`,
    title: `${item.title} | ${blog.title}`,
    link: `https://${host}/2026/11/post-${n}.html`,
    date: new Date(Date.parse(item.date) + 2 * 3_600_000).toISOString(),
    html,
    original: item.guid,
  };
}

const capital = (w) => `${w[0].toUpperCase()}${w.slice(1)}`;

/** The source's feed document: RSS 2.0 for sites, Atom 1.0 for reposting blogs. */
export function renderFeed(source, items = source.items) {
  if (source.kind === "reposter") {
    const entries = items
      .map(
        (it) => `  <entry>
    <id>${escapeXml(it.guid)}</id>
    <title type="text">${escapeXml(it.title)}</title>
    <published>${it.date}</published>
    <updated>${it.date}</updated>
    <link rel="alternate" type="text/html" href="${escapeXml(it.link)}"/>
    <content type="html">${escapeXml(it.html)}</content>
  </entry>`,
      )
      .join("\n");
    return {
      contentType: "application/atom+xml; charset=utf-8",
      body: `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <id>${escapeXml(source.home)}</id>
  <title>${escapeXml(source.title)}</title>
  <updated>${items[0]?.date ?? "2026-01-01T00:00:00Z"}</updated>
  <link rel="alternate" href="${escapeXml(source.home)}"/>
  <link rel="self" href="${escapeXml(source.url)}"/>
${entries}
</feed>`,
    };
  }
  const rssItems = items
    .map(
      (it) => `    <item>
      <title>${escapeXml(it.title)}</title>
      <link>${escapeXml(it.link)}</link>
      <guid isPermaLink="false">${escapeXml(it.guid)}</guid>
      <pubDate>${new Date(it.date).toUTCString()}</pubDate>
      <content:encoded><![CDATA[${it.html}]]></content:encoded>
    </item>`,
    )
    .join("\n");
  return {
    contentType: "application/rss+xml; charset=utf-8",
    body: `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:atom="http://www.w3.org/2005/Atom">
  <channel>
    <title>${escapeXml(source.title)}</title>
    <link>${escapeXml(source.home)}</link>
    <atom:link rel="self" href="${escapeXml(source.url)}"/>
    <description>Made-up news for benchmarks</description>
${rssItems}
  </channel>
</rss>`,
  };
}
