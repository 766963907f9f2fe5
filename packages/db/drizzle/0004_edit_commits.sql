CREATE TABLE `test_case_edit_commits` (
	`edit_id` text PRIMARY KEY NOT NULL,
	`version_ids_json` text NOT NULL,
	`committed_at` integer NOT NULL
);
