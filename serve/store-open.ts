// A store that cannot be opened, told as a config problem: which store, and why (libsql says only "14").

import { statSync } from "node:fs";
import { dirname } from "node:path";

/** Why the store the config names could not be opened, naming "store", in words an operator can act on. */
export function storeOpenProblem(url: string, error: unknown): string {
  const message = (error as Error).message;
  if (!url.startsWith("sqlite:")) return `"store": ${message}`;
  return `"store" (${url}): ${sqliteReason(url.slice("sqlite:".length), message)}`;
}

/** libsql says only "Unable to open connection … : 14" (SQLITE_CANTOPEN); the file system says why. */
function sqliteReason(path: string, message: string): string {
  const folder = dirname(path);
  const kind = (p: string) => {
    try {
      return statSync(p).isDirectory() ? "folder" : "file";
    } catch {
      return "missing";
    }
  };
  if (kind(folder) === "missing") {
    return `the folder ${folder} does not exist: create it, owned by the service's user`;
  }
  if (kind(path) === "folder") return `${path} is a folder, not a database file`;
  if (/Unable to open connection/.test(message)) {
    return `cannot open it: check that the service's user may write to ${folder} and that it is not read-only`;
  }
  return `cannot open it: ${message}`;
}
