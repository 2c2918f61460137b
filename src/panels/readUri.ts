import { readFile, readdir, stat } from 'node:fs/promises';
import * as vscode from 'vscode';

// Local files go through Node's fs: several times faster than the workspace.fs round trip per call, which
// matters for a 500-file series. Other schemes (remote, virtual) go through workspace.fs.

export async function uriSize(uri: vscode.Uri): Promise<number> {
  return uri.scheme === 'file' ? (await stat(uri.fsPath)).size : (await vscode.workspace.fs.stat(uri)).size;
}

export async function isDirectory(uri: vscode.Uri): Promise<boolean> {
  if (uri.scheme === 'file') return (await stat(uri.fsPath)).isDirectory();
  return ((await vscode.workspace.fs.stat(uri)).type & vscode.FileType.Directory) !== 0;
}

/** The file's bytes as a plain Uint8Array view: VS Code sends typed arrays to a webview as binary, a Buffer it would JSON-serialise. */
export async function readUriBytes(uri: vscode.Uri): Promise<Uint8Array> {
  const read = uri.scheme === 'file' ? await readFile(uri.fsPath) : await vscode.workspace.fs.readFile(uri);
  return new Uint8Array(read.buffer, read.byteOffset, read.byteLength);
}

/** Names and kinds of a folder's entries. */
export async function listDirectory(uri: vscode.Uri): Promise<{ name: string; directory: boolean; file: boolean }[]> {
  if (uri.scheme === 'file') {
    return (await readdir(uri.fsPath, { withFileTypes: true })).map((d) => ({ name: d.name, directory: d.isDirectory(), file: d.isFile() }));
  }
  return (await vscode.workspace.fs.readDirectory(uri)).map(([name, type]) => ({
    name, directory: (type & vscode.FileType.Directory) !== 0, file: (type & vscode.FileType.File) !== 0,
  }));
}
