// Runs in: the registry worker thread, when the app runs from TypeScript sources (tests, tsx).
// The bundled app starts the compiled registryWorker.js directly; from sources this registers the
// TypeScript loader in the worker (for both module systems, as the package is CommonJS by default),
// then runs worker.ts.
import { register as registerCommonJs } from 'tsx/cjs/api'
import { register as registerEsm } from 'tsx/esm/api'

registerCommonJs()
registerEsm()
await import('./worker.ts')
