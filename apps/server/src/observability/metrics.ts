import { statSync } from "node:fs";

import { appRouter, countJobs, STREAM_NAMES } from "@assay/api";
import type { DB } from "@assay/db";
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";

/** What the server's gauges read when scraped. */
export interface MetricsSources {
  db: DB;
  streams: { readonly active: number };
  admission: { readonly working: number; readonly waiting: number };
}

/**
 * The server's Prometheus metrics (`GET /metrics`): requests by route, method and status, their latency, jobs by
 * status, streams and bulk requests in progress, the store's size on disk, and Node's process metrics. Routes are
 * labelled by what the server knows (a procedure, a stream, a page of the web UI), never by a path as sent, so a
 * client cannot add label values.
 */
export class ServerMetrics {
  readonly registry = new Registry();
  private readonly requests: Counter<"route" | "method" | "status">;
  private readonly latency: Histogram<"route">;

  constructor(sources: MetricsSources) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry });
    this.requests = new Counter({
      name: "assay_http_requests_total",
      help: "HTTP requests answered, by route, method and status",
      labelNames: ["route", "method", "status"],
      registers,
    });
    this.latency = new Histogram({
      name: "assay_http_request_duration_seconds",
      help: "Time from a request's arrival to the end of its response (streams: to their last chunk)",
      labelNames: ["route"],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    });
    new Gauge({
      name: "assay_jobs",
      help: "Background jobs (evaluations) in the store, by status",
      labelNames: ["status"],
      registers,
      collect() {
        for (const [status, count] of Object.entries(countJobs(sources.db)))
          this.set({ status }, count);
      },
    });
    new Gauge({
      name: "assay_streams_active",
      help: "Streams (GET /stream/…) being sent now",
      registers,
      collect() {
        this.set(sources.streams.active);
      },
    });
    new Gauge({
      name: "assay_bulk_requests",
      help: "Bulk requests (edit batches, uploads) being worked on, and waiting their turn",
      labelNames: ["state"],
      registers,
      collect() {
        this.set({ state: "working" }, sources.admission.working);
        this.set({ state: "waiting" }, sources.admission.waiting);
      },
    });
    new Gauge({
      name: "assay_store_bytes",
      help: "Size of the store's files on disk (the SQLite database and its write-ahead log)",
      registers,
      collect() {
        this.set(storeBytes(sources.db));
      },
    });
  }

  /** Counts one answered request. */
  observe(route: string, method: string, status: number, seconds: number): void {
    this.requests.inc({ route, method: KNOWN_METHODS.has(method) ? method : "other", status });
    this.latency.observe({ route }, seconds);
  }

  async render(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}

const KNOWN_METHODS = new Set(["GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH"]);
const PROCEDURES = new Set(Object.keys(appRouter._def.procedures));
const STREAMS = new Set(STREAM_NAMES);

/** The route label of a path inside the base path: only names the server has, so label values stay few. */
export function routeOf(pathname: string): string {
  if (pathname.startsWith("/trpc/")) {
    const names = pathname.slice("/trpc/".length).split(",");
    if (names.length > 1) return "/trpc (batch)";
    return PROCEDURES.has(names[0] as string) ? pathname : "/trpc (unknown)";
  }
  if (pathname.startsWith("/stream/")) {
    return STREAMS.has(pathname.slice("/stream/".length)) ? pathname : "/stream (unknown)";
  }
  if (pathname === "/healthz" || pathname === "/metrics" || pathname === "/assets") return pathname;
  return "web";
}

function storeBytes(db: DB): number {
  const file = db.$client.name;
  if (db.$client.memory) return 0;
  let bytes = 0;
  for (const path of [file, `${file}-wal`]) {
    try {
      bytes += statSync(path).size;
    } catch {
      // No write-ahead log just now.
    }
  }
  return bytes;
}
