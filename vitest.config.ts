import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';

const alias = { '@shared': resolve(import.meta.dirname, 'src/shared') };

export default defineConfig({
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'engine',
          environment: 'node',
          include: ['tests/**/*.test.ts'],
          exclude: ['tests/renderer/**', 'tests/e2e/**'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          pool: 'forks',
          setupFiles: ['tests/helpers/temp-cleanup.ts'],
        },
      },
      {
        resolve: { alias, conditions: ['browser'] },
        plugins: [svelte()],
        test: {
          name: 'renderer',
          environment: 'jsdom',
          globals: true,
          include: ['tests/renderer/**/*.test.ts'],
        },
      },
    ],
  },
});
