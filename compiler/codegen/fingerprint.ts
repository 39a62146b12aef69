// What a prebuilt module's fingerprint covers: the .map source's bytes and the bytes of every file the checker read
// (request schemas and the files they $ref), each named by its path relative to the .map file's folder.

import { createHash } from "node:crypto";
import { basename, dirname, relative, resolve } from "node:path";

/** The files behind a module, in the order they were read (the .map file first), and the SHA-256 of their bytes. */
export interface Fingerprint {
  readonly files: readonly string[];
  readonly sha256: string;
}

/** One covered file: its path relative to the .map file's folder, and its bytes (undefined when it did not exist). */
export interface CoveredFile {
  readonly path: string;
  readonly bytes: Uint8Array | undefined;
}

/** SHA-256 over each file's path, its length (or absence) and its bytes, so no two lists of files hash alike. */
export function fingerprintOf(files: readonly CoveredFile[]): Fingerprint {
  const hash = createHash("sha256");
  for (const { path, bytes } of files) {
    hash.update(path).update("\0");
    if (bytes === undefined) hash.update("absent\0");
    else hash.update(`${bytes.length}\0`).update(bytes);
  }
  return { files: files.map((f) => f.path), sha256: hash.digest("hex") };
}

/** A path relative to the .map file's folder, with forward slashes, as recorded in the module. */
export function pathFromMap(mapFile: string, absolute: string): string {
  return relative(dirname(resolve(mapFile)), absolute)
    .split("\\")
    .join("/");
}

/**
 * Wraps a compiler readFile so every file it is asked for is recorded; `fingerprint()` then covers the source and
 * those files, with the text re-encoded as UTF-8 (equal to the bytes on disk for any file that is valid UTF-8; a file
 * that is not simply never matches, so its preset is compiled afresh).
 */
export function recordingReader(
  mapFile: string,
  source: string,
  read: (absolutePath: string) => string | undefined,
): { readFile: (absolutePath: string) => string | undefined; fingerprint: () => Fingerprint } {
  const seen = new Map<string, CoveredFile>();
  const readFile = (absolutePath: string) => {
    const text = read(absolutePath);
    const path = pathFromMap(mapFile, absolutePath);
    if (!seen.has(path)) seen.set(path, { path, bytes: text === undefined ? undefined : Buffer.from(text, "utf8") });
    return text;
  };
  const fingerprint = () =>
    fingerprintOf([{ path: basename(mapFile), bytes: Buffer.from(source, "utf8") }, ...seen.values()]);
  return { readFile, fingerprint };
}
