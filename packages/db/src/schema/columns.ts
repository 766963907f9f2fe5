import { integer } from "drizzle-orm/sqlite-core";

/** When a row was made, in milliseconds. */
export const createdAt = () =>
  integer({ mode: "timestamp_ms" })
    .notNull()
    .$defaultFn(() => new Date());

/** When a row last changed, in milliseconds. */
export const updatedAt = () =>
  integer({ mode: "timestamp_ms" })
    .notNull()
    .$defaultFn(() => new Date())
    .$onUpdateFn(() => new Date());
