// SIGINT/SIGTERM/SIGHUP as abort signals: the first asks for a graceful stop, the second for an immediate one.

import type { OutputStream } from "../io.js";

export interface Interrupts {
  /** Aborted by the first SIGINT/SIGTERM (or by `external`). */
  readonly stop: AbortSignal;
  /** Aborted by the second. */
  readonly force: AbortSignal;
  /** Removes the process listeners. */
  dispose(): void;
}

export function interruptSignals(stderr: OutputStream, external?: AbortSignal): Interrupts {
  const stop = new AbortController();
  const force = new AbortController();
  const onSignal = (): void => {
    if (!stop.signal.aborted) {
      stderr.write(
        "\ninterrupted: no new events are read; waiting up to 10 s for requests on the wire (Ctrl-C again to stop now)\n",
      );
      stop.abort();
    } else {
      force.abort();
    }
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  // A closed terminal (SIGHUP) would otherwise kill the process at once, like kill -9: treat it as SIGTERM.
  process.on("SIGHUP", onSignal);
  const onExternal = (): void => stop.abort();
  if (external?.aborted) stop.abort();
  else external?.addEventListener("abort", onExternal, { once: true });
  return {
    stop: stop.signal,
    force: force.signal,
    dispose: () => {
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
      process.off("SIGHUP", onSignal);
      external?.removeEventListener("abort", onExternal);
    },
  };
}
