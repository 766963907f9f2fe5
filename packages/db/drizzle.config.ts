import { defineConfig } from "drizzle-kit";

// `pnpm db:generate --name <what_changed>` writes a migration for the schema change; commit it with the
// schema. Keep `casing` in step with `openDatabase`.
export default defineConfig({
  dialect: "sqlite",
  schema: "./src/schema/index.ts",
  out: "./drizzle",
  casing: "snake_case",
});
