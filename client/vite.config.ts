import { defineConfig } from "vite";
import { compression, defineAlgorithm } from "vite-plugin-compression2";

// Root is this folder so `vite build client` and `vite client` behave the same; the server serves dist/.
// Every text asset is also written precompressed (.br and .gz) at build time; the server sends the
// smallest one the browser accepts (express-static-gzip in server/app.ts).
export default defineConfig({
  root: import.meta.dirname,
  // bundlerTimings off: brotli at full quality is most of the build, on purpose (it runs once).
  build: { outDir: "dist", emptyOutDir: true, chunkSizeWarningLimit: 2000, manifest: true, rolldownOptions: { checks: { bundlerTimings: false } } },
  plugins: [
    compression({
      include: /\.(js|css|html|json|svg|txt)$/,
      threshold: 512,
      algorithms: [defineAlgorithm("brotliCompress"), defineAlgorithm("gzip", { level: 9 })],
    }),
  ],
});
