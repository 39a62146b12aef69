// No wait ever reaches a Node timer longer than 2^31-1 ms, which Node would fire at once (issue 11, point 4).

import { describe, expect, it } from "vitest";
import { MAX_TIMER_MS, sleepFor } from "../../delivery/clock.js";

describe("sleepFor", () => {
  it.each([2 ** 31, 2 ** 40, Number.MAX_SAFE_INTEGER, Infinity])("caps a %d ms wait at 2^31-1 ms", async (ms) => {
    const delays: number[] = [];
    const done = sleepFor(ms, undefined, (callback, delay) => {
      delays.push(delay);
      return setTimeout(callback, 0);
    });
    await done;
    expect(delays).toEqual([MAX_TIMER_MS]);
  });

  it("does not schedule a wait that is not positive", async () => {
    const delays: number[] = [];
    await sleepFor(Number.NaN, undefined, (callback, delay) => {
      delays.push(delay);
      return setTimeout(callback, 0);
    });
    expect(delays).toEqual([]);
  });
});
