// Lint: the layers and a small set of correctness rules. `npm test` runs it (npm run lint).
// The boundary rule is the point: client/, server/, scripts/ and the wire modules in shared/ reach
// the engine only through its public entry, shared/engine/index.ts, so the engine's internals can
// change without breaking them. bench/ measures internals on purpose and is exempt.
import tseslint from "typescript-eslint";
import importX, { createNodeResolver } from "eslint-plugin-import-x";

const engineOnlyThroughIndex = {
  patterns: [
    {
      regex: "(^|/)engine/(?!index\\.ts$)[^/]+$",
      message: "Import the engine through shared/engine/index.ts, its one public entry.",
    },
  ],
};

export default tseslint.config(
  { ignores: ["node_modules/**", "client/dist/**", "dist/**", ".tmp/**", "**/*.mjs", "coverage/**"] },
  {
    files: ["**/*.ts"],
    extends: [tseslint.configs.recommended],
    plugins: { "import-x": importX },
    settings: {
      "import-x/resolver-next": [createNodeResolver({ extensions: [".ts", ".js"] })],
      "import-x/parsers": { "@typescript-eslint/parser": [".ts"] },
    },
    rules: {
      "import-x/no-cycle": ["error", { ignoreExternal: true }],
      "@typescript-eslint/no-explicit-any": "off",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
      "@typescript-eslint/no-non-null-assertion": "off",
    },
  },
  {
    files: ["client/**/*.ts", "server/**/*.ts", "scripts/**/*.ts", "shared/*.ts"],
    rules: { "no-restricted-imports": ["error", engineOnlyThroughIndex] },
  },
  // The store is asynchronous: a store call or a game change that is neither awaited nor handed
  // to something that handles its failure would be a commit nobody waits for (type-aware rules).
  {
    files: ["server/**/*.ts"],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: false }],
    },
  },
);
