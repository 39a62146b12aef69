// Browser stand-in for the part of node:crypto the checker's bundle reaches (runtime/stdlib/hash.ts): sha256 and
// HMAC-SHA-256 of UTF-8 text, hex digests, synchronously, as the stdlib's functions need.

import { hmacSha256Bytes, sha256Bytes, toHex } from "./sha256.js";

const utf8 = (value: string | Uint8Array): Uint8Array =>
  typeof value === "string" ? new TextEncoder().encode(value) : value;

/** Collects update() calls and digests them once; only "sha256" and "hex" are supported, as the stdlib uses. */
class Digest {
  private readonly parts: Uint8Array[] = [];
  constructor(
    algorithm: string,
    private readonly key?: Uint8Array,
  ) {
    if (algorithm !== "sha256") throw new Error(`the browser build hashes only sha256, not ${algorithm}`);
  }
  update(data: string | Uint8Array): this {
    this.parts.push(utf8(data));
    return this;
  }
  digest(encoding: "hex"): string {
    const all = new Uint8Array(this.parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const part of this.parts) {
      all.set(part, at);
      at += part.length;
    }
    if (encoding !== "hex") throw new Error(`the browser build digests only to hex, not ${String(encoding)}`);
    return toHex(this.key === undefined ? sha256Bytes(all) : hmacSha256Bytes(this.key, all));
  }
}

export function createHash(algorithm: string): Digest {
  return new Digest(algorithm);
}

/** crypto.hash's one-shot form, as sha256Hex calls it. */
export function hash(algorithm: string, data: string | Uint8Array, encoding: "hex"): string {
  return new Digest(algorithm).update(data).digest(encoding);
}

export function createHmac(algorithm: string, key: string | Uint8Array): Digest {
  return new Digest(algorithm, utf8(key));
}
