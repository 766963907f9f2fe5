export * from "./auth";
export * from "./models";
export * from "./results";
export * from "./samples";
export * from "./test-cases";
export * from "./test-runs";
export * from "./test-suites";
export * from "./workflows";
