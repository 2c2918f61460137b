// `npm run bench -- viewer-peer`: time to the first pixel of our viewer page beside niivue (@niivue/niivue, the
// WebGL2 engine of niivue-vscode), on the same NIfTI files, in the same headless chromium, from the same local
// server. Writes the `viewer-peer` section of bench/RESULTS.md.
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { launchBrowser } from '../../../test/harness/browser';
import { repoRoot } from '../../../test/harness/paths';
import { machine, median, revision, writeSection } from '../../results';
import { buildPeerPages } from './buildPages';
import { RESULT_EVENT, type CanvasCheck, type PeerResult, type PeerSample } from './page/timing';
import type { PeerViewer } from './pages';
import { peerInputs, type PeerInput } from './peerInputs';
import { startPeerServer, type PeerServer } from './peerServer';

const RUNS = Number(process.env.VOXEL_LAB_BENCH_RUNS ?? 7);
const VIEWERS: readonly PeerViewer[] = ['ours', 'niivue'];
/** Other benchmarks may share this machine's 2 cores: wait for a 1-minute load average at most this high. */
const QUIET_LOAD = 1.5;
const LOAD_TIMEOUT_MS = 180_000;

interface FileResult {
  input: PeerInput;
  samples: Record<PeerViewer, PeerSample[]>;
  checks: Record<PeerViewer, CanvasCheck>;
}

export async function benchViewerPeer(): Promise<void> {
  if (!existsSync(join(repoRoot, 'dist', 'webview', 'viewer.js'))) throw new Error('dist/ is missing: run `npm run build` first.');
  const work = join(repoRoot, 'bench', '.work', 'peer');
  const inputs = await peerInputs(repoRoot);
  const pages = await buildPeerPages(repoRoot, join(work, 'site'));
  const shots = join(work, 'screenshots');
  mkdirSync(shots, { recursive: true });
  const server = await startPeerServer({ dist: join(repoRoot, 'dist'), media: join(repoRoot, 'media'), peer: pages.dir, files: inputs.dir });
  const browser = await launchBrowser();
  const results: FileResult[] = [];
  try {
    const cdp = await browser.context.newCDPSession(browser.page);
    const { product } = (await cdp.send('Browser.getVersion')) as { product: string };
    await cdp.detach();
    const quiet = await waitForQuietCpu();
    for (const input of inputs.files) {
      const checks = {} as Record<PeerViewer, CanvasCheck>;
      // One untimed load each: warms the HTTP and code caches and the GPU process the same way for both,
      // and checks that the image really is on the canvas.
      for (const viewer of VIEWERS) {
        server.takeRequests();
        const s = await loadOnce(browser.context, server, viewer, input, join(shots, `${viewer}-${input.name}.png`));
        const check = s.check;
        if (!check || check.greyPixels < 0.01 * check.width * check.height) {
          throw new Error(`${viewer} on ${input.name}: the canvas does not show the image (${JSON.stringify(check)})`);
        }
        checks[viewer] = check;
        const fileFetches = server.takeRequests().filter((p) => p === `/files/${input.name}`).length;
        if (fileFetches !== 1) throw new Error(`${viewer} requested ${input.name} ${fileFetches} times in one load (expected 1)`);
      }
      const samples: Record<PeerViewer, PeerSample[]> = { ours: [], niivue: [] };
      for (let r = 0; r < RUNS; r++) {
        // Alternate which viewer goes first, so neither always follows the other's garbage.
        for (const viewer of r % 2 ? [...VIEWERS].reverse() : VIEWERS) {
          const s = await loadOnce(browser.context, server, viewer, input);
          samples[viewer].push(s);
          console.log(`${input.name} run ${r} ${viewer}: drawn ${s.drawnMs.toFixed(1)} ms, next frame ${s.frameMs.toFixed(1)} ms after navigation start`);
        }
      }
      results.push({ input, samples, checks });
    }
    writeSection('viewer-peer', report(results, {
      product, load: { ...quiet, after: loadavg()[0] ?? NaN }, niivueBytes: pages.niivueBytes,
      oursBytes: ['viewer.js', 'viewerWorker.js'].map((f) => statSync(join(repoRoot, 'dist', 'webview', f)).size),
    }));
  } finally {
    await browser.close();
    await server.close();
  }
}

/** Loads one viewer page on one file in a new tab, waits for the page's own report, and closes the tab. */
async function loadOnce(context: BrowserContext, server: PeerServer, viewer: PeerViewer, input: PeerInput, screenshot?: string): Promise<PeerSample> {
  const file = input.name;
  // The middle axial slice, which niivue shows first (page/oursHost.ts hands ours that index).
  const query: Record<string, string> = { index: String(Math.floor((input.dims[2] ?? 1) / 2)) };
  if (screenshot) query.check = '1';
  const page = await context.newPage();
  const foreign: string[] = [];
  page.on('request', (r) => {
    if (!r.url().startsWith(server.origin + '/') && !/^(data|blob):/.test(r.url())) foreign.push(r.url());
  });
  try {
    await page.goto(server.pageUrl(viewer, file, query));
    let timer: NodeJS.Timeout | undefined;
    const result = await Promise.race([
      page.evaluate((event) => new Promise<PeerResult>((resolve) => {
        if (window.peerResult) resolve(window.peerResult);
        else window.addEventListener(event, () => resolve(window.peerResult as PeerResult), { once: true });
      }), RESULT_EVENT),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${viewer} did not show ${file} within ${LOAD_TIMEOUT_MS / 1000} s`)), LOAD_TIMEOUT_MS);
      }),
    ]).finally(() => clearTimeout(timer));
    // Nothing may come from anywhere but the local server: no CDN, no fonts, no telemetry.
    if (foreign.length) throw new Error(`${viewer} fetched from elsewhere: ${foreign.join(', ')}`);
    if (!result.ok) throw new Error(`${viewer} on ${file}: ${result.error}`);
    if (screenshot) await page.screenshot({ path: screenshot });
    return result.sample;
  } finally {
    await page.close();
  }
}

async function waitForQuietCpu(): Promise<{ before: number; waitedS: number }> {
  const t0 = Date.now();
  while ((loadavg()[0] ?? 0) > QUIET_LOAD && Date.now() - t0 < 10 * 60_000) {
    console.log(`1-minute load average ${loadavg()[0]?.toFixed(2)} > ${QUIET_LOAD}: waiting 30 s for other work to finish …`);
    await new Promise((r) => setTimeout(r, 30_000));
  }
  return { before: loadavg()[0] ?? NaN, waitedS: Math.round((Date.now() - t0) / 1000) };
}

function report(results: FileResult[], o: { product: string; load: { before: number; waitedS: number; after: number }; niivueBytes: number; oursBytes: number[] }): string {
  type Key = 'scriptMs' | 'readyMs' | 'drawnMs' | 'frameMs';
  const at = (r: FileResult, v: PeerViewer, k: Key) => r.samples[v].map((s) => s[k]);
  const ms = (xs: number[]) => `${median(xs).toFixed(0)} (${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)})`;
  const ratio = (r: FileResult, k: Key) => `${(median(at(r, 'niivue', k)) / median(at(r, 'ours', k))).toFixed(2)}×`;
  const kib = (n: number) => (n >= 2 ** 20 ? `${(n / 2 ** 20).toFixed(1)} MiB` : `${(n / 1024).toFixed(0)} KiB`);
  const rows = results.flatMap((r) => [
    `| ${r.input.name} | ${r.input.dims.join('×')} ${r.input.datatype}, ${kib(r.input.bytes)} | **the first frame with the image, rendered** | ${ms(at(r, 'ours', 'frameMs'))} | ${ms(at(r, 'niivue', 'frameMs'))} | **${ratio(r, 'frameMs')}** |`,
    `| | | the image drawn into the canvas (niivue: issued) | ${ms(at(r, 'ours', 'drawnMs'))} | ${ms(at(r, 'niivue', 'drawnMs'))} | ${ratio(r, 'drawnMs')} |`,
  ]);
  const m = (r: FileResult, v: PeerViewer, k: Key) => median(at(r, v, k)).toFixed(0);
  const gap = (r: FileResult, v: PeerViewer, from: Key, to: Key) => median(r.samples[v].map((s) => s[to] - s[from])).toFixed(0);
  const phases = results.flatMap((r) => (['ours', 'niivue'] as const).map((v) =>
    `| ${r.input.name} | ${v} | ${m(r, v, 'scriptMs')} | ${m(r, v, 'readyMs')} | ${m(r, v, 'drawnMs')} | ${m(r, v, 'frameMs')} | ${gap(r, v, 'readyMs', 'drawnMs')} | ${gap(r, v, 'drawnMs', 'frameMs')} |`));
  const sources = results.map(({ input }) => `${input.name}: ${input.source}`).join('; ');
  const first = results[0];
  const renderer = first?.checks.niivue.renderer ?? 'unknown';
  const canvases = first ? `ours ${first.checks.ours.width}×${first.checks.ours.height} for ${first.input.name}, the image's own size, scaled by CSS; niivue ${first.checks.niivue.width}×${first.checks.niivue.height}, the page` : '';
  const chromium = o.product.replace(/^(Headless)?Chrome\//, '');
  const niivueVersion = (JSON.parse(readFileSync(join(repoRoot, 'node_modules', '@niivue', 'niivue', 'package.json'), 'utf8')) as { version: string }).version;
  const load = `1-minute load average ${o.load.before.toFixed(2)} when the runs began${o.load.waitedS ? ` (after waiting ${o.load.waitedS} s for it to fall below ${QUIET_LOAD})` : ''}, ${o.load.after.toFixed(2)} when they ended`;
  return `## Viewer: first pixel beside niivue (same files, same browser)

\`npm run bench -- viewer-peer\` — ${machine()}; ${revision(['src', 'webview'])}, dist/ as built.
Debian chromium ${chromium}, headless, with the test harness's flags (test/harness/browser.ts); its WebGL2 is
**software** (${renderer}): this machine has no GPU.
${load}; a shared 2-core VM, so other work may have run beside it.
Peer: @niivue/niivue ${niivueVersion}, the WebGL2 engine of niivue-vscode (a devDependency, used only here).

What is timed. Each run opens one viewer page on one file in a new tab of one browser, served by one local server
(127.0.0.1, the same caching headers for both), and reads the page's own clock, \`performance.now()\`: ms since the
tab's navigation started, so fetching and starting each viewer's scripts counts alike on both sides. Both pages
preload the file and fetch it while the viewer starts. **Ours**: the built page (dist/webview/viewer.js and its
decoding worker) with a stand-in for VS Code's host messages (bench/viewer/peer/page/oursHost.ts); "drawn" is its
\`rendered\` message, sent right after the first image is put into its canvas. **niivue**: a page bundled by webpack
from the package (bench/viewer/peer/page/niivuePage.ts): \`attachToCanvas\`, then \`loadFromArrayBuffer\` with the
fetched bytes (niivue-vscode also hands niivue bytes), one axial slice; "drawn" is its \`onImageLoaded\`, called
after its synchronous draw call and \`gl.finish()\`. **The first frame with the image, rendered**: a task posted from
the next \`requestAnimationFrame\` callback has run, i.e. that frame has been styled, laid out, painted and committed
to the compositor (which shows it next), the same for both (an upper bound: a task queued before it counts too).
This is the number to compare: with software GL, niivue's "drawn" only means its GL commands were issued. In a
Chrome trace of one niivue load of the brain file (taken while writing this benchmark, not by it), "drawn → frame"
is the frame's commit reading the WebGL canvas back for the software compositor, which waits for SwiftShader to
execute the queued GL work (the 3D texture and the scene).
Both show the middle axial slice: ours opens a volume at its first slice, so the stand-in host hands it a saved
state holding only that slice index, as VS Code restores a tab.
Median (range) of ${RUNS} runs per viewer and file, after one untimed warm-up each (which also checks, from the
canvas's pixels, that the image is there, and saves screenshots to bench/.work/peer/screenshots/); the two alternate
which goes first. **niivue ÷ ours > 1 means ours shows the image sooner.**

| file | dims, type, size | navigation start → | ours, ms | niivue, ms | niivue ÷ ours |
|---|---|---|---|---|---|
${rows.join('\n')}

Where the time goes (medians, ms since navigation start): "script" is when the page's entry module starts running
(its imports evaluated), "ready" when the viewer is set up and holds the file's bytes; from there on it decodes and draws.

| file | viewer | script | ready | drawn | frame rendered | ready → drawn | drawn → frame |
|---|---|---|---|---|---|---|---|
${phases.join('\n')}

Inputs: ${sources}. The NIfTI files made here come from nibabel (bench/viewer/peer/dicomToNifti.py), not from our code.

What differs between the two. Ours draws with a 2D canvas: its worker gunzips the whole file (fflate, in
JavaScript), reads the volume, computes its display range (0.5–99.5th percentile of all voxels), renders the one
slice it shows into 8-bit pixels, and the page puts them into a canvas of the image's size, then builds its toolbar
and status bar before the frame; no GPU is involved. niivue is WebGL2 on the page's main thread: before the first
frame it compiles its shaders (volume rendering, meshes and drawing included), gunzips the file with the browser's
native DecompressionStream, computes its display range, turns the whole volume into an RGBA 3D texture in RAS
orientation by drawing it slice by slice into that texture, then draws the slice, crosshair and labels over the
whole canvas.
Canvases: ${canvases}.
Here every GL step runs in SwiftShader on the CPU, which weighs on niivue's GPU work, most of all for large
volumes. **With a real GPU those steps run on the GPU instead; this benchmark has not measured that case, so these
ratios say nothing about a browser with GPU acceleration** (a VS Code desktop usually has one; with Remote-SSH the
webview still renders on the local machine). They describe a browser without it: headless CI, containers, virtual
desktops, or a GPU that Chromium blocklists. Script bundles: niivue's page ${kib(o.niivueBytes)}; ours
${o.oursBytes.map(kib).join(' + ')} (page + worker); both minified. Both pages run outside VS Code here; inside
code-server ours also waits for the webview to be created and for the extension host's \`open\` message (the
\`viewer\` section of this file measures that path).`;
}
