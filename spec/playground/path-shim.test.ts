// The browser path shim resolves a schema next to the .map file as node:path's POSIX functions do.

import { posix } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as shim from "../../web/playground/shims/path.js";

const segment = fc.constantFrom("a", "b", "schemas", ".", "..", "x.json", "");
const absolute = fc.array(segment, { maxLength: 6 }).map((parts) => "/" + parts.join("/"));
const relativePath = fc.array(segment, { minLength: 1, maxLength: 6 }).map((parts) => parts.join("/"));

describe("the browser path shim", () => {
  it("resolves, joins and relates paths as node:path.posix does", () => {
    fc.assert(
      fc.property(absolute, relativePath, (base, rel) => {
        expect(shim.resolve(base, rel)).toBe(posix.resolve(base, rel));
        expect(shim.dirname(shim.resolve(base))).toBe(posix.dirname(posix.resolve(base)));
        expect(shim.basename(shim.resolve(base, rel))).toBe(posix.basename(posix.resolve(base, rel)));
        expect(shim.relative(base, shim.resolve(base, rel))).toBe(posix.relative(base, posix.resolve(base, rel)));
        expect(shim.isAbsolute(rel)).toBe(posix.isAbsolute(rel));
      }),
    );
  });
});
