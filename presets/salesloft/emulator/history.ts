// What the emulator remembers of each person's updates, in the order it applied them, so a test can check order.

/** One applied upsert: the person it created or updated and the person fields it sent. */
export interface PersonUpdate {
  readonly personId: number;
  /** Arrival time on the emulator's clock, in milliseconds since the epoch. */
  readonly at: number;
  readonly fields: Readonly<Record<string, unknown>>;
}

/** Default number of updates kept; the oldest are forgotten first, so a long benchmark never grows without bound. */
export const DEFAULT_MAX_UPDATES = 100_000;

export class UpdateHistory {
  private entries: PersonUpdate[] = [];
  private start = 0;

  constructor(private readonly maxUpdates = DEFAULT_MAX_UPDATES) {}

  record(update: PersonUpdate): void {
    this.entries.push(update);
    // Dropping from the front by index keeps recording constant-time; the array is compacted now and then.
    if (this.entries.length - this.start > this.maxUpdates) this.start++;
    if (this.start > this.maxUpdates) {
      this.entries = this.entries.slice(this.start);
      this.start = 0;
    }
  }

  /** Every kept update, oldest first. */
  list(): PersonUpdate[] {
    return this.entries.slice(this.start).map((update) => structuredClone(update));
  }

  /** Each person's updates in the order they were applied, keyed by person id. */
  byPerson(): Map<number, PersonUpdate[]> {
    const people = new Map<number, PersonUpdate[]>();
    for (const update of this.list()) {
      const updates = people.get(update.personId) ?? [];
      updates.push(update);
      people.set(update.personId, updates);
    }
    return people;
  }

  clear(): void {
    this.entries = [];
    this.start = 0;
  }
}
