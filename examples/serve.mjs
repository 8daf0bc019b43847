// Serves this folder's sample feeds on http://127.0.0.1:8788/ (or the port given), so the README's
// source and polling examples work without a network: `node examples/serve.mjs [port]`.
// `npm start` allows loopback sources (ALLOW_LOOPBACK_SOURCES) for exactly this.
import { readFile } from "node:fs/promises";
import { createServer } from "node:http";
import { extname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL(".", import.meta.url));
const port = Number(process.argv[2] ?? 8788);
const types = {
  ".xml": "application/rss+xml; charset=utf-8",
  ".atom": "application/atom+xml; charset=utf-8",
  ".opml": "text/x-opml; charset=utf-8",
  ".html": "text/html; charset=utf-8",
};

createServer(async (req, res) => {
  const name = new URL(req.url ?? "/", "http://localhost").pathname.slice(1) || "index.html";
  const type = types[extname(name)];
  if (type === undefined || name.includes("/") || name.startsWith(".")) {
    res.writeHead(404).end("not found\n");
    return;
  }
  try {
    const body = await readFile(join(root, name));
    res.writeHead(200, { "Content-Type": type }).end(body);
  } catch {
    res.writeHead(404).end("not found\n");
  }
}).listen(port, "127.0.0.1", () => console.log(`sample feeds on http://127.0.0.1:${port}/`));
