// Maps a path in the parsed data (and an offset inside a formula) back to a line and column in
// the file the author wrote, using the YAML document's node ranges.
import { isMap, isScalar, isSeq, Scalar, type Document, type LineCounter, type Node } from "yaml";
import type { PathSegment } from "./errors.ts";

/** A place in a file, 1-based like editors show it. */
export interface Position {
  line: number;
  column: number;
}

type AnyNode = Node | null | undefined;

const keyText = (k: unknown): string => (isScalar(k) ? String(k.value) : String(k));

/** Finds where a path lives in a parsed YAML/JSON document. */
export class PositionFinder {
  constructor(
    private readonly doc: Document,
    private readonly lines: LineCounter,
    private readonly text: string,
  ) {}

  /** Line and column of a 0-based character offset in the file. */
  at(offset: number): Position {
    const p = this.lines.linePos(Math.max(0, Math.min(offset, this.text.length)));
    return { line: p.line, column: p.col };
  }

  /**
   * The position of `path`: its value, or its key when `at` is "key" or the value is missing.
   * A path that does not exist at all points at the deepest part that does.
   */
  locate(path: readonly PathSegment[], at: "key" | "value" = "value", exprOffset?: number): Position {
    let node: AnyNode = this.doc.contents as AnyNode;
    let keyNode: AnyNode;
    let found = 0;
    for (const seg of path) {
      if (isMap(node)) {
        const pair = node.items.find((p) => keyText(p.key) === String(seg));
        if (!pair) break;
        keyNode = pair.key as AnyNode;
        node = pair.value as AnyNode;
      } else if (isSeq(node) && typeof seg === "number") {
        const item = node.items[seg] as AnyNode;
        if (item === undefined) break;
        keyNode = item;
        node = item;
      } else break;
      found++;
    }
    if (found < path.length || at === "key" || !node?.range) {
      const anchor = keyNode?.range ? keyNode : found === 0 ? undefined : node;
      return this.at(anchor?.range?.[0] ?? 0);
    }
    if (exprOffset !== undefined && isScalar(node) && typeof node.value === "string") {
      return this.at(node.range![0] + this.scalarOffset(node, exprOffset));
    }
    return this.at(node.range![0]);
  }

  /**
   * Where character `offset` of a string scalar's value is, relative to the scalar's start.
   * Walks the value and the source side by side, so quotes, escapes, folded lines and block
   * indentation are skipped the way the YAML parser skipped them.
   */
  private scalarOffset(node: Scalar, offset: number): number {
    const [start, end] = node.range!;
    const raw = this.text.slice(start, end);
    const value = String(node.value);
    let j = 0;
    if (node.type === Scalar.QUOTE_DOUBLE || node.type === Scalar.QUOTE_SINGLE) j = 1;
    else if (node.type === Scalar.BLOCK_LITERAL || node.type === Scalar.BLOCK_FOLDED) j = raw.indexOf("\n") + 1;
    const find = (c: string, from: number): number => {
      const space = /\s/.test(c);
      let k = from;
      while (k < raw.length && (space ? !/\s/.test(raw[k]!) : raw[k] !== c)) k++;
      return k < raw.length ? k : from;
    };
    const stop = Math.min(offset, value.length);
    for (let i = 0; i < stop; i++) j = find(value[i]!, j) + 1;
    return offset < value.length ? find(value[offset]!, j) : j;
  }
}
