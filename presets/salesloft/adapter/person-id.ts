// Reads the Person id from an upsert answer, in either shape Salesloft documents.

/**
 * The seed shows `{"data": {"id": 1234, ...}}`; the OpenAPI definition shows
 * `{"data": {"person": {"id": 1234, ...}, "upsert_type": "create" | "update"}}`. Absent when neither holds an id.
 */
export function readPersonId(body: unknown): string | number | undefined {
  const data = ownObject(body, "data");
  return idOf(data) ?? idOf(ownObject(data, "person"));
}

/** Parses an answer body as JSON; absent when it is not JSON. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function idOf(value: Record<string, unknown> | undefined): string | number | undefined {
  const id = value?.["id"];
  if (typeof id === "number" && Number.isFinite(id)) return id;
  if (typeof id === "string" && id.trim() !== "") return id;
  return undefined;
}

function ownObject(value: unknown, key: string): Record<string, unknown> | undefined {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return undefined;
  if (!Object.prototype.hasOwnProperty.call(value, key)) return undefined;
  const inner = (value as Record<string, unknown>)[key];
  return inner !== null && typeof inner === "object" && !Array.isArray(inner)
    ? (inner as Record<string, unknown>)
    : undefined;
}
