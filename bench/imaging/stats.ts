/** The q-quantile (0..1) of xs, linear between order statistics. */
export function quantile(xs: readonly number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return (s[lo] as number) + ((s[hi] as number) - (s[lo] as number)) * (pos - lo);
}

/** µs with a sensible number of digits. */
export function fmtUs(us: number): string {
  if (!Number.isFinite(us)) return '–';
  if (us >= 10000) return Math.round(us).toLocaleString('en-US');
  if (us >= 100) return us.toFixed(0);
  return us.toFixed(1);
}

export function fmtRatio(r: number): string {
  if (!Number.isFinite(r)) return '–';
  return r >= 10 ? `${r.toFixed(1)}×` : `${r.toFixed(2)}×`;
}

export function fmtBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 2 ** 20).toFixed(1)} MiB` : `${(n / 1024).toFixed(1)} KiB`;
}

