// Checks OpenAPI documents as an integrator's tools read them: Redocly's recommended rules with no
// error and no warning (redocly.yaml), and every `pattern` compiled as JSON Schema validators and
// generated clients compile it (ECMA-262, flag u). Usage: node check.mjs <document.json>...
// Exits 1 and prints what is wrong otherwise. The gateway's OpenApiLintTest runs it.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const cli = join(here, 'node_modules', '@redocly', 'cli', 'bin', 'cli.js');
const failures = [];

function patterns(node, at, found) {
  if (Array.isArray(node)) {
    node.forEach((child, i) => patterns(child, `${at}/${i}`, found));
  } else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === 'pattern' && typeof value === 'string') {
        found.push([`${at}/pattern`, value]);
      } else {
        patterns(value, `${at}/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`, found);
      }
    }
  }
  return found;
}

for (const file of process.argv.slice(2)) {
  for (const [at, pattern] of patterns(JSON.parse(readFileSync(file, 'utf8')), '#', [])) {
    try {
      new RegExp(pattern, 'u');
    } catch (e) {
      failures.push(`${file} ${at}: ${pattern} is not ECMA-262 (${e.message})`);
    }
  }
  const lint = spawnSync(process.execPath, [cli, 'lint', '--config', join(here, 'redocly.yaml'), '--format', 'json', file],
    { encoding: 'utf8', env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' } });
  let report;
  try {
    report = JSON.parse(lint.stdout);
  } catch (e) {
    failures.push(`${file}: redocly lint answered no report (exit ${lint.status}): ${lint.stdout}${lint.stderr}`);
    continue;
  }
  for (const problem of report.problems) {
    const where = problem.location?.map((l) => l.pointer).join(', ');
    failures.push(`${file} ${where}: ${problem.severity} ${problem.ruleId}: ${problem.message}`);
  }
  if (lint.status !== 0 && report.problems.length === 0) {
    failures.push(`${file}: redocly lint exited ${lint.status}: ${lint.stderr}`);
  }
}

if (failures.length > 0) {
  console.log(failures.join('\n'));
  process.exit(1);
}
console.log(`${process.argv.length - 2} documents: no lint problem, every pattern ECMA-262`);
