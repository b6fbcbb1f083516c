import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// `pnpm dev`: Vite serves the app with hot reload and passes the API through to the server
// (TRADEWIND_URL, default the server's own default), so the app sees one origin as in production.
const server = process.env.TRADEWIND_URL ?? 'http://localhost:8001';
const proxied = ['/trpc', '/api', '/health', '/docs'];

export default defineConfig({
  plugins: [react(), tailwindcss()],
  server: {
    port: 5173,
    proxy: Object.fromEntries(
      proxied.map((prefix) => [prefix, { target: server, changeOrigin: false, ws: true }]),
    ),
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Below ~1 kB assets would become inline data: URLs; keep everything a file for the CSP.
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 800,
  },
});
