import { parseArgs } from "node:util";

import type { ModelRecord } from "@assay/workflow/wire";

import { getClient } from "../../client/client";
import type { Io } from "../io";
import { formatJson, formatTable, jsonObjectArgument, UsageError } from "../io";

export const MODEL_HELP = `Usage:
  assay model list [--workflow W] [--tag T]... [--search TEXT] [--json]
      Models, newest last; --tag keeps models carrying every given tag.
  assay model show NAME [--json]
      A model's workflow, tags, metadata and the suites it was tested on.
  assay model create NAME --workflow W [--metadata JSON|@FILE] [--tag T]... [--json]
  assay model update NAME [--name NEW] [--metadata JSON|@FILE] [--tag T]... [--clear-tags] [--json]
      Renames (names are unique) and replaces metadata and tags; what is not given is kept.

Metadata is a JSON object, inline ('{"framework":"onnx"}') or read from a file (@metadata.json).
`;

export async function modelCommand(args: string[], io: Io): Promise<number> {
  const [sub, ...rest] = args;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      workflow: { type: "string" },
      tag: { type: "string", multiple: true },
      search: { type: "string" },
      metadata: { type: "string" },
      name: { type: "string" },
      "clear-tags": { type: "boolean", default: false },
      json: { type: "boolean", default: false },
    },
  });
  const client = getClient();
  const print = (record: ModelRecord) =>
    io.out(values.json ? formatJson(record) : describeModel(record));
  switch (sub) {
    case "list": {
      const models = await client.listAll((trpc, cursor) =>
        trpc.model.list.query({
          workflow: values.workflow,
          tags: values.tag,
          search: values.search,
          cursor,
          limit: 1000,
        }),
      );
      io.out(
        values.json
          ? formatJson(models)
          : formatTable(
              ["NAME", "WORKFLOW", "TAGS", "CREATED"],
              models.map((m) => [m.name, m.workflow, m.tags.join(", "), m.createdAt.toISOString()]),
            ),
      );
      return 0;
    }
    case "show": {
      const name = required(positionals[0], "model show needs a NAME");
      const model = await client.call((trpc) => trpc.model.load.query({ name }));
      const runs = await client.call((trpc) => trpc.model.testRuns.query({ modelId: model.id }));
      const suites = await Promise.all(
        runs.map((run) => client.call((trpc) => trpc.testSuite.get.query({ id: run.testSuiteId }))),
      );
      const tested = runs.map((run, i) => ({
        suite: suites[i]?.name,
        version: suites[i]?.version,
        evaluator: run.evaluator,
        status: run.status,
        testRunId: run.id,
      }));
      if (values.json) io.out(formatJson({ ...model, testRuns: tested }));
      else {
        io.out(describeModel(model));
        io.out("\nTested on:\n");
        io.out(
          formatTable(
            ["SUITE", "VERSION", "EVALUATOR", "STATUS", "RUN"],
            tested.map((t) => [
              t.suite ?? "?",
              String(t.version),
              t.evaluator ?? "",
              t.status,
              String(t.testRunId),
            ]),
          ),
        );
      }
      return 0;
    }
    case "create": {
      const name = required(positionals[0], "model create needs a NAME");
      const workflow = required(values.workflow, "model create needs --workflow");
      const metadata =
        values.metadata === undefined
          ? undefined
          : jsonObjectArgument(values.metadata, "--metadata");
      print(
        await client.call((trpc) =>
          trpc.model.create.mutate({ name, workflow, metadata, tags: values.tag }),
        ),
      );
      return 0;
    }
    case "update": {
      const name = required(positionals[0], "model update needs a NAME");
      const model = await client.call((trpc) => trpc.model.load.query({ name }));
      const metadata =
        values.metadata === undefined
          ? undefined
          : jsonObjectArgument(values.metadata, "--metadata");
      const tags = values["clear-tags"] ? [] : values.tag;
      print(
        await client.call((trpc) =>
          trpc.model.update.mutate({ id: model.id, name: values.name, metadata, tags }),
        ),
      );
      return 0;
    }
    default:
      throw new UsageError(sub ? `unknown model command '${sub}'` : "model needs a command");
  }
}

function describeModel(model: ModelRecord): string {
  return (
    formatTable(
      ["NAME", "WORKFLOW", "TAGS", "CREATED", "UPDATED"],
      [
        [
          model.name,
          model.workflow,
          model.tags.join(", "),
          model.createdAt.toISOString(),
          model.updatedAt.toISOString(),
        ],
      ],
    ) + `metadata: ${formatJson(model.metadata)}`
  );
}

export function required(value: string | undefined, message: string): string {
  if (value === undefined || value === "") throw new UsageError(message);
  return value;
}
