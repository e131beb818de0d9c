// HTTP hygiene for everything the server answers: security headers (helmet, with a CSP that lets
// the Phaser client draw on canvas/WebGL and open its WebSocket to the same origin), CORS only for
// configured origins, JSON-only POST bodies, and JSON errors without stack traces or paths.
import { matchMaker } from "@colyseus/core";
import type { Application, ErrorRequestHandler, RequestHandler } from "express";
import helmet from "helmet";

/** Allowed cross-origin callers from FAULTLINE_CORS_ORIGINS (comma-separated); none by default. */
export function corsOriginsFromEnv(env: NodeJS.ProcessEnv = process.env): string[] {
  return (env["FAULTLINE_CORS_ORIGINS"] ?? "")
    .split(",")
    .map((o) => o.trim().replace(/\/+$/, ""))
    .filter(Boolean);
}

/**
 * CORS for every response: Colyseus adds its CORS headers to all requests (matchmaking and
 * express alike) through these two hooks, and by default reflects any origin with credentials.
 * Here only the configured origins are allowed; same-origin pages need no CORS at all.
 */
export function configureCors(origins: readonly string[]): void {
  const allowed = new Set(origins);
  const controller = matchMaker.controller as unknown as {
    DEFAULT_CORS_HEADERS: Record<string, string>;
    getCorsHeaders(headers: Headers): Record<string, string>;
  };
  controller.DEFAULT_CORS_HEADERS = {
    "Access-Control-Allow-Headers": "Origin, X-Requested-With, Content-Type, Accept, Authorization",
    "Access-Control-Allow-Methods": "GET,HEAD,POST",
    "Access-Control-Max-Age": "600",
    Vary: "Origin",
  };
  controller.getCorsHeaders = (headers: Headers): Record<string, string> => {
    const origin = headers.get("origin");
    return origin && allowed.has(origin) ? { "Access-Control-Allow-Origin": origin } : {};
  };
}

/** Security headers (helmet). `connect` lists extra origins the page may call (the CORS origins). */
export function securityHeaders(connect: readonly string[] = []): RequestHandler {
  const game = headersFor(connect, false);
  const workbench = headersFor(connect, true);
  return (req, res, next) => (WORKBENCH_PAGE.test(req.path) ? workbench : game)(req, res, next);
}

/** The workbench page (its HTML; its scripts and styles are files under /assets). */
const WORKBENCH_PAGE = /^\/workbench(\.html)?\/?$/;

function headersFor(connect: readonly string[], workbench: boolean): RequestHandler {
  const ws = connect.map((o) => o.replace(/^http/, "ws"));
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "script-src-attr": ["'none'"],
        // The workbench's editor (CodeMirror) writes its styles into <style> elements at run time;
        // CSS cannot run code, and scripts stay 'self' only there too.
        "style-src": workbench ? ["'self'", "'unsafe-inline'"] : ["'self'"],
        // The panels set colours and widths in style attributes (legend swatches, inputs); style
        // attributes cannot run code, while <style> blocks and scripts stay 'self' only.
        "style-src-attr": ["'unsafe-inline'"],
        // Phaser makes its default textures from data: URIs and may draw from blobs.
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'", "data:"],
        "media-src": ["'self'", "data:", "blob:"],
        "worker-src": ["'self'", "blob:"],
        // 'self' covers the WebSocket to the same host and port (CSP level 3).
        "connect-src": ["'self'", ...connect, ...ws],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
      },
    },
    xFrameOptions: { action: "deny" },
    // Plain http on a classroom LAN is a real deployment: do not force https (HSTS only applies over https anyway).
    strictTransportSecurity: { maxAge: 15_552_000, includeSubDomains: false },
  });
}

/** An error reply: a namespaced code and a plain message, never a stack trace or a path. */
export interface HttpError {
  code: string;
  message: string;
}

/** Refuses a request body that is not JSON (a cross-site form POST cannot create anything). */
export const jsonOnly: RequestHandler = (req, res, next) => {
  const hasBody = Number(req.headers["content-length"] ?? 0) > 0 || req.headers["transfer-encoding"] !== undefined;
  if (req.method === "GET" || req.method === "HEAD" || req.method === "OPTIONS" || !hasBody) return next();
  if (req.is("application/json")) return next();
  res.status(415).json({ code: "http/json_only", message: "Send the request body as application/json." } satisfies HttpError);
};

/** JSON 404 for unknown API paths. */
export const apiNotFound: RequestHandler = (req, res, next) => {
  if (!req.path.startsWith("/api/")) return next();
  res.status(404).json({ code: "http/not_found", message: "No such API route." } satisfies HttpError);
};

/** The last handler: every error becomes JSON with a code; the details go to the log only. */
export const jsonErrors: ErrorRequestHandler = (err: unknown, _req, res, next) => {
  if (res.headersSent) return next(err);
  const e = err as { status?: number; statusCode?: number; type?: string; message?: string };
  const status = e.status ?? e.statusCode ?? 500;
  let body: HttpError;
  if (e.type === "entity.parse.failed") body = { code: "http/bad_json", message: "The request body is not valid JSON." };
  else if (e.type === "entity.too.large") body = { code: "http/too_large", message: "The request body is too large." };
  else if (status >= 400 && status < 500) body = { code: `http/${status}`, message: "The request was refused." };
  else {
    console.error(`http: ${e.message ?? String(err)}`);
    body = { code: "server/error", message: "Something went wrong on the server." };
  }
  res.status(status).json(body);
};

/** Express settings every Faultline app gets. */
export function hardenApp(app: Application): void {
  app.disable("x-powered-by");
  app.set("etag", "strong");
}
