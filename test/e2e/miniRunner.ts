/** A sequential test list that shares one code-server + browser session and ends with "N passed, N failed". */
export interface E2eTest {
  name: string;
  run(): Promise<void>;
}

export interface Hooks {
  /** After a failure: e.g. save a screenshot. */
  onFailure?(test: E2eTest): Promise<void>;
  /** After every test: put the UI back in a known state. */
  afterEach?(): Promise<void>;
}

export async function runTests(label: string, tests: E2eTest[], hooks: Hooks = {}): Promise<{ passed: number; failed: number }> {
  let passed = 0;
  let failed = 0;
  for (const t of tests) {
    const t0 = Date.now();
    try {
      await t.run();
      passed++;
      console.log(`✔ ${t.name} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
    } catch (e) {
      failed++;
      console.log(`✖ ${t.name}\n  ${e instanceof Error ? (e.stack ?? e.message).split('\n').slice(0, 6).join('\n  ') : String(e)}`);
      await hooks.onFailure?.(t).catch(() => undefined);
    }
    await hooks.afterEach?.().catch(() => undefined);
  }
  console.log(`${label}: ${passed} passed, ${failed} failed`);
  return { passed, failed };
}
