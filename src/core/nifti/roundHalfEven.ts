/**
 * Rounds to `decimals` places the way Python's round() does for floats: on the exact binary value,
 * ties to even. reference.json was written by Python, and an exact tie (a mean of 0.03125 at 4
 * places) is real for integer data, where Number(x.toFixed(4)) would round up instead.
 */
export function roundHalfEven(x: number, decimals: number): number {
  if (!Number.isFinite(x) || Math.abs(x) >= 1e21) return x;
  // toFixed(100) is exact for every double this size with at most 100 fractional digits, which covers
  // all values we round (|x| ≥ 1e-40 or so); smaller values are not ties and fall through.
  const exact = Math.abs(x).toFixed(100);
  const dot = exact.indexOf('.');
  const rest = exact.slice(dot + 1 + decimals);
  if (!/^50*$/.test(rest)) return Number(x.toFixed(decimals));
  const kept = exact.slice(0, dot + 1 + decimals);
  const lastDigit = Number(kept.replace('.', '').slice(-1));
  const magnitude = Number(kept) + (lastDigit % 2 === 1 ? 10 ** -decimals : 0);
  return Math.sign(x) * Number(magnitude.toFixed(decimals));
}
