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
