import type { Raster } from "../shared/png";
import { loadFaceApi, tfjsOf } from "./face-api";

/** A face box in image pixels, with the detector's confidence. */
export interface FoundFace {
  x: number;
  y: number;
  width: number;
  height: number;
  score: number;
}

/** Which detector: SSD MobileNetV1 (5.6 MB of weights, the reference) or the tiny detector (190 KB). */
export type Detector =
  | { kind: "ssd"; minConfidence: number }
  | { kind: "tiny"; inputSize: number; scoreThreshold: number };

/**
 * Lets Node handle the network events that arrived while a network ran: inference blocks the event loop for
 * seconds, long enough for the server to close the SDK's idle keep-alive connection. Without this pause the SDK's
 * next request can go out on that closed connection and fail with "fetch failed" (undici's "other side closed").
 */
function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** The faces a detector finds in an RGB image, left to right. */
export async function locateFaces(image: Raster, detector: Detector): Promise<FoundFace[]> {
  const faceapi = await loadFaceApi();
  const input = tfjsOf(faceapi).tensor3d(image.data, [image.height, image.width, 3], "int32");
  try {
    const found =
      detector.kind === "ssd"
        ? await faceapi.nets.ssdMobilenetv1.locateFaces(
            input,
            new faceapi.SsdMobilenetv1Options({ minConfidence: detector.minConfidence }),
          )
        : await faceapi.nets.tinyFaceDetector.locateFaces(
            input,
            new faceapi.TinyFaceDetectorOptions({
              inputSize: detector.inputSize,
              scoreThreshold: detector.scoreThreshold,
            }),
          );
    return found
      .map(({ box, score }) => ({
        x: box.x,
        y: box.y,
        width: box.width,
        height: box.height,
        score,
      }))
      .sort((a, b) => a.x - b.x || a.y - b.y);
  } finally {
    input.dispose();
    await settle();
  }
}

/** The 68 landmarks (iBUG 300-W order) a landmark model puts on a face image, in that image's pixels. */
export async function locateLandmarks(
  face: Raster,
  model: "full" | "tiny",
): Promise<[number, number][]> {
  const faceapi = await loadFaceApi();
  const net =
    model === "full" ? faceapi.nets.faceLandmark68Net : faceapi.nets.faceLandmark68TinyNet;
  const input = tfjsOf(faceapi).tensor3d(face.data, [face.height, face.width, 3], "int32");
  try {
    const result = await net.detectLandmarks(input);
    const landmarks = Array.isArray(result) ? result[0] : result;
    if (!landmarks) throw new Error("the landmark model returned nothing");
    return landmarks.positions.map((point) => [point.x, point.y]);
  } finally {
    input.dispose();
    await settle();
  }
}
