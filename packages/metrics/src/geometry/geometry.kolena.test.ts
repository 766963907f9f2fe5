import { describe, expect, it } from "vitest";

import type { KolenaObject } from "../test-utils/kolena";
import { fromKolena, identity } from "../test-utils/kolena";
import { loadFixture } from "../test-utils/fixtures";
import { iou } from "./iou";
import { matchInferences } from "./match";
import { matchInferencesMulticlass } from "./match-multiclass";

interface Table {
  test: string;
  names: string[];
  rows: unknown[][];
}

const { tables } = loadFixture<{ tables: Table[] }>("kolena-metrics/geometry.json");
const table = (name: string): Table => {
  const found = tables.find((t) => t.test === name);
  if (!found) throw new Error(`no table ${name}`);
  return found;
};
const row = (t: Table, values: unknown[]) =>
  Object.fromEntries(t.names.map((name, i) => [name, values[i]])) as Record<string, unknown>;
const convert = (list: unknown) => ((list ?? []) as KolenaObject[]).map(fromKolena);
const pairs = (list: unknown) =>
  (list as [KolenaObject, KolenaObject | null][]).map(([gt, inf]) => [
    identity(gt),
    inf === null ? null : identity(inf),
  ]);

// Kolena compares IoU to 1e-5; its expected values are exact fractions, which Assay meets to 1e-12.
const TOLERANCE = 1e-12;

describe("iou (Kolena's test vectors)", () => {
  for (const name of ["test__iou__bbox", "test__iou"]) {
    const t = table(name);
    it.each(t.rows.map((values, i) => [i, values] as const))(`${name} #%i`, (_, values) => {
      const [a, b, expected] = values as [KolenaObject, KolenaObject, number];
      expect(Math.abs(iou(fromKolena(a), fromKolena(b)) - expected)).toBeLessThanOrEqual(TOLERANCE);
      expect(Math.abs(iou(fromKolena(b), fromKolena(a)) - expected)).toBeLessThanOrEqual(TOLERANCE);
    });
  }
});

describe("matchInferences (Kolena's test vectors)", () => {
  const t = table("test__match_inferences");
  it.each(t.rows.map((values) => [values[0] as string, row(t, values)] as const))("%s", (_, c) => {
    const gts = convert(c.ground_truths);
    const ignored = c.ignored_ground_truths === null ? null : convert(c.ignored_ground_truths);
    const infs = convert(c.inferences) as (ReturnType<typeof fromKolena> & { score: number })[];
    const matches = matchInferences(gts, infs, { ignoredGroundTruths: ignored });
    expect(matches.matched.map(([gt, inf]) => [identity(gt), identity(inf)])).toEqual(
      (c.expected_matched as [KolenaObject, KolenaObject][]).map(([gt, inf]) => [
        identity(gt),
        identity(inf),
      ]),
    );
    for (const [gt, inf] of matches.matched) {
      expect(inf.iou).toBeCloseTo(iou(gt, inf), 12);
    }
    expect(matches.unmatchedGt.map(identity)).toEqual(
      (c.expected_unmatched_gt as KolenaObject[]).map(identity),
    );
    expect(matches.unmatchedInf.map(identity)).toEqual(
      (c.expected_unmatched_inf as KolenaObject[]).map(identity),
    );
    for (const inf of matches.unmatchedInf) {
      const best = Math.max(0, ...gts.map((gt) => iou(gt, inf)));
      expect(inf.iou).toBeCloseTo(best, 12);
    }
  });

  it("rejects a mode other than PASCAL VOC", () => {
    expect(() => matchInferences([], [], { mode: "coco" as "pascal" })).toThrow(
      /Mode: 'coco' is not a valid mode/,
    );
  });
});

describe("matchInferencesMulticlass (Kolena's test vectors)", () => {
  const t = table("test__match_inferences_multiclass");
  it.each(t.rows.map((values) => [values[0] as string, row(t, values)] as const))("%s", (_, c) => {
    const gts = convert(c.ground_truths) as (ReturnType<typeof fromKolena> & { label: string })[];
    const ignored = c.ignored_ground_truths === null ? null : convert(c.ignored_ground_truths);
    const infs = convert(c.inferences) as (ReturnType<typeof fromKolena> & {
      label: string;
      score: number;
    })[];
    const matches = matchInferencesMulticlass(gts, infs, {
      ignoredGroundTruths: ignored as typeof gts | null,
      iouThreshold: 0.5,
    });
    expect(matches.matched.map(([gt, inf]) => [identity(gt), identity(inf)])).toEqual(
      pairs(c.expected_matched),
    );
    for (const [gt, inf] of matches.matched) expect(inf.iou).toBeCloseTo(iou(gt, inf), 12);
    expect(
      matches.unmatchedGt.map(([gt, inf]) => [identity(gt), inf === null ? null : identity(inf)]),
    ).toEqual(pairs(c.expected_unmatched_gt));
    for (const [gt, inf] of matches.unmatchedGt) {
      if (inf) expect(inf.iou).toBeCloseTo(iou(gt, inf), 12);
    }
    expect(matches.unmatchedInf.map(identity)).toEqual(
      (c.expected_unmatched_inf as KolenaObject[]).map(identity),
    );
    for (const inf of matches.unmatchedInf) {
      const sameLabel = gts.filter((gt) => gt.label === inf.label);
      expect(inf.iou).toBeCloseTo(Math.max(0, ...sameLabel.map((gt) => iou(gt, inf))), 12);
    }
  });

  const strict = table("test__match_inferences_multiclass__iou");
  it.each(strict.rows.map((values) => [values[0] as string, row(strict, values)] as const))(
    "%s (IoU threshold 0.999)",
    (_, c) => {
      const gts = convert(c.ground_truths) as (ReturnType<typeof fromKolena> & { label: string })[];
      const infs = convert(c.inferences) as (ReturnType<typeof fromKolena> & {
        label: string;
        score: number;
      })[];
      const matches = matchInferencesMulticlass(gts, infs, { iouThreshold: 0.999 });
      expect(matches.matched.map(([gt, inf]) => [identity(gt), identity(inf)])).toEqual(
        pairs(c.expected_matched),
      );
      expect(
        matches.unmatchedGt.map(([gt, inf]) => [identity(gt), inf === null ? null : identity(inf)]),
      ).toEqual(pairs(c.expected_unmatched_gt));
      expect(matches.unmatchedInf.map(identity)).toEqual(
        (c.expected_unmatched_inf as KolenaObject[]).map(identity),
      );
    },
  );

  const fields = table("test__match_inferences_multiclass__with_required_match_field");
  it.each(fields.rows.map((values) => [values[0] as string, row(fields, values)] as const))(
    "%s (required match fields)",
    (_, c) => {
      const gts = convert(c.ground_truths) as (ReturnType<typeof fromKolena> & { label: string })[];
      const infs = convert(c.inferences) as (ReturnType<typeof fromKolena> & {
        label: string;
        score: number;
      })[];
      const matches = matchInferencesMulticlass(gts, infs, {
        iouThreshold: 0.999,
        requiredMatchFields: c.match_fields as string[],
      });
      const withFields = (value: unknown) => {
        const object = value as Record<string, unknown>;
        return { ...(identity(value) as object), frame_id: object.frame_id };
      };
      expect(matches.matched.map(([gt, inf]) => [withFields(gt), withFields(inf)])).toEqual(
        (c.expected_matched as [KolenaObject, KolenaObject][]).map(([gt, inf]) => [
          withFields(gt),
          withFields(inf),
        ]),
      );
      expect(
        matches.unmatchedGt.map(([gt, inf]) => [
          withFields(gt),
          inf === null ? null : withFields(inf),
        ]),
      ).toEqual(
        (c.expected_unmatched_gt as [KolenaObject, KolenaObject | null][]).map(([gt, inf]) => [
          withFields(gt),
          inf === null ? null : withFields(inf),
        ]),
      );
      // Kolena's expected unmatched inference in the (frame_id, alphabet_id) case says alphabet_id "beta"
      // although the only unmatched inference has "alpha"; its dataclass equality ignores extra fields, so the
      // typo never failed. Only the fields Kolena compares (and frame_id) are compared here.
      expect(matches.unmatchedInf.map(withFields)).toEqual(
        (c.expected_unmatched_inf as KolenaObject[]).map(withFields),
      );
    },
  );
});
