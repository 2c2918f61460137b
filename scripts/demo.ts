// `npm start`: Voxel Lab in a real VS Code (code-server) on the sample images, until Ctrl-C.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startCodeServer, freePort } from '../test/harness/codeServer';
import { repoRoot, samplesDir } from '../test/harness/paths';

async function main(): Promise<void> {
  const wanted = Number(process.env.PORT ?? 8080);
  const port = (await portFree(wanted)) ? wanted : await freePort();
  const stateDir = join(repoRoot, '.tmp', 'demo-code-server');
  mkdirSync(stateDir, { recursive: true });
  const server = await startCodeServer({ workspace: samplesDir, extensionMode: 'symlink', stateDir, port });
  const url = server.workbenchUrl();
  console.log(`\nVoxel Lab is running in code-server (VS Code in the browser) on the sample images:\n\n  ${url}\n`);
  console.log('Open a .dcm under dicom/ or a .nii.gz under nifti/. Remote machine? Forward the port: ssh -L ' + `${port}:127.0.0.1:${port} …`);
  console.log('Press Ctrl-C to stop (the harness stops code-server and everything it started).\n');
  await new Promise(() => undefined);
}

async function portFree(port: number): Promise<boolean> {
  const { createServer } = await import('node:net');
  return new Promise((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
