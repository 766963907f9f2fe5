import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";

const RAW = fileURLToPath(new URL("./raw.ts", import.meta.url));

/** Runs `raw.ts` in its own process (through tsx) and returns its `{"seconds": …}` line. */
export function runRaw(args: (string | number)[]): Promise<{ seconds: number; count?: number }> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ["--import", "tsx", RAW, ...args.map(String)],
      { maxBuffer: 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`raw.ts ${args.join(" ")} failed: ${stderr || error.message}`));
        else
          resolve(
            JSON.parse(stdout.trim().split("\n").at(-1) as string) as {
              seconds: number;
              count?: number;
            },
          );
      },
    );
  });
}
