// What bin/assay-server.js runs: one command on this process's streams.
import { runServerCli } from "./cli";

process.exitCode = await runServerCli(process.argv.slice(2), {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
});
