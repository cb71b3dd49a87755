// Builds the desktop UI into out/renderer, loaded by Electron from file:// (hence relative asset URLs)
// and by the end-to-end harness over http.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  plugins: [react()],
  build: {
    outDir: '../out/renderer',
    emptyOutDir: true,
    target: 'chrome130',
    // One bundle, no inline scripts: the CSP allows only 'self' scripts.
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 1500,
  },
});
