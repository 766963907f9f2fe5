CREATE TABLE `sample_metric_columns` (
	`test_run_id` integer NOT NULL,
	`configuration` text NOT NULL,
	`field` text NOT NULL,
	`part` integer NOT NULL,
	`test_case_ids` blob NOT NULL,
	`sample_ids` blob NOT NULL,
	`values` blob NOT NULL,
	`categories_json` text NOT NULL,
	PRIMARY KEY(`test_run_id`, `configuration`, `field`, `part`),
	FOREIGN KEY (`test_run_id`) REFERENCES `test_runs`(`id`) ON UPDATE no action ON DELETE cascade
) WITHOUT ROWID;
