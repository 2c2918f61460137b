import { join } from 'node:path';

export const repoRoot = join(__dirname, '..', '..');
/** Generated inputs and the compiled DCMTK peer; gitignored. */
export const workDir = join(repoRoot, 'bench', '.work');
/** Debian's interpreter: pydicom, GDCM, numpy and nibabel are its packages (a pyenv python3 may come first on PATH). */
export const debianPython = '/usr/bin/python3';
export const rel = (p: string): string => (p.startsWith(repoRoot) ? p.slice(repoRoot.length + 1) : p);
