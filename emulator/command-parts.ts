// Pieces every emulator command shares: reading numbers and shares, stopping on a signal, explaining a failed start.

/** Resolves on SIGINT, SIGTERM or the abort signal, and removes its listeners so nothing leaks into the process. */
export function stopRequested(signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      signal?.removeEventListener("abort", stop);
      resolve();
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
    if (signal?.aborted) stop();
    else signal?.addEventListener("abort", stop);
  });
}

export function describeStartFailure(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === "EADDRINUSE") return "that port is already in use; pick another with --port";
  if (code === "EACCES") return "no permission to listen on that port; pick one above 1023";
  return `could not start: ${error instanceof Error ? error.message : String(error)}`;
}

export function splitInline(arg: string): [string, string | undefined] {
  const equals = arg.indexOf("=");
  return arg.startsWith("--") && equals > 0 ? [arg.slice(0, equals), arg.slice(equals + 1)] : [arg, undefined];
}

export function integerIn(text: string, min: number, max: number): number | undefined {
  if (!/^\d+$/.test(text.trim())) return undefined;
  const value = Number(text);
  return value >= min && value <= max ? value : undefined;
}

export function shareOf(text: string): number | undefined {
  const value = Number(text);
  return text.trim() !== "" && value >= 0 && value <= 1 ? value : undefined;
}

/** A flag that takes a value: the option it sets, and how its text is read (undefined when it is not valid). */
export type ValueFlag<Options> = { readonly option: keyof Options; readonly read: (text: string) => unknown };

export type ParsedFlags<Options> =
  | { readonly ok: true; readonly help: boolean; readonly options: Options }
  | { readonly ok: false; readonly message: string };

/**
 * An emulator command's arguments: `--help`, `--retry-after` (a switch every emulator has) and the value flags, given
 * as `--flag value` or `--flag=value`. The first unknown flag or unreadable value is the answer.
 */
export function parseFlags<Options>(
  argv: readonly string[],
  valueFlags: Readonly<Record<string, ValueFlag<Options>>>,
): ParsedFlags<Options> {
  const options: Record<string, unknown> = {};
  for (let index = 0; index < argv.length; index++) {
    const [flag, inline] = splitInline(argv[index]!);
    if (flag === "--help" || flag === "-h") return { ok: true, help: true, options: {} as Options };
    if (flag === "--retry-after") {
      options.retryAfterHeader = true;
      continue;
    }
    const spec = valueFlags[flag];
    if (spec === undefined) return { ok: false, message: `unknown option ${flag}` };
    const text = inline ?? argv[++index];
    const value = text === undefined ? undefined : spec.read(text);
    if (value === undefined) return { ok: false, message: `${flag} needs a valid value, got ${text ?? "nothing"}` };
    options[spec.option as string] = value;
  }
  return { ok: true, help: false, options: options as Options };
}
