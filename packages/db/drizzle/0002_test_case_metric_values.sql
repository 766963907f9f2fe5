CREATE TABLE `test_case_metric_values` (
	`test_run_id` integer NOT NULL,
	`configuration` text NOT NULL,
	`name` text NOT NULL,
	`test_case_version_id` integer NOT NULL,
	`value_json` text NOT NULL,
	PRIMARY KEY(`test_run_id`, `configuration`, `name`, `test_case_version_id`),
	FOREIGN KEY (`test_run_id`) REFERENCES `test_runs`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`test_case_version_id`) REFERENCES `test_case_versions`(`id`) ON UPDATE no action ON DELETE no action
) WITHOUT ROWID;
--> statement-breakpoint
-- Fields of metrics stored before this table existed (SQLite's JSON text: NaN reads back as null there).
INSERT INTO `test_case_metric_values` (`test_run_id`, `configuration`, `name`, `test_case_version_id`, `value_json`)
SELECT t.`test_run_id`, t.`configuration`, j.`key`, t.`test_case_version_id`,
  CASE j.`type` WHEN 'object' THEN j.`value` WHEN 'array' THEN j.`value` WHEN 'true' THEN 'true'
    WHEN 'false' THEN 'false' WHEN 'null' THEN 'null' ELSE json_quote(j.`value`) END
FROM `test_case_metrics` t, json_each(t.`metrics_json`) j;
