// docs/stdlib.md is generated from the function specs; this test keeps it equal (UPDATE_GOLDEN=1 rewrites it).

import { readFileSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { renderStdlibReference } from "../../runtime/stdlib/docs.js";
import { STDLIB } from "../../runtime/stdlib/index.js";

const REFERENCE = new URL("../../docs/stdlib.md", import.meta.url);

describe("docs/stdlib.md", () => {
  it("equals the reference rendered from the specs", () => {
    const rendered = renderStdlibReference();
    if (process.env.UPDATE_GOLDEN === "1") writeFileSync(REFERENCE, rendered);
    expect(readFileSync(REFERENCE, "utf8")).toBe(rendered);
  });

  it("documents every function with its signature and every example call", () => {
    const rendered = renderStdlibReference().replace(/ +\|/g, " |"); // undo the column padding
    expect(rendered).toContain("## `e164(phone: string, region?: string) -> string`");
    expect(rendered).toContain("## `coalesce(...values: any) -> any`");
    for (const spec of STDLIB) expect(rendered).toContain(`## \`${spec.name}(`);
    expect(rendered).toContain('| `e164("07700 900123", "GB")` | `"+447700900123"` |');
    expect(rendered).toContain('| `trim("   ")` | `absent` | nothing left |');
  });
});

describe("the generated reference and prettier", () => {
  it("is already formatted, so `npm run format` does not break the golden file", async () => {
    const prettier = await import("prettier");
    const rendered = renderStdlibReference();
    expect(await prettier.format(rendered, { parser: "markdown", printWidth: 120 })).toBe(rendered);
  });
});
