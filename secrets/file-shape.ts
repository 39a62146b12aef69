// The secrets file's structure, checked field by field before any key is derived: a tampered header costs nothing.

import type { KeyDerivation } from "./encryption-key.js";

/**
 * scrypt parameters accepted when reading: N a power of two from 2^10 to 2^17, r 1–16, p 1–4, and at most 64 MiB of
 * memory (128·N·r). The program writes N = 2^15, r = 8, p = 1 (32 MiB); anything outside these bounds can only come
 * from an edited file, and deriving with it could cost minutes and gigabytes before the tag check fails.
 */
export const SCRYPT_BOUNDS = { minLogN: 10, maxLogN: 17, maxR: 16, maxP: 4, maxMemory: 64 * 1024 * 1024 } as const;

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const FIELDS = ["format", "version", "kdf", "salt", "iv", "tag", "ciphertext"];

/** The reason a parsed file is not a well-formed secrets file, or undefined when every field is as written. */
export function shapeProblem(value: unknown): string | undefined {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return "not a JSON object";
  const file = value as Record<string, unknown>;
  const extra = Object.keys(file).find((key) => !FIELDS.includes(key));
  if (extra !== undefined) return `unexpected field ${JSON.stringify(extra)}`;
  if (!validKdf(file["kdf"])) return "bad kdf";
  if (!bytesOf(file["salt"], 16, 16)) return "bad salt";
  if (!bytesOf(file["iv"], 12, 12)) return "bad iv";
  if (!bytesOf(file["tag"], 16, 16)) return "bad tag";
  if (!bytesOf(file["ciphertext"], 1, 16 * 1024 * 1024)) return "bad ciphertext";
  return undefined;
}

function validKdf(value: unknown): value is KeyDerivation {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return false;
  const kdf = value as Record<string, unknown>;
  const keys = Object.keys(kdf).sort().join(",");
  if (kdf["name"] === "raw") return keys === "name";
  if (kdf["name"] !== "scrypt" || keys !== "N,name,p,r") return false;
  const { N, r, p } = kdf;
  if (!isWhole(N) || !isWhole(r) || !isWhole(p)) return false;
  const logN = Math.log2(N);
  return (
    Number.isInteger(logN) &&
    logN >= SCRYPT_BOUNDS.minLogN &&
    logN <= SCRYPT_BOUNDS.maxLogN &&
    r >= 1 &&
    r <= SCRYPT_BOUNDS.maxR &&
    p >= 1 &&
    p <= SCRYPT_BOUNDS.maxP &&
    128 * N * r <= SCRYPT_BOUNDS.maxMemory
  );
}

function isWhole(value: unknown): value is number {
  return typeof value === "number" && Number.isSafeInteger(value);
}

/** True when `value` is canonical base64 of between `min` and `max` bytes. */
function bytesOf(value: unknown, min: number, max: number): boolean {
  if (typeof value !== "string" || value.length % 4 !== 0 || !BASE64.test(value)) return false;
  const bytes = Buffer.from(value, "base64");
  return bytes.length >= min && bytes.length <= max && bytes.toString("base64") === value;
}
