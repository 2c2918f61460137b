import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, openSync, closeSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { codeServerEntry, node24, repoRoot } from './paths';
import { descendants, killOnExit, pidAlive, stopGroup } from './processGroup';

export interface CodeServerOptions {
  /** Folder opened as the workspace. */
  workspace: string;
  /**
   * 'symlink': the repo is installed as an extension (e2e, demo); 'development': loaded through the URL
   * payload (tests in the host); 'vsix': `vsix` is installed with code-server's --install-extension.
   */
  extensionMode: 'symlink' | 'development' | 'vsix';
  vsix?: string;
  /** Extra environment for code-server; it reaches the extension host. */
  env?: Record<string, string>;
  /** Keep code-server's files here instead of a fresh temporary folder (the demo keeps its settings). */
  stateDir?: string;
  /** Fixed port (the demo); by default a free loopback port. */
  port?: number;
  /** User settings on top of the harness's defaults (e.g. a colour theme). */
  userSettings?: Record<string, unknown>;
}

export interface CodeServerSession {
  readonly url: string;
  readonly workspace: string;
  readonly tmp: string;
  readonly logFile: string;
  /** The workbench URL that opens `workspace` (and, in development mode, loads the extension + its tests). */
  workbenchUrl(payload?: [string, string][]): string;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export function checkRuntime(): void {
  for (const p of [node24, codeServerEntry]) {
    if (!existsSync(p)) throw new Error(`${p} is missing: run \`bash scripts/install.sh\` (or \`npm test\`, which runs it) first.`);
  }
}

/**
 * Starts code-server on loopback in its own process group, with every file it writes (settings, logs,
 * extension folder, sockets) under one temporary folder, and returns once /healthz answers.
 */
export async function startCodeServer(o: CodeServerOptions): Promise<CodeServerSession> {
  checkRuntime();
  const tmp = o.stateDir ?? mkdtempSync(join(tmpdir(), 'voxel-lab-cs-'));
  const dirs = ['user-data', 'extensions', 'tmp', 'xdg-config', 'xdg-data', 'xdg-cache'].map((d) => join(tmp, d));
  for (const d of dirs) mkdirSync(d, { recursive: true });
  const [userData, extensions, tmpTmp, xdgConfig, xdgData, xdgCache] = dirs as [string, string, string, string, string, string];
  const config = join(tmp, 'config.yaml');
  writeFileSync(config, 'auth: none\ncert: false\n');
  const userSettings = join(userData, 'User', 'settings.json');
  if (!existsSync(userSettings)) {
    mkdirSync(join(userData, 'User'), { recursive: true });
    // No welcome page, no chat, no tips: the tests and the demo should see the workbench and our editor.
    writeFileSync(userSettings, JSON.stringify({
      'workbench.startupEditor': 'none', 'workbench.tips.enabled': false, 'chat.disableAIFeatures': true,
      'telemetry.telemetryLevel': 'off', 'extensions.autoCheckUpdates': false, 'update.mode': 'none',
      'workbench.enableExperiments': false, 'security.workspace.trust.enabled': false,
      'workbench.secondarySideBar.defaultVisibility': 'hidden', 'workbench.editor.enablePreview': false,
      ...o.userSettings,
    }, null, 2));
  }
  if (o.extensionMode === 'symlink') {
    const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { publisher: string; name: string; version: string };
    const link = join(extensions, `${pkg.publisher}.${pkg.name}-${pkg.version}`);
    if (!existsSync(link)) symlinkSync(repoRoot, link, 'dir');
  }
  if (o.extensionMode === 'vsix') {
    if (!o.vsix) throw new Error('extensionMode vsix needs the path of a .vsix');
    execFileSync(node24, [codeServerEntry, '--config', config, '--user-data-dir', userData, '--extensions-dir', extensions, '--install-extension', o.vsix], {
      stdio: 'pipe', env: { ...process.env, TMPDIR: tmpTmp, XDG_CONFIG_HOME: xdgConfig, XDG_DATA_HOME: xdgData, XDG_CACHE_HOME: xdgCache },
    });
  }
  const port = o.port ?? (await freePort());
  const logFile = join(tmp, 'code-server.log');
  const logFd = openSync(logFile, 'a');
  const args = [
    codeServerEntry, '--config', config, '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none',
    '--user-data-dir', userData, '--extensions-dir', extensions,
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust',
    '--disable-getting-started-override', '--ignore-last-opened',
    ...(o.extensionMode === 'development' ? ['--vscode-option', 'enable-smoke-test-driver'] : []),
    o.workspace,
  ];
  // detached → setsid(): code-server and everything it starts share one process group we can kill whole.
  const child = spawn(node24, args, {
    detached: true,
    stdio: ['ignore', logFd, logFd],
    env: { ...process.env, ...o.env, TMPDIR: tmpTmp, XDG_CONFIG_HOME: xdgConfig, XDG_DATA_HOME: xdgData, XDG_CACHE_HOME: xdgCache },
  });
  closeSync(logFd);
  const pgid = child.pid;
  if (pgid === undefined) throw new Error('code-server did not start');
  const unregister = killOnExit(pgid);
  const url = `http://127.0.0.1:${port}`;
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    const before = descendants(pgid);
    await stopGroup(pgid);
    unregister();
    const survivors = [pgid, ...before].filter(pidAlive);
    if (survivors.length > 0) console.error(`warning: processes left after stopping code-server: ${survivors.join(', ')}`);
    if (!o.stateDir) rmSync(tmp, { recursive: true, force: true });
  };
  try {
    await waitForHealth(url, child, logFile);
  } catch (e) {
    await stop();
    throw e;
  }
  return {
    url,
    workspace: o.workspace,
    tmp,
    logFile,
    stop,
    workbenchUrl(payload?: [string, string][]) {
      const q = `folder=${encodeURIComponent(o.workspace)}`;
      return `${url}/?${q}${payload ? `&payload=${encodeURIComponent(JSON.stringify(payload))}` : ''}`;
    },
  };
}

async function waitForHealth(url: string, child: ReturnType<typeof spawn>, logFile: string): Promise<void> {
  const deadline = Date.now() + 60000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`code-server exited with ${child.exitCode}:\n${tail(logFile)}`);
    try {
      const r = await fetch(`${url}/healthz`);
      if (r.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`code-server did not answer ${url}/healthz within 60 s:\n${tail(logFile)}`);
}

function tail(file: string): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-30).join('\n');
  } catch {
    return '(no log)';
  }
}
