/** A route as hono lists it in `app.routes`. */
export interface RouteEntry {
  method: string;
  path: string;
}

const patterns = new Map<string, RegExp>();

/** hono's path syntax ("/items/:id/split", "*") as an anchored regular expression. */
function patternOf(path: string): RegExp {
  let pattern = patterns.get(path);
  if (pattern === undefined) {
    const source = path
      .split("/")
      .map((part) =>
        part === "*" ? ".*" : part.startsWith(":") ? "[^/]+" : part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"),
      )
      .join("/");
    pattern = new RegExp(`^${source}/?$`);
    patterns.set(path, pattern);
  }
  return pattern;
}

/**
 * The methods some route answers at `path` (HEAD with GET, as hono serves it, and OPTIONS, which
 * the CORS middleware answers everywhere), for the `Allow` header of a 405; empty when no route
 * has the path at all (a 404). Middleware ("ALL") is not a route.
 */
export function allowedMethods(routes: readonly RouteEntry[], path: string): string[] {
  const methods = new Set<string>();
  for (const route of routes) {
    if (route.method === "ALL" || !patternOf(route.path).test(path)) continue;
    methods.add(route.method);
    if (route.method === "GET") methods.add("HEAD");
  }
  if (methods.size === 0) return [];
  methods.add("OPTIONS");
  const order = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];
  return [...methods].sort((a, b) => order.indexOf(a) - order.indexOf(b));
}
