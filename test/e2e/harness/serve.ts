// Serves the harness page with Vite: `node --import tsx test/e2e/harness/serve.ts [port]`.
import { createServer } from "vite";
import { resolve } from "node:path";

const root = resolve(import.meta.dirname);
const port = Number(process.argv[2] ?? 3790);
const server = await createServer({
  root,
  configFile: false,
  logLevel: "warn",
  server: { port, strictPort: true, host: "127.0.0.1", fs: { allow: [resolve(root, "../../..")] } },
});
await server.listen();
console.log(`harness on http://127.0.0.1:${port}/`);
