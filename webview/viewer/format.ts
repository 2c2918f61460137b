/** A number for overlays and the status bar: integers as is, others with a few significant decimals. */
export function fmt(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (Number.isInteger(n)) return String(n);
  return n.toFixed(Math.abs(n) < 10 ? 3 : 1).replace(/0+$/, '').replace(/\.$/, '');
}

export function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
