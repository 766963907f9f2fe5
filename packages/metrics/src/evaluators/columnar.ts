import type {
  EvaluatorConfiguration,
  InferenceTriple,
  MetricsRecord,
  Plot,
  TestCaseRef,
} from "@assay/workflow";
import { Evaluator } from "@assay/workflow";
import { configurationName } from "@assay/workflow/wire";

import type { AnyRecord } from "./fields";

export type Triple = InferenceTriple<AnyRecord, AnyRecord, AnyRecord>;

/** Reads a test case's samples, a chunk at a time, into what an evaluator computes from (its columns). */
export interface ColumnReader<C> {
  /** Reads `chunk`, whose first sample is sample `offset` of the test case (error messages name it so). */
  add(chunk: readonly Triple[], offset: number): void;
  /** The columns, once every chunk was read. */
  done(): C;
}

/** One configuration's results for a test case read in chunks. */
export interface StreamedResults {
  /** The configuration's display name ("" without configurations). */
  configuration: string;
  /** The metrics of samples `start` to `end` (excluded), in the order they were added. */
  sampleMetrics(start: number, end: number): MetricsRecord[];
  metrics: MetricsRecord;
  plots: Plot[];
}

/**
 * A test case fed in chunks, as the server's evaluation jobs read it: an evaluator that reads into columns holds
 * only those (a few typed arrays), so memory stays bounded by the columns, not by the samples' objects.
 */
export interface TestCaseStream {
  readonly count: number;
  add(chunk: readonly Triple[]): void;
  finish(): Promise<StreamedResults[]>;
}

/**
 * A built-in evaluator that reads each test case once into columns and computes everything from them. Its array
 * methods (what `runEvaluator` calls in a script) and its streaming form (`streamTestCase`, what the server's jobs
 * use) are one implementation.
 */
export abstract class ColumnarEvaluator<C extends { readonly n: number }> extends Evaluator<
  AnyRecord,
  AnyRecord,
  AnyRecord,
  EvaluatorConfiguration
> {
  private readonly read = new WeakMap<readonly Triple[], C>();

  protected abstract reader(): ColumnReader<C>;
  /** The metrics of samples `start` to `end` (excluded). */
  protected abstract sampleMetrics(
    columns: C,
    start: number,
    end: number,
    configuration?: EvaluatorConfiguration,
  ): MetricsRecord[];
  protected abstract caseMetrics(columns: C, configuration?: EvaluatorConfiguration): MetricsRecord;
  protected casePlots(_columns: C, _configuration?: EvaluatorConfiguration): Plot[] {
    return [];
  }

  /** The columns of a test case given whole, read once for all of the evaluator's methods. */
  protected columnsOf(inferences: readonly Triple[]): C {
    let columns = this.read.get(inferences);
    if (!columns) {
      const reader = this.reader();
      reader.add(inferences, 0);
      columns = reader.done();
      this.read.set(inferences, columns);
    }
    return columns;
  }

  computeTestSampleMetrics(
    _testCase: TestCaseRef,
    inferences: readonly Triple[],
    configuration?: EvaluatorConfiguration,
  ): (readonly [AnyRecord, MetricsRecord])[] {
    const columns = this.columnsOf(inferences);
    return this.sampleMetrics(columns, 0, columns.n, configuration).map(
      (metrics, i) => [(inferences[i] as Triple)[0], metrics] as const,
    );
  }

  computeTestCaseMetrics(
    _testCase: TestCaseRef,
    inferences: readonly Triple[],
    _metrics: readonly MetricsRecord[],
    configuration?: EvaluatorConfiguration,
  ): MetricsRecord {
    return this.caseMetrics(this.columnsOf(inferences), configuration);
  }

  override computeTestCasePlots(
    _testCase: TestCaseRef,
    inferences: readonly Triple[],
    _metrics?: readonly MetricsRecord[],
    configuration?: EvaluatorConfiguration,
  ): Plot[] {
    return this.casePlots(this.columnsOf(inferences), configuration);
  }

  /** The test case read in chunks; its results per configuration once all are in. */
  streamTestCase(): TestCaseStream {
    const reader = this.reader();
    let count = 0;
    return {
      get count() {
        return count;
      },
      add: (chunk) => {
        reader.add(chunk, count);
        count += chunk.length;
      },
      finish: () => {
        const columns = reader.done();
        return Promise.resolve(
          configurationsOf(this).map((configuration) => ({
            configuration: configurationName(configuration),
            sampleMetrics: (start: number, end: number) =>
              this.sampleMetrics(columns, start, end, configuration),
            metrics: this.caseMetrics(columns, configuration),
            plots: this.casePlots(columns, configuration),
          })),
        );
      },
    };
  }
}

/** What `runEvaluator` evaluates a test case with: each configuration, or once without one. */
function configurationsOf(
  evaluator: Evaluator<AnyRecord, AnyRecord, AnyRecord>,
): (EvaluatorConfiguration | undefined)[] {
  return evaluator.configurations.length > 0 ? [...evaluator.configurations] : [undefined];
}

/**
 * Any evaluator as a stream: a columnar one reads chunks into its columns; any other (object detection, which
 * matches each sample's shapes) keeps the chunks and evaluates them whole at the end.
 */
export function streamTestCase(
  evaluator: Evaluator<AnyRecord, AnyRecord, AnyRecord>,
  testCase: TestCaseRef,
): TestCaseStream {
  if (evaluator instanceof ColumnarEvaluator) return evaluator.streamTestCase();
  const triples: Triple[] = [];
  return {
    get count() {
      return triples.length;
    },
    add: (chunk) => {
      for (const triple of chunk) triples.push(triple);
    },
    finish: async () => {
      const results: StreamedResults[] = [];
      for (const configuration of configurationsOf(evaluator)) {
        const samples = await evaluator.computeTestSampleMetrics(testCase, triples, configuration);
        const metrics = samples.map(([, m]) => m);
        results.push({
          configuration: configurationName(configuration),
          sampleMetrics: (start, end) => metrics.slice(start, end),
          metrics: await evaluator.computeTestCaseMetrics(
            testCase,
            triples,
            metrics,
            configuration,
          ),
          plots:
            (await evaluator.computeTestCasePlots(testCase, triples, metrics, configuration)) ?? [],
        });
      }
      return results;
    },
  };
}
