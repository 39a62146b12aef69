// The README's examples run verbatim: its shell blocks (with the output it shows, where it shows one) and its API
// example. Needs `npm run build` first (the README's test command does it).

import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";

const ROOT = resolve(import.meta.dirname, "../..");
const README = readFileSync(join(ROOT, "README.md"), "utf8");

interface Block {
  readonly lang: string;
  readonly text: string;
}

/** Every fenced block of the README, in order. */
function blocks(): Block[] {
  return [...README.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)].map((m) => ({ lang: m[1]!, text: m[2]! }));
}

/** The shell blocks meant to run here: every sh block but the one that installs (`npm ci`). */
function runnableShell(): { index: number; text: string }[] {
  return blocks()
    .map((block, index) => ({ ...block, index }))
    .filter((block) => block.lang === "sh" && !block.text.includes("npm ci"));
}

function sh(script: string) {
  const env = { ...process.env, NO_COLOR: "1" };
  delete env.SALESLOFT_API_KEY;
  return spawnSync("sh", ["-e", "-c", script], { cwd: ROOT, env, encoding: "utf8", timeout: 120_000 });
}

beforeAll(() => {
  if (!existsSync(join(ROOT, "dist/cli/main.js"))) throw new Error("dist/cli/main.js is missing: run `npm run build`");
});

describe("README", () => {
  it("has shell examples to run, and an output block after the check of broken.map", () => {
    expect(runnableShell().length).toBeGreaterThanOrEqual(2);
    expect(README).toContain("npx signal-map check spec/docs/broken.map");
  });

  it("runs each shell example; one followed by an output block prints exactly that output", () => {
    const all = blocks();
    for (const { index, text } of runnableShell()) {
      const result = sh(text);
      const next = all[index + 1];
      if (next !== undefined && next.lang === "") {
        // A plain block right after a command is the command's output, shown verbatim.
        expect(result.stdout, text).toBe(next.text);
        expect(result.status, text).toBe(1);
      } else {
        expect(result.stderr, text).toBe("");
        expect(result.status, text).toBe(0);
      }
    }
  });

  it("the worked example's outcome is redacted and sent", () => {
    const example = runnableShell().find((block) => block.text.includes(" run "));
    const lines = sh(example!.text).stdout.trim().split("\n");
    const outcome = JSON.parse(lines.at(-1)!);
    expect(outcome.outcome).toBe("send");
    expect(outcome.request.headers.Authorization).toBe("Bearer [redacted]");
  });

  it("runs the API example from the repository root and shows the outcome redacted", () => {
    const ts = blocks().find((block) => block.lang === "ts" && block.text.includes('from "signal-map"'));
    // Inside the package folder, so "signal-map" resolves to this package through its exports.
    const dir = mkdtempSync(join(ROOT, ".readme-api-"));
    try {
      const file = join(dir, "example.mjs");
      writeFileSync(file, ts!.text);
      const env = { ...process.env, SALESLOFT_API_KEY: "sk-readme-key-123456" };
      const out = execFileSync(process.execPath, [file], { cwd: ROOT, env, encoding: "utf8" });
      const outcome = JSON.parse(out);
      expect(outcome.outcome).toBe("send");
      expect(out).not.toContain("sk-readme-key-123456");
      expect(outcome.request.headers.Authorization).toBe("Bearer [redacted]");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
