/**
 * A deterministic measure of the work a text function does: while it runs, the String and RegExp
 * methods that scan text are wrapped, and each call is charged the characters it reads at most
 * (indexOf from its start to the hit, a regex exec from lastIndex to the end of its match, a
 * replace over the whole string…). A scanner that rescans its input from every position is then
 * quadratic in this count too, and the count is the same on a busy machine as on an idle one.
 * Backtracking inside one regex match is not seen here; regex-static.test.ts checks that.
 */

type Method = (this: unknown, ...args: unknown[]) => unknown;

const hitCost = (scanned: number, hit: number, from: number, needle: number) =>
  hit < 0 ? scanned : Math.max(1, hit - from + needle);

/** Characters a call may read, given `this`, its arguments and its result. */
const STRING_COSTS: Record<string, (s: string, args: unknown[], result: unknown) => number> = {
  charCodeAt: () => 1,
  codePointAt: () => 1,
  charAt: () => 1,
  at: () => 1,
  indexOf: (s, [needle, from], r) => {
    const start = Math.max(0, Number(from ?? 0) || 0);
    return hitCost(s.length - start, r as number, start, String(needle).length);
  },
  lastIndexOf: (s, [needle, from], r) => {
    const start = from === undefined ? s.length : Math.min(s.length, Number(from) || 0);
    return (r as number) < 0 ? start : Math.max(1, start - (r as number) + String(needle).length);
  },
  includes: (s) => s.length,
  startsWith: (_s, [needle]) => String(needle).length,
  endsWith: (_s, [needle]) => String(needle).length,
  slice: (_s, _a, r) => (r as string).length + 1,
  substring: (_s, _a, r) => (r as string).length + 1,
  substr: (_s, _a, r) => (r as string).length + 1,
  // With a RegExp argument these call exec, which is charged below; with a string they scan all.
  replace: (s, [p]) => (p instanceof RegExp ? 1 : s.length),
  replaceAll: (s, [p]) => (p instanceof RegExp ? 1 : s.length),
  split: (s, [p]) => (p instanceof RegExp ? 1 : s.length),
  match: () => 1,
  matchAll: () => 1,
  search: () => 1,
  trim: (s) => s.length,
  trimStart: (s) => s.length,
  trimEnd: (s) => s.length,
  toLowerCase: (s) => s.length,
  toUpperCase: (s) => s.length,
  normalize: (s) => s.length,
  repeat: (_s, _a, r) => (r as string).length,
  padStart: (_s, _a, r) => (r as string).length,
  padEnd: (_s, _a, r) => (r as string).length,
};

let steps = 0;

function wrap<T extends object>(
  target: T,
  name: string,
  cost: (self: unknown, args: unknown[], r: unknown) => number,
) {
  const original = (target as Record<string, Method>)[name]!;
  const wrapped: Method = function (this: unknown, ...args: unknown[]) {
    const result = original.apply(this, args);
    steps += cost(this, args, result);
    return result;
  };
  (target as Record<string, Method>)[name] = wrapped;
  return () => {
    (target as Record<string, Method>)[name] = original;
  };
}

/** exec reads from lastIndex (0 unless global or sticky) to the end of its match, or to the end. */
function execCost(re: unknown, [input]: unknown[], result: unknown, from: number): number {
  const s = String(input);
  const match = result as RegExpExecArray | null;
  if (match === null) return (re as RegExp).sticky ? 1 : Math.max(1, s.length - from);
  return Math.max(1, match.index + match[0].length - from);
}

/** The work `fn` does on `input`, in characters read by String and RegExp methods. */
export function countSteps(fn: (input: string) => unknown, input: string): number {
  const restore: (() => void)[] = [];
  const proto = String.prototype as unknown as Record<string, Method>;
  for (const [name, cost] of Object.entries(STRING_COSTS)) {
    if (typeof proto[name] !== "function") continue;
    restore.push(wrap(proto, name, (self, args, r) => cost(String(self), args, r)));
  }
  const exec = RegExp.prototype.exec;
  RegExp.prototype.exec = function (this: RegExp, input: string) {
    const from = this.global || this.sticky ? this.lastIndex : 0;
    const result = exec.call(this, input);
    steps += execCost(this, [input], result, from);
    return result;
  };
  restore.push(() => {
    RegExp.prototype.exec = exec;
  });
  steps = 0;
  try {
    fn(input);
  } catch {
    // A refusal is an outcome like any other; the work done until then still counts.
  } finally {
    for (const undo of restore.reverse()) undo();
  }
  return steps;
}
