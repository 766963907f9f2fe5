import { z } from "zod";

import type { ValidationIssue } from "../errors";
import { InputValidationError } from "../errors";
import { parseWith } from "../schema/parse";
import { schemaFromJsonSchema } from "./json-schema";
import { workflowName } from "./names";
import { checkDataSchema, checkTestSampleSchema } from "./schema-rules";

export interface WorkflowDefinition<
  TS extends z.ZodObject = z.ZodObject,
  GT extends z.ZodObject = z.ZodObject,
  INF extends z.ZodObject = z.ZodObject,
> {
  /** Unique across the registry; trimmed. */
  name: string;
  /** Extends one of the base test sample kinds (`Image`, `Text`, …). */
  testSample: TS;
  /** Extends `GroundTruth`. */
  groundTruth: GT;
  /** Extends `Inference`. */
  inference: INF;
}

/** The JSON Schemas of a workflow's three types: what the server checks uploads against. */
export interface WorkflowJsonSchema {
  name: string;
  testSampleType: string;
  testSample: z.core.JSONSchema.BaseSchema;
  groundTruth: z.core.JSONSchema.BaseSchema;
  inference: z.core.JSONSchema.BaseSchema;
}

/**
 * A validated workflow: the schemas of its test samples, ground truths and inferences, and parsers that check
 * values against them. Make one with `defineWorkflow`.
 */
export class Workflow<
  TS extends z.ZodObject = z.ZodObject,
  GT extends z.ZodObject = z.ZodObject,
  INF extends z.ZodObject = z.ZodObject,
> {
  /** The tag of the test sample kind, e.g. `"TEST_SAMPLE/IMAGE"`. */
  readonly testSampleType: string;
  /** For a composite test sample, the names of its element fields. */
  readonly compositeElements: readonly string[];
  /** Whether test samples carry `metadata` (stored apart from their identity). */
  readonly hasMetadata: boolean;
  /** The registered schema this workflow was rebuilt from (see `fromJSONSchema`). */
  private source: WorkflowJsonSchema | undefined;

  /** @internal use `defineWorkflow`, which validates the definition first. */
  constructor(
    readonly name: string,
    readonly testSample: TS,
    readonly groundTruth: GT,
    readonly inference: INF,
    shape: { dataType: string; elements: readonly string[] },
  ) {
    this.testSampleType = shape.dataType;
    this.compositeElements = shape.elements;
    this.hasMetadata = "metadata" in testSample.shape;
  }

  /**
   * A workflow as the server knows it, rebuilt from its registered JSON Schema: for tools that work with any
   * workflow without its TypeScript definition (the CLI). Values parse exactly as the server checks them.
   */
  static fromJSONSchema(schema: WorkflowJsonSchema): Workflow {
    const object = (json: z.core.JSONSchema.BaseSchema) =>
      schemaFromJsonSchema(json) as z.ZodObject;
    const workflow = new Workflow(
      schema.name,
      object(schema.testSample),
      object(schema.groundTruth),
      object(schema.inference),
      {
        dataType: schema.testSampleType,
        elements: [],
      },
    );
    workflow.source = schema;
    (workflow as { hasMetadata: boolean }).hasMetadata =
      "metadata" in (schema.testSample.properties ?? {});
    return workflow;
  }

  /** Checks a test sample and returns it complete (defaults and derived fields filled). */
  parseTestSample(value: unknown, root = "testSample"): z.output<TS> {
    return parseWith(this.testSample, value, root);
  }

  parseGroundTruth(value: unknown, root = "groundTruth"): z.output<GT> {
    return parseWith(this.groundTruth, value, root);
  }

  parseInference(value: unknown, root = "inference"): z.output<INF> {
    return parseWith(this.inference, value, root);
  }

  toJSONSchema(): WorkflowJsonSchema {
    if (this.source) return this.source;
    const convert = (schema: z.ZodObject) =>
      z.toJSONSchema(schema, { io: "input", unrepresentable: "throw" });
    return {
      name: this.name,
      testSampleType: this.testSampleType,
      testSample: convert(this.testSample),
      groundTruth: convert(this.groundTruth),
      inference: convert(this.inference),
    };
  }
}

/**
 * Validates a workflow definition and returns the workflow. Throws an `InputValidationError` listing every
 * field whose type Assay cannot store (records, tuples, nested objects, transforms, …), a bad `metadata`, a
 * field named `dataType`, and an empty or reserved name.
 */
export function defineWorkflow<
  TS extends z.ZodObject,
  GT extends z.ZodObject,
  INF extends z.ZodObject,
>(definition: WorkflowDefinition<TS, GT, INF>): Workflow<TS, GT, INF> {
  const name = workflowName(definition.name);
  const issues: ValidationIssue[] = [];
  const shape = checkTestSampleSchema(definition.testSample, "testSample", issues);
  const elements = shape?.elements ?? [];
  checkDataSchema(definition.groundTruth, "groundTruth", issues, elements);
  checkDataSchema(definition.inference, "inference", issues, elements);
  if (issues.length > 0 || !shape) throw new InputValidationError(issues);
  return new Workflow(
    name,
    definition.testSample,
    definition.groundTruth,
    definition.inference,
    shape,
  );
}
