import { Hono } from "hono";
import { foldIndexStub } from "../../fold-index/fold-index-stub";
import { requireToken } from "../auth";

export const adminStatsRoutes = new Hono<{ Bindings: Env }>();

/**
 * The operator's view (auth): stories, copies, fold rate, sources by health, the last polling
 * cycle and today's KV writes, from the fold index in one Durable Object request and no KV read.
 */
adminStatsRoutes.get("/admin/stats", requireToken, async (c) => {
  const stats = await foldIndexStub(c.env).opsStats();
  c.header("Cache-Control", "no-store");
  return c.json(stats);
});
