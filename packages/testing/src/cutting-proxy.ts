import type { AddressInfo, Socket } from "node:net";
import { connect, createServer } from "node:net";

export interface CuttingProxy {
  url: string;
  /** Connections that were cut, and all connections opened. */
  readonly cuts: number;
  readonly connections: number;
  close(): Promise<void>;
}

/**
 * A TCP proxy in front of a server that breaks the first `cuts` connections once they have carried more than
 * `afterBytes` of response: a network failure in the middle of a long response, for tests of resuming.
 */
export async function startCuttingProxy(
  target: string,
  options: { afterBytes: number; cuts?: number },
): Promise<CuttingProxy> {
  const { hostname, port } = new URL(target);
  let cutsLeft = options.cuts ?? 1;
  let cuts = 0;
  let connections = 0;
  const sockets = new Set<Socket>();
  const proxy = createServer((client) => {
    connections++;
    const upstream = connect(Number(port), hostname);
    sockets.add(client).add(upstream);
    let relayed = 0;
    client.on("data", (chunk) => upstream.write(chunk));
    upstream.on("data", (chunk: Buffer) => {
      relayed += chunk.length;
      if (cutsLeft > 0 && relayed > options.afterBytes) {
        cutsLeft--;
        cuts++;
        client.destroy();
        upstream.destroy();
        return;
      }
      client.write(chunk);
    });
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on("close", end).on("error", end);
    upstream.on("close", end).on("error", end);
  });
  await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`,
    get cuts() {
      return cuts;
    },
    get connections() {
      return connections;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        proxy.close(() => resolve());
      }),
  };
}
