// Runs in: benchmarks (plain Node). Builds the bare AG Grid page (bench/grid/page) with vite into
// a folder of its own, the way electron-vite builds the renderer (vite, the React plugin, production
// mode, no modulepreload polyfill: Chromium has it).
import { resolve } from 'node:path'
import react from '@vitejs/plugin-react'
import { build } from 'vite'

const PAGE_ROOT = resolve(__dirname, 'page')

export async function buildBarePage(outDir: string): Promise<void> {
  await build({
    root: PAGE_ROOT,
    configFile: false,
    logLevel: 'warn',
    mode: 'production',
    plugins: [react()],
    build: { outDir, emptyOutDir: true, modulePreload: { polyfill: false } }
  })
}
