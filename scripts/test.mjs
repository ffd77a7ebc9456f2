// `npm test`: everything CI runs, in order, stopping at the first failure: type check, lint,
// unit and integration tests (under a private D-Bus session with an unlocked keyring, so keychain
// tests use a real Secret Service), the build, and the end-to-end specs.
import { spawnSync } from 'node:child_process'

const steps = [
  ['typecheck', 'npm', ['run', '--silent', 'typecheck']],
  ['lint', 'npm', ['run', '--silent', 'lint']],
  ['electronegativity (reviewed allow-list)', 'node', ['scripts/electronegativity.mjs']],
  // On Linux the keychain tests need a Secret Service: a private D-Bus session with an unlocked
  // gnome-keyring. Elsewhere the OS keychain of the logged-in user is used directly.
  ['unit and integration', ...(process.platform === 'linux' ? ['bash', ['scripts/with-keyring.sh', 'npm', 'run', '--silent', 'test:unit']] : ['npm', ['run', '--silent', 'test:unit']])],
  ['end to end', 'npm', ['run', '--silent', 'test:e2e']],
  // Benchmarks never fail on timing; at small sizes they only prove every measured path still works.
  ['benchmarks (smoke sizes)', 'npm', ['run', '--silent', 'bench', '--', '--smoke']]
]

for (const [name, cmd, args] of steps) {
  console.log(`\n=== ${name}: ${cmd} ${args.join(' ')}`)
  const started = Date.now()
  const r = spawnSync(cmd, args, { stdio: 'inherit' })
  if (r.status !== 0) {
    console.error(`\n${name} failed (exit ${r.status ?? r.signal}).`)
    process.exit(r.status ?? 1)
  }
  console.log(`=== ${name}: passed in ${((Date.now() - started) / 1000).toFixed(1)} s`)
}
