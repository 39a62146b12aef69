// `signal-map demo`: runs the demo each shipped integration brings (presets/<name>/demo.ts), on 127.0.0.1 only.

import { importIntegrationModule, integrationsWithModule } from "../../delivery/registry.js";
import { EXIT, type Command } from "../io.js";

/** What an integration's demo module exports. */
export interface DemoModule {
  readonly help: string;
  readonly run: Command;
}

export const DEMO_HELP = `Usage: signal-map demo

Runs the demo of every integration that ships one, against its local emulator (nothing leaves this machine).`;

export const demoCommand: Command = async (argv, io) => {
  const demos: DemoModule[] = [];
  for (const name of integrationsWithModule("demo")) {
    const mod = (await importIntegrationModule(name, "demo")) as { default?: DemoModule } | undefined;
    if (mod?.default) demos.push(mod.default);
  }
  if (demos.length === 0) {
    io.stderr.write("signal-map demo: no integration ships a demo\n");
    return EXIT.usage;
  }
  // One demo: it is the command, help and arguments included.
  if (demos.length === 1) return demos[0]!.run(argv, io);
  if (argv.includes("--help") || argv.includes("-h")) {
    io.stdout.write(`${DEMO_HELP}\n\n${demos.map((demo) => demo.help).join("\n\n")}\n`);
    return EXIT.ok;
  }
  let worst: number = EXIT.ok;
  for (const demo of demos) worst = Math.max(worst, await demo.run(argv, io));
  return worst;
};
