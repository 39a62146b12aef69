// Failed sign-ins to the debugger, per client address: after a run of wrong passwords that address is refused for a
// while, doubling each time, so the admin password cannot be guessed at the speed of the network. An IPv6 client is
// counted by its /64, the block a single host can hop around in; an address quiet for a while starts afresh.

export interface SignInGuardOptions {
  /** Wrong passwords an address may send before it is refused. */
  readonly limit?: number;
  /** The first refusal's length; each further one doubles, up to `maxBlockMs`. */
  readonly blockMs?: number;
  readonly maxBlockMs?: number;
  /** Wrong passwords further apart than this do not add up; quiet twice `maxBlockMs`, the doubling starts over. */
  readonly windowMs?: number;
  /** Addresses remembered at most: the oldest is forgotten first, so odd traffic cannot grow it without end. */
  readonly maxAddresses?: number;
  readonly now?: () => number;
}

interface Attempts {
  failures: number;
  /** Refusals so far: the next one lasts blockMs × 2^blocks. */
  blocks: number;
  blockedUntil: number;
  lastFailure: number;
}

export class SignInGuard {
  private readonly records = new Map<string, Attempts>();
  private readonly limit: number;
  private readonly blockMs: number;
  private readonly maxBlockMs: number;
  private readonly maxAddresses: number;
  private readonly windowMs: number;
  private readonly now: () => number;

  constructor(options: SignInGuardOptions = {}) {
    this.limit = options.limit ?? 10;
    this.blockMs = options.blockMs ?? 60_000;
    this.maxBlockMs = options.maxBlockMs ?? 900_000;
    this.windowMs = options.windowMs ?? 900_000;
    this.maxAddresses = options.maxAddresses ?? 10_000;
    this.now = options.now ?? Date.now;
  }

  /** How long `address` must still wait before a password is checked again; 0 when it may sign in. */
  waitMs(address: string): number {
    const record = this.records.get(keyOf(address));
    return record === undefined ? 0 : Math.max(0, record.blockedUntil - this.now());
  }

  /** A wrong password from `address`: the `limit`-th in a row refuses the address for a while. */
  failed(address: string): void {
    const key = keyOf(address);
    const now = this.now();
    const record = this.records.get(key) ?? { failures: 0, blocks: 0, blockedUntil: 0, lastFailure: now };
    // Re-inserted, so the Map's order is the order of last use and the oldest is forgotten first.
    this.records.delete(key);
    this.records.set(key, record);
    if (this.records.size > this.maxAddresses) this.records.delete(this.records.keys().next().value!);
    const quiet = now - Math.max(record.lastFailure, record.blockedUntil);
    if (quiet > this.windowMs) record.failures = 0;
    if (quiet > 2 * this.maxBlockMs) record.blocks = 0;
    record.lastFailure = now;
    record.failures += 1;
    if (record.failures < this.limit) return;
    record.blockedUntil = now + Math.min(this.maxBlockMs, this.blockMs * 2 ** record.blocks);
    record.blocks += 1;
    record.failures = 0;
  }

  /** The right password from `address`: its run of failures is forgotten. */
  succeeded(address: string): void {
    if (this.records.size > 0) this.records.delete(keyOf(address));
  }
}

/** An IPv4 address as it is; an IPv6 one by its first four groups (its /64), written out in full. */
export function keyOf(address: string): string {
  if (!address.includes(":")) return address;
  const [head = "", tail = ""] = address.split("::");
  const left = head === "" ? [] : head.split(":");
  const right = tail === "" ? [] : tail.split(":");
  const groups = address.includes("::")
    ? [...left, ...Array(8 - left.length - right.length).fill("0"), ...right]
    : left;
  return groups
    .slice(0, 4)
    .map((group) => group.toLowerCase().replace(/^0+(?=.)/, ""))
    .join(":");
}
