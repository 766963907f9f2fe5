import type { ChildProcess } from "node:child_process";
import { execFile, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const script = (name: string) => fileURLToPath(new URL(`./${name}`, import.meta.url));

/** Runs a bench script in its own process (through tsx) and returns the JSON of its last line. */
function runScript<T>(
  name: string,
  args: (string | number)[],
  env?: NodeJS.ProcessEnv,
): Promise<T> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ["--import", "tsx", script(name), ...args.map(String)],
      { maxBuffer: 1024 * 1024, env: env ? { ...process.env, ...env } : process.env },
      (error, stdout, stderr) => {
        if (error)
          reject(new Error(`${name} ${args.join(" ")} failed: ${stderr || error.message}`));
        else resolve(JSON.parse(stdout.trim().split("\n").at(-1) as string) as T);
      },
    );
  });
}

/** Runs `raw.ts` (the floors) and returns its `{"seconds": …}` line. */
export function runRaw(args: (string | number)[]): Promise<{ seconds: number; count?: number }> {
  return runScript("raw.ts", args);
}

/**
 * `clients` SDK clients in one process of their own, each ingesting `perClient` samples at once, the samples
 * numbered from `from` on.
 */
export function runIngestClients(
  server: { url: string; token: string },
  prefix: string,
  clients: number,
  perClient: number,
  from = 0,
): Promise<{ seconds: number }> {
  return runScript("ingest-client.ts", [prefix, clients, perClient, from], {
    ASSAY_URL: server.url,
    ASSAY_TOKEN: server.token,
  });
}

export interface Probed {
  count: number;
  p50: number;
  p99: number;
  max: number;
}

/** Starts probing `url/healthz` from a process of its own; `stop()` ends it and returns the latencies. */
export async function startProbe(url: string): Promise<{ stop(): Promise<Probed> }> {
  const child: ChildProcess = spawn(
    process.execPath,
    ["--import", "tsx", script("prober.ts"), url],
    {
      stdio: ["pipe", "pipe", "inherit"],
    },
  );
  let output = "";
  const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
  // Probing once it has answered a first time, so that the phase it watches is watched from its start.
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (output.startsWith("ready\n")) resolve();
    });
    void exited.then((code) => reject(new Error(`the /healthz prober exited with ${code}`)));
  });
  return {
    async stop() {
      child.stdin?.write("stop\n");
      const code = await exited;
      if (code !== 0) throw new Error(`the /healthz prober exited with ${code}`);
      return JSON.parse(output.trim().split("\n").at(-1) as string) as Probed;
    },
  };
}
