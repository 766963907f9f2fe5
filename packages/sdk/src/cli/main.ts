import { AssayError } from "@assay/workflow";

import { AUDIT_HELP, auditCommand } from "./commands/audit";
import { GATE_HELP, gateCommand } from "./commands/gate";
import { MODEL_HELP, modelCommand } from "./commands/model";
import { RESULTS_HELP, resultsCommand } from "./commands/results";
import { SUITE_HELP, suiteCommand } from "./commands/suite";
import { TEST_HELP, testCommand } from "./commands/test";
import type { Io } from "./io";
import { UsageError } from "./io";

export const HELP = `assay: the Assay model testing registry from the command line.

Commands:
  serve      start the registry server              (assay serve --help)
  token      make, list and revoke API tokens       (assay token --help)
  backup     copy the store, server running or not; restore (assay backup --help)
  export     the whole registry as JSONL; import      (assay export --help)
  model      list, show, create and update models   (assay model --help)
  suite      list and show test suites              (assay suite --help)
  test       test a model from a file of inferences (assay test --help)
  results    print a test run's results             (assay results --help)
  gate       fail CI when a metric is too low or regressed (assay gate --help)
  audit      who changed what in the registry          (assay audit --help)

Every command takes --json. Commands that talk to a server use ASSAY_URL (default http://localhost:8080)
and ASSAY_TOKEN (a token made with \`assay token create\`).
`;

const COMMANDS: Record<string, { run: (args: string[], io: Io) => Promise<number>; help: string }> =
  {
    model: { run: modelCommand, help: MODEL_HELP },
    suite: { run: suiteCommand, help: SUITE_HELP },
    test: { run: testCommand, help: TEST_HELP },
    results: { run: resultsCommand, help: RESULTS_HELP },
    gate: { run: gateCommand, help: GATE_HELP },
    audit: { run: auditCommand, help: AUDIT_HELP },
  };

/** Commands that work on the store file itself, run by the server's command line. */
const SERVER_COMMANDS = new Set(["serve", "token", "backup", "restore", "export", "import"]);

/** Runs one `assay` command; returns its exit code (0 ok, 1 failed, 2 used wrongly). */
export async function runCli(argv: string[], io: Io): Promise<number> {
  const [name, ...args] = argv;
  if (name !== undefined && SERVER_COMMANDS.has(name)) {
    const { runServerCli } = await import("@assay/server");
    return runServerCli(argv, io);
  }
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    io.out(HELP);
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.err(`assay: unknown command '${name}'\n\n${HELP}`);
    return 2;
  }
  if (args.includes("--help") || args.includes("-h")) {
    io.out(command.help);
    return 0;
  }
  try {
    return await command.run(args, io);
  } catch (error) {
    if (
      error instanceof UsageError ||
      (error instanceof TypeError &&
        "code" in error &&
        String(error.code).startsWith("ERR_PARSE_ARGS"))
    ) {
      io.err(`assay ${name}: ${error.message}\n\n${command.help}`);
      return 2;
    }
    if (error instanceof AssayError) {
      io.err(`assay ${name}: ${error.name}: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

// Run when executed (bin/assay.js imports this module), not when imported by tests.
if (process.argv[1]?.endsWith("assay.js") || process.argv[1]?.endsWith("main.ts")) {
  const code = await runCli(process.argv.slice(2), {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
  });
  process.exitCode = code;
}
