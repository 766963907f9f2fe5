import { realpathSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

import { getClient } from "@assay/sdk";

import { digitPath } from "./digits";
import { TRAIN_SIZE } from "./digits/data";
import type { Example } from "./catalog";
import { EXAMPLES } from "./catalog";
import type { ExampleOptions, ExampleReport } from "./shared/example";
import { defaultDataRoot } from "./shared/paths";

/**
 * Runs every example (or the named ones) against one registry. Work already done is skipped: test cases, suites
 * and models are loaded when they exist, and `test()` infers only what a model has not inferred yet, so seeding
 * a filled registry again takes seconds.
 */
export async function seed(
  options: ExampleOptions & { only?: readonly string[] | undefined },
): Promise<ExampleReport[]> {
  const log = options.log ?? console.log;
  const chosen = pick(options.only);
  const reports: ExampleReport[] = [];
  for (const example of chosen) {
    log(`seed: ${example.name}: ${example.summary}`);
    const started = performance.now();
    const report = await example.run(options);
    const inferred = report.runs.reduce((sum, run) => sum + run.inferred, 0);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    log(
      `seed: ${example.name} done in ${seconds} s, ` +
        (inferred > 0 ? `${inferred} inferences` : "nothing new to infer"),
    );
    reports.push(report);
  }
  return reports;
}

function pick(names: readonly string[] | undefined): readonly Example[] {
  if (!names || names.length === 0) return EXAMPLES;
  return names.map((name) => {
    const example = EXAMPLES.find((candidate) => candidate.name === name);
    if (!example) {
      throw new Error(
        `no example named '${name}' (examples: ${EXAMPLES.map((e) => e.name).join(", ")})`,
      );
    }
    return example;
  });
}

/**
 * Whether the server serves files from the data root (its `--data-root`), tried on one file the examples wrote.
 * A server started without it still works, but the web UI cannot show the examples' images.
 */
async function servesDataRoot(dataRoot: string): Promise<boolean> {
  const token = process.env.ASSAY_TOKEN;
  if (!token) return true;
  const probe = digitPath(dataRoot, { index: TRAIN_SIZE, label: 0, pixels: [] });
  const response = await fetch(`${getClient().url}/assets?path=${encodeURIComponent(probe)}`, {
    method: "HEAD",
    headers: { authorization: `Bearer ${token}` },
  });
  return response.status !== 403;
}

const USAGE = `Usage: tsx src/seed.ts [--data-root DIR] [EXAMPLE]...

Fills the registry at ASSAY_URL (token: ASSAY_TOKEN) with the examples (${EXAMPLES.map((e) => e.name).join(", ")}),
writing their images under DIR (default: ASSAY_DATA_ROOT, else .assay/data), which the server must serve:
  assay-server serve --data-root DIR
`;

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { "data-root": { type: "string" }, help: { type: "boolean", short: "h" } },
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const dataRoot = resolve(values["data-root"] ?? defaultDataRoot());
  await seed({ dataRoot, only: positionals });
  if (!(await servesDataRoot(dataRoot))) {
    console.warn(
      `seed: the server does not serve ${dataRoot}: restart it with --data-root ${dataRoot} to see the images`,
    );
  }
  return 0;
}

const script = process.argv[1];
if (script && realpathSync(script) === fileURLToPath(import.meta.url)) {
  try {
    process.exitCode = await main(process.argv.slice(2));
  } catch (error) {
    console.error(error instanceof Error ? `seed: ${error.message}` : error);
    process.exitCode = 1;
  }
}
