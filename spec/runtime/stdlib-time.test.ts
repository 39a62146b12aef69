// Time functions beyond their examples: the strict ISO-8601 reader, epoch sizes, and round trips over a wide range.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { format_time, unix_micros, unix_millis, unix_seconds } from "../../runtime/stdlib/index.js";
import { MAX_MS, MIN_MS } from "../../runtime/stdlib/instant.js";
import { Failure } from "../../runtime/values.js";

describe("the ISO-8601 reader", () => {
  it.each([
    ["2024-03-07T14:30Z", 1709821800000],
    ["2024-03-07T14:30:00+0100", 1709818200000],
    ["2024-03-07T14:30:00-05", 1709839800000],
    ["2024-03-07T14:30:00,5Z", 1709821800500],
    ["2024-02-29", 1709164800000],
    ["0001-01-01", -62135596800000],
    ["1969-12-31T23:59:59.999Z", -1],
  ])("reads %s", (text, ms) => {
    expect(unix_millis(text)).toBe(ms);
  });

  it.each([
    "2024-03-07T14:30:00",
    "2024-03-07 14:30:00Z",
    "2024/03/07",
    "20240307",
    "2024-W10-4",
    "2023-02-29",
    "2024-13-01",
    "2024-03-07T24:00:00Z",
    "2024-03-07T14:60:00Z",
    "2024-03-07T14:30:60Z",
    "2024-03-07T14:30:00+25:00",
    "2024-03-07T14:30:00.1234567890Z",
    " 2024-03-07",
    "Thu, 07 Mar 2024 14:30:00 GMT",
    "1709821800",
    "0000-01-01T00:00:00+01:00",
    "9999-12-31T23:59:59-01:00",
  ])("refuses %s, which Date.parse might accept", (text) => {
    expect(unix_millis(text)).toBeInstanceOf(Failure);
  });

  it("keeps microseconds and drops what is finer", () => {
    expect(unix_micros("2024-03-07T14:30:00.123456789Z")).toBe(1709821800123456);
    expect(unix_seconds("1969-12-31T23:59:59.5Z")).toBe(-1);
  });

  it("never quotes the text in its failure", () => {
    const result = unix_seconds("secret-ish value");
    expect(result).toBeInstanceOf(Failure);
    expect((result as Failure).reason).not.toContain("secret");
  });
});

describe("epoch numbers", () => {
  it("are read as seconds, milliseconds or microseconds by size", () => {
    expect(unix_millis(1709821800.25)).toBe(1709821800250);
    expect(unix_millis(1709821800250)).toBe(1709821800250);
    expect(unix_millis(1709821800250999)).toBe(1709821800250);
    expect(unix_micros(1709821800.000001)).toBe(1709821800000001);
    expect(unix_seconds(-1.5)).toBe(-2);
  });

  it("fail outside the years 0000-9999 and are absent when not finite", () => {
    expect(unix_millis(1e20)).toBeInstanceOf(Failure);
    expect(unix_millis(Number.NaN)).toBeUndefined();
    expect(unix_millis(Infinity)).toBeUndefined();
  });
});

describe("format_time", () => {
  it("writes years before 1000 with four digits and keeps other pattern characters", () => {
    expect(format_time("0042-01-02T03:04:05.006Z", "iso")).toBe("0042-01-02T03:04:05.006Z");
    expect(format_time("2024-03-07T14:30:05Z", "DD/MM/YYYY at HH.mm")).toBe("07/03/2024 at 14.30");
  });

  it("is absent when the format is absent, even for a bad time", () => {
    expect(format_time("nonsense", undefined)).toBeUndefined();
  });
});

describe("properties", () => {
  const millis = fc.integer({ min: MIN_MS, max: MAX_MS });

  // Epoch numbers of this size are read as milliseconds (below 1e11 seconds, from 1e14 microseconds).
  const epochMillis = fc.oneof(fc.integer({ min: 1e11, max: 1e14 - 1 }), fc.integer({ min: MIN_MS, max: -1e11 }));

  it("unix_millis(format_time(ms, 'iso')) == ms, and the text is what Date writes", () => {
    fc.assert(
      fc.property(epochMillis, (ms) => {
        const iso = format_time(ms, "iso");
        expect(unix_millis(iso)).toBe(ms);
        expect(iso).toBe(new Date(ms).toISOString());
      }),
      { numRuns: 500 },
    );
  });

  it("round-trips every millisecond through ISO text", () => {
    fc.assert(
      fc.property(millis, (ms) => {
        const text = format_time(new Date(ms).toISOString(), "iso");
        expect(unix_millis(text)).toBe(ms);
      }),
      { numRuns: 500 },
    );
  });

  it("never gives NaN, Infinity or a fraction, whatever number or text it is given", () => {
    const input = fc.oneof(fc.double(), fc.string(), fc.integer(), fc.date({ noInvalidDate: true }).map(String));
    fc.assert(
      fc.property(input, (value) => {
        for (const fn of [unix_seconds, unix_millis, unix_micros]) {
          const result = fn(value);
          if (typeof result === "number") expect(Number.isInteger(result)).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });
});
