/**
 * Tests run the workspace's packages from their TypeScript sources (the exports' "@assay/source" condition), not
 * from a dist/ that may be stale or missing. Every project's config spreads this in. Setting conditions replaces
 * Vite's defaults, so they are listed after ours (vite's defaultClientConditions / defaultServerConditions).
 */
export const sourceConditions = {
  resolve: { conditions: ["@assay/source", "module", "browser", "development|production"] },
  ssr: { resolve: { conditions: ["@assay/source", "module", "node", "development|production"] } },
};
