import { cloudflareTest } from "@cloudflare/vitest-pool-workers";
import { defineConfig } from "vitest/config";

// Two projects: `unit` runs the pure modules in Node (fast, the bulk of the tests);
// `worker` runs in workerd, for bindings, handlers and anything where Node and workerd differ
// (TextDecoder labels, HTMLRewriter).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          include: ["test/unit/**/*.test.ts"],
          environment: "node",
        },
      },
      {
        plugins: [
          cloudflareTest({
            main: "./src/index.ts",
            wrangler: { configPath: "./wrangler.toml" },
            miniflare: {
              bindings: { INGEST_TOKEN: "test-token", PUBLISH_MIN_INTERVAL_MS: "0" },
            },
          }),
        ],
        test: {
          name: "worker",
          include: ["test/worker/**/*.test.ts"],
        },
      },
    ],
  },
});
