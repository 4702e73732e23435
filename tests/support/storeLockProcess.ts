// Run as its own process: opens the SQLite store at argv[2] and holds its write lock inside a plan until stdin closes.
import { openSqliteStore } from '../../server/store/sqlite/sqliteStore.ts';

const store = openSqliteStore(process.argv[2]);
await store.runPlan(
  Date.now(),
  () =>
    new Promise<{ result: undefined }>((resolve) => {
      process.stdout.write('locked\n');
      process.stdin.on('end', () => resolve({ result: undefined }));
      process.stdin.resume();
    }),
);
await store.close();
