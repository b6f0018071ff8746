// Literal template text as hcl2json writes it. hclsyntax reads `$${` and `%%{` in a template as
// the literal text `${` and `%{`; cdktf's fork of the converter writes such text escaped again, so
// that its output stays a valid template (Terraform JSON reads it the same way).
/** Literal template text as hcl2json writes it: a literal `${` or `%{` escaped again. */
export function escapeTemplateText(text: string): string {
  if (!text.includes("{")) return text;
  return text.replace(/\$\{/g, () => "$${").replace(/%\{/g, () => "%%{");
}
