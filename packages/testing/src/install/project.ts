import { execFileSync } from "node:child_process";
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** A project of a user's: a folder outside the workspace, with what npm installed into it. */
export interface UserProject {
  dir: string;
  /** Installed packages (names), as npm's lockfile lists them. */
  packages: string[];
  /** Installed packages that run an install script (a native build, a download). */
  withInstallScripts: string[];
  /** Compiled native modules (`*.node` files) anywhere in node_modules. */
  nativeModules: string[];
  /** The size of node_modules in bytes. */
  bytes: number;
}

/**
 * Makes an ESM project in a new temporary folder and `npm install`s `specs` (tarballs, `name@version`) into it, as
 * a user would, from the npm registry for everything but our tarballs. Native builds use this machine's Node
 * headers, as scripts/setup does for the workspace.
 */
export function npmProject(name: string, specs: readonly string[]): UserProject {
  const dir = mkdtempSync(join(tmpdir(), `assay-user-${name}-`));
  writeFileSync(
    join(dir, "package.json"),
    JSON.stringify({ name: `assay-user-${name}`, private: true, type: "module" }, null, 2),
  );
  const env = { ...process.env };
  if (!env.npm_config_nodedir && existsSync("/usr/include/node/node.h"))
    env.npm_config_nodedir = "/usr";
  // Not inherited from a pnpm run: npm would take pnpm's settings for its own.
  for (const key of Object.keys(env)) {
    if (/^npm_(config|package)_/i.test(key) && key !== "npm_config_nodedir") delete env[key];
  }
  execFileSync("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error", ...specs], {
    cwd: dir,
    env,
    stdio: "pipe",
    maxBuffer: 64 * 1024 * 1024,
  });
  const lock = JSON.parse(
    readFileSync(join(dir, "node_modules", ".package-lock.json"), "utf8"),
  ) as {
    packages: Record<string, { hasInstallScript?: boolean }>;
  };
  const entries = Object.entries(lock.packages).map(
    ([path, info]) => [path.replace(/^.*node_modules\//, ""), info] as const,
  );
  const files = walk(join(dir, "node_modules"));
  return {
    dir,
    packages: entries.map(([pkg]) => pkg).sort(),
    withInstallScripts: entries.filter(([, info]) => info.hasInstallScript).map(([pkg]) => pkg),
    nativeModules: files.filter((file) => file.endsWith(".node")),
    bytes: files.reduce((sum, file) => sum + statSync(file).size, 0),
  };
}

/** Every file under `dir` (following no links). */
function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return walk(path);
    return entry.isFile() ? [path] : [];
  });
}
