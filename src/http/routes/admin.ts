import { Hono } from "hono";
import { runPollCycle } from "../../sources/run-poll-cycle";
import { requireToken } from "../auth";

export const adminRoutes = new Hono<{ Bindings: Env }>();

adminRoutes.post("/admin/poll", requireToken, async (c) => {
  const outcomes = await runPollCycle(c.env);
  return c.json({
    polled: outcomes.length,
    ok: outcomes.filter((o) => o.ok).length,
    failed: outcomes.filter((o) => !o.ok).length,
    sources: outcomes,
  });
});
