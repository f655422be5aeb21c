import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    root: new URL("..", import.meta.url).pathname,
    include: ["test/**/*.test.ts"],
    setupFiles: ["test/setup/no-console.ts", "test/setup/temp-dirs.ts"],
    testTimeout: 30_000,
  },
});
