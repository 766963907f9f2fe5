CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` integer NOT NULL,
	`actor` text NOT NULL,
	`via` text NOT NULL,
	`action` text NOT NULL,
	`target` text,
	`input_json` text,
	`before_json` text,
	`after_json` text
);
--> statement-breakpoint
-- Append-only (AUDIT_LOG_TRIGGERS in src/schema/audit.ts: drizzle's schema cannot declare triggers).
CREATE TRIGGER `audit_log_no_update` BEFORE UPDATE ON `audit_log` BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `audit_log_no_delete` BEFORE DELETE ON `audit_log` BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
