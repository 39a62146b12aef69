// Wall time of one fresh Node process, for the parts that time whole commands (run-io, cold-start).

import { spawn } from "node:child_process";
import { REPO_ROOT } from "./paths.js";

/**
 * Milliseconds from spawning `node ARGS` (in the repository) to its exit, with stdout to `out` ("ignore" or a file
 * descriptor); rejects with the end of its stderr on a non-zero exit.
 */
export function wallMs(args: readonly string[], out: "ignore" | number = "ignore"): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, args, { cwd: REPO_ROOT, stdio: ["ignore", out, "pipe"] });
    let stderr = "";
    child.stderr?.on("data", (chunk: Buffer) => (stderr = (stderr + chunk.toString("utf8")).slice(-4000)));
    child.on("error", reject);
    child.on("exit", (code) => {
      const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
      if (code === 0) resolve(elapsed);
      else reject(new Error(`node ${args.slice(0, 2).join(" ")} exited with ${code}: ${stderr}`));
    });
  });
}
