import type {
  GroundTruthInputOf,
  GroundTruthOf,
  JsonValue,
  TestSampleInputOf,
  TestSampleOf,
} from "@assay/workflow";
import type { TestCaseRecord } from "@assay/workflow/wire";

import { IncorrectUsageError, NotFoundError } from "../client/errors";
import type { AnyWorkflow } from "./binding";
import { clientFor } from "./binding";
import { EditSession, runEdit } from "./edit-session";
import { sampleFromLine } from "./samples";

export type SamplePair<W extends AnyWorkflow> = readonly [
  testSample: TestSampleInputOf<W>,
  groundTruth: GroundTruthInputOf<W>,
];
/** Samples with their ground truths, as an array or any (async) iterable: large sets need not fit in memory. */
export type SamplePairs<W extends AnyWorkflow> =
  Iterable<SamplePair<W>> | AsyncIterable<SamplePair<W>>;

/** What the callback of `testCase.edit` gets. Changes apply in order when the callback returns. */
export interface TestCaseEditor<W extends AnyWorkflow> {
  /** Adds a sample, or replaces its ground truth if it is already in the test case (keeping its place). */
  add(testSample: TestSampleInputOf<W>, groundTruth: GroundTruthInputOf<W>): void;
  /** Removes a sample (nothing happens if it is absent). A removed sample added again moves to the end. */
  remove(testSample: TestSampleInputOf<W>): void;
  description(text: string): void;
}

/** One version of a test case. Versions are immutable: an edit returns the new version. */
export class TestCaseHandle<W extends AnyWorkflow> {
  constructor(
    readonly workflow: W,
    private readonly record: TestCaseRecord,
  ) {}

  /** The id of this version. */
  get id(): number {
    return this.record.id;
  }
  /** The id of the test case across its versions. */
  get testCaseId(): number {
    return this.record.testCaseId;
  }
  get name(): string {
    return this.record.name;
  }
  get version(): number {
    return this.record.version;
  }
  get description(): string {
    return this.record.description;
  }
  get sampleCount(): number {
    return this.record.sampleCount;
  }

  /**
   * Edits the test case and resolves to the new version (or this one, if nothing changed). An exception inside
   * the callback commits nothing. Editing a version that is no longer the latest throws `ConflictError`.
   */
  async edit(
    change: (editor: TestCaseEditor<W>) => void | Promise<void>,
    options: { reset?: boolean } = {},
  ): Promise<TestCaseHandle<W>> {
    const client = await clientFor(this.workflow);
    const reset = options.reset ?? false;
    const session = new EditSession(client, this.workflow.name, [
      { name: this.name, baseVersion: this.version, reset },
    ]);
    const editor: TestCaseEditor<W> = {
      add: (testSample, groundTruth) =>
        void session.push(addLine(this.workflow, testSample, groundTruth)),
      remove: (testSample) => void session.push(removeLine(this.workflow, testSample)),
      description: (text) => session.describe(this.name, text),
    };
    try {
      await change(editor);
    } catch (error) {
      // Batches may already be on the server: drop them, so an exception commits nothing.
      await session.abort().catch(() => undefined);
      throw error;
    }
    // Nothing asked for: no request and no new version (Kolena's rule).
    if (!session.touched && !reset) return this;
    const [record] = await runEdit(session, () => Promise.resolve());
    return new TestCaseHandle(this.workflow, record as TestCaseRecord);
  }

  /** `[testSample, groundTruth]` of this version, in membership order, page by page. */
  async *iterTestSamples(): AsyncGenerator<[TestSampleOf<W>, GroundTruthOf<W>]> {
    const client = await clientFor(this.workflow);
    const pages = client.pages((trpc, cursor) =>
      trpc.testCase.samples.query({ testCaseId: this.id, cursor, limit: 5000 }),
    );
    for await (const lines of pages) {
      for (const line of lines as unknown as SampleLineWithTruth[]) {
        yield [
          sampleFromLine(this.workflow, line) as TestSampleOf<W>,
          line.groundTruth as GroundTruthOf<W>,
        ];
      }
    }
  }

  async loadTestSamples(): Promise<[TestSampleOf<W>, GroundTruthOf<W>][]> {
    const out: [TestSampleOf<W>, GroundTruthOf<W>][] = [];
    for await (const pair of this.iterTestSamples()) out.push(pair);
    return out;
  }

  toJSON(): TestCaseRecord {
    return this.record;
  }
}

interface SampleLineWithTruth {
  id: number;
  testSample: Record<string, JsonValue>;
  metadata: Record<string, JsonValue>;
  groundTruth: Record<string, JsonValue>;
}

/** Validates a pair client-side (errors name the field) and makes its edit line. */
export function addLine(
  workflow: AnyWorkflow,
  testSample: unknown,
  groundTruth: unknown,
  testCase?: string,
) {
  return {
    op: "add",
    testCase,
    testSample: workflow.parseTestSample(testSample),
    groundTruth: workflow.parseGroundTruth(groundTruth),
  };
}

function removeLine(workflow: AnyWorkflow, testSample: unknown, testCase?: string) {
  return { op: "remove", testCase, testSample: workflow.parseTestSample(testSample) };
}

/** The static side of a workflow's test cases: `TestCase.create`, `load`, `init` and `initMany`. */
export function bindTestCase<W extends AnyWorkflow>(workflow: W) {
  const handle = (record: TestCaseRecord) => new TestCaseHandle(workflow, record);

  async function load(
    name: string,
    options: { version?: number } = {},
  ): Promise<TestCaseHandle<W>> {
    const client = await clientFor(workflow);
    return handle(
      await client.call((trpc) =>
        trpc.testCase.load.query({ name, version: options.version, workflow: workflow.name }),
      ),
    );
  }

  /** Creates a test case: version 0 when empty, version 1 with samples. A taken name throws NameConflictError. */
  async function create(
    name: string,
    options: { description?: string; testSamples?: SamplePairs<W> } = {},
  ): Promise<TestCaseHandle<W>> {
    const client = await clientFor(workflow);
    const session = new EditSession(client, workflow.name, [
      { name, create: true, description: options.description },
    ]);
    const [record] = await runEdit(session, async () => {
      for await (const [testSample, groundTruth] of options.testSamples ?? []) {
        await session.push(addLine(workflow, testSample, groundTruth));
      }
    });
    return handle(record as TestCaseRecord);
  }

  /**
   * Loads the test case, or creates it. An existing test case takes `testSamples` only at version 0 or with
   * `reset` (then they replace its samples); otherwise they are ignored with a warning, as in Kolena.
   */
  async function init(
    name: string,
    options: {
      version?: number;
      description?: string;
      testSamples?: SamplePairs<W>;
      reset?: boolean;
    } = {},
  ): Promise<TestCaseHandle<W>> {
    let existing: TestCaseHandle<W>;
    try {
      existing = await load(name, { version: options.version });
    } catch (error) {
      if (error instanceof NotFoundError) return create(name, options);
      throw error;
    }
    if (
      options.description !== undefined &&
      options.description !== existing.description &&
      !options.testSamples
    ) {
      console.warn(`test case '${name}' exists: its description is kept (edit it to change it)`);
    }
    if (options.testSamples === undefined) return existing;
    if (existing.version > 0 && !options.reset) {
      console.warn(
        `test case '${name}' is at version ${existing.version}: samples are ignored without reset`,
      );
      return existing;
    }
    const pairs = options.testSamples;
    let any = false;
    const edited = await existing.edit(
      async (editor) => {
        if (options.description !== undefined) editor.description(options.description);
        for await (const [testSample, groundTruth] of pairs) {
          any = true;
          editor.add(testSample, groundTruth);
        }
      },
      { reset: true },
    );
    if (!any) console.warn(`test case '${name}': no test samples provided`);
    return edited;
  }

  /**
   * Loads or creates several test cases in one atomic edit: new names are created (version 1 with samples, 0
   * without), existing ones are left as they are, or with `reset` get exactly the samples given.
   */
  async function initMany(
    data: readonly (readonly [name: string, testSamples: SamplePairs<W>])[],
    options: { reset?: boolean } = {},
  ): Promise<TestCaseHandle<W>[]> {
    const names = data.map(([name]) => name);
    const duplicate = names.find((name, i) => names.indexOf(name) !== i);
    if (duplicate !== undefined)
      throw new IncorrectUsageError(`Multiple edits to the same test case: '${duplicate}'`);
    const client = await clientFor(workflow);
    const existing = new Map<string, TestCaseRecord>();
    for (const name of names) {
      try {
        existing.set(
          name,
          await client.call((trpc) => trpc.testCase.load.query({ name, workflow: workflow.name })),
        );
      } catch (error) {
        if (!(error instanceof NotFoundError)) throw error;
      }
    }
    const entries = [];
    const edited: [string, SamplePairs<W>][] = [];
    for (const [name, samples] of data) {
      const current = existing.get(name);
      if (!current) entries.push({ name, create: true });
      else if (options.reset) entries.push({ name, baseVersion: current.version, reset: true });
      else continue;
      edited.push([name, samples]);
    }
    if (entries.length > 0) {
      const session = new EditSession(client, workflow.name, entries);
      const records = await runEdit(session, async () => {
        for (const [name, samples] of edited) {
          for await (const [testSample, groundTruth] of samples) {
            await session.push(addLine(workflow, testSample, groundTruth, name));
          }
        }
      });
      for (const record of records) existing.set(record.name, record);
    }
    return names.map((name) => handle(existing.get(name) as TestCaseRecord));
  }

  return { workflow, create, load, init, initMany };
}
