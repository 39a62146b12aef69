// Parses an event's JSON text keeping ids exact: a messageId, userId or anonymousId written as a number beyond 2^53.

/**
 * JSON.parse rounds integers beyond 2^53 (a 30-digit messageId became 1.2345678901234568e+29), and Node 20 has no
 * access to a number's source text in a reviver. So the text is scanned first: an integer literal of 16 digits or
 * more that is the value of one of these keys, and is not a safe integer, is turned into a JSON string of its exact
 * digits. The key must be a whole JSON key (a quote not escaped before it, a colon after it), so text inside a string
 * is never touched. Other numbers are the presets' business and are parsed as JSON.parse does.
 */
const ID_KEYS = ["messageId", "userId", "anonymousId"];
const LONG_ID = new RegExp(String.raw`(?<!\\)"(${ID_KEYS.join("|")})"(\s*:\s*)(-?\d{16,})(?![\d.eE])`, "g");

export function parseEventJson(text: string): unknown {
  return JSON.parse(exactIds(text));
}

/** `text` itself when no id key is followed by 16 digits or more; else the text with those ids quoted. */
export function exactIds(text: string): string {
  if (!mayHoldLongId(text)) return text;
  return text.replace(LONG_ID, (whole, key: string, colon: string, digits: string) =>
    Number.isSafeInteger(Number(digits)) ? whole : `"${key}"${colon}"${digits}"`,
  );
}

// Every id key ends in `Id`, which is what mayHoldLongId looks for.
const QUOTED_KEYS = ID_KEYS.map((key) => `"${key}"`);

/**
 * Whether LONG_ID can match: some key, then white space, a colon, white space, an optional minus and 16 digits. It
 * checks only the places where `Id"` is written, found in one pass, rather than testing every character for a run of
 * digits (that scan cost about 7% of `run`); it skips what `\s` matches, so every text LONG_ID would change is passed
 * on to it.
 */
function mayHoldLongId(text: string): boolean {
  for (let at = text.indexOf('Id"'); at !== -1; at = text.indexOf('Id"', at + 3)) {
    const end = at + 3;
    if (QUOTED_KEYS.some((key) => text.startsWith(key, end - key.length)) && longNumberAt(text, end)) return true;
  }
  return false;
}

function longNumberAt(text: string, from: number): boolean {
  let at = skipSpace(text, from);
  if (text.charCodeAt(at) !== 58) return false; // ":"
  at = skipSpace(text, at + 1);
  if (text.charCodeAt(at) === 45) at++; // "-"
  let digits = 0;
  while (digits < 16 && isDigit(text.charCodeAt(at + digits))) digits++;
  return digits === 16;
}

function skipSpace(text: string, from: number): number {
  let at = from;
  for (; at < text.length; at++) {
    const code = text.charCodeAt(at);
    // Printable ASCII is never white space: the usual character here (":" or a digit) needs no RegExp.
    if ((code > 32 && code < 127) || !SPACE.test(text[at]!)) break;
  }
  return at;
}

const SPACE = /\s/;

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}
