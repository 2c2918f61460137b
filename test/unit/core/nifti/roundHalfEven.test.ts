import { test } from 'node:test';
import assert from 'node:assert/strict';
import { roundHalfEven } from '../../../../src/core/nifti/roundHalfEven';

test('rounds like Python round(x, n): exact binary ties go to even, everything else to nearest', () => {
  // Values checked against CPython 3: round(0.03125, 4) == 0.0312, round(0.09375, 4) == 0.0938.
  assert.equal(roundHalfEven(0.03125, 4), 0.0312);
  assert.equal(roundHalfEven(0.09375, 4), 0.0938);
  assert.equal(roundHalfEven(-0.03125, 4), -0.0312);
  assert.equal(roundHalfEven(2.5, 0), 2);
  assert.equal(roundHalfEven(3.5, 0), 4);
  // 1.00005 is stored a little above the tie (1.00005000000000010551…), so it rounds up, as in Python.
  assert.equal(roundHalfEven(1.00005, 4), 1.0001);
  assert.equal(roundHalfEven(22.29897, 4), 22.299);
  assert.equal(roundHalfEven(-20741.17064, 4), -20741.1706);
  assert.ok(Number.isNaN(roundHalfEven(NaN, 4)));
});
