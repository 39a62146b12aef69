// The fixture comparison: what counts as a difference, and how a difference reads.

import { describe, expect, it } from "vitest";
import { compareOutcome, renderDifferences } from "../../../cli/testing/outcome-diff.js";

const send = (body: object, warnings: string[] = []) => ({
  messageId: "m1",
  outcome: "send",
  request: { method: "POST", url: "https://x.test", headers: { Authorization: "Bearer [redacted]" }, body },
  warnings,
});

describe("compareOutcome", () => {
  it("ignores key order but not list order", () => {
    expect(compareOutcome(send({ a: 1, b: 2 }), send({ b: 2, a: 1 }))).toEqual([]);
    expect(compareOutcome({ tags: ["a", "b"] }, { tags: ["b", "a"] })).toHaveLength(2);
  });

  it("names the path of each differing key with both values, an absent side shown as (absent)", () => {
    const differences = compareOutcome(
      send({ phone: "+447700900123", title: "CTO" }),
      send({ title: "CEO", extra: null }),
    );
    expect(differences).toEqual([
      { path: "request.body.phone", expected: '"+447700900123"', actual: "(absent)" },
      { path: "request.body.title", expected: '"CTO"', actual: '"CEO"' },
      { path: "request.body.extra", expected: "(absent)", actual: "null" },
    ]);
  });

  it("compares warnings item by item", () => {
    expect(compareOutcome(send({}, ["w1"]), send({}, []))).toEqual([
      { path: "warnings[0]", expected: '"w1"', actual: "(absent)" },
    ]);
  });

  it('tells 1 from "1" and an empty list from an empty object', () => {
    expect(compareOutcome({ a: 1 }, { a: "1" })).toHaveLength(1);
    expect(compareOutcome({ a: [] }, { a: {} })).toEqual([{ path: "a", expected: "[]", actual: "{}" }]);
  });

  it("skips a drop's reason and an error's message only when the fixture leaves them out", () => {
    expect(
      compareOutcome({ messageId: "m", outcome: "drop" }, { messageId: "m", outcome: "drop", reason: "any" }),
    ).toEqual([]);
    expect(
      compareOutcome(
        { messageId: "m", outcome: "drop", reason: "a" },
        { messageId: "m", outcome: "drop", reason: "b" },
      ),
    ).toHaveLength(1);
    const error = { messageId: "m", outcome: "error", code: "missing_required" };
    expect(compareOutcome(error, { ...error, message: "traits.email is required" })).toEqual([]);
    expect(compareOutcome({ ...error, message: "x" }, { ...error, message: "y" })).toHaveLength(1);
    expect(compareOutcome(error, { ...error, code: "invalid_event", message: "x" })).toHaveLength(1);
  });

  it("does not skip a reason when a send was expected and a drop came", () => {
    const differences = compareOutcome(send({}), { messageId: "m1", outcome: "drop", reason: "not handled" });
    expect(differences.map((d) => d.path)).toEqual(["outcome", "request", "warnings", "reason"]);
  });

  it("checks messageIncludes against the actual message or reason", () => {
    const error = { messageId: "m", outcome: "error", code: "missing_required" };
    expect(compareOutcome(error, { ...error, message: "traits.email is required" }, ["traits.email"])).toEqual([]);
    expect(compareOutcome(error, { ...error, message: "email is required" }, ["traits.email"])).toEqual([
      { path: "message", expected: 'a text that includes "traits.email"', actual: '"email is required"' },
    ]);
    expect(
      compareOutcome({ outcome: "drop" }, { outcome: "drop", reason: "page calls are not handled" }, ["page"]),
    ).toEqual([]);
  });

  it("quotes keys that are not plain names", () => {
    expect(compareOutcome({ a: { "utm source": 1 } }, { a: {} })[0].path).toBe('a["utm source"]');
  });
});

describe("renderDifferences", () => {
  it("prints the path, then expected and actual on their own lines, without colour codes", () => {
    const lines = renderDifferences([{ path: "request.body.phone", expected: '"+44"', actual: "(absent)" }], "  ");
    expect(lines).toEqual(["  request.body.phone", '    expected: "+44"', "    actual:   (absent)"]);
    expect(lines.join("\n")).not.toMatch(/\u001b/);
  });
});
