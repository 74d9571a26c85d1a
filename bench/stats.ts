/** Order statistics for benchmark samples: medians, not means, on a noisy shared machine. */
export function quantile(samples: number[], q: number): number {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const position = (sorted.length - 1) * q;
  const low = Math.floor(position);
  const high = Math.ceil(position);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (position - low);
}

export const median = (samples: number[]) => quantile(samples, 0.5);

export function describe(samples: number[], unit = 'ms'): string {
  const f = (n: number) => (n >= 100 ? n.toFixed(0) : n.toFixed(1));
  return `median ${f(median(samples))} ${unit}, p10 ${f(quantile(samples, 0.1))}, p90 ${f(quantile(samples, 0.9))} (n=${samples.length})`;
}
