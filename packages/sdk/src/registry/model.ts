import type {
  GroundTruthOf,
  InferenceOf,
  InferFn,
  JsonObject,
  JsonValue,
  TestSampleOf,
} from "@assay/workflow";
import type { ModelRecord } from "@assay/workflow/wire";
import { canonicalStringify } from "@assay/workflow/wire";

import { NotFoundError } from "../client/errors";
import type { AnyWorkflow } from "./binding";
import { clientFor } from "./binding";
import { sampleFromLine } from "./samples";
import type { TestCaseHandle } from "./test-case";

export interface ModelOptions<W extends AnyWorkflow> {
  /** The model itself: one test sample in, its inference out. Only `test()` needs it. */
  infer?: InferFn<W> | undefined;
  metadata?: JsonObject | undefined;
  tags?: Iterable<string> | undefined;
}

/** A registered model: a name, metadata and tags (weights are never uploaded), and `infer` when given. */
export class ModelHandle<W extends AnyWorkflow> {
  constructor(
    readonly workflow: W,
    private record: ModelRecord,
    readonly infer?: InferFn<W>,
  ) {}

  get id(): number {
    return this.record.id;
  }
  get name(): string {
    return this.record.name;
  }
  get metadata(): JsonObject {
    return this.record.metadata;
  }
  get tags(): Set<string> {
    return new Set(this.record.tags);
  }

  /** Renames (names are unique) and replaces metadata and tags; what is not given is kept. */
  async update(changes: {
    name?: string;
    metadata?: JsonObject;
    tags?: Iterable<string>;
  }): Promise<this> {
    const client = await clientFor(this.workflow);
    this.record = await client.call((trpc) =>
      trpc.model.update.mutate({
        id: this.id,
        name: changes.name,
        metadata: changes.metadata,
        tags: changes.tags === undefined ? undefined : [...changes.tags],
      }),
    );
    return this;
  }

  /** `[testSample, groundTruth, inference]` for every sample of the test case version this model has inferred. */
  async *iterInferences(
    testCase: TestCaseHandle<W>,
  ): AsyncGenerator<[TestSampleOf<W>, GroundTruthOf<W>, InferenceOf<W>]> {
    const client = await clientFor(this.workflow);
    const input = { modelId: this.id, testCaseId: testCase.id };
    const lines = client.stream<InferenceLine>("model.inferences", input, (last) => ({
      ...input,
      after: last.position,
    }));
    for await (const batch of lines) {
      for (const line of batch) {
        yield [
          sampleFromLine(this.workflow, line) as TestSampleOf<W>,
          line.groundTruth as GroundTruthOf<W>,
          line.inference as InferenceOf<W>,
        ];
      }
    }
  }

  async loadInferences(
    testCase: TestCaseHandle<W>,
  ): Promise<[TestSampleOf<W>, GroundTruthOf<W>, InferenceOf<W>][]> {
    const out: [TestSampleOf<W>, GroundTruthOf<W>, InferenceOf<W>][] = [];
    for await (const triple of this.iterInferences(testCase)) out.push(triple);
    return out;
  }

  toJSON(): ModelRecord {
    return this.record;
  }
}

interface InferenceLine {
  id: number;
  /** The sample's membership position, from which a broken stream resumes. */
  position: number;
  testSample: Record<string, JsonValue>;
  metadata: Record<string, JsonValue>;
  groundTruth: JsonValue;
  inference: JsonValue;
}

/** The static side of a workflow's models: `Model.create`, `load`, `init` and `loadAll`. */
export function bindModel<W extends AnyWorkflow>(workflow: W) {
  /** Registers a model; a taken name throws NameConflictError. */
  async function create(name: string, options: ModelOptions<W> = {}): Promise<ModelHandle<W>> {
    const client = await clientFor(workflow);
    const record = await client.call((trpc) =>
      trpc.model.create.mutate({
        name,
        workflow: workflow.name,
        metadata: options.metadata,
        tags: options.tags === undefined ? undefined : [...options.tags],
      }),
    );
    return new ModelHandle(workflow, record, options.infer);
  }

  async function load(name: string, options: { infer?: InferFn<W> } = {}): Promise<ModelHandle<W>> {
    const client = await clientFor(workflow);
    const record = await client.call((trpc) =>
      trpc.model.load.query({ name, workflow: workflow.name }),
    );
    return new ModelHandle(workflow, record, options.infer);
  }

  /**
   * Loads the model, or creates it. An existing model keeps its metadata and tags: a difference is reported,
   * not applied (use `model.update` to change them).
   */
  async function init(name: string, options: ModelOptions<W> = {}): Promise<ModelHandle<W>> {
    try {
      const model = await load(name, { infer: options.infer });
      const tags = options.tags === undefined ? undefined : [...options.tags].sort();
      if (
        options.metadata !== undefined &&
        // Stored metadata has its keys sorted: compare canonical forms, not key order.
        canonicalStringify(options.metadata) !== canonicalStringify(model.metadata)
      ) {
        console.warn(`model '${name}' exists: using its stored metadata, not the one given`);
      }
      if (tags !== undefined && JSON.stringify(tags) !== JSON.stringify([...model.tags].sort())) {
        console.warn(`model '${name}' exists: using its stored tags, not the ones given`);
      }
      return model;
    } catch (error) {
      if (error instanceof NotFoundError) return create(name, options);
      throw error;
    }
  }

  /** This workflow's models whose tags include every given tag, in creation order. */
  async function loadAll(options: { tags?: Iterable<string> } = {}): Promise<ModelHandle<W>[]> {
    const client = await clientFor(workflow);
    const tags = options.tags === undefined ? undefined : [...options.tags];
    const records = await client.listAll((trpc, cursor) =>
      trpc.model.list.query({ workflow: workflow.name, tags, cursor, limit: 1000 }),
    );
    return records.map((record) => new ModelHandle(workflow, record));
  }

  return { workflow, create, load, init, loadAll };
}
