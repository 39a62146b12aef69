// Formatting generated code with prettier, the last step of code generation.

import { format } from "prettier";

/** The project's prettier settings, fixed here so output is byte-identical whatever config sits near the file. */
const OPTIONS = { parser: "typescript", printWidth: 120 } as const;

export async function formatTypeScript(code: string): Promise<string> {
  return format(code, OPTIONS);
}
