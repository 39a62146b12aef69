// Instants for the time functions: a strict ISO-8601 reader, epoch numbers, and the UTC calendar fields of an instant.

/**
 * A moment as whole milliseconds since 1970-01-01T00:00:00Z plus the microseconds within that millisecond (0–999),
 * so microsecond text survives without losing the exactness of milliseconds to floating point.
 */
export interface Instant {
  readonly ms: number;
  readonly us: number;
}

/** Years 0000–9999: what four-digit ISO text can say, and so what format_time can write back. */
export const MIN_MS = -62_167_219_200_000;
export const MAX_MS = 253_402_300_799_999;

// Extended format only: date, or date and time with seconds optional, a fraction of 1–9 digits, and an offset that
// is required (local time without one names no single instant). No week dates, ordinal dates, basic format or
// space separator: Date.parse's lenient forms ("March 7, 2024", "2024/03/07") are exactly what this refuses.
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|[+-]\d{2}(?::?\d{2})?))?$/;

const MS_PER_DAY = 86_400_000;

/** The instant ISO-8601 text names, or undefined when it is not one (including impossible dates such as 02-30). */
export function parseIsoInstant(text: string): Instant | undefined {
  const match = ISO.exec(text);
  if (match === null) return undefined;
  const [, year, month, day, hour, minute, second, fraction, offset] = match;
  const y = Number(year);
  const mo = Number(month);
  const d = Number(day);
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return undefined;
  const clock = hour === undefined ? 0 : clockMs(Number(hour), Number(minute), Number(second ?? "0"));
  const shift = offset === undefined ? 0 : offsetMs(offset);
  if (clock === undefined || shift === undefined) return undefined;
  const digits = (fraction ?? "").padEnd(6, "0");
  const ms = daysFromCivil(y, mo, d) * MS_PER_DAY + clock - shift + Number(digits.slice(0, 3));
  // An offset can carry 0000-01-01 or 9999-12-31 across the edge of what four digits can write back.
  return ms < MIN_MS || ms > MAX_MS ? undefined : { ms, us: Number(digits.slice(3, 6)) };
}

function clockMs(hour: number, minute: number, second: number): number | undefined {
  // 24:00 and leap seconds (:60) are ISO-8601 but rare in event data, and JavaScript time has no leap seconds.
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  return ((hour * 60 + minute) * 60 + second) * 1000;
}

function offsetMs(offset: string): number | undefined {
  if (offset === "Z") return 0;
  const sign = offset.startsWith("-") ? -1 : 1;
  const digits = offset.slice(1).replace(":", "");
  const hours = Number(digits.slice(0, 2));
  const minutes = Number(digits.slice(2) || "0");
  if (hours > 23 || minutes > 59) return undefined;
  return sign * (hours * 60 + minutes) * 60_000;
}

/**
 * An epoch number by its size: seconds below 1e11 (until year 5138), milliseconds below 1e14, else microseconds;
 * the sign is kept, so instants before 1970 work too. Undefined outside years 0000–9999 or when not finite.
 */
export function epochInstant(value: number): Instant | undefined {
  if (!Number.isFinite(value)) return undefined;
  const size = Math.abs(value);
  const whole = Math.floor(value);
  let ms: number;
  let us: number;
  if (size >= 1e14) {
    ms = Math.floor(whole / 1000);
    us = whole - ms * 1000;
  } else {
    const usPerUnit = size < 1e11 ? 1_000_000 : 1000;
    // The fraction is read to the nearest microsecond, so floating-point noise (1.001 s held as 1.000999…) does not
    // cost a millisecond; a fraction that rounds up to a whole unit carries into the millisecond count.
    const fractionUs = Math.round((value - whole) * usPerUnit);
    ms = whole * (usPerUnit / 1000) + Math.floor(fractionUs / 1000);
    us = fractionUs % 1000;
  }
  return ms < MIN_MS || ms > MAX_MS ? undefined : { ms, us };
}

/** Calendar fields of an instant in UTC. */
export interface UtcFields {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly millisecond: number;
}

export function utcFields(instant: Instant): UtcFields {
  const days = Math.floor(instant.ms / MS_PER_DAY);
  const inDay = instant.ms - days * MS_PER_DAY;
  const { year, month, day } = civilFromDays(days);
  return {
    year,
    month,
    day,
    hour: Math.floor(inDay / 3_600_000),
    minute: Math.floor(inDay / 60_000) % 60,
    second: Math.floor(inDay / 1000) % 60,
    millisecond: inDay % 1000,
  };
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

// Howard Hinnant's days_from_civil / civil_from_days (proleptic Gregorian calendar). Date.UTC would read the years
// 0–99 as 1900–1999, so the arithmetic is done here.
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

function civilFromDays(days: number): { year: number; month: number; day: number } {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}
