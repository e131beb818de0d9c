import { defineConfig } from "vite";

// Root is this folder so `vite build client` and `vite client` behave the same; the server serves dist/.
export default defineConfig({
  root: import.meta.dirname,
  build: { outDir: "dist", emptyOutDir: true, chunkSizeWarningLimit: 2000, manifest: true },
});
