import type { DestinationStream, Logger, LevelWithSilent } from "pino";
import { pino, stdTimeFunctions } from "pino";

export type { Logger } from "pino";

export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

export interface LoggerOptions {
  /** @default "info" */
  level?: LevelWithSilent;
  /** Where lines go; standard error by default (standard output is the server's banner, for people). */
  destination?: DestinationStream;
}

/**
 * The server's log: one JSON object per line (pino), with an ISO time and the level by name, for a log collector
 * to read. Nothing secret is ever passed to it (requests are logged by method, path and status, never headers or
 * bodies); the redaction below is a second line for a header that slips into an error's fields.
 */
export function createLogger(options: LoggerOptions = {}): Logger {
  return pino(
    {
      level: options.level ?? "info",
      base: { name: "assay-server" },
      timestamp: stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: {
        paths: ["*.authorization", "*.cookie", '*["set-cookie"]', "*.token", "*.*.authorization"],
        censor: "[redacted]",
      },
    },
    options.destination ?? pino.destination({ fd: 2, sync: false }),
  );
}
