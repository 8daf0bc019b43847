/** A route as hono lists it in `app.routes`. */
export interface RouteEntry {
  method: string;
  path: string;
}

/**
 * Whether hono's path syntax ("/items/:id/split", "*") matches `path`, segment by segment (a
 * trailing slash allowed): compared by hand, so no pattern is built from route text at run time.
 */
function routeMatches(route: string, path: string): boolean {
  const want = route.split("/");
  const got = (path.length > 1 && path.endsWith("/") ? path.slice(0, -1) : path).split("/");
  for (let i = 0; i < want.length; i++) {
    const part = want[i]!;
    if (part === "*") return true;
    const segment = got[i];
    if (segment === undefined) return false;
    if (part.startsWith(":") ? segment === "" : segment !== part) return false;
  }
  return got.length === want.length;
}

/**
 * The methods some route answers at `path` (HEAD with GET, as hono serves it, and OPTIONS, which
 * the CORS middleware answers everywhere), for the `Allow` header of a 405; empty when no route
 * has the path at all (a 404). Middleware ("ALL") is not a route.
 */
export function allowedMethods(routes: readonly RouteEntry[], path: string): string[] {
  const methods = new Set<string>();
  for (const route of routes) {
    if (route.method === "ALL" || !routeMatches(route.path, path)) continue;
    methods.add(route.method);
    if (route.method === "GET") methods.add("HEAD");
  }
  if (methods.size === 0) return [];
  methods.add("OPTIONS");
  const order = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];
  return [...methods].sort((a, b) => order.indexOf(a) - order.indexOf(b));
}
