import { describe, expect, it } from "vitest";
import { composeStory } from "../../../src/fold-index/compose-story";
import type { StoredCopy } from "../../../src/fold-index/incoming-copy";

function copy(
  id: string,
  published: string | undefined,
  firstSeen: string,
  title = "Night buses return to the valley",
): StoredCopy {
  return {
    id,
    url: `https://${id}.example.org/night-buses`,
    title,
    datePublished: published,
    firstSeen,
    source: { id: `${id}-source`, title: id === "blog" ? "Bus Blog" : "Valley Post" },
    match: "first",
    itemKey: id,
    urlKey: `https://${id}.example.org/night-buses`,
    siteNames: id === "blog" ? ["Bus Blog", "blog.example.org"] : ["Valley Post"],
    payload: {
      id,
      url: `https://${id}.example.org/night-buses`,
      title,
      contentHtml: `<p>${id} body</p>`,
      authors: [],
      tags: [],
      attachments: [],
      datePublished: published,
    },
  };
}

describe("composeStory", () => {
  it("makes the earliest published copy canonical, whatever arrived first", () => {
    const story = composeStory(
      "a".repeat(20),
      [
        copy(
          "blog",
          "2026-11-02T09:00:00Z",
          "2026-11-20T10:00:00Z",
          "Night buses return to the valley | Bus Blog",
        ),
        copy("post", "2026-11-01T08:00:00Z", "2026-11-20T11:00:00Z"),
      ],
      "sha256:x",
      "2026-11-20T11:00:00Z",
    );
    expect(story.url).toBe("https://post.example.org/night-buses");
    expect(story.copies.map((c) => c.id)).toEqual(["post", "blog"]);
    expect(story.contentHtml).toBe("<p>post body</p>");
    expect(story.sortDate).toBe("2026-11-01T08:00:00Z");
  });

  it("breaks a tie on the publication date by first seen", () => {
    const story = composeStory(
      "b".repeat(20),
      [
        copy("post", "2026-11-01T08:00:00Z", "2026-11-20T11:00:00Z"),
        copy("blog", "2026-11-01T08:00:00Z", "2026-11-20T10:00:00Z"),
      ],
      undefined,
      "2026-11-20T11:00:00Z",
    );
    expect(story.copies[0]!.id).toBe("blog");
  });

  it("drops the suffix naming the canonical copy's own site from the title", () => {
    const story = composeStory(
      "c".repeat(20),
      [
        copy(
          "blog",
          "2026-11-02T09:00:00Z",
          "2026-11-20T10:00:00Z",
          "Night buses return to the valley | Bus Blog",
        ),
      ],
      undefined,
      "2026-11-20T10:00:00Z",
    );
    expect(story.title).toBe("Night buses return to the valley");
  });

  it("does not let a future date pin a story to the top of the feed", () => {
    const story = composeStory(
      "d".repeat(20),
      [copy("post", "2031-01-01T00:00:00Z", "2026-11-20T10:00:00Z")],
      undefined,
      "2026-11-20T10:00:00Z",
    );
    expect(story.sortDate).toBe("2026-11-20T10:00:00Z");
    expect(story.datePublished).toBe("2031-01-01T00:00:00Z");
  });

  it("dates an undated story by when it was first seen", () => {
    const story = composeStory(
      "e".repeat(20),
      [copy("post", undefined, "2026-11-20T10:00:00Z")],
      undefined,
      "2026-11-20T10:00:00Z",
    );
    expect(story.sortDate).toBe("2026-11-20T10:00:00Z");
    expect(story.datePublished).toBe("2026-11-20T10:00:00Z");
  });
});
