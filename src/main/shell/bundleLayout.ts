// Runs in: main (plain Node; index.ts uses it) and the packaging test. Where the built preload and
// renderer sit relative to the folder of the main bundle (its __dirname), in `out/` as in the
// packaged app.asar. One place, so scripts/packagedApp.test.ts checks the package against the same
// paths the app opens at start.

/** The preload script, from the main bundle's folder. */
export const PRELOAD_FROM_MAIN = '../preload/index.js'
/** The renderer folder the app:// protocol serves, from the main bundle's folder. */
export const RENDERER_FROM_MAIN = '../renderer'
