// An integration's demo destination served by the generic emulator: started on 127.0.0.1 with one accepted credential,
// and what it holds read from the requests it accepted. Names no destination: the module comes from the registry.

import { startGenericEmulator } from "../../emulator/generic.js";
import type { RecordedRequest } from "../../emulator/recorder.js";
import { findEmulator } from "../../emulator/registry.js";
import type { DemoDestination } from "./demo-module.js";

/** What the emulator holds, from the requests it accepted (2xx): a count and one line per record. */
export type Holdings = (accepted: readonly RecordedRequest[]) => { summary: string; details: string[] };

export async function genericDestination(
  integration: string,
  accepted: string,
  holdings: Holdings,
): Promise<DemoDestination> {
  const module = await findEmulator(integration);
  if (!module) throw new Error(`${integration} has no emulator`);
  const running = await startGenericEmulator(integration, module, { credentials: [accepted] });
  return {
    url: running.url,
    holds: () => ({ ...holdings(running.requests().filter((r) => r.status >= 200 && r.status < 300)), unmet: [] }),
    close: () => running.close(),
  };
}
