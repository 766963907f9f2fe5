import { InputValidationError } from "@assay/workflow";
import { EXIT, EXIT_CODES_HELP, isParseArgsError } from "@assay/workflow/wire";

import packageJson from "../../package.json" with { type: "json" };
import type { Command, Io } from "./io";
import { NotFoundError, UsageError } from "./io";
import { serveCommand } from "./serve";
import { backupCommand, exportCommand, importCommand, restoreCommand } from "./store";
import { tokenCommand } from "./token";

export type { Io } from "./io";

export const VERSION: string = packageJson.version;

export const USAGE = `assay-server ${VERSION}: the Assay registry server and its store.

Commands:
  serve      start the registry (API, web UI, asset proxy)      (assay-server serve --help)
  token      make, list and revoke API tokens                    (assay-server token --help)
  backup     copy the store, server running or not               (assay-server backup --help)
  restore    put a backup in place of the store                  (assay-server restore --help)
  export     the whole registry as JSONL                         (assay-server export --help)
  import     read an export into a new store                     (assay-server import --help)

The store is a SQLite file (--db, default ./assay.db). \`assay-server --version\` prints the version.
Models, suites, tests and results are the \`assay\` command's (package @assay/sdk).

${EXIT_CODES_HELP}
`;

const COMMANDS: Record<string, Command> = {
  serve: serveCommand,
  token: tokenCommand,
  backup: backupCommand,
  restore: restoreCommand,
  export: exportCommand,
  import: importCommand,
};

/** Runs one `assay-server` command; returns its exit code, or never returns while serving. */
export async function runServerCli(argv: string[], io: Io): Promise<number> {
  const [name, ...args] = argv;
  if (name === "--version" || name === "-v") {
    io.out(`${VERSION}\n`);
    return EXIT.ok;
  }
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    io.out(USAGE);
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.err(`assay-server: unknown command '${name}'\n\n${USAGE}`);
    return EXIT.usage;
  }
  if (args.includes("--help") || args.includes("-h")) {
    io.out(command.help);
    return EXIT.ok;
  }
  try {
    return await command.run(args, io);
  } catch (error) {
    const code = exitCodeOf(error);
    const message = error instanceof Error ? error.message : String(error);
    io.err(`assay-server ${name}: ${message}\n${code === EXIT.usage ? `\n${command.help}` : ""}`);
    return code;
  }
}

function exitCodeOf(error: unknown): number {
  if (
    error instanceof UsageError ||
    error instanceof InputValidationError ||
    isParseArgsError(error)
  )
    return EXIT.usage;
  if (error instanceof NotFoundError || (error as { kind?: unknown }).kind === "NOT_FOUND")
    return EXIT.notFound;
  return EXIT.failed;
}
