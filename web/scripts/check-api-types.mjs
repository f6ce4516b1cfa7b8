// Fails when src/api/schema.d.ts is not what openapi-typescript makes of the API's OpenAPI document today.
// Regenerates into a temporary file and compares; `npm run api:generate` brings the committed file up to date.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const spec = '../functions/AutoBooking.Functions/OpenApi/openapi.json';
const committed = 'src/api/schema.d.ts';
const dir = mkdtempSync(join(tmpdir(), 'api-check-'));
const fresh = join(dir, 'schema.d.ts');
try {
  execFileSync(process.execPath, ['node_modules/openapi-typescript/bin/cli.js', spec, '-o', fresh], { stdio: 'pipe' });
  if (readFileSync(fresh, 'utf8') !== readFileSync(committed, 'utf8')) {
    console.error(`${committed} is stale: the OpenAPI document changed. Run \`npm run api:generate\` and commit the result.`);
    process.exit(1);
  }
  console.log(`${committed} matches ${spec}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
