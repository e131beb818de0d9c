// Builds the editor-facing JSON Schema from the zod scenario schema (the single source of truth).
// Kept apart from the script that writes it, so a test can compare the committed file with a
// fresh build.
import { z } from "zod";
import { Scenario } from "../shared/scenario/schema.ts";

/** Names for the definitions zod leaves anonymous, recognised by their content. */
function nameDefinitions(schema: Record<string, unknown>): Record<string, unknown> {
  const defs = (schema.definitions ?? {}) as Record<string, { anyOf?: { properties?: Record<string, unknown> }[] }>;
  let text = JSON.stringify(schema);
  for (const [key, def] of Object.entries(defs)) {
    if (!key.startsWith("__schema")) continue;
    const isEffect = def.anyOf?.some((o) => o.properties && "change" in o.properties);
    if (isEffect) text = text.replaceAll(`"${key}"`, `"Effect"`).replaceAll(`/definitions/${key}"`, `/definitions/Effect"`);
  }
  return JSON.parse(text) as Record<string, unknown>;
}

/** The scenario JSON Schema as the text committed in scenarios/schema.json. */
export function buildScenarioJsonSchema(): string {
  const schema = z.toJSONSchema(Scenario, { io: "input", target: "draft-07", unrepresentable: "any" }) as Record<string, unknown>;
  const named = nameDefinitions({
    ...schema,
    title: "Faultline scenario",
    description: "A Faultline scenario file. Generated from shared/scenario/schema.ts by `npm run schema`; do not edit by hand.",
  });
  return `${JSON.stringify(named, null, 2)}\n`;
}
