// Runs in: electron-builder's Node process on the packaging machine, as the afterPack hook
// (electron-builder.yml). Flips the Electron fuses of the packaged binary, then reads them back and
// fails the build if any is not as required. It runs before signing, so the signature covers the
// flipped binary. The fuse table is exported so scripts/packaging.test.ts can check it.
'use strict'

// A CommonJS hook (electron-builder loads it with require), so require is the import here.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const path = require('node:path')

/**
 * The fuses a packaged Treasury must have, by @electron/fuses option name.
 * - RunAsNode off: ELECTRON_RUN_AS_NODE cannot turn the signed app into a general Node runtime.
 * - NODE_OPTIONS and --inspect off: nobody can inject code or attach a debugger via the environment
 *   or command line of the installed app.
 * - Embedded ASAR integrity on, only load app from ASAR on: the app runs only the code in its
 *   signed, hash-checked archive (macOS and Windows check the hash; Linux has no embedded hash).
 * - Cookie encryption on: the session's cookies are encrypted with an OS-keychain key at rest.
 * - File protocol extra privileges off: the renderer is served from app://treasury
 *   (src/main/shell/appProtocol.ts), so no page loaded from file:// gets to fetch other files,
 *   open service workers or anything else file:// pages are given beyond a normal origin.
 * Not set, so Electron's defaults stand: LoadBrowserProcessSpecificV8Snapshot (off) and
 * WasmTrapHandlers (on).
 */
const FUSE_SETTINGS = Object.freeze({
  RunAsNode: false,
  EnableCookieEncryption: true,
  EnableNodeOptionsEnvironmentVariable: false,
  EnableNodeCliInspectArguments: false,
  EnableEmbeddedAsarIntegrityValidation: true,
  OnlyLoadAppFromAsar: true,
  GrantFileProtocolExtraPrivileges: false
})

// builder-util's Arch enum, as electron-builder passes it in the hook context.
const ARCH = Object.freeze({ ia32: 0, x64: 1, armv7l: 2, arm64: 3, universal: 4 })

/** The file @electron/fuses must patch: the .app bundle on macOS, the executable elsewhere. */
function electronBinaryPath(context) {
  const { appOutDir, electronPlatformName, packager } = context
  switch (electronPlatformName) {
    case 'darwin':
    case 'mas':
      return path.join(appOutDir, `${packager.appInfo.productFilename}.app`)
    case 'win32':
      return path.join(appOutDir, `${packager.appInfo.productFilename}.exe`)
    case 'linux':
      return path.join(appOutDir, packager.executableName)
    default:
      throw new Error(`afterPack: no fuse target known for platform "${electronPlatformName}"`)
  }
}

/** The @electron/fuses config object for one packaged binary. */
function buildFuseConfig(context, fusesModule) {
  const { FuseVersion, FuseV1Options } = fusesModule
  const isMac = context.electronPlatformName === 'darwin' || context.electronPlatformName === 'mas'
  const config = {
    version: FuseVersion.V1,
    // Patching an arm64 binary breaks its ad-hoc signature, and an unsigned arm64 app will not
    // start; re-sign ad hoc (a real identity, when configured, signs again afterwards).
    resetAdHocDarwinSignature: isMac && (context.arch === ARCH.arm64 || context.arch === ARCH.universal)
  }
  for (const [name, enabled] of Object.entries(FUSE_SETTINGS)) {
    const index = FuseV1Options[name]
    if (typeof index !== 'number') throw new Error(`afterPack: @electron/fuses has no fuse named ${name}`)
    config[index] = enabled
  }
  return config
}

/** Reads the fuse wire back and names every fuse that is not in its required state. */
async function verifyFuses(binaryPath, fusesModule) {
  const { FuseV1Options, FuseState, getCurrentFuseWire } = fusesModule
  const wire = await getCurrentFuseWire(binaryPath)
  const wrong = Object.entries(FUSE_SETTINGS)
    .filter(([name, enabled]) => wire[FuseV1Options[name]] !== (enabled ? FuseState.ENABLE : FuseState.DISABLE))
    .map(([name, enabled]) => `${name} should be ${enabled ? 'on' : 'off'}`)
  if (wrong.length > 0) throw new Error(`afterPack: fuses not set in ${binaryPath}: ${wrong.join('; ')}`)
}

async function afterPack(context) {
  // @electron/fuses is an ES module; this hook is loaded with require().
  const fusesModule = await import('@electron/fuses')
  const binaryPath = electronBinaryPath(context)
  await fusesModule.flipFuses(binaryPath, buildFuseConfig(context, fusesModule))
  await verifyFuses(binaryPath, fusesModule)
  console.log(
    `  • fuses flipped  file=${binaryPath} ${Object.entries(FUSE_SETTINGS)
      .map(([n, on]) => `${n}=${on ? 'on' : 'off'}`)
      .join(' ')}`
  )
}

module.exports = {
  afterPack,
  default: afterPack,
  FUSE_SETTINGS,
  ARCH,
  electronBinaryPath,
  buildFuseConfig,
  verifyFuses
}
