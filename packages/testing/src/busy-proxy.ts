import type { IncomingMessage, ServerResponse } from "node:http";
import { createServer, request } from "node:http";
import type { AddressInfo } from "node:net";

export interface BusyProxy {
  url: string;
  /** Requests answered 429 so far, and all requests received. */
  readonly refused: number;
  readonly requests: number;
  /** When each request arrived (ms since the epoch). */
  readonly arrivals: readonly number[];
  close(): Promise<void>;
}

/**
 * An HTTP proxy in front of a server that answers the first `refuse` requests itself with 429 and a
 * `Retry-After` of `retryAfterSeconds` (a server under load), or, with `hang`, never answers at all; later
 * requests are forwarded as they are.
 */
export async function startBusyProxy(
  target: string,
  options: { refuse?: number; retryAfterSeconds?: number; hang?: boolean },
): Promise<BusyProxy> {
  const upstream = new URL(target);
  let left = options.refuse ?? 0;
  let refused = 0;
  const arrivals: number[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    arrivals.push(Date.now());
    if (options.hang) return;
    if (left > 0) {
      left--;
      refused++;
      req.resume();
      res.writeHead(429, {
        "Retry-After": String(options.retryAfterSeconds ?? 1),
        "Content-Type": "application/json",
      });
      res.end(
        JSON.stringify({ error: { message: "busy", code: -32029, data: { httpStatus: 429 } } }),
      );
      return;
    }
    const forward = request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: req.headers,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forward.once("error", () => res.destroy());
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get refused() {
      return refused;
    },
    get requests() {
      return arrivals.length;
    },
    arrivals,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
