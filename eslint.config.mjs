// Layer rules of ARCHITECTURE.md, kept by CI rather than by memory.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';

const zones = [
  {
    target: './src/core',
    from: './src',
    except: ['./core'],
    message: 'The core knows no shell: src/core imports nothing from extension, commands, editors, panels, jobs, workers or cli.',
  },
  {
    target: ['./src/core/dicom', './src/core/nifti', './src/core/imaging'],
    from: './src/core',
    except: ['./dicom', './nifti', './imaging', './errors.ts', './lifecycle.ts', './macrotask.ts'],
    message: 'Decoding knows nothing of models, training or the protocol above it.',
  },
  {
    target: './webview',
    from: './src',
    except: ['./core/protocol', './core/dicom', './core/nifti', './core/imaging', './core/files', './core/viewer', './core/errors.ts', './core/lifecycle.ts', './core/macrotask.ts'],
    message: 'Webviews reach the host only through src/core/protocol and share only the pure imaging core.',
  },
];

const nodeBuiltins = {
  patterns: [{ regex: '^(node:.*|fs|path|os|child_process|worker_threads|zlib|crypto|url|util|stream|buffer|events|net|http|https)$', message: 'No Node built-ins here: this code is bundled for webviews and Web Workers.' }],
};

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', 'tools/**', '.tmp/**', 'samples/**', 'bench/.work/**', '**/*.js', '**/*.mjs', '**/*.cjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })] },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'import-x/no-restricted-paths': ['error', { zones }],
      'no-restricted-syntax': ['error', { selector: "CallExpression[callee.property.name='only']", message: 'No focused tests.' }],
    },
  },
  {
    files: ['src/core/**/*.ts', 'webview/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [{ name: 'vscode', message: 'The core and webviews never import vscode.' }] }] },
  },
  {
    files: ['src/core/{dicom,nifti,imaging,protocol,files,viewer}/**/*.ts', 'webview/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'vscode', message: 'The core and webviews never import vscode.' }], ...nodeBuiltins }],
    },
  },
);
