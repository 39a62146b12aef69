// The playground's browser bundle: built for the browser, with no Node built-in, and none of what only the server needs.

import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bundlePlayground } from "../../playground/build-web.js";

let folder: string;
let inputs: string[];
let bundle: string;

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), "playground-bundle-"));
  inputs = await bundlePlayground(folder);
  bundle = readFileSync(join(folder, "app.js"), "utf8");
});

afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe("the playground bundle", () => {
  it("requires and imports no Node built-in", () => {
    expect(bundle).not.toMatch(/require\(\s*["'](node:)?(fs|path|crypto|os|url|module|child_process|http)["']\s*\)/);
    expect(bundle).not.toMatch(/["']node:[a-z_/]+["']/);
    expect(bundle).not.toMatch(/\bfrom\s*["'](fs|path|crypto|os|url|module)["']/);
  });

  it("takes the checker and the renderer, with the browser shims in place of Node's modules", () => {
    expect(inputs).toContain("compiler/check-source.ts");
    expect(inputs).toContain("diagnostics/render.ts");
    for (const shim of ["path", "fs", "crypto", "chevrotain"])
      expect(inputs).toContain(`web/playground/shims/${shim}.ts`);
    expect(inputs).not.toContain("dsl/chevrotain.ts");
  });

  it("leaves code generation, the loader and the server-only packages out", () => {
    const serverOnly = inputs.filter((file) =>
      /compiler\/codegen\/|compiler\/format\.ts|loader\/|node_modules\/(prettier|typescript|ajv)\//.test(file),
    );
    expect(serverOnly).toEqual([]);
  });
});
