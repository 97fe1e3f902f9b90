// Checks an AsyncAPI document as the AsyncAPI tools read it: @asyncapi/parser (the parser behind
// AsyncAPI's CLI, Studio and generators) must report no error and no warning.
// Usage: node asyncapi.mjs <document.json|yaml>... Exits 1 and prints the diagnostics otherwise.
// The gateway's OpenApiLintTest runs it on the document it serves at /asyncapi.
import { readFileSync } from 'node:fs';
import { Parser, DiagnosticSeverity } from '@asyncapi/parser';

const parser = new Parser();
let failed = false;
for (const file of process.argv.slice(2)) {
  const { document, diagnostics } = await parser.parse(readFileSync(file, 'utf8'));
  const serious = diagnostics.filter((d) => d.severity <= DiagnosticSeverity.Warning);
  for (const d of serious) {
    console.error(`${file}: ${d.severity === DiagnosticSeverity.Error ? 'error' : 'warning'} ${d.code} at ${d.path.join('.')}: ${d.message}`);
  }
  if (!document || serious.length > 0) {
    failed = true;
  } else {
    console.log(`${file}: AsyncAPI ${document.version()}, ${document.channels().length} channels, `
      + `${document.messages().length} messages: no error, no warning`);
  }
}
process.exit(failed ? 1 : 0);
