// The shipped Salesloft preset parses cleanly and reads as the seed's tables say.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Assignment, OnStatement, SendStatement } from "../../dsl/ast.js";
import { renderDiagnostics } from "../../diagnostics/render.js";
import { parse } from "../../dsl/parse.js";

const PATH = join(import.meta.dirname, "../../presets/salesloft/lead-capture.map");
const source = readFileSync(PATH, "utf8");
const { ast, diagnostics } = parse(source, "presets/salesloft/lead-capture.map");

describe("presets/salesloft/lead-capture.map", () => {
  it("parses with no diagnostics", () => {
    expect(renderDiagnostics(diagnostics, source, "lead-capture.map")).toBe("0 errors");
  });

  it("declares the integration and its two settings", () => {
    expect(ast.integration?.name.text).toBe("salesloft");
    expect(ast.integration?.settings.map((s) => [s.name.text, s.type, s.required])).toEqual([
      ["api_key", "secret", true],
      ["default_phone_region", "region", false],
    ]);
  });

  it("handles the three events and posts to the person upsert endpoint with its schema", () => {
    const [preset] = ast.presets;
    const on = preset.statements.find((s): s is OnStatement => s.kind === "On");
    expect(on?.events.map((e) => e.value)).toEqual(["Lead Generated", "Signed Up", "Identified"]);
    const send = preset.statements.find((s): s is SendStatement => s.kind === "Send");
    expect(send?.method).toBe("POST");
    expect(send?.url).toMatchObject({ kind: "String", value: "https://api.salesloft.com/v2/person_upserts" });
    expect(send?.headers.map((h) => h.name.value)).toEqual(["Authorization"]);
    expect(send?.bodySchema?.value).toBe("person-upsert.request.schema.json");
  });

  it("assigns every field of the contract's table", () => {
    // The set, not the order: the order of rules is the preset author's choice.
    const targets = ast.presets[0].statements
      .filter((s): s is Assignment => s.kind === "Assign")
      .map((s) => s.target.map((n) => n.text).join("."));
    expect([...targets].sort()).toEqual(
      [
        "upsert_key",
        "email_address",
        "first_name",
        "last_name",
        "title",
        "person_company_name",
        "phone",
        "do_not_contact",
        "tags",
        "custom_fields.signup_method",
        "custom_fields.utm_source",
        "custom_fields.utm_medium",
        "custom_fields.utm_campaign",
        "custom_fields.signal_landing_page",
      ].sort(),
    );
  });
});
