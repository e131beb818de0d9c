// The first thing every request and WebSocket upgrade meets, before Colyseus' own listeners (which
// answer /matchmake/* themselves, so express middleware never sees those): it settles the client's
// address (proxy headers count only behind a trusted proxy, FAULTLINE_TRUST_PROXY), refuses
// non-JSON bodies, and rate-limits matchmaking, the API and upgrades per address.
import express, { type Request, type RequestHandler, type Response } from "express";
import { MemoryStore, rateLimit, ipKeyGenerator } from "express-rate-limit";
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { Duplex } from "node:stream";
import proxyaddr from "proxy-addr";
import type { Limits } from "../limits.ts";
import { hardenApp, jsonErrors, jsonOnly, type HttpError } from "./security.ts";

/** express's "trust proxy" value from FAULTLINE_TRUST_PROXY ("loopback", "1", "10.0.0.0/8", …); off by default. */
export function trustProxyFromEnv(env: NodeJS.ProcessEnv = process.env): boolean | number | string {
  const raw = env["FAULTLINE_TRUST_PROXY"]?.trim();
  if (!raw || raw === "false" || raw === "0") return false;
  if (raw === "true") return true;
  return /^\d+$/.test(raw) ? Number(raw) : raw;
}

/** The address the front door settled on for this request (Colyseus reads x-real-ip first). */
export function clientAddress(req: IncomingMessage): string {
  const h = req.headers["x-real-ip"];
  return (typeof h === "string" && h) || req.socket.remoteAddress || "unknown";
}

const PROXY_HEADERS = ["x-forwarded-for", "x-client-ip", "x-real-ip", "forwarded"];

/** Replaces whatever address headers the client sent with the address we trust. */
function settleAddress(req: IncomingMessage, address: string): void {
  for (const h of PROXY_HEADERS) delete req.headers[h];
  req.headers["x-real-ip"] = address;
}

const tooMany = (what: string): HttpError => ({ code: "http/rate_limited", message: `Too many ${what} from your address; wait a minute and try again.` });

/** A per-address limiter over `windowMs` answering 429 in JSON; keys come from the settled address. */
export function limiter(o: { windowMs: number; limit: number; what: string }): RequestHandler {
  return rateLimit({
    windowMs: o.windowMs,
    limit: o.limit,
    standardHeaders: "draft-7",
    legacyHeaders: false,
    keyGenerator: (req) => ipKeyGenerator(clientAddress(req)),
    handler: (_req: Request, res: Response) => {
      res.status(429).json(tooMany(o.what));
    },
  });
}

/**
 * A per-address limit on requests that found nothing (404: a guessed code), counted when they are
 * answered so. express-rate-limit's skipSuccessfulRequests counts every request while it is
 * answered, and every error: a class behind one address arriving at once while the game's room
 * opens, or retrying while the database or Redis is down, would be refused past the limit
 * although none of them guessed.
 */
export function notFoundLimiter(o: { windowMs: number; limit: number; what: string }): RequestHandler {
  const failures = new MemoryStore();
  failures.init({ windowMs: o.windowMs } as Parameters<MemoryStore["init"]>[0]);
  return (req, res, next) => {
    const key = ipKeyGenerator(clientAddress(req));
    failures.get(key).then(
      (hits) => {
        if ((hits?.totalHits ?? 0) >= o.limit) {
          res.status(429).json(tooMany(o.what));
          return;
        }
        res.on("finish", () => {
          if (res.statusCode === 404) void failures.increment(key);
        });
        next();
      },
      (e: unknown) => next(e),
    );
  };
}

export interface FrontDoor {
  /** The HTTP server to hand to the WebSocket transport. */
  server: http.Server;
}

/** Builds the HTTP server whose requests and upgrades pass the front door first. */
export function makeFrontDoor(o: {
  limits: Limits;
  trustProxy: boolean | number | string;
  /** Refuses joins and look-ups at once while it returns an error (Redis down, see cluster.ts). */
  gate?: () => HttpError | undefined;
}): FrontDoor {
  const hops = o.trustProxy;
  const trust: (addr: string, i: number) => boolean =
    hops === true ? () => true : hops === false ? () => false : typeof hops === "number" ? (_a, i) => i < hops : proxyaddr.compile(String(hops).split(",").map((x) => x.trim()));
  const front = express();
  hardenApp(front);
  front.set("trust proxy", o.trustProxy);
  let warned = false;
  front.use((req, _res, next) => {
    if (!warned && o.trustProxy === false && req.headers["x-forwarded-for"]) {
      warned = true;
      console.warn("Faultline: requests carry X-Forwarded-For but FAULTLINE_TRUST_PROXY is off: behind a reverse proxy every client looks like one address to the per-address limits. Set FAULTLINE_TRUST_PROXY (e.g. loopback or 1).");
    }
    settleAddress(req, req.ip ?? req.socket.remoteAddress ?? "unknown");
    next();
  });
  front.use(jsonOnly);
  const matchmake = limiter({ windowMs: 60_000, limit: o.limits.matchmakePerMinute, what: "join attempts" });
  const api = limiter({ windowMs: 60_000, limit: o.limits.apiPerMinute, what: "requests" });
  if (o.gate) {
    const gate = o.gate;
    front.use((req, res, next) => {
      const joining = req.path.startsWith("/matchmake/") || (req.method === "GET" && /^\/api\/games\/[^/]+\/?$/.test(req.path));
      const refused = joining ? gate() : undefined;
      if (refused) return void res.status(503).set("Retry-After", "5").json(refused);
      next();
    });
  }
  front.use((req, res, next) => {
    if (req.path.startsWith("/matchmake/")) return void matchmake(req, res, next);
    if (req.path.startsWith("/api/")) return void api(req, res, next);
    next();
  });

  const upgrades = new MemoryStore();
  upgrades.init({ windowMs: 60_000 } as Parameters<MemoryStore["init"]>[0]);

  class FrontDoorServer extends http.Server {
    override emit(event: string | symbol, ...args: unknown[]): boolean {
      if (event === "request") {
        const [req, res] = args as [IncomingMessage, ServerResponse];
        (front as unknown as (q: IncomingMessage, r: ServerResponse, done: (err?: unknown) => void) => void)(req, res, (err?: unknown) => {
          if (err) jsonErrors(err, req as Request, res as Response, () => undefined);
          else super.emit("request", req, res);
        });
        return true;
      }
      if (event === "upgrade") {
        const [req, socket, head] = args as [IncomingMessage, Duplex, Buffer];
        const address = proxyaddr(req, trust);
        settleAddress(req, address);
        upgrades.increment(ipKeyGenerator(address)).then(
          ({ totalHits }) => {
            if (totalHits > o.limits.upgradesPerMinute) {
              socket.end("HTTP/1.1 429 Too Many Requests\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
              return;
            }
            super.emit("upgrade", req, socket, head);
          },
          () => socket.destroy(),
        );
        return true;
      }
      return super.emit(event as string, ...args);
    }
  }
  return { server: new FrontDoorServer() };
}
