import { auditRouter } from "./routers/audit";
import { authRouter } from "./routers/auth";
import { jobRouter } from "./routers/job";
import { modelRouter } from "./routers/model";
import { resultRouter } from "./routers/result";
import { testCaseRouter } from "./routers/test-case";
import { testRunRouter } from "./routers/test-run";
import { testSuiteRouter } from "./routers/test-suite";
import { tokenRouter } from "./routers/token";
import { workflowRouter } from "./routers/workflow";
import { createTRPCRouter } from "./trpc";

export const appRouter = createTRPCRouter({
  auth: authRouter,
  token: tokenRouter,
  workflow: workflowRouter,
  model: modelRouter,
  testCase: testCaseRouter,
  testSuite: testSuiteRouter,
  testRun: testRunRouter,
  job: jobRouter,
  result: resultRouter,
  audit: auditRouter,
});

export type AppRouter = typeof appRouter;
