import js from "@eslint/js";
import { defineConfig } from "eslint/config";
import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";

export default defineConfig(
  {
    ignores: [
      "**/dist/**",
      "**/.cache/**",
      "**/node_modules/**",
      "**/.turbo/**",
      // The web UI's build, copied into the server package by its build.
      "apps/server/web/**",
      // Generated (packages/api/scripts/emit-client-router.ts), and checked against its source by a test.
      "**/*.gen.d.ts",
    ],
  },
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  tseslint.configs.stylisticTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      "@typescript-eslint/consistent-type-imports": [
        "error",
        { prefer: "type-imports", fixStyle: "separate-type-imports" },
      ],
      "@typescript-eslint/no-non-null-assertion": "error",
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrorsIgnorePattern: "^_" },
      ],
      // Type aliases and interfaces are both fine; zod-inferred types must be aliases anyway.
      "@typescript-eslint/consistent-type-definitions": "off",
      // It asks for `x!`, which no-non-null-assertion forbids; an explicit `as T` states the intent.
      "@typescript-eslint/non-nullable-type-assertion-style": "off",
    },
  },
  {
    // The web UI's components: hooks called in order, effects with the dependencies they read, React Compiler's
    // rules for what may happen during render.
    files: ["apps/web/src/**/*.{ts,tsx}"],
    extends: [reactHooks.configs.flat["recommended-latest"]],
    rules: {
      "react-hooks/exhaustive-deps": "error",
      // Advice for React Compiler, which this build does not run: TanStack Virtual is fine without it.
      "react-hooks/incompatible-library": "off",
    },
  },
  {
    // Tests index into fixtures they just built; a failed `!` there fails the test loudly anyway.
    files: ["**/*.test.ts", "**/*.test-d.ts", "**/testing.ts"],
    rules: { "@typescript-eslint/no-non-null-assertion": "off" },
  },
  {
    files: ["**/*.js", "**/*.mjs"],
    extends: [tseslint.configs.disableTypeChecked],
  },
);
