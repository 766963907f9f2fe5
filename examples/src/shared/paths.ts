import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);

/**
 * A file inside an installed npm package. The examples read their data and weights where the packages ship them
 * (the sentiment fixtures, face-api's demo photos and weights), so nothing is downloaded at run time.
 */
export function packageFile(name: string, ...parts: string[]): string {
  return join(dirname(require.resolve(`${name}/package.json`)), ...parts);
}

/** A file vendored in `examples/data` (see its README for where each comes from). */
export function vendoredFile(...parts: string[]): string {
  return join(fileURLToPath(new URL("../../data", import.meta.url)), ...parts);
}

/**
 * Where examples write the files the web UI shows (digit PNGs, face photos): `ASSAY_DATA_ROOT`, else
 * `.assay/data` at the repository root, which is where `scripts/start` points the server's `--data-root`.
 */
export function defaultDataRoot(): string {
  return resolve(
    process.env.ASSAY_DATA_ROOT ?? fileURLToPath(new URL("../../../.assay/data", import.meta.url)),
  );
}

/** `name@version` of an installed package, for a model's metadata. */
export function packageId(name: string): string {
  const { version } = require(`${name}/package.json`) as { version: string };
  return `${name}@${version}`;
}
