// End-to-end: Debian's chromium (playwright-core) clicking the real VS Code UI of code-server with Voxel Lab installed.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decode } from 'fast-png';
import { launchBrowser } from '../harness/browser';
import { startCodeServer } from '../harness/codeServer';
import { repoRoot } from '../harness/paths';
import { makeSampleWorkspace } from '../harness/workspace';
import { runTests } from './miniRunner';
import { Workbench } from './workbench';

const CT = 'ct_explicit_le.dcm';
const BROKEN = 'truncated_in_header.dcm';

function cli(args: string[]): { code: number; stdout: string } {
  try {
    return { code: 0, stdout: execFileSync(process.execPath, [join(repoRoot, 'bin', 'voxel-lab.js'), ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }) };
  } catch (e) {
    const err = e as { status?: number; stdout?: string };
    return { code: err.status ?? 1, stdout: err.stdout ?? '' };
  }
}

async function main(): Promise<number> {
  if (!existsSync(join(repoRoot, 'dist', 'webview', 'viewer.js'))) throw new Error('dist/ is missing: run `npm run build` first.');
  const workspace = makeSampleWorkspace([CT, BROKEN, 'brain_ch2bet_uint8.nii.gz', 'rtdose_multiframe_implicit.dcm', 'us_rgb_explicit_be.dcm']);
  const scratch = mkdtempSync(join(tmpdir(), 'voxel-lab-e2e-'));
  // What users install: the .vsix `npm run package` makes, so a file missing from the package fails here.
  const vsix = join(scratch, 'voxel-lab.vsix');
  execFileSync(process.execPath, [join(repoRoot, 'node_modules', '@vscode', 'vsce', 'vsce'), 'package', '--no-yarn', '--out', vsix], { cwd: repoRoot, stdio: 'pipe' });
  const server = await startCodeServer({ workspace, extensionMode: 'vsix', vsix });
  const browser = await launchBrowser();
  const wb = new Workbench(browser.page);
  try {
    const { failed } = await runTests('e2e (chromium + code-server)', [
      {
        name: 'the workbench opens the sample workspace',
        run: async () => {
          await browser.page.goto(server.workbenchUrl());
          await browser.page.waitForSelector('.monaco-workbench', { timeout: 90000 });
          await wb.explorerRow(CT).waitFor({ timeout: 90000 });
        },
      },
      {
        name: 'Voxel Lab is ready: its commands are in the palette',
        run: () => wb.waitForCommand('Voxel Lab: Analyze Image'),
      },
      {
        name: 'a CT .dcm opens in the Voxel Lab viewer with the pixels the CLI renders',
        run: async () => {
          await wb.explorerRow(CT).click();
          const frame = await wb.viewerFrame(CT);
          assert.equal(await wb.viewerState(frame), 'rendered');
          const shown = await frame.evaluate(() => {
            const c = document.querySelector<HTMLCanvasElement>('canvas#image');
            if (!c) throw new Error('no canvas#image');
            const ctx = c.getContext('2d');
            if (!ctx) throw new Error('no 2D context');
            const d = ctx.getImageData(0, 0, c.width, c.height).data;
            return { width: c.width, height: c.height, rgba: Array.from(d), text: document.body.innerText };
          });
          const png = join(scratch, 'ct.png');
          const r = cli(['render', join(workspace, CT), '--out', png]);
          assert.equal(r.code, 0, 'the CLI renders the same file');
          const ref = decode(readFileSync(png));
          assert.equal(shown.width, ref.width);
          assert.equal(shown.height, ref.height);
          assert.equal(ref.channels, 1, 'a CT renders grey');
          let mismatches = 0;
          const distinct = new Set<number>();
          for (let i = 0; i < ref.width * ref.height; i++) {
            const [r0, g0, b0, a0] = [shown.rgba[4 * i], shown.rgba[4 * i + 1], shown.rgba[4 * i + 2], shown.rgba[4 * i + 3]];
            distinct.add(r0 ?? -1);
            if (r0 !== ref.data[i] || g0 !== ref.data[i] || b0 !== ref.data[i] || a0 !== 255) mismatches++;
          }
          assert.equal(mismatches, 0, 'every canvas pixel equals the CLI render');
          assert.ok(distinct.size > 50, `a real image, not a flat fill (${distinct.size} grey levels)`);
          assert.match(shown.text, /CT/);
          assert.match(shown.text, /128\s*×\s*128/);
          assert.match(shown.text, /mm/, 'pixel spacing is shown');
          mkdirSync(join(repoRoot, 'media'), { recursive: true });
          await browser.page.screenshot({ path: join(repoRoot, 'media', 'screenshot-viewer.png') });
        },
      },
      {
        name: 'right-clicking the file offers "Analyze Image", which says plainly it is not in this version',
        run: async () => {
          const entry = await wb.contextMenuEntry(CT, /^Analyze Image$/);
          await entry.click();
          const text = await wb.notification(/Analyze Image is not in this version yet/);
          assert.match(text, /Analyze Image/);
        },
      },
      {
        name: 'a broken DICOM shows what is wrong in the editor, as the CLI reports it',
        run: async () => {
          await wb.explorerRow(BROKEN).click();
          const frame = await wb.viewerFrame(BROKEN);
          assert.equal(await wb.viewerState(frame), 'error');
          const shown = await frame.evaluate(() => document.querySelector('.error')?.textContent ?? '');
          const r = cli(['inspect', join(workspace, BROKEN), '--json']);
          assert.equal(r.code, 2);
          const doc = JSON.parse(r.stdout) as { error: { code: string; message: string } };
          assert.ok(shown.includes(doc.error.code), `the editor names the error code ${doc.error.code}: "${shown}"`);
          assert.ok(!/\bat \S+ \(/.test(shown), 'no stack trace');
        },
      },
    ], {
      onFailure: async (t) => {
        mkdirSync(join(repoRoot, 'test-results'), { recursive: true });
        await browser.page.screenshot({ path: join(repoRoot, 'test-results', `e2e-${t.name.replace(/\W+/g, '-').slice(0, 60)}.png`) });
      },
      afterEach: async () => {
        await browser.page.keyboard.press('Escape');
        await browser.page.locator('.context-view .monaco-menu').waitFor({ state: 'detached', timeout: 3000 }).catch(() => undefined);
      },
    });
    return failed === 0 ? 0 : 1;
  } finally {
    await browser.close();
    await server.stop();
    rmSync(workspace, { recursive: true, force: true });
    rmSync(scratch, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    console.log('e2e (chromium + code-server): 0 passed, 1 failed');
    process.exit(1);
  },
);
