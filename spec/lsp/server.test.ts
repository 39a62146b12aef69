// The language server driven over the protocol through the real `signal-map lsp` on stdio: diagnostics as you type,
// hover, completion and go to definition, as an editor sees them.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { documentUri, positionOf, ROOT, startSession, type LspSession } from "./lsp-client.js";

const SALESLOFT = readFileSync(join(ROOT, "presets/salesloft/lead-capture.map"), "utf8");
// Beside the real preset, so `body matches "person-upsert.request.schema.json"` resolves as `check` resolves it.
const SALESLOFT_URI = documentUri("presets/salesloft/editor-buffer.map");

const CONTACT = `integration crm "CRM"
  setting api_key: secret required "Key of the CRM"
  setting region_hint: region

preset contact "Contact"
  on "Signed Up"
  send POST "https://crm.example/contacts"
    header "Authorization" <- "Bearer " + settings.api_key
    body matches "fixtures/contact.request.schema.json"
  let email = lower(trim(traits.email))
  email <- email
  custom_fields <- { plan_name: join([p.name for p in properties.plans], ", "), seats: 2 }
`;
const CONTACT_URI = documentUri("spec/lsp/contact.map");

let lsp: LspSession;
beforeAll(async () => {
  lsp = await startSession();
  lsp.open(SALESLOFT_URI, SALESLOFT);
  lsp.open(CONTACT_URI, CONTACT);
  await lsp.diagnostics(SALESLOFT_URI, 1);
  expect((await lsp.diagnostics(CONTACT_URI, 1)).diagnostics).toEqual([]);
});
afterAll(async () => lsp?.close());

type Items = { label: string; detail?: string }[];

async function completion(uri: string, text: string, needle: string, shift: number) {
  return (await lsp.connection.sendRequest("textDocument/completion", {
    textDocument: { uri },
    position: positionOf(text, needle, shift),
  })) as Items;
}

async function hover(uri: string, text: string, needle: string, shift = 1, nth = 1) {
  const answer = (await lsp.connection.sendRequest("textDocument/hover", {
    textDocument: { uri },
    position: positionOf(text, needle, shift, nth),
  })) as { contents: { value: string } } | null;
  return answer?.contents.value;
}

describe("diagnostics as you type", () => {
  const uri = documentUri("presets/salesloft/typing.map");
  const broken = SALESLOFT.replace("first_name          <- trim(", "first_name          <- trimm(");

  it("publishes E200 with its did-you-mean on the misspelt name, and clears it once fixed", async () => {
    lsp.open(uri, broken);
    const first = await lsp.diagnostics(uri, 1);
    expect(first.diagnostics.map((d) => d.code)).toEqual(["E200"]);
    const [e200] = first.diagnostics;
    expect(e200!.severity).toBe(1);
    expect(e200!.message).toMatch(/trimm/);
    expect(e200!.message).toMatch(/did you mean "trim"\?/);
    const start = positionOf(broken, "trimm(");
    expect(e200!.range).toEqual({ start, end: { line: start.line, character: start.character + 5 } });

    const actions = (await lsp.connection.sendRequest("textDocument/codeAction", {
      textDocument: { uri },
      range: e200!.range,
      context: { diagnostics: [e200] },
    })) as { title: string; edit: { changes: Record<string, { newText: string; range: unknown }[]> } }[];
    expect(actions.map((a) => [a.title, a.edit.changes[uri]])).toEqual([
      ['Change "trimm" to "trim"', [{ range: e200!.range, newText: "trim" }]],
    ]);

    lsp.change(uri, 2, SALESLOFT);
    expect((await lsp.diagnostics(uri, 2)).diagnostics).toEqual([]);
  });

  it("gives labels as related information and warnings as warnings", async () => {
    const twice = SALESLOFT.replace(
      '  upsert_key          <- "email_address"',
      '  upsert_key <- "email_address"\n  upsert_key <- "id"',
    );
    lsp.change(uri, 3, twice);
    const [e400] = (await lsp.diagnostics(uri, 3)).diagnostics;
    expect(e400!.code).toBe("E400");
    expect(e400!.relatedInformation?.length).toBeGreaterThan(0);
    lsp.change(uri, 4, SALESLOFT.replace("  let email", "  let unused = 1\n  let email"));
    const [w100] = (await lsp.diagnostics(uri, 4)).diagnostics;
    expect([w100!.code, w100!.severity]).toEqual(["W100", 2]);
  });
});

describe("hover", () => {
  it("shows a function's signature and doc from the standard library", async () => {
    const text = await hover(SALESLOFT_URI, SALESLOFT, "trim(traits.first_name)");
    expect(text).toMatch(/^```signal-map\ntrim\(text: string\): string\n```\n\n\S/);
  });

  it("shows a Salesloft target's type, enum and description from the request schema", async () => {
    expect(await hover(SALESLOFT_URI, SALESLOFT, "do_not_contact      <-")).toBe(
      "**do_not_contact**: `boolean`\n\nOpted out of all communication",
    );
    const upsertKey = await hover(SALESLOFT_URI, SALESLOFT, "upsert_key ");
    expect(upsertKey).toMatch(/^\*\*upsert_key\*\*: `string`/);
    expect(upsertKey).toContain('Allowed values: `"id"`, `"crm_id"`, `"email_address"`');
  });

  it("shows the field an object literal's key sets", async () => {
    expect(await hover(CONTACT_URI, CONTACT, "seats: 2", 1)).toBe("**custom_fields.seats**: `integer`\n\nSeats bought");
    expect(await hover(CONTACT_URI, CONTACT, "plan_name:", 1)).toMatch(/^\*\*custom_fields\.plan_name\*\*: `string`/);
  });

  it("shows a setting's declaration and a context field's description", async () => {
    expect(await hover(SALESLOFT_URI, SALESLOFT, "settings.api_key", 10)).toContain(
      "setting api_key: secret required\n```\n\nSalesloft API key with the People scope",
    );
    expect(await hover(SALESLOFT_URI, SALESLOFT, "context.locale", 9)).toMatch(
      /^\*\*context\.locale\*\*: `any`\n\nBCP-47 locale/,
    );
  });
});

describe("completion", () => {
  it("lists the declared settings after `settings.`", async () => {
    const text = CONTACT.replace('"Bearer " + settings.api_key', '"Bearer " + settings.');
    lsp.change(CONTACT_URI, 2, text);
    const items = await completion(CONTACT_URI, text, '"Bearer " + settings.', 21);
    expect(items.map((i) => i.label)).toEqual(["api_key", "region_hint"]);
    expect(items[0]!.detail).toBe("secret required");
  });

  it("lists the request schema's properties after `custom_fields.`", async () => {
    const text = CONTACT + "  custom_fields.\n";
    lsp.change(CONTACT_URI, 3, text);
    const items = await completion(CONTACT_URI, text, "  custom_fields.\n", 16);
    expect(items.map((i) => [i.label, i.detail])).toEqual([
      ["plan_name", "string"],
      ["seats", "integer"],
    ]);
  });

  it("offers nothing below Salesloft's open custom_fields, and its fields at the start of a rule", async () => {
    const text = SALESLOFT + "  custom_fields.\n  fir";
    lsp.change(SALESLOFT_URI, 2, text);
    expect(await completion(SALESLOFT_URI, text, "  custom_fields.\n", 16)).toEqual([]);
    const top = await completion(SALESLOFT_URI, text, "  fir", 5);
    expect(top.find((i) => i.label === "first_name")?.detail).toBe("string");
    expect(top.find((i) => i.label === "job_seniority")?.detail).toMatch(/^string \("director"/);
  });

  it("lists functions with their signature, roots, lets and the canonical context", async () => {
    const items = await completion(CONTACT_URI, CONTACT, "email <- email", 9);
    expect(items.find((i) => i.label === "trim")?.detail).toMatch(/^trim\(\w+: \w+\): string$/);
    expect(items.map((i) => i.label)).toEqual(
      expect.arrayContaining(["traits", "context", "settings", "email", "omit"]),
    );
    const text = CONTACT + "  email <- context.campaign.\n";
    lsp.change(CONTACT_URI, 4, text);
    const campaign = await completion(CONTACT_URI, text, "context.campaign.", 17);
    expect(campaign.map((i) => i.label)).toEqual(
      expect.arrayContaining(["source", "medium", "name", "term", "content"]),
    );
  });
});

describe("go to definition", () => {
  it("jumps from a let name to its let, and from a loop name to the loop", async () => {
    lsp.change(CONTACT_URI, 5, CONTACT);
    const find = (needle: string, shift: number, nth = 1) =>
      lsp.connection.sendRequest("textDocument/definition", {
        textDocument: { uri: CONTACT_URI },
        position: positionOf(CONTACT, needle, shift, nth),
      }) as Promise<{ uri: string; range: { start: unknown; end: unknown } }>;
    const letName = positionOf(CONTACT, "let email", 4);
    const found = await find("email <- email", 10);
    expect(found).toEqual({
      uri: CONTACT_URI,
      range: { start: letName, end: { ...letName, character: letName.character + 5 } },
    });
    expect((await find("[p.name", 1)).range.start).toEqual(positionOf(CONTACT, "for p", 4));
    expect((await find("settings.api_key", 10)).range.start).toEqual(positionOf(CONTACT, "api_key:", 0));
  });
});

describe("formatting", () => {
  it("formats through fmt: one edit to the canonical layout, none for a canonical or broken file", async () => {
    const uri = documentUri("presets/salesloft/formatting.map");
    const messy = SALESLOFT.replace("  upsert_key          <- ", "      upsert_key <- ");
    lsp.open(uri, messy);
    const format = async () =>
      (await lsp.connection.sendRequest("textDocument/formatting", {
        textDocument: { uri },
        options: { tabSize: 2, insertSpaces: true },
      })) as { newText: string }[];
    const edits = await format();
    expect(edits).toHaveLength(1);
    expect(edits[0].newText).toBe(SALESLOFT);
    const canonical = documentUri("presets/salesloft/canonical.map");
    lsp.open(canonical, SALESLOFT);
    expect(
      await lsp.connection.sendRequest("textDocument/formatting", {
        textDocument: { uri: canonical },
        options: { tabSize: 2, insertSpaces: true },
      }),
    ).toEqual([]);
  });
});
