// Caddy run with the repository's own deploy/Caddyfile (the file docker-compose.yml mounts) in
// front of two server processes, on a free loopback port: used by test/server/proxy.test.ts and
// by bench:load's two-process setup, so both exercise the deployment docs/deploy.md describes.
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT } from "../server/process.ts";

/** Fails with a clear message when Caddy is not installed. */
export function requireCaddy(): void {
  try {
    execFileSync("caddy", ["version"], { stdio: "ignore" });
  } catch {
    throw new Error("Caddy is needed here and is not installed: apt-get install -y caddy (.ci/run does).");
  }
}

export interface RunningCaddy {
  /** The proxy's one address, http://127.0.0.1:<port>. */
  url: string;
  port: number;
  pid: number;
  output: () => string;
  stop: () => Promise<void>;
}

/** Starts Caddy on `port` in front of the processes listening on `n1Port` and `n2Port`; resolves once /health answers through it. */
export async function startCaddy(port: number, n1Port: number, n2Port: number, timeoutMs = 20_000): Promise<RunningCaddy> {
  requireCaddy();
  const url = `http://127.0.0.1:${port}`;
  const home = mkdtempSync(join(tmpdir(), "faultline-caddy-"));
  const child = spawn("caddy", ["run", "--config", "deploy/Caddyfile", "--adapter", "caddyfile"], {
    cwd: ROOT,
    env: {
      ...process.env,
      FAULTLINE_SITE: url,
      FAULTLINE_N1: `127.0.0.1:${n1Port}`,
      FAULTLINE_N2: `127.0.0.1:${n2Port}`,
      CADDY_ADMIN: "off",
      HOME: home,
      XDG_DATA_HOME: home,
      XDG_CONFIG_HOME: home,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout?.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (out += d.toString()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGKILL");
      await new Promise((r) => child.once("exit", r));
    }
    rmSync(home, { recursive: true, force: true });
  };
  const until = Date.now() + timeoutMs;
  while (!(child.exitCode === null && (await fetch(`${url}/health`).then((r) => r.ok, () => false)))) {
    if (child.exitCode !== null || Date.now() > until) {
      await stop();
      throw new Error(`Caddy did not answer on ${url} within ${timeoutMs} ms:\n${out.slice(-2000)}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url, port, pid: child.pid!, output: () => out, stop };
}
