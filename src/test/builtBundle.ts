// Runs in: tests (plain Node). Builds the app with electron-vite into a folder and puts the stand-in
// `electron` module (fakeElectron.ts) beside it as plain CommonJS, so a child process can run the
// built main with `node --require <folder>/fake/fakeElectron.js <folder>/main/index.js`.
import { spawnSync } from 'node:child_process'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import ts from 'typescript'

export const PROJECT_ROOT = resolve(__dirname, '../..')

/** The stand-in to --require before the built main. */
export const standInOf = (outDir: string): string => join(outDir, 'fake/fakeElectron.js')

export function buildWithStandIn(outDir: string): void {
  const build = spawnSync(join(PROJECT_ROOT, 'node_modules/.bin/electron-vite'), ['build', '--outDir', outDir], {
    cwd: PROJECT_ROOT,
    encoding: 'utf8'
  })
  if (build.status !== 0) throw new Error(`electron-vite build failed: ${build.stderr}\n${build.stdout}`)
  mkdirSync(join(outDir, 'fake'), { recursive: true })
  for (const name of ['fakeElectron', 'fakeElectronProtocol']) {
    const source = readFileSync(join(PROJECT_ROOT, 'src/test', `${name}.ts`), 'utf8')
    const js = ts.transpileModule(source, {
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true }
    })
    writeFileSync(join(outDir, 'fake', `${name}.js`), js.outputText)
  }
}
