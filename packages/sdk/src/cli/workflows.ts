import { Workflow } from "@assay/workflow";

import { getClient } from "../client/client";
import { bindModel } from "../registry/model";
import { bindTestCase } from "../registry/test-case";
import { bindTestSuite } from "../registry/test-suite";

/** A workflow as the server registered it, with its entry points: what the CLI works with, no code needed. */
export async function remoteWorkflow(name: string) {
  const client = getClient();
  const schema = await client.call((trpc) => trpc.workflow.schema.query({ name }));
  const workflow = Workflow.fromJSONSchema(schema);
  return {
    workflow,
    Model: bindModel(workflow),
    TestCase: bindTestCase(workflow),
    TestSuite: bindTestSuite(workflow),
  };
}

/** The workflow of a test suite, found by the suite's name. */
export async function workflowOfSuite(name: string): Promise<string> {
  const record = await getClient().call((trpc) => trpc.testSuite.load.query({ name }));
  return record.workflow;
}

/** The workflow of a model, found by the model's name. */
export async function workflowOfModel(name: string): Promise<string> {
  const record = await getClient().call((trpc) => trpc.model.load.query({ name }));
  return record.workflow;
}
