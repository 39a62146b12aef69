// The emulator's people: created and merged by upserts, listed by GET /v2/people, read back by tests.

/** A person as the emulator serves it; other request-schema fields appear once a request has sent them. */
export interface Person {
  id: number;
  email_address: string | null;
  first_name: string | null;
  last_name: string | null;
  phone: string | null;
  title: string | null;
  person_company_name: string | null;
  do_not_contact: boolean;
  tags: string[];
  custom_fields: Record<string, unknown>;
  created_at: string;
  updated_at: string;
  [field: string]: unknown;
}

export const FIRST_PERSON_ID = 1001;

type IndexedField = "email_address" | "crm_id";
const INDEXED: readonly IndexedField[] = ["email_address", "crm_id"];

export class PersonStore {
  private readonly people = new Map<number, Person>();
  // Every upsert looks a person up by email (or crm_id): an index keeps that constant as the store fills
  // (a scan of every person made a full emulator slow from ~550 to ~80 upserts/s).
  private readonly index = new Map<IndexedField, Map<unknown, Set<number>>>(INDEXED.map((f) => [f, new Map()]));
  private nextId = FIRST_PERSON_ID;

  create(fields: Readonly<Record<string, unknown>>, timestamp: string): Person {
    const person: Person = {
      id: this.nextId++,
      email_address: null,
      first_name: null,
      last_name: null,
      phone: null,
      title: null,
      person_company_name: null,
      do_not_contact: false,
      tags: [],
      custom_fields: {},
      created_at: timestamp,
      updated_at: timestamp,
    };
    mergeInto(person, fields);
    this.people.set(person.id, person);
    this.indexPerson(person, "add");
    return structuredClone(person);
  }

  /** Merges fields into an existing person; undefined when the id is unknown. */
  update(id: number, fields: Readonly<Record<string, unknown>>, timestamp: string): Person | undefined {
    const person = this.people.get(id);
    if (person === undefined) return undefined;
    this.indexPerson(person, "delete");
    mergeInto(person, fields);
    this.indexPerson(person, "add");
    person.updated_at = timestamp;
    return structuredClone(person);
  }

  get(id: number): Person | undefined {
    const person = this.people.get(id);
    return person && structuredClone(person);
  }

  /** Exact, case-sensitive match on a stored field, as Salesloft matches the value it stored. */
  findBy(field: IndexedField, value: string): Person[] {
    const ids = [...(this.index.get(field)!.get(value) ?? [])].sort((a, b) => a - b);
    return ids.map((id) => structuredClone(this.people.get(id)!));
  }

  /** Copies of every person, sorted by id. */
  list(): Person[] {
    return [...this.people.values()].sort((a, b) => a.id - b.id).map((person) => structuredClone(person));
  }

  private indexPerson(person: Person, how: "add" | "delete"): void {
    for (const field of INDEXED) {
      const byValue = this.index.get(field)!;
      const value = person[field];
      if (value === null || value === undefined) continue;
      const ids = byValue.get(value) ?? new Set<number>();
      if (how === "add") byValue.set(value, ids.add(person.id));
      else if (ids.delete(person.id) && ids.size === 0) byValue.delete(value);
    }
  }

  reset(): void {
    this.people.clear();
    for (const byValue of this.index.values()) byValue.clear();
    this.nextId = FIRST_PERSON_ID;
  }
}

/**
 * Update semantics: a sent field overwrites; custom_fields merge key by key (null removes a key); tags replace the
 * whole set, since FACTS leaves replace-or-append open and replacing is what a PUT-like upsert usually does.
 */
function mergeInto(person: Person, fields: Readonly<Record<string, unknown>>): void {
  for (const [name, value] of Object.entries(fields)) {
    if (name === "custom_fields") person.custom_fields = mergeCustomFields(person.custom_fields, value);
    else if (name === "tags") person.tags = Array.isArray(value) ? [...(value as string[])] : [];
    else if (name === "do_not_contact") person.do_not_contact = value === true;
    else person[name] = value;
  }
}

function mergeCustomFields(current: Record<string, unknown>, sent: unknown): Record<string, unknown> {
  if (sent === null || typeof sent !== "object") return {};
  const merged = { ...current };
  for (const [name, value] of Object.entries(sent)) {
    if (value === null) delete merged[name];
    else merged[name] = value;
  }
  return merged;
}
