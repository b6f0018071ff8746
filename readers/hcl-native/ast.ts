// The syntax tree of the HCL native syntax as the fast reader keeps it: only what converting to
// hcl2json's JSON (to-hcl2json.ts) and folding constants (evaluate.ts) need. Every node carries its
// source range (`start`, `end`: string offsets), because hcl2json writes most expressions as their
// source text wrapped in `${...}`.

export interface Range {
  start: number;
  end: number;
}

/** A number (its source text, so that large integers keep every digit), true, false or null. */
export interface LiteralNode extends Range {
  kind: "literal";
  value: number | boolean | null;
  /** The number as written (digits, fraction, exponent). */
  text?: string;
}

/** A quoted string or a heredoc: literal text, interpolations and directives. */
export interface TemplateNode extends Range {
  kind: "template";
  parts: TemplatePart[];
  heredoc: boolean;
}

/** A quoted string that is exactly one interpolation: `"${x}"` (hclsyntax's TemplateWrapExpr). */
export interface WrapNode extends Range {
  kind: "wrap";
  inner: Expr;
}

export interface TupleNode extends Range {
  kind: "tuple";
  items: Expr[];
}

export interface ObjectItem {
  key: Expr;
  /** A bare name or dotted names (`a`, `a.b`): hcl2json keeps its source text. */
  bareKey: boolean;
  value: Expr;
}

export interface ObjectNode extends Range {
  kind: "object";
  items: ObjectItem[];
}

export interface UnaryNode extends Range {
  kind: "unary";
  op: "-" | "!";
  operand: Expr;
}

export interface ConditionalNode extends Range {
  kind: "conditional";
  condition: Expr;
  whenTrue: Expr;
  whenFalse: Expr;
}

export interface CallNode extends Range {
  kind: "call";
  name: string;
  args: Expr[];
  /** The last argument is expanded with `...`. */
  expand: boolean;
}

/** `a`, `a.b[0]`, `var.x`: a root name and static steps. */
export interface TraversalNode extends Range {
  kind: "traversal";
}

/** Everything else hcl2json writes as source text: operators, for expressions, parentheses, index and splat. */
export interface OtherNode extends Range {
  kind: "other";
}

export type Expr = LiteralNode | TemplateNode | WrapNode | TupleNode | ObjectNode | UnaryNode | ConditionalNode | CallNode | TraversalNode | OtherNode;

/** Literal text as hcl2json writes it (escapes applied, `${` and `%{` written `$${` and `%%{`) and as Terraform evaluates it. */
export interface TextPart {
  kind: "text";
  /** As Terraform evaluates it: escapes applied, `$${` read as `${`. */
  value: string;
  /** In a heredoc: the text begins a line (what `<<-` measures and strips the indentation of). */
  lineStart?: boolean;
}

export interface InterpolationPart {
  kind: "interpolation";
  expr: Expr;
}

export interface IfPart {
  kind: "if";
  condition: Expr;
  then: TemplatePart[];
  else: TemplatePart[];
}

export interface ForPart {
  kind: "for";
  key?: string;
  value: string;
  collection: Expr;
  body: TemplatePart[];
}

export type TemplatePart = TextPart | InterpolationPart | IfPart | ForPart;

export interface Attribute {
  name: string;
  expr: Expr;
}

export interface Block {
  type: string;
  labels: string[];
  body: Body;
}

export interface Body {
  /** In source order; a name set twice is a syntax error (the parser hands the file back). */
  attributes: Attribute[];
  blocks: Block[];
}
