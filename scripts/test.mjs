// `npm test`: everything CI runs, in order, stopping at the first failure: type check, lint, the
// Electron security scan, unit and integration tests (on Linux under a private D-Bus session with an
// unlocked keyring, so keychain tests use a real Secret Service), the end-to-end specs, and the
// benchmarks at smoke sizes. It ends with one line counting every test run.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs'

// Not test-results/: Playwright empties that folder when it starts.
const RESULTS = '.test-reports'
const VITEST_JSON = `${RESULTS}/vitest.json`
const PLAYWRIGHT_JSON = `${RESULTS}/playwright.json`
rmSync(VITEST_JSON, { force: true })
rmSync(PLAYWRIGHT_JSON, { force: true })
mkdirSync(RESULTS, { recursive: true })

const unit = [
  'npm',
  'run',
  '--silent',
  'test:unit',
  '--',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${VITEST_JSON}`
]
const steps = [
  ['typecheck', 'npm', ['run', '--silent', 'typecheck']],
  ['lint', 'npm', ['run', '--silent', 'lint']],
  ['electronegativity (reviewed allow-list)', 'node', ['scripts/electronegativity.mjs']],
  [
    'unit and integration',
    ...(process.platform === 'linux' ? ['bash', ['scripts/with-keyring.sh', ...unit]] : [unit[0], unit.slice(1)])
  ],
  [
    'end to end',
    'npm',
    ['run', '--silent', 'test:e2e', '--', '--reporter=list,json'],
    { PLAYWRIGHT_JSON_OUTPUT_NAME: PLAYWRIGHT_JSON }
  ],
  // Benchmarks never fail on timing; at small sizes they only prove every measured path still works.
  ['benchmarks (smoke sizes)', 'npm', ['run', '--silent', 'bench', '--', '--smoke']]
]

function counts() {
  const c = { passed: 0, failed: 0, skipped: 0 }
  if (existsSync(VITEST_JSON)) {
    const v = JSON.parse(readFileSync(VITEST_JSON, 'utf8'))
    c.passed += v.numPassedTests ?? 0
    c.failed += v.numFailedTests ?? 0
    c.skipped += (v.numPendingTests ?? 0) + (v.numTodoTests ?? 0)
  }
  if (existsSync(PLAYWRIGHT_JSON)) {
    const p = JSON.parse(readFileSync(PLAYWRIGHT_JSON, 'utf8')).stats ?? {}
    c.passed += (p.expected ?? 0) + (p.flaky ?? 0)
    c.failed += p.unexpected ?? 0
    c.skipped += p.skipped ?? 0
  }
  return c
}

function summary() {
  const c = counts()
  console.log(`\n${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped`)
}

for (const [name, cmd, args, env] of steps) {
  console.log(`\n=== ${name}: ${cmd} ${args.join(' ')}`)
  const started = Date.now()
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...(env ?? {}) } })
  if (r.status !== 0) {
    console.error(`\n${name} failed (exit ${r.status ?? r.signal}).`)
    summary()
    process.exit(r.status ?? 1)
  }
  console.log(`=== ${name}: passed in ${((Date.now() - started) / 1000).toFixed(1)} s`)
}
summary()
