import { z } from "zod";

import { dataTypeField, registerBase } from "../schema/data-type";
import { builder, labeled, scored } from "./shared";

/** A span of an audio or video sample, in seconds. By convention an extra `group` field colours segments. */
export const TimeSegment = registerBase(
  z.looseObject({
    start: z.number(),
    end: z.number(),
    dataType: dataTypeField("ANNOTATION/TIME_SEGMENT"),
  }),
);
export const LabeledTimeSegment = TimeSegment.extend(labeled);
export const ScoredTimeSegment = TimeSegment.extend(scored);
export const ScoredLabeledTimeSegment = TimeSegment.extend({ ...labeled, ...scored });

/** Characters `[start, end)` of the text field named `textField`. */
export const TextSegment = registerBase(
  z
    .looseObject({
      textField: z.string(),
      start: z.int().min(0, "start must be at least 0"),
      end: z.int().min(0, "end must be at least 0"),
      dataType: dataTypeField("ANNOTATION/TEXT_SEGMENT"),
    })
    .refine((segment) => segment.start < segment.end, {
      path: ["end"],
      error: "end must be greater than start",
    }),
);
export const LabeledTextSegment = TextSegment.extend(labeled);
export const ScoredTextSegment = TextSegment.extend(scored);
export const ScoredLabeledTextSegment = TextSegment.extend({ ...labeled, ...scored });

export type TimeSegment = z.output<typeof TimeSegment>;
export type LabeledTimeSegment = z.output<typeof LabeledTimeSegment>;
export type ScoredTimeSegment = z.output<typeof ScoredTimeSegment>;
export type ScoredLabeledTimeSegment = z.output<typeof ScoredLabeledTimeSegment>;
export type TextSegment = z.output<typeof TextSegment>;
export type LabeledTextSegment = z.output<typeof LabeledTextSegment>;
export type ScoredTextSegment = z.output<typeof ScoredTextSegment>;
export type ScoredLabeledTextSegment = z.output<typeof ScoredLabeledTextSegment>;

export const timeSegment = builder(TimeSegment, "TimeSegment");
export const labeledTimeSegment = builder(LabeledTimeSegment, "LabeledTimeSegment");
export const scoredTimeSegment = builder(ScoredTimeSegment, "ScoredTimeSegment");
export const scoredLabeledTimeSegment = builder(
  ScoredLabeledTimeSegment,
  "ScoredLabeledTimeSegment",
);
export const textSegment = builder(TextSegment, "TextSegment");
export const labeledTextSegment = builder(LabeledTextSegment, "LabeledTextSegment");
export const scoredTextSegment = builder(ScoredTextSegment, "ScoredTextSegment");
export const scoredLabeledTextSegment = builder(
  ScoredLabeledTextSegment,
  "ScoredLabeledTextSegment",
);
