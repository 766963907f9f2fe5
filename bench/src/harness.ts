import { readFileSync } from "node:fs";

/**
 * One line of `pnpm bench` output. `ratio = seconds / baselineSeconds`; `target` is the ratio it must stay under.
 * A target given in seconds (`maxSeconds`) is written as the ratio it means against this run's baseline.
 */
export interface BenchLine {
  name: string;
  n: number;
  seconds: number;
  baselineSeconds: number;
  ratio: number;
  peakRssMb: number;
  target: number;
  maxSeconds?: number;
  /** A ceiling on `peakRssMb`, where memory is part of the target. */
  maxPeakRssMb?: number;
  pass: boolean;
  /** What the baseline was. */
  baseline: string;
}

type LineFields = Omit<BenchLine, "ratio" | "pass" | "target" | "maxSeconds"> &
  ({ target: number } | { maxSeconds: number });

export function line(fields: LineFields): BenchLine {
  const ratio = fields.seconds / fields.baselineSeconds;
  const target = "target" in fields ? fields.target : fields.maxSeconds / fields.baselineSeconds;
  return {
    ...fields,
    target: round(target, 4),
    ratio: round(ratio, 4),
    seconds: round(fields.seconds, 3),
    baselineSeconds: round(fields.baselineSeconds, 3),
    pass:
      ratio <= target &&
      (fields.maxPeakRssMb === undefined || fields.peakRssMb <= fields.maxPeakRssMb),
  };
}

export async function timed<T>(fn: () => Promise<T> | T): Promise<{ seconds: number; value: T }> {
  const start = process.hrtime.bigint();
  const value = await fn();
  return { seconds: Number(process.hrtime.bigint() - start) / 1e9, value };
}

/**
 * Peak resident memory of this process (getrusage, MB) or, given a pid, of that process (VmHWM from /proc,
 * Linux), so a benchmark can report the server's peak as well as the SDK's.
 */
export function peakRssMb(pid?: number): number {
  if (pid === undefined) return round(process.resourceUsage().maxRSS / 1024, 1);
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return round(kb / 1024, 1);
}

/** The median of five timed calls, in seconds (for quick calls, whose single timings are noisy). */
export async function medianSeconds(fn: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < 5; i++) times.push((await timed(fn)).seconds);
  return times.sort((a, b) => a - b)[2] as number;
}

export function round(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

/** How many samples: 1M by default, fewer with BENCH_SAMPLES (CI runs a reduced size so the harness cannot rot). */
export function sampleCount(): number {
  const n = Number(process.env.BENCH_SAMPLES ?? 1_000_000);
  if (!Number.isInteger(n) || n < 1000)
    throw new Error("BENCH_SAMPLES must be an integer of at least 1000");
  return n;
}
