import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type ProxyOptions } from 'vite';

const clientDir = fileURLToPath(new URL('.', import.meta.url));
const sharedDir = fileURLToPath(new URL('../shared', import.meta.url));
const outDir = fileURLToPath(new URL('../dist/client', import.meta.url));

/** The API server; in production it serves the built client on the same origin. */
const API = process.env.SHIELDLINE_API ?? 'http://127.0.0.1:3000';

const proxy: Record<string, ProxyOptions> = {
  '/api': { target: API, changeOrigin: false },
  '/healthz': { target: API, changeOrigin: false },
  '/socket.io': { target: API, ws: true, changeOrigin: false },
};

export default defineConfig({
  root: clientDir,
  publicDir: 'public',
  plugins: [react()],
  resolve: { alias: { '@shared': sharedDir } },
  build: {
    outDir,
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 900,
  },
  server: { port: 5173, strictPort: false, proxy },
  preview: { port: 4173, proxy },
});
