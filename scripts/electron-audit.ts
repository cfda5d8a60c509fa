// `npm run audit:electron`: Doyensec's electronegativity over src/ and the built out/. The tool never
// fails by itself, so this wrapper does: any HIGH finding, any file it could not parse, and any
// MEDIUM finding not accepted (with a reason) in electron-audit.allowlist.json fail the run.
// The check that downloads Electron's release list is disabled (no network in CI).
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

interface Finding {
  id: string;
  file: string;
  location: { line: number; column: number };
  severity: { name: string };
  confidence: { name: string };
}
interface AuditResult {
  atomicChecks: number;
  globalChecks: number;
  errors: Array<{ file: string; message: string; tolerable: boolean }>;
  issues: Finding[];
}
type Run = (options: Record<string, unknown>) => Promise<AuditResult>;

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
const run = require('@doyensec/electronegativity') as Run;
const electronVersion = (JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8')) as { version: string }).version;
const allowlist = (JSON.parse(readFileSync(join(root, 'scripts/electron-audit.allowlist.json'), 'utf8')) as { accepted: Array<{ id: string; file: string; reason: string }> }).accepted;

let failures = 0;
for (const input of ['src', 'out']) {
  if (!existsSync(join(root, input))) {
    console.error(`${input}/ does not exist: run \`npm run build\` before the audit.`);
    failures += 1;
    continue;
  }
  const result = await run({ input: join(root, input), excludeFromScan: ['availablesecurityfixesglobalcheck'], electronVersionOverride: electronVersion, isRelative: true });
  const parseErrors = result.errors.filter((error) => !error.tolerable);
  const high = result.issues.filter((issue) => issue.severity.name === 'HIGH');
  const medium = result.issues.filter((issue) => issue.severity.name === 'MEDIUM');
  const unexplained = medium.filter((issue) => !allowlist.some((entry) => entry.id === issue.id && entry.file === issue.file));
  console.log(`${input}/: ${result.atomicChecks + result.globalChecks} checks, ${result.issues.length} findings (${high.length} high, ${medium.length} medium, ${medium.length - unexplained.length} of them accepted), ${parseErrors.length} parse errors`);
  for (const error of parseErrors) console.error(`  parse error: ${error.file}: ${error.message}`);
  for (const issue of [...high, ...unexplained]) console.error(`  ${issue.severity.name} ${issue.id} at ${issue.file}:${issue.location.line}`);
  failures += parseErrors.length + high.length + unexplained.length;
}
if (failures > 0) {
  console.error(`Electron audit failed: ${failures} problem(s).`);
  process.exit(1);
}
console.log('Electron audit passed.');
