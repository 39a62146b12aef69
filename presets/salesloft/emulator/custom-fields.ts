// The tenant's person custom fields: the catalog upserts are checked against, served by GET /v2/custom_fields.

import { pageOf, readPageRequest } from "./paging.js";
import { jsonReply, type Reply } from "../../../emulator/replies.js";

export interface CustomField {
  readonly id: number;
  readonly name: string;
  readonly field_type: "person";
  readonly value_type: "text";
  readonly created_at: string;
  readonly updated_at: string;
}

const FIRST_CUSTOM_FIELD_ID = 501;

export class CustomFieldCatalog {
  private fields: CustomField[] = [];
  private nextId = FIRST_CUSTOM_FIELD_ID;

  /**
   * Makes the catalog hold exactly these names. A name that stays keeps its id and timestamps, so changing the
   * catalog at run time looks like an admin adding or deleting fields, not like a new tenant.
   */
  define(names: readonly string[], timestamp: string): void {
    const kept = new Map(this.fields.map((field) => [field.name, field]));
    this.fields = [...new Set(names)].map(
      (name) =>
        kept.get(name) ?? {
          id: this.nextId++,
          name,
          field_type: "person",
          value_type: "text",
          created_at: timestamp,
          updated_at: timestamp,
        },
    );
  }

  list(): CustomField[] {
    return this.fields.map((field) => ({ ...field }));
  }

  /** Names among `names` the tenant does not have, in the order given. */
  missing(names: readonly string[]): string[] {
    const known = new Set(this.fields.map((field) => field.name));
    return names.filter((name) => !known.has(name));
  }
}

/** GET /v2/custom_fields: `field_type` filters (only person fields exist here), paged like every list. */
export function listCustomFields(catalog: CustomFieldCatalog, query: URLSearchParams): Reply {
  const fieldType = query.get("field_type");
  const fields = catalog.list().filter((field) => fieldType === null || field.field_type === fieldType);
  return jsonReply(200, pageOf(fields, readPageRequest(query)));
}

/** One message per unknown key, each naming the key, so a client can tell the user which mapping to fix. */
export function unknownCustomFieldMessages(names: readonly string[]): string[] {
  return names.map((name) => `Custom field '${name}' does not exist`);
}
