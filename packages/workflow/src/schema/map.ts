import { z } from "zod";

import type { AnySchema, SchemaDef } from "./introspect";
import { defOf } from "./introspect";

/**
 * Rebuilds `schema` bottom-up: every nested schema is mapped first, then `visit` may replace the rebuilt node.
 * Nodes whose children did not change are kept as they are, so an untouched schema maps to itself.
 */
export function mapSchema(schema: AnySchema, visit: (node: AnySchema) => AnySchema): AnySchema {
  const memo = new Map<AnySchema, AnySchema>();
  // A recursive schema reaches its own mapped form through a lazy getter (a JSON value's arrays hold mapped JSON
  // values): mapping that again wrapped it once more per level of the value being parsed, and a 26-level object
  // took minutes to validate.
  const outputs = new Set<AnySchema>();
  const walk = (node: AnySchema): AnySchema => {
    if (outputs.has(node)) return node;
    const hit = memo.get(node);
    if (hit) return hit;
    const mapped = visit(withChildren(node, walk));
    memo.set(node, mapped);
    outputs.add(mapped);
    return mapped;
  };
  return walk(schema);
}

function withChildren(schema: AnySchema, walk: (node: AnySchema) => AnySchema): AnySchema {
  const def = defOf(schema);
  switch (def.type) {
    case "object": {
      const shape = mapEntries(def.shape, walk);
      const catchall = def.catchall && walk(def.catchall);
      if (shape === def.shape && catchall === def.catchall) return schema;
      return rebuild(schema, { ...def, shape, catchall });
    }
    case "array":
      return replace(schema, def, "element", def.element, walk);
    case "record":
      return replace(schema, def, "valueType", def.valueType, walk);
    case "tuple": {
      const items = def.items.map(walk);
      const rest = def.rest && walk(def.rest);
      if (items.every((item, i) => item === def.items[i]) && rest === def.rest) return schema;
      return rebuild(schema, { ...def, items, rest });
    }
    case "union": {
      const options = def.options.map(walk);
      if (options.every((option, i) => option === def.options[i])) return schema;
      return rebuild(schema, { ...def, options });
    }
    case "intersection": {
      const left = walk(def.left);
      const right = walk(def.right);
      if (left === def.left && right === def.right) return schema;
      return rebuild(schema, { ...def, left, right });
    }
    case "pipe": {
      const pipeIn = walk(def.in);
      const pipeOut = walk(def.out);
      if (pipeIn === def.in && pipeOut === def.out) return schema;
      return rebuild(schema, { ...def, in: pipeIn, out: pipeOut });
    }
    case "optional":
    case "nullable":
    case "default":
    case "prefault":
    case "readonly":
    case "nonoptional":
    case "catch":
      return replace(schema, def, "innerType", def.innerType, walk);
    case "lazy": {
      const getter = def.getter;
      return rebuild(schema, { ...def, getter: () => walk(getter()) });
    }
    default:
      return schema;
  }
}

function mapEntries(
  shape: Readonly<Record<string, AnySchema>>,
  walk: (node: AnySchema) => AnySchema,
): Readonly<Record<string, AnySchema>> {
  let changed = false;
  const out: Record<string, AnySchema> = {};
  for (const [key, value] of Object.entries(shape)) {
    out[key] = walk(value);
    changed ||= out[key] !== value;
  }
  return changed ? out : shape;
}

function replace(
  schema: AnySchema,
  def: SchemaDef,
  key: string,
  child: AnySchema,
  walk: (node: AnySchema) => AnySchema,
): AnySchema {
  const mapped = walk(child);
  return mapped === child ? schema : rebuild(schema, { ...def, [key]: mapped });
}

/** A copy of `schema` with another definition (its checks and settings come along). */
export function rebuild(schema: AnySchema, def: SchemaDef): AnySchema {
  return z.core.util.clone(schema, def);
}
