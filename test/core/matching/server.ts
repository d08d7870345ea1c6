/**
 * A feed server on 127.0.0.1 for the pull tests: each path answers with a scripted sequence of
 * responses (status, headers, body) or misbehaves on purpose (hangs, sends less than announced,
 * sends without end).
 */
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export type Reply =
  | { status: number; body?: string | Uint8Array; headers?: Record<string, string> }
  | { hang: true }
  | { truncate: string | Uint8Array; announce: number; headers?: Record<string, string> }
  /** Status 200 and this chunk over and over (chunked, no Content-Length) until the client leaves. */
  | { endless: Uint8Array; headers?: Record<string, string> };

export interface Request {
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
}

export interface FeedServer {
  url: string;
  requests: Request[];
  /** Replies for a path, used in order; the last one repeats. A function sees the request. */
  route(path: string, replies: Reply[] | ((req: Request) => Reply)): void;
  close(): Promise<void>;
}

export async function startServer(): Promise<FeedServer> {
  const routes = new Map<string, { replies: Reply[] | ((req: Request) => Reply); used: number }>();
  const requests: Request[] = [];
  const sockets = new Set<import("node:net").Socket>();
  const server: Server = createServer((req, res: ServerResponse) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const request = { path: url.pathname, query: url.searchParams, headers: req.headers };
    requests.push(request);
    const route = routes.get(url.pathname);
    if (!route) {
      res.writeHead(404).end("not found");
      return;
    }
    const reply =
      typeof route.replies === "function"
        ? route.replies(request)
        : route.replies[Math.min(route.used, route.replies.length - 1)]!;
    route.used++;
    if ("hang" in reply) return;
    if ("truncate" in reply) {
      res.writeHead(200, { ...reply.headers, "Content-Length": String(reply.announce) });
      res.write(reply.truncate, () => res.socket?.destroy());
      return;
    }
    if ("endless" in reply) {
      res.writeHead(200, reply.headers ?? {});
      // Writes until the socket's buffer is full, then again on each drain: never ahead of the client.
      const pump = () => {
        while (!res.destroyed && res.write(reply.endless)) {}
        if (!res.destroyed) res.once("drain", pump);
      };
      pump();
      return;
    }
    res.writeHead(reply.status, reply.headers ?? {});
    res.end(reply.body ?? "");
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    route(path, replies) {
      routes.set(path, { replies, used: 0 });
    },
    close() {
      for (const s of sockets) s.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
