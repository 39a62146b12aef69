// Parses an event's JSON text keeping ids exact: a messageId, userId or anonymousId written as a number beyond 2^53.

/**
 * JSON.parse rounds integers beyond 2^53 (a 30-digit messageId became 1.2345678901234568e+29), and Node 20 has no
 * access to a number's source text in a reviver. So the text is scanned first: an integer literal of 16 digits or
 * more that is the value of one of these keys, and is not a safe integer, is turned into a JSON string of its exact
 * digits. The key must be a whole JSON key (a quote not escaped before it, a colon after it), so text inside a string
 * is never touched. Other numbers are the presets' business and are parsed as JSON.parse does.
 */
const LONG_ID = /(?<!\\)"(messageId|userId|anonymousId)"(\s*:\s*)(-?\d{16,})(?![\d.eE])/g;

export function parseEventJson(text: string): unknown {
  return JSON.parse(exactIds(text));
}

function exactIds(text: string): string {
  if (!/\d{16}/.test(text)) return text;
  return text.replace(LONG_ID, (whole, key: string, colon: string, digits: string) =>
    Number.isSafeInteger(Number(digits)) ? whole : `"${key}"${colon}"${digits}"`,
  );
}
