// The country ids the game's map can draw: the same world-atlas file the client projects, read
// as data (no client code), so an actor's mapIds are checked against what the board will show.
import countries from "world-atlas/countries-110m.json";

type Topology = { objects: { countries: { geometries: { id?: string; properties?: { name?: string } }[] } } };

const geometries = (countries as unknown as Topology).objects.countries.geometries;

/** ISO 3166-1 numeric code ("156") -> the country's name on the map ("China"). */
export const MAP_COUNTRIES: ReadonlyMap<string, string> = new Map(
  geometries.filter((g) => g.id !== undefined).map((g) => [g.id!, g.properties?.name ?? g.id!]),
);

/** "076" for a code written without its leading zeros ("76", or the number 76 YAML read from 076), when the map has it. */
export function paddedMapId(code: string | number): string | undefined {
  const padded = String(code).padStart(3, "0");
  return /^\d{1,2}$/.test(String(code)) && MAP_COUNTRIES.has(padded) ? padded : undefined;
}
