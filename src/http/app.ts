import { Hono } from "hono";
import { cors } from "hono/cors";
import { readConfig } from "../config";
import { seedDemoOnce } from "../demo/seed-demo";
import { foldIndexStub } from "../fold-index/fold-index-stub";
import { allowedMethods } from "./allowed-methods";
import { errorResponse } from "./error-response";
import { HttpError } from "./http-error";
import { limitWrites } from "./rate-limit";
import { adminRoutes } from "./routes/admin";
import { adminStatsRoutes } from "./routes/admin-stats";
import { feedRoutes } from "./routes/feeds";
import { healthRoutes } from "./routes/health";
import { ingestRoutes } from "./routes/ingest";
import { itemRoutes } from "./routes/items";
import { sourceRoutes } from "./routes/sources";
import { splitRoutes } from "./routes/split";
import { securityHeaders } from "./security-headers";

/** The HTTP API of design.md. Errors from anywhere below end in `errorResponse`. */
export function createApp(): Hono<{ Bindings: Env }> {
  const app = new Hono<{ Bindings: Env }>();
  app.use("*", securityHeaders);
  app.use(
    "*",
    cors({
      origin: "*",
      allowMethods: ["GET", "HEAD", "POST", "DELETE", "OPTIONS"],
      allowHeaders: ["Authorization", "Content-Type", "If-None-Match", "If-Modified-Since"],
      exposeHeaders: ["ETag", "Last-Modified"],
      maxAge: 86400,
    }),
  );
  app.use("*", async (c, next) => {
    if (c.req.path === "/healthz") return next();
    const config = readConfig(c.env);
    if (config.demo) await seedDemoOnce(foldIndexStub(c.env), config.publicUrl ?? new URL(c.req.url).origin);
    return next();
  });
  app.use("*", limitWrites);
  app.route("/", healthRoutes);
  app.route("/", feedRoutes);
  app.route("/", itemRoutes);
  app.route("/", ingestRoutes);
  app.route("/", adminRoutes);
  app.route("/", adminStatsRoutes);
  app.route("/", sourceRoutes);
  app.route("/", splitRoutes);
  app.notFound((c) => {
    const allowed = allowedMethods(app.routes, c.req.path);
    if (allowed.length > 0) {
      throw new HttpError(
        405,
        "method-not-allowed",
        `${c.req.method} is not served at ${c.req.path.slice(0, 200)}; it answers ${allowed.join(", ")} (see Allow)`,
        { Allow: allowed.join(", ") },
      );
    }
    throw new HttpError(404, "not-found", "no such endpoint; see the README for the API");
  });
  app.onError(errorResponse);
  return app;
}
