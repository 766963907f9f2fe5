import { blob, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

import { createdAt } from "./columns";

export const TOKEN_SCOPES = ["read", "write", "admin"] as const;

/** API tokens. Only the SHA-256 of a token is stored; the token itself is shown once, when it is made. */
export const apiTokens = sqliteTable("api_tokens", {
  id: integer().primaryKey({ autoIncrement: true }),
  name: text().notNull().unique(),
  tokenHash: blob({ mode: "buffer" }).notNull().unique(),
  scope: text({ enum: TOKEN_SCOPES }).notNull(),
  createdAt: createdAt(),
  lastUsedAt: integer({ mode: "timestamp_ms" }),
  revokedAt: integer({ mode: "timestamp_ms" }),
});

/** Web sessions made from a token; the cookie holds a random id whose hash is stored here. */
export const sessions = sqliteTable("sessions", {
  id: integer().primaryKey({ autoIncrement: true }),
  sessionHash: blob({ mode: "buffer" }).notNull().unique(),
  tokenId: integer()
    .notNull()
    .references(() => apiTokens.id, { onDelete: "cascade" }),
  createdAt: createdAt(),
  expiresAt: integer({ mode: "timestamp_ms" }).notNull(),
});
