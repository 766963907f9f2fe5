import type { UserConfig } from "tsdown";

/**
 * How every publishable package is built: ESM for Node 20.19+, one file per entry (shared code in common chunks,
 * so module state such as the schema brands exists once), declarations bundled beside them, and source maps.
 * Dependencies and peer dependencies stay imports; the package's own sources are bundled.
 */
export function packageBuild(
  entry: Record<string, string>,
  extra: Partial<UserConfig> = {},
): UserConfig {
  return {
    entry,
    format: "esm",
    platform: "node",
    target: "node20.19",
    dts: true,
    sourcemap: true,
    clean: true,
    // The packages are "type": "module": .js and .d.ts, not .mjs.
    fixedExtension: false,
    // Built files are what users run: keep their names readable in stack traces.
    minify: false,
    // Declarations take most of a build's time, which rolldown would report on every build.
    inputOptions: { checks: { pluginTimings: false } },
    ...extra,
  };
}
