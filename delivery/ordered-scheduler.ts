// Runs tasks with bounded concurrency while tasks that share a key run strictly one after another, in arrival order.

/**
 * A task waits first for its key's previous task, and only then for a concurrency slot, so a task queued behind a
 * slow one for the same person never holds a slot another person could use.
 */
export class OrderedScheduler {
  private readonly tails = new Map<string, Promise<void>>();
  private readonly slotWaiters: (() => void)[] = [];
  private running = 0;
  private readonly concurrency: number;

  constructor(concurrency: number) {
    this.concurrency = Math.max(1, Math.floor(concurrency));
  }

  /**
   * Runs `task` after the key's previous task. With `slot` false the task takes no concurrency slot itself (a batched
   * event waits for its batch, and the batch's request takes the slot through `withSlot`).
   */
  run<T>(key: string | undefined, task: () => Promise<T>, slot = true): Promise<T> {
    const start = slot ? () => this.withSlot(task) : task;
    if (key === undefined) return start();
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(start);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    // Forget the key once its last task is done, so memory follows the number of people in flight, not seen.
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }

  /** Runs `task` once a concurrency slot is free. */
  async withSlot<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.concurrency) await new Promise<void>((resolve) => this.slotWaiters.push(resolve));
    else this.running += 1;
    try {
      return await task();
    } finally {
      const next = this.slotWaiters.shift();
      // The slot passes straight to the next waiter, so `running` never drops and rises again in between.
      if (next) next();
      else this.running -= 1;
    }
  }
}
