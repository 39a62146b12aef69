// The ingestion benchmark's child process: serve, the floor, the load generator, or the Salesloft emulator with its
// lead probe — one per process. Reports ready, answers commands one at a time, and exits on "stop".

import { startFloorServer, startServeServer, type ServerJob } from "./ingest-servers.js";
import { startLoadGenerator, type LoadJob } from "./ingest-load.js";
import { startLeadProbe, type ProbeJob } from "./ingest-probe.js";

/** What a child runs: its ready report, its command handler, and how it closes. */
export interface IngestService {
  readonly info: unknown;
  handle(command: Record<string, unknown>): Promise<unknown>;
  close(): Promise<void>;
}

type Job = ServerJob | LoadJob | ProbeJob;

function start(job: Job): Promise<IngestService> {
  switch (job.kind) {
    case "serve":
      return startServeServer(job);
    case "floor":
      return startFloorServer();
    case "load":
      return startLoadGenerator(job);
    case "probe":
      return startLeadProbe();
  }
}

async function main(): Promise<void> {
  const send = (message: unknown) => new Promise<void>((done) => process.send!(message, () => done()));
  const service = await start(JSON.parse(process.argv[2] ?? "{}") as Job);
  // Commands run one after another, in the order they came.
  let queue = Promise.resolve();
  process.on("message", (raw) => {
    const command = raw as Record<string, unknown>;
    queue = queue.then(async () => {
      if (command.stop === true) {
        await service.close();
        process.disconnect();
        return;
      }
      try {
        await send({ reply: await service.handle(command) });
      } catch (error) {
        await send({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
      }
    });
  });
  await send({ ready: service.info });
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
