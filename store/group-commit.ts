// Group commit: every submission made in the same turn of the event loop is written in one transaction.

interface Waiter<I, O> {
  readonly items: readonly I[];
  readonly resolve: (results: O[]) => void;
  readonly reject: (error: unknown) => void;
}

export class GroupCommit<I, O> {
  private waiting: Waiter<I, O>[] = [];
  private scheduled: Promise<void> | undefined;

  /** `write` commits a whole batch synchronously (one transaction) and returns one result per item. */
  constructor(private readonly write: (items: I[]) => O[]) {}

  submit(items: readonly I[]): Promise<O[]> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ items, resolve, reject });
      this.scheduled ??= new Promise((done) => setImmediate(() => done(this.flush())));
    });
  }

  /** Resolves once everything submitted so far is committed (or has failed). */
  async drain(): Promise<void> {
    while (this.scheduled !== undefined) await this.scheduled;
  }

  private flush(): void {
    const waiters = this.waiting;
    this.waiting = [];
    this.scheduled = undefined;
    try {
      const results = this.write(waiters.flatMap((w) => w.items));
      let offset = 0;
      for (const w of waiters) {
        w.resolve(results.slice(offset, offset + w.items.length));
        offset += w.items.length;
      }
    } catch (error) {
      // One bad batch must not fail its neighbours' callers silently: every waiter hears about it.
      for (const w of waiters) w.reject(error);
    }
  }
}
