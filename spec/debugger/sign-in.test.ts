// Wrong admin passwords are throttled per client address, so the debugger's password cannot be guessed at the speed
// of the network; a browser's first request without credentials is no guess, and the right password clears the run.

import { afterEach, describe, expect, it } from "vitest";
import { keyOf, SignInGuard } from "../../serve/debugger/sign-in-guard.js";
import { adminAuth, startHarness, type Harness } from "./harness.js";

describe("SignInGuard", () => {
  it("refuses an address after its limit of wrong passwords, for twice as long each time, up to the cap", () => {
    let now = 0;
    const guard = new SignInGuard({ limit: 3, blockMs: 1_000, maxBlockMs: 3_000, now: () => now });
    const failTimes = (n: number) => Array.from({ length: n }, () => guard.failed("10.0.0.1"));
    failTimes(2);
    expect(guard.waitMs("10.0.0.1")).toBe(0);
    failTimes(1);
    expect(guard.waitMs("10.0.0.1")).toBe(1_000);
    expect(guard.waitMs("10.0.0.2")).toBe(0);
    now = 1_000;
    expect(guard.waitMs("10.0.0.1")).toBe(0);
    failTimes(3);
    expect(guard.waitMs("10.0.0.1")).toBe(2_000);
    now = 3_000;
    failTimes(3);
    expect(guard.waitMs("10.0.0.1")).toBe(3_000);
  });

  it("lets wrong passwords far apart not add up, and a long-quiet address start its doubling afresh", () => {
    let now = 0;
    const guard = new SignInGuard({ limit: 2, blockMs: 1_000, maxBlockMs: 4_000, windowMs: 10_000, now: () => now });
    guard.failed("a");
    now = 10_001;
    guard.failed("a");
    expect(guard.waitMs("a")).toBe(0);
    guard.failed("a");
    expect(guard.waitMs("a")).toBe(1_000);
    now = 11_001;
    guard.failed("a");
    guard.failed("a");
    expect(guard.waitMs("a")).toBe(2_000);
    now = 13_001 + 8_001;
    guard.failed("a");
    guard.failed("a");
    expect(guard.waitMs("a")).toBe(1_000);
  });

  it("counts an IPv6 client by its /64, however it writes or varies the rest", () => {
    const guard = new SignInGuard({ limit: 3, now: () => 0 });
    guard.failed("2001:db8:0:1::1");
    guard.failed("2001:0db8:0000:0001:ffff::2");
    guard.failed("2001:DB8:0:1:aaaa:bbbb:cccc:dddd");
    expect(guard.waitMs("2001:db8:0:1::9")).toBeGreaterThan(0);
    expect(guard.waitMs("2001:db8:0:2::1")).toBe(0);
    expect(keyOf("::1")).toBe("0:0:0:0");
    expect(keyOf("203.0.113.7")).toBe("203.0.113.7");
  });

  it("forgets an address's failures once it signs in", () => {
    const guard = new SignInGuard({ limit: 2, now: () => 0 });
    guard.failed("a");
    guard.succeeded("a");
    guard.failed("a");
    expect(guard.waitMs("a")).toBe(0);
  });

  it("remembers a bounded number of addresses, forgetting the least recent first", () => {
    const guard = new SignInGuard({ limit: 2, maxAddresses: 2, now: () => 0 });
    guard.failed("a");
    guard.failed("b");
    guard.failed("c");
    guard.failed("a");
    expect(guard.waitMs("a")).toBe(0);
    guard.failed("c");
    expect(guard.waitMs("c")).toBeGreaterThan(0);
  });
});

describe("the debugger's sign-in", () => {
  let hx: Harness;
  afterEach(async () => hx.close());
  const wrong = { Authorization: `Basic ${Buffer.from("admin:guess").toString("base64")}` };
  const get = (headers: Record<string, string>) => fetch(`${hx.url}/api/events`, { headers });

  it("answers 429 with Retry-After to an address that sent too many wrong passwords, even with the right one", async () => {
    hx = await startHarness({ signIn: { limit: 3, blockMs: 60_000 } });
    for (let i = 0; i < 5; i++) expect((await get({})).status).toBe(401);
    for (let i = 0; i < 2; i++) expect((await get(wrong)).status).toBe(401);
    expect((await get({ Authorization: adminAuth })).status).toBe(200);
    for (let i = 0; i < 3; i++) expect((await get(wrong)).status).toBe(401);
    const refused = await get({ Authorization: adminAuth });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(50);
    expect(await refused.text()).not.toContain("correct horse");
  });
});
