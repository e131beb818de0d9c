// Fills scenario headline templates: {self}, {target}, {target2}, {param.x}.
import type { ParamValue } from "../../../shared/engine/types.ts";

/** What a template may refer to, already turned into display names. */
export interface TemplateContext {
  self?: string;
  target?: string;
  target2?: string;
  params?: Record<string, ParamValue>;
}

/** Replaces known placeholders; unknown ones are dropped so a headline never shows braces. */
export function fillTemplate(template: string, ctx: TemplateContext): string {
  return template
    .replace(/\{([A-Za-z0-9_.]+)\}/g, (_m, key: string) => {
      if (key === "self") return ctx.self ?? "";
      if (key === "target") return ctx.target ?? "";
      if (key === "target2") return ctx.target2 ?? "";
      if (key.startsWith("param.")) {
        const v = ctx.params?.[key.slice(6)];
        return v === undefined ? "" : String(v);
      }
      return "";
    })
    .replace(/\s{2,}/g, " ")
    .trim();
}
