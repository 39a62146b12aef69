// One short phrase per file-system error, so every I/O failure of every command is one readable line.

import { open } from "node:fs/promises";
import { fstatSync, statSync } from "node:fs";
import type { Readable } from "node:stream";

const PHRASES: Readonly<Record<string, string>> = {
  ENOENT: "no such file",
  EISDIR: "it is a directory",
  EACCES: "permission denied",
  EPERM: "permission denied",
  ENOTDIR: "a part of the path is not a directory",
  ENOSPC: "no space left on the device",
  EIO: "input/output error",
  ELOOP: "too many symbolic links",
  ENAMETOOLONG: "the name is too long",
  EMFILE: "too many open files",
};

/** "no such file", "it is a directory", …; the system's message for anything else. */
export function ioProblem(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code !== undefined && PHRASES[code] !== undefined) return PHRASES[code];
  return error instanceof Error ? error.message : String(error);
}

/** True for an error the system raised about a file or stream (it has an errno code such as ENOENT). */
export function isSystemError(error: unknown): error is NodeJS.ErrnoException {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === "string" && /^E[A-Z0-9]+$/.test(code);
}

/**
 * Opens a file of events for reading, refusing a directory up front: opening one succeeds on Linux and the error
 * would only come with the first read, as an uncaught stack trace.
 */
export async function openEventsFile(path: string): Promise<Readable> {
  const handle = await open(path, "r");
  const stat = await handle.stat();
  if (stat.isDirectory()) {
    await handle.close();
    throw Object.assign(new Error("is a directory"), { code: "EISDIR" });
  }
  return handle.createReadStream();
}

/** True when both name the same existing file (hard links and symbolic links included); a number is an open fd. */
export function sameFile(a: string, b: string | number): boolean {
  try {
    const first = statSync(a);
    const second = typeof b === "number" ? fstatSync(b) : statSync(b);
    return first.dev === second.dev && first.ino === second.ino;
  } catch {
    return false;
  }
}
