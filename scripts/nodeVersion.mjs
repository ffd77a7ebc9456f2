// The Node versions Treasury's toolchain needs: the desktop app's packages (Electron 45 and its
// rebuild tools) declare Node 22.12 or newer; the tests, the browser harness and the demo run on
// Node 20.19 or newer.
export const APP_NODE = [22, 12]
export const TOOLS_NODE = [20, 19]

/** Whether `version` ("v22.3.0" or "22.3.0") is at least `[major, minor]`. */
export function atLeast(version, [major, minor]) {
  const [a = 0, b = 0] = version.replace(/^v/, '').split('.').map(Number)
  return a > major || (a === major && b >= minor)
}

/** The one line `npm start` prints on a Node too old for the desktop app, or null when it is new enough. */
export function appNodeProblem(version) {
  if (atLeast(version, APP_NODE)) return null
  return `Treasury's desktop app needs Node ${APP_NODE.join('.')} or newer (this is Node ${version.replace(/^v/, '')}); \`npm run demo\`, \`npm run harness\` and the tests work on Node ${TOOLS_NODE.join('.')}+.`
}
