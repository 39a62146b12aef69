// Where the secrets file lives: --secrets-file, else SIGNAL_SECRETS_FILE, else .signal-map/secrets.json in the cwd.

import { isAbsolute, resolve } from "node:path";

export const DEFAULT_SECRETS_FILE = ".signal-map/secrets.json";

export function secretsFilePath(
  flag: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
  cwd: string,
): string {
  const chosen = flag ?? (env["SIGNAL_SECRETS_FILE"]?.trim() || undefined) ?? DEFAULT_SECRETS_FILE;
  return isAbsolute(chosen) ? chosen : resolve(cwd, chosen);
}
