// The language server on language v2's preset structure: several send blocks with their own schemas, URL slots,
// call types in `on`, several presets in a file. Driven over stdio through the real `signal-map lsp`.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { documentUri, positionOf, startSession, type LspSession } from "./lsp-client.js";

const FILE = `integration customers "Customers"
  setting api_key: secret required
  rate limit 100 per minute

preset customers
  on identify, track
  let id = event.userId
  require id else "userId is required"

  send PUT "https://track.example.com/customers/{id}" when event.type == "identify"
    header "Authorization" <- "Bearer " + settings.api_key
    body matches "fixtures/contact.request.schema.json"
    email <- trim(traits.email)

  send POST "https://track.example.com/customers/{id}/events" when event.type == "track"
    header "Authorization" <- "Bearer " + settings.api_key
    body matches "fixtures/event.request.schema.json"
    name <- event

preset pages
  on page
  send POST "https://track.example.com/pages"
    body matches "fixtures/event.request.schema.json"
  at <- now()
`;
const URI = documentUri("spec/lsp/structure.map");

let lsp: LspSession;
beforeAll(async () => {
  lsp = await startSession();
  lsp.open(URI, FILE);
});
afterAll(async () => lsp?.close());

async function request<T>(method: string, position: { line: number; character: number }): Promise<T> {
  return (await lsp.connection.sendRequest(method, { textDocument: { uri: URI }, position })) as T;
}

describe("preset structure in the editor", () => {
  it("checks the file clean: several sends, slots, call types, rate limit and several presets", async () => {
    expect((await lsp.diagnostics(URI, 1)).diagnostics).toEqual([]);
  });

  it("hovers a target with the schema of its own send block, in every preset", async () => {
    const hover = (needle: string) =>
      request<{ contents: { value: string } }>("textDocument/hover", positionOf(FILE, needle, 1));
    expect((await hover("email <- trim")).contents.value).toContain("The contact's email address");
    expect((await hover("name <- event")).contents.value).toContain("Name of the event that happened");
    expect((await hover("identify, track")).contents.value).toBe(
      "**identify**: the preset takes every `identify` call",
    );
    expect((await hover("at <- now()")).contents.value).toBe("**at**: `string`\n\nWhen it happened");
  });

  it("goes from a URL slot to its let", async () => {
    const found = await request<{ range: { start: unknown } }>("textDocument/definition", positionOf(FILE, "{id}", 1));
    expect(found.range.start).toEqual(positionOf(FILE, "let id", 4));
  });

  it("completes call types in an on list, and the second block's fields at the start of its rules", async () => {
    const text = FILE.replace("  on page", "  on page, ide").replace("  name <- event", "  name <- event\n    a");
    lsp.change(URI, 2, text);
    const calls = await request<{ label: string }[]>("textDocument/completion", positionOf(text, "page, ide", 9));
    expect(calls.map((c) => c.label)).toEqual(["track", "identify", "page", "screen", "group", "alias"]);
    const fields = await request<{ label: string }[]>("textDocument/completion", positionOf(text, "event\n    a", 11));
    expect(fields.map((c) => c.label)).toEqual(expect.arrayContaining(["name", "at", "query", "batch", "order"]));
    expect(fields.map((c) => c.label)).not.toContain("email");
  });
});
