// The person fields an upsert may carry, with their types, transcribed from Salesloft's OpenAPI request body.

// Kept separate from the preset's copy of the request schema on purpose: the emulator plays Salesloft, so a mistake
// in the preset's schema must show up as a disagreement, not be mirrored here.

type FieldType =
  | { readonly kind: "string"; readonly values?: readonly string[] }
  | { readonly kind: "integer" }
  | { readonly kind: "boolean" }
  | { readonly kind: "string-list"; readonly values?: readonly string[] }
  | { readonly kind: "custom-fields" };

const TEXT: FieldType = { kind: "string" };
const INTEGER: FieldType = { kind: "integer" };

export const PERSON_FIELDS: Readonly<Record<string, FieldType>> = {
  account_id: INTEGER,
  city: TEXT,
  contact_restrictions: { kind: "string-list", values: ["call", "email", "message"] },
  country: TEXT,
  crm_id: TEXT,
  crm_id_type: { kind: "string", values: ["salesforce"] },
  custom_fields: { kind: "custom-fields" },
  do_not_contact: { kind: "boolean" },
  email_address: TEXT,
  first_name: TEXT,
  home_phone: TEXT,
  id: INTEGER,
  import_id: INTEGER,
  job_seniority: {
    kind: "string",
    values: ["director", "executive", "individual_contributor", "manager", "vice_president", "unknown"],
  },
  last_name: TEXT,
  linkedin_url: TEXT,
  locale: TEXT,
  mobile_phone: TEXT,
  owner_id: INTEGER,
  person_company_industry: TEXT,
  person_company_name: TEXT,
  person_company_website: TEXT,
  person_stage_id: INTEGER,
  personal_email_address: TEXT,
  personal_website: TEXT,
  phone: TEXT,
  phone_extension: TEXT,
  secondary_email_address: TEXT,
  state: TEXT,
  tags: { kind: "string-list" },
  title: TEXT,
  twitter_handle: TEXT,
  work_city: TEXT,
  work_country: TEXT,
  work_state: TEXT,
};

/** Fields that steer the upsert rather than describe the person, so they are never stored from a request. */
const CONTROL_FIELDS = new Set(["upsert_key", "id"]);

export type FieldErrors = Record<string, string[]>;

/** Checks every known field present in the body; fields Salesloft does not know are ignored, as Rails would. */
export function validatePersonFields(body: Readonly<Record<string, unknown>>): FieldErrors {
  const errors: FieldErrors = {};
  for (const [name, type] of Object.entries(PERSON_FIELDS)) {
    const value = body[name];
    if (value === undefined || value === null) continue;
    const problem = typeProblem(type, value);
    if (problem !== undefined) errors[name] = [problem];
  }
  return errors;
}

function typeProblem(type: FieldType, value: unknown): string | undefined {
  switch (type.kind) {
    case "string":
      if (typeof value !== "string") return "must be a string";
      return type.values && !type.values.includes(value) ? `must be one of ${type.values.join(", ")}` : undefined;
    case "integer":
      return Number.isInteger(value) ? undefined : "must be an integer";
    case "boolean":
      return typeof value === "boolean" ? undefined : "must be true or false";
    case "string-list":
      return stringListProblem(type.values, value);
    case "custom-fields":
      return customFieldsProblem(value);
  }
}

function stringListProblem(values: readonly string[] | undefined, value: unknown): string | undefined {
  if (!Array.isArray(value) || !value.every((item) => typeof item === "string")) return "must be a list of strings";
  const outside = value.filter((item) => values !== undefined && !values.includes(item));
  return outside.length > 0 ? `must contain only ${values?.join(", ")}` : undefined;
}

function customFieldsProblem(value: unknown): string | undefined {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return "must be an object keyed by name";
  const scalar = Object.values(value).every((item) => item === null || typeof item !== "object");
  return scalar ? undefined : "values must be strings, numbers, booleans or null";
}

/** The descriptive fields of the body, ready to store; custom_fields and tags are copied, not shared. */
export function pickPersonFields(body: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const picked: Record<string, unknown> = {};
  for (const name of Object.keys(PERSON_FIELDS)) {
    if (CONTROL_FIELDS.has(name) || body[name] === undefined) continue;
    picked[name] = structuredClone(body[name]);
  }
  return picked;
}

/** Form bodies carry only strings: turn integer and boolean fields into their types (bad text stays, to be refused). */
export function coerceFormFields(body: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const coerced: Record<string, unknown> = { ...body };
  for (const [name, type] of Object.entries(PERSON_FIELDS)) {
    const value = body[name];
    if (typeof value !== "string") continue;
    if (type.kind === "integer" && /^-?\d+$/.test(value)) coerced[name] = Number(value);
    if (type.kind === "boolean" && (value === "true" || value === "false")) coerced[name] = value === "true";
  }
  return coerced;
}
