import type { TestSampleOf } from "@assay/workflow";
import type { TestSuiteRecord } from "@assay/workflow/wire";

import { NotFoundError, WorkflowMismatchError } from "../client/errors";
import type { AnyWorkflow } from "./binding";
import { clientFor } from "./binding";
import { TestCaseHandle } from "./test-case";

/** What the callback of `testSuite.edit` gets. */
export interface TestSuiteEditor<W extends AnyWorkflow> {
  /** Adds a test case version; another version of the same test case is replaced, and it moves to the end. */
  add(testCase: TestCaseHandle<W>): void;
  /** Removes the test case (whatever its version); nothing happens if it is absent. */
  remove(testCase: TestCaseHandle<W>): void;
  description(text: string): void;
  /** The suite's tags; change the set in place or assign a new one. */
  tags: Set<string>;
}

/**
 * One version of a test suite: an ordered list of test case versions. Only a change to that list makes a new
 * version; the description and tags belong to the suite and change in place.
 */
export class TestSuiteHandle<W extends AnyWorkflow> {
  readonly testCases: TestCaseHandle<W>[];

  constructor(
    readonly workflow: W,
    private readonly record: TestSuiteRecord,
  ) {
    this.testCases = record.testCases.map((testCase) => new TestCaseHandle(workflow, testCase));
  }

  /** The id of this version. */
  get id(): number {
    return this.record.id;
  }
  get testSuiteId(): number {
    return this.record.testSuiteId;
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
  get tags(): Set<string> {
    return new Set(this.record.tags);
  }

  /** Edits the suite and resolves to its version after the edit; a stale version throws `ConflictError`. */
  async edit(
    change: (editor: TestSuiteEditor<W>) => void | Promise<void>,
    options: { reset?: boolean } = {},
  ): Promise<TestSuiteHandle<W>> {
    let list = options.reset ? [] : [...this.testCases];
    let description = this.description;
    const editor: TestSuiteEditor<W> = {
      add: (testCase) => {
        if (testCase.workflow.name !== this.workflow.name) {
          throw new WorkflowMismatchError(
            `test case '${testCase.name}' belongs to workflow '${testCase.workflow.name}', not '${this.workflow.name}'`,
          );
        }
        list = [...list.filter((existing) => existing.name !== testCase.name), testCase];
      },
      remove: (testCase) => {
        list = list.filter((existing) => existing.name !== testCase.name);
      },
      description: (text) => {
        description = text;
      },
      tags: this.tags,
    };
    await change(editor);
    const ids = list.map((testCase) => testCase.id);
    const listChanged =
      ids.length !== this.testCases.length || ids.some((id, i) => id !== this.testCases[i]?.id);
    const tags = [...editor.tags].sort();
    const tagsChanged = tags.join("\n") !== [...this.tags].sort().join("\n");
    if (!listChanged && !tagsChanged && description === this.description) return this;
    const client = await clientFor(this.workflow);
    const record = await client.call((trpc) =>
      trpc.testSuite.edit.mutate({
        testSuiteId: this.testSuiteId,
        baseVersion: this.version,
        ...(description !== this.description ? { description } : {}),
        ...(tagsChanged ? { tags } : {}),
        ...(listChanged ? { testCaseIds: ids } : {}),
      }),
    );
    return new TestSuiteHandle(this.workflow, record);
  }

  /** Each test case with its samples, in suite order; test cases without samples are left out. */
  async loadTestSamples(): Promise<[TestCaseHandle<W>, TestSampleOf<W>[]][]> {
    const out: [TestCaseHandle<W>, TestSampleOf<W>[]][] = [];
    for (const testCase of this.testCases) {
      const samples: TestSampleOf<W>[] = [];
      for await (const [sample] of testCase.iterTestSamples()) samples.push(sample);
      if (samples.length > 0) out.push([testCase, samples]);
    }
    return out;
  }

  toJSON(): TestSuiteRecord {
    return this.record;
  }
}

export interface TestSuiteOptions<W extends AnyWorkflow> {
  description?: string;
  testCases?: readonly TestCaseHandle<W>[];
  tags?: Iterable<string>;
}

/** The static side of a workflow's test suites: `TestSuite.create`, `load`, `init` and `loadAll`. */
export function bindTestSuite<W extends AnyWorkflow>(workflow: W) {
  const handle = (record: TestSuiteRecord) => new TestSuiteHandle(workflow, record);

  /** Creates a suite: version 0 when empty, version 1 with test cases. A taken name throws NameConflictError. */
  async function create(
    name: string,
    options: TestSuiteOptions<W> = {},
  ): Promise<TestSuiteHandle<W>> {
    const client = await clientFor(workflow);
    const created = handle(
      await client.call((trpc) =>
        trpc.testSuite.create.mutate({
          name,
          workflow: workflow.name,
          description: options.description,
          tags: options.tags === undefined ? undefined : [...options.tags],
        }),
      ),
    );
    const testCases = options.testCases ?? [];
    if (testCases.length === 0) return created;
    return created.edit((editor) => testCases.forEach((testCase) => editor.add(testCase)));
  }

  async function load(
    name: string,
    options: { version?: number } = {},
  ): Promise<TestSuiteHandle<W>> {
    const client = await clientFor(workflow);
    return handle(
      await client.call((trpc) =>
        trpc.testSuite.load.query({ name, version: options.version, workflow: workflow.name }),
      ),
    );
  }

  /**
   * Loads the suite, or creates it. An existing suite takes new test cases only at version 0 or with `reset`
   * (otherwise they are ignored with a warning); a different description or tags are applied.
   */
  async function init(
    name: string,
    options: TestSuiteOptions<W> & { version?: number; reset?: boolean } = {},
  ): Promise<TestSuiteHandle<W>> {
    let suite: TestSuiteHandle<W>;
    try {
      suite = await load(name, { version: options.version });
    } catch (error) {
      if (error instanceof NotFoundError) return create(name, options);
      throw error;
    }
    const wanted = options.testCases;
    const listDiffers =
      wanted !== undefined &&
      (wanted.length !== suite.testCases.length ||
        wanted.some((testCase, i) => testCase.id !== suite.testCases[i]?.id));
    const canChangeList = options.reset === true || suite.version === 0;
    if (listDiffers && !canChangeList) {
      console.warn(
        `test suite '${name}' is at version ${suite.version}: its test cases change only with reset`,
      );
    }
    const tags = options.tags === undefined ? undefined : new Set(options.tags);
    const description = options.description;
    const needed =
      (listDiffers && canChangeList) ||
      (description !== undefined && description !== suite.description) ||
      (tags !== undefined && [...tags].sort().join("\n") !== [...suite.tags].sort().join("\n"));
    if (!needed) return suite;
    const list =
      listDiffers && canChangeList && wanted && wanted.length > 0 ? wanted : suite.testCases;
    return suite.edit(
      (editor) => {
        list.forEach((testCase) => editor.add(testCase));
        if (description !== undefined) editor.description(description);
        if (tags !== undefined) editor.tags = tags;
      },
      { reset: true },
    );
  }

  /** The latest version of each of this workflow's suites whose tags include every given tag, by creation. */
  async function loadAll(options: { tags?: Iterable<string> } = {}): Promise<TestSuiteHandle<W>[]> {
    const client = await clientFor(workflow);
    const tags = options.tags === undefined ? undefined : [...options.tags];
    const records = await client.listAll((trpc, cursor) =>
      trpc.testSuite.list.query({ workflow: workflow.name, tags, cursor, limit: 1000 }),
    );
    return records.map(handle);
  }

  return { workflow, create, load, init, loadAll };
}
