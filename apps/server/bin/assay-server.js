#!/usr/bin/env -S MALLOC_ARENA_MAX=2 MALLOC_MMAP_THRESHOLD_=262144 node --max-semi-space-size=4 --heap-growing-percent=25
// These settings keep the server's memory low under load (a run with 8 clients uploading at once, and a 1M-sample
// evaluation, peaked above 300 MB without them):
// - a 4 MB young generation (Node's is 16): each request's garbage dies young, so a larger nursery only holds
//   more of it;
// - the old generation grows only 25 % past what was live after a collection before the next one: the bodies of
//   bulk uploads (a few MB each) are garbage as soon as they are stored;
// - two malloc arenas: the server's threads (writing, preparing, jobs, checkpoints) each took arenas of their own
//   that kept what SQLite and V8 had freed.
// Whoever starts this file with `node` instead of running it passes the same (the testing package reads them).
import "../dist/main.js";
