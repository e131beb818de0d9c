// One real server and one Chromium for a whole test file: started before its first test, and the
// pages' contexts, the browser and the server closed after its last.
import { afterAll, beforeAll } from "vitest";
import type { Browser, BrowserContext } from "playwright-core";
import { freePort } from "../support/free-port.ts";
import { buildClient, launchChromium, startServer, type RunningServer } from "./support.ts";

export interface Suite {
  server: RunningServer;
  browser: Browser;
  /** Contexts opened by the tests, closed after the last one. */
  contexts: BrowserContext[];
}

export function serverAndBrowserPerFile(): Suite {
  const suite = { contexts: [] as BrowserContext[] } as Suite;
  beforeAll(async () => {
    buildClient();
    suite.server = await startServer(await freePort());
    suite.browser = await launchChromium();
  }, 180_000);
  afterAll(async () => {
    for (const c of suite.contexts) await c.close().catch(() => undefined);
    await suite.browser?.close();
    await suite.server?.stop();
  });
  return suite;
}
