// The dead-letter file: every event that ends failed, appended as its original input line so it can be replayed.

import { open, type FileHandle } from "node:fs/promises";

export interface DeadLetter {
  /** Appends one line (a newline is added); writes happen in call order. Bytes are written as they are. */
  append(line: string | Uint8Array): Promise<void>;
  close(): Promise<void>;
}

/** Opens `path` for appending (created with mode 0600 when new: failed events hold personal data). */
export async function openDeadLetter(path: string): Promise<DeadLetter> {
  const handle: FileHandle = await open(path, "a", 0o600);
  let queue: Promise<void> = Promise.resolve();
  return {
    append(line) {
      const bytes = typeof line === "string" ? Buffer.from(line, "utf8") : Buffer.from(line);
      const text = bytes[bytes.length - 1] === 10 ? bytes : Buffer.concat([bytes, Buffer.from("\n")]);
      const write = queue.then(() => handle.appendFile(text));
      queue = write.catch(() => undefined);
      return write;
    },
    async close() {
      await queue;
      await handle.close();
    },
  };
}

/** Collects lines in memory; for tests and for embedding. */
export function memoryDeadLetter(): DeadLetter & { readonly lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    append: async (line) => {
      lines.push(typeof line === "string" ? line : Buffer.from(line).toString("utf8"));
    },
    close: async () => undefined,
  };
}
