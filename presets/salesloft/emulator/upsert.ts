// POST /v2/person_upserts: decode and check the body, then create or update one person.

import { isPlainObject, type DecodedBody } from "../../../emulator/body.js";
import { unknownCustomFieldMessages, type CustomFieldCatalog } from "./custom-fields.js";
import type { ResponseShape } from "./options.js";
import { coerceFormFields, pickPersonFields, validatePersonFields } from "./person-fields.js";
import { jsonReply, type Reply } from "../../../emulator/replies.js";
import { errorReply, validationReply } from "./replies.js";
import type { Person, PersonStore } from "./store.js";
import type { UpdateHistory } from "./history.js";

export const UPSERT_KEYS = ["id", "crm_id", "email_address"] as const;
type UpsertKey = (typeof UPSERT_KEYS)[number];

export interface UpsertContext {
  readonly store: PersonStore;
  readonly catalog: CustomFieldCatalog;
  readonly responseShape: ResponseShape;
  readonly unknownCustomFieldStatus: 400 | 422;
  readonly timestamp: string;
  /** Where each applied upsert is remembered, with its arrival time in milliseconds. */
  readonly history?: { readonly log: UpdateHistory; readonly at: number };
}

/** The whole upsert: every rejection is a reply, never an exception. */
export function handleUpsert(decoded: DecodedBody, context: UpsertContext): Reply {
  if (!decoded.ok) return errorReply(400, decoded.message);
  const value = decoded.value ?? {};
  if (!isPlainObject(value)) return errorReply(400, "Request body must be a JSON object");
  const body = decoded.format === "form" ? coerceFormFields(value) : value;
  const rejection = checkBody(body, context);
  if (rejection !== undefined) return rejection;
  const target = findTarget(body, context.store);
  if (target.kind === "reply") return target.reply;
  const fields = pickPersonFields(body);
  if (target.kind === "update") return applyUpdate(target.person, fields, context);
  return applyCreate(fields, context);
}

function checkBody(body: Readonly<Record<string, unknown>>, context: UpsertContext): Reply | undefined {
  const key = body.upsert_key;
  if (key !== undefined && !UPSERT_KEYS.includes(key as UpsertKey)) {
    return validationReply({ upsert_key: [`must be one of ${UPSERT_KEYS.join(", ")}`] });
  }
  const fieldErrors = validatePersonFields(body);
  if (Object.keys(fieldErrors).length > 0) return validationReply(fieldErrors);
  const sentCustomFields = isPlainObject(body.custom_fields) ? Object.keys(body.custom_fields) : [];
  const missing = context.catalog.missing(sentCustomFields);
  if (missing.length === 0) return undefined;
  const messages = unknownCustomFieldMessages(missing);
  // Salesloft's status and wording here are undocumented; 400 uses the single-message shape other 400s use.
  return context.unknownCustomFieldStatus === 422
    ? validationReply({ custom_fields: messages })
    : errorReply(400, messages.join("; "));
}

type Target =
  | { readonly kind: "create" }
  | { readonly kind: "update"; readonly person: Person }
  | { readonly kind: "reply"; readonly reply: Reply };

/** Which person the upsert_key points at. Without an upsert_key an existing record is never updated (FACTS). */
function findTarget(body: Readonly<Record<string, unknown>>, store: PersonStore): Target {
  switch (body.upsert_key as UpsertKey | undefined) {
    case "email_address":
      if (!isFilled(body.email_address)) return blank("email_address");
      return matchOne(store.findBy("email_address", body.email_address));
    case "crm_id":
      if (!isFilled(body.crm_id)) return blank("crm_id");
      return matchOne(store.findBy("crm_id", body.crm_id));
    case "id": {
      if (typeof body.id !== "number") return blank("id");
      const person = store.get(body.id);
      return person ? { kind: "update", person } : { kind: "reply", reply: errorReply(404, "Not Found") };
    }
    default:
      return { kind: "create" };
  }
}

function matchOne(matches: readonly Person[]): Target {
  if (matches.length === 0) return { kind: "create" };
  // Reachable only if duplicates ever exist; Salesloft fails the request rather than pick one.
  if (matches.length > 1) return { kind: "reply", reply: validationReply({ base: ["matches more than one person"] }) };
  return { kind: "update", person: matches[0] };
}

function blank(field: string): Target {
  return { kind: "reply", reply: validationReply({ [field]: ["can't be blank"] }) };
}

function applyUpdate(person: Person, fields: Record<string, unknown>, context: UpsertContext): Reply {
  if (emailTakenByOther(fields.email_address, person.id, context.store)) return emailTaken();
  const updated = context.store.update(person.id, fields, context.timestamp);
  if (updated) remember(updated, fields, context);
  return updated ? upsertReply(updated, "update", context.responseShape) : errorReply(404, "Not Found");
}

/** A new person needs an email address, or both a phone and a last name. */
function applyCreate(fields: Record<string, unknown>, context: UpsertContext): Reply {
  const identifiable = isFilled(fields.email_address) || (isFilled(fields.phone) && isFilled(fields.last_name));
  if (!identifiable) return validationReply({ email_address: ["can't be blank"] });
  if (emailTakenByOther(fields.email_address, undefined, context.store)) return emailTaken();
  const created = context.store.create(fields, context.timestamp);
  remember(created, fields, context);
  return upsertReply(created, "create", context.responseShape);
}

function remember(person: Person, fields: Readonly<Record<string, unknown>>, context: UpsertContext): void {
  context.history?.log.record({ personId: person.id, at: context.history.at, fields: structuredClone(fields) });
}

function emailTakenByOther(email: unknown, ownId: number | undefined, store: PersonStore): boolean {
  if (!isFilled(email)) return false;
  return store.findBy("email_address", email).some((person) => person.id !== ownId);
}

function emailTaken(): Reply {
  return validationReply({ email_address: ["is already taken"] });
}

function upsertReply(person: Person, upsertType: "create" | "update", shape: ResponseShape): Reply {
  const data = shape === "openapi" ? { person, upsert_type: upsertType } : person;
  return jsonReply(200, { data });
}

function isFilled(value: unknown): value is string {
  return typeof value === "string" && value.trim() !== "";
}
