import { DurableObject } from "cloudflare:workers";
import { Hono } from "hono";

export class FoldIndex extends DurableObject<Env> {
  ping(): number {
    this.ctx.storage.sql.exec("CREATE TABLE IF NOT EXISTS t (x INTEGER)");
    return 1;
  }
}
const app = new Hono<{ Bindings: Env }>();
app.get("/healthz", (c) => c.json({ ok: true }));
export default { fetch: app.fetch } satisfies ExportedHandler<Env>;
