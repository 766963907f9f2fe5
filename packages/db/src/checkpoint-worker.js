// Runs in a worker thread (plain JavaScript: workers do not inherit the TypeScript loader). It copies the WAL
// back into the database file from its own connection, so the server's thread never waits on a checkpoint's
// writes and fsyncs. PASSIVE never blocks readers or writers: it copies what it can and tries again next tick.
import { clearInterval, setInterval } from "node:timers";
import { parentPort, workerData } from "node:worker_threads";

import Database from "better-sqlite3";

const { file, intervalMs } = workerData;
const db = new Database(file);
db.pragma("busy_timeout = 0");

let running = false;
function checkpoint() {
  if (running) return;
  running = true;
  try {
    db.pragma("wal_checkpoint(PASSIVE)");
  } catch {
    // Busy or locked: the next tick tries again.
  } finally {
    running = false;
  }
}

const timer = setInterval(checkpoint, intervalMs);
parentPort.on("message", (message) => {
  if (message !== "stop") return;
  clearInterval(timer);
  checkpoint();
  db.close();
  parentPort.postMessage("stopped");
  parentPort.close();
});
parentPort.postMessage("ready");
