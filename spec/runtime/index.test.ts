// The runtime object generated modules receive: frozen, and holding every standard-library function by name.

import { describe, expect, it } from "vitest";
import { STDLIB, runtime } from "../../runtime/index.js";

describe("runtime", () => {
  it("is frozen, so no preset can change what another one calls", () => {
    expect(Object.isFrozen(runtime)).toBe(true);
    expect(Object.isFrozen(runtime.fn)).toBe(true);
  });

  it("holds every stdlib implementation under its .map name", () => {
    expect(Object.keys(runtime.fn).sort()).toEqual(STDLIB.map((spec) => spec.name).sort());
    for (const spec of STDLIB) expect(runtime.fn[spec.name as keyof typeof runtime.fn]).toBe(spec.impl);
  });

  it("gives generated code the access, operator and failure helpers", () => {
    expect(runtime.field({ a: "x" }, "a")).toBe("x");
    expect(runtime.plus("a", 1)).toBe("a1");
    expect(runtime.isFailure(runtime.fn.e164("12345", "GB"))).toBe(true);
    expect(new runtime.Failure("r")).toBeInstanceOf(runtime.Failure);
  });
});
