/**
 * One colour per model, the same on every page (gallery overlays, plots, legends): it follows the model's id,
 * not its place in the current selection, so a model keeps its colour when others are added or removed.
 * Okabe–Ito's palette (distinct for the common colour-vision deficiencies), without its black and yellow:
 * black is the labels' outline and yellow vanishes on light backgrounds.
 */
export const MODEL_PALETTE = [
  "#0072b2",
  "#d55e00",
  "#cc79a7",
  "#009e73",
  "#e69f00",
  "#56b4e9",
  "#8c564b",
  "#7f3fbf",
] as const;

/** Ground truth is drawn in white over a dark outline: on no photograph is it mistaken for a model. */
export const TRUTH_COLOR = "#ffffff";

export function modelColor(modelId: number): string {
  const index = ((modelId % MODEL_PALETTE.length) + MODEL_PALETTE.length) % MODEL_PALETTE.length;
  return MODEL_PALETTE[index] as string;
}
