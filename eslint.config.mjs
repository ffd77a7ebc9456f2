// Lint keeps the process layers honest: which folder may import what is a rule, not a habit.
import tseslint from 'typescript-eslint'

const nodeBuiltins = [
  'node:*',
  'fs',
  'fs/promises',
  'path',
  'os',
  'child_process',
  'crypto',
  'worker_threads',
  'net',
  'http',
  'https',
  'url',
  'util',
  'stream',
  'events',
  'module',
  'zlib',
  'buffer'
]
const pattern = (group, message) => ({ group, message })

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'bench/results/**', 'test-results/**', 'playwright-report/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-globals': [
        'error',
        { name: 'parseFloat', message: 'Money is bigint base units; parse with domain/money.' }
      ],
      eqeqeq: ['error', 'always']
    }
  },
  {
    // Everything under src/main except the shell is plain Node: Electron would throw under tests.
    files: ['src/main/**/*.ts'],
    ignores: ['src/main/index.ts', 'src/main/shell/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            pattern(['electron', 'electron/*'], 'Only src/main/index.ts and src/main/shell/ may import electron.')
          ]
        }
      ]
    }
  },
  {
    // The domain is pure: no I/O of any kind.
    files: ['src/main/domain/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            pattern(['electron', 'electron/*'], 'The domain is pure.'),
            pattern(
              nodeBuiltins.filter((n) => n !== 'node:*'),
              'The domain is pure: no I/O.'
            ),
            pattern(
              [
                'node:fs',
                'node:fs/*',
                'node:path',
                'node:child_process',
                'node:net',
                'node:http',
                'node:https',
                'node:worker_threads'
              ],
              'The domain is pure: no I/O.'
            ),
            pattern(['better-sqlite3', 'keytar', '@ledgerhq/*'], 'The domain is pure: no I/O.'),
            pattern(
              ['../store/*', '../chain/*', '../ledger/*', '../secrets/*', '../registry/*', '../shell/*'],
              'The domain depends on nothing above it.'
            )
          ]
        }
      ]
    }
  },
  {
    // The renderer is a sandboxed web page: no Node, no Electron, no main-process code.
    files: ['src/renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            pattern(['electron', 'electron/*'], 'The renderer is sandboxed; use src/renderer/src/api.ts.'),
            pattern(nodeBuiltins, 'The renderer has no Node.'),
            pattern(['**/main/**', '**/preload/**'], 'The renderer talks to main only through window.treasury.'),
            pattern(
              ['better-sqlite3', 'keytar', '@ledgerhq/*', 'ethers'],
              'The renderer never holds device, key or database code.'
            )
          ]
        }
      ]
    }
  },
  {
    // Shared code is imported by all three processes: no Node, no Electron, no DOM.
    files: ['src/shared/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            pattern(['electron', 'electron/*'], 'src/shared runs in every process.'),
            pattern(nodeBuiltins, 'src/shared runs in every process: no Node.'),
            pattern(
              ['**/main/**', '**/preload/**', '**/renderer/**', 'react', 'react-dom'],
              'src/shared depends on nothing above it.'
            )
          ]
        }
      ],
      'no-restricted-globals': [
        'error',
        'window',
        'document',
        'navigator',
        'localStorage',
        'process',
        'Buffer',
        'require'
      ]
    }
  },
  {
    files: ['**/*.test.ts', '**/*.test.tsx', 'e2e/**', 'bench/**', 'scripts/**'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' }
  }
)
