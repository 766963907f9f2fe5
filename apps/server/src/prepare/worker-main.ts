import { parentPort } from "node:worker_threads";

// The preparing code alone, not the routers: this thread holds only what validation needs.
import { inlinePreparer, toPrepareFailure, transferablesOf } from "@assay/api/prepare";

import type { PrepareRequest, PrepareResponse } from "./protocol";

const port = parentPort;
if (!port) throw new Error("worker-main.ts runs in a worker thread");
const preparer = inlinePreparer();

port.on("message", (request: PrepareRequest) => {
  preparer
    .prepare(request.schemaJson, request.lines)
    .then(
      (prepared): PrepareResponse => ({ id: request.id, prepared }),
      (error: unknown): PrepareResponse => ({ id: request.id, failure: toPrepareFailure(error) }),
    )
    .then((response) =>
      port.postMessage(response, "prepared" in response ? transferablesOf(response.prepared) : []),
    )
    .catch(() => undefined);
});
port.postMessage({ ready: true });
