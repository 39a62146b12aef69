import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: [
      "spec/**/*.test.ts",
      "dsl/**/*.test.ts",
      "compiler/**/*.test.ts",
      "runtime/**/*.test.ts",
      "delivery/**/*.test.ts",
      "emulator/**/*.test.ts",
      "cli/**/*.test.ts",
      "bench/**/*.test.ts",
    ],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: "forks",
  },
});
