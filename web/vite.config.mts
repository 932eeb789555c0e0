import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';

// The page is built into web/dist at install and build time and served by Tusk itself: no CDN and
// no network at run time. `nest build` empties dist/, so the page keeps an output folder of its own.
export default defineConfig({
  root: import.meta.dirname,
  plugins: [preact()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // The charts' library is loaded with the operator page, not with the first view.
    chunkSizeWarningLimit: 200,
  },
  server: { proxy: { '/graphql': { target: 'http://127.0.0.1:4000', ws: true } } },
});
