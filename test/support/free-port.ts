// A TCP port that nothing listens on right now, chosen by the OS, so test files (and several
// checkouts testing at once on one machine) never collide on a fixed port number.
import { createServer } from "node:net";

/** Asks the OS for a free loopback port and releases it for the caller to listen on. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, () => {
      const addr = srv.address();
      const port = typeof addr === "object" && addr ? addr.port : 0;
      srv.close(() => (port > 0 ? resolve(port) : reject(new Error("no free port"))));
    });
  });
}
