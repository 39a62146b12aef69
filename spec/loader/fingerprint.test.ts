// A prebuilt module records what its fingerprint covers (the .map file and each file the checker read, relative to
// the .map), and the loader can check it from the bytes alone, without the compiler's front end.

import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { fingerprintOf } from "../../compiler/codegen/fingerprint.js";

const ROOT = resolve(import.meta.dirname, "../..");
const MAP = join(ROOT, "presets/salesloft/lead-capture.map");

describe("prebuilt fingerprint", async () => {
  const mod = (await import(pathToFileURL(join(ROOT, "dist/presets/salesloft/lead-capture.js")).href)) as {
    SOURCE_FILES: string[];
    SOURCE_SHA256: string;
  };
  const covered = () =>
    mod.SOURCE_FILES.map((path) => ({ path, bytes: readFileSync(resolve(dirname(MAP), path)) as Uint8Array }));

  it("names the .map file and its request schema", () => {
    expect(mod.SOURCE_FILES).toEqual(["lead-capture.map", "person-upsert.request.schema.json"]);
  });

  it("is the hash of those files' bytes", () => {
    expect(fingerprintOf(covered()).sha256).toBe(mod.SOURCE_SHA256);
  });

  it("changes when one byte of the schema, or a file's name, or a file's presence changes", () => {
    const files = covered();
    const schema = Buffer.from(files[1].bytes!);
    schema[schema.length - 2] ^= 1;
    expect(fingerprintOf([files[0], { ...files[1], bytes: schema }]).sha256).not.toBe(mod.SOURCE_SHA256);
    expect(fingerprintOf([files[0], { ...files[1], path: "other.json" }]).sha256).not.toBe(mod.SOURCE_SHA256);
    expect(fingerprintOf([files[0], { ...files[1], bytes: undefined }]).sha256).not.toBe(mod.SOURCE_SHA256);
    expect(fingerprintOf([files[0]]).sha256).not.toBe(mod.SOURCE_SHA256);
  });
});
