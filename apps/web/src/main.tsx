import { QueryClientProvider } from "@tanstack/react-query";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { Router } from "wouter";

import { App } from "./app";
import { BASE_PATH } from "./lib/base-path";
import { queryClient } from "./lib/trpc";
import "./styles.css";
// Each feature's own rules, after the shared ones they refine.
import "./gallery/gallery.css";
import "./results/results.css";
import "./routes/registry.css";

createRoot(document.getElementById("root") as HTMLElement).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <Router base={BASE_PATH}>
        <App />
      </Router>
    </QueryClientProvider>
  </StrictMode>,
);
