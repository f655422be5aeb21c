import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    root: new URL("..", import.meta.url).pathname,
    include: ["test/**/*.test.ts"],
    // Builds dist/bundle once per run if src/ changed since: spawned and in-process tests run one build.
    globalSetup: ["test/setup/build.ts"],
    setupFiles: ["test/setup/no-console.ts", "test/setup/temp-dirs.ts"],
    // A time limit catches a hung test, not a slow one: the lane's property test (60 runs of five
    // commands on UTF-8 and UTF-16) took 40-46 s on a shared 2-core machine at load 10-12.
    testTimeout: 120_000,
  },
});
