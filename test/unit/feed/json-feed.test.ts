import { describe, expect, it } from "vitest";
import { parseFeed } from "../../../src/feed/parse-feed";

const councilJson11 = JSON.stringify({
  version: "https://jsonfeed.org/version/1.1",
  title: "Millbrook Council Notices",
  home_page_url: "https://council.millbrook.example/",
  feed_url: "https://council.millbrook.example/feed.json",
  description: "Notices",
  language: "en-GB",
  icon: "/icon.png",
  authors: [{ name: "Town Clerk", url: "/clerk" }],
  items: [
    {
      id: 42,
      url: "https://council.millbrook.example/notices/42",
      external_url: "https://county.example/roads",
      title: "Road survey &amp; results",
      content_html:
        '<p>Results <a href="/survey.pdf" onclick="x()">here</a></p><iframe src="https://evil.example"></iframe>',
      summary: "Results are <in>",
      date_published: "2022-02-01T10:00:00+01:00",
      date_modified: "2022-02-02T10:00:00Z",
      tags: ["roads", " roads ", ""],
      image: "/img/road.jpg",
      attachments: [
        { url: "/audio/briefing.mp3", mime_type: "audio/mpeg", size_in_bytes: 5000, duration_in_seconds: 61 },
      ],
    },
    {
      id: "notice-43",
      content_text: "Bins collected on Tuesday.",
      authors: [{ name: "Waste Team" }],
    },
  ],
});

describe("JSON Feed 1.1", () => {
  const feed = parseFeed(councilJson11);
  const [survey, bins] = feed.items;

  it("reads the top level", () => {
    expect(feed).toMatchObject({
      format: "json1.1",
      title: "Millbrook Council Notices",
      homePageUrl: "https://council.millbrook.example/",
      feedUrl: "https://council.millbrook.example/feed.json",
      language: "en-GB",
      iconUrl: "https://council.millbrook.example/icon.png",
      authors: [{ name: "Town Clerk", url: "https://council.millbrook.example/clerk" }],
    });
  });

  it("maps an item with HTML content, sanitized and resolved", () => {
    expect(survey).toMatchObject({
      id: "42",
      url: "https://council.millbrook.example/notices/42",
      externalUrl: "https://county.example/roads",
      title: "Road survey & results",
      summary: "Results are &lt;in&gt;",
      datePublished: "2022-02-01T09:00:00Z",
      dateModified: "2022-02-02T10:00:00Z",
      tags: ["roads"],
      imageUrl: "https://council.millbrook.example/img/road.jpg",
      attachments: [
        {
          url: "https://council.millbrook.example/audio/briefing.mp3",
          mimeType: "audio/mpeg",
          sizeInBytes: 5000,
          durationInSeconds: 61,
        },
      ],
      authors: [{ name: "Town Clerk" }],
    });
    expect(survey!.contentHtml).toBe(
      '<p>Results <a href="https://council.millbrook.example/survey.pdf">here</a></p>',
    );
  });

  it("keeps content_text as contentText and the item's own authors", () => {
    expect(bins!.contentText).toBe("Bins collected on Tuesday.");
    expect(bins!.contentHtml).toBeUndefined();
    expect(bins!.authors).toEqual([{ name: "Waste Team" }]);
  });
});

describe("JSON Feed 1.0", () => {
  it("reads the single author object and detects version 1", () => {
    const feed = parseFeed(
      JSON.stringify({
        version: "https://jsonfeed.org/version/1",
        title: "Crumb Bakery",
        author: { name: "Bea Baker" },
        items: [
          {
            id: "1",
            url: "https://crumb.example/1",
            content_html: "<p>Bagels</p>",
            date_published: "2017-05-17T08:02:12-07:00",
          },
        ],
      }),
    );
    expect(feed.format).toBe("json1.0");
    expect(feed.authors).toEqual([{ name: "Bea Baker" }]);
    expect(feed.items[0]).toMatchObject({
      contentHtml: "<p>Bagels</p>",
      datePublished: "2017-05-17T15:02:12Z",
      authors: [{ name: "Bea Baker" }],
    });
  });
});

describe("JSON Feed item fields read once per feed", () => {
  const feed = (home: string, items: object[]) =>
    parseFeed(JSON.stringify({ version: "https://jsonfeed.org/version/1.1", home_page_url: home, items }));

  it("resolves a repeated author link against each feed's own base", () => {
    const item = { id: "1", authors: [{ name: "Jo", url: "/about" }] };
    expect(feed("https://a.example/", [item, item]).items.map((i) => i.authors)).toEqual([
      [{ name: "Jo", url: "https://a.example/about" }],
      [{ name: "Jo", url: "https://a.example/about" }],
    ]);
    expect(feed("https://b.example/", [item]).items[0]!.authors).toEqual([
      { name: "Jo", url: "https://b.example/about" },
    ]);
  });

  it("reads an equal date_modified like date_published, warning for each unparsable one", () => {
    const parsed = feed("https://a.example/", [
      { id: "1", date_published: "yesterday", date_modified: "yesterday" },
      { id: "2", date_published: "2024-01-02T03:04:05+01:00", date_modified: "2024-01-02T03:04:05+01:00" },
    ]);
    expect(parsed.warnings).toEqual([
      'Unparsable date "yesterday" in item "1".',
      'Unparsable date "yesterday" in item "1".',
    ]);
    expect(parsed.items).toEqual([
      { id: "1", authors: [], tags: [], attachments: [] },
      {
        id: "2",
        datePublished: "2024-01-02T02:04:05Z",
        dateModified: "2024-01-02T02:04:05Z",
        authors: [],
        tags: [],
        attachments: [],
      },
    ]);
  });
});
