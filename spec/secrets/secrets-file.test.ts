import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadSecrets, saveSecrets, secretNames } from "../../secrets/secrets-file.js";
import { secretsFilePath } from "../../secrets/location.js";

const HEX_KEY = "0f".repeat(32);
const BASE64_KEY = Buffer.alloc(32, 7).toString("base64");
const PASSPHRASE = "correct horse battery staple";
const SECRET = "sk-live-very-secret-value-123";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "signal-map-secrets-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("the secrets file", () => {
  it.each([
    ["64 hex characters", HEX_KEY],
    ["base64 of 32 bytes", BASE64_KEY],
    ["a passphrase (scrypt)", PASSPHRASE],
  ])("round-trips with a key given as %s, never holding the value in plain text", async (_, key) => {
    const path = join(dir, "nested", "secrets.json");
    await saveSecrets(path, key, { salesloft: { api_key: SECRET } });
    expect(await loadSecrets(path, key)).toEqual({ salesloft: { api_key: SECRET } });
    expect(await readFile(path, "utf8")).not.toContain(SECRET);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
  });

  it("uses a fresh IV on every write", async () => {
    const path = join(dir, "s.json");
    await saveSecrets(path, HEX_KEY, { salesloft: { api_key: SECRET } });
    const first = JSON.parse(await readFile(path, "utf8"));
    await saveSecrets(path, HEX_KEY, { salesloft: { api_key: SECRET } });
    const second = JSON.parse(await readFile(path, "utf8"));
    expect(Buffer.from(first.iv, "base64")).toHaveLength(12);
    expect(second.iv).not.toBe(first.iv);
    expect(second.ciphertext).not.toBe(first.ciphertext);
  });

  it("refuses a wrong key and a tampered file alike", async () => {
    const path = join(dir, "s.json");
    await saveSecrets(path, HEX_KEY, { salesloft: { api_key: SECRET } });
    await expect(loadSecrets(path, "1e".repeat(32))).rejects.toThrow(
      /cannot decrypt .*not the key it was written with, or the file was altered/,
    );
    const file = JSON.parse(await readFile(path, "utf8"));
    const bytes = Buffer.from(file.ciphertext, "base64");
    bytes[0] ^= 1;
    await writeFile(path, JSON.stringify({ ...file, ciphertext: bytes.toString("base64") }));
    await expect(loadSecrets(path, HEX_KEY)).rejects.toThrow(/cannot decrypt/);
  });

  it("detects a changed key derivation in the header", async () => {
    const path = join(dir, "s.json");
    await saveSecrets(path, PASSPHRASE, { salesloft: { api_key: SECRET } });
    const file = JSON.parse(await readFile(path, "utf8"));
    await writeFile(path, JSON.stringify({ ...file, kdf: { ...file.kdf, N: 1024 } }));
    await expect(loadSecrets(path, PASSPHRASE)).rejects.toThrow(/cannot decrypt/);
  });

  it("explains a missing or unusable SIGNAL_SECRET_KEY without echoing it", async () => {
    const path = join(dir, "s.json");
    await expect(saveSecrets(path, undefined, {})).rejects.toThrow(/SIGNAL_SECRET_KEY is not set/);
    await expect(saveSecrets(path, "short-pw", {})).rejects.toThrow(/too short for a passphrase/);
    await saveSecrets(path, HEX_KEY, {});
    await expect(loadSecrets(path, PASSPHRASE)).rejects.toThrow(/written with a raw key/);
    await expect(loadSecrets(path, PASSPHRASE)).rejects.not.toThrow(PASSPHRASE);
  });

  it("reads as empty when there is no file yet, and lists names only", async () => {
    expect(await loadSecrets(join(dir, "absent.json"), undefined)).toEqual({});
    expect(secretNames({ salesloft: { api_key: SECRET }, hubspot: { token: SECRET } })).toEqual([
      "hubspot.token",
      "salesloft.api_key",
    ]);
  });
});

describe("secretsFilePath", () => {
  it("prefers --secrets-file, then SIGNAL_SECRETS_FILE, then .signal-map/secrets.json in the cwd", () => {
    expect(secretsFilePath("mine.json", { SIGNAL_SECRETS_FILE: "/env.json" }, "/project")).toBe("/project/mine.json");
    expect(secretsFilePath(undefined, { SIGNAL_SECRETS_FILE: "/env.json" }, "/project")).toBe("/env.json");
    expect(secretsFilePath(undefined, {}, "/project")).toBe("/project/.signal-map/secrets.json");
  });
});

describe("a tampered or malformed secrets file", () => {
  const DAMAGED = /is damaged or was altered: restore it from a backup, or delete it and store the secrets again/;

  async function withHeader(change: (file: Record<string, unknown>) => Record<string, unknown>): Promise<string> {
    const path = join(dir, "s.json");
    await saveSecrets(path, PASSPHRASE, { salesloft: { api_key: SECRET } });
    await writeFile(path, JSON.stringify(change(JSON.parse(await readFile(path, "utf8")))));
    return path;
  }

  it("refuses scrypt parameters beyond the bounds before deriving anything (no 4 GB derivation)", async () => {
    for (const kdf of [
      { name: "scrypt", N: 4194304, r: 8, p: 1 },
      { name: "scrypt", N: 2 ** 15, r: 64, p: 1 },
      { name: "scrypt", N: 2 ** 15, r: 8, p: 16 },
    ]) {
      const path = await withHeader((file) => ({ ...file, kdf }));
      await expect(loadSecrets(path, PASSPHRASE), JSON.stringify(kdf)).rejects.toThrow(DAMAGED);
    }
  });

  it("gives the same documented error, never a raw Node error, for malformed values", async () => {
    const changes: ((file: Record<string, unknown>) => Record<string, unknown>)[] = [
      (file) => ({ ...file, kdf: { name: "scrypt", N: "abc", r: 8, p: 1 } }),
      (file) => ({ ...file, kdf: { name: "scrypt", N: 3, r: 8, p: 1 } }),
      (file) => ({ ...file, kdf: { name: "scrypt", N: -1, r: 8, p: 1 } }),
      (file) => ({ ...file, kdf: { name: "scrypt", N: 1.5, r: 8, p: 1 } }),
      (file) => ({ ...file, kdf: { name: "scrypt", N: 2 ** 15, r: 8, p: 1, maxmem: 1e12 } }),
      (file) => ({ ...file, kdf: null }),
      (file) => ({ ...file, salt: "" }),
      (file) => ({ ...file, iv: "AAAA" }),
      (file) => ({ ...file, tag: "not base64 at all!" }),
      (file) => ({ ...file, ciphertext: 12 }),
    ];
    for (const change of changes) {
      const path = await withHeader(change);
      await expect(loadSecrets(path, PASSPHRASE), change.toString()).rejects.toThrow(DAMAGED);
    }
  });
});
