import { execFileSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { format } from 'node:util';
import { launchBrowser } from './browser';
import { startCodeServer } from './codeServer';
import { repoRoot } from './paths';
import { makeSampleWorkspace } from './workspace';

export interface HostRunOptions {
  /** tsconfig folder to compile first (its outDir must hold `entry`). */
  project: string;
  /** Compiled module exporting `run(): Promise<void>`, as with @vscode/test-electron. */
  entry: string;
  env?: Record<string, string>;
  timeoutMs?: number;
  /** Lines from the host's console worth echoing. */
  echo?: (line: string) => boolean;
}

/**
 * Runs `entry` inside the real extension host of code-server, with Voxel Lab loaded as the development
 * extension (the workbench's URL payload, honoured with `enable-smoke-test-driver`), on a workspace of
 * sample images. Resolves with the exit code the workbench reports (0 = run() resolved).
 */
export async function runInExtensionHost(o: HostRunOptions): Promise<number> {
  if (!existsSync(join(repoRoot, 'dist', 'extension.js'))) throw new Error('dist/extension.js is missing: run `npm run build` first.');
  execFileSync(process.execPath, [join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', o.project], { stdio: 'inherit' });
  const workspace = makeSampleWorkspace();
  const server = await startCodeServer({ workspace, extensionMode: 'development', env: o.env });
  const browser = await launchBrowser();
  try {
    const auth = 'remote'; // code-server maps vscode-remote://remote/<path> to its own file system.
    const payload: [string, string][] = [
      ['extensionDevelopmentPath', `vscode-remote://${auth}${repoRoot}`],
      ['extensionTestsPath', `vscode-remote://${auth}${o.entry}`],
    ];
    let done!: (code: number) => void;
    const exited = new Promise<number>((r) => (done = r));
    await browser.page.exposeFunction('codeAutomationLog', (type: string, args: unknown[]) => {
      // Mocha's console output arrives as a format string with its arguments ('✔ %s (%dms)', title, ms).
      const text = format(...(Array.isArray(args) ? args : [args]));
      const ours = /voxel/i.test(text);
      if ((type === 'error' && ours) || o.echo?.(text) || process.env.VOXEL_LAB_HOST_LOG) console.log(`[host] ${text}`);
    });
    await browser.page.exposeFunction('codeAutomationExit', (code: number) => done(code));
    await browser.page.goto(server.workbenchUrl(payload));
    const limit = o.timeoutMs ?? 240000;
    const code = await Promise.race([exited, new Promise<number>((r) => setTimeout(() => r(-1), limit))]);
    if (code === -1) console.error(`the extension-host run did not finish within ${limit / 1000} s`);
    return code;
  } finally {
    await browser.close();
    await server.stop();
    rmSync(workspace, { recursive: true, force: true });
  }
}
