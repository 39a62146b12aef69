// Group commit for an asynchronous engine: while one transaction is on its way to disk, every submission that arrives
// waits, and the next transaction commits all of them together.

interface Waiter<I, O> {
  readonly items: readonly I[];
  readonly resolve: (results: O[]) => void;
  readonly reject: (error: unknown) => void;
}

export class AsyncGroupCommit<I, O> {
  private waiting: Waiter<I, O>[] = [];
  private running: Promise<void> | undefined;

  /** `write` commits a whole batch in one transaction and returns one result per item. */
  constructor(private readonly write: (items: I[]) => Promise<O[]>) {}

  submit(items: readonly I[]): Promise<O[]> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ items, resolve, reject });
      this.running ??= this.run();
    });
  }

  /** Resolves once everything submitted so far is committed (or has failed). */
  async drain(): Promise<void> {
    while (this.running !== undefined) await this.running;
  }

  private async run(): Promise<void> {
    // Let the callers of this turn of the event loop join the first batch.
    await new Promise((done) => setImmediate(done));
    while (this.waiting.length > 0) {
      const waiters = this.waiting;
      this.waiting = [];
      try {
        const results = await this.write(waiters.flatMap((w) => w.items));
        let offset = 0;
        for (const w of waiters) {
          w.resolve(results.slice(offset, offset + w.items.length));
          offset += w.items.length;
        }
      } catch (error) {
        for (const w of waiters) w.reject(error);
      }
    }
    this.running = undefined;
  }
}
