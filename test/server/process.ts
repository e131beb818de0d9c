// The real server as a child process (`node --import tsx server/main.ts`) on its own database, for
// tests that kill it with SIGKILL or start it on a damaged or read-only file.
import { spawn, type ChildProcess } from "node:child_process";
import { resolve } from "node:path";

export const ROOT = resolve(import.meta.dirname, "..", "..");

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  /** Everything the process printed so far (stdout and stderr). */
  output(): string;
  /** Resolves with the exit code when the process ends. */
  exited: Promise<number | null>;
  kill9(): Promise<void>;
}

/** Starts the server; unless `waitHealthy` is false, resolves once /health answers (any status). */
export async function spawnServer(o: { port: number; db: string; env?: Record<string, string>; uid?: number; gid?: number; waitHealthy?: boolean }): Promise<ServerProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "server/main.ts"], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(o.port), FAULTLINE_DB: o.db, ...o.env },
    stdio: ["ignore", "pipe", "pipe"],
    ...(o.uid !== undefined ? { uid: o.uid, gid: o.gid } : {}),
  });
  let out = "";
  child.stdout?.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((r) => child.once("exit", (code) => r(code)));
  const url = `http://127.0.0.1:${o.port}`;
  const p: ServerProcess = {
    child,
    url,
    output: () => out,
    exited,
    kill9: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill("SIGKILL");
        await exited;
      }
    },
  };
  if (o.waitHealthy === false) return p;
  const until = Date.now() + 40_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}):\n${out}`);
    const ok = await fetch(`${url}/health`).then(() => true, () => false);
    if (ok) return p;
    if (Date.now() > until) {
      child.kill("SIGKILL");
      throw new Error(`server did not start:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 150));
  }
}
