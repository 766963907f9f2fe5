import { parseArgs } from "node:util";

import { getClient } from "../../client/client";
import type { Io } from "../io";
import { formatJson, formatTable, nameAndVersion, UsageError } from "../io";
import { required } from "./model";

export const SUITE_HELP = `Usage:
  assay suite list [--workflow W] [--tag T]... [--search TEXT] [--json]
      Test suites at their latest versions; --tag keeps suites carrying every given tag.
  assay suite show NAME[@VERSION] [--json]
      One version (the latest by default): its test cases with their versions and sample counts, and the
      suite's versions.
`;

export async function suiteCommand(args: string[], io: Io): Promise<number> {
  const [sub, ...rest] = args;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      workflow: { type: "string" },
      tag: { type: "string", multiple: true },
      search: { type: "string" },
      json: { type: "boolean", default: false },
    },
  });
  const client = getClient();
  if (sub === "list") {
    const suites = await client.listAll((trpc, cursor) =>
      trpc.testSuite.list.query({
        workflow: values.workflow,
        tags: values.tag,
        search: values.search,
        cursor,
        limit: 1000,
      }),
    );
    io.out(
      values.json
        ? formatJson(suites)
        : formatTable(
            ["NAME", "VERSION", "WORKFLOW", "TEST CASES", "TAGS"],
            suites.map((s) => [
              s.name,
              String(s.version),
              s.workflow,
              String(s.testCases.length),
              s.tags.join(", "),
            ]),
          ),
    );
    return 0;
  }
  if (sub === "show") {
    const [name, version] = nameAndVersion(required(positionals[0], "suite show needs a NAME"));
    const suite = await client.call((trpc) => trpc.testSuite.load.query({ name, version }));
    const versions = await client.call((trpc) =>
      trpc.testSuite.versions.query({ testSuiteId: suite.testSuiteId }),
    );
    if (values.json) {
      io.out(
        formatJson({
          ...suite,
          versions: versions.map((v) => ({
            version: v.version,
            id: v.id,
            testCases: v.testCases.length,
            createdAt: v.createdAt,
          })),
        }),
      );
      return 0;
    }
    io.out(
      `${suite.name} v${suite.version} (${suite.workflow})${suite.tags.length ? `  tags: ${suite.tags.join(", ")}` : ""}\n`,
    );
    if (suite.description) io.out(`${suite.description}\n`);
    io.out("\n");
    io.out(
      formatTable(
        ["TEST CASE", "VERSION", "SAMPLES"],
        suite.testCases.map((tc) => [tc.name, String(tc.version), String(tc.sampleCount)]),
      ),
    );
    io.out(
      `\nVersions: ${versions.map((v) => `v${v.version} (${v.testCases.length} test cases, ${v.createdAt.toISOString()})`).join("; ")}\n`,
    );
    return 0;
  }
  throw new UsageError(sub ? `unknown suite command '${sub}'` : "suite needs a command");
}
