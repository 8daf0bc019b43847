/**
 * Three stories of our own writing that exercise the renderers:
 * - FOLDED: one story carried by two sources (canonical first);
 * - HOSTILE: markup-breaking text: "]]>", "&", "<", a <script> title, XML-forbidden characters;
 * - RICH: authors, tags and attachments, text-only body, no copies' feed URL.
 */

import type { FeedMeta } from "../../../src/render/feed-meta";
import type { Story } from "../../../src/story";

export const FOLDED: Story = {
  id: "st-ferry-01",
  title: "Harbour ferry moves to a winter timetable",
  url: "https://lakeside-courier.example/news/ferry-winter",
  contentHtml:
    "<p>The harbour ferry will run every forty minutes from the first of November.</p>" +
    "<p>Evening crossings end at nine, an hour earlier than in summer.</p>",
  datePublished: "2024-10-20T08:15:00Z",
  dateModified: "2024-10-20T09:00:00Z",
  authors: [],
  tags: [],
  attachments: [],
  fingerprint: "sha256:1111111111111111111111111111111111111111111111111111111111111111",
  copies: [
    {
      id: "https://lakeside-courier.example/?p=881",
      url: "https://lakeside-courier.example/news/ferry-winter",
      title: "Harbour ferry moves to a winter timetable - Lakeside Courier",
      datePublished: "2024-10-20T08:15:00Z",
      firstSeen: "2024-10-20T08:20:00Z",
      source: {
        id: "src-lakeside",
        title: "Lakeside Courier",
        homePageUrl: "https://lakeside-courier.example/",
        feedUrl: "https://lakeside-courier.example/feed/",
      },
      match: "first",
    },
    {
      id: "tag:valley-digest.example,2024:post-77",
      url: "https://valley-digest.example/2024/10/ferry.html",
      title: "Harbour ferry moves to a winter timetable",
      datePublished: "2024-10-20T11:40:00+02:00",
      firstSeen: "2024-10-20T10:00:00Z",
      source: {
        id: "src-valley",
        title: "Valley Digest",
        homePageUrl: "https://valley-digest.example/",
        feedUrl: "https://valley-digest.example/feeds/posts/default",
      },
      match: "exact",
    },
  ],
  sortDate: "2024-10-20T08:15:00Z",
  updatedAt: "2024-10-20T10:00:00Z",
};

export const HOSTILE_TITLE = "Escaping notes: a < b & c \u0001\uFFFE <script>alert('x')</script>";

export const HOSTILE: Story = {
  id: "st-escape-02",
  title: HOSTILE_TITLE,
  url: "https://notes.example/escaping?x=1&y=2",
  contentHtml:
    '<p>Never end a CDATA section early: <code>if (a[b[0]]> 1) { s = "]]>"; }</code></p>' +
    "<p>Fish &amp; chips \u0002 cost &lt; 10 coins.\uD800</p>",
  summary: "A note about <em>escaping</em> & CDATA.",
  datePublished: "2024-10-19T23:05:09Z",
  authors: [{ name: "R. Quill" }],
  tags: ["xml", "a&b"],
  attachments: [],
  copies: [
    {
      id: "notes-42",
      url: "https://notes.example/escaping?x=1&y=2",
      title: HOSTILE_TITLE,
      datePublished: "2024-10-19T23:05:09Z",
      firstSeen: "2024-10-19T23:10:00Z",
      source: { id: "src-notes", title: 'Notes & "Quotes"', homePageUrl: "https://notes.example/" },
      match: "first",
    },
  ],
  sortDate: "2024-10-19T23:05:09Z",
  updatedAt: "2024-10-19T23:10:00Z",
};

export const RICH: Story = {
  id: "st-podcast-03",
  title: "Episode 12: Seed libraries",
  url: "https://garden-radio.example/ep12",
  contentText: "Two gardeners talk about seed libraries.\n\nHow lending seeds works, and what comes back.",
  datePublished: "2024-10-18T06:00:00Z",
  authors: [
    { name: "Ada Fern", url: "https://garden-radio.example/ada" },
    { name: "Bo Linden", email: "bo@garden-radio.example" },
  ],
  tags: ["gardening", "podcast"],
  attachments: [
    { url: "https://cdn.garden-radio.example/ep12.mp3", mimeType: "audio/mpeg", sizeInBytes: 24_117_248 },
    { url: "https://cdn.garden-radio.example/ep12.txt" },
  ],
  copies: [
    {
      id: "garden-radio-ep12",
      url: "https://garden-radio.example/ep12",
      datePublished: "2024-10-18T06:00:00Z",
      firstSeen: "2024-10-18T06:30:00Z",
      source: {
        id: "src-garden",
        title: "Garden Radio",
        feedUrl: "https://garden-radio.example/podcast.xml",
      },
      match: "first",
    },
  ],
  sortDate: "2024-10-18T06:00:00Z",
  updatedAt: "2024-10-18T06:30:00Z",
};

export const STORIES: Story[] = [FOLDED, HOSTILE, RICH];

export function makeMeta(overrides: Partial<FeedMeta> = {}): FeedMeta {
  return {
    title: "Folded News",
    description: "Every story once, whoever carries it.",
    homePageUrl: "https://folded.example/",
    feedUrls: {
      rss: "https://folded.example/feed.xml",
      atom: "https://folded.example/feed.atom",
      json: "https://folded.example/feed.json",
    },
    selfUrl: "https://folded.example/feed.xml",
    updated: "2024-10-20T10:00:00Z",
    ...overrides,
  };
}
