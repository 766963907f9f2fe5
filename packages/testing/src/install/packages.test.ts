import { execFileSync, spawnSync } from "node:child_process";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

import { publint } from "publint";
import { formatMessage } from "publint/utils";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { binPath } from "../bins";
import { spawnBin } from "../server-process";
import type { ServerProcess } from "../server-process";
import type { Packed } from "./pack";
import { installedVersion, packageDir, packAll } from "./pack";
import type { UserProject } from "./project";
import { npmProject } from "./project";

/**
 * The packages as users get them: packed by `pnpm pack`, installed with npm into projects outside the workspace,
 * and used there with plain `node` and a strict `tsc`, against a server started from the installed bin.
 */
describe("the published packages", { timeout: 600_000 }, () => {
  let packed: Packed[];
  const tarball = (name: string) => packed.find((p) => p.name === name)?.tarball as string;
  beforeAll(() => {
    packed = packAll();
  }, 300_000);

  it("are clean for publint and for Are the types wrong?", async () => {
    for (const { name, dir, tarball } of packed) {
      const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as object;
      const { messages } = await publint({
        pkgDir: dir,
        level: "suggestion",
        strict: true,
        pack: "pnpm",
      });
      expect(
        messages.map((m) => `${m.type}: ${formatMessage(m, manifest)}`),
        name,
      ).toEqual([]);
      // ESM only: Node 20.19 and later load it from require() too, and nothing older is supported.
      const attw = spawnSync(attwBin(), [tarball, "--profile", "esm-only", "--format", "ascii"], {
        encoding: "utf8",
      });
      expect(attw.status, `${name}: ${attw.stdout}${attw.stderr}`).toBe(0);
    }
  });

  it("keep the SDK's dependency tree free of the store: pnpm why better-sqlite3 --filter @assay/sdk", () => {
    const why = execFileSync("pnpm", ["why", "better-sqlite3", "--filter", "@assay/sdk"], {
      cwd: packageDir("@assay/sdk"),
      encoding: "utf8",
    });
    expect(why.trim()).toBe("");
  });

  describe("@assay/sdk installed alone", () => {
    let project: UserProject;
    beforeAll(() => {
      project = npmProject("sdk", [
        ...["@assay/workflow", "@assay/metrics", "@assay/sdk"].map(tarball),
        `zod@${installedVersion("zod")}`,
      ]);
    }, 300_000);
    afterAll(() => rmSync(project.dir, { recursive: true, force: true }));

    it("builds nothing native and brings no store, no server code and no TypeScript runner", () => {
      console.log(
        `@assay/sdk alone: ${project.packages.length} packages, ${(project.bytes / 1e6).toFixed(1)} MB: ${project.packages.join(", ")}`,
      );
      expect(project.withInstallScripts).toEqual([]);
      expect(project.nativeModules).toEqual([]);
      for (const forbidden of [
        "better-sqlite3",
        "drizzle-orm",
        "tsx",
        "esbuild",
        "@assay/server",
        "@assay/api",
        "@assay/db",
      ]) {
        expect(project.packages, forbidden).not.toContain(forbidden);
      }
      // Only as @trpc/client's peer, for the router's types.
      expect(project.packages).toContain("@trpc/server");
    });
  });

  describe("installed in a user's project", () => {
    let project: UserProject;
    let server: ServerProcess;
    const script = firstExample();
    beforeAll(async () => {
      project = npmProject("full", [
        ...packed.map((p) => p.tarball),
        `zod@${installedVersion("zod")}`,
        `typescript@${installedVersion("typescript")}`,
        `@types/node@${installedVersion("@types/node")}`,
      ]);
      server = await spawnBin(join(project.dir, "node_modules", ".bin", "assay-server"), [], {
        cwd: project.dir,
      });
    }, 600_000);
    afterAll(async () => {
      await server?.stop();
      rmSync(project.dir, { recursive: true, force: true });
    });

    it("runs the SDK README's first example with plain node against the installed server", () => {
      writeFileSync(join(project.dir, "script.mjs"), script);
      const run = spawnSync(process.execPath, ["script.mjs"], {
        cwd: project.dir,
        env: { ...process.env, ASSAY_URL: server.url, ASSAY_TOKEN: server.token },
        encoding: "utf8",
      });
      expect(run.status, run.stderr).toBe(0);
      expect(JSON.parse(run.stdout)).toEqual([["reviews", 1]]);
      // The installed CLIs run too, with plain node.
      const models = spawnSync(
        join(project.dir, "node_modules", ".bin", "assay"),
        ["model", "list"],
        {
          env: { ...process.env, ASSAY_URL: server.url, ASSAY_TOKEN: server.token },
          encoding: "utf8",
        },
      );
      expect([models.status, models.stdout]).toEqual([0, expect.stringContaining("keyword")]);
    });

    it("type-checks it as TypeScript with tsc --strict --module nodenext, with no errors", () => {
      writeFileSync(join(project.dir, "script.ts"), script);
      const tsc = spawnSync(
        process.execPath,
        [
          join(project.dir, "node_modules", "typescript", "bin", "tsc"),
          ...["--noEmit", "--strict", "--module", "nodenext", "--target", "es2022"],
          ...["--types", "node", "script.ts"],
        ],
        { cwd: project.dir, encoding: "utf8" },
      );
      expect(tsc.stdout + tsc.stderr).toBe("");
      expect(tsc.status).toBe(0);
    });
  });
});

/** The first code block of the SDK's README ("A first test"): what a new user runs first. */
function firstExample(): string {
  const readme = readFileSync(join(packageDir("@assay/sdk"), "README.md"), "utf8");
  const code = /## A first test[\s\S]*?```js\n([\s\S]*?)```/.exec(readme)?.[1];
  if (!code) throw new Error("the SDK's README has no first example");
  return code;
}

function attwBin(): string {
  return binPath("@arethetypeswrong/cli", "attw");
}
