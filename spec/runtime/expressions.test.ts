// The runtime helpers behind the expressions of language v2: absent in, absent out; never NaN or Infinity.

import { describe, expect, it } from "vitest";
import { each, obj, pick } from "../../runtime/compound.js";
import { choose, record } from "../../runtime/compound.js";
import { div, greater, greaterOrEqual, less, lessOrEqual, mul, plus, sub } from "../../runtime/operators.js";

describe("arithmetic", () => {
  it("adds two numbers with +, and joins anything else as text", () => {
    expect(plus(1, 2)).toBe(3);
    expect(plus("a", 1)).toBe("a1");
    expect(plus(1, true)).toBe("1true");
    expect(plus(1, undefined)).toBeUndefined();
    expect(plus(1e308, 1e308)).toBeUndefined();
  });

  it("takes numbers only for - * /, and gives absent for anything else or a result that is not finite", () => {
    expect(sub(5, 7)).toBe(-2);
    expect(mul(3, 0.5)).toBe(1.5);
    expect(div(9, 3)).toBe(3);
    expect(div(1, 0)).toBeUndefined();
    expect(div(0, 0)).toBeUndefined();
    expect(div(-1, -0)).toBeUndefined();
    expect(mul(1e308, 10)).toBeUndefined();
    expect(sub("5", 1)).toBeUndefined();
    expect(mul(null, 1)).toBeUndefined();
    expect(div(undefined, 1)).toBeUndefined();
  });
});

describe("ordering", () => {
  it("compares two numbers or two texts (code-unit order), and nothing else", () => {
    expect(less(1, 2)).toBe(true);
    expect(lessOrEqual(2, 2)).toBe(true);
    expect(greater("2024-06-01T00:00:00Z", "2024-01-31T23:59:59Z")).toBe(true);
    expect(greaterOrEqual("b", "a")).toBe(true);
    expect(less("10", 9)).toBe(false);
    expect(greater(1, undefined)).toBe(false);
    expect(lessOrEqual(null, null)).toBe(false);
    expect(greaterOrEqual([2], [1])).toBe(false);
  });
});

describe("obj", () => {
  it("leaves absent values out, is absent when left empty, and keeps a written {}", () => {
    expect(obj(["a", 1], ["b", undefined])).toEqual({ a: 1 });
    expect(obj(["a", undefined])).toBeUndefined();
    expect(obj()).toEqual({});
  });

  it("sets __proto__ as an own key, never as the prototype", () => {
    const made = obj(["__proto__", { polluted: "yes" }]) as Record<string, unknown>;
    expect(Object.getPrototypeOf(made)).toBe(Object.prototype);
    expect(Object.keys(made)).toEqual(["__proto__"]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("is what record (its flat form in generated code) gives, key for key", () => {
    const cases: [string, unknown][][] = [
      [
        ["a", 1],
        ["b", undefined],
      ],
      [["a", undefined]],
      [],
      [
        ["__proto__", { polluted: "yes" }],
        ["z", 0],
        ["a", null],
      ],
    ];
    for (const pairs of cases) {
      const flat = record(...pairs.flat());
      expect(flat).toEqual(obj(...pairs));
      if (flat !== undefined) expect(Object.keys(flat)).toEqual(Object.keys(obj(...pairs)!));
      if (flat !== undefined) expect(Object.getPrototypeOf(flat)).toBe(Object.prototype);
    }
  });
});

describe("each", () => {
  it("maps the items of a list, reading blank items as absent and dropping absent results", () => {
    expect(each([1, null, "", 3], (x) => x)).toEqual([1, 3]);
    expect(
      each(
        ["a", "b"],
        (x) => x,
        (x) => x === "b",
      ),
    ).toEqual(["b"]);
  });

  it("is absent for a source that is not a list, and for a result left empty", () => {
    expect(each({ 0: "a" }, (x) => x)).toBeUndefined();
    expect(each("text", (x) => x)).toBeUndefined();
    expect(each([], (x) => x)).toBeUndefined();
    expect(each([1], () => undefined)).toBeUndefined();
  });

  it("keeps an item only when the condition is exactly true", () => {
    expect(
      each(
        [1, 2],
        (x) => x,
        () => "yes" as unknown as boolean,
      ),
    ).toBeUndefined();
  });
});

describe("pick", () => {
  it("evaluates only the chosen arm, and else only when no arm matches", () => {
    let evaluated = 0;
    const arm = (value: string) => () => {
      evaluated += 1;
      return value;
    };
    expect(
      pick(
        "b",
        [
          ["a", arm("A")],
          ["b", arm("B")],
        ],
        arm("E"),
      ),
    ).toBe("B");
    expect(evaluated).toBe(1);
    expect(pick(1, [["1", arm("text")]], arm("E"))).toBe("E");
    expect(pick(true, [["true", arm("text")]])).toBeUndefined();
  });
});

describe("choose", () => {
  it("is pick with literal arms, flat", () => {
    const arms: [string | number | boolean, unknown][] = [
      ["a", 1],
      [1, "one"],
      [true, null],
      ["b", undefined],
    ];
    for (const subject of ["a", 1, "1", true, "b", "c", undefined, null]) {
      const picked = pick(
        subject,
        arms.map(([pattern, value]) => [pattern, () => value] as const),
      );
      expect(choose(subject, ...arms.flat())).toBe(picked);
      const withOtherwise = pick(
        subject,
        arms.map(([pattern, value]) => [pattern, () => value] as const),
        () => "E",
      );
      expect(choose(subject, ...arms.flat(), "E")).toBe(withOtherwise);
    }
  });
});
