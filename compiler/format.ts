// Formatting generated code with prettier, the last step of code generation.

/** The project's prettier settings, fixed here so output is byte-identical whatever config sits near the file. */
const OPTIONS = { parser: "typescript", printWidth: 120 } as const;

/** prettier is loaded on first use: `check` never formats, and loading prettier costs more than checking a preset. */
export async function formatTypeScript(code: string): Promise<string> {
  const { format } = await import("prettier");
  return format(code, OPTIONS);
}
