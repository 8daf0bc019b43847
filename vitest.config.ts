import { cloudflareTest } from "@cloudflare/vitest-pool-workers";
import { defineConfig } from "vitest/config";

// CI is a shared 2-core machine: vitest's 5 s and 10 s defaults fail tests that are not wrong
// when the machine is loaded. No test asserts a duration; these only end a run that hangs.
const patientTimeouts = { testTimeout: 60_000, hookTimeout: 120_000 };

// Two projects: `unit` runs the pure modules in Node (fast, the bulk of the tests);
// `worker` runs in workerd, for bindings, handlers and anything where Node and workerd differ
// (TextDecoder labels, HTMLRewriter). The worker project gets a feed server of our own on
// 127.0.0.1 (test/setup/feed-server.ts) as its SOURCES.
export default defineConfig({
  test: {
    reporters: process.env.CI ? ["default", ["json", { outputFile: ".vitest-report.json" }]] : ["default"],
    projects: [
      {
        test: {
          name: "unit",
          ...patientTimeouts,
          include: ["test/unit/**/*.test.ts"],
          environment: "node",
        },
      },
      {
        plugins: [
          cloudflareTest(({ inject }) => {
            const port = inject("feedServerPort");
            return {
              main: "./src/index.ts",
              wrangler: { configPath: "./wrangler.toml" },
              miniflare: {
                bindings: {
                  INGEST_TOKEN: "test-token",
                  PUBLISH_MIN_INTERVAL_MS: "0",
                  // Tests make hundreds of writes a minute; test/worker/hostile/rate-limit.test.ts turns it on.
                  WRITE_RATE_LIMIT: "0",
                  ALLOW_LOOPBACK_SOURCES: "true",
                  SOURCES: `http://127.0.0.1:${port}/clinic.xml, http://127.0.0.1:${port}/broken.xml`,
                  FEED_SERVER: `http://127.0.0.1:${port}`,
                },
              },
            };
          }),
        ],
        test: {
          name: "worker",
          ...patientTimeouts,
          include: ["test/worker/**/*.test.ts"],
          globalSetup: ["./test/setup/feed-server.ts"],
          setupFiles: ["./test/worker/support/fresh-storage.ts"],
        },
      },
    ],
  },
});
