import { createExecutionContext, createScheduledController, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { expect, it, vi } from "vitest";
import worker from "../../../src/index";

it("a cron run under a bad setting logs one misconfigured line naming it, and does not throw", async () => {
  const errors = vi.spyOn(console, "error").mockImplementation(() => undefined);
  try {
    const ctx = createExecutionContext();
    const broken = { ...env, ALLOW_LOOPBACK_SOURCES: "yes" } as Env;
    worker.scheduled(createScheduledController({ cron: "*/15 * * * *" }), broken, ctx);
    await waitOnExecutionContext(ctx);
    const lines = errors.mock.calls.map((call) => JSON.parse(String(call[0])) as Record<string, unknown>);
    expect(lines).toContainEqual(
      expect.objectContaining({
        event: "misconfigured",
        handler: "scheduled",
        setting: "ALLOW_LOOPBACK_SOURCES",
      }),
    );
  } finally {
    errors.mockRestore();
  }
});
