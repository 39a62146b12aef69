// Opens the store a config names: `sqlite:PATH` (the embedded default) or a `postgres://` URL.

import { openPostgresStore } from "./postgres-store.js";
import { openSqliteStore } from "./sqlite-store.js";
import type { Store } from "./store.js";

export async function openStore(url: string): Promise<Store> {
  if (url.startsWith("sqlite:")) return openSqliteStore(url.slice("sqlite:".length));
  return openPostgresStore(url);
}
