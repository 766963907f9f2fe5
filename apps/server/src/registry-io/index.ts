/** Moving a whole registry between stores: backups of the SQLite file, and a lossless JSONL export. */
export { backupStore } from "./backup";
export type { BackupSummary } from "./backup";
export { exportRegistry } from "./export";
export type { ExportHeader, ExportTrailer } from "./export";
export { importRegistry } from "./import";
export { restoreStore } from "./restore";
export type { RestoreSummary } from "./restore";
