// Colour-blind-safe colours (Okabe–Ito) and, for every band, a pattern and a glyph too, so no
// information on the map is carried by colour alone.

/** Okabe–Ito palette (Wong 2011, Nature Methods), distinguishable with the common colour deficiencies. */
export const OKABE_ITO = {
  orange: 0xe69f00,
  skyBlue: 0x56b4e9,
  bluishGreen: 0x009e73,
  yellow: 0xf0e442,
  blue: 0x0072b2,
  vermillion: 0xd55e00,
  reddishPurple: 0xcc79a7,
  grey: 0xbbbbbb,
} as const;

export type Pattern = "outline" | "solid" | "dots" | "none" | "hatch" | "crosshatch" | "vertical" | "horizontal";

export const RELATION_BANDS = ["self", "ally", "friendly", "neutral", "tense", "hostile"] as const;
export type RelationBand = (typeof RELATION_BANDS)[number];

/** How a band looks: fill colour, overlay pattern, map glyph and legend words. */
export interface BandStyle {
  colour: number;
  pattern: Pattern;
  glyph: string;
  label: string;
}

export const BAND_STYLES: Record<RelationBand, BandStyle> = {
  self: { colour: OKABE_ITO.yellow, pattern: "outline", glyph: "★", label: "You" },
  ally: { colour: OKABE_ITO.blue, pattern: "solid", glyph: "▲", label: "Ally (50 or more)" },
  friendly: { colour: OKABE_ITO.skyBlue, pattern: "dots", glyph: "+", label: "Friendly (15 to 49)" },
  neutral: { colour: OKABE_ITO.grey, pattern: "none", glyph: "○", label: "Neutral (−14 to 14)" },
  tense: { colour: OKABE_ITO.orange, pattern: "hatch", glyph: "−", label: "Tense (−49 to −15)" },
  hostile: { colour: OKABE_ITO.vermillion, pattern: "crosshatch", glyph: "✕", label: "Hostile (−50 or less)" },
};

/** The band of a relation value (-100..100) to the viewer. */
export function relationBand(value: number): Exclude<RelationBand, "self"> {
  if (value >= 50) return "ally";
  if (value >= 15) return "friendly";
  if (value > -15) return "neutral";
  if (value > -50) return "tense";
  return "hostile";
}

/** Styles for blocs, assigned in the order the blocs first appear in the scenario. */
const BLOC_STYLES: { colour: number; pattern: Pattern; glyph: string }[] = [
  { colour: OKABE_ITO.blue, pattern: "solid", glyph: "■" },
  { colour: OKABE_ITO.vermillion, pattern: "hatch", glyph: "◆" },
  { colour: OKABE_ITO.bluishGreen, pattern: "dots", glyph: "●" },
  { colour: OKABE_ITO.reddishPurple, pattern: "vertical", glyph: "▼" },
  { colour: OKABE_ITO.orange, pattern: "crosshatch", glyph: "▲" },
  { colour: OKABE_ITO.skyBlue, pattern: "horizontal", glyph: "◇" },
];

/** Style of the i-th bloc (cycles when a scenario has more blocs than styles). */
export function blocStyle(index: number): { colour: number; pattern: Pattern; glyph: string } {
  return BLOC_STYLES[index % BLOC_STYLES.length] as (typeof BLOC_STYLES)[number];
}

/** Countries no actor covers. */
export const LAND_COLOUR = 0x3a4654;
export const SEA_COLOUR = 0x14202c;
export const BORDER_COLOUR = 0x0b1218;

/** Map overlay colours, each also drawn with its own line style or icon. */
export const OVERLAY = {
  trade: OKABE_ITO.bluishGreen,
  sanction: OKABE_ITO.vermillion,
  treaty: OKABE_ITO.yellow,
  voteYes: OKABE_ITO.bluishGreen,
  voteNo: OKABE_ITO.vermillion,
  voteAbstain: OKABE_ITO.grey,
} as const;

/** "#rrggbb" for CSS. */
export function cssColour(c: number): string {
  return `#${c.toString(16).padStart(6, "0")}`;
}

/** Black or white text, whichever reads better on this fill (WCAG relative luminance). */
export function textOn(c: number): string {
  const channel = (v: number): number => {
    const s = v / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  const l = 0.2126 * channel((c >> 16) & 255) + 0.7152 * channel((c >> 8) & 255) + 0.0722 * channel(c & 255);
  return l > 0.35 ? "#000000" : "#ffffff";
}
