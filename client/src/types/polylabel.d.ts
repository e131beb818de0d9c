// polylabel 2.x ships without types: the label point inside a polygon (rings of [x, y]).
declare module "polylabel" {
  export default function polylabel(polygon: number[][][], precision?: number, debug?: boolean): number[] & { distance: number };
}
