// The encrypted secrets file: AES-256-GCM over a JSON map, a fresh IV and salt per write, written 0600 atomically.

import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { chmod, mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { dirname, join, basename } from "node:path";
import { deriveKey, derivationFor, SecretKeyError, type KeyDerivation } from "./encryption-key.js";
import { shapeProblem } from "./file-shape.js";

/** integration → setting name → value. */
export type SecretsMap = Record<string, Record<string, string>>;

const FORMAT = "signal-map-secrets";
const VERSION = 1;

interface SecretsFile {
  readonly format: typeof FORMAT;
  readonly version: typeof VERSION;
  readonly kdf: KeyDerivation;
  readonly salt: string;
  readonly iv: string;
  readonly tag: string;
  readonly ciphertext: string;
}

export class SecretsFileError extends Error {
  override readonly name = "SecretsFileError";
}

/** The secrets in `path`; an empty map when the file does not exist. Throws SecretsFileError or SecretKeyError. */
export async function loadSecrets(path: string, material: string | undefined): Promise<SecretsMap> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    if ((error as { code?: string }).code === "ENOENT") return {};
    throw new SecretsFileError(`cannot read ${path}: ${(error as { code?: string }).code ?? String(error)}`);
  }
  const file = parseFile(text, path);
  const key = await deriveKey(requireMaterial(material), file.kdf, Buffer.from(file.salt, "base64"));
  return decrypt(file, key, path);
}

/** Encrypts `secrets` into `path` (directory created 0700, file 0600), replacing it atomically. */
export async function saveSecrets(path: string, material: string | undefined, secrets: SecretsMap): Promise<void> {
  const passphrase = requireMaterial(material);
  const kdf = derivationFor(passphrase);
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const key = await deriveKey(passphrase, kdf, salt);
  const header = { format: FORMAT, version: VERSION, kdf, salt: salt.toString("base64") } as const;
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(JSON.stringify(header)));
  const ciphertext = Buffer.concat([cipher.update(JSON.stringify({ secrets }), "utf8"), cipher.final()]);
  const file: SecretsFile = {
    ...header,
    iv: iv.toString("base64"),
    tag: cipher.getAuthTag().toString("base64"),
    ciphertext: ciphertext.toString("base64"),
  };
  await writePrivately(path, `${JSON.stringify(file, null, 2)}\n`);
}

export function lookupSecret(secrets: SecretsMap, integration: string, name: string): string | undefined {
  const value = secrets[integration]?.[name];
  return typeof value === "string" ? value : undefined;
}

/** "integration.name" for every stored secret, sorted; never the values. */
export function secretNames(secrets: SecretsMap): string[] {
  return Object.entries(secrets)
    .flatMap(([integration, names]) => Object.keys(names).map((name) => `${integration}.${name}`))
    .sort();
}

function requireMaterial(material: string | undefined): string {
  if (material === undefined || material.trim() === "") {
    throw new SecretKeyError(
      "SIGNAL_SECRET_KEY is not set: export a key (64 hex characters, e.g. from `openssl rand -hex 32`) or a passphrase of at least 12 characters",
    );
  }
  return material;
}

function parseFile(text: string, path: string): SecretsFile {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new SecretsFileError(`${path} is not a signal-map secrets file (not JSON)`);
  }
  const file = value as Partial<SecretsFile> | null;
  if (file === null || typeof file !== "object" || file.format !== FORMAT) {
    throw new SecretsFileError(`${path} is not a signal-map secrets file`);
  }
  if (file.version !== VERSION)
    throw new SecretsFileError(`${path} has version ${String(file.version)}; this signal-map reads version ${VERSION}`);
  // Every field is checked before a key is derived, so an edited header costs no time or memory; the reason stays
  // internal: one documented message for any damage.
  if (shapeProblem(file) !== undefined) throw damaged(path);
  return file as SecretsFile;
}

/** The one error for a file whose structure or header was changed (docs/delivery.md, "The secrets file"). */
function damaged(path: string): SecretsFileError {
  return new SecretsFileError(
    `${path} is damaged or was altered: restore it from a backup, or delete it and store the secrets again with \`signal-map secrets set\``,
  );
}

function decrypt(file: SecretsFile, key: Buffer, path: string): SecretsMap {
  const header = { format: file.format, version: file.version, kdf: file.kdf, salt: file.salt };
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(file.iv, "base64"));
    decipher.setAAD(Buffer.from(JSON.stringify(header)));
    decipher.setAuthTag(Buffer.from(file.tag, "base64"));
    const plain = Buffer.concat([decipher.update(Buffer.from(file.ciphertext, "base64")), decipher.final()]).toString(
      "utf8",
    );
    return readMap((JSON.parse(plain) as { secrets?: unknown }).secrets);
  } catch {
    // GCM's tag check failed (or the content is not ours): a wrong key and a tampered file look the same.
    throw new SecretsFileError(
      `cannot decrypt ${path}: SIGNAL_SECRET_KEY is not the key it was written with, or the file was altered`,
    );
  }
}

function readMap(value: unknown): SecretsMap {
  const map: SecretsMap = {};
  if (!value || typeof value !== "object") return map;
  for (const [integration, names] of Object.entries(value as Record<string, unknown>)) {
    if (!names || typeof names !== "object") continue;
    const kept = Object.entries(names as Record<string, unknown>).filter(
      (entry): entry is [string, string] => typeof entry[1] === "string",
    );
    if (kept.length > 0) map[integration] = Object.fromEntries(kept);
  }
  return map;
}

async function writePrivately(path: string, text: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  try {
    await writeFile(temporary, text, { mode: 0o600, flag: "wx" });
    // The mode given to open is masked by the umask; set it outright.
    await chmod(temporary, 0o600);
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw new SecretsFileError(`cannot write ${path}: ${(error as { code?: string }).code ?? String(error)}`);
  }
}

export { SecretKeyError };
