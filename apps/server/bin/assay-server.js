#!/usr/bin/env -S node --max-semi-space-size=4
// The flag keeps the server's memory low under load: each request's garbage dies young, so a larger nursery only
// holds more of it (a 1M-sample ingest peaked at 238 MB with 4 MB semi-spaces, 301 MB with Node's 16). Whoever
// starts this file with `node` instead of running it passes the same flags (the testing package reads them here).
import "../dist/main.js";
