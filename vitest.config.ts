import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 120_000,
    // The suite is CPU-bound and its files independent: one worker per core (vitest's default leaves one
    // core idle, which on a 2-core CI machine runs the files one after another).
    maxWorkers: availableParallelism(),
  },
});
