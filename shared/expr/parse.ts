// The scenario expression language: a small, safe grammar parsed to a tree (never eval/Function).
//
//   expr    := or ('?' expr ':' expr)?
//   or      := and ('or' and)*            and := not ('and' not)*       not := 'not' not | compare
//   compare := sum (('<'|'<='|'>'|'>='|'=='|'!=') sum)?
//   sum     := product (('+'|'-') product)*          product := unary (('*'|'/'|'%') unary)*
//   unary   := '-' unary | power                      power := primary ('^' unary)?
//   primary := number | "string" | true | false | name('.'name)* | name '(' args ')' | '(' expr ')'

export type ExprNode =
  | { k: "num"; v: number; at: number }
  | { k: "str"; v: string; at: number }
  | { k: "bool"; v: boolean; at: number }
  | { k: "ref"; path: string[]; at: number }
  | { k: "call"; fn: string; args: ExprNode[]; at: number }
  | { k: "neg"; a: ExprNode; at: number }
  | { k: "not"; a: ExprNode; at: number }
  | { k: "bin"; op: BinOp; a: ExprNode; b: ExprNode; at: number }
  | { k: "cond"; c: ExprNode; a: ExprNode; b: ExprNode; at: number };

export type BinOp = "+" | "-" | "*" | "/" | "%" | "^" | "<" | "<=" | ">" | ">=" | "==" | "!=" | "and" | "or";

/** A syntax error, with the 0-based offset of the mistake inside the expression text. */
export interface ExprSyntaxError {
  message: string;
  offset: number;
}

export type ParseResult = { ok: true; node: ExprNode } | { ok: false; error: ExprSyntaxError };

type Token =
  | { t: "num"; v: number; at: number }
  | { t: "str"; v: string; at: number }
  | { t: "name"; v: string; at: number }
  | { t: "op"; v: string; at: number }
  | { t: "end"; at: number };

class SyntaxFailure extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

const OPERATORS = ["<=", ">=", "==", "!=", "&&", "||", "<", ">", "+", "-", "*", "/", "%", "^", "(", ")", ",", ".", "?", ":", "!"];

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (c === " " || c === "\t" || c === "\n" || c === "\r") {
      i++;
      continue;
    }
    const start = i;
    if (/[0-9]/.test(c) || (c === "." && /[0-9]/.test(src[i + 1] ?? ""))) {
      while (i < src.length && /[0-9_]/.test(src[i]!)) i++;
      if (src[i] === "." && /[0-9]/.test(src[i + 1] ?? "")) {
        i++;
        while (i < src.length && /[0-9]/.test(src[i]!)) i++;
      }
      if (/[eE]/.test(src[i] ?? "") && /[-+0-9]/.test(src[i + 1] ?? "")) {
        i += 2;
        while (i < src.length && /[0-9]/.test(src[i]!)) i++;
      }
      out.push({ t: "num", v: Number(src.slice(start, i).replace(/_/g, "")), at: start });
      continue;
    }
    if (/[A-Za-z_]/.test(c)) {
      while (i < src.length && /[A-Za-z0-9_]/.test(src[i]!)) i++;
      out.push({ t: "name", v: src.slice(start, i), at: start });
      continue;
    }
    if (c === '"' || c === "'") {
      i++;
      while (i < src.length && src[i] !== c) i++;
      if (i >= src.length) throw new SyntaxFailure("this string is never closed", start);
      out.push({ t: "str", v: src.slice(start + 1, i), at: start });
      i++;
      continue;
    }
    const op = OPERATORS.find((o) => src.startsWith(o, i));
    if (!op) throw new SyntaxFailure(`unexpected character '${c}'`, i);
    out.push({ t: "op", v: op === "&&" ? "and" : op === "||" ? "or" : op === "!" ? "not" : op, at: i });
    i += op.length;
  }
  out.push({ t: "end", at: src.length });
  return out;
}

class Parser {
  private i = 0;
  constructor(private readonly tokens: Token[]) {}

  private peek(): Token {
    return this.tokens[this.i]!;
  }
  private isOp(v: string): boolean {
    const t = this.peek();
    return (t.t === "op" && t.v === v) || (t.t === "name" && t.v === v && (v === "and" || v === "or" || v === "not"));
  }
  private expectOp(v: string, what: string): void {
    if (!this.isOp(v)) throw new SyntaxFailure(`expected ${what}`, this.peek().at);
    this.i++;
  }

  parseAll(): ExprNode {
    const node = this.expr();
    const t = this.peek();
    if (t.t !== "end") throw new SyntaxFailure(`unexpected '${describe(t)}' after a complete expression`, t.at);
    return node;
  }

  private expr(): ExprNode {
    const c = this.binary(0);
    if (this.isOp("?")) {
      const at = this.peek().at;
      this.i++;
      const a = this.expr();
      this.expectOp(":", "':' in a ? b : c");
      const b = this.expr();
      return { k: "cond", c, a, b, at };
    }
    return c;
  }

  private static readonly LEVELS: BinOp[][] = [
    ["or"],
    ["and"],
    ["<", "<=", ">", ">=", "==", "!="],
    ["+", "-"],
    ["*", "/", "%"],
  ];

  private binary(level: number): ExprNode {
    if (level === 2 && this.isOp("not")) {
      const at = this.peek().at;
      this.i++;
      return { k: "not", a: this.binary(level), at };
    }
    if (level >= Parser.LEVELS.length) return this.unary();
    let a = this.binary(level + 1);
    const ops = Parser.LEVELS[level]!;
    const single = level === 2; // comparisons do not chain
    for (;;) {
      const t = this.peek();
      const op = ops.find((o) => this.isOp(o));
      if (!op) return a;
      this.i++;
      const b = this.binary(level + 1);
      a = { k: "bin", op, a, b, at: t.at };
      if (single) return a;
    }
  }

  private unary(): ExprNode {
    if (this.isOp("-")) {
      const at = this.peek().at;
      this.i++;
      return { k: "neg", a: this.unary(), at };
    }
    const base = this.primary();
    if (this.isOp("^")) {
      const at = this.peek().at;
      this.i++;
      return { k: "bin", op: "^", a: base, b: this.unary(), at };
    }
    return base;
  }

  private primary(): ExprNode {
    const t = this.peek();
    if (t.t === "num") {
      this.i++;
      return { k: "num", v: t.v, at: t.at };
    }
    if (t.t === "str") {
      this.i++;
      return { k: "str", v: t.v, at: t.at };
    }
    if (t.t === "name") {
      this.i++;
      if (t.v === "true" || t.v === "false") return { k: "bool", v: t.v === "true", at: t.at };
      if (t.v === "and" || t.v === "or" || t.v === "not") throw new SyntaxFailure(`'${t.v}' needs a value before it`, t.at);
      if (this.isOp("(")) {
        this.i++;
        const args: ExprNode[] = [];
        if (!this.isOp(")")) {
          for (;;) {
            args.push(this.expr());
            if (this.isOp(",")) {
              this.i++;
              continue;
            }
            break;
          }
        }
        this.expectOp(")", `')' to close the call to ${t.v}(`);
        return { k: "call", fn: t.v, args, at: t.at };
      }
      const path = [t.v];
      while (this.isOp(".")) {
        this.i++;
        const n = this.peek();
        if (n.t !== "name") throw new SyntaxFailure(`expected a name after '.'`, n.at);
        this.i++;
        path.push(n.v);
      }
      return { k: "ref", path, at: t.at };
    }
    if (t.t === "op" && t.v === "(") {
      this.i++;
      const inner = this.expr();
      this.expectOp(")", "')'");
      return inner;
    }
    if (t.t === "end") throw new SyntaxFailure("the expression ends too early", t.at);
    throw new SyntaxFailure(`unexpected '${describe(t)}'`, t.at);
  }
}

function describe(t: Token): string {
  return t.t === "end" ? "end" : String(t.v);
}

/** Parses an expression; a number parses to a constant. Never throws. */
export function parseExpr(src: string | number | boolean): ParseResult {
  if (typeof src === "number") return { ok: true, node: { k: "num", v: src, at: 0 } };
  if (typeof src === "boolean") return { ok: true, node: { k: "bool", v: src, at: 0 } };
  try {
    return { ok: true, node: new Parser(tokenize(src)).parseAll() };
  } catch (e) {
    if (e instanceof SyntaxFailure) return { ok: false, error: { message: e.message, offset: e.offset } };
    throw e;
  }
}

/** Every reference and call in a tree, for static checks (unknown names, wrong arity). */
export function walkExpr(node: ExprNode, visit: (n: ExprNode) => void): void {
  visit(node);
  switch (node.k) {
    case "call":
      node.args.forEach((a) => walkExpr(a, visit));
      break;
    case "neg":
    case "not":
      walkExpr(node.a, visit);
      break;
    case "bin":
      walkExpr(node.a, visit);
      walkExpr(node.b, visit);
      break;
    case "cond":
      walkExpr(node.c, visit);
      walkExpr(node.a, visit);
      walkExpr(node.b, visit);
      break;
    default:
      break;
  }
}
