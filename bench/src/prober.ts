/**
 * The responsiveness probe, in a process of its own so that the SDK's work does not delay it: `prober.ts URL`
 * asks `URL/healthz` once every 20 ms (one request at a time, on a fresh connection each, as a load balancer's
 * health check does), prints `ready` after the first answer, and once it reads a line on stdin prints
 * `{"count", "p50", "p99", "max"}` in seconds.
 */
import { request } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";

const [url] = process.argv.slice(2);
const INTERVAL_MS = 20;
const latencies: number[] = [];
let stopping = false;
process.stdin.once("data", () => (stopping = true));

function probe(): Promise<number> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const req = request(`${url}/healthz`, { agent: false }, (res) => {
      res.resume();
      res.once("end", () =>
        res.statusCode === 200
          ? resolve((performance.now() - start) / 1000)
          : reject(new Error(`/healthz answered ${res.statusCode}`)),
      );
    });
    req.once("error", reject);
    req.end();
  });
}

latencies.push(await probe());
process.stdout.write("ready\n");
while (!stopping) {
  await sleep(INTERVAL_MS);
  latencies.push(await probe());
}
latencies.sort((a, b) => a - b);
const at = (q: number) =>
  latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
process.stdout.write(
  `${JSON.stringify({ count: latencies.length, p50: at(0.5), p99: at(0.99), max: at(1) })}\n`,
);
process.stdin.destroy();
