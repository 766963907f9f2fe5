import { readFileSync } from "node:fs";

import type * as FaceApiBundle from "@vladmandic/face-api/dist/face-api.esm.js";

import { packageFile } from "../shared/paths";

/** face-api's browser bundle, with tfjs-core 4.22 and its pure-JavaScript CPU backend inside. */
export type FaceApi = typeof FaceApiBundle;

/** The four networks the example uses: two face detectors and two 68-point landmark models. */
const WEIGHTS = {
  ssdMobilenetv1: "ssd_mobilenetv1_model",
  tinyFaceDetector: "tiny_face_detector_model",
  faceLandmark68Net: "face_landmark_68_model",
  faceLandmark68TinyNet: "face_landmark_68_tiny_model",
} as const;

/** The parts of tfjs-core the bundle exports at run time beyond what its type declarations list. */
export type Tfjs = FaceApi["tf"] & {
  enableProdMode(): void;
  setBackend(name: string): Promise<boolean>;
  ready(): Promise<void>;
  memory(): { numTensors: number };
};

/** The bundle's tfjs: all of tfjs-core, though its types declare only what face-api itself calls. */
export function tfjsOf(faceapi: FaceApi): Tfjs {
  return faceapi.tf as Tfjs;
}

let loading: Promise<FaceApi> | undefined;

/** face-api with its weights loaded, once per process (loading takes a second; inference is what is slow). */
export function loadFaceApi(): Promise<FaceApi> {
  loading ??= load();
  return loading;
}

/**
 * Loads the browser bundle in Node, offline. Its Node builds need `@tensorflow/tfjs-node`, which downloads
 * libtensorflow when installed, so the browser bundle runs instead: it must believe it is in a web worker while
 * it loads (else it picks its Node platform, which is stubbed out of this bundle), and it reads the weights that
 * ship in the package from disk instead of fetching them.
 */
async function load(): Promise<FaceApi> {
  const scope = globalThis as { WorkerGlobalScope?: unknown };
  const pretended = scope.WorkerGlobalScope === undefined;
  if (pretended) {
    scope.WorkerGlobalScope = function WorkerGlobalScope() {
      // Only its existence matters: tfjs tests `typeof WorkerGlobalScope`.
    };
  }
  let faceapi: FaceApi;
  try {
    faceapi = await import("@vladmandic/face-api/dist/face-api.esm.js");
  } finally {
    if (pretended) delete scope.WorkerGlobalScope;
  }
  const tf = tfjsOf(faceapi);
  // Production mode: no per-operation NaN checks, and no advice to install tfjs-node on the console.
  tf.enableProdMode();
  await tf.setBackend("cpu");
  await tf.ready();
  for (const [net, file] of Object.entries(WEIGHTS) as [keyof typeof WEIGHTS, string][]) {
    const manifest = JSON.parse(
      readFileSync(
        packageFile("@vladmandic/face-api", "model", `${file}-weights_manifest.json`),
        "utf8",
      ),
    ) as { weights: Parameters<typeof tf.io.decodeWeights>[1] }[];
    const bin = readFileSync(packageFile("@vladmandic/face-api", "model", `${file}.bin`));
    const buffer = bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength);
    faceapi.nets[net].loadFromWeightMap(
      tf.io.decodeWeights(
        buffer,
        manifest.flatMap((group) => group.weights),
      ),
    );
  }
  return faceapi;
}
