// The key that encrypts the secrets file, from SIGNAL_SECRET_KEY: a raw 256-bit key, or a passphrase run through scrypt.

import { scrypt, type ScryptOptions } from "node:crypto";

/** How the file's key was made; stored in the file so reading uses exactly what writing used. */
export type KeyDerivation =
  { readonly name: "raw" } | { readonly name: "scrypt"; readonly N: number; readonly r: number; readonly p: number };

// N = 2^15, r = 8: OWASP's scrypt baseline; about 0.1 s and 32 MiB per derivation, once per command.
export const SCRYPT_PARAMS = { name: "scrypt", N: 2 ** 15, r: 8, p: 1 } as const;

const MIN_PASSPHRASE_LENGTH = 12;

export class SecretKeyError extends Error {
  override readonly name = "SecretKeyError";
}

/**
 * Reads SIGNAL_SECRET_KEY. Exactly 64 hex characters, or base64 (standard or URL-safe) of exactly 32 bytes, is used
 * as the AES-256 key itself; anything else is a passphrase (at least 12 characters) from which scrypt derives the key
 * with the file's own random salt. The value is never echoed in an error.
 */
export function derivationFor(material: string): KeyDerivation {
  if (rawKey(material) !== undefined) return { name: "raw" };
  if (material.length < MIN_PASSPHRASE_LENGTH) {
    throw new SecretKeyError(
      `SIGNAL_SECRET_KEY is too short for a passphrase: use at least ${MIN_PASSPHRASE_LENGTH} characters, or a random key from \`openssl rand -hex 32\``,
    );
  }
  return SCRYPT_PARAMS;
}

/** The 32-byte key for `material` under `derivation`, salted with the file's salt. */
export async function deriveKey(material: string, derivation: KeyDerivation, salt: Buffer): Promise<Buffer> {
  if (derivation.name === "raw") {
    const key = rawKey(material);
    if (key === undefined) {
      throw new SecretKeyError(
        "the secrets file was written with a raw key, but SIGNAL_SECRET_KEY is not 64 hex characters or base64 of 32 bytes",
      );
    }
    return key;
  }
  const { N, r, p } = derivation;
  // The file's shape check bounds N and r (secrets/file-shape.ts), so maxmem is bounded too.
  const options: ScryptOptions = { N, r, p, maxmem: 256 * N * r };
  return new Promise((resolve, reject) => {
    scrypt(material, salt, 32, options, (error, key) =>
      error ? reject(new SecretKeyError(`scrypt failed: ${error.message}`)) : resolve(key),
    );
  });
}

function rawKey(material: string): Buffer | undefined {
  const value = material.trim();
  if (/^[0-9a-fA-F]{64}$/.test(value)) return Buffer.from(value, "hex");
  if (/^[A-Za-z0-9+/]{43}=?$/.test(value)) return exactly32(Buffer.from(value, "base64"));
  if (/^[A-Za-z0-9_-]{43}$/.test(value)) return exactly32(Buffer.from(value, "base64url"));
  return undefined;
}

function exactly32(bytes: Buffer): Buffer | undefined {
  return bytes.length === 32 ? bytes : undefined;
}
