import { resolve } from "node:path";
import { defineConfig } from "vite";
import { compression, defineAlgorithm } from "vite-plugin-compression2";

// Root is this folder so `vite build client` and `vite client` behave the same; the server serves dist/.
// Every text asset is also written precompressed (.br and .gz) at build time; the server sends the
// smallest one the browser accepts (express-static-gzip in server/app.ts).
// Two pages, built separately into the same dist/: the game (index.html) and, with
// FAULTLINE_PAGE=workbench, the scenario workbench (workbench.html). Separate builds share no
// chunks, so the game's initial JavaScript never grows with the editor, the charts or the
// engine worker (a shared build merged workbench code into a chunk the game preloads).
const workbench = process.env["FAULTLINE_PAGE"] === "workbench";

export default defineConfig({
  root: import.meta.dirname,
  // bundlerTimings off: brotli at full quality is most of the build, on purpose (it runs once).
  build: {
    outDir: "dist",
    emptyOutDir: !workbench,
    chunkSizeWarningLimit: 2000,
    manifest: workbench ? "workbench-manifest.json" : true,
    rolldownOptions: {
      checks: { bundlerTimings: false },
      input: resolve(import.meta.dirname, workbench ? "workbench.html" : "index.html"),
    },
  },
  worker: { format: "es" },
  plugins: [
    compression({
      include: /\.(js|css|html|json|svg|txt)$/,
      threshold: 512,
      algorithms: [defineAlgorithm("brotliCompress"), defineAlgorithm("gzip", { level: 9 })],
    }),
  ],
});
