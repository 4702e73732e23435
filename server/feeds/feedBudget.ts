// The work one feed may cost per expansion: wall time and busy instances; past either, the expansion stops.

export interface Budget {
  /** Milliseconds of expansion. */
  ms: number;
  /** Busy instances inside the window, before merging. */
  instances: number;
}

/** Enough for any calendar a person keeps (2,000 events expand in ~25 ms), far too little for a runaway rule. */
export const DEFAULT_BUDGET: Budget = { ms: 2_000, instances: 50_000 };

export class OverBudget extends Error {
  constructor(readonly what: 'time' | 'instances') {
    super(`over the feed budget (${what})`);
  }
}

/** Counts steps and instances; throws OverBudget when the budget is spent. */
export class Meter {
  private steps = 0;
  private instances = 0;
  private readonly deadline: number;

  constructor(
    private readonly budget: Budget,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.deadline = now() + budget.ms;
  }

  /** One step of work (an iterator step, an event read); the clock is read every 256 steps. */
  step(): void {
    if ((++this.steps & 255) === 0 && this.now() > this.deadline) throw new OverBudget('time');
  }

  instance(): void {
    if (++this.instances > this.budget.instances) throw new OverBudget('instances');
  }
}
