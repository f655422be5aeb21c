import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    root: new URL("..", import.meta.url).pathname,
    include: ["test/**/*.test.ts"],
    // Builds dist/bundle once per run if src/ changed since: spawned and in-process tests run one build.
    globalSetup: ["test/setup/build.ts"],
    setupFiles: ["test/setup/no-console.ts", "test/setup/temp-dirs.ts"],
    testTimeout: 30_000,
  },
});
