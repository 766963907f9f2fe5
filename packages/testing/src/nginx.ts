import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

/** Debian's nginx (installed by scripts/setup). */
export const NGINX = process.env.ASSAY_NGINX ?? "/usr/sbin/nginx";

export interface Nginx {
  /** The proxy's own address, e.g. http://127.0.0.1:41234 (the prefix is not included). */
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts a real nginx on a free loopback port, in the foreground of its own temporary prefix, that forwards
 * `prefix/` to `upstream` as a deployment behind a reverse proxy would (the path as is, X-Forwarded-For and
 * -Proto set, no buffering so streams flow). Anything else answers 404 from nginx itself.
 */
export async function startNginx(upstream: string, prefix: string): Promise<Nginx> {
  if (!existsSync(NGINX))
    throw new Error(`no nginx at ${NGINX}: run scripts/setup (it installs nginx)`);
  const dir = mkdtempSync(join(tmpdir(), "assay-nginx-"));
  const port = await freePort();
  const conf = join(dir, "nginx.conf");
  writeFileSync(
    conf,
    `
# One process in the foreground, as the user running the test (no workers to switch to another user).
daemon off;
master_process off;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 512; }
http {
  access_log off;
  client_body_temp_path ${dir}/client_body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  server {
    listen 127.0.0.1:${port};
    location ${prefix}/ {
      proxy_pass ${upstream};
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_buffering off;
      client_max_body_size 64m;
    }
    location = ${prefix} { proxy_pass ${upstream}; }
    location / { return 404; }
  }
}
`,
  );
  const child = spawn(NGINX, ["-p", dir, "-c", conf, "-e", join(dir, "error.log")], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const deadline = Date.now() + 10_000;
  while (!(await accepts(port))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      const log = existsSync(join(dir, "error.log"))
        ? readFileSync(join(dir, "error.log"), "utf8")
        : "";
      child.kill("SIGKILL");
      throw new Error(`nginx did not start: ${output}${log}`);
    }
    await sleep(50);
  }
  return {
    url: `http://127.0.0.1:${port}`,
    stop: async () => {
      if (child.exitCode === null) child.kill("SIGQUIT");
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A loopback port nothing listens on now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}
