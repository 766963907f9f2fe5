import packageJson from "../../package.json" with { type: "json" };
import { AUDIT_HELP, auditCommand } from "./commands/audit";
import { COMPARE_HELP, compareCommand } from "./commands/compare";
import { GATE_HELP, gateCommand } from "./commands/gate";
import { JOB_HELP, jobCommand } from "./commands/job";
import { MODEL_HELP, modelCommand } from "./commands/model";
import { RESULTS_HELP, resultsCommand } from "./commands/results";
import { SUITE_HELP, suiteCommand } from "./commands/suite";
import { TEST_HELP, testCommand } from "./commands/test";
import { errorJson, EXIT, EXIT_CODES_HELP, exitCodeOf, isParseArgsError } from "./exit-codes";
import type { Io } from "./io";
import { formatJson, UsageError } from "./io";

export const VERSION: string = packageJson.version;

export const HELP = `assay ${VERSION}: the Assay model testing registry from the command line.

Commands:
  model      list, show, create and update models   (assay model --help)
  suite      list and show test suites              (assay suite --help)
  test       test a model from a file of inferences (assay test --help)
  results    print a test run's results             (assay results --help)
  compare    compare models with a reference, with tests  (assay compare --help)
  gate       fail CI when a metric is too low or regressed (assay gate --help)
  job        the server's background evaluations       (assay job --help)
  audit      who changed what in the registry          (assay audit --help)

The server and its store are run by \`assay-server\` (package @assay/server): serve, token, backup,
restore, export, import.

Every command takes --json (errors then come as JSON on stdout too) and --help; \`assay --version\`
prints the version. Commands talk to ASSAY_URL (default http://localhost:8080) with ASSAY_TOKEN (a
token made with \`assay-server token create\`).

${EXIT_CODES_HELP}
`;

const COMMANDS: Record<string, { run: (args: string[], io: Io) => Promise<number>; help: string }> =
  {
    model: { run: modelCommand, help: MODEL_HELP },
    suite: { run: suiteCommand, help: SUITE_HELP },
    test: { run: testCommand, help: TEST_HELP },
    results: { run: resultsCommand, help: RESULTS_HELP },
    compare: { run: compareCommand, help: COMPARE_HELP },
    gate: { run: gateCommand, help: GATE_HELP },
    job: { run: jobCommand, help: JOB_HELP },
    audit: { run: auditCommand, help: AUDIT_HELP },
  };

/** Commands of the server's own bin: named here so that a user who types them is sent there. */
const SERVER_COMMANDS = new Set(["serve", "token", "backup", "restore", "export", "import"]);

/** Runs one `assay` command; returns its exit code (see EXIT). */
export async function runCli(argv: string[], io: Io): Promise<number> {
  const [name, ...args] = argv;
  const json = args.includes("--json");
  if (name === "--version" || name === "-v") {
    io.out(`${VERSION}\n`);
    return EXIT.ok;
  }
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    io.out(HELP);
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  const command = COMMANDS[name];
  if (!command) {
    const hint = SERVER_COMMANDS.has(name)
      ? `'${name}' is a command of the server: run \`assay-server ${name}\` (package @assay/server)`
      : `unknown command '${name}'`;
    return fail(new UsageError(hint), `assay: ${hint}\n\n${HELP}`);
  }
  if (args.includes("--help") || args.includes("-h")) {
    io.out(command.help);
    return EXIT.ok;
  }
  if (args.includes("--version")) {
    io.out(`${VERSION}\n`);
    return EXIT.ok;
  }
  try {
    return await command.run(args, io);
  } catch (error) {
    const usage = error instanceof UsageError || isParseArgsError(error);
    const message = error instanceof Error ? error.message : String(error);
    const label = !usage && error instanceof Error ? `${error.name}: ` : "";
    return fail(error, `assay ${name}: ${label}${message}\n${usage ? `\n${command.help}` : ""}`);
  }

  function fail(error: unknown, text: string): number {
    const code = exitCodeOf(error);
    if (json) io.out(formatJson(errorJson(error, code)));
    else io.err(text);
    return code;
  }
}

/** What bin/assay.js runs: the command on this process's streams. */
export function main(argv: string[]): Promise<number> {
  return runCli(argv, {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
  });
}
