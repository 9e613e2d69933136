const tails = new Map<string, Promise<unknown>>();

/**
 * Runs `task` after every earlier task with the same key has settled (a per-process mutex).
 * Issuances in one book are serialised inside a process so they do not waste work racing for the
 * same number; across processes the conditional transaction is what keeps numbers unique.
 */
export async function withLock<T>(key: string, task: () => Promise<T>): Promise<T> {
  const previous = tails.get(key) ?? Promise.resolve();
  const run = previous.then(task, task);
  const tail = run.catch(() => undefined);
  tails.set(key, tail);
  try {
    return await run;
  } finally {
    if (tails.get(key) === tail) tails.delete(key);
  }
}
