import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

const require = createRequire(import.meta.url);

/** What users install: every package that is published, in dependency order. */
export const PUBLISHED = [
  "@assay/workflow",
  "@assay/metrics",
  "@assay/sdk",
  "@assay/db",
  "@assay/api",
  "@assay/server",
] as const;
export type Published = (typeof PUBLISHED)[number];

export interface Packed {
  name: Published;
  /** The package's folder in the workspace. */
  dir: string;
  /** The tarball `pnpm pack` made (workspace:* and catalog: versions written out, as published). */
  tarball: string;
  /** The tarball's contents, unpacked: the package as users get it. */
  unpacked: string;
  manifest: { version: string; dependencies?: Record<string, string> };
}

/** The folder of a workspace package. */
export function packageDir(name: string): string {
  return dirname(require.resolve(`${name}/package.json`));
}

/** Packs every published package (each must be built) into a new temporary folder. */
export function packAll(): Packed[] {
  const out = mkdtempSync(join(tmpdir(), "assay-packed-"));
  return PUBLISHED.map((name) => {
    const dir = packageDir(name);
    const before = new Set(readdirSync(out));
    execFileSync("pnpm", ["pack", "--pack-destination", out], { cwd: dir, stdio: "pipe" });
    const made = readdirSync(out).filter((file) => !before.has(file) && file.endsWith(".tgz"));
    if (made.length !== 1)
      throw new Error(`pnpm pack of ${name} made ${made.join(", ") || "nothing"}`);
    const tarball = join(out, made[0] as string);
    const unpacked = join(out, name.replace("/", "+"));
    mkdirSync(unpacked);
    execFileSync("tar", ["-xzf", tarball, "-C", unpacked, "--strip-components=1"]);
    return {
      name,
      dir,
      tarball,
      unpacked,
      manifest: JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as Packed["manifest"],
    };
  });
}

/** The version of a package this workspace has installed, so a test project gets the same one. */
export function installedVersion(name: string): string {
  const manifest = JSON.parse(readFileSync(require.resolve(`${name}/package.json`), "utf8")) as {
    version: string;
  };
  return manifest.version;
}
