// /health tells a slow turn that waited for a CPU from one that was slow by its own work: the
// event loop's run-queue delay, read from the kernel around each delivery. Here a process busy
// for 400 ms of wall time shares one CPU with another busy process, so about half of that time
// it was ready to run and waited; the figure must say so.
import { execFileSync, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const TIMINGS = fileURLToPath(new URL("../../server/rooms/turn-timings.ts", import.meta.url));

function requireTaskset(): void {
  try {
    execFileSync("taskset", ["-c", "0", "true"], { stdio: "ignore" });
  } catch {
    throw new Error("taskset (util-linux) is needed to put two processes on one CPU for this test: apt-get install -y util-linux");
  }
}

describe("waiting for a CPU", () => {
  it("is measured apart from the process's own work when another process holds the CPU", async () => {
    requireTaskset();
    const rival = spawn("taskset", ["-c", "0", process.execPath, "-e", "const end = Date.now() + 4000; while (Date.now() < end);"], { stdio: "ignore" });
    try {
      const script = `
        import { cpuWaitNs } from ${JSON.stringify(TIMINGS)};
        await new Promise((r) => setTimeout(r, 300));
        const w0 = cpuWaitNs(), t0 = performance.now();
        while (performance.now() - t0 < 400);
        console.log(JSON.stringify({ waitMs: (cpuWaitNs() - w0) / 1e6, wallMs: performance.now() - t0 }));`;
      const out = execFileSync("taskset", ["-c", "0", process.execPath, "--import", "tsx", "--input-type=module", "-e", script], { encoding: "utf8" });
      const { waitMs, wallMs } = JSON.parse(out) as { waitMs: number; wallMs: number };
      // Two busy processes on one CPU: each runs about half the time (the kernel shares it fairly).
      expect(waitMs).toBeGreaterThan(0.25 * wallMs);
      expect(waitMs).toBeLessThanOrEqual(wallMs + 1);
    } finally {
      rival.kill("SIGKILL");
    }
  });
});
