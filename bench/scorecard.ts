/**
 * Figures with their targets (issue 13): each printed as a ratio beside its target with ✓ or ✗,
 * and remembered, so that `npm run bench -- --check` can exit non-zero when one misses.
 * Ratios, not absolute times: both sides of each are measured in the same run on the same
 * machine, so the load of the moment weighs on both alike.
 */
export interface Target {
  /** What the ratio compares, e.g. "pooled overhead ÷ bare container start". */
  name: string;
  ratio: number;
  /** 'at most': the ratio must be ≤ bound; 'at least': ≥ bound. */
  bound: { atMost: number } | { atLeast: number };
}

export class Scorecard {
  private readonly results: Array<Target & { met: boolean }> = [];

  constructor(private readonly say: (line: string) => void) {}

  /** Records and prints one target's figure; returns whether it was met. */
  target(name: string, ratio: number, bound: Target['bound'], detail = ''): boolean {
    const met = Number.isFinite(ratio) && ('atMost' in bound ? ratio <= bound.atMost : ratio >= bound.atLeast);
    const goal = 'atMost' in bound ? `≤ ${bound.atMost}` : `≥ ${bound.atLeast}`;
    this.results.push({ name, ratio, bound, met });
    this.say(`  ${met ? '✓' : '✗'} ${name.padEnd(58)} ${ratio.toFixed(2).padStart(6)}  (target ${goal})${detail ? `  ${detail}` : ''}`);
    return met;
  }

  /** The targets missed so far. */
  missed(): Target[] {
    return this.results.filter((r) => !r.met);
  }

  /** The closing lines: every target with its verdict, and how many were missed. */
  summary(): string[] {
    const missed = this.missed();
    return [
      `targets: ${this.results.length - missed.length} of ${this.results.length} met`,
      ...missed.map((m) => `  missed: ${m.name} = ${m.ratio.toFixed(2)} (${'atMost' in m.bound ? `≤ ${m.bound.atMost}` : `≥ ${m.bound.atLeast}`})`),
    ];
  }
}
