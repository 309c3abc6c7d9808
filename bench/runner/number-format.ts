// How figures read in the reports: thousands separated, a precision that suits the magnitude.

/** `12,345`, `123`, `12.3`, `1.23`, `0.0123`: three significant digits below 100, integers above. */
export function formatNumber(value: number): string {
  const magnitude = Math.abs(value);
  if (magnitude >= 100) return Math.round(value).toLocaleString('en-US');
  if (magnitude >= 10) return trimZeros(value.toFixed(1));
  if (magnitude === 0) return '0';
  return String(Number(value.toPrecision(3)));
}

/** A value with its unit: `5,120 events/s`, `12.3 ms`, `41.2 %`. */
export function formatValue(value: number | null, unit: string): string {
  if (value === null) return 'not measured';
  const number = unit === '%' ? trimZeros(value.toFixed(1)) : formatNumber(value);
  return unit === '' ? number : `${number} ${unit}`;
}

function trimZeros(text: string): string {
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}
