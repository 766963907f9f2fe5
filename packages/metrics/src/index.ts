// The public surface of @assay/metrics.
export {};
