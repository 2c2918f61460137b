import * as vscode from 'vscode';

/** A read-only image file; the bytes are read when a view asks, so opening a tab costs nothing up front. */
export class ImageDocument implements vscode.CustomDocument {
  constructor(readonly uri: vscode.Uri) {}
  dispose(): void {}
}
