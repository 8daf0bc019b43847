import { TOKEN } from "../support/client";
import { orchardRss } from "../support/documents";
import { describeHostile } from "./hostile-case";

const FEED = orchardRss({ guid: "hostile-1" });

describeHostile("write endpoints refuse a missing or wrong token", [
  { name: "/ingest without Authorization", auth: null, body: FEED, status: 401, error: "unauthorized" },
  {
    name: "/ingest with a wrong token",
    auth: "Bearer not-the-token",
    body: FEED,
    status: 401,
    error: "unauthorized",
  },
  {
    name: "/ingest with the token as Basic",
    auth: `Basic ${TOKEN}`,
    body: FEED,
    status: 401,
    error: "unauthorized",
  },
  { name: "/ingest with an empty bearer", auth: "Bearer ", body: FEED, status: 401, error: "unauthorized" },
  {
    name: "/ingest with a prefix of the token",
    auth: `Bearer ${TOKEN.slice(0, -1)}`,
    body: FEED,
    status: 401,
    error: "unauthorized",
  },
  {
    name: "/ingest with the token and more",
    auth: `Bearer ${TOKEN}x`,
    body: FEED,
    status: 401,
    error: "unauthorized",
  },
  {
    name: "/ingest with the token in the query",
    auth: null,
    path: `/ingest?token=${TOKEN}&source=https://a.example.org/`,
    body: FEED,
    status: 401,
    error: "unauthorized",
  },
  {
    name: "/ingest with a 64 KB token",
    auth: `Bearer ${"t".repeat(65536)}`,
    body: FEED,
    status: 401,
    error: "unauthorized",
  },
  {
    name: "/preview without Authorization",
    auth: null,
    path: "/preview?source=https://a.example.org/",
    body: FEED,
    status: 401,
    error: "unauthorized",
  },
  {
    name: "/admin/poll with a wrong token",
    auth: "Bearer nope",
    path: "/admin/poll",
    method: "POST",
    status: 401,
    error: "unauthorized",
  },
]);

describeHostile("bad query parameters", [
  { name: "?limit=0", path: "/feed.json?limit=0", status: 400, error: "bad-limit" },
  { name: "?limit=501", path: "/feed.xml?limit=501", status: 400, error: "bad-limit" },
  { name: "?limit=-5", path: "/feed.atom?limit=-5", status: 400, error: "bad-limit" },
  { name: "?limit=1e2", path: "/feed.json?limit=1e2", status: 400, error: "bad-limit" },
  {
    name: "?limit=99999999999999999999",
    path: "/?limit=99999999999999999999",
    status: 400,
    error: "bad-limit",
  },
  {
    name: "?before= a forged cursor",
    path: "/feed.json?before=AAAA%00%FF",
    status: 400,
    error: "bad-cursor",
  },
  {
    name: "?before= a cursor dated year 275760",
    path: `/feed.json?before=${btoa("+275760-09-13T00:00:00.000Z|00000000000000000000")}`,
    status: 400,
    error: "bad-cursor",
  },
  {
    name: "?source=javascript:",
    path: "/ingest?source=javascript:alert(1)",
    body: FEED,
    status: 400,
    error: "bad-source",
  },
  {
    name: "?source=file:",
    path: "/ingest?source=file:///etc/passwd",
    body: FEED,
    status: 400,
    error: "bad-source",
  },
  {
    name: "/items/ with a path traversal",
    path: "/items/..%2F..%2Fetc%2Fpasswd",
    status: 404,
    error: "not-found",
  },
  {
    name: "/items/ with a well-formed unknown id",
    path: "/items/0123456789abcdef0123",
    status: 404,
    error: "not-found",
  },
]);

describeHostile("unknown routes and wrong methods", [
  { name: "GET /wp-admin", path: "/wp-admin", status: 404, error: "not-found" },
  { name: "GET /.env", path: "/.env", status: 404, error: "not-found" },
  { name: "GET /ingest", path: "/ingest", status: 405, error: "method-not-allowed" },
  { name: "PUT /ingest", method: "PUT", body: FEED, status: 405, error: "method-not-allowed" },
  {
    name: "DELETE /feed.json",
    method: "DELETE",
    path: "/feed.json",
    status: 405,
    error: "method-not-allowed",
  },
  { name: "POST /feed.xml", path: "/feed.xml", body: FEED, status: 405, error: "method-not-allowed" },
]);
