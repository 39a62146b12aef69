// GET /v2/people: the stored people, sorted by id, optionally filtered by email address or id, paged.

import { pageOf, readPageRequest } from "./paging.js";
import { jsonReply, type Reply } from "../../../emulator/replies.js";
import type { PersonStore } from "./store.js";

export function listPeople(store: PersonStore, query: URLSearchParams): Reply {
  const emails = listParameter(query, "email_addresses");
  const ids = listParameter(query, "ids").map(Number);
  // Filtered by email through the store's index, rather than a scan of every person.
  const byEmail = [...new Set(emails)].flatMap((email) => store.findBy("email_address", email));
  const candidates = emails.length === 0 ? store.list() : byEmail.sort((a, b) => a.id - b.id);
  const people = candidates.filter((person) => ids.length === 0 || ids.includes(person.id));
  return jsonReply(200, pageOf(people, readPageRequest(query)));
}

/** Rails-style `name[]=a&name[]=b`; a plain `name=a,b` is accepted too, as a convenience for hand-written URLs. */
function listParameter(query: URLSearchParams, name: string): string[] {
  const bracketed = query.getAll(`${name}[]`);
  const plain = query.getAll(name).flatMap((value) => value.split(","));
  return [...bracketed, ...plain].filter((value) => value !== "");
}
