// The journal beside a dead-letter file: where each dead letter came from, and the latest event delivered per person,
// so replaying dead letters never lets an event overwrite a later one of the same person that already landed.

import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { open, type FileHandle } from "node:fs/promises";

/** Where an event stands in the order of everything delivered through one dead-letter chain: run, then input line. */
export interface Position {
  readonly run: number;
  readonly line: number;
}

/** One line of the journal (JSON). Order keys are kept only as SHA-256 hashes. */
type JournalRecord =
  | { readonly run: number }
  | { readonly delivered: string; readonly run: number; readonly line: number }
  | { readonly dead: number; readonly key: string | null; readonly run: number; readonly line: number };

export const journalPathOf = (deadLetterPath: string): string => `${deadLetterPath}.journal`;

export const isLater = (a: Position, b: Position): boolean => a.run > b.run || (a.run === b.run && a.line > b.line);

/** What a journal says: the latest delivered position per hashed key, the origin of each dead-letter line. */
export class JournalFacts {
  readonly delivered = new Map<string, Position>();
  readonly origins = new Map<number, { key: string | null; position: Position }>();
  lastRun = 0;

  static read(path: string): JournalFacts {
    const facts = new JournalFacts();
    if (!existsSync(path)) return facts;
    for (const text of readFileSync(path, "utf8").split("\n")) {
      const record = parseRecord(text);
      if (record !== undefined) facts.add(record);
    }
    return facts;
  }

  add(record: JournalRecord): void {
    this.lastRun = Math.max(this.lastRun, record.run);
    if ("delivered" in record) this.markDelivered(record.delivered, record);
    else if ("dead" in record) this.origins.set(record.dead, { key: record.key, position: record });
  }

  markDelivered(key: string, position: Position): void {
    const known = this.delivered.get(key);
    if (known === undefined || isLater(position, known))
      this.delivered.set(key, { run: position.run, line: position.line });
  }
}

function parseRecord(text: string): JournalRecord | undefined {
  try {
    const value = JSON.parse(text) as Record<string, unknown>;
    const whole = (n: unknown) => Number.isSafeInteger(n) && (n as number) >= 0;
    if (typeof value !== "object" || value === null || !whole(value.run)) return undefined;
    if ("line" in value && !whole(value.line)) return undefined;
    return value as JournalRecord;
  } catch {
    return undefined;
  }
}

export const hashKey = (orderKey: string): string => createHash("sha256").update(orderKey).digest("hex");

/**
 * The run's view: positions of input lines (a replayed dead letter keeps its original position), superseded checks
 * against everything delivered before, and the records this run appends to its own dead-letter file's journal.
 */
export class ReplayJournal {
  private deadLines: number;
  /** Hashed keys of people with a dead letter in either file: only their deliveries need recording. */
  private readonly deadKeys = new Set<string>();

  private constructor(
    private readonly handle: FileHandle,
    private readonly facts: JournalFacts,
    private readonly input: JournalFacts,
    readonly run: number,
    deadLetterLines: number,
  ) {
    this.deadLines = deadLetterLines;
    for (const origins of [facts.origins, input.origins]) {
      for (const { key } of origins.values()) if (key !== null) this.deadKeys.add(key);
    }
  }

  /** Opens the journal of `deadLetterPath`, reading the input's journal when the input is a dead-letter file. */
  static async open(deadLetterPath: string, inputPath: string | undefined): Promise<ReplayJournal> {
    const path = journalPathOf(deadLetterPath);
    const facts = JournalFacts.read(path);
    const input = inputPath === undefined ? new JournalFacts() : JournalFacts.read(journalPathOf(inputPath));
    const run = Math.max(facts.lastRun, input.lastRun) + 1;
    const handle = await open(path, "a", 0o600);
    const journal = new ReplayJournal(handle, facts, input, run, countLines(deadLetterPath));
    // What the input's chain delivered carries over, so replaying this dead-letter file later knows it too.
    const carried: JournalRecord[] = [{ run }];
    for (const [key, position] of input.delivered) {
      facts.markDelivered(key, position);
      carried.push({ delivered: key, ...position });
    }
    await journal.write(carried);
    return journal;
  }

  /** The position of input line `line`: its origin when it is a dead letter this chain wrote, else this run's. */
  positionOf(line: number): Position {
    return this.input.origins.get(line)?.position ?? { run: this.run, line };
  }

  /** The later delivered position of this person, when `position` is superseded by it. */
  supersededBy(orderKey: string, position: Position): Position | undefined {
    const latest = this.facts.delivered.get(hashKey(orderKey));
    return latest !== undefined && isLater(latest, position) ? latest : undefined;
  }

  /** Records a delivery, for a person who has a dead letter (no other delivery can supersede one). */
  delivered(orderKey: string, position: Position): void {
    const key = hashKey(orderKey);
    if (!this.deadKeys.has(key)) return;
    this.facts.markDelivered(key, position);
    void this.write([{ delivered: key, ...position }]);
  }

  /** Call once per dead letter, in the order the lines are appended to the dead-letter file. */
  deadLettered(orderKey: string | undefined, position: Position): void {
    this.deadLines += 1;
    const key = orderKey === undefined ? null : hashKey(orderKey);
    if (key !== null) this.deadKeys.add(key);
    void this.write([{ dead: this.deadLines, key, ...position }]);
  }

  private queue: Promise<void> = Promise.resolve();

  private write(records: readonly JournalRecord[]): Promise<void> {
    const text = records.map((record) => `${JSON.stringify(record)}\n`).join("");
    const write = this.queue.then(() => this.handle.appendFile(text));
    this.queue = write.catch(() => undefined);
    return this.queue;
  }

  async close(): Promise<void> {
    await this.queue;
    await this.handle.close();
  }
}

/** Lines already in the dead-letter file (each ends with a newline), so new dead letters are numbered after them. */
function countLines(path: string): number {
  if (!existsSync(path)) return 0;
  const bytes = readFileSync(path);
  let count = 0;
  for (let i = bytes.indexOf(10); i !== -1; i = bytes.indexOf(10, i + 1)) count += 1;
  return count;
}
