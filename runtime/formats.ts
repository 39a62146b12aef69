// The JSON Schema formats a request body is held to: `date-time`, `uri` and `email`, shared by ajv and the checker.

/** A format's test: true when the text is in the format. */
export type FormatTest = (text: string) => boolean;

// RFC 3339 date-time: date, "T", time with optional fraction, and a zone ("Z" or ±hh:mm). Leap seconds allowed.
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-](\d{2}):(\d{2}))$/;
const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isDateTime(text: string): boolean {
  const match = DATE_TIME.exec(text);
  if (match === null) return false;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number);
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = month === 2 && !leap ? 28 : DAYS_IN_MONTH[month - 1];
  if (days === undefined || day < 1 || day > days) return false;
  if (hour > 23 || minute > 59 || second > 60) return false;
  const zoneHour = match[9] === undefined ? 0 : Number(match[9]);
  const zoneMinute = match[10] === undefined ? 0 : Number(match[10]);
  return zoneHour <= 23 && zoneMinute <= 59;
}

// RFC 3986 absolute URI: a scheme, then no spaces or characters a URI may not hold unescaped.
const URI = /^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>"{}|\\^`]*$/;

function isUri(text: string): boolean {
  if (!URI.test(text)) return false;
  try {
    new URL(text);
    return true;
  } catch {
    return false;
  }
}

// The practical shape of an address (as ajv-formats' "fast" mode): local part, "@", a dotted host name.
const EMAIL =
  /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;

function isEmail(text: string): boolean {
  return EMAIL.test(text);
}

/** The formats checked, by name; any other `format` is an annotation and is not enforced. */
export const FORMATS: Readonly<Record<string, FormatTest>> = Object.freeze({
  "date-time": isDateTime,
  uri: isUri,
  email: isEmail,
});

/** The test of a checked format, or undefined for a format that is not enforced. */
export function formatTest(name: unknown): FormatTest | undefined {
  return typeof name === "string" && Object.prototype.hasOwnProperty.call(FORMATS, name) ? FORMATS[name] : undefined;
}

/** Registers the checked formats on an ajv instance (structural type, so runtime needs no ajv import here). */
export function addFormats(ajv: { addFormat(name: string, test: FormatTest): unknown }): void {
  for (const [name, test] of Object.entries(FORMATS)) ajv.addFormat(name, test);
}
