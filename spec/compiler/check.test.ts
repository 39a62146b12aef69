// Golden tests of the checker: each check-cases/<case>.map sits beside <case>.expected.txt, its rendered diagnostics.
//
// After a deliberate change to a message or a check, regenerate the expectations with
//   UPDATE_GOLDEN=1 npx vitest run spec/compiler/check.test.ts
// and review the diff of the .expected.txt files like code before committing it.

import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { expectGolden } from "../support/golden.js";
import { checkFile } from "../../compiler/check/index.js";
import { DIAGNOSTIC_CODES } from "../../diagnostics/codes.js";
import { renderDiagnostics } from "../../diagnostics/render.js";
import { parse } from "../../dsl/parse.js";

const CASES_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), "check-cases");
const CASES = readdirSync(CASES_DIR)
  .filter((name) => name.endsWith(".map"))
  .map((name) => name.slice(0, -".map".length))
  .sort();

function checkCase(name: string) {
  const filename = path.join(CASES_DIR, `${name}.map`);
  const source = readFileSync(filename, "utf8");
  const parsed = parse(source, filename);
  const checked = checkFile(parsed.ast, { filename });
  return { source, parsed, checked, rendered: renderDiagnostics(checked.diagnostics, source, `${name}.map`) + "\n" };
}

describe("check cases", () => {
  it.each(CASES)("%s", (name) => {
    const { parsed, rendered } = checkCase(name);
    // Every case is about a semantic mistake, so it must parse cleanly; otherwise it tests the parser by accident.
    expect(parsed.diagnostics).toEqual([]);
    const expectedPath = path.join(CASES_DIR, `${name}.expected.txt`);
    expectGolden(expectedPath, rendered);
  });

  it("has a case for every code the checker can report", () => {
    const reported = new Set<string>(CASES.flatMap((name) => checkCase(name).checked.diagnostics.map((d) => d.code)));
    // The codes are read from the checker's own `report("CODE", ...)` calls, so a new check without a case fails here.
    const checkerDir = path.resolve(CASES_DIR, "../../../compiler/check");
    const reportable = new Set(
      readdirSync(checkerDir).flatMap((file) =>
        [...readFileSync(path.join(checkerDir, file), "utf8").matchAll(/report\(\s*"([EW]\d{3})"/g)].map((m) => m[1]),
      ),
    );
    expect(reportable.size).toBeGreaterThan(20);
    // E9xx are the compiler's own faults (a malformed tree): no .map file can cause them, the property tests cover them.
    const missing = [...reportable].filter(
      (code) => code in DIAGNOSTIC_CODES && !code.startsWith("E9") && !reported.has(code),
    );
    expect(missing).toEqual([]);
  });
});

describe("checkFile", () => {
  it("reports a misspelled function, target and setting of one file all at once", () => {
    const { checked } = checkCase("multi-error");
    expect(checked.diagnostics.map((d) => [d.code, d.hints[0]])).toEqual([
      ["E202", 'did you mean "api_key"?'],
      ["E200", 'did you mean "lower"?'],
      ["E204", 'did you mean "first_name"?'],
    ]);
  });

  it("tells code generation the events, the send, the request schema and the headers that carry a secret", () => {
    const { checked } = checkCase("clean");
    expect(checked.diagnostics).toEqual([]);
    const [preset] = checked.presets;
    expect(preset.decl.name.text).toBe("lead_capture");
    expect(preset.events).toEqual(["Lead Generated", "Signed Up", "Identified"]);
    expect(preset.send?.method).toBe("POST");
    expect(preset.secretHeaders).toEqual(["Authorization"]);
    expect(preset.requestSchemaPath).toBe(
      path.resolve(CASES_DIR, "../../../presets/salesloft/person-upsert.request.schema.json"),
    );
    expect(preset.requestSchema).toMatchObject({ title: "Salesloft POST /v2/person_upserts request body" });
  });

  it("checks the shipped Salesloft preset clean", () => {
    const filename = path.resolve(CASES_DIR, "../../../presets/salesloft/lead-capture.map");
    const source = readFileSync(filename, "utf8");
    const checked = checkFile(parse(source, filename).ast, { filename });
    expect(renderDiagnostics(checked.diagnostics, source, "lead-capture.map")).toBe("0 errors");
    expect(checked.presets[0].requestSchema).toBeDefined();
  });

  it("lists each event once, in the order written, even when the on list repeats one", () => {
    expect(checkCase("duplicate-event").checked.presets[0].events).toEqual(["Lead Generated", "Signed Up"]);
  });

  it("reads the request schema through the given readFile, relative to the .map file's folder", () => {
    const source = [
      'integration example "Example"',
      'preset contact "Contact"',
      '  on "Signed Up"',
      '  send POST "https://api.example.com/v1/contacts"',
      '    body matches "schemas/contact.json"',
      "  emial <- traits.email",
    ].join("\n");
    const asked: string[] = [];
    const readFile = (absolutePath: string) => {
      asked.push(absolutePath);
      return JSON.stringify({ type: "object", additionalProperties: false, properties: { email: { type: "string" } } });
    };
    const filename = path.resolve("/projects/acme/contact.map");
    const checked = checkFile(parse(source, filename).ast, { filename, readFile });
    expect(asked).toEqual([path.resolve("/projects/acme/schemas/contact.json")]);
    expect(checked.diagnostics.map((d) => [d.code, d.message, d.hints])).toEqual([
      ["E204", 'the request body has no field "emial"', ['did you mean "email"?']],
    ]);
  });

  it("reports a request schema whose reader throws as unreadable instead of throwing itself", () => {
    const source = 'integration x\npreset p\n  on "A"\n  send POST "https://x.example"\n    body matches "s.json"\n';
    const readFile = () => {
      throw new Error("disk on fire");
    };
    const checked = checkFile(parse(source, "/tmp/p.map").ast, { filename: "/tmp/p.map", readFile });
    expect(checked.diagnostics.map((d) => [d.code, d.message])).toEqual([
      ["E208", 'request schema "s.json" cannot be read'],
    ]);
    expect(checked.presets[0].requestSchema).toBeUndefined();
  });
});
