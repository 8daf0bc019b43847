/**
 * Refuses the two entity attacks before any parser sees the document: a reference to an
 * external entity (XXE: `<!ENTITY x SYSTEM "file:///etc/passwd">` then `&x;`) and an expansion
 * out of proportion to the document (billion laughs, quadratic blowup). The parser never expands
 * nested or external entities anyway (xml.ts); refusing says so to the sender instead of storing
 * the references as text. A DOCTYPE that only names an external DTD (RSS 0.91's Netscape DTD,
 * XHTML's) declares no entity and passes.
 *
 * Expansion is measured as libxml2 does (parser.c, xmlParserEntityCheck): every reference costs
 * the length of its replacement text plus a fixed 20, nested references included, and the total
 * is refused above a size or above an amplification of the document's own length.
 */
import { FeedParseError } from "./feed-parse-error";

/** libxml2's XML_ENT_FIXED_COST: a reference costs this much even when it expands to nothing. */
const FIXED_COST = 20;
/** Total expansion allowed in one document, whatever its size. */
export const MAX_EXPANSION = 1024 * 1024;
/** Above this much expansion, more than AMPLIFICATION times the document's length is refused. */
const AMPLIFICATION_FLOOR = 64 * 1024;
/** libxml2's default maximum amplification (xmlCtxtSetMaxAmplification). */
const AMPLIFICATION = 5;
/** Declarations looked at; more is no feed (fast-xml-parser itself keeps at most 64). */
const MAX_DECLARATIONS = 1024;

interface Declaration {
  /** The replacement text, or undefined for an external (SYSTEM or PUBLIC) entity. */
  value: string | undefined;
  /** Where a SYSTEM or PUBLIC entity points, for the refusal's detail. */
  system?: string;
}

interface Doctype {
  /** General entities by name, parameter entities by "%name". */
  declared: Map<string, Declaration>;
  /** Parameter-entity references made in the internal subset itself ("%name"). */
  subsetReferences: string[];
  /** Index just past the DOCTYPE; references after it are the document's. */
  end: number;
}

const REFERENCE = /[&%]([A-Za-z_:][\w.:-]{0,63});/g;
const NAME = /[A-Za-z_:][\w.:-]{0,63}/y;

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d;
}

function skipSpace(xml: string, at: number): number {
  let i = at;
  while (i < xml.length && isSpace(xml.charCodeAt(i))) i++;
  return i;
}

/** The quoted literal at `at`: [text, index after it], or undefined when there is none. */
function quotedAt(xml: string, at: number): [string, number] | undefined {
  const q = xml.charAt(at);
  if (q !== '"' && q !== "'") return undefined;
  const close = xml.indexOf(q, at + 1);
  return close < 0 ? undefined : [xml.slice(at + 1, close), close + 1];
}

/** The index after the ">" ending the markup at `at`, quoted literals skipped; -1 when unended. */
function markupEnd(xml: string, at: number): number {
  for (let i = at; i < xml.length; i++) {
    const c = xml.charCodeAt(i);
    if (c === 0x22 || c === 0x27) {
      i = xml.indexOf(c === 0x22 ? '"' : "'", i + 1);
      if (i < 0) return -1;
    } else if (c === 0x3e) return i + 1;
  }
  return -1;
}

/** Reads `<!ENTITY …>` at `at` into `declared`; the index after it, or -1 when it is unreadable. */
function readEntity(xml: string, at: number, declared: Map<string, Declaration>): number {
  let i = skipSpace(xml, at + "<!ENTITY".length);
  let parameter = false;
  if (xml.charAt(i) === "%") {
    parameter = true;
    i = skipSpace(xml, i + 1);
  }
  NAME.lastIndex = i;
  const name = NAME.exec(xml)?.[0];
  if (name === undefined) return -1;
  i = skipSpace(xml, i + name.length);
  const key = parameter ? `%${name}` : name;
  const literal = quotedAt(xml, i);
  let declaration: Declaration;
  if (literal !== undefined) {
    declaration = { value: literal[0] };
  } else if (xml.startsWith("SYSTEM", i) || xml.startsWith("PUBLIC", i)) {
    const publicId = xml.startsWith("PUBLIC", i);
    let j = skipSpace(xml, i + 6);
    let system = quotedAt(xml, j);
    if (publicId && system !== undefined) system = quotedAt(xml, skipSpace(xml, system[1])) ?? system;
    if (system !== undefined) j = system[1];
    declaration = { value: undefined, system: system?.[0] };
  } else return -1;
  // XML 1.0 §4.2: the first declaration of a name binds.
  if (!declared.has(key)) declared.set(key, declaration);
  return markupEnd(xml, i);
}

/** The DOCTYPE's declarations, or undefined when there is no DOCTYPE with an internal subset. */
function readDoctype(xml: string): Doctype | undefined {
  const start = xml.indexOf("<!DOCTYPE");
  if (start < 0) return undefined;
  // The DOCTYPE's name and external id, then "[" opens the internal subset.
  let i = start + "<!DOCTYPE".length;
  for (; i < xml.length; i++) {
    const c = xml.charCodeAt(i);
    if (c === 0x5b) break;
    if (c === 0x3e) return undefined;
    if (c === 0x22 || c === 0x27) {
      i = xml.indexOf(c === 0x22 ? '"' : "'", i + 1);
      if (i < 0) return undefined;
    }
  }
  const declared = new Map<string, Declaration>();
  const subsetReferences: string[] = [];
  i++;
  for (let count = 0; count <= MAX_DECLARATIONS; count++) {
    i = skipSpace(xml, i);
    if (i >= xml.length) break;
    if (xml.charCodeAt(i) === 0x5d) {
      const close = xml.indexOf(">", i);
      return { declared, subsetReferences, end: close < 0 ? xml.length : close + 1 };
    }
    if (xml.startsWith("<!--", i)) {
      const close = xml.indexOf("-->", i + 4);
      if (close < 0) break;
      i = close + 3;
    } else if (xml.startsWith("<!ENTITY", i)) {
      i = readEntity(xml, i, declared);
    } else if (xml.startsWith("<!", i) || xml.startsWith("<?", i)) {
      i = markupEnd(xml, i);
    } else if (xml.charAt(i) === "%") {
      NAME.lastIndex = i + 1;
      const name = NAME.exec(xml)?.[0];
      if (name === undefined || xml.charAt(i + 1 + name.length) !== ";") break;
      subsetReferences.push(`%${name}`);
      i += name.length + 2;
    } else break;
    if (i < 0) break;
    if (count === MAX_DECLARATIONS) {
      throw new FeedParseError(
        "entity-expansion",
        `The DOCTYPE holds more than ${MAX_DECLARATIONS} declarations; a feed needs none. Remove the DOCTYPE's internal subset.`,
      );
    }
  }
  // An internal subset we cannot read to its end: the parser refuses or drops it.
  return { declared, subsetReferences, end: xml.length };
}

/** Expansion sizes (fixed costs included) and external reach of each declared entity. */
class Expansion {
  private readonly sizes = new Map<string, number>();
  private readonly open = new Set<string>();

  constructor(private readonly declared: ReadonlyMap<string, Declaration>) {}

  /** The cost of one reference to `key`; throws for an external entity or a loop. */
  cost(key: string): number {
    const declaration = this.declared.get(key);
    if (declaration === undefined) return 0;
    if (declaration.value === undefined) {
      const where = declaration.system ? ` ("${declaration.system.slice(0, 100)}")` : "";
      throw new FeedParseError(
        "external-entity",
        `The document refers to the external entity ${key.startsWith("%") ? key : `&${key};`}${where}, declared with SYSTEM or PUBLIC in its DOCTYPE; feedfold never fetches one. Put the text itself in the document.`,
      );
    }
    const known = this.sizes.get(key);
    if (known !== undefined) return known;
    if (this.open.has(key)) {
      throw new FeedParseError(
        "entity-expansion",
        `The DOCTYPE's entity ${key} refers to itself; such a document has no end. Remove the loop.`,
      );
    }
    this.open.add(key);
    let size = FIXED_COST + declaration.value.length;
    for (const m of declaration.value.matchAll(REFERENCE)) {
      const inner = m[0].startsWith("%") ? `%${m[1]}` : m[1]!;
      if (this.declared.has(inner)) size += this.cost(inner) - m[0].length;
    }
    this.open.delete(key);
    this.sizes.set(key, size);
    return size;
  }
}

/**
 * Whether "<!ENTITY" occurs in `xml`, searched for as "ENTITY": V8 finds a pattern of up to six
 * characters with a fast scan for its first one, and a longer pattern (or one starting with the
 * "<" every tag has) took several times longer on feed-sized documents than the rest of parsing
 * the entities guard needs.
 */
function mentionsEntityDeclaration(xml: string): boolean {
  for (let at = xml.indexOf("ENTITY", 2); at >= 0; at = xml.indexOf("ENTITY", at + 6)) {
    if (xml.charCodeAt(at - 1) === 0x21 && xml.charCodeAt(at - 2) === 0x3c) return true;
  }
  return false;
}

function tooMuch(total: number, documentLength: number): boolean {
  return total > MAX_EXPANSION || (total > AMPLIFICATION_FLOOR && total > AMPLIFICATION * documentLength);
}

/**
 * Throws FeedParseError "external-entity" when the document refers to an entity its DOCTYPE
 * declares with SYSTEM or PUBLIC, and "entity-expansion" when its references would expand past
 * the bounds above (or an entity refers to itself). Declaring an external entity without
 * referring to it is harmless, and the parser drops such a DOCTYPE with a warning.
 */
export function refuseHostileEntities(xml: string): void {
  if (!mentionsEntityDeclaration(xml)) return;
  const doctype = readDoctype(xml);
  if (doctype === undefined || doctype.declared.size === 0) return;
  const expansion = new Expansion(doctype.declared);
  let total = 0;
  const count = (key: string): void => {
    total += expansion.cost(key);
    if (tooMuch(total, xml.length)) {
      const limit =
        total > MAX_EXPANSION
          ? `more than ${MAX_EXPANSION} characters`
          : `more than ${AMPLIFICATION} times the document's own length`;
      throw new FeedParseError(
        "entity-expansion",
        `The entities declared in the DOCTYPE expand to ${limit} (billion laughs or quadratic blowup); refused. Write the text out instead of declaring entities.`,
      );
    }
  };
  for (const key of doctype.subsetReferences) count(key);
  REFERENCE.lastIndex = 0;
  for (const m of xml.slice(doctype.end).matchAll(REFERENCE)) {
    // Outside the DOCTYPE "%" is text; only general entities are referred to there.
    if (m[0].startsWith("&") && doctype.declared.has(m[1]!)) count(m[1]!);
  }
}
