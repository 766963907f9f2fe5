import { z } from "zod";

import { baseSchemaOf } from "../schema/data-type";
import type { AnySchema } from "../schema/introspect";
import { defOf, shapeOf, unwrap } from "../schema/introspect";
import { mapSchema, rebuild } from "../schema/map";
import { parseWith } from "../schema/parse";
import type { WorkflowJsonSchema } from "./define";

/**
 * Checks values against a workflow's registered JSON Schema, as the server does: it never sees the zod schemas
 * a script defined, only their JSON Schema. JSON Schema cannot express the rules of Assay's built-in types
 * (a box's derived fields, a text segment's `start < end`), so every object tagged with a built-in `dataType`
 * gets its base type's checks back. Parsing through a validator gives the same value as the SDK's parse.
 */
export class WorkflowValidator {
  private readonly testSample: AnySchema;
  private readonly groundTruth: AnySchema;
  private readonly inference: AnySchema;

  constructor(readonly schema: WorkflowJsonSchema) {
    this.testSample = schemaFromJsonSchema(schema.testSample);
    this.groundTruth = schemaFromJsonSchema(schema.groundTruth);
    this.inference = schemaFromJsonSchema(schema.inference);
  }

  parseTestSample(value: unknown, root = "testSample"): Record<string, unknown> {
    return parseWith(this.testSample, value, root) as Record<string, unknown>;
  }

  parseGroundTruth(value: unknown, root = "groundTruth"): Record<string, unknown> {
    return parseWith(this.groundTruth, value, root) as Record<string, unknown>;
  }

  parseInference(value: unknown, root = "inference"): Record<string, unknown> {
    return parseWith(this.inference, value, root) as Record<string, unknown>;
  }
}

export function schemaFromJsonSchema(json: z.core.JSONSchema.BaseSchema): AnySchema {
  return mapSchema(z.fromJSONSchema(json), withBuiltInChecks);
}

function withBuiltInChecks(node: AnySchema): AnySchema {
  const tag = shapeOf(node)?.dataType;
  if (!tag) return node;
  const literal = defOf(unwrap(tag).inner);
  if (literal.type !== "literal" || typeof literal.values[0] !== "string") return node;
  const base = baseSchemaOf(literal.values[0]);
  const checks = base ? (defOf(base).checks ?? []) : [];
  if (checks.length === 0) return node;
  const def = defOf(node);
  return rebuild(node, { ...def, checks: [...(def.checks ?? []), ...checks] } as typeof def);
}
