// `signal-map secrets set|list|delete`: keep credentials in an encrypted file instead of settings files or shells.

import { secretsFilePath } from "../../secrets/location.js";
import { loadSecrets, saveSecrets, secretNames, type SecretsMap } from "../../secrets/secrets-file.js";
import { parseArgs, type ArgSpec } from "../args.js";
import { EXIT, type CliIO, type Command } from "../io.js";
import { readSecretValue } from "./secret-input.js";
import { usageError } from "../usage.js";
import { shippedSettings, undeclaredProblem } from "./shipped-settings.js";

export const SECRETS_HELP = `Usage: signal-map secrets set INTEGRATION NAME     read the value from standard input and store it
       signal-map secrets list                      show the stored names (never the values)
       signal-map secrets delete INTEGRATION NAME   remove one

INTEGRATION and NAME must be declared by a shipped preset (a typo is refused with a suggestion).

Stores credentials such as an integration's API key encrypted (AES-256-GCM) in a file written with mode 0600:
  echo "$KEY" | signal-map secrets set INTEGRATION api_key     (or type it: nothing is echoed)
\`signal-map deliver\` reads a setting from this file when neither --settings nor the environment
(<INTEGRATION>_<SETTING>, e.g. ACME_API_KEY) gives it. The value is never taken from the command line, where shells keep history.

The encryption key comes from SIGNAL_SECRET_KEY: 64 hex characters or base64 of 32 bytes are used as the key
itself (make one with \`openssl rand -hex 32\`); anything else is a passphrase (12 characters or more) from which
scrypt derives the key with a random salt stored in the file. Keep SIGNAL_SECRET_KEY out of the project.

Options:
  --secrets-file PATH  the file (default: $SIGNAL_SECRETS_FILE, else .signal-map/secrets.json in this folder)
  --help               show this help

Exit: 0 done; 1 delete of a name that is not stored; 2 usage, a missing or wrong SIGNAL_SECRET_KEY, or a file
that cannot be read or written.`;

const SPEC: ArgSpec = { flags: [], options: ["secrets-file"] };
const NAME = /^[A-Za-z][A-Za-z0-9_-]*$/;

export const secretsCommand: Command = async (argv, io) => {
  const args = parseArgs(argv, SPEC);
  if (args.help) {
    io.stdout.write(`${SECRETS_HELP}\n`);
    return EXIT.ok;
  }
  const [action, ...names] = args.positional;
  const problem = args.error ?? usageProblem(action, names);
  if (problem !== undefined) {
    return usageError(io, "secrets", problem, SECRETS_HELP);
  }
  const path = secretsFilePath(args.options.get("secrets-file"), io.env, io.cwd);
  try {
    if (action === "list") return await listSecrets(path, io);
    if (action === "set") return await setSecret(path, names[0]!, names[1]!, io);
    return await deleteSecret(path, names[0]!, names[1]!, io);
  } catch (error) {
    io.stderr.write(`signal-map secrets: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT.usage;
  }
};

function usageProblem(action: string | undefined, names: readonly string[]): string | undefined {
  if (action === "list") return names.length === 0 ? undefined : "list takes no names";
  if (action !== "set" && action !== "delete")
    return `name an action: set, list or delete${action ? ` (got ${JSON.stringify(action)})` : ""}`;
  if (names.length !== 2)
    return `${action} needs an integration and a setting name, e.g. \`secrets ${action} INTEGRATION api_key\``;
  const bad = names.find((name) => !NAME.test(name));
  // Someone may paste the key where a name goes: say the argument is wrong without echoing it.
  return bad === undefined
    ? undefined
    : "names are letters, digits, _ and -, starting with a letter; the value is read from standard input, never from the command line";
}

async function listSecrets(path: string, io: CliIO): Promise<number> {
  const names = secretNames(await loadSecrets(path, io.env["SIGNAL_SECRET_KEY"]));
  if (names.length === 0) io.stderr.write(`no secrets stored in ${path}\n`);
  for (const name of names) io.stdout.write(`${name}\n`);
  return EXIT.ok;
}

async function setSecret(path: string, integration: string, name: string, io: CliIO): Promise<number> {
  // A typo would be stored silently and `deliver` would then say the setting is missing.
  const undeclared = undeclaredProblem(await shippedSettings(), integration, name);
  if (undeclared !== undefined) {
    io.stderr.write(`signal-map secrets: ${undeclared}; nothing was stored\n`);
    return EXIT.usage;
  }
  const key = io.env["SIGNAL_SECRET_KEY"];
  const secrets: SecretsMap = await loadSecrets(path, key);
  const value = await readSecretValue(io.stdin, io.stderr, `${integration}.${name}`);
  if (value === undefined) {
    io.stderr.write("signal-map secrets: cancelled; nothing was stored\n");
    return EXIT.usage;
  }
  if (value === "") {
    io.stderr.write(`signal-map secrets: no value on standard input for ${integration}.${name}; nothing was stored\n`);
    return EXIT.usage;
  }
  secrets[integration] = { ...secrets[integration], [name]: value };
  await saveSecrets(path, key, secrets);
  io.stderr.write(`stored ${integration}.${name} (encrypted) in ${path}\n`);
  return EXIT.ok;
}

async function deleteSecret(path: string, integration: string, name: string, io: CliIO): Promise<number> {
  const key = io.env["SIGNAL_SECRET_KEY"];
  const secrets = await loadSecrets(path, key);
  if (secrets[integration]?.[name] === undefined) {
    io.stderr.write(`signal-map secrets: ${integration}.${name} is not stored in ${path}\n`);
    return EXIT.errors;
  }
  const { [name]: _removed, ...rest } = secrets[integration]!;
  if (Object.keys(rest).length > 0) secrets[integration] = rest;
  else delete secrets[integration];
  await saveSecrets(path, key, secrets);
  io.stderr.write(`deleted ${integration}.${name} from ${path}\n`);
  return EXIT.ok;
}
