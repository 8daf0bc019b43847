/**
 * The layers of src/, enforced (ARCHITECTURE.md draws the same map). From the bottom up, each
 * folder imports only from the folders listed for it:
 *
 *   log-event.ts, config.ts, bytes/   nothing of ours
 *   feed/                             bytes/
 *   fold/, story.ts                   feed/, bytes/
 *   relate/                           fold/, feed/, story.ts, config.ts, bytes/
 *   render/                           fold/, feed/, story.ts, bytes/
 *   view/                             render/, fold/, feed/, story.ts
 *   store/                            story.ts, bytes/
 *   fold-index/                       store/, view/, render/, relate/, fold/, feed/, story.ts, config.ts, log-event.ts, bytes/
 *   ingest/                           fold-index/, fold/, feed/, story.ts, config.ts, log-event.ts, bytes/
 *   sources/                          ingest/, fold-index/, render/, fold/, feed/, story.ts, config.ts, log-event.ts, bytes/
 *   demo/                             ingest/, fold-index/, feed/, story.ts
 *   http/                             everything above, never index.ts or lib.ts
 *   index.ts (the Worker), lib.ts (the pure pipeline: feed/ and fold/ only)
 *
 * Type-only imports count (tsPreCompilationDeps): a type is a dependency too.
 */

/** A rule: files under `from` may import files of src/ only under `allowed` (besides their own folder). */
function layer(name, from, allowed, comment) {
  return {
    name,
    comment,
    severity: "error",
    from: { path: from },
    to: { path: "^src/", pathNot: [`^${from.replace(/^\^/, "")}`, ...allowed] },
  };
}

const BASE = ["^src/bytes/"];
const MODEL = ["^src/feed/", "^src/story\\.ts$", ...BASE];
const PURE = ["^src/fold/", ...MODEL];
const RUNTIME = ["^src/config\\.ts$", "^src/log-event\\.ts$"];

module.exports = {
  forbidden: [
    {
      name: "no-circular",
      comment: "An import circle makes every file in it depend on all the others.",
      severity: "error",
      from: {},
      to: { circular: true },
    },
    layer("base-imports-nothing", "^src/(config|log-event)\\.ts$", [], "config.ts and log-event.ts stand alone."),
    layer("bytes-imports-nothing", "^src/bytes/", [], "bytes/: byte-level helpers every layer may use."),
    layer("feed-is-pure", "^src/feed/", BASE, "feed/: bytes → items; pure."),
    layer("fold-is-pure", "^src/fold/", MODEL, "fold/: text → fingerprints and verdicts; pure."),
    layer("story-model", "^src/story\\.ts$", MODEL, "story.ts: the story model, built on feed/'s item model."),
    layer(
      "relate-is-pure",
      "^src/relate/",
      ["^src/config\\.ts$", ...PURE],
      "relate/: stories → salient terms and related-coverage scores; pure (its window read from config).",
    ),
    layer("render-is-pure", "^src/render/", PURE, "render/: stories → RSS, Atom, JSON Feed, HTML; pure."),
    layer("view-is-pure", "^src/view/", ["^src/render/", ...PURE], "view/: queries and pages over stories."),
    layer("store-is-kv-only", "^src/store/", ["^src/story\\.ts$", ...BASE], "store/: the only code that touches KV."),
    layer(
      "fold-index-below-ingest",
      "^src/fold-index/",
      ["^src/store/", "^src/view/", "^src/render/", "^src/relate/", ...PURE, ...RUNTIME],
      "fold-index/: the Durable Object; never ingest/, sources/, demo/ or http/.",
    ),
    layer(
      "ingest-below-sources",
      "^src/ingest/",
      ["^src/fold-index/", ...PURE, ...RUNTIME],
      "ingest/: documents → copies for the fold index; never sources/ or http/.",
    ),
    layer(
      "sources-below-http",
      "^src/sources/",
      ["^src/ingest/", "^src/fold-index/", "^src/render/", ...PURE, ...RUNTIME],
      "sources/: fetching and scheduling; hands documents to ingest/; never http/.",
    ),
    layer(
      "demo-below-http",
      "^src/demo/",
      ["^src/ingest/", "^src/fold-index/", ...MODEL],
      "demo/: the demo content, seeded through ingest/.",
    ),
    layer(
      "http-below-entry",
      "^src/http/",
      [
        "^src/demo/",
        "^src/sources/",
        "^src/ingest/",
        "^src/fold-index/",
        "^src/store/",
        "^src/view/",
        "^src/render/",
        "^src/relate/",
        ...PURE,
        ...RUNTIME,
      ],
      "http/: the hono app; never the entry points.",
    ),
    layer("lib-is-the-pure-pipeline", "^src/lib\\.ts$", ["^src/feed/", "^src/fold/"], "lib.ts: parse and fingerprint, no runtime."),
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    includeOnly: "^src/",
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { extensions: [".ts", ".tsx", ".js"] },
  },
};
