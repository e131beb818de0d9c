// Builds the harness page once and serves it statically (a dev server would reload whenever another
// file in the checkout changes): `node --import tsx test/e2e/harness/serve.ts [port]`.
import { build, preview } from "vite";
import { resolve } from "node:path";

const root = resolve(import.meta.dirname);
const outDir = resolve(root, "../../../.tmp/harness-dist");
const port = Number(process.argv[2] ?? 3790);
await build({ root, configFile: false, logLevel: "warn", build: { outDir, emptyOutDir: true, chunkSizeWarningLimit: 4000 } });
await preview({ root, configFile: false, logLevel: "warn", build: { outDir }, preview: { port, strictPort: true, host: "127.0.0.1" } });
console.log(`harness on http://127.0.0.1:${port}/`);
