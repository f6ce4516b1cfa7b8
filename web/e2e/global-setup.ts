import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const configuration = process.env.WEBTESTHOST_CONFIGURATION ?? 'Release';
const hostDll = join(root, 'tests', 'AutoBooking.WebTestHost', 'bin', configuration, 'net10.0', 'AutoBooking.WebTestHost.dll');
const startTimeoutMs = 240_000;

/**
 * Starts the built WebTestHost (the real worker over the Functions host protocol, the pipeline in-process, the sandbox)
 * and waits for its ready line; the function it returns (Playwright's teardown) closes its stdin, which stops it and
 * removes its database. Its log goes to .local/webtesthost.log.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  if (process.env.E2E_BASE_URL) {
    return async () => {}; // a server someone started by hand
  }
  if (!existsSync(hostDll)) {
    throw new Error(`${hostDll} is missing: build it first (dotnet build AutoBooking.sln -c ${configuration}).`);
  }
  mkdirSync(join(root, '.local'), { recursive: true });
  const logFile = join(root, '.local', 'webtesthost.log');
  const log = createWriteStream(logFile);
  const host = spawn(process.env.DOTNET_HOST_PATH ?? 'dotnet', [hostDll], { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] });
  host.stderr.pipe(log);
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`WebTestHost was not ready in ${startTimeoutMs / 1000} s; read ${logFile}`)), startTimeoutMs);
    let buffered = '';
    host.stdout.on('data', (chunk: Buffer) => {
      log.write(chunk);
      buffered += chunk.toString();
      const ready = /WebTestHost ready (\S+)/.exec(buffered);
      if (ready) {
        clearTimeout(timer);
        resolveUrl(ready[1]);
      }
    });
    host.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`WebTestHost exited with code ${code} before it was ready; read ${logFile}`));
    });
  });
  process.env.E2E_BASE_URL = url;
  console.log(`[e2e] WebTestHost at ${url} (log ${logFile})`);

  return async () => {
    const exited = new Promise<void>((done) => host.once('exit', () => done()));
    host.stdin.end();
    const graceful = await Promise.race([exited.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 30_000))]);
    if (!graceful) {
      host.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
    }
    log.end();
  };
}
