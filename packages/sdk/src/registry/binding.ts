import type { Workflow } from "@assay/workflow";
import type { z } from "zod";

import type { AssayClient } from "../client/client";
import { getClient } from "../client/client";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any workflow, whatever its schemas
export type AnyWorkflow = Workflow<z.ZodObject<any>, z.ZodObject<any>, z.ZodObject<any>>;

const registered = new WeakMap<AssayClient, Map<AnyWorkflow, Promise<void>>>();

/**
 * The client to use, with the workflow's schema registered on it. Registration happens once per client and
 * workflow, when the workflow is first used, so the server can check uploads against the schema.
 */
export async function clientFor(workflow: AnyWorkflow): Promise<AssayClient> {
  const client = getClient();
  let perClient = registered.get(client);
  if (!perClient) {
    perClient = new Map();
    registered.set(client, perClient);
  }
  let registration = perClient.get(workflow);
  if (!registration) {
    registration = client
      .call((trpc) => trpc.workflow.register.mutate(workflow.toJSONSchema()))
      .then(() => undefined);
    perClient.set(workflow, registration);
    registration.catch(() => perClient.delete(workflow));
  }
  await registration;
  return client;
}
