/** The one HCL expression layer: tokenizer, parser, evaluator, templates and references (a leaf: imports nothing). */
export { HclSyntaxError, tokenize, type Token, type TemplatePart } from "./tokens";
export { parseExpression, type Node, type Step } from "./parse";
export { evaluateLiteral, evaluateNode, isLiteral, literalSource, renderNode, type HclValue } from "./evaluate";
export { closingBracket, isExpression, skipString, splitTemplate, wholeExpression } from "./template";
export { referencesInString, rewriteTemplateHeads, rewriteTraversalHeads, traversalsIn, traversalsOf, type Traversal } from "./traversals";
export { substitute, substituteString, type Scope } from "./substitute";
