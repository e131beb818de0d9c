// `npm run schema`: writes scenarios/schema.json from the zod scenario schema, so editors
// (VS Code with the YAML extension, via the `$schema` line) autocomplete and flag mistakes.
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { buildScenarioJsonSchema } from "./json-schema.ts";

const target = fileURLToPath(new URL("../scenarios/schema.json", import.meta.url));
const text = buildScenarioJsonSchema();
writeFileSync(target, text);
console.log(`wrote ${target} (${text.length} bytes)`);
