import { z } from "zod";
import { describe, expect, it } from "vitest";

import * as Assets from "./assets";
import { canonicalStringify } from "./codec/canonical";
import { parseJson } from "./codec/parse";
import { parseWith } from "./schema/parse";
import { expectIssue } from "./test-utils/errors";

describe("assets", () => {
  it.each([
    [Assets.ImageAsset, "ASSET/IMAGE"],
    [Assets.PointCloudAsset, "ASSET/POINT_CLOUD"],
    [Assets.PlainTextAsset, "ASSET/PLAIN_TEXT"],
    [Assets.BinaryAsset, "ASSET/BINARY"],
    [Assets.AudioAsset, "ASSET/AUDIO"],
    [Assets.MeshAsset, "ASSET/MESH"],
    [Assets.VideoAsset, "ASSET/VIDEO"],
  ] as const)("%#: a locator serialises with tag %s and round-trips with extras", (schema, tag) => {
    const asset = (schema as z.ZodType).parse({ locator: "s3://fake/locator.jpg", extra: "foo" });
    expect(asset).toEqual({ locator: "s3://fake/locator.jpg", extra: "foo", dataType: tag });
    expect(parseWith(schema, parseJson(canonicalStringify(asset)), "asset")).toEqual(asset);
  });

  describe("video assets", () => {
    const Tester = Assets.VideoAsset.extend({ a: z.int().default(0) });
    const locator = "s3://test-bucket/video.mp4";

    it.each([
      {
        thumbnail: { locator: "https://example.com/test.png" },
        start: 0,
        end: 1,
        a: 1,
        frameRate: 5,
      },
      {},
      { start: 1, end: 1.5 },
      { frameRate: 1 },
      { a: 1 },
    ])("accept %j", (fields) => {
      expect(() => parseWith(Tester, { locator, ...fields }, "video")).not.toThrow();
    });

    it.each([
      [{ start: 1, end: 0 }, "video.end", /before start/],
      [{ start: -1, end: 0 }, "video.start", /negative/],
      [{ start: -2, end: -1 }, "video.start", /negative/],
      [{ frameRate: 0 }, "video.frameRate", /positive/],
      [{ frameRate: -1 }, "video.frameRate", /positive/],
    ])("reject %j", (fields, path, reason) => {
      expectIssue(() => parseWith(Tester, { locator, ...fields }, "video"), path, reason);
    });
  });
});
