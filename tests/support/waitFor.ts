// Polls until a probe gives a value: for outcomes that arrive a little later (mail from the outbox worker, files).

/** Resolves with the first value `probe` returns (or resolves to) other than undefined; rejects after `ms`. */
export async function waitFor<T>(probe: () => T | undefined | Promise<T | undefined>, ms = 15_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}
