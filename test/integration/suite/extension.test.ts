import * as assert from 'node:assert/strict';
import { readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';

const EXTENSION_ID = 'voxel-lab.voxel-lab';
const VIEW_TYPE = 'voxelLab.imageViewer';

interface ViewerDescription {
  format: string | null;
  width: number;
  height: number;
  modality: string | null;
  count: number;
  index: number;
  error: { code: string; message: string } | null;
}
interface Api {
  activationMs: number;
  describeViewer(uri: vscode.Uri, timeoutMs?: number): Promise<ViewerDescription>;
}

function workspaceFile(...parts: string[]): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the test workspace is open');
  return vscode.Uri.joinPath(folder.uri, ...parts);
}

async function api(): Promise<Api> {
  const ext = vscode.extensions.getExtension<Api>(EXTENSION_ID);
  assert.ok(ext, `${EXTENSION_ID} is installed`);
  return ext.isActive ? ext.exports : await ext.activate();
}

async function openInViewer(uri: vscode.Uri): Promise<ViewerDescription> {
  await vscode.commands.executeCommand('vscode.openWith', uri, VIEW_TYPE);
  const tab = vscode.window.tabGroups.activeTabGroup.activeTab;
  assert.ok(tab?.input instanceof vscode.TabInputCustom, 'the active tab is a custom editor');
  assert.equal(tab.input.viewType, VIEW_TYPE);
  assert.equal(tab.input.uri.toString(), uri.toString());
  return (await api()).describeViewer(uri, 45000);
}

describe('Voxel Lab in the extension host', () => {
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('activates lazily and fast, exporting its API', async () => {
    const ext = vscode.extensions.getExtension<Api>(EXTENSION_ID);
    assert.ok(ext);
    const a = await api();
    assert.equal(typeof a.activationMs, 'number');
    assert.ok(a.activationMs >= 0);
    const events = (ext.packageJSON as { activationEvents?: string[] }).activationEvents ?? [];
    assert.ok(!events.includes('*') && !events.includes('onStartupFinished'), `activation is lazy: ${events.join(', ')}`);
  });

  it('loads no DICOM, NIfTI, ONNX or tfjs code when it activates', async () => {
    await api();
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext);
    // The extension bundle's source map lists every module compiled into dist/extension.js.
    const map = JSON.parse(readFileSync(join(ext.extensionPath, 'dist', 'extension.js.map'), 'utf8')) as { sources: string[] };
    assert.ok(map.sources.length > 3, 'the source map lists the bundled modules');
    const heavy = map.sources.filter((s) => /dicom-parser|core\/dicom|core\/nifti|nifti-reader|codec-|onnxruntime|tfjs/.test(s));
    assert.deepEqual(heavy, []);
    const loaded = Object.keys(require.cache).filter((p) => /dicom-parser|@cornerstonejs|onnxruntime|@tensorflow/.test(p));
    assert.deepEqual(loaded, []);
  });

  it('registers every command of the manifest', async () => {
    await api();
    const all = new Set(await vscode.commands.getCommands(true));
    for (const id of ['voxelLab.analyzeImage', 'voxelLab.trainModel', 'voxelLab.showFeatureMaps', 'voxelLab.openDicomSeries']) {
      assert.ok(all.has(id), `${id} is registered`);
    }
  });

  it('says plainly that Analyze Image is not in this version, with no result', async () => {
    const outcome = await vscode.commands.executeCommand<{ status: string; feature?: string }>('voxelLab.analyzeImage', workspaceFile('ct_explicit_le.dcm'));
    assert.deepEqual(outcome, { status: 'not-available', feature: 'Analyze Image' });
  });

  it('opens a CT .dcm in the custom editor and draws it', async () => {
    const d = await openInViewer(workspaceFile('ct_explicit_le.dcm'));
    assert.equal(d.error, null);
    assert.equal(d.format, 'dicom');
    assert.equal(d.modality, 'CT');
    assert.equal(d.width, 128);
    assert.equal(d.height, 128);
  });

  it('opens an extension-less DICOM through Open DICOM Series on the file', async () => {
    const uri = workspaceFile('ct5n', '2062');
    await vscode.commands.executeCommand('voxelLab.openDicomSeries', uri);
    const d = await (await api()).describeViewer(uri, 45000);
    assert.equal(d.error, null);
    assert.equal(d.format, 'dicom');
  });

  it('opens a folder as a DICOM series: five extension-less CT slices in one stack', async () => {
    const folder = workspaceFile('ct5n');
    const outcome = await vscode.commands.executeCommand<{ status: string }>('voxelLab.openDicomSeries', folder);
    assert.deepEqual(outcome, { status: 'done' });
    const d = await (await api()).describeViewer(folder, 45000);
    assert.equal(d.error, null);
    assert.equal(d.format, 'dicom');
    assert.equal(d.modality, 'CT');
    assert.equal(d.width, 16);
    assert.equal(d.height, 16);
    assert.equal(d.count, 5);
  });

  it('opens a NIfTI volume in the viewer', async () => {
    const d = await openInViewer(workspaceFile('brain_ch2bet_uint8.nii.gz'));
    assert.equal(d.error, null);
    assert.equal(d.format, 'nifti');
    // The stack of a NIfTI is its axial plane: 181 × 217 voxels in plane, 181 slices (reference.json dims).
    assert.equal(d.width, 181);
    assert.equal(d.height, 217);
    assert.equal(d.count, 181);
  });

  it('refuses a file over 2 GiB with a clear message instead of crashing', async () => {
    const big = workspaceFile('huge_sparse.dcm');
    // A sparse file: 2.5 GiB long, almost nothing on disk.
    writeFileSync(big.fsPath, '');
    truncateSync(big.fsPath, 2.5 * 2 ** 30);
    try {
      const d = await openInViewer(big);
      assert.equal(d.error?.code, 'image-too-large');
      assert.match(d.error?.message ?? '', /2\.5 GiB/);
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
      rmSync(big.fsPath, { force: true });
    }
  });

  it('shows a clear error for a broken file instead of an image', async () => {
    const d = await openInViewer(workspaceFile('truncated_in_header.dcm'));
    assert.ok(d.error, 'an error is shown');
    assert.match(d.error.code, /^dicom-/);
    assert.ok(d.error.message.length > 10 && !/\n\s+at /.test(d.error.message), `one clear sentence: ${d.error.message}`);
    assert.equal(d.width, 0);
  });
});
