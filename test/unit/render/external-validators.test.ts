/**
 * The rendered feeds as real clients see them: Debian's python3-feedparser in strict mode (any
 * bozo fails) and the shared JSON Feed 1.1 schema check. Each part skips cleanly when its tool
 * or the shared checks folder beside the repository is missing.
 */
import { describe, expect, it } from "vitest";
import { renderAtom } from "../../../src/render/atom";
import { renderJsonFeed } from "../../../src/render/json-feed";
import { renderRss } from "../../../src/render/rss";
import { makeMeta, STORIES } from "./fixture-stories";
import {
  childProcess,
  fs,
  hasPythonFeedparser,
  nodeProcess,
  path,
  SHARED_CHECKS,
  writeTempFile,
} from "./node-tools";

const FEEDPARSER_SCRIPT = path.join(SHARED_CHECKS, "validate-with-feedparser.py");
const JSONFEED_SCRIPT = path.join(SHARED_CHECKS, "validate-jsonfeed.mjs");
const canRunFeedparser = fs.existsSync(FEEDPARSER_SCRIPT) && hasPythonFeedparser();

interface FeedparserEntry {
  title: string | null;
  link: string | null;
  id: string | null;
  published: string | null;
  updated: string | null;
  tags: (string | null)[];
  enclosures: { href: string | null; type: string | null; length: string | null }[];
  content_chars: number;
}
interface FeedparserSummary {
  version: string | null;
  bozo: boolean;
  bozo_exception: string | null;
  entry_count: number;
  entries: FeedparserEntry[];
}

function runFeedparser(fileName: string, content: string): FeedparserSummary {
  const file = writeTempFile(fileName, content);
  const r = childProcess.spawnSync(
    "/usr/bin/python3",
    [FEEDPARSER_SCRIPT, file, "--strict", "--json", "--max", "0"],
    {
      encoding: "utf8",
      timeout: 60_000,
    },
  );
  fs.rmSync(path.resolve(file, ".."), { recursive: true, force: true });
  expect(r.stderr).toBe("");
  expect(r.status, r.stdout).toBe(0);
  return JSON.parse(r.stdout) as FeedparserSummary;
}

describe.skipIf(!canRunFeedparser)("python3-feedparser (strict)", () => {
  it("reads the RSS 2.0 without bozo and sees every item", () => {
    const result = runFeedparser("feed.xml", renderRss(STORIES, makeMeta()));
    expect(result.bozo).toBe(false);
    expect(result.version).toBe("rss20");
    expect(result.entry_count).toBe(3);
    const [folded, hostile, rich] = result.entries;
    expect(folded?.id).toBe("urn:feedfold:story:st-ferry-01");
    expect(folded?.link).toBe("https://lakeside-courier.example/news/ferry-winter");
    expect(folded?.published).toBe("2024-10-20T08:15:00Z");
    expect(hostile?.title).toBe("Escaping notes: a < b & c  <script>alert('x')</script>");
    expect(hostile?.content_chars).toBeGreaterThan(0);
    expect(rich?.enclosures).toEqual([
      { href: "https://cdn.garden-radio.example/ep12.mp3", type: "audio/mpeg", length: "24117248" },
    ]);
    expect(rich?.tags).toEqual(["gardening", "podcast"]);
  });

  it("reads the Atom 1.0 without bozo and sees every entry", () => {
    const result = runFeedparser(
      "feed.atom",
      renderAtom(STORIES, makeMeta({ selfUrl: "https://folded.example/feed.atom" })),
    );
    expect(result.bozo).toBe(false);
    expect(result.version).toBe("atom10");
    expect(result.entry_count).toBe(3);
    const [folded, hostile] = result.entries;
    expect(folded?.id).toBe("urn:feedfold:story:st-ferry-01");
    expect(folded?.link).toBe("https://lakeside-courier.example/news/ferry-winter");
    expect(folded?.updated).toBe("2024-10-20T09:00:00Z");
    expect(folded?.published).toBe("2024-10-20T08:15:00Z");
    expect(hostile?.title).toBe("Escaping notes: a < b & c  <script>alert('x')</script>");
  });
});

describe.skipIf(!fs.existsSync(JSONFEED_SCRIPT))("shared JSON Feed 1.1 validator", () => {
  it("accepts the JSON Feed, with and without next_url, and with the top-level _feedfold.sync_cursor", () => {
    for (const meta of [
      makeMeta(),
      makeMeta({ nextUrl: "https://folded.example/feed.json?page=2" }),
      makeMeta({ syncCursor: "MTI3" }),
    ]) {
      const file = writeTempFile("feed.json", renderJsonFeed(STORIES, meta));
      const r = childProcess.spawnSync(nodeProcess.execPath, [JSONFEED_SCRIPT, file], {
        encoding: "utf8",
        timeout: 120_000,
      });
      fs.rmSync(path.resolve(file, ".."), { recursive: true, force: true });
      expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0);
      expect(r.stdout).toContain("valid JSON Feed 1.1 (3 items)");
    }
  }, 120_000);
});
