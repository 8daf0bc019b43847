import { Hono } from "hono";

export const healthRoutes = new Hono<{ Bindings: Env }>();

/** Liveness only: answers without touching KV or the fold index. */
healthRoutes.get("/healthz", (c) => {
  c.header("Cache-Control", "no-store");
  return c.json({ ok: true, service: "feedfold" });
});
