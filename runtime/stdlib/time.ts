// Time functions: unix_seconds, unix_millis, unix_micros and format_time, all fallible on text that is not ISO-8601.

import { Failure } from "../values.js";
import { ABSENT, FAILS, gives } from "./examples.js";
import { epochInstant, parseIsoInstant, utcFields, type Instant } from "./instant.js";
import type { FunctionSpec } from "./spec.js";
import { textArg, textResult } from "./values.js";

/** ISO-8601 text or an epoch number as an instant; absent for other types and blank text. Reasons never quote it. */
function instantOf(time: unknown): Instant | Failure | undefined {
  if (typeof time === "number") {
    if (!Number.isFinite(time)) return undefined;
    return epochInstant(time) ?? new Failure("the time is outside the years 0000-9999");
  }
  if (typeof time !== "string" || time.trim() === "") return undefined;
  return parseIsoInstant(time) ?? new Failure("the text is not an ISO-8601 date or date-time with an offset");
}

// `+ 0` turns -0 (the floor of a tiny negative) into 0, which JSON and equality treat as the same anyway.
export function unix_seconds(time: unknown): number | Failure | undefined {
  const instant = instantOf(time);
  return instant instanceof Failure || instant === undefined ? instant : Math.floor(instant.ms / 1000) + 0;
}

export function unix_millis(time: unknown): number | Failure | undefined {
  const instant = instantOf(time);
  return instant instanceof Failure || instant === undefined ? instant : instant.ms + 0;
}

/** Exact up to 2^53 µs (the year 2255); later instants come back as the nearest number JavaScript can hold. */
export function unix_micros(time: unknown): number | Failure | undefined {
  const instant = instantOf(time);
  return instant instanceof Failure || instant === undefined ? instant : instant.ms * 1000 + instant.us + 0;
}

// Longest tokens first, so "SSS" is not read as three "S" and "YYYY" not as two "YY" (which is not a token).
const TOKENS = /YYYY|SSS|MM|DD|HH|mm|ss/g;

export function format_time(time: unknown, format: unknown): string | Failure | undefined {
  const pattern = textArg(format);
  if (pattern === undefined) return undefined;
  const instant = instantOf(time);
  if (instant === undefined || instant instanceof Failure) return instant;
  const fields = utcFields(instant);
  const values: Record<string, string> = {
    YYYY: pad(fields.year, 4),
    MM: pad(fields.month, 2),
    DD: pad(fields.day, 2),
    HH: pad(fields.hour, 2),
    mm: pad(fields.minute, 2),
    ss: pad(fields.second, 2),
    SSS: pad(fields.millisecond, 3),
  };
  const named = pattern === "iso" ? "YYYY-MM-DDTHH:mm:ss.SSSZ" : pattern === "date" ? "YYYY-MM-DD" : pattern;
  return textResult(named.replace(TOKENS, (token) => values[token]));
}

function pad(value: number, size: number): string {
  return String(value).padStart(size, "0");
}

const TIME_PARAM = { name: "time", type: "any" } as const;

const TIME_INPUT =
  "`time` is ISO-8601 text in extended form — a date (`2024-03-07`, midnight UTC) or a date and time with `Z` " +
  "or an offset (`2024-03-07T14:30:00.250+01:00`; seconds and a fraction of up to 9 digits optional) — or an " +
  "epoch number, read by its size: seconds below 1e11, milliseconds below 1e14, microseconds otherwise. Fails on " +
  "other text (no offset, impossible dates, `2024/03/07`, `March 7, 2024`) and on numbers outside the years " +
  "0000–9999; blank text is absent.";

function unixSpec(name: string, unit: string, impl: FunctionSpec["impl"], results: number[]): FunctionSpec {
  return {
    name,
    params: [TIME_PARAM],
    returns: "number",
    fallible: true,
    doc: `Whole ${unit} since 1970-01-01T00:00:00Z, rounded down. ${TIME_INPUT}`,
    examples: [
      { args: ["2024-03-07T14:30:00.250Z"], result: gives(results[0]) },
      { args: ["2024-03-07T15:30:00.250+01:00"], result: gives(results[0]), note: "the same instant" },
      { args: ["2024-03-07"], result: gives(results[1]), note: "a date is midnight UTC" },
      { args: [1709821800], result: gives(results[2]), note: "epoch seconds" },
      { args: [1709821800250], result: gives(results[3]), note: "epoch milliseconds" },
      { args: ["2024-03-07T14:30:00"], result: FAILS, note: "no offset" },
      { args: ["March 7, 2024"], result: FAILS, note: "not ISO-8601" },
      { args: [undefined], result: ABSENT },
      { args: [true], result: ABSENT, note: "neither text nor a number" },
    ],
    impl,
  };
}

export const TIME_FUNCTIONS: readonly FunctionSpec[] = [
  unixSpec("unix_seconds", "seconds", unix_seconds, [1709821800, 1709769600, 1709821800, 1709821800]),
  unixSpec("unix_millis", "milliseconds", unix_millis, [1709821800250, 1709769600000, 1709821800000, 1709821800250]),
  unixSpec(
    "unix_micros",
    "microseconds (exact until the year 2255)",
    unix_micros,
    [1709821800250000, 1709769600000000, 1709821800000000, 1709821800250000],
  ),
  {
    name: "format_time",
    params: [TIME_PARAM, { name: "format", type: "string" }],
    returns: "string",
    fallible: true,
    doc:
      'The time as text in UTC. `format` is `"iso"` (`YYYY-MM-DDTHH:mm:ss.SSSZ`), `"date"` (`YYYY-MM-DD`) or a ' +
      "pattern in which `YYYY`, `MM`, `DD`, `HH`, `mm`, `ss` and `SSS` (milliseconds) are replaced and every other " +
      `character is kept as written. ${TIME_INPUT}`,
    examples: [
      { args: ["2024-03-07T15:30:00.25+01:00", "iso"], result: gives("2024-03-07T14:30:00.250Z") },
      { args: [1709821800, "date"], result: gives("2024-03-07"), note: "epoch seconds" },
      { args: ["2024-03-07T14:30:05Z", "YYYYMMDD HH:mm:ss"], result: gives("20240307 14:30:05") },
      { args: ["2024-02-30", "iso"], result: FAILS, note: "no such day" },
      { args: [undefined, "iso"], result: ABSENT },
      { args: [{ at: 1 }, "iso"], result: ABSENT, note: "neither text nor a number" },
    ],
    impl: format_time,
  },
];
