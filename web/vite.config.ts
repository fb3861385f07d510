import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** Two pages, every asset bundled locally: the citizen page at `/` and the staff console at `/konsol/`. */
export default defineConfig({
  root: __dirname,
  base: '/',
  plugins: [react()],
  build: {
    outDir: resolve(__dirname, 'dist'),
    emptyOutDir: true,
    sourcemap: true,
    rollupOptions: {
      input: {
        citizen: resolve(__dirname, 'index.html'),
        console: resolve(__dirname, 'konsol/index.html'),
      },
      // React and graphql-ws in one cacheable chunk shared by both pages.
      output: { manualChunks: (id) => (id.includes('node_modules') ? 'vendor' : undefined) },
    },
  },
  server: { proxy: { '/graphql': { target: 'http://127.0.0.1:4000', ws: true }, '/auth': 'http://127.0.0.1:4000' } },
});
