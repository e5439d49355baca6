import { defineConfig } from 'vitest/config';

// End-to-end specs drive the built studio in headless Chromium (playwright-core) against
// `motif serve`, and the desktop app through Playwright's _electron where a binary exists.
export default defineConfig({
  test: {
    name: 'e2e',
    environment: 'node',
    include: ['tests/e2e/**/*.spec.ts'],
    testTimeout: 180_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    pool: 'forks',
  },
});
