import { defineConfig } from 'vitest/config'

// Unit and integration tests run under plain Node against real SQLite files, a real local EVM
// node and the Ledger emulator. Renderer logic tests opt into happy-dom per file.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'scripts/**/*.test.ts', 'bench/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 2
  }
})
