import { cp, rm } from "node:fs/promises";
import { fileURLToPath } from "node:url";

import { defineConfig } from "tsdown";

import { packageBuild } from "../../tsdown.shared.ts";

const WEB_BUILD = fileURLToPath(new URL("../web/dist", import.meta.url));
const WEB_COPY = fileURLToPath(new URL("./web", import.meta.url));

export default defineConfig(
  packageBuild(
    {
      index: "src/index.ts",
      // What bin/assay-server.js runs.
      main: "src/main.ts",
      // The server's worker threads, started by src/threads/pool.ts as `./<name>-thread.js` beside it.
      "prepare-thread": "src/threads/prepare-thread.ts",
      "writer-thread": "src/threads/writer-thread.ts",
      "reader-thread": "src/threads/reader-thread.ts",
      "jobs-thread": "src/threads/jobs-thread.ts",
    },
    {
      // The web UI ships inside the server (`web/`, the default --web-root). turbo.json builds @assay/web first.
      hooks: {
        "build:done": async () => {
          await rm(WEB_COPY, { recursive: true, force: true });
          await cp(WEB_BUILD, WEB_COPY, { recursive: true });
        },
      },
    },
  ),
);
