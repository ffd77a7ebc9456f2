import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import react from '@vitejs/plugin-react'

// Native and device modules stay external: they are loaded from node_modules at run time
// (rebuilt for Electron by the start and packaging scripts).
const nativeExternals = ['better-sqlite3', 'keytar', 'node-hid', 'usb', '@ledgerhq/hw-transport-node-hid', '@e965/xlsx']

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        // The registry worker is an entry of its own: untrusted files are parsed in a worker thread.
        input: {
          index: resolve(__dirname, 'src/main/index.ts'),
          registryWorker: resolve(__dirname, 'src/main/registry/worker.ts')
        },
        external: nativeExternals
      }
    }
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: resolve(__dirname, 'src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].js' }
      }
    }
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      // The window parses and compiles every byte before the payouts list (and the editor's chunk
      // before a draft) can show: minified, the two are a third of their size.
      minify: true,
      // The editor's chunk is AG Grid itself, loaded only once a draft opens.
      chunkSizeWarningLimit: 1_400,
      rollupOptions: { input: resolve(__dirname, 'src/renderer/index.html') }
    },
    plugins: [react()]
  }
})
