// The runtime's list of ISO 3166-1 alpha-2 regions, checked against ICU and libphonenumber-js.

import { getCountries } from "libphonenumber-js/max";
import { describe, expect, it } from "vitest";
import { isoRegion, knownRegionCodes } from "../../runtime/region.js";

describe("isoRegion", () => {
  it("upper-cases a known code and ignores surrounding space", () => {
    expect(isoRegion("gb")).toBe("GB");
    expect(isoRegion(" us ")).toBe("US");
  });

  it("refuses aliases, groupings, numeric regions and non-text", () => {
    for (const value of ["UK", "EU", "ZZ", "419", "GBR", "", undefined, 44]) expect(isoRegion(value)).toBeUndefined();
  });

  it("holds the 249 assigned codes plus XK, each one a region ICU can name", () => {
    const codes = knownRegionCodes();
    expect(codes).toHaveLength(250);
    const names = new Intl.DisplayNames(["en"], { type: "region", fallback: "none" });
    for (const code of codes) expect(names.of(code), code).toBeTypeOf("string");
  });

  it("covers every phone region except the non-ISO Ascension (AC) and Tristan da Cunha (TA)", () => {
    const missing = getCountries().filter((code) => isoRegion(code) === undefined);
    expect(missing.sort()).toEqual(["AC", "TA"]);
  });
});
