import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Generous: on CI's 2 cores, suites that spawn ffmpeg, Chromium and child servers share the CPU with
    // two test workers, and a set-up that takes 20 s alone can take several times that.
    testTimeout: 90_000,
    hookTimeout: 180_000,
    // PGlite instances are heavy (WASM); keep parallelism bounded on a 2-core machine.
    maxWorkers: 2,
  },
});
