import { existsSync, writeFileSync } from "node:fs";

import { describe, expect, it } from "vitest";

import { buildMigrationHashes, migrationHashes } from "./store";
import { buildRegistry, callerOver, cli, rowCounts, WORKFLOW, useScratchStores } from "./testing";

const { path, open, closeAll } = useScratchStores("assay-backup-");

describe("backup and restore", () => {
  it("back up a store that is being written to, and restore the copy", async () => {
    const file = path("source.db");
    const writer = open(file);
    await buildRegistry(writer);
    const api = callerOver(writer);
    const before = rowCounts(file);
    let written = 0;
    let failed: unknown;
    const timer = setInterval(() => {
      api.model
        .create({ name: `written during backup ${written++}`, workflow: WORKFLOW })
        .catch((error: unknown) => (failed = error));
    }, 1);
    await new Promise((resolve) => setTimeout(resolve, 30));
    const backup = path("backup.db");
    const result = await cli(["backup", "--db", file, "--to", backup]);
    await new Promise((resolve) => setTimeout(resolve, 30));
    clearInterval(timer);
    expect(failed).toBeUndefined();
    expect(result).toMatchObject({ code: 0, err: "" });
    expect(result.out).toMatch(
      /^backed up .* \d+ bytes, \d+ tables, \d+ migrations, integrity ok\n$/,
    );
    expect(existsSync(`${backup}-wal`)).toBe(false);
    const copy = open(backup, { readonly: true });
    expect(copy.$client.prepare("PRAGMA integrity_check").pluck().get()).toBe("ok");
    expect(migrationHashes(copy.$client)).toEqual(buildMigrationHashes());
    const after = rowCounts(backup);
    for (const [table, n] of Object.entries(before))
      expect(after[table], table).toBeGreaterThanOrEqual(n);
    expect(after.models).toBeGreaterThan(before.models!);
    console.log(
      `backup taken while ${written} models were written: ${before.models} → ${after.models} models`,
    );

    expect((await cli(["backup", "--db", file, "--to", backup])).err).toMatch(
      /exists; pass --force/,
    );
    expect((await cli(["backup", "--db", file, "--to", backup, "--force"])).code).toBe(0);

    const target = path("restored.db");
    const restored = await cli(["restore", "--from", backup, "--db", target]);
    expect(restored).toMatchObject({ code: 0, err: "" });
    expect(restored.out).toMatch(/^restored .* \d+ bytes\n$/);
    const reader = callerOver(open(target));
    expect((await reader.model.list({ limit: 1000 })).items.length).toBeGreaterThan(2);
    expect((await reader.testCase.list({})).items.map((tc) => tc.name)).toEqual([
      "A — ünïcødé",
      "B",
    ]);

    // The target is open (as a server would hold it): refused even with --force.
    const inUse = await cli(["restore", "--from", backup, "--db", target, "--force"]);
    expect(inUse).toMatchObject({
      code: 5,
      err: expect.stringMatching(/stop the server first/) as string,
    });
    closeAll();
    expect((await cli(["restore", "--from", backup, "--db", target])).err).toMatch(
      /exists; pass --force to replace it/,
    );
    expect((await cli(["restore", "--from", backup, "--db", target, "--force"])).code).toBe(0);
    const notSqlite = path("not-sqlite.db");
    writeFileSync(
      notSqlite,
      "this is not a database, only some text long enough to look like a header ".repeat(20),
    );
    const refused = await cli(["restore", "--from", notSqlite, "--db", path("new.db")]);
    expect(refused).toMatchObject({
      code: 5,
      err: expect.stringMatching(/is not (an|a readable) SQLite database/) as string,
    });
    const plain = path("plain.db");
    open(plain, { migrate: false }).$client.exec("CREATE TABLE t (x)");
    expect((await cli(["restore", "--from", plain, "--db", path("new.db")])).err).toMatch(
      /is not an Assay store: it has no migrations table/,
    );
  });
});
