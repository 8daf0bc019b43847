/** The decoded text of a body, how its charset was chosen, and what looked wrong. */
export interface DecodedBody {
  text: string;
  /** The WHATWG encoding name actually used, e.g. "utf-8", "windows-1252". */
  encoding: string;
  warnings: string[];
}

// Labels seen in real feeds that the WHATWG Encoding Standard does not list.
const LABEL_ALIASES: Readonly<Record<string, string>> = {
  "latin-1": "windows-1252",
  "iso-latin-1": "windows-1252",
  "cp-1252": "windows-1252",
  "win-1252": "windows-1252",
  "utf-8n": "utf-8",
  unicode: "utf-16le",
  "ucs-2": "utf-16le",
  "utf-16": "utf-16le",
  koi8r: "koi8-r",
  koi8u: "koi8-u",
  euc_jp: "euc-jp",
  "euc-cn": "gbk",
  "x-euc-jp": "euc-jp",
  cp936: "gbk",
  gb_2312: "gbk",
  big5hkscs: "big5-hkscs",
};

/** Spellings to try for a declared label, most literal first. */
function labelCandidates(label: string): string[] {
  const lower = label.trim().toLowerCase();
  const alias = Object.hasOwn(LABEL_ALIASES, lower) ? LABEL_ALIASES[lower] : undefined;
  const candidates = [alias ?? lower, lower.replace(/_/g, "-")];
  // "windows1251", "cp1251", "win-1251" → "windows-1251"
  const windows = /^(?:windows|win|cp|ms)-?(125\d)$/.exec(lower);
  if (windows) candidates.push(`windows-${windows[1]}`);
  // "iso8859_15", "iso-8859_2" → "iso-8859-15"
  const iso = /^iso[-_]?8859[-_]?(\d{1,2})$/.exec(lower);
  if (iso) candidates.push(`iso-8859-${iso[1]}`);
  return candidates;
}

/** A TextDecoder for a declared label, or undefined when the runtime knows no such encoding. */
function decoderFor(label: string, fatal = false): TextDecoder | undefined {
  for (const candidate of labelCandidates(label)) {
    try {
      return new TextDecoder(candidate, { fatal, ignoreBOM: false });
    } catch {
      // try the next spelling
    }
  }
  return undefined;
}

function bomEncoding(bytes: Uint8Array): string | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return "utf-8";
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return "utf-16le";
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return "utf-16be";
  // XML 1.0 Appendix F: "<?" in UTF-16 without a byte order mark.
  if (bytes[0] === 0x3c && bytes[1] === 0x00 && bytes[2] === 0x3f && bytes[3] === 0x00) return "utf-16le";
  if (bytes[0] === 0x00 && bytes[1] === 0x3c && bytes[2] === 0x00 && bytes[3] === 0x3f) return "utf-16be";
  return undefined;
}

const PROLOG_ENCODING = /^\s*<\?xml\s[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9._:-]{1,40})["']/;

/** The encoding named in the XML declaration, read from the ASCII-compatible first bytes. */
function prologEncoding(bytes: Uint8Array): string | undefined {
  let head = "";
  for (let i = 0; i < Math.min(bytes.length, 512); i++) head += String.fromCharCode(bytes[i]!);
  return PROLOG_ENCODING.exec(head)?.[1];
}

/** The charset parameter of a Content-Type header value. */
export function charsetOfContentType(contentType: string | undefined): string | undefined {
  if (contentType === undefined) return undefined;
  return /;\s*charset\s*=\s*"?([^";\s]{1,40})/i.exec(contentType)?.[1];
}

function isUtf16(encoding: string): boolean {
  return encoding === "utf-16le" || encoding === "utf-16be";
}

/**
 * Bytes → text. Trust order: byte order mark, then the XML declaration's encoding, then the
 * HTTP charset, then UTF-8 (XML 1.0 §4.3.3 and Appendix F; a proxy's charset is less likely to
 * be right than the document's own declaration). An undeclared body that is not valid UTF-8
 * is read as windows-1252, as browsers and feed readers do. Unknown labels fall back to UTF-8.
 */
export function decodeBody(body: string | Uint8Array, contentType?: string): DecodedBody {
  if (typeof body === "string") {
    return { text: body.charCodeAt(0) === 0xfeff ? body.slice(1) : body, encoding: "utf-16", warnings: [] };
  }
  const warnings: string[] = [];
  const bom = bomEncoding(body);
  if (bom !== undefined) return { text: new TextDecoder(bom).decode(body), encoding: bom, warnings };

  const declared: { label: string; where: string }[] = [];
  const prolog = prologEncoding(body);
  if (prolog !== undefined) declared.push({ label: prolog, where: "XML declaration" });
  const http = charsetOfContentType(contentType);
  if (http !== undefined) declared.push({ label: http, where: "Content-Type" });

  for (const { label, where } of declared) {
    const decoder = decoderFor(label);
    if (decoder === undefined) {
      warnings.push(`Unknown charset "${label}" in the ${where}; ignored.`);
      continue;
    }
    // Without a BOM the bytes are ASCII-compatible (we read the prolog), so a UTF-16 label lies.
    if (isUtf16(decoder.encoding)) {
      warnings.push(`The ${where} says ${label} but the bytes are not UTF-16; ignored.`);
      continue;
    }
    if (decoder.encoding === "utf-8") {
      // A declared UTF-8 that the bytes contradict is the classic mislabelled legacy feed.
      return utf8ElseWindows1252(body, warnings, `The ${where} says ${label} but the bytes are not UTF-8`);
    }
    return { text: decoder.decode(body), encoding: decoder.encoding, warnings };
  }

  if (declared.length === 0) {
    return utf8ElseWindows1252(body, warnings, "No charset declared and the bytes are not UTF-8");
  }
  warnings.push("Falling back to UTF-8.");
  return { text: new TextDecoder("utf-8").decode(body), encoding: "utf-8", warnings };
}

/** The bytes as UTF-8 when they are valid UTF-8, else as windows-1252 with `why` as a warning. */
function utf8ElseWindows1252(body: Uint8Array, warnings: string[], why: string): DecodedBody {
  try {
    return {
      text: new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(body),
      encoding: "utf-8",
      warnings,
    };
  } catch {
    warnings.push(`${why}; read as windows-1252.`);
    return { text: new TextDecoder("windows-1252").decode(body), encoding: "windows-1252", warnings };
  }
}
