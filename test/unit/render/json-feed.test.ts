import { describe, expect, it } from "vitest";
import { renderJsonFeed, renderJsonItem, storyToJsonItem } from "../../../src/render/json-feed";
import type { Story } from "../../../src/story";
import { FOLDED, HOSTILE, makeMeta, RICH, STORIES } from "./fixture-stories";

describe("renderJsonFeed", () => {
  const doc = JSON.parse(renderJsonFeed(STORIES, makeMeta()));

  it("writes a JSON Feed 1.1 top level", () => {
    expect(doc.version).toBe("https://jsonfeed.org/version/1.1");
    expect(doc.title).toBe("Folded News");
    expect(doc.home_page_url).toBe("https://folded.example/");
    expect(doc.feed_url).toBe("https://folded.example/feed.json");
    expect(doc.description).toBe("Every story once, whoever carries it.");
    expect(doc.authors).toEqual([{ name: "Folded News", url: "https://folded.example/" }]);
    expect("next_url" in doc).toBe(false);
  });

  it("writes next_url only when a next page exists", () => {
    const paged = JSON.parse(
      renderJsonFeed(STORIES, makeMeta({ nextUrl: "https://folded.example/feed.json?page=2" })),
    );
    expect(paged.next_url).toBe("https://folded.example/feed.json?page=2");
  });

  it("writes one item per story, ids as strings, in the given order", () => {
    expect(doc.items.map((i: { id: unknown }) => i.id)).toEqual([
      "st-ferry-01",
      "st-escape-02",
      "st-podcast-03",
    ]);
  });

  it("writes _feedfold with the fingerprint and every copy, canonical first, with all fields", () => {
    expect(doc.items[0]._feedfold).toEqual({
      fingerprint: "sha256:1111111111111111111111111111111111111111111111111111111111111111",
      copies: [
        {
          id: "https://lakeside-courier.example/?p=881",
          url: "https://lakeside-courier.example/news/ferry-winter",
          title: "Harbour ferry moves to a winter timetable - Lakeside Courier",
          date_published: "2024-10-20T08:15:00Z",
          match: "first",
          source: {
            id: "src-lakeside",
            title: "Lakeside Courier",
            home_page_url: "https://lakeside-courier.example/",
            feed_url: "https://lakeside-courier.example/feed/",
          },
        },
        {
          id: "tag:valley-digest.example,2024:post-77",
          url: "https://valley-digest.example/2024/10/ferry.html",
          title: "Harbour ferry moves to a winter timetable",
          date_published: "2024-10-20T11:40:00+02:00",
          match: "exact",
          source: {
            id: "src-valley",
            title: "Valley Digest",
            home_page_url: "https://valley-digest.example/",
            feed_url: "https://valley-digest.example/feeds/posts/default",
          },
        },
      ],
    });
  });

  it("leaves out unknown members instead of writing null", () => {
    const hostile = doc.items[1];
    expect("fingerprint" in hostile._feedfold).toBe(false);
    expect("feed_url" in hostile._feedfold.copies[0].source).toBe(false);
    expect("date_modified" in hostile).toBe(false);
    expect("attachments" in hostile).toBe(false);
    expect(JSON.stringify(doc)).not.toContain("null");
  });

  it("drops characters that strict decoders reject, keeping the rest of the text", () => {
    expect(doc.items[1].title).toBe("Escaping notes: a < b & c  <script>alert('x')</script>");
    expect(doc.items[1].content_html).toBe(
      '<p>Never end a CDATA section early: <code>if (a[b[0]]> 1) { s = "]]>"; }</code></p>' +
        "<p>Fish &amp; chips  cost &lt; 10 coins.</p>",
    );
    expect(doc.items[1].summary).toBe("A note about escaping & CDATA.");
  });

  it("maps authors, tags and attachments, defaulting mime_type", () => {
    const rich = doc.items[2];
    expect(rich.authors).toEqual([
      { name: "Ada Fern", url: "https://garden-radio.example/ada" },
      { name: "Bo Linden", url: "mailto:bo@garden-radio.example" },
    ]);
    expect(rich.tags).toEqual(["gardening", "podcast"]);
    expect(rich.attachments).toEqual([
      { url: "https://cdn.garden-radio.example/ep12.mp3", mime_type: "audio/mpeg", size_in_bytes: 24117248 },
      { url: "https://cdn.garden-radio.example/ep12.txt", mime_type: "application/octet-stream" },
    ]);
    expect(rich.content_text).toContain("seed libraries");
    expect("content_html" in rich).toBe(false);
  });
});

describe("storyToJsonItem", () => {
  it("always has content: body, else summary, else title", () => {
    const noBody: Story = { ...HOSTILE, contentHtml: undefined, contentText: undefined };
    expect(storyToJsonItem(noBody).content_text).toBe("A note about escaping & CDATA.");
    const titleOnly: Story = { ...RICH, contentText: undefined, summary: undefined };
    expect(storyToJsonItem(titleOnly).content_text).toBe("Episode 12: Seed libraries");
    const nothing: Story = { ...titleOnly, title: undefined };
    expect(storyToJsonItem(nothing).content_text).toBe("");
  });

  it("normalizes dates to RFC 3339 and drops unusable ones", () => {
    const story: Story = { ...FOLDED, datePublished: "2024-10-20", dateModified: "garbage" };
    const item = storyToJsonItem(story);
    expect(item.date_published).toBe("2024-10-20T00:00:00Z");
    expect(item.date_modified).toBeUndefined();
  });

  it("is what renderJsonItem serializes, identical to the feed's item", () => {
    const feedItem = JSON.parse(renderJsonFeed([FOLDED], makeMeta())).items[0];
    expect(JSON.parse(renderJsonItem(FOLDED))).toEqual(feedItem);
    expect(JSON.parse(JSON.stringify(storyToJsonItem(FOLDED)))).toEqual(feedItem);
  });
});
