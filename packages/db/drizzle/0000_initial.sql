CREATE TABLE `api_tokens` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`token_hash` blob NOT NULL,
	`scope` text NOT NULL,
	`created_at` integer NOT NULL,
	`last_used_at` integer,
	`revoked_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_tokens_name_unique` ON `api_tokens` (`name`);--> statement-breakpoint
CREATE UNIQUE INDEX `api_tokens_tokenHash_unique` ON `api_tokens` (`token_hash`);--> statement-breakpoint
CREATE TABLE `sessions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`session_hash` blob NOT NULL,
	`token_id` integer NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	FOREIGN KEY (`token_id`) REFERENCES `api_tokens`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sessions_sessionHash_unique` ON `sessions` (`session_hash`);--> statement-breakpoint
CREATE TABLE `model_tags` (
	`model_id` integer NOT NULL,
	`tag` text NOT NULL,
	PRIMARY KEY(`model_id`, `tag`),
	FOREIGN KEY (`model_id`) REFERENCES `models`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `model_tags_by_tag` ON `model_tags` (`tag`,`model_id`);--> statement-breakpoint
CREATE TABLE `models` (
	`id` integer PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`workflow_id` integer NOT NULL,
	`metadata_json` text DEFAULT '{}' NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`workflow_id`) REFERENCES `workflows`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `models_name_unique` ON `models` (`name`);--> statement-breakpoint
CREATE INDEX `models_by_workflow` ON `models` (`workflow_id`,`id`);--> statement-breakpoint
CREATE TABLE `sample_metrics` (
	`id` integer PRIMARY KEY NOT NULL,
	`test_run_id` integer NOT NULL,
	`configuration` text NOT NULL,
	`test_case_version_id` integer,
	`sample_id` integer NOT NULL,
	`metrics_json` text NOT NULL,
	FOREIGN KEY (`test_run_id`) REFERENCES `test_runs`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`test_case_version_id`) REFERENCES `test_case_versions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`sample_id`) REFERENCES `test_samples`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sample_metrics_per_test_case` ON `sample_metrics` (`test_run_id`,`configuration`,`test_case_version_id`,`sample_id`) WHERE test_case_version_id IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX `sample_metrics_shared` ON `sample_metrics` (`test_run_id`,`configuration`,`sample_id`) WHERE test_case_version_id IS NULL;--> statement-breakpoint
CREATE INDEX `sample_metrics_by_sample` ON `sample_metrics` (`sample_id`);--> statement-breakpoint
CREATE TABLE `test_case_metrics` (
	`test_run_id` integer NOT NULL,
	`configuration` text NOT NULL,
	`test_case_version_id` integer NOT NULL,
	`metrics_json` text NOT NULL,
	PRIMARY KEY(`test_run_id`, `configuration`, `test_case_version_id`),
	FOREIGN KEY (`test_run_id`) REFERENCES `test_runs`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`test_case_version_id`) REFERENCES `test_case_versions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `test_case_plots` (
	`test_run_id` integer NOT NULL,
	`configuration` text NOT NULL,
	`test_case_version_id` integer NOT NULL,
	`position` integer NOT NULL,
	`plot_json` text NOT NULL,
	PRIMARY KEY(`test_run_id`, `configuration`, `test_case_version_id`, `position`),
	FOREIGN KEY (`test_run_id`) REFERENCES `test_runs`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`test_case_version_id`) REFERENCES `test_case_versions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `test_suite_metrics` (
	`test_run_id` integer NOT NULL,
	`configuration` text NOT NULL,
	`metrics_json` text NOT NULL,
	PRIMARY KEY(`test_run_id`, `configuration`),
	FOREIGN KEY (`test_run_id`) REFERENCES `test_runs`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `test_samples` (
	`id` integer PRIMARY KEY NOT NULL,
	`workflow_id` integer NOT NULL,
	`identity_hash` blob NOT NULL,
	`sample_json` text NOT NULL,
	`metadata_json` text DEFAULT '{}' NOT NULL,
	FOREIGN KEY (`workflow_id`) REFERENCES `workflows`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `test_samples_identity` ON `test_samples` (`workflow_id`,`identity_hash`);--> statement-breakpoint
CREATE TABLE `test_case_edit_entries` (
	`edit_id` text NOT NULL,
	`test_case_id` integer NOT NULL,
	`base_version` integer NOT NULL,
	`created` integer DEFAULT false NOT NULL,
	`reset` integer DEFAULT false NOT NULL,
	`description` text,
	`sample_count` integer NOT NULL,
	PRIMARY KEY(`edit_id`, `test_case_id`),
	FOREIGN KEY (`edit_id`) REFERENCES `test_case_edits`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`test_case_id`) REFERENCES `test_cases`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `test_case_edit_entries_one_edit` ON `test_case_edit_entries` (`test_case_id`);--> statement-breakpoint
CREATE TABLE `test_case_edit_samples` (
	`edit_id` text NOT NULL,
	`test_case_id` integer NOT NULL,
	`sample_id` integer NOT NULL,
	PRIMARY KEY(`edit_id`, `test_case_id`, `sample_id`),
	FOREIGN KEY (`edit_id`) REFERENCES `test_case_edits`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `test_case_edits` (
	`id` text PRIMARY KEY NOT NULL,
	`next_seq` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `test_case_members` (
	`id` integer PRIMARY KEY NOT NULL,
	`test_case_id` integer NOT NULL,
	`sample_id` integer NOT NULL,
	`position` integer NOT NULL,
	`ground_truth_json` text NOT NULL,
	`added_version` integer NOT NULL,
	`removed_version` integer,
	FOREIGN KEY (`test_case_id`) REFERENCES `test_cases`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`sample_id`) REFERENCES `test_samples`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `test_case_members_by_position` ON `test_case_members` (`test_case_id`,`position`);--> statement-breakpoint
CREATE UNIQUE INDEX `test_case_members_current` ON `test_case_members` (`test_case_id`,`sample_id`) WHERE removed_version IS NULL;--> statement-breakpoint
CREATE INDEX `test_case_members_by_sample` ON `test_case_members` (`sample_id`,`test_case_id`);--> statement-breakpoint
CREATE TABLE `test_case_versions` (
	`id` integer PRIMARY KEY NOT NULL,
	`test_case_id` integer NOT NULL,
	`version` integer NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`sample_count` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`test_case_id`) REFERENCES `test_cases`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `test_case_versions_by_number` ON `test_case_versions` (`test_case_id`,`version`);--> statement-breakpoint
CREATE TABLE `test_cases` (
	`id` integer PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`workflow_id` integer NOT NULL,
	`latest_version` integer NOT NULL,
	`next_position` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`workflow_id`) REFERENCES `workflows`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `test_cases_name_unique` ON `test_cases` (`name`);--> statement-breakpoint
CREATE TABLE `inferences` (
	`model_id` integer NOT NULL,
	`sample_id` integer NOT NULL,
	`inference_json` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`model_id`, `sample_id`),
	FOREIGN KEY (`model_id`) REFERENCES `models`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`sample_id`) REFERENCES `test_samples`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `test_run_configurations` (
	`test_run_id` integer NOT NULL,
	`display_name` text NOT NULL,
	`configuration_json` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`test_run_id`, `display_name`),
	FOREIGN KEY (`test_run_id`) REFERENCES `test_runs`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `test_run_evaluations` (
	`test_run_id` integer NOT NULL,
	`configuration` text NOT NULL,
	`evaluated_at` integer NOT NULL,
	PRIMARY KEY(`test_run_id`, `configuration`),
	FOREIGN KEY (`test_run_id`) REFERENCES `test_runs`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `test_runs` (
	`id` integer PRIMARY KEY NOT NULL,
	`model_id` integer NOT NULL,
	`test_suite_version_id` integer NOT NULL,
	`evaluator` text NOT NULL,
	`status` text DEFAULT 'running' NOT NULL,
	`progress` real DEFAULT 0 NOT NULL,
	`message` text DEFAULT '' NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`model_id`) REFERENCES `models`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`test_suite_version_id`) REFERENCES `test_suite_versions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `test_runs_identity` ON `test_runs` (`model_id`,`test_suite_version_id`,`evaluator`);--> statement-breakpoint
CREATE TABLE `test_suite_members` (
	`test_suite_version_id` integer NOT NULL,
	`position` integer NOT NULL,
	`test_case_version_id` integer NOT NULL,
	PRIMARY KEY(`test_suite_version_id`, `position`),
	FOREIGN KEY (`test_suite_version_id`) REFERENCES `test_suite_versions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`test_case_version_id`) REFERENCES `test_case_versions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `test_suite_members_by_test_case` ON `test_suite_members` (`test_case_version_id`);--> statement-breakpoint
CREATE TABLE `test_suite_tags` (
	`test_suite_id` integer NOT NULL,
	`tag` text NOT NULL,
	PRIMARY KEY(`test_suite_id`, `tag`),
	FOREIGN KEY (`test_suite_id`) REFERENCES `test_suites`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `test_suite_tags_by_tag` ON `test_suite_tags` (`tag`);--> statement-breakpoint
CREATE TABLE `test_suite_versions` (
	`id` integer PRIMARY KEY NOT NULL,
	`test_suite_id` integer NOT NULL,
	`version` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`test_suite_id`) REFERENCES `test_suites`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `test_suite_versions_by_number` ON `test_suite_versions` (`test_suite_id`,`version`);--> statement-breakpoint
CREATE TABLE `test_suites` (
	`id` integer PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`workflow_id` integer NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`latest_version` integer NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`workflow_id`) REFERENCES `workflows`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `test_suites_name_unique` ON `test_suites` (`name`);--> statement-breakpoint
CREATE TABLE `workflows` (
	`id` integer PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`test_sample_type` text NOT NULL,
	`schema_json` text NOT NULL,
	`schema_version` integer DEFAULT 1 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `workflows_name_unique` ON `workflows` (`name`);