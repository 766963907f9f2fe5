import type { WorkflowDefinition } from "@assay/workflow";
import { defineWorkflow as defineWorkflowTypes } from "@assay/workflow";
import type { z } from "zod";

import { bindModel } from "./model";
import { bindTestCase } from "./test-case";
import { bindTestSuite } from "./test-suite";

/**
 * Defines a workflow (validating its three types; see `@assay/workflow`) and returns it with its registry
 * entry points: `TestCase`, `TestSuite` and `Model`, bound to the workflow. The schema is registered with the
 * server when the workflow is first used.
 */
export function defineWorkflow<
  TS extends z.ZodObject,
  GT extends z.ZodObject,
  INF extends z.ZodObject,
>(definition: WorkflowDefinition<TS, GT, INF>) {
  const workflow = defineWorkflowTypes(definition);
  return {
    workflow,
    TestCase: bindTestCase(workflow),
    TestSuite: bindTestSuite(workflow),
    Model: bindModel(workflow),
  };
}
