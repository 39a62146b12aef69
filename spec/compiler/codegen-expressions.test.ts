// What generated code does with the expressions of language v2 (objects, comprehensions, if, match, arithmetic),
// run through the real runtime on the codegen-cases presets.

import { readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { loadPresetSource } from "../../loader/load-preset.js";
import type { Outcome, SendOutcome } from "../../runtime/outcome.js";

const ROOT = resolve(import.meta.dirname, "../..");
const CASES = join(import.meta.dirname, "codegen-cases");
const SETTINGS = { token: "t0ken-value", region: "GB", level: 2 };

async function bodyOf(name: string, event: Record<string, unknown>, settings: object = SETTINGS): Promise<unknown> {
  const path = join(CASES, `${name}.map`);
  const preset = await loadPresetSource(readFileSync(path, "utf8"), relative(ROOT, path));
  const outcome: Outcome = preset.transform({ messageId: "m1", ...event }, settings as never);
  expect(outcome.outcome, JSON.stringify(outcome)).toBe("send");
  return (outcome as SendOutcome).request.body;
}

describe("object literals", () => {
  it("leave absent values out, drop objects left empty, and send a written {}", async () => {
    const body = await bodyOf("objects", {
      type: "track",
      event: "Signed Up",
      traits: { email: " A@B.CO " },
      context: { page: { url: "https://x.test/p" } },
    });
    expect(body).toEqual({
      user_data: { em: ["a@b.co"], $source: "web" },
      empty: {},
      $insert_id: "m1",
      properties: { $current_url: "https://x.test/p" },
    });
  });
});

describe("list comprehensions", () => {
  it("build one item per element, skip elements whose condition does not hold, and drop absent items", async () => {
    const body = await bodyOf("comprehensions", {
      type: "track",
      event: "Order Completed",
      properties: {
        products: [
          { sku: "a", quantity: "2", "unit price": 9.5 },
          { sku: "" },
          null,
          "text",
          { sku: "b", quantity: "x" },
        ],
        pairs: [["p", "q"], [], "no"],
        tags: ["new", "skip", 3, null],
        orders: [{ id: "o1", items: ["x", "y"] }, { id: "o2" }],
      },
    });
    expect(body).toEqual({
      contents: [{ id: "a", quantity: 2, "unit price": 9.5 }, { id: "b" }],
      first_ids: ["p"],
      tags: ["NEW"],
      pairs: [["o1:x", "o1:y"]],
    });
  });

  it("leave the key out when the source is not a list or nothing is kept", async () => {
    const body = await bodyOf("comprehensions", {
      type: "track",
      event: "Order Completed",
      properties: { products: { sku: "a" }, tags: ["skip"], pairs: [] },
    });
    expect(body).toEqual({});
  });
});

describe("if and match", () => {
  it("choose a branch or an arm, and fall back to else", async () => {
    const body = await bodyOf("if-match", {
      type: "track",
      event: "Signed Up",
      properties: { value: "150", flag: false, vip: true },
      traits: { name: " Ann " },
    });
    expect(body).toEqual({ event_name: "sign_up", currency: "EUR", tier: "high", level: "two", flag: "no" });
  });

  it("give absent without else, and the else arm for anything unlisted", async () => {
    const body = await bodyOf(
      "if-match",
      { type: "identify", traits: { name: " Ann " }, properties: { flag: "maybe" } },
      { token: "t", level: 7 },
    );
    expect(body).toEqual({ event_name: "identified", tier: "low", flag: "unknown", fallback: "Ann" });
  });
});

describe("arithmetic and comparisons", () => {
  it("compute with numbers and join text with +", async () => {
    const body = await bodyOf("arithmetic", {
      type: "track",
      event: "Order Completed",
      properties: { total: "120", count: 4, date: "2024-06-01T10:00:00Z" },
    });
    expect(body).toEqual({
      net: 100,
      average: 30,
      shipping: 14,
      scaled: 1.2e12,
      label: "total: 120",
      sum: 124,
      big: true,
      recent: true,
      settings_level: 4,
    });
  });

  it("never sends NaN or Infinity: division by zero and overflow are absent", async () => {
    const body = await bodyOf("arithmetic", {
      type: "track",
      event: "Order Completed",
      properties: { total: "1e300", count: 0, date: [] },
    });
    expect(body).toEqual({
      net: 1e300 / 1.2,
      shipping: 1e300 * 0.1 + 2,
      label: "total: 1e+300",
      sum: 1e300,
      big: false,
      recent: false,
      settings_level: 4,
    });
  });
});

describe("body <- expr", () => {
  it("sends the value itself as the body", async () => {
    const body = await bodyOf("whole-body", {
      type: "track",
      event: "Lead Generated",
      userId: "u1",
      timestamp: "2024-01-01T00:00:00Z",
    });
    expect(body).toEqual([
      { event: "Lead Generated", properties: { distinct_id: "u1", $insert_id: "m1", time: "2024-01-01T00:00:00Z" } },
    ]);
  });
});
