// Runs in: the registry worker thread, when the app runs from TypeScript sources (tests, tsx).
// The bundled app starts the compiled registryWorker.js directly; from sources this registers the
// TypeScript loader in the worker first, then runs worker.ts.
import { register } from 'tsx/esm/api'

register()
await import('./worker.ts')
