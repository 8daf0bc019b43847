import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";

/** One regular expression written in a source file: a literal, or `new RegExp(…)` / `RegExp(…)`. */
export type RegexSite = {
  file: string;
  line: number;
  /** The pattern and flags, or undefined when they are not constant (built from run-time values). */
  source: string | undefined;
  flags: string | undefined;
  /** The source text of the site, for messages. */
  text: string;
};

/** Every `.ts` and `.tsx` file under `dir`, recursively, in a stable order. */
export function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(path));
    else if (/\.tsx?$/.test(entry.name) && !entry.name.endsWith(".d.ts")) out.push(path);
  }
  return out.sort();
}

/**
 * The regular expressions of one file. A `new RegExp` argument counts as constant when it is
 * built from string literals, templates (String.raw included), `+` and identifiers bound to such
 * constants by a `const` of the same file; anything else is reported with `source: undefined`,
 * because a pattern that depends on run-time values cannot be checked before it runs.
 */
export function regexSites(path: string, root: string): RegexSite[] {
  const text = readFileSync(path, "utf8");
  const file = ts.createSourceFile(
    path,
    text,
    ts.ScriptTarget.ES2022,
    true,
    path.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
  );
  const constants = new Map<string, ts.Expression>();
  const sites: RegexSite[] = [];
  const at = (node: ts.Node) => ({
    file: relative(root, path),
    line: file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1,
    text: node.getText(file),
  });

  const collectConstants = (node: ts.Node): void => {
    if (ts.isVariableDeclarationList(node) && node.flags & ts.NodeFlags.Const) {
      for (const d of node.declarations) {
        if (ts.isIdentifier(d.name) && d.initializer !== undefined) constants.set(d.name.text, d.initializer);
      }
    }
    ts.forEachChild(node, collectConstants);
  };
  collectConstants(file);

  // Names bound more than once (a const in two functions, a parameter) are not constants.
  const bindings = new Map<string, number>();
  const countBindings = (node: ts.Node): void => {
    if ((ts.isVariableDeclaration(node) || ts.isParameter(node)) && ts.isIdentifier(node.name)) {
      bindings.set(node.name.text, (bindings.get(node.name.text) ?? 0) + 1);
    }
    ts.forEachChild(node, countBindings);
  };
  countBindings(file);

  const fold = (expr: ts.Expression, depth = 0): string | undefined => {
    if (depth > 20) return undefined;
    if (ts.isParenthesizedExpression(expr)) return fold(expr.expression, depth + 1);
    if (ts.isStringLiteral(expr) || ts.isNoSubstitutionTemplateLiteral(expr)) return expr.text;
    if (ts.isTemplateExpression(expr)) {
      let out = expr.head.text;
      for (const span of expr.templateSpans) {
        const part = fold(span.expression, depth + 1);
        if (part === undefined) return undefined;
        out += part + span.literal.text;
      }
      return out;
    }
    if (
      ts.isTaggedTemplateExpression(expr) &&
      expr.tag.getText(file) === "String.raw" &&
      (ts.isNoSubstitutionTemplateLiteral(expr.template) || ts.isTemplateExpression(expr.template))
    ) {
      const tpl = expr.template;
      if (ts.isNoSubstitutionTemplateLiteral(tpl)) return tpl.rawText;
      let out = tpl.head.rawText ?? "";
      for (const span of tpl.templateSpans) {
        const part = fold(span.expression, depth + 1);
        if (part === undefined) return undefined;
        out += part + (span.literal.rawText ?? "");
      }
      return out;
    }
    if (ts.isBinaryExpression(expr) && expr.operatorToken.kind === ts.SyntaxKind.PlusToken) {
      const left = fold(expr.left, depth + 1);
      const right = fold(expr.right, depth + 1);
      return left === undefined || right === undefined ? undefined : left + right;
    }
    if (ts.isIdentifier(expr) && bindings.get(expr.text) === 1) {
      const init = constants.get(expr.text);
      return init === undefined ? undefined : fold(init, depth + 1);
    }
    return undefined;
  };

  const visit = (node: ts.Node): void => {
    if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
      const literal = (node as ts.RegularExpressionLiteral).text;
      const slash = literal.lastIndexOf("/");
      sites.push({ ...at(node), source: literal.slice(1, slash), flags: literal.slice(slash + 1) });
    } else if (
      (ts.isNewExpression(node) || ts.isCallExpression(node)) &&
      ts.isIdentifier(node.expression) &&
      node.expression.text === "RegExp"
    ) {
      const [pattern, flags] = node.arguments ?? [];
      const source = pattern === undefined ? undefined : fold(pattern);
      const flagText = flags === undefined ? "" : fold(flags);
      sites.push({ ...at(node), source, flags: flagText });
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return sites;
}
